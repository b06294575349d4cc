package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
	"storyline/internal/store"
)

// Ranking: FTS5's BM25 (k1 1.2, b 0.75) with the SQLite store's column weights — title 4, body 1,
// keys 2, entities 3 — so that both stores score alike.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// fields are the search document's fields: the prefix of their tokens and their weight.
var fields = []struct {
	prefix string
	weight float64
}{{"t:", 4}, {"b:", 1}, {"k:", 2}, {"e:", 3}}

// snippetChars is the length of a hit's snippet.
const snippetChars = 240

// searchRow is a search document as the search table holds it.
type searchRow struct {
	id                      string
	title, body, keys, ents string
	toks                    []string
	tf                      map[string]int
	len                     int
}

// newSearchRow lays out a document: its distinct prefixed tokens, their counts and its length.
func newSearchRow(id string, d store.SearchDoc) searchRow {
	r := searchRow{id: id, title: d.Title, body: d.Body, keys: d.Keys, ents: d.Entities, tf: map[string]int{}}
	for i, text := range []string{d.Title, d.Body, d.Keys, d.Entities} {
		for _, tok := range strings.Fields(text) {
			k := fields[i].prefix + strings.ToLower(tok)
			if r.tf[k] == 0 {
				r.toks = append(r.toks, k)
			}
			r.tf[k]++
			r.len++
		}
	}
	if r.toks == nil {
		r.toks = []string{}
	}
	return r
}

// searchItem is one article to index and whether it comes with its analysis.
type searchItem struct {
	row      searchRow
	analysed bool
}

