-- Analyses (one JSON document per article) and the entities of each article, with the global
-- canonical id that cross-article resolution gives them.
CREATE TABLE analyses (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    doc        TEXT NOT NULL
);
CREATE TABLE article_entities (
    article_id   TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_key   TEXT COLLATE "C" NOT NULL,
    canonical_id TEXT COLLATE "C" NOT NULL,
    block        TEXT COLLATE "C" NOT NULL,
    type         TEXT COLLATE "C" NOT NULL,
    name         TEXT COLLATE "C" NOT NULL,
    lang         TEXT COLLATE "C" NOT NULL,
    published    TEXT COLLATE "C",
    mentions     INTEGER NOT NULL,
    salience     DOUBLE PRECISION NOT NULL,
    doc          TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, entity_key)
);
CREATE INDEX article_entities_canonical ON article_entities (canonical_id);
CREATE INDEX article_entities_block ON article_entities (block);
