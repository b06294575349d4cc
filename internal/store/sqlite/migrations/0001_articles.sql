-- Articles as read by the ingest stage.
CREATE TABLE articles (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    lang            TEXT NOT NULL,
    lang_confidence REAL NOT NULL,
    published       TEXT,
    published_from  TEXT,
    dateline        TEXT,
    outlet          TEXT,
    source          TEXT NOT NULL,
    url             TEXT,
    format          TEXT NOT NULL,
    ingested_at     TEXT NOT NULL,
    content_hash    TEXT NOT NULL,
    extra           TEXT
);
CREATE INDEX articles_lang ON articles (lang);
CREATE INDEX articles_published ON articles (published);
