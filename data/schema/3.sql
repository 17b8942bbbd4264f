-- Schema version 3: every change has a row of its own with a UUID, so that
-- copies of a board can exchange changes and know which they have seen;
-- history rows record only the fields a change touched, under the stable
-- names listed in docs/FILE_FORMAT.md. Rows written by version 2 keep
-- their whole values under Go's field names and their own at, author and
-- label; the readers take both.
CREATE TABLE changes (
    no     INTEGER PRIMARY KEY,
    uuid   TEXT NOT NULL UNIQUE,
    at     TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    label  TEXT NOT NULL DEFAULT ''
);
INSERT INTO changes (no, uuid, at, author, label)
    SELECT change_no,
           lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-' ||
                 substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)),
           at, author, label
    FROM (SELECT change_no, min(at) AS at, min(author) AS author, min(label) AS label,
                 hex(randomblob(16)) AS h
          FROM history GROUP BY change_no);
