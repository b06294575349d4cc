// Package store defines where Storyline keeps what the pipeline produces: articles, and in later
// stages their analyses, entities, links and events. It is the contract between the pipeline and
// its backends — store/sqlite, the embedded default, and store/postgres — and holds no backend code
// itself. storetest runs one suite against every backend.
package store

import (
	"context"
	"errors"

	"storyline/internal/ingest"
)

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// ErrAmbiguous is returned when an id prefix matches more than one record.
var ErrAmbiguous = errors.New("ambiguous id prefix")

// Batch is the unit of writing: everything in it lands in one transaction or not at all.
type Batch struct {
	Articles []ingest.Article
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
	// LanguageCounts returns the number of stored articles per language.
	LanguageCounts(ctx context.Context) (map[string]int, error)
}

// Store is a Storyline store. Implementations are safe for concurrent use.
type Store interface {
	Writer
	ArticleReader
	// SchemaVersion is the highest applied migration.
	SchemaVersion(ctx context.Context) (int, error)
	// Close releases the store.
	Close() error
}
