package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"storyline/internal/store"
)

// applyEntityDelta adds a delta to the entity summaries and refreshes the head rows of the
// entities it touches, inside the transaction that changed the entity rows. Counters are touched
// in one order (store.EntityDelta.SortedCounts), so that concurrent transactions wait for each
// other rather than deadlock; increments are atomic under row locks.
func applyEntityDelta(ctx context.Context, tx pgx.Tx, d *store.EntityDelta) error {
	d.Compact()
	if len(d.Counts) == 0 && len(d.Pairs) == 0 {
		return nil
	}
	var id, kind, value, lang []string
	var n []int32
	var negIDs []string
	for _, k := range d.SortedCounts() {
		id, kind, value, lang, n = append(id, k.ID), append(kind, k.Kind), append(value, k.Value), append(lang, k.Lang),
			append(n, int32(d.Counts[k]))
		if d.Counts[k] < 0 && (len(negIDs) == 0 || negIDs[len(negIDs)-1] != k.ID) {
			negIDs = append(negIDs, k.ID)
		}
	}
	if len(id) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO entity_counts (id, kind, value, lang, n)
			SELECT i, k, v, l, n FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) WITH ORDINALITY AS t(i, k, v, l, n, o)
			ORDER BY o
			ON CONFLICT (id, kind, value, lang) DO UPDATE SET n = entity_counts.n + excluded.n`, id, kind, value, lang, n); err != nil {
			return fmt.Errorf("entity counts: %w", err)
		}
	}
	if len(negIDs) > 0 {
		if _, err := tx.Exec(ctx, `DELETE FROM entity_counts WHERE id = ANY($1) AND n <= 0`, negIDs); err != nil {
			return fmt.Errorf("entity counts: %w", err)
		}
	}
	var a, b []string
	var pn []int32
	var negA []string
	for _, p := range d.SortedPairs() {
		a, b, pn = append(a, p.A), append(b, p.B), append(pn, int32(d.Pairs[p]))
		if d.Pairs[p] < 0 && (len(negA) == 0 || negA[len(negA)-1] != p.A) {
			negA = append(negA, p.A)
		}
	}
	if len(a) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO entity_pairs (a, b, n)
			SELECT a, b, n FROM unnest($1::text[], $2::text[], $3::int[]) WITH ORDINALITY AS t(a, b, n, o) ORDER BY o
			ON CONFLICT (a, b) DO UPDATE SET n = entity_pairs.n + excluded.n`, a, b, pn); err != nil {
			return fmt.Errorf("co-mentions: %w", err)
		}
	}
	if len(negA) > 0 {
		if _, err := tx.Exec(ctx, `DELETE FROM entity_pairs WHERE a = ANY($1) AND n <= 0`, negA); err != nil {
			return fmt.Errorf("co-mentions: %w", err)
		}
	}
	return refreshHeads(ctx, tx, d.IDs())
}

// refreshHeads rewrites the entities rows of ids (sorted) from their counters.
func refreshHeads(ctx context.Context, tx pgx.Tx, ids []string) error {
	const page = 5000
	for start := 0; start < len(ids); start += page {
		chunk := ids[start:min(len(ids), start+page)]
		rows, err := tx.Query(ctx, `SELECT id, kind, value, lang, n FROM entity_counts
			WHERE id = ANY($1) AND kind IN ('articles', 'mentions', 'type', 'name', 'name_ar')`, chunk)
		if err != nil {
			return fmt.Errorf("entity heads: %w", err)
		}
		counts := map[string][]store.CountValue{}
		for rows.Next() {
			var c store.CountValue
			if err := rows.Scan(&c.ID, &c.Kind, &c.Value, &c.Lang, &c.N); err != nil {
				rows.Close()
				return err
			}
			counts[c.ID] = append(counts[c.ID], c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("entity heads: %w", err)
		}
		var put, typ, name, gone []string
		var arts, ments []int32
		for _, id := range chunk {
			sum, ok := store.SummaryFromCounts(id, counts[id])
			if !ok {
				gone = append(gone, id)
				continue
			}
			h := store.HeadOf(sum)
			put, typ, name, arts, ments = append(put, h.ID), append(typ, h.Type), append(name, h.Name),
				append(arts, int32(h.Articles)), append(ments, int32(h.Mentions))
		}
		if len(put) > 0 {
			if _, err := tx.Exec(ctx, `INSERT INTO entities (id, type, name, articles, mentions)
				SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[])
				ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, articles = excluded.articles,
					mentions = excluded.mentions`, put, typ, name, arts, ments); err != nil {
				return fmt.Errorf("entity heads: %w", err)
			}
		}
		if len(gone) > 0 {
			if _, err := tx.Exec(ctx, `DELETE FROM entities WHERE id = ANY($1)`, gone); err != nil {
				return fmt.Errorf("entity heads: %w", err)
			}
		}
	}
	return nil
}

// rowsOfArticles reads (and locks, until the transaction ends) the entity rows of the given
// articles, grouped by article.
func rowsOfArticles(ctx context.Context, tx pgx.Tx, ids []string) (map[string][]store.EntityRow, error) {
	out := map[string][]store.EntityRow{}
	if len(ids) == 0 {
		return out, nil
	}
	q, err := tx.Query(ctx, `SELECT article_id, lang, published, doc, block, canonical_id FROM article_entities
		WHERE article_id = ANY($1) ORDER BY article_id, entity_key FOR UPDATE`, ids)
	if err != nil {
		return nil, err
	}
	rows, err := scanEntityRows(q)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ArticleID] = append(out[r.ArticleID], r)
	}
	return out, nil
}

