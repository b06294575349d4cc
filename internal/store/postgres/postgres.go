// Package postgres is Storyline's PostgreSQL store (pgx, a connection pool), for several ingest
// workers and servers sharing one database. It keeps the same tables and semantics as the SQLite
// store: versioned schema migrations (embedded SQL, applied under an advisory lock), one
// transaction per batch, idempotent writes (ON CONFLICT), block-wise entity resolution, the
// linking state, stories and events.
//
// A store lives in one schema: the first schema of the connection's search_path (for example
// postgres://u:p@host/db?search_path=news), created when missing. Advisory lock keys include the
// schema name, so several stores can share a database.
package postgres

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"storyline/internal/ingest"
	"storyline/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the PostgreSQL store. It is safe for concurrent use.
type Store struct {
	// searchDocBuilders build the search documents of written articles.
	searchDocBuilders store.SearchDocBuilders
	pool              *pgxpool.Pool
	schema            string
	where             string // user@host:port/database, for messages (never the password)
	// mem is the in-memory search index, once KeepSearchIndex asked for one.
	mem atomic.Pointer[memIndex]
}

var _ store.Store = (*Store)(nil)

// IsURL reports whether dsn names a PostgreSQL database (postgres:// or postgresql://).
func IsURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to the database at url (postgres://user:password@host:port/db?...), creates the
// schema named first in its search_path when missing, and applies pending migrations.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message may quote the URL; say only what is wrong.
		return nil, fmt.Errorf("postgres: bad database URL: %w", errors.Unwrap(err))
	}
	cc := cfg.ConnConfig
	where := fmt.Sprintf("%s@%s:%d/%s", cc.User, cc.Host, cc.Port, cc.Database)
	// A linker holds one connection for its lock and needs others meanwhile.
	cfg.MaxConns = max(cfg.MaxConns, 8)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open %s: %w", where, err)
	}
	s := &Store{pool: pool, where: where}
	if err := s.init(ctx, cc.RuntimeParams["search_path"]); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: open %s: %w", where, err)
	}
	return s, nil
}

func (s *Store) init(ctx context.Context, searchPath string) error {
	if first := firstSchema(searchPath); first != "" {
		if _, err := s.pool.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS `+pgx.Identifier{first}.Sanitize()); err != nil {
			return fmt.Errorf("create schema %s: %w", first, err)
		}
	}
	var schema *string
	if err := s.pool.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return err
	}
	if schema == nil {
		return fmt.Errorf("no schema of search_path %q exists", searchPath)
	}
	s.schema = *schema
	if err := s.migrate(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := s.ensureSearchIndex(ctx); err != nil {
		return err
	}
	if err := s.ensureEntityStats(ctx); err != nil {
		return err
	}
	return nil
}

// firstSchema returns the first schema named in a search_path, unquoted; "" for $user or none.
func firstSchema(searchPath string) string {
	first := strings.TrimSpace(strings.SplitN(searchPath, ",", 2)[0])
	if strings.HasPrefix(first, `"`) && strings.HasSuffix(first, `"`) && len(first) >= 2 {
		first = strings.ReplaceAll(first[1:len(first)-1], `""`, `"`)
	} else {
		first = strings.ToLower(first)
	}
	if first == "$user" {
		return ""
	}
	return first
}

// Close closes the connection pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Pool exposes the connection pool for backend-specific tools and tests.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Schema returns the schema the store lives in.
func (s *Store) Schema() string { return s.schema }

// lockKey returns the advisory lock key of a named lock of this store's schema.
func (s *Store) lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("storyline\x00" + s.schema + "\x00" + name))
	return int64(h.Sum64())
}

func (s *Store) migrate(ctx context.Context) error {
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(files)
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	// Processes starting together migrate one after the other; the lock is the session's, so it
	// goes with the connection if this process dies.
	key := s.lockKey("migrate")
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return err
	}
	seen := map[int]string{}
	for _, f := range files {
		name := path.Base(f)
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: bad version: %w", name, err)
		}
		if other, dup := seen[v]; dup {
			return fmt.Errorf("migrations %s and %s have the same version %d", other, name, v)
		}
		seen[v] = name
		body, err := migrations.ReadFile(f)
		if err != nil {
			return err
		}
		if err := apply(ctx, conn.Conn(), v, name, string(body)); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// apply runs one migration in its own transaction unless it was applied before.