// searchDocs builds, in parallel and before the batch's transaction, the search documents of the
// batch's articles and of the articles its analyses belong to, as the SQLite store does.
func (s *Store) searchDocs(ctx context.Context, b store.Batch) (map[string]searchItem, error) {
	type job struct {
		art ingest.Article
		an  *store.Analysed
	}
	byID := make(map[string]*job, len(b.Articles)+len(b.Analyses))
	var jobs []*job
	for i := range b.Articles {
		a := b.Articles[i]
		if _, ok := byID[a.ID]; !ok {
			j := &job{art: a}
			byID[a.ID] = j
			jobs = append(jobs, j)
		}
	}
	for i := range b.Analyses {
		an := &b.Analyses[i]
		id := an.Analysis.ArticleID
		j, ok := byID[id]
		if !ok {
			a := ingest.Article{ID: id}
			err := s.pool.QueryRow(ctx, `SELECT title, body, lang FROM articles WHERE id = $1`, id).Scan(&a.Title, &a.Body, &a.Lang)
			if errors.Is(err, pgx.ErrNoRows) {
				continue // the batch will fail on the analysis's foreign key and say so
			}
			if err != nil {
				return nil, fmt.Errorf("article %s: %w", id, err)
			}
			j = &job{art: a}
			byID[id] = j
			jobs = append(jobs, j)
		}
		j.an = an
	}
	out := make([]searchItem, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(jobs)/16, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				j := jobs[i]
				if j.an != nil {
					out[i] = searchItem{row: newSearchRow(j.art.ID, s.searchDocBuilders.Doc(j.art, &j.an.Analysis, j.an.Entities)), analysed: true}
				} else {
					out[i] = searchItem{row: newSearchRow(j.art.ID, s.searchDocBuilders.Doc(j.art, nil, nil))}
				}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	m := make(map[string]searchItem, len(out))
	for _, it := range out {
		m[it.row.id] = it
	}
	return m, nil
}

// putSearchRows upserts search rows.
func putSearchRows(ctx context.Context, tx pgx.Tx, rows []searchRow) error {
	if len(rows) == 0 {
		return nil
	}
	// The documents carry the transaction's revision; the row lock on search_rev makes
	// revisions commit in order (see migration 0006).
	var rev int64
	if err := tx.QueryRow(ctx, `UPDATE search_rev SET rev = rev + 1 WHERE id = 1 RETURNING rev`).Scan(&rev); err != nil {
		return fmt.Errorf("search revision: %w", err)
	}
	b := &pgx.Batch{}
	for _, r := range rows {
		tf, err := json.Marshal(r.tf)
		if err != nil {
			return err
		}
		b.Queue(`INSERT INTO search (article_id, title, body, keys, ents, toks, tf, len, rev) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (article_id) DO UPDATE SET title = excluded.title, body = excluded.body, keys = excluded.keys,
				ents = excluded.ents, toks = excluded.toks, tf = excluded.tf, len = excluded.len, rev = excluded.rev`,
			r.id, r.title, r.body, r.keys, r.ents, r.toks, string(tf), r.len, rev)
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// writeSearch indexes, inside the batch transaction, the articles the batch inserted and every
// article it brings an analysis for.
func writeSearch(ctx context.Context, tx pgx.Tx, b store.Batch, inserted map[string]bool, docs map[string]searchItem) error {
	var rows []searchRow
	done := map[string]bool{}
	for _, a := range b.Articles {
		it, ok := docs[a.ID]
		if !inserted[a.ID] || !ok || it.analysed || done[a.ID] {
			continue
		}
		done[a.ID] = true
		rows = append(rows, it.row)
	}
	for _, an := range b.Analyses {
		id := an.Analysis.ArticleID
		it, ok := docs[id]
		if !ok || done[id] {
			continue
		}
		done[id] = true
		rows = append(rows, it.row)
	}
	return putSearchRows(ctx, tx, rows)
}

// reindexEntities rewrites the entity tokens of the given articles from their entity rows, inside
// a transaction that changed their canonical ids.
func reindexEntities(ctx context.Context, tx pgx.Tx, articleIDs []string) error {
	if len(articleIDs) == 0 {
		return nil
	}
	type doc struct {
		d        store.SearchDoc
		ids      []string
		mentions []int
	}
	docs := map[string]*doc{}
	rows, err := tx.Query(ctx, `SELECT article_id, title, body, keys FROM search WHERE article_id = ANY($1)`, articleIDs)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id string
		d := &doc{}
		if err := rows.Scan(&id, &d.d.Title, &d.d.Body, &d.d.Keys); err != nil {
			rows.Close()
			return err
		}
		docs[id] = d
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.Query(ctx, `SELECT article_id, canonical_id, mentions FROM article_entities WHERE article_id = ANY($1)
		ORDER BY article_id, entity_key`, articleIDs)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, canon string
		var n int
		if err := rows.Scan(&id, &canon, &n); err != nil {
			rows.Close()
			return err
		}
		if d := docs[id]; d != nil {
			d.ids, d.mentions = append(d.ids, canon), append(d.mentions, n)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var out []searchRow
	for _, id := range articleIDs {
		if d := docs[id]; d != nil {
			d.d.Entities = store.EntityTokens(d.ids, d.mentions)
			out = append(out, newSearchRow(id, d.d))
		}
	}
	return putSearchRows(ctx, tx, out)
}

// ensureSearchIndex rebuilds the search index when it was built by another store.SearchVersion
// (or never). It runs while Open holds the migration lock, so one process rebuilds.
func (s *Store) ensureSearchIndex(ctx context.Context) error {
	var v *int
	err := s.pool.QueryRow(ctx, `SELECT version FROM search_meta WHERE id = 1`).Scan(&v)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("search index version: %w", err)
	}
	if v != nil && *v == store.SearchVersion {
		return nil
	}
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		// Writers wait meanwhile, so that no batch goes unindexed.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, s.lockKey("write")); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM search`); err != nil {
			return err
		}
		var after int64
		for {
			n, last, err := rebuildSearchPage(ctx, tx, after)
			if err != nil {
				return err
			}
			if n == 0 {
				break
			}
			after = last
		}
		_, err := tx.Exec(ctx, `INSERT INTO search_meta (id, version) VALUES (1, $1)
			ON CONFLICT (id) DO UPDATE SET version = excluded.version`, store.SearchVersion)
		return err
	})
	if err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	return nil
}

