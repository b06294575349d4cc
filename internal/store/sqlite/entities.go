package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"storyline/internal/store"
)

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// scanEntityRows reads rows of (article_id, lang, published, doc, block, canonical_id).
func scanEntityRows(rows *sql.Rows) ([]store.EntityRow, error) {
	defer rows.Close()
	var out []store.EntityRow
	for rows.Next() {
		var row store.EntityRow
		var published sql.NullString
		var doc string
		if err := rows.Scan(&row.ArticleID, &row.Lang, &published, &doc, &row.Block, &row.CanonicalID); err != nil {
			return nil, err
		}
		row.Published = published.String
		if err := json.Unmarshal([]byte(doc), &row.Entity); err != nil {
			return nil, fmt.Errorf("entity row of %s: %w", row.ArticleID, err)
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// rowsOfArticles reads the entity rows of the given articles, grouped by article.
func rowsOfArticles(ctx context.Context, q querier, ids []string) (map[string][]store.EntityRow, error) {
	out := map[string][]store.EntityRow{}
	for _, chunk := range chunks(ids, 500) {
		if len(chunk) == 0 {
			continue
		}
		rs, err := q.QueryContext(ctx, `SELECT article_id, lang, published, doc, block, canonical_id FROM article_entities
			WHERE article_id IN (`+placeholders(len(chunk))+`) ORDER BY article_id, entity_key`, anySlice(chunk)...)
		if err != nil {
			return nil, err
		}
		rows, err := scanEntityRows(rs)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.ArticleID] = append(out[r.ArticleID], r)
		}
	}
	return out, nil
}

// applyEntityDelta adds a delta to the entity summaries and refreshes the head rows of the
// entities it touches, inside the transaction that changed the entity rows.
func applyEntityDelta(ctx context.Context, tx *sql.Tx, d *store.EntityDelta) error {
	d.Compact()
	if len(d.Counts) == 0 && len(d.Pairs) == 0 {
		return nil
	}
	up, err := tx.PrepareContext(ctx, `INSERT INTO entity_counts (id, kind, value, lang, n) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id, kind, value, lang) DO UPDATE SET n = n + excluded.n`)
	if err != nil {
		return err
	}
	defer up.Close()
	drop, err := tx.PrepareContext(ctx, `DELETE FROM entity_counts WHERE id = ? AND kind = ? AND value = ? AND lang = ? AND n <= 0`)
	if err != nil {
		return err
	}
	defer drop.Close()
	for _, k := range d.SortedCounts() {
		n := d.Counts[k]
		if _, err := up.ExecContext(ctx, k.ID, k.Kind, k.Value, k.Lang, n); err != nil {
			return fmt.Errorf("entity counts of %s: %w", k.ID, err)
		}
		if n < 0 {
			if _, err := drop.ExecContext(ctx, k.ID, k.Kind, k.Value, k.Lang); err != nil {
				return fmt.Errorf("entity counts of %s: %w", k.ID, err)
			}
		}
	}
	pup, err := tx.PrepareContext(ctx, `INSERT INTO entity_pairs (a, b, n) VALUES (?, ?, ?)
		ON CONFLICT (a, b) DO UPDATE SET n = n + excluded.n`)
	if err != nil {
		return err
	}
	defer pup.Close()
	pdrop, err := tx.PrepareContext(ctx, `DELETE FROM entity_pairs WHERE a = ? AND b = ? AND n <= 0`)
	if err != nil {
		return err
	}
	defer pdrop.Close()
	for _, p := range d.SortedPairs() {
		n := d.Pairs[p]
		if _, err := pup.ExecContext(ctx, p.A, p.B, n); err != nil {
			return fmt.Errorf("co-mentions of %s: %w", p.A, err)
		}
		if n < 0 {
			if _, err := pdrop.ExecContext(ctx, p.A, p.B); err != nil {
				return fmt.Errorf("co-mentions of %s: %w", p.A, err)
			}
		}
	}
	return refreshHeads(ctx, tx, d.IDs())
}

// refreshHeads rewrites the entities rows of ids from their counters.
func refreshHeads(ctx context.Context, tx *sql.Tx, ids []string) error {
	read, err := tx.PrepareContext(ctx, `SELECT kind, value, lang, n FROM entity_counts
		WHERE id = ? AND kind IN ('articles', 'mentions', 'type', 'name', 'name_ar')`)
	if err != nil {
		return err
	}
	defer read.Close()
	put, err := tx.PrepareContext(ctx, `INSERT INTO entities (id, type, name, articles, mentions) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, articles = excluded.articles,
			mentions = excluded.mentions`)
	if err != nil {
		return err
	}
	defer put.Close()
	del, err := tx.PrepareContext(ctx, `DELETE FROM entities WHERE id = ?`)
	if err != nil {
		return err
	}
	defer del.Close()
	for _, id := range ids {
		counts, err := readCounts(ctx, read, id)
		if err != nil {
			return fmt.Errorf("entity %s: %w", id, err)
		}
		sum, ok := store.SummaryFromCounts(id, counts)
		if !ok {
			if _, err := del.ExecContext(ctx, id); err != nil {
				return fmt.Errorf("entity %s: %w", id, err)
			}
			continue
		}
		h := store.HeadOf(sum)
		if _, err := put.ExecContext(ctx, h.ID, h.Type, h.Name, h.Articles, h.Mentions); err != nil {
			return fmt.Errorf("entity %s: %w", id, err)
		}
	}
	return nil
}

func readCounts(ctx context.Context, stmt *sql.Stmt, id string) ([]store.CountValue, error) {
	rows, err := stmt.QueryContext(ctx, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.CountValue
	for rows.Next() {
		c := store.CountValue{EntityCount: store.EntityCount{ID: id}}
		if err := rows.Scan(&c.Kind, &c.Value, &c.Lang, &c.N); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ensureEntityStats recounts the entity summaries from the entity rows when they were counted by
// another store.EntityStatsVersion, or never (a store from before they were kept). It runs in
// one transaction, so two processes opening the store at once do not both recount.
func (s *Store) ensureEntityStats(ctx context.Context) error {
	current := func(q interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}) (bool, error) {
		var v sql.NullInt64
		err := q.QueryRowContext(ctx, `SELECT version FROM entity_meta WHERE id = 1`).Scan(&v)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return false, fmt.Errorf("entity summaries version: %w", err)
		}
		return v.Valid && v.Int64 == store.EntityStatsVersion, nil
	}
	if ok, err := current(s.db); err != nil || ok {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("count entity summaries: %w", err)
	}
	defer tx.Rollback()
	if ok, err := current(tx); err != nil || ok {
		return err // another process counted them meanwhile
	}
	for _, t := range []string{"entities", "entity_counts", "entity_pairs"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
			return fmt.Errorf("count entity summaries: %w", err)
		}
	}
	d := store.NewEntityDelta()
	rs, err := tx.QueryContext(ctx, `SELECT article_id, lang, published, doc, block, canonical_id FROM article_entities
		ORDER BY article_id, entity_key`)
	if err != nil {
		return fmt.Errorf("count entity summaries: %w", err)
	}
	rows, err := scanEntityRows(rs)
	if err != nil {
		return fmt.Errorf("count entity summaries: %w", err)
	}
	for i := 0; i < len(rows); {
		j := i
		for j < len(rows) && rows[j].ArticleID == rows[i].ArticleID {
			j++
		}
		d.Add(rows[i:j], 1)
		i = j
	}
	rows = nil
	if err := applyEntityDelta(ctx, tx, d); err != nil {
		return fmt.Errorf("count entity summaries: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO entity_meta (id, version) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET version = excluded.version`, store.EntityStatsVersion); err != nil {
		return err
	}
	return tx.Commit()
}

// Entity returns one canonical entity from its summary counters.
func (s *Store) Entity(ctx context.Context, id string) (store.EntitySummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT kind, value, lang, n FROM entity_counts WHERE id = ?`, id)
	if err != nil {
		return store.EntitySummary{}, fmt.Errorf("sqlite: entity %s: %w", id, err)
	}
	var counts []store.CountValue
	for rows.Next() {
		c := store.CountValue{EntityCount: store.EntityCount{ID: id}}
		if err := rows.Scan(&c.Kind, &c.Value, &c.Lang, &c.N); err != nil {
			rows.Close()
			return store.EntitySummary{}, fmt.Errorf("sqlite: entity %s: %w", id, err)
		}
		counts = append(counts, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return store.EntitySummary{}, fmt.Errorf("sqlite: entity %s: %w", id, err)
	}
	sum, ok := store.SummaryFromCounts(id, counts)
	if !ok {
		return store.EntitySummary{}, fmt.Errorf("entity %q: %w", id, store.ErrNotFound)
	}
	co, err := s.db.QueryContext(ctx, `SELECT p.b, e.type, e.name, p.n FROM entity_pairs p JOIN entities e ON e.id = p.b
		WHERE p.a = ? ORDER BY p.n DESC, p.b LIMIT ?`, id, store.MaxCoMentions)
	if err != nil {
		return store.EntitySummary{}, fmt.Errorf("sqlite: co-mentions of %s: %w", id, err)
	}
	defer co.Close()
	for co.Next() {
		var c store.CoMention
		if err := co.Scan(&c.ID, &c.Type, &c.Name, &c.Articles); err != nil {
			return store.EntitySummary{}, fmt.Errorf("sqlite: co-mentions of %s: %w", id, err)
		}
		sum.CoMentions = append(sum.CoMentions, c)
	}
	if err := co.Err(); err != nil {
		return store.EntitySummary{}, fmt.Errorf("sqlite: co-mentions of %s: %w", id, err)
	}
	return sum, nil
}

// Entities lists canonical entities, most frequent first, from the entities table.
func (s *Store) Entities(ctx context.Context, f store.EntityFilter) ([]store.EntitySummary, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	q, args := `SELECT id FROM entities ORDER BY articles DESC, id LIMIT ?`, []any{limit}
	if f.Type != "" {
		q, args = `SELECT id FROM entities WHERE type = ? ORDER BY articles DESC, id LIMIT ?`, []any{f.Type, limit}
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: entities: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: entities: %w", err)
	}
	out := make([]store.EntitySummary, 0, len(ids))
	for _, id := range ids {
		e, err := s.Entity(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// NewestEntityArticles returns up to limit of the articles that mention an entity, newest first.
func (s *Store) NewestEntityArticles(ctx context.Context, id string, limit int) ([]store.ArticleRef, error) {
	if limit <= 0 {
		return nil, nil
	}
	// An article naming the entity under two keys has two rows: read a few more and drop repeats.
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.lang, `+articleTitle+`, COALESCE(a.published, '')
		FROM (SELECT article_id, published FROM article_entities WHERE canonical_id = ?
			ORDER BY published DESC, article_id DESC LIMIT ?) e
		JOIN articles a ON a.id = e.article_id ORDER BY e.published DESC, e.article_id DESC`, id, limit+limit/4+4)
	if err != nil {
		return nil, fmt.Errorf("sqlite: articles of %s: %w", id, err)
	}
	defer rows.Close()
	return newestRefs(rows, limit)
}

func newestRefs(rows *sql.Rows, limit int) ([]store.ArticleRef, error) {
	var out []store.ArticleRef
	for rows.Next() {
		var r store.ArticleRef
		if err := rows.Scan(&r.ID, &r.Lang, &r.Title, &r.Published); err != nil {
			return nil, err
		}
		if n := len(out); n > 0 && out[n-1].ID == r.ID || len(out) == limit {
			continue
		}
		r.Title = strings.Join(strings.Fields(r.Title), " ")
		out = append(out, r)
	}
	return out, rows.Err()
}