func apply(ctx context.Context, conn *pgx.Conn, version int, name, body string) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = $1`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	// No arguments: the simple protocol runs every statement of the file.
	if _, err := tx.Exec(ctx, body); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, version, name); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// SchemaVersion returns the highest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v *int
	if err := s.pool.QueryRow(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("postgres: schema version: %w", err)
	}
	if v == nil {
		return 0, nil
	}
	return *v, nil
}

// retryable reports whether a transaction failed only because of a concurrent one (a
// serialisation failure or a deadlock PostgreSQL broke), so that running it again can succeed.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// inTx runs fn in a transaction and commits it, running it again (up to five times) when a
// concurrent transaction made it fail.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Duration(attempt*attempt) * 10 * time.Millisecond):
			}
		}
		err = s.tryTx(ctx, fn)
		if err == nil || !retryable(err) {
			return err
		}
	}
	return err
}

func (s *Store) tryTx(ctx context.Context, fn func(pgx.Tx) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// checkText returns an error when an article holds text PostgreSQL cannot store: invalid UTF-8
// or NUL characters.
func checkText(a *ingest.Article) error {
	for _, f := range []struct{ name, v string }{{"title", a.Title}, {"body", a.Body}, {"dateline", a.Dateline},
		{"outlet", a.Outlet}, {"source", a.Source}, {"url", a.URL}} {
		if !utf8.ValidString(f.v) {
			return fmt.Errorf("%s is not valid UTF-8", f.name)
		}
		if strings.IndexByte(f.v, 0) >= 0 {
			return fmt.Errorf("%s holds a NUL character", f.name)
		}
	}
	return nil
}

// Write stores a batch in one transaction. Batches commit one at a time (a transaction-scoped
// advisory lock), so that ingest sequence numbers become visible in order: a reader paging with
// ArticleFilter.After never skips a batch that committed late.
func (s *Store) Write(ctx context.Context, b store.Batch) (store.BatchResult, error) {
	res := store.BatchResult{Inserted: make([]bool, len(b.Articles))}
	cols := articleArrays{}
	for i := range b.Articles {
		a := &b.Articles[i]
		if err := checkText(a); err != nil {
			return res, fmt.Errorf("postgres: article %s (%s): %w", a.ID, a.Source, err)
		}
		if err := cols.add(a); err != nil {
			return res, fmt.Errorf("postgres: article %s: %w", a.ID, err)
		}
	}
	// Search documents are built before the transaction, so that tokenising holds no lock.
	docs, err := s.searchDocs(ctx, b)
	if err != nil {
		return res, fmt.Errorf("postgres: search documents: %w", err)
	}
	var inserted map[string]bool
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, s.lockKey("write")); err != nil {
			return fmt.Errorf("batch lock: %w", err)
		}
		var err error
		if inserted, err = insertArticles(ctx, tx, &cols); err != nil {
			return err
		}
		if err := writeAnalyses(ctx, tx, b.Analyses); err != nil {
			return err
		}
		if err := writeEvents(ctx, tx, b.Analyses); err != nil {
			return err
		}
		return writeSearch(ctx, tx, b, inserted, docs)
	})
	if err != nil {
		return res, fmt.Errorf("postgres: write batch of %d articles: %w", len(b.Articles), err)
	}
	for i, a := range b.Articles {
		// The first of several copies in a batch is the one inserted.
		if inserted[a.ID] {
			res.Inserted[i] = true
			inserted[a.ID] = false
		}
	}
	return res, nil
}

// articleArrays holds a batch's articles column by column, for one INSERT over unnest().
type articleArrays struct {
	id, title, body, lang, published, publishedFrom, dateline, outlet, source, url, format, at, hash, extra []string
	conf                                                                                                    []float64
}

func (c *articleArrays) add(a *ingest.Article) error {
	extra := ""
	if len(a.Extra) > 0 {
		b, err := json.Marshal(a.Extra)
		if err != nil {
			return fmt.Errorf("encode extra fields: %w", err)
		}
		extra = string(b)
	}
	c.id = append(c.id, a.ID)
	c.title = append(c.title, a.Title)
	c.body = append(c.body, a.Body)
	c.lang = append(c.lang, a.Lang)
	c.conf = append(c.conf, a.LangConfidence)
	c.published = append(c.published, a.Published)
	c.publishedFrom = append(c.publishedFrom, a.PublishedFrom)
	c.dateline = append(c.dateline, a.Dateline)
	c.outlet = append(c.outlet, a.Outlet)
	c.source = append(c.source, a.Source)
	c.url = append(c.url, a.URL)
	c.format = append(c.format, a.Format)
	c.at = append(c.at, a.IngestedAt.UTC().Format(time.RFC3339Nano))
	c.hash = append(c.hash, a.ContentHash)
	c.extra = append(c.extra, extra)
	return nil
}

// insertArticles inserts the articles in order and returns the ids that were new.
func insertArticles(ctx context.Context, tx pgx.Tx, c *articleArrays) (map[string]bool, error) {
	out := map[string]bool{}
	if len(c.id) == 0 {
		return out, nil
	}
	rows, err := tx.Query(ctx, `INSERT INTO articles (id, title, body, lang, lang_confidence, published, published_from,
		dateline, outlet, source, url, format, ingested_at, content_hash, extra)
		SELECT id, title, body, lang, conf, NULLIF(published, ''), NULLIF(published_from, ''), NULLIF(dateline, ''),
			NULLIF(outlet, ''), source, NULLIF(url, ''), format, at, hash, NULLIF(extra, '')
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::text[],
			$9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
			WITH ORDINALITY AS t(id, title, body, lang, conf, published, published_from, dateline, outlet, source, url,
				format, at, hash, extra, ord)
		ORDER BY ord
		ON CONFLICT (id) DO NOTHING
		RETURNING id`,
		c.id, c.title, c.body, c.lang, c.conf, c.published, c.publishedFrom, c.dateline, c.outlet, c.source, c.url,
		c.format, c.at, c.hash, c.extra)
	if err != nil {
		return nil, fmt.Errorf("insert articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("insert articles: %w", err)
	}
	return out, nil
}

const articleColumns = `seq, id, title, body, lang, lang_confidence, published, published_from, dateline,
	outlet, source, url, format, ingested_at, content_hash, extra`

func scanArticle(row pgx.Row) (int64, ingest.Article, error) {
	var (
		a                                                          ingest.Article
		seq                                                        int64
		published, publishedFrom, dateline, outlet, url, extra, at *string
	)
	err := row.Scan(&seq, &a.ID, &a.Title, &a.Body, &a.Lang, &a.LangConfidence, &published, &publishedFrom,
		&dateline, &outlet, &a.Source, &url, &a.Format, &at, &a.ContentHash, &extra)
	if err != nil {
		return 0, a, err
	}
	a.Published, a.PublishedFrom, a.Dateline, a.Outlet, a.URL = deref(published), deref(publishedFrom),
		deref(dateline), deref(outlet), deref(url)
	if at != nil {
		t, err := time.Parse(time.RFC3339Nano, *at)
		if err != nil {
			return 0, a, fmt.Errorf("article %s: bad ingest time %q: %w", a.ID, *at, err)
		}
		a.IngestedAt = t
	}
	if extra != nil && *extra != "" {
		if err := json.Unmarshal([]byte(*extra), &a.Extra); err != nil {
			return 0, a, fmt.Errorf("article %s: bad extra fields: %w", a.ID, err)
		}
	}
	return seq, a, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Article returns the article with this id or unique id prefix.
func (s *Store) Article(ctx context.Context, id string) (ingest.Article, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	if id == "" || strings.ContainsAny(id, `%_\`) {
		return ingest.Article{}, fmt.Errorf("article %q: %w", id, store.ErrNotFound)
	}
	rows, err := s.pool.Query(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = $1 OR id LIKE $2
		ORDER BY id = $1 DESC LIMIT 2`, id, id+"%")
	if err != nil {
		return ingest.Article{}, fmt.Errorf("postgres: article %s: %w", id, err)
	}
	defer rows.Close()
	var found []ingest.Article
	for rows.Next() {
		_, a, err := scanArticle(rows)
		if err != nil {
			return ingest.Article{}, fmt.Errorf("postgres: %w", err)
		}
		found = append(found, a)
	}
	if err := rows.Err(); err != nil {
		return ingest.Article{}, fmt.Errorf("postgres: article %s: %w", id, err)
	}
	switch {
	case len(found) == 0:
		return ingest.Article{}, fmt.Errorf("article %q: %w", id, store.ErrNotFound)
	case found[0].ID == id || len(found) == 1:
		return found[0], nil
	default:
		return ingest.Article{}, fmt.Errorf("article %q: %w", id, store.ErrAmbiguous)
	}
}

