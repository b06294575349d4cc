-- Which search documents changed, and when: every write of a document (a new article, a new
-- analysis, new canonical ids after resolution, a rebuild) records the article's seq with the
-- revision of its transaction, so that a process keeping an in-memory search index
-- (store.SearchIndex) reads only what changed since it last looked, whoever wrote it.
CREATE TABLE search_changes (
    article_seq INTEGER PRIMARY KEY,
    rev         INTEGER NOT NULL
);
CREATE INDEX search_changes_rev ON search_changes (rev);
CREATE TABLE search_rev (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    rev INTEGER NOT NULL
);
INSERT INTO search_rev (id, rev) VALUES (1, 1);
INSERT INTO search_changes (article_seq, rev) SELECT rowid, 1 FROM search;
