-- Linking: each article's features (a link.Doc), its event and story, and its strongest links;
-- events: each article's PLOVER event records.
CREATE TABLE link_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    event_id   TEXT NOT NULL,
    story_id   TEXT NOT NULL,
    doc        TEXT NOT NULL,
    links      TEXT NOT NULL
);
CREATE INDEX link_articles_event ON link_articles (event_id);
CREATE INDEX link_articles_story ON link_articles (story_id);
CREATE TABLE link_params (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    params TEXT NOT NULL
);
CREATE TABLE article_events (
    id         TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    type       TEXT NOT NULL,
    date       TEXT,
    published  TEXT,
    lang       TEXT NOT NULL,
    doc        TEXT NOT NULL
);
CREATE INDEX article_events_article ON article_events (article_id);
CREATE INDEX article_events_type ON article_events (type);