// Articles lists articles in ingest order.
func (s *Store) Articles(ctx context.Context, f store.ArticleFilter, fn func(int64, ingest.Article) error) error {
	q := newQuery()
	where := []string{"seq > " + q.arg(f.After)}
	if f.Lang != "" {
		where = append(where, "lang = "+q.arg(f.Lang))
	}
	if f.Since != "" {
		where = append(where, "published >= "+q.arg(f.Since))
	}
	if f.Until != "" {
		where = append(where, "published <= "+q.arg(f.Until))
	}
	sql := `SELECT ` + articleColumns + ` FROM articles WHERE ` + strings.Join(where, " AND ") + ` ORDER BY seq`
	if f.Limit > 0 {
		sql += ` LIMIT ` + strconv.Itoa(f.Limit)
	}
	rows, err := s.pool.Query(ctx, sql, q.args...)
	if err != nil {
		return fmt.Errorf("postgres: list articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		seq, a, err := scanArticle(rows)
		if err != nil {
			return fmt.Errorf("postgres: %w", err)
		}
		if err := fn(seq, a); err != nil {
			return err
		}
	}
	return rows.Err()
}

// LanguageCounts returns the number of stored articles per language.
func (s *Store) LanguageCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.pool.Query(ctx, `SELECT lang, COUNT(*) FROM articles GROUP BY lang`)
	if err != nil {
		return nil, fmt.Errorf("postgres: count articles: %w", err)
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
	rows, err := s.pool.Query(ctx, `SELECT id FROM articles WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("postgres: existing articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// query numbers the arguments of a query built piece by piece.
type query struct{ args []any }

func newQuery() *query { return &query{} }

// arg adds an argument and returns its placeholder.
func (q *query) arg(v any) string {
	q.args = append(q.args, v)
	return "$" + strconv.Itoa(len(q.args))
}
