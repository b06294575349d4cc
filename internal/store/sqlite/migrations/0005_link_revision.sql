-- The linking state's revision: SaveLinks adds one, so that a linker in another process can tell
-- whether the state changed since it last read or saved it.
CREATE TABLE link_meta (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO link_meta (id, revision) VALUES (1, 0);
