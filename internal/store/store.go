// Package store defines where Storyline keeps what the pipeline produces: articles, and in later
// stages their analyses, entities, links and events. It is the contract between the pipeline and
// its backends — store/sqlite, the embedded default, and store/postgres — and holds no backend code
// itself. storetest runs one suite against every backend.
package store

import (
	"context"
	"errors"

	"storyline/internal/analyse"
	"storyline/internal/events"
	"storyline/internal/ingest"
	"storyline/internal/link"
)

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// ErrAmbiguous is returned when an id prefix matches more than one record.
var ErrAmbiguous = errors.New("ambiguous id prefix")

// Batch is the unit of writing: everything in it lands in one transaction or not at all.
type Batch struct {
	Articles []ingest.Article
	// Analyses of articles of this batch or of stored ones; an analysis replaces the stored one
	// of its article, and its Entities replace that article's entity rows.
	Analyses []Analysed
}

// Analysed is an article's analysis with its entity rows and events.
type Analysed struct {
	Analysis analyse.Analysis
	Entities []EntityRow
	// Events replace the stored events of the article.
	Events []events.Event
}

// EntityRow is one entity of one article, as cross-article resolution sees it.
type EntityRow struct {
	ArticleID string
	Lang      string
	Published string
	// Entity is the article's entity, with its mentions.
	Entity analyse.Entity
	// Block groups the rows that resolution compares with each other (for people a phonetic key
	// of the family name); "" for entities whose key is already global (gazetteer entries).
	Block string
	// CanonicalID is the global id; when writing a batch, the provisional one.
	CanonicalID string
}

// Resolver assigns global canonical ids to all the rows of some blocks; it returns one id per row,
// in order, and must not depend on the order of rows.
type Resolver func(rows []EntityRow) []string

// EntityFilter selects canonical entities.
type EntityFilter struct {
	Type  string // person, country, city, place, region, organisation; "" for all
	Limit int
}

// EntitySummary is a canonical entity with what the store knows of it.
type EntitySummary struct {
	ID       string         `json:"id"`
	Type     string         `json:"type"`
	Name     string         `json:"name"`
	NameAr   string         `json:"name_ar,omitempty"`
	Country  string         `json:"country,omitempty"`
	Roles    []string       `json:"roles,omitempty"`
	Articles int            `json:"articles"`
	Mentions int            `json:"mentions"`
	Forms    []Form         `json:"forms"`
	Langs    map[string]int `json:"languages"`
	// CoMentions are the entities most often in the same articles, most frequent first.
	CoMentions []CoMention `json:"co_mentions,omitempty"`
}

// Form is one surface form of an entity with its language and number of articles.
type Form struct {
	Text     string `json:"text"`
	Lang     string `json:"lang"`
	Articles int    `json:"articles"`
}

// CoMention is an entity that shares articles with another.
type CoMention struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Articles int    `json:"articles"`
}

// BatchResult reports what a batch changed.
type BatchResult struct {
	// Inserted[i] is true when Batch.Articles[i] was new; false when an article with the same id
	// was already stored (or appeared earlier in the same batch).
	Inserted []bool
}

// ArticleFilter selects articles. Zero fields do not filter.
type ArticleFilter struct {
	Lang  string // ISO 639-1 code
	Since string // YYYY-MM-DD, inclusive, on the publication date
	Until string // YYYY-MM-DD, inclusive, on the publication date
	Limit int    // 0 means no limit
	// After continues a listing after the article with this ingest sequence number.
	After int64
}

// Writer writes batches.
type Writer interface {
	// Write stores a batch in one transaction. Re-writing an article that is already stored is
	// not an error and changes nothing.
	Write(ctx context.Context, b Batch) (BatchResult, error)
}

