-- Schema version 7: the conflicts a team sync met, kept for the person to
-- review (docs/TEAM.md). When a pulled change and a change made here set
-- the same card or link, the later one wins on every copy; the other
-- version is kept here, one row per card or link (the latest conflict),
-- until the person has reviewed it. mine and theirs are the two versions
-- as JSON (docs/FILE_FORMAT.md's card and link fields); '' means that
-- side deleted it.
CREATE TABLE team_conflicts (
    entity      TEXT NOT NULL CHECK (entity IN ('card', 'link')),
    id          TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    mine        TEXT NOT NULL DEFAULT '',
    theirs      TEXT NOT NULL DEFAULT '',
    mine_at     TEXT NOT NULL DEFAULT '',
    theirs_at   TEXT NOT NULL DEFAULT '',
    kept_theirs INTEGER NOT NULL DEFAULT 0 CHECK (kept_theirs IN (0, 1)),
    PRIMARY KEY (entity, id)
) WITHOUT ROWID;
