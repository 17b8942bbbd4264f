-- Team server schema, version 1 (docs/TEAM.md). Everything lives in the
-- schema evidenceboard. A case is visible only to the roles granted on it
-- (case_members): row-level security on every table checks it, so a role
-- without the grant cannot list, read or change the case.
CREATE SCHEMA IF NOT EXISTS evidenceboard;

CREATE TABLE evidenceboard.meta (
    one     boolean PRIMARY KEY DEFAULT true CHECK (one),
    version integer NOT NULL
);
INSERT INTO evidenceboard.meta (version) VALUES (1);

CREATE TABLE evidenceboard.cases (
    id      uuid PRIMARY KEY,
    name    text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    owner   name NOT NULL DEFAULT current_user,
    created timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE evidenceboard.case_members (
    case_id   uuid NOT NULL REFERENCES evidenceboard.cases (id) ON DELETE CASCADE,
    role_name name NOT NULL,
    PRIMARY KEY (case_id, role_name)
);

-- One row per change, as a board's changes table has it, with the
-- records of what it did. seq is the order the server took them in.
CREATE TABLE evidenceboard.changes (
    case_id   uuid NOT NULL REFERENCES evidenceboard.cases (id) ON DELETE CASCADE,
    seq       bigserial NOT NULL,
    uuid      uuid NOT NULL,
    author    text NOT NULL DEFAULT '',
    at        timestamptz NOT NULL,
    label     text NOT NULL DEFAULT '',
    records   jsonb NOT NULL CHECK (jsonb_typeof(records) = 'array'),
    pushed_by name NOT NULL DEFAULT current_user,
    PRIMARY KEY (case_id, seq),
    UNIQUE (case_id, uuid)
);

-- Source documents, stored once per case by their SHA-256.
CREATE TABLE evidenceboard.documents (
    case_id  uuid NOT NULL REFERENCES evidenceboard.cases (id) ON DELETE CASCADE,
    sha256   text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size     bigint NOT NULL,
    content  bytea NOT NULL,
    added_by name NOT NULL DEFAULT current_user,
    PRIMARY KEY (case_id, sha256)
);

-- may reports whether role who is a member (directly or through other
-- roles) of a role granted on case c; my_cases lists the cases it may
-- see. They run as the schema's owner so that they can read case_members
-- past that table's own policy; the caller passes current_user, which
-- inside them would be the owner. A granted role that has since been
-- dropped grants nothing. The policies use my_cases in an uncorrelated
-- subquery, which PostgreSQL runs once per statement, not once per row.
CREATE FUNCTION evidenceboard.my_cases(who name) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.case_id FROM evidenceboard.case_members AS m
    JOIN pg_catalog.pg_roles AS r ON r.rolname = m.role_name
    WHERE pg_catalog.pg_has_role(who, r.oid, 'member')
$$;

CREATE FUNCTION evidenceboard.may(c uuid, who name) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c IN (SELECT evidenceboard.my_cases(who))
$$;

ALTER TABLE evidenceboard.cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE evidenceboard.case_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE evidenceboard.changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE evidenceboard.documents ENABLE ROW LEVEL SECURITY;

-- The publisher sees the case it creates before it has granted itself.
CREATE POLICY cases_read ON evidenceboard.cases FOR SELECT
    USING (owner = current_user OR id IN (SELECT evidenceboard.my_cases(current_user)));
CREATE POLICY cases_add ON evidenceboard.cases FOR INSERT
    WITH CHECK (owner = current_user);

CREATE POLICY members_read ON evidenceboard.case_members FOR SELECT
    USING (case_id IN (SELECT evidenceboard.my_cases(current_user)));
CREATE POLICY members_add ON evidenceboard.case_members FOR INSERT
    WITH CHECK (case_id IN (SELECT evidenceboard.my_cases(current_user))
        OR EXISTS (SELECT 1 FROM evidenceboard.cases AS c WHERE c.id = case_id AND c.owner = current_user));
CREATE POLICY members_remove ON evidenceboard.case_members FOR DELETE
    USING (case_id IN (SELECT evidenceboard.my_cases(current_user)));

CREATE POLICY changes_read ON evidenceboard.changes FOR SELECT
    USING (case_id IN (SELECT evidenceboard.my_cases(current_user)));
CREATE POLICY changes_add ON evidenceboard.changes FOR INSERT
    WITH CHECK (case_id IN (SELECT evidenceboard.my_cases(current_user)) AND pushed_by = current_user);

CREATE POLICY documents_read ON evidenceboard.documents FOR SELECT
    USING (case_id IN (SELECT evidenceboard.my_cases(current_user)));
CREATE POLICY documents_add ON evidenceboard.documents FOR INSERT
    WITH CHECK (case_id IN (SELECT evidenceboard.my_cases(current_user)) AND added_by = current_user);

-- Any role that can connect may use the schema; the policies above decide
-- which rows it sees. Changes are never updated or deleted.
GRANT USAGE ON SCHEMA evidenceboard TO PUBLIC;
GRANT SELECT ON evidenceboard.meta TO PUBLIC;
GRANT SELECT, INSERT ON evidenceboard.cases, evidenceboard.changes, evidenceboard.documents TO PUBLIC;
GRANT SELECT, INSERT, DELETE ON evidenceboard.case_members TO PUBLIC;
GRANT USAGE ON SEQUENCE evidenceboard.changes_seq_seq TO PUBLIC;

-- A wake-up to every copy listening on the case; it carries no data
-- (notifications are lost on disconnect and limited in size), so a copy
-- that hears it pulls.
CREATE FUNCTION evidenceboard.notify_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pg_notify('evidenceboard_' || replace(c::text, '-', ''), '')
    FROM (SELECT DISTINCT case_id AS c FROM new_rows) AS cases;
    RETURN NULL;
END
$$;
-- Once per statement: a push of a thousand changes is one wake-up.
CREATE TRIGGER changes_notify AFTER INSERT ON evidenceboard.changes
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION evidenceboard.notify_change();
