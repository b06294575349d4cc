package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"storyline/internal/analyse"
	"storyline/internal/store"
)

// writeAnalyses stores analyses and entity rows inside the batch transaction.
func writeAnalyses(ctx context.Context, tx *sql.Tx, as []store.Analysed) error {
	if len(as) == 0 {
		return nil
	}
	upsert, err := tx.PrepareContext(ctx, `INSERT INTO analyses (article_id, version, doc) VALUES (?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, doc = excluded.doc`)
	if err != nil {
		return err
	}
	defer upsert.Close()
	del, err := tx.PrepareContext(ctx, `DELETE FROM article_entities WHERE article_id = ?`)
	if err != nil {
		return err
	}
	defer del.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO article_entities (article_id, entity_key, canonical_id, block,
		type, name, lang, published, mentions, salience, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	delta := store.NewEntityDelta()
	for _, a := range as {
		id := a.Analysis.ArticleID
		// The summaries lose what the article's old rows gave them and gain what the new give.
		old, err := rowsOfArticles(ctx, tx, []string{id})
		if err != nil {
			return fmt.Errorf("entities of %s: %w", id, err)
		}
		delta.Add(old[id], -1)
		delta.Add(a.Entities, 1)
		doc, err := json.Marshal(a.Analysis)
		if err != nil {
			return fmt.Errorf("analysis of %s: %w", id, err)
		}
		if _, err := upsert.ExecContext(ctx, id, a.Analysis.Version, string(doc)); err != nil {
			return fmt.Errorf("analysis of %s: %w", id, err)
		}
		if _, err := del.ExecContext(ctx, id); err != nil {
			return fmt.Errorf("entities of %s: %w", id, err)
		}
		for _, r := range a.Entities {
			e := r.Entity
			edoc, err := json.Marshal(e)
			if err != nil {
				return fmt.Errorf("entity %s of %s: %w", e.Key, id, err)
			}
			canon := r.CanonicalID
			if canon == "" {
				canon = e.Key
			}
			if _, err := ins.ExecContext(ctx, id, e.Key, canon, r.Block, e.Type, e.Name, r.Lang, nullString(r.Published),
				len(e.Mentions), e.Salience, string(edoc)); err != nil {
				return fmt.Errorf("entity %s of %s: %w", e.Key, id, err)
			}
		}
	}
	if err := applyEntityDelta(ctx, tx, delta); err != nil {
		return fmt.Errorf("entity summaries: %w", err)
	}
	return nil
}

// Analysis returns the stored analysis of an article.
func (s *Store) Analysis(ctx context.Context, articleID string) (analyse.Analysis, error) {
	var doc string
	err := s.db.QueryRowContext(ctx, `SELECT doc FROM analyses WHERE article_id = ?`, articleID).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return analyse.Analysis{}, fmt.Errorf("analysis of %s: %w", articleID, store.ErrNotFound)
	}
	if err != nil {
		return analyse.Analysis{}, fmt.Errorf("sqlite: analysis of %s: %w", articleID, err)
	}
	var an analyse.Analysis
	if err := json.Unmarshal([]byte(doc), &an); err != nil {
		return analyse.Analysis{}, fmt.Errorf("sqlite: analysis of %s: %w", articleID, err)
	}
	return an, nil
}

// Canonical returns the global id of each entity key of an article.
func (s *Store) Canonical(ctx context.Context, articleID string) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT entity_key, canonical_id FROM article_entities WHERE article_id = ?`, articleID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: entities of %s: %w", articleID, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, c string
		if err := rows.Scan(&k, &c); err != nil {
			return nil, err
		}
		out[k] = c
	}
	return out, rows.Err()
}

// StaleAnalyses lists articles with no analysis or an older one.
func (s *Store) StaleAnalyses(ctx context.Context, version, limit int) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id FROM articles a LEFT JOIN analyses n ON n.article_id = a.id
		WHERE n.article_id IS NULL OR n.version < ? ORDER BY a.seq LIMIT ?`, version, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stale analyses: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Resolve re-resolves the rows of some blocks in one transaction.
