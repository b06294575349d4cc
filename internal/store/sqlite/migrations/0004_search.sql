-- Search: one document per article (store.NewSearchDoc), its tokens normalised in Go — the
-- built-in tokenizer does not fold Arabic — so FTS5 only splits on spaces here. rowid is the
-- article's seq. Columns: title and body word tokens, concept and topic keys, canonical entity ids.
CREATE VIRTUAL TABLE search USING fts5(title, body, keys, ents,
    tokenize = "unicode61 remove_diacritics 0 tokenchars ':-_'");
-- The store.SearchVersion the index was built with; a store opened by another version rebuilds it.
CREATE TABLE search_meta (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
