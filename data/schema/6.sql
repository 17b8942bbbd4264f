-- Schema version 6: groups, pinned cards and tag colours (docs/FILE_FORMAT.md).
-- A group is a card of kind 'group': a labelled frame. A card names the
-- group it belongs to; deleting the group leaves its cards on the board.
-- A folded group is drawn as one card and hides its members.
ALTER TABLE cards ADD COLUMN group_id TEXT REFERENCES cards(id) ON DELETE SET NULL;
ALTER TABLE cards ADD COLUMN folded INTEGER NOT NULL DEFAULT 0;
-- A pinned card stays where it is when the board is tidied.
ALTER TABLE cards ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cards_group ON cards(group_id);
-- The colour of each tag (a strand): a JSON object from tag to "#rrggbb".
ALTER TABLE board ADD COLUMN tag_colors TEXT NOT NULL DEFAULT '';