// ArticleReader reads stored articles.
type ArticleReader interface {
	// Article returns the article with this id, or the only one whose id starts with it
	// (ErrAmbiguous when several do, ErrNotFound when none).
	Article(ctx context.Context, id string) (ingest.Article, error)
	// Articles lists the articles that pass f, in ingest order, each with its ingest sequence
	// number; fn is called for each and may stop the listing by returning an error.
	Articles(ctx context.Context, f ArticleFilter, fn func(seq int64, a ingest.Article) error) error
	// Existing reports which of the given article ids are stored.
	Existing(ctx context.Context, ids []string) (map[string]bool, error)
	// LanguageCounts returns the number of stored articles per language.
	LanguageCounts(ctx context.Context) (map[string]int, error)
}

// AnalysisReader reads analyses and entities.
type AnalysisReader interface {
	// Analysis returns the stored analysis of an article (ErrNotFound when there is none).
	Analysis(ctx context.Context, articleID string) (analyse.Analysis, error)
	// Canonical returns the global canonical id of each entity key of an article.
	Canonical(ctx context.Context, articleID string) (map[string]string, error)
	// Entities lists canonical entities, most frequent first, with forms and co-mentions.
	Entities(ctx context.Context, f EntityFilter) ([]EntitySummary, error)
	// Entity returns one canonical entity by id (ErrNotFound when unknown).
	Entity(ctx context.Context, id string) (EntitySummary, error)
	// FindEntities returns the canonical ids whose id, name or one of whose surface forms equals
	// name (ASCII case folded), most frequent first.
	FindEntities(ctx context.Context, name string, limit int) ([]string, error)
	// EntityArticles lists the ids of the articles that mention a canonical entity, oldest first.
	EntityArticles(ctx context.Context, id string) ([]string, error)
	// NewestEntityArticles returns up to limit of the articles that mention a canonical entity,
	// newest first: by publication date (undated last), then by article id, descending. It reads
	// an index range, whatever the number of articles the entity is in.
	NewestEntityArticles(ctx context.Context, id string, limit int) ([]ArticleRef, error)
	// EntityRows returns the stored entity rows of the given articles (with their block and
	// canonical id), ordered by article id and entity key; a copy written back through Write
	// reproduces them exactly.
	EntityRows(ctx context.Context, articleIDs []string) ([]EntityRow, error)
	// StaleAnalyses lists up to limit ids of articles with no analysis or one older than version.
	StaleAnalyses(ctx context.Context, version, limit int) ([]string, error)
}

// EntityResolver re-resolves entity blocks.
type EntityResolver interface {
	// Resolve loads every row of the given blocks, asks r for their canonical ids and stores the
	// changes, in one transaction.
	Resolve(ctx context.Context, blocks []string, r Resolver) error
}

// LinkStore keeps the linking stage's state: every linked article's features, event and story.
type LinkStore interface {
	// LinkState returns the stored state, articles in the order they were linked.
	LinkState(ctx context.Context) (link.State, error)
	// SaveLinks stores the state of the given articles (new or changed) in one transaction.
	SaveLinks(ctx context.Context, params link.Params, articles []link.ArticleState) error
	// Stories lists stories, largest and most recent first.
	Stories(ctx context.Context, f StoryFilter) ([]StorySummary, error)
	// Story returns one story with its events and their articles (ErrNotFound when unknown).
	Story(ctx context.Context, id string) (StoryDetail, error)
	// ArticleLinks returns the event and story of an article (ErrNotFound when it is not linked).
	ArticleLinks(ctx context.Context, articleID string) (event, story string, err error)
	// Unlinked lists up to limit ids of analysed articles that are not linked yet, in ingest order.
	Unlinked(ctx context.Context, limit int) ([]string, error)
	// LinkRevision returns a number that grows every time SaveLinks stores something, so that a
	// linker can tell whether anyone else linked articles since it last read or saved the state.
	LinkRevision(ctx context.Context) (int64, error)
	// LockLinks blocks until the caller holds the store-wide linking lock and returns the
	// function that releases it. The lock serialises linking across goroutines and processes
	// sharing the store (a linker reads the state, links and saves while holding it); it is
	// released by the store when the process holding it dies.
	LockLinks(ctx context.Context) (unlock func(), err error)
	// TryLockLinks takes the linking lock only if it is free at once; ok is false when another
	// holder has it.
	TryLockLinks(ctx context.Context) (unlock func(), ok bool, err error)
}