// rebuildSearchPage indexes up to a thousand articles after ingest sequence number after.
func rebuildSearchPage(ctx context.Context, tx pgx.Tx, after int64) (int, int64, error) {
	var docs store.SearchDocBuilders // words recur across articles
	type item struct {
		seq int64
		a   ingest.Article
		doc *string
	}
	rows, err := tx.Query(ctx, `SELECT a.seq, a.id, a.title, a.body, a.lang, n.doc FROM articles a
		LEFT JOIN analyses n ON n.article_id = a.id WHERE a.seq > $1 ORDER BY a.seq LIMIT 1000`, after)
	if err != nil {
		return 0, 0, err
	}
	var items []item
	for rows.Next() {
		var it item
		if err := rows.Scan(&it.seq, &it.a.ID, &it.a.Title, &it.a.Body, &it.a.Lang, &it.doc); err != nil {
			rows.Close()
			return 0, 0, err
		}
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	var out []searchRow
	var ids []string
	for _, it := range items {
		var an *analyse.Analysis
		if it.doc != nil {
			an = &analyse.Analysis{}
			if err := json.Unmarshal([]byte(*it.doc), an); err != nil {
				return 0, 0, fmt.Errorf("analysis of %s: %w", it.a.ID, err)
			}
		}
		out = append(out, newSearchRow(it.a.ID, docs.Doc(it.a, an, nil)))
		ids = append(ids, it.a.ID)
	}
	if err := putSearchRows(ctx, tx, out); err != nil {
		return 0, 0, err
	}
	// The entity tokens come from the entity rows as they are now.
	if err := reindexEntities(ctx, tx, ids); err != nil {
		return 0, 0, err
	}
	if len(items) == 0 {
		return 0, after, nil
	}
	return len(items), items[len(items)-1].seq, nil
}

func validDate(name, v string) error {
	if v == "" {
		return nil
	}
	if _, err := time.Parse("2006-01-02", v); err != nil {
		return fmt.Errorf("%s %q: want YYYY-MM-DD: %w", name, v, store.ErrBadQuery)
	}
	return nil
}

// phrase is one token of a query with the fields it may match in, as FTS5 sees a phrase under a
// column filter.
type phrase struct {
	tok    string
	fields []int // indexes into fields
}

// keys returns the prefixed, lower-cased tokens the phrase matches.
func (p phrase) keys() []string {
	out := make([]string, len(p.fields))
	for i, f := range p.fields {
		out[i] = fields[f].prefix + strings.ToLower(p.tok)
	}
	return out
}

// Search runs a search query (see store.Searcher) with the matching and ranking of the SQLite
// store: a hit matches one of the query's phrases (words in the title or body, concept keys also
// in the keys, entity ids in the entities) and every filter; its score is the number of query
// elements it matches plus b/(1+b), b FTS5's BM25 over all the phrases, filters included, with the
// same column weights and document statistics.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) (store.SearchResult, error) {
	res := store.SearchResult{Hits: []store.SearchHit{}}
	if err := validDate("since", q.Since); err != nil {
		return res, err
	}
	if err := validDate("until", q.Until); err != nil {
		return res, err
	}
	if q.Offset < 0 {
		return res, fmt.Errorf("offset %d: %w", q.Offset, store.ErrBadQuery)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, store.MaxSearchLimit)

	qt := store.NewQueryTokens(q)
	parsed, words, concepts, ents := qt.Parsed, qt.Words, qt.Concepts, qt.Entities
	var match, filters []phrase
	for _, w := range words {
		match = append(match, phrase{w, []int{0, 1}})
	}
	for _, c := range concepts {
		match = append(match, phrase{c, []int{0, 1, 2}})
	}
	for _, e := range ents {
		match = append(match, phrase{e, []int{3}})
	}
	if len(match) == 0 && strings.TrimSpace(q.Text) != "" {
		return res, nil // words that say nothing (stop words, punctuation) match nothing
	}
	if m := s.mem.Load(); m != nil && len(match) > 0 {
		return s.searchMem(ctx, m, q, limit, qt)
	}
	if q.Entity != "" {
		filters = append(filters, phrase{store.EntityToken(q.Entity), []int{3}})
	}
	if q.Topic != "" {
		filters = append(filters, phrase{store.TopicToken(q.Topic), []int{2}})
	}

	qb := newQuery()
	var from string
	var where []string
	if len(match) > 0 || len(filters) > 0 {
		from = `search s JOIN articles a ON a.id = s.article_id`
		if len(match) > 0 {
			var any []string
			for _, p := range match {
				any = append(any, p.keys()...)
			}
			where = append(where, `s.toks && `+qb.arg(any)+`::text[]`)
		}
		for _, f := range filters {
			where = append(where, `s.toks && `+qb.arg(f.keys())+`::text[]`)
		}
	} else {
		from = `articles a`
	}
	if q.Story != "" {
		from += ` JOIN link_articles l ON l.article_id = a.id`
		where = append(where, `l.story_id = `+qb.arg(q.Story))
	}
	if q.Lang != "" {
		where = append(where, `a.lang = `+qb.arg(q.Lang))
	}
	if q.Since != "" {
		where = append(where, `a.published >= `+qb.arg(q.Since))
	}
	if q.Until != "" {
		where = append(where, `a.published <= `+qb.arg(q.Until))
	}
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, " AND ")
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return res, fmt.Errorf("postgres: search %q: %w", q.Text, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM `+from+cond, qb.args...).Scan(&res.Total); err != nil {
		return res, fmt.Errorf("postgres: search %q: %w", q.Text, err)
	}
	if res.Total == 0 || q.Offset >= res.Total {
		return res, nil
	}
	score, order := `0::float8`, `COALESCE(a.published, '') DESC, a.id`
	if len(match) > 0 {
		b, err := bm25(ctx, tx, qb, append(append([]phrase{}, match...), filters...))
		if err != nil {
			return res, fmt.Errorf("postgres: search %q: %w", q.Text, err)
		}
		// Score = matched query elements + b/(1+b), b the BM25 relevance (see store.Searcher).
		var parts []string
		for _, g := range matchGroups(parsed, q.Concepts, ents) {
			parts = append(parts, `(s.toks && `+qb.arg(g)+`::text[])::int`)
		}
		score = `((` + strings.Join(parts, " + ") + `)::float8 + ` + b + ` / (1.0::float8 + ` + b + `))`
		order = `7 DESC, a.seq DESC`
	}
	rows, err := tx.Query(ctx, `SELECT a.id, a.lang, `+articleTitle+`, COALESCE(a.published, ''),
		substr(a.body, 1, `+strconv.Itoa(snippetChars)+`), a.seq, `+score+` FROM `+from+cond+` ORDER BY `+order+
		` LIMIT `+qb.arg(limit)+` OFFSET `+qb.arg(q.Offset), qb.args...)
	if err != nil {
		return res, fmt.Errorf("postgres: search %q: %w", q.Text, err)
	}
	var ids []string
	for rows.Next() {
		var h store.SearchHit
		var seq int64
		if err := rows.Scan(&h.ID, &h.Lang, &h.Title, &h.Published, &h.Snippet, &seq, &h.Score); err != nil {
			rows.Close()
			return res, err
		}
		h.Title = strings.Join(strings.Fields(h.Title), " ")
		h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
		res.Hits = append(res.Hits, h)
		ids = append(ids, h.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("postgres: search %q: %w", q.Text, err)
	}
	if len(match) > 0 {
		if err := explainHits(ctx, tx, res.Hits, ids, qt); err != nil {
			return res, err
		}
	}
	return res, nil
}

// matchGroups are the query elements a hit is credited for, each as the prefixed tokens any of
// which matches it: every term (its tokens in the title or body, or its concepts in the title,
// body or keys), every extra concept and every entity id — as the SQLite store counts them.
func matchGroups(parsed store.ParsedQuery, extraConcepts, ents []string) [][]string {
	var out [][]string
	for _, t := range parsed.Terms {
		var g []string
		for _, tok := range t.Tokens {
			g = append(g, phrase{tok, []int{0, 1}}.keys()...)
		}
		for _, c := range t.Concepts {
			g = append(g, phrase{c, []int{0, 1, 2}}.keys()...)
		}
		if len(g) > 0 {
			out = append(out, g)
		}
	}
	for _, c := range extraConcepts {
		if c = store.ConceptToken(c); c != "" {
			out = append(out, phrase{c, []int{0, 1, 2}}.keys())
		}
	}
	for _, e := range ents {
		out = append(out, phrase{e, []int{3}}.keys())
	}
	return out
}

// bm25 returns the SQL expression of a hit's score over the phrases, with the statistics of the
// whole index: FTS5's bm25() negated, term by term in the same order.
func bm25(ctx context.Context, tx pgx.Tx, qb *query, phrases []phrase) (string, error) {
	var nRow, nTok float64
	if err := tx.QueryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(len), 0) FROM search`).Scan(&nRow, &nTok); err != nil {
		return "", err
	}
	avgdl := nTok / max(nRow, 1)
	if avgdl == 0 {
		avgdl = 1
	}
	// Rows holding each phrase in its fields, one statement for all.
	var sel []string
	hq := newQuery()
	for _, p := range phrases {
		sel = append(sel, `(SELECT COUNT(*) FROM search WHERE toks && `+hq.arg(p.keys())+`::text[])`)
	}
	hits := make([]float64, len(phrases))
	dest := make([]any, len(phrases))
	for i := range hits {
		dest[i] = &hits[i]
	}
	if err := tx.QueryRow(ctx, `SELECT `+strings.Join(sel, ", "), hq.args...).Scan(dest...); err != nil {
		return "", err
	}
	var terms []string
	for i, p := range phrases {
		idf := logIDF(nRow, hits[i])
		var freq []string
		for _, f := range p.fields {
			freq = append(freq, strconv.FormatFloat(fields[f].weight, 'g', -1, 64)+`::float8 * COALESCE((s.tf ->> `+
				qb.arg(fields[f].prefix+strings.ToLower(p.tok))+`)::float8, 0)`)
		}
		fr := `(` + strings.Join(freq, " + ") + `)`
		terms = append(terms, fmt.Sprintf(`%s::float8 * ((%s * %s::float8) / (%s + %s::float8 * (1 - %s::float8 + %s::float8 * s.len / %s::float8)))`,
			num(idf), fr, num(bm25K1+1), fr, num(bm25K1), num(bm25B), num(bm25B), num(avgdl)))
	}
	// FTS5 adds the terms in order to 0.0 and negates the sum; negating again gives the sum.
	return `(0::float8 + ` + strings.Join(terms, " + ") + `)`, nil
}