// ensureEntityStats recounts the entity summaries from the entity rows when they were counted by
// another store.EntityStatsVersion, or never. It runs while Open holds the migration lock, and
// holds the batch lock, so that no batch writes rows meanwhile.
func (s *Store) ensureEntityStats(ctx context.Context) error {
	var v *int
	err := s.pool.QueryRow(ctx, `SELECT version FROM entity_meta WHERE id = 1`).Scan(&v)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("entity summaries version: %w", err)
	}
	if v != nil && *v == store.EntityStatsVersion {
		return nil
	}
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, s.lockKey("write")); err != nil {
			return err
		}
		var v *int
		if err := tx.QueryRow(ctx, `SELECT version FROM entity_meta WHERE id = 1`).Scan(&v); err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if v != nil && *v == store.EntityStatsVersion {
			return nil // another process counted them meanwhile
		}
		if _, err := tx.Exec(ctx, `LOCK TABLE article_entities IN SHARE MODE`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM entities; DELETE FROM entity_counts; DELETE FROM entity_pairs`); err != nil {
			return err
		}
		q, err := tx.Query(ctx, `SELECT article_id, lang, published, doc, block, canonical_id FROM article_entities
			ORDER BY article_id, entity_key`)
		if err != nil {
			return err
		}
		rows, err := scanEntityRows(q)
		if err != nil {
			return err
		}
		d := store.NewEntityDelta()
		for i := 0; i < len(rows); {
			j := i
			for j < len(rows) && rows[j].ArticleID == rows[i].ArticleID {
				j++
			}
			d.Add(rows[i:j], 1)
			i = j
		}
		if err := applyEntityDelta(ctx, tx, d); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO entity_meta (id, version) VALUES (1, $1)
			ON CONFLICT (id) DO UPDATE SET version = excluded.version`, store.EntityStatsVersion)
		return err
	})
	if err != nil {
		return fmt.Errorf("count entity summaries: %w", err)
	}
	return nil
}

// Entity returns one canonical entity from its summary counters.
func (s *Store) Entity(ctx context.Context, id string) (store.EntitySummary, error) {
	rows, err := s.pool.Query(ctx, `SELECT kind, value, lang, n FROM entity_counts WHERE id = $1`, id)
	if err != nil {
		return store.EntitySummary{}, fmt.Errorf("postgres: entity %s: %w", id, err)
	}
	var counts []store.CountValue
	for rows.Next() {
		c := store.CountValue{EntityCount: store.EntityCount{ID: id}}
		if err := rows.Scan(&c.Kind, &c.Value, &c.Lang, &c.N); err != nil {
			rows.Close()
			return store.EntitySummary{}, fmt.Errorf("postgres: entity %s: %w", id, err)
		}
		counts = append(counts, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return store.EntitySummary{}, fmt.Errorf("postgres: entity %s: %w", id, err)
	}
	sum, ok := store.SummaryFromCounts(id, counts)
	if !ok {
		return store.EntitySummary{}, fmt.Errorf("entity %q: %w", id, store.ErrNotFound)
	}
	co, err := s.pool.Query(ctx, `SELECT p.b, e.type, e.name, p.n FROM entity_pairs p JOIN entities e ON e.id = p.b
		WHERE p.a = $1 ORDER BY p.n DESC, p.b LIMIT $2`, id, store.MaxCoMentions)
	if err != nil {
		return store.EntitySummary{}, fmt.Errorf("postgres: co-mentions of %s: %w", id, err)
	}
	defer co.Close()
	for co.Next() {
		var c store.CoMention
		if err := co.Scan(&c.ID, &c.Type, &c.Name, &c.Articles); err != nil {
			return store.EntitySummary{}, fmt.Errorf("postgres: co-mentions of %s: %w", id, err)
		}
		sum.CoMentions = append(sum.CoMentions, c)
	}
	if err := co.Err(); err != nil {
		return store.EntitySummary{}, fmt.Errorf("postgres: co-mentions of %s: %w", id, err)
	}
	return sum, nil
}

// Entities lists canonical entities, most frequent first, from the entities table.
func (s *Store) Entities(ctx context.Context, f store.EntityFilter) ([]store.EntitySummary, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	ids, err := s.ids(ctx, "entities", `SELECT id FROM entities WHERE ($1 = '' OR type = $1)
		ORDER BY articles DESC, id LIMIT $2`, f.Type, limit)
	if err != nil {
		return nil, err
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
	rows, err := s.pool.Query(ctx, `SELECT a.id, a.lang, `+articleTitle+`, COALESCE(a.published, '')
		FROM (SELECT article_id, published FROM article_entities WHERE canonical_id = $1
			ORDER BY published DESC NULLS LAST, article_id DESC LIMIT $2) e
		JOIN articles a ON a.id = e.article_id ORDER BY e.published DESC NULLS LAST, e.article_id DESC`, id, limit+limit/4+4)
	if err != nil {
		return nil, fmt.Errorf("postgres: articles of %s: %w", id, err)
	}
	defer rows.Close()
	var out []store.ArticleRef
	for rows.Next() {
		var r store.ArticleRef
		if err := rows.Scan(&r.ID, &r.Lang, &r.Title, &r.Published); err != nil {
			return nil, fmt.Errorf("postgres: articles of %s: %w", id, err)
		}
		if n := len(out); n > 0 && out[n-1].ID == r.ID || len(out) == limit {
			continue
		}
		r.Title = strings.Join(strings.Fields(r.Title), " ")
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: articles of %s: %w", id, err)
	}
	return out, nil
}