// StoryFilter selects stories.
type StoryFilter struct {
	Lang        string // stories with articles in this language
	MinArticles int
	Limit       int
}

// StorySummary is a story as listed.
type StorySummary struct {
	ID       string            `json:"id"`
	Articles int               `json:"articles"`
	Events   int               `json:"events"`
	First    string            `json:"first,omitempty"` // earliest publication date
	Last     string            `json:"last,omitempty"`  // latest publication date
	Langs    map[string]int    `json:"languages"`       // articles per language
	Titles   map[string]string `json:"titles"`          // one title per language: its earliest article's
	// LastIngest is the ingest sequence number of the story's newest article, for "what is new".
	LastIngest int64 `json:"last_ingest"`
}

// StoryDetail is a story with its events.
type StoryDetail struct {
	StorySummary
	EventList []StoryEvent `json:"event_list"`
}

// StoryEvent is one event (same-happening cluster) of a story.
type StoryEvent struct {
	ID       string       `json:"id"`
	First    string       `json:"first,omitempty"`
	Last     string       `json:"last,omitempty"`
	Articles []ArticleRef `json:"articles"`
}

// ArticleRef is an article as a list shows it.
type ArticleRef struct {
	ID        string `json:"id"`
	Lang      string `json:"lang"`
	Title     string `json:"title"`
	Published string `json:"published,omitempty"`
}

// EventReader reads event records.
type EventReader interface {
	// ArticleEvents returns the events of the given articles (all articles when ids is nil), with
	// type and date bounds applied in the store; canonical ids are resolved by the caller.
	ArticleEvents(ctx context.Context, ids []string, f EventFilter) ([]events.Event, error)
	// CanonicalAll returns the canonical id of every (article, entity key) pair of the given
	// articles (all when ids is nil), keyed "articleID\x00key".
	CanonicalAll(ctx context.Context, ids []string) (map[string]string, error)
}

// EventFilter is what the store filters events on; actor filtering is done on canonical ids
// by the events stage.
type EventFilter struct {
	Type  string
	Lang  string
	Since string // on the event date, or the publication date of undated events
	Until string
}

// Searcher is full-text and cross-language search over the stored articles.
//
// The index. Every stored article has one search document (NewSearchDoc): the index tokens of
// its title and body (WordTokens: Arabic words normalised with every clitic-stripped and
// suffix-light form, Latin words folded, unaccented and stemmed, stop words dropped), the
// concept keys and topics of its analysis (Keys: ConceptToken and TopicToken, repeated by
// weight), and the canonical ids of its entity rows as the store holds them now (Entities:
// EntityTokens). A backend keeps the document in step with the store: Write indexes new articles
// and the analyses of a batch in the batch's transaction (an article stored without analysis is
// indexed by its text alone), Resolve rewrites the Entities of the articles whose canonical ids
// it changed, and a backend whose index was built with another SearchVersion rebuilds it.
//
// Matching. ParseQuery cuts SearchQuery.Text into terms and concept keys. An article matches a
// term when its Title or Body holds one of the term's Tokens; a concept key when its Title, Body
// or Keys hold it (English stems are concept keys, so an Arabic query's concepts find English
// text too); an entity id (SearchQuery.Entities) when its Entities hold it. An article is a hit
// when it matches at least one term, concept or entity of the query and passes every filter.
// When the query has no terms, concepts or entities at all (empty Text, or Text made only of stop
// words and punctuation, and no Entities or Concepts) every article passing the filters is a
// hit, newest first, with score 0 — unless Text was not empty, in which case there is no hit.
//
// Ranking. Hits come best first by Score = m + b/(1+b): m counts the query elements the article
// matches — each term (by a token or one of its concepts), each of SearchQuery.Concepts and each
// of SearchQuery.Entities — so that an article matching more of the query always ranks higher;
// b >= 0 is its BM25 relevance (or the backend's nearest equivalent) over all the query's tokens,
// a match weighing 4 in the title, 3 in the entities, 2 in the keys and 1 in the body. Ties go
// to the article stored last. Scores are comparable only within one result.
//
// Paging. Limit (default 20, at most MaxSearchLimit) and Offset select a page of the ranked hits;
// Total counts every hit. The same query over an unchanged store gives the same order.
type Searcher interface {
	// Search runs a query. It fails only on a bad filter (an error wrapping ErrBadQuery) or a
	// store failure; text of any content, including search-engine syntax, is never an error.
	Search(ctx context.Context, q SearchQuery) (SearchResult, error)
	// EntityForms calls fn for every distinct (canonical id, surface form, language) of the
	// stored entity rows — the forms of each row's analyse.Entity, and its Name and NameAr
	// under the row's language — with the number of articles in which it occurs, in no set
	// order. It is how a caller builds a name index to find the entities a query names.
	EntityForms(ctx context.Context, fn func(EntityForm) error) error
}

