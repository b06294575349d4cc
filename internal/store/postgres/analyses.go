package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"

	"storyline/internal/analyse"
	"storyline/internal/store"
)

// lastAnalyses keeps the last analysis of each article of a batch, in order: a later analysis of
// an article replaces an earlier one, as writing them one after the other would.
func lastAnalyses(as []store.Analysed) []store.Analysed {
	last := map[string]int{}
	for i, a := range as {
		last[a.Analysis.ArticleID] = i
	}
	if len(last) == len(as) {
		return as
	}
	out := make([]store.Analysed, 0, len(last))
	for i, a := range as {
		if last[a.Analysis.ArticleID] == i {
			out = append(out, a)
		}
	}
	return out
}

// writeAnalyses stores analyses and entity rows inside the batch transaction.
func writeAnalyses(ctx context.Context, tx pgx.Tx, as []store.Analysed) error {
	as = lastAnalyses(as)
	if len(as) == 0 {
		return nil
	}
	var ids, docs []string
	var versions []int32
	var e entityArrays
	for _, a := range as {
		id := a.Analysis.ArticleID
		doc, err := json.Marshal(a.Analysis)
		if err != nil {
			return fmt.Errorf("analysis of %s: %w", id, err)
		}
		ids, docs, versions = append(ids, id), append(docs, string(doc)), append(versions, int32(a.Analysis.Version))
		for _, r := range a.Entities {
			if err := e.add(id, r); err != nil {
				return err
			}
		}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO analyses (article_id, version, doc)
		SELECT * FROM unnest($1::text[], $2::int[], $3::text[])
		ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, doc = excluded.doc`, ids, versions, docs); err != nil {
		return fmt.Errorf("analyses: %w", err)
	}
	// The summaries lose what the articles' old rows gave them and gain what the new give.
	q, err := tx.Query(ctx, `DELETE FROM article_entities WHERE article_id = ANY($1)
		RETURNING article_id, lang, published, doc, block, canonical_id`, ids)
	if err != nil {
		return fmt.Errorf("entities: %w", err)
	}
	old, err := scanEntityRows(q)
	if err != nil {
		return fmt.Errorf("entities: %w", err)
	}
	delta := store.NewEntityDelta()
	byArticle := map[string][]store.EntityRow{}
	for _, r := range old {
		byArticle[r.ArticleID] = append(byArticle[r.ArticleID], r)
	}
	for _, rows := range byArticle {
		delta.Add(rows, -1)
	}
	for _, a := range as {
		delta.Add(a.Entities, 1)
	}
	if len(e.article) > 0 {
		if err := insertEntityRows(ctx, tx, &e); err != nil {
			return err
		}
	}
	if err := applyEntityDelta(ctx, tx, delta); err != nil {
		return fmt.Errorf("entity summaries: %w", err)
	}
	return nil
}

// insertEntityRows inserts entity rows in one statement.
func insertEntityRows(ctx context.Context, tx pgx.Tx, e *entityArrays) error {
	if _, err := tx.Exec(ctx, `INSERT INTO article_entities (article_id, entity_key, canonical_id, block, type, name,
		lang, published, mentions, salience, doc)
		SELECT a, k, c, b, t, n, l, NULLIF(p, ''), m, s, d FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],
			$5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::float8[], $11::text[]) AS t(a, k, c, b, t, n, l, p, m, s, d)`,
		e.article, e.key, e.canon, e.block, e.typ, e.name, e.lang, e.published, e.mentions, e.salience, e.doc); err != nil {
		return fmt.Errorf("entities: %w", err)
	}
	return nil
}

// entityArrays holds entity rows column by column.
type entityArrays struct {
	article, key, canon, block, typ, name, lang, published, doc []string
	mentions                                                    []int32
	salience                                                    []float64
}

func (e *entityArrays) add(articleID string, r store.EntityRow) error {
	ent := r.Entity
	doc, err := json.Marshal(ent)
	if err != nil {
		return fmt.Errorf("entity %s of %s: %w", ent.Key, articleID, err)
	}
	canon := r.CanonicalID
	if canon == "" {
		canon = ent.Key
	}
	e.article = append(e.article, articleID)
	e.key = append(e.key, ent.Key)
	e.canon = append(e.canon, canon)
	e.block = append(e.block, r.Block)
	e.typ = append(e.typ, ent.Type)
	e.name = append(e.name, ent.Name)
	e.lang = append(e.lang, r.Lang)
	e.published = append(e.published, r.Published)
	e.mentions = append(e.mentions, int32(len(ent.Mentions)))
	e.salience = append(e.salience, ent.Salience)
	e.doc = append(e.doc, string(doc))
	return nil
}

// Analysis returns the stored analysis of an article.
func (s *Store) Analysis(ctx context.Context, articleID string) (analyse.Analysis, error) {
	var doc string
	err := s.pool.QueryRow(ctx, `SELECT doc FROM analyses WHERE article_id = $1`, articleID).Scan(&doc)
	if errors.Is(err, pgx.ErrNoRows) {
		return analyse.Analysis{}, fmt.Errorf("analysis of %s: %w", articleID, store.ErrNotFound)
	}
	if err != nil {
		return analyse.Analysis{}, fmt.Errorf("postgres: analysis of %s: %w", articleID, err)
	}
	var an analyse.Analysis
	if err := json.Unmarshal([]byte(doc), &an); err != nil {
		return analyse.Analysis{}, fmt.Errorf("postgres: analysis of %s: %w", articleID, err)
	}
	return an, nil
}

// Canonical returns the global id of each entity key of an article.
func (s *Store) Canonical(ctx context.Context, articleID string) (map[string]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT entity_key, canonical_id FROM article_entities WHERE article_id = $1`, articleID)
	if err != nil {
		return nil, fmt.Errorf("postgres: entities of %s: %w", articleID, err)
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
	return s.ids(ctx, "stale analyses", `SELECT a.id FROM articles a LEFT JOIN analyses n ON n.article_id = a.id
		WHERE n.article_id IS NULL OR n.version < $1 ORDER BY a.seq LIMIT $2`, version, limit)
}