func (s *Store) Resolve(ctx context.Context, blocks []string, r store.Resolver) error {
	if len(blocks) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: resolve: %w", err)
	}
	defer tx.Rollback()
	var rows []store.EntityRow
	for _, chunk := range chunks(blocks, 500) {
		q := `SELECT article_id, lang, published, doc, block, canonical_id FROM article_entities WHERE block IN (` +
			placeholders(len(chunk)) + `) ORDER BY article_id, entity_key`
		rs, err := tx.QueryContext(ctx, q, anySlice(chunk)...)
		if err != nil {
			return fmt.Errorf("sqlite: resolve: %w", err)
		}
		for rs.Next() {
			var row store.EntityRow
			var published sql.NullString
			var doc string
			if err := rs.Scan(&row.ArticleID, &row.Lang, &published, &doc, &row.Block, &row.CanonicalID); err != nil {
				rs.Close()
				return err
			}
			row.Published = published.String
			if err := json.Unmarshal([]byte(doc), &row.Entity); err != nil {
				rs.Close()
				return fmt.Errorf("sqlite: entity row of %s: %w", row.ArticleID, err)
			}
			rows = append(rows, row)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return err
		}
	}
	ids := r(rows)
	if len(ids) != len(rows) {
		return fmt.Errorf("resolve: resolver returned %d ids for %d rows", len(ids), len(rows))
	}
	upd, err := tx.PrepareContext(ctx, `UPDATE article_entities SET canonical_id = ? WHERE article_id = ? AND entity_key = ?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	changed := map[string]bool{}
	newID := map[[2]string]string{}
	for i, row := range rows {
		if ids[i] == row.CanonicalID || ids[i] == "" {
			continue
		}
		changed[row.ArticleID] = true
		newID[[2]string{row.ArticleID, row.Entity.Key}] = ids[i]
	}
	// The summaries change by what the changed articles' rows gave before and give after.
	before, err := rowsOfArticles(ctx, tx, sortedKeys(changed))
	if err != nil {
		return fmt.Errorf("sqlite: resolve: %w", err)
	}
	delta := store.NewEntityDelta()
	for _, old := range before {
		delta.Add(old, -1)
		now := make([]store.EntityRow, len(old))
		for k, r := range old {
			if id, ok := newID[[2]string{r.ArticleID, r.Entity.Key}]; ok {
				r.CanonicalID = id
			}
			now[k] = r
		}
		delta.Add(now, 1)
	}
	for k, id := range newID {
		if _, err := upd.ExecContext(ctx, id, k[0], k[1]); err != nil {
			return fmt.Errorf("sqlite: resolve %s: %w", k[0], err)
		}
	}
	if err := applyEntityDelta(ctx, tx, delta); err != nil {
		return fmt.Errorf("sqlite: resolve: %w", err)
	}
	if err := reindexEntities(ctx, tx, sortedKeys(changed)); err != nil {
		return fmt.Errorf("sqlite: resolve: %w", err)
	}
	return tx.Commit()
}

// EntityArticles lists the articles that mention an entity, oldest first.
func (s *Store) EntityArticles(ctx context.Context, id string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT e.article_id, COALESCE(a.published, ''), a.seq FROM article_entities e
		JOIN articles a ON a.id = e.article_id WHERE e.canonical_id = ? ORDER BY 2, 3`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: articles of %s: %w", id, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var aid, pub string
		var seq int64
		if err := rows.Scan(&aid, &pub, &seq); err != nil {
			return nil, err
		}
		ids = append(ids, aid)
	}
	return ids, rows.Err()
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anySlice(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func chunks(xs []string, n int) [][]string {
	var out [][]string
	for len(xs) > n {
		out, xs = append(out, xs[:n]), xs[n:]
	}
	return append(out, xs)
}

// FindEntities returns canonical ids named name.
func (s *Store) FindEntities(ctx context.Context, name string, limit int) ([]string, error) {
	if limit <= 0 {
		limit = 10
	}
	form, err := json.Marshal(name)
	if err != nil {
		return nil, err
	}
	pattern := `%` + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(string(form)) + `%`
	rows, err := s.db.QueryContext(ctx, `SELECT canonical_id FROM article_entities
		WHERE canonical_id = ? OR entity_key = ? OR name = ? COLLATE NOCASE OR doc LIKE ? ESCAPE '\'
		GROUP BY canonical_id ORDER BY COUNT(DISTINCT article_id) DESC, canonical_id LIMIT ?`, name, name, name, pattern, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find entity %q: %w", name, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
