-- Entity summaries kept at write time, so that reading an entity, listing entities and finding
-- its co-mentions are index look-ups rather than aggregations over article_entities: counters
-- per canonical entity (store.EntityCount: articles, mentions, languages, forms, names, roles,
-- countries, types), co-mention counts per pair of entities (both directions), and a head row
-- per entity for listing. Write and Resolve keep them in step (store.EntityDelta); the store
-- fills them from the entity rows when entity_meta.version is not store.EntityStatsVersion, as
-- after this migration.
CREATE TABLE entities (
    id       TEXT COLLATE "C" PRIMARY KEY,
    type     TEXT COLLATE "C" NOT NULL,
    name     TEXT COLLATE "C" NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL
);
CREATE INDEX entities_rank ON entities (articles DESC, id);
CREATE INDEX entities_type_rank ON entities (type, articles DESC, id);
CREATE TABLE entity_counts (
    id    TEXT COLLATE "C" NOT NULL,
    kind  TEXT COLLATE "C" NOT NULL,
    value TEXT COLLATE "C" NOT NULL,
    lang  TEXT COLLATE "C" NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (id, kind, value, lang)
);
CREATE TABLE entity_pairs (
    a TEXT COLLATE "C" NOT NULL,
    b TEXT COLLATE "C" NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE INDEX entity_pairs_rank ON entity_pairs (a, n DESC, b);
CREATE TABLE entity_meta (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