// SearchIndexKeeper is implemented by stores that can answer Search from an in-memory index
// (SearchIndex) kept in step with what any process writes to the store: the same answers as
// their SQL search, at a cost that does not grow with the number of articles a query matches.
// Long-running processes (servers) ask for it; loading takes time and memory in proportion to
// the store.
type SearchIndexKeeper interface {
	KeepSearchIndex(ctx context.Context) error
}

// ErrBadQuery is wrapped by the errors of malformed search filters.
var ErrBadQuery = errors.New("bad search query")

// MaxSearchLimit is the largest page of search hits.
const MaxSearchLimit = 200

// SearchQuery is a search: what to match and which articles may match.
type SearchQuery struct {
	// Text is the query as a user typed it, in any language and script; see ParseQuery.
	Text string
	// Entities are canonical entity ids that count as matches (the caller finds them from the
	// names in Text, across scripts).
	Entities []string
	// Concepts are concept keys (ConceptToken form) that count as matches besides Text's own.
	Concepts []string
	// Filters; zero values do not filter.
	Lang   string // ISO 639-1 language of the article
	Since  string // YYYY-MM-DD, inclusive, on the publication date
	Until  string // YYYY-MM-DD, inclusive, on the publication date
	Entity string // only articles with an entity row of this canonical id
	Topic  string // only articles whose analysis has this topic id
	Story  string // only articles of this story
	// Limit and Offset page the ranked hits.
	Limit  int
	Offset int
}

// SearchResult is one page of hits.
type SearchResult struct {
	Total int         `json:"total"`
	Hits  []SearchHit `json:"hits"`
}

// SearchHit is one article found, with what of the query it matched.
type SearchHit struct {
	ArticleRef
	Score float64 `json:"score"`
	// Snippet is the start of the body (at most 240 characters).
	Snippet string `json:"snippet"`
	// Terms are the query terms (QueryTerm.Text) the title or body matched.
	Terms []string `json:"terms,omitempty"`
	// Concepts are the concept keys matched (in the title, body or keys).
	Concepts []string `json:"concepts,omitempty"`
	// Entities are the canonical ids matched.
	Entities []string `json:"entities,omitempty"`
}

// EntityForm is one surface form of a canonical entity in one language.
type EntityForm struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Text     string `json:"text"`
	Lang     string `json:"lang"`
	Articles int    `json:"articles"`
}

// Store is a Storyline store. Implementations are safe for concurrent use.
type Store interface {
	Writer
	ArticleReader
	AnalysisReader
	EntityResolver
	LinkStore
	EventReader
	Searcher
	// SchemaVersion is the highest applied migration.
	SchemaVersion(ctx context.Context) (int, error)
	// Close releases the store.
	Close() error
}