// logIDF is FTS5's inverse document frequency: log((N - n + 0.5) / (n + 0.5)), at least 1e-6.
func logIDF(n, hit float64) float64 {
	idf := math.Log((n - hit + 0.5) / (hit + 0.5))
	if idf <= 0 {
		idf = 1e-6
	}
	return idf
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', 17, 64) }

// explainHits fills what each hit matched, from its search document.
func explainHits(ctx context.Context, tx pgx.Tx, hits []store.SearchHit, ids []string, qt store.QueryTokens) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := tx.Query(ctx, `SELECT article_id, title, body, keys, ents FROM search WHERE article_id = ANY($1)`, ids)
	if err != nil {
		return fmt.Errorf("postgres: search explanation: %w", err)
	}
	defer rows.Close()
	byID := map[string]int{}
	for i, id := range ids {
		byID[id] = i
	}
	for rows.Next() {
		var id, title, body, keys, entsCol string
		if err := rows.Scan(&id, &title, &body, &keys, &entsCol); err != nil {
			return err
		}
		h := &hits[byID[id]]
		qt.Explain(h, store.SearchDoc{Title: title, Body: body, Keys: keys, Entities: entsCol})
	}
	return rows.Err()
}

// EntityForms lists every distinct (canonical id, form, language) of the entity rows, from the
// entity summaries (store.CountLabel).
func (s *Store) EntityForms(ctx context.Context, fn func(store.EntityForm) error) error {
	rows, err := s.pool.Query(ctx, `SELECT c.id, e.type, c.lang, c.value, c.n FROM entity_counts c
		JOIN entities e ON e.id = c.id WHERE c.kind = 'label' AND c.n > 0`)
	if err != nil {
		return fmt.Errorf("postgres: entity forms: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f store.EntityForm
		if err := rows.Scan(&f.ID, &f.Type, &f.Lang, &f.Text, &f.Articles); err != nil {
			return err
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return rows.Err()
}
