-- Schema version 5: a board may be linked to a case on a team server
-- (docs/TEAM.md). These tables hold the link's state; a board that is not
-- linked leaves them empty. The server's address is kept without a
-- password: that comes from ~/.pgpass, PGPASSWORD or a prompt.
CREATE TABLE team_link (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    server     TEXT NOT NULL,
    case_id    TEXT NOT NULL,
    case_name  TEXT NOT NULL,
    pulled_seq INTEGER NOT NULL DEFAULT 0
);
-- Every change the server has: pushed from here, or pulled from it. A
-- change with no row here is waiting to be pushed. at is the change's
-- time as pushed.
CREATE TABLE team_changes (
    no     INTEGER PRIMARY KEY REFERENCES changes(no) ON DELETE CASCADE,
    origin TEXT NOT NULL CHECK (origin IN ('pushed', 'pulled')),
    at     TEXT NOT NULL DEFAULT ''
);
-- The time and change of the value each field holds (field '' is the
-- entity's existence): a pulled change sets a field only when it is
-- later, so every copy keeps the same, latest value.
CREATE TABLE team_stamps (
    entity TEXT NOT NULL,
    id     TEXT NOT NULL,
    field  TEXT NOT NULL,
    at     TEXT NOT NULL,
    uuid   TEXT NOT NULL,
    PRIMARY KEY (entity, id, field)
) WITHOUT ROWID;
