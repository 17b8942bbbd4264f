-- Schema version 1: the board, its cards, links and tags.
CREATE TABLE board (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    title    TEXT NOT NULL DEFAULT '',
    case_ref TEXT NOT NULL DEFAULT '',
    author   TEXT NOT NULL DEFAULT '',
    marking  TEXT NOT NULL DEFAULT '',
    created  TEXT NOT NULL,
    updated  TEXT NOT NULL
);

CREATE TABLE cards (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    x           REAL NOT NULL,
    y           REAL NOT NULL,
    width       REAL NOT NULL,
    height      REAL NOT NULL,
    color       TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL,
    updated     TEXT NOT NULL,
    party_type  TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL DEFAULT '',
    quote_text  TEXT NOT NULL DEFAULT '',
    speaker_id  TEXT REFERENCES cards(id) ON DELETE SET NULL,
    source_id   TEXT REFERENCES cards(id) ON DELETE SET NULL,
    locator     TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT '',
    reliability TEXT NOT NULL DEFAULT '',
    credibility INTEGER NOT NULL DEFAULT 0,
    date        TEXT NOT NULL DEFAULT '',
    publisher   TEXT NOT NULL DEFAULT '',
    url         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cards_speaker ON cards(speaker_id);
CREATE INDEX cards_source ON cards(source_id);

CREATE TABLE links (
    id        TEXT PRIMARY KEY,
    from_card TEXT NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    to_card   TEXT NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    relation  TEXT NOT NULL DEFAULT '',
    directed  INTEGER NOT NULL DEFAULT 1,
    status    TEXT NOT NULL DEFAULT '',
    note      TEXT NOT NULL DEFAULT '',
    created   TEXT NOT NULL,
    updated   TEXT NOT NULL
);
CREATE INDEX links_from ON links(from_card);
CREATE INDEX links_to ON links(to_card);

CREATE TABLE tags (
    card_id TEXT NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (card_id, tag)
);
