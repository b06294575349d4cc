// Package sqlite is Storyline's embedded store: one SQLite file (modernc.org/sqlite, pure Go, no
// cgo), in WAL mode, with versioned schema migrations and one transaction per batch.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"storyline/internal/ingest"
	"storyline/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the SQLite store. It is safe for concurrent use.
type Store struct {
	// searchDocBuilders build the search documents of written articles.
	searchDocBuilders store.SearchDocBuilders
	db                *sql.DB
	path              string
	// linkLock serialises linking where flock(2) is missing (see lock_other.go).
	linkLock chan struct{}
	// mem is the in-memory search index, once KeepSearchIndex asked for one.
	mem atomic.Pointer[memIndex]
}

var _ store.Store = (*Store)(nil)

// Open opens (creating if needed) the SQLite store at path and applies pending migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty database path")
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	// Reads go through a memory map and a 64 MiB page cache per connection, rather than a
	// read(2) per page: a server over a large store reads many pages per query.
	q.Add("_pragma", "mmap_size(4294967296)")
	q.Add("_pragma", "cache_size(-65536)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	s := &Store{db: db, path: path, linkLock: make(chan struct{}, 1)}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: migrate %s: %w", path, err)
	}
	if err := s.ensureSearchIndex(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	if err := s.ensureEntityStats(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB exposes the underlying database for backend-specific tools and tests.
func (s *Store) DB() *sql.DB { return s.db }

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(files)
	seen := map[int]string{}
	for _, f := range files {
		name := path.Base(f)
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: bad version: %w", name, err)
		}
		// Two files with one version would leave the second unapplied.
		if other, dup := seen[v]; dup {
			return fmt.Errorf("migrations %s and %s have the same version %d", other, name, v)
		}
		seen[v] = name
		body, err := migrations.ReadFile(f)
		if err != nil {
			return err
		}
		if err := s.apply(ctx, v, name, string(body)); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// apply runs one migration in its own transaction unless another process already has.
func (s *Store) apply(ctx context.Context, version int, name, body string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		version, name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// SchemaVersion returns the highest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v)
	return int(v.Int64), err
}

// Write stores a batch in one transaction.
func (s *Store) Write(ctx context.Context, b store.Batch) (store.BatchResult, error) {
	res := store.BatchResult{Inserted: make([]bool, len(b.Articles))}
	// Search documents are built before the transaction, so that tokenising does not hold the lock.
	docs, err := s.searchDocs(ctx, b)
	if err != nil {
		return res, fmt.Errorf("sqlite: search documents: %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("sqlite: begin batch: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, insertArticle)
	if err != nil {
		return res, fmt.Errorf("sqlite: prepare: %w", err)
	}
	defer stmt.Close()
	for i := range b.Articles {
		a := &b.Articles[i]
		args, err := articleArgs(a)
		if err != nil {
			return res, fmt.Errorf("sqlite: article %s: %w", a.ID, err)
		}
		r, err := stmt.ExecContext(ctx, args...)
		if err != nil {
			return res, fmt.Errorf("sqlite: insert article %s (%s): %w", a.ID, a.Source, err)
		}
		n, err := r.RowsAffected()
		if err != nil {
			return res, err
		}
		res.Inserted[i] = n == 1
	}
	if err := writeAnalyses(ctx, tx, b.Analyses); err != nil {
		return store.BatchResult{Inserted: make([]bool, len(b.Articles))}, fmt.Errorf("sqlite: %w", err)
	}
	if err := writeEvents(ctx, tx, b.Analyses); err != nil {
		return store.BatchResult{Inserted: make([]bool, len(b.Articles))}, fmt.Errorf("sqlite: %w", err)
	}
	if err := writeSearch(ctx, tx, b, res.Inserted, docs); err != nil {
		return store.BatchResult{Inserted: make([]bool, len(b.Articles))}, fmt.Errorf("sqlite: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return store.BatchResult{Inserted: make([]bool, len(b.Articles))}, fmt.Errorf("sqlite: commit batch: %w", err)
	}
	return res, nil
}

const insertArticle = `INSERT INTO articles (id, title, body, lang, lang_confidence, published, published_from,
	dateline, outlet, source, url, format, ingested_at, content_hash, extra)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (id) DO NOTHING`

const articleColumns = `seq, id, title, body, lang, lang_confidence, published, published_from, dateline,
	outlet, source, url, format, ingested_at, content_hash, extra`

func articleArgs(a *ingest.Article) ([]any, error) {
	var extra any
	if len(a.Extra) > 0 {
		b, err := json.Marshal(a.Extra)
		if err != nil {
			return nil, fmt.Errorf("encode extra fields: %w", err)
		}
		extra = string(b)
	}
	return []any{a.ID, a.Title, a.Body, a.Lang, a.LangConfidence, nullString(a.Published), nullString(a.PublishedFrom),
		nullString(a.Dateline), nullString(a.Outlet), a.Source, nullString(a.URL), a.Format,
		a.IngestedAt.UTC().Format(time.RFC3339Nano), a.ContentHash, extra}, nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

type scanner interface{ Scan(dest ...any) error }

func scanArticle(row scanner) (int64, ingest.Article, error) {
	var (
		a                                                          ingest.Article
		seq                                                        int64
		published, publishedFrom, dateline, outlet, url, extra, at sql.NullString
	)
	err := row.Scan(&seq, &a.ID, &a.Title, &a.Body, &a.Lang, &a.LangConfidence, &published, &publishedFrom,
		&dateline, &outlet, &a.Source, &url, &a.Format, &at, &a.ContentHash, &extra)
	if err != nil {
		return 0, a, err
	}
	a.Published, a.PublishedFrom, a.Dateline, a.Outlet, a.URL = published.String, publishedFrom.String,
		dateline.String, outlet.String, url.String
	if at.Valid {
		t, err := time.Parse(time.RFC3339Nano, at.String)
		if err != nil {
			return 0, a, fmt.Errorf("article %s: bad ingest time %q: %w", a.ID, at.String, err)
		}
		a.IngestedAt = t
	}
	if extra.Valid && extra.String != "" {
		if err := json.Unmarshal([]byte(extra.String), &a.Extra); err != nil {
			return 0, a, fmt.Errorf("article %s: bad extra fields: %w", a.ID, err)
		}
	}
	return seq, a, nil
}

// Article returns the article with this id or unique id prefix.
func (s *Store) Article(ctx context.Context, id string) (ingest.Article, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	if id == "" || strings.ContainsAny(id, "%_") {
		return ingest.Article{}, fmt.Errorf("article %q: %w", id, store.ErrNotFound)
	}
	// The exact id first; then the prefix as an index range (LIKE would scan the table).
	_, a, err := scanArticle(s.db.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = ?`, id))
	if err == nil {
		return a, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return ingest.Article{}, fmt.Errorf("sqlite: article %s: %w", id, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2`, id, id+"\U0010FFFF")
	if err != nil {
		return ingest.Article{}, fmt.Errorf("sqlite: article %s: %w", id, err)
	}
	var found []string
	for rows.Next() {
		var full string
		if err := rows.Scan(&full); err != nil {
			rows.Close()
			return ingest.Article{}, fmt.Errorf("sqlite: %w", err)
		}
		found = append(found, full)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return ingest.Article{}, fmt.Errorf("sqlite: article %s: %w", id, err)
	}
	switch len(found) {
	case 0:
		return ingest.Article{}, fmt.Errorf("article %q: %w", id, store.ErrNotFound)
	case 1:
		_, a, err := scanArticle(s.db.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = ?`, found[0]))
		if err != nil {
			return ingest.Article{}, fmt.Errorf("sqlite: article %s: %w", found[0], err)
		}
		return a, nil
	default:
		return ingest.Article{}, fmt.Errorf("article %q: %w", id, store.ErrAmbiguous)
	}
}

// Articles lists articles in ingest order.
func (s *Store) Articles(ctx context.Context, f store.ArticleFilter, fn func(int64, ingest.Article) error) error {
	where, args := []string{"seq > ?"}, []any{f.After}
	if f.Lang != "" {
		where, args = append(where, "lang = ?"), append(args, f.Lang)
	}
	if f.Since != "" {
		where, args = append(where, "published >= ?"), append(args, f.Since)
	}
	if f.Until != "" {
		where, args = append(where, "published <= ?"), append(args, f.Until)
	}
	q := `SELECT ` + articleColumns + ` FROM articles WHERE ` + strings.Join(where, " AND ") + ` ORDER BY seq`
	if f.Limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("sqlite: list articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		seq, a, err := scanArticle(rows)
		if err != nil {
			return fmt.Errorf("sqlite: %w", err)
		}
		if err := fn(seq, a); err != nil {
			return err
		}
	}
	return rows.Err()
}

// LanguageCounts returns the number of stored articles per language.
func (s *Store) LanguageCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT lang, COUNT(*) FROM articles GROUP BY lang`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: count articles: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var lang string
		var n int
		if err := rows.Scan(&lang, &n); err != nil {
			return nil, err
		}
		out[lang] = n
	}
	return out, rows.Err()
}

// Existing reports which of ids are stored.
func (s *Store) Existing(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	for _, chunk := range chunks(ids, 500) {
		rows, err := s.db.QueryContext(ctx, `SELECT id FROM articles WHERE id IN (`+placeholders(len(chunk))+`)`, anySlice(chunk)...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: existing articles: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
