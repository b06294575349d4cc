-- Linking: each article's features (a link.Doc), its event and story, and its strongest links;
-- events: each article's PLOVER event records. seq orders link_articles by first save (a sequence,
-- so that it needs no MAX() under concurrent saves); link_meta.revision counts the saves.
CREATE SEQUENCE link_articles_seq;
CREATE TABLE link_articles (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    seq        BIGINT NOT NULL DEFAULT nextval('link_articles_seq'),
    event_id   TEXT COLLATE "C" NOT NULL,
    story_id   TEXT COLLATE "C" NOT NULL,
    doc        TEXT NOT NULL,
    links      TEXT NOT NULL
);
CREATE INDEX link_articles_seq_idx ON link_articles (seq);
CREATE INDEX link_articles_event ON link_articles (event_id);
CREATE INDEX link_articles_story ON link_articles (story_id);
CREATE TABLE link_params (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    params TEXT NOT NULL
);
CREATE TABLE link_meta (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL
);
INSERT INTO link_meta (id, revision) VALUES (1, 0);
CREATE TABLE article_events (
    id         TEXT COLLATE "C" PRIMARY KEY,
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    type       TEXT COLLATE "C" NOT NULL,
    date       TEXT COLLATE "C",
    published  TEXT COLLATE "C",
    lang       TEXT COLLATE "C" NOT NULL,
    doc        TEXT NOT NULL
);
CREATE INDEX article_events_article ON article_events (article_id);
CREATE INDEX article_events_type ON article_events (type);