// ids runs a query of one text column.
func (s *Store) ids(ctx context.Context, what, sql string, args ...any) ([]string, error) {
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", what, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", what, err)
	}
	return ids, nil
}

// scanEntityRows reads rows of (article_id, lang, published, doc, block, canonical_id).
func scanEntityRows(rows pgx.Rows) ([]store.EntityRow, error) {
	defer rows.Close()
	var out []store.EntityRow
	for rows.Next() {
		var row store.EntityRow
		var published *string
		var doc string
		if err := rows.Scan(&row.ArticleID, &row.Lang, &published, &doc, &row.Block, &row.CanonicalID); err != nil {
			return nil, err
		}
		row.Published = deref(published)
		if err := json.Unmarshal([]byte(doc), &row.Entity); err != nil {
			return nil, fmt.Errorf("entity row of %s: %w", row.ArticleID, err)
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// Resolve re-resolves the rows of some blocks in one transaction. Resolutions of one block run
// one at a time (transaction-scoped advisory locks per block, taken in one order), and each reads
// the rows after taking its locks, so the last resolution of a block has seen every row written
// before it started.
func (s *Store) Resolve(ctx context.Context, blocks []string, r store.Resolver) error {
	if len(blocks) == 0 {
		return nil
	}
	keys := make([]int64, 0, len(blocks))
	seen := map[int64]bool{}
	for _, b := range blocks {
		h := fnv.New64a()
		h.Write([]byte(b))
		k := s.lockKey("block\x00") ^ int64(h.Sum64())
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		lb := &pgx.Batch{}
		for _, k := range keys {
			lb.Queue(`SELECT pg_advisory_xact_lock($1)`, k)
		}
		if err := tx.SendBatch(ctx, lb).Close(); err != nil {
			return fmt.Errorf("block locks: %w", err)
		}
		q, err := tx.Query(ctx, `SELECT article_id, lang, published, doc, block, canonical_id FROM article_entities
			WHERE block = ANY($1) ORDER BY article_id, entity_key`, blocks)
		if err != nil {
			return err
		}
		rows, err := scanEntityRows(q)
		if err != nil {
			return err
		}
		ids := r(rows)
		if len(ids) != len(rows) {
			return fmt.Errorf("resolver returned %d ids for %d rows", len(ids), len(rows))
		}
		var art, key, canon []string
		changed := map[string]bool{}
		var changedIDs []string
		for i, row := range rows {
			if ids[i] == row.CanonicalID || ids[i] == "" {
				continue
			}
			art, key, canon = append(art, row.ArticleID), append(key, row.Entity.Key), append(canon, ids[i])
			if !changed[row.ArticleID] {
				changed[row.ArticleID] = true
				changedIDs = append(changedIDs, row.ArticleID)
			}
		}
		if len(art) == 0 {
			return nil
		}
		// The summaries change by what the changed articles' rows gave before and give after;
		// the rows are read again, locked, as they are now.
		newID := map[[2]string]string{}
		for i := range art {
			newID[[2]string{art[i], key[i]}] = canon[i]
		}
		before, err := rowsOfArticles(ctx, tx, changedIDs)
		if err != nil {
			return err
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
		if _, err := tx.Exec(ctx, `UPDATE article_entities e SET canonical_id = u.c
			FROM unnest($1::text[], $2::text[], $3::text[]) AS u(a, k, c) WHERE e.article_id = u.a AND e.entity_key = u.k`,
			art, key, canon); err != nil {
			return err
		}
		if err := applyEntityDelta(ctx, tx, delta); err != nil {
			return err
		}
		sort.Strings(changedIDs)
		return reindexEntities(ctx, tx, changedIDs)
	})
	if err != nil {
		return fmt.Errorf("postgres: resolve: %w", err)
	}
	return nil
}

// EntityArticles lists the articles that mention an entity, oldest first.
func (s *Store) EntityArticles(ctx context.Context, id string) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT e.article_id, COALESCE(a.published, ''), a.seq FROM article_entities e
		JOIN articles a ON a.id = e.article_id WHERE e.canonical_id = $1 ORDER BY 2, 3`, id)
	if err != nil {
		return nil, fmt.Errorf("postgres: articles of %s: %w", id, err)
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

// EntityRows returns the entity rows of the given articles.
func (s *Store) EntityRows(ctx context.Context, articleIDs []string) ([]store.EntityRow, error) {
	if len(articleIDs) == 0 {
		return nil, nil
	}
	q, err := s.pool.Query(ctx, `SELECT article_id, lang, published, doc, block, canonical_id FROM article_entities
		WHERE article_id = ANY($1) ORDER BY article_id, entity_key`, articleIDs)
	if err != nil {
		return nil, fmt.Errorf("postgres: entity rows: %w", err)
	}
	rows, err := scanEntityRows(q)
	if err != nil {
		return nil, fmt.Errorf("postgres: entity rows: %w", err)
	}
	return rows, nil
}

// asciiLower folds ASCII letters only, as SQLite's NOCASE and LIKE do, whatever the database's
// locale.
const asciiLower = `'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'`

// FindEntities returns canonical ids named name: by id, entity key, name (ASCII case folded) or
// a surface form (the JSON string anywhere in the entity's document, ASCII case folded), as the
// SQLite store finds them.
func (s *Store) FindEntities(ctx context.Context, name string, limit int) ([]string, error) {
	if limit <= 0 {
		limit = 10
	}
	form, err := json.Marshal(name)
	if err != nil {
		return nil, err
	}
	pattern := `%` + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(string(form)) + `%`
	return s.ids(ctx, "find entity", `SELECT canonical_id FROM article_entities
		WHERE canonical_id = $1 OR entity_key = $1 OR translate(name, `+asciiLower+`) = translate($1, `+asciiLower+`)
			OR translate(doc, `+asciiLower+`) LIKE translate($2, `+asciiLower+`)
		GROUP BY canonical_id ORDER BY COUNT(DISTINCT article_id) DESC, canonical_id LIMIT $3`, name, pattern, limit)
}
