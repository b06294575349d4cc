-- Analyses (one JSON document per article) and the entities of each article, with the global
-- canonical id that cross-article resolution gives them.
CREATE TABLE analyses (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    doc        TEXT NOT NULL
);
CREATE TABLE article_entities (
    article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_key   TEXT NOT NULL,
    canonical_id TEXT NOT NULL,
    block        TEXT NOT NULL,
    type         TEXT NOT NULL,
    name         TEXT NOT NULL,
    lang         TEXT NOT NULL,
    published    TEXT,
    mentions     INTEGER NOT NULL,
    salience     REAL NOT NULL,
    doc          TEXT NOT NULL,
    PRIMARY KEY (article_id, entity_key)
);
CREATE INDEX article_entities_canonical ON article_entities (canonical_id);
CREATE INDEX article_entities_block ON article_entities (block);
