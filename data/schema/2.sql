-- Schema version 2: the history of every change, kept inside the file,
-- and tombstones for deleted cards and links so that a merge can tell
-- "deleted here" from "never seen here".
CREATE TABLE history (
    id        INTEGER PRIMARY KEY,
    change_no INTEGER NOT NULL,
    at        TEXT NOT NULL,
    author    TEXT NOT NULL DEFAULT '',
    label     TEXT NOT NULL DEFAULT '',
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before    TEXT,
    after     TEXT
);
CREATE INDEX history_entity ON history(entity_id);

CREATE TABLE deleted (
    id     TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    at     TEXT NOT NULL
);
