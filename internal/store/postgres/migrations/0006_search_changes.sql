-- Which search documents changed, and when: every write of a document (a new article, a new
-- analysis, new canonical ids after resolution, a rebuild) stamps it with the revision of its
-- transaction, taken from search_rev (whose row lock orders the revisions as the transactions
-- commit), so that a process keeping an in-memory search index (store.SearchIndex) reads only
-- what changed since it last looked, whoever wrote it.
ALTER TABLE search ADD COLUMN rev BIGINT NOT NULL DEFAULT 0;
CREATE INDEX search_rev_idx ON search (rev);
CREATE TABLE search_rev (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    rev BIGINT NOT NULL
);
INSERT INTO search_rev (id, rev) VALUES (1, 0);
