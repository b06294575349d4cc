-- Covering indexes for the reads a server makes of a large store: an entity's co-mentions (a
-- self-join on article_id) and its most frequent name read the index alone, not the rows, whose
-- JSON documents span many pages.
CREATE INDEX article_entities_article_canonical ON article_entities (article_id, canonical_id, type);
CREATE INDEX article_entities_canonical_name ON article_entities (canonical_id, name);
