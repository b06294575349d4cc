-- Entity summaries kept at write time, so that reading an entity, listing entities and finding
-- its co-mentions are index look-ups rather than aggregations over article_entities: counters
-- per canonical entity (store.EntityCount: articles, mentions, languages, forms, names, roles,
-- countries, types), co-mention counts per pair of entities (both directions), and a head row
-- per entity for listing. Write and Resolve keep them in step (store.EntityDelta); the store
-- fills them from the entity rows when entity_meta.version is not store.EntityStatsVersion, as
-- after this migration.
CREATE TABLE entities (
    id       TEXT PRIMARY KEY,
    type     TEXT NOT NULL,
    name     TEXT NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX entities_rank ON entities (articles DESC, id);
CREATE INDEX entities_type_rank ON entities (type, articles DESC, id);
CREATE TABLE entity_counts (
    id    TEXT NOT NULL,
    kind  TEXT NOT NULL,
    value TEXT NOT NULL,
    lang  TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (id, kind, value, lang)
) WITHOUT ROWID;
CREATE TABLE entity_pairs (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX entity_pairs_rank ON entity_pairs (a, n DESC, b);
CREATE TABLE entity_meta (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
