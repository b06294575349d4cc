-- Search: one document per article (store.NewSearchDoc), built from the tokens normalised in Go
-- that the SQLite store feeds its FTS5 index with. title, body, keys and ents are the document's
-- fields as built (for explaining hits); toks holds each distinct token of each field prefixed with
-- the field's letter (t:, b:, k:, e:), lower-cased as FTS5's tokenizer folds them, GIN-indexed for
-- matching; tf counts the occurrences of each of them and len the tokens of all fields, for
-- ranking with FTS5's BM25.
CREATE TABLE search (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    keys       TEXT NOT NULL,
    ents       TEXT NOT NULL,
    toks       TEXT[] NOT NULL,
    tf         JSONB NOT NULL,
    len        INTEGER NOT NULL
);
CREATE INDEX search_toks ON search USING GIN (toks);
-- The store.SearchVersion the index was built with; a store opened by another version rebuilds it.
CREATE TABLE search_meta (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
