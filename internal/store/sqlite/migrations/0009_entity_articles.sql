-- An entity's newest articles (store.NewestEntityArticles) as an index range, however many
-- articles name it.
CREATE INDEX article_entities_canonical_newest ON article_entities (canonical_id, published, article_id);
