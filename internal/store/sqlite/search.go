package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
	"storyline/internal/store"
)

// Column weights of the ranking: title, body, keys, entities (see store.Searcher).
const rankExpr = `bm25(search, 4.0, 1.0, 2.0, 3.0)`

// snippetChars is the length of a hit's snippet.
const snippetChars = 240

// searchItem is one article to index: its document and whether it comes with an analysis.
type searchItem struct {
	id       string
	doc      store.SearchDoc
	analysed bool
}

// searchDocs builds, in parallel and before the batch's transaction, the search documents of the
// batch's articles and of the articles its analyses belong to (read from the store when they are
// not in the batch).
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
			a, err := s.articleText(ctx, id)
			if errors.Is(err, store.ErrNotFound) {
				continue // the batch will fail on the analysis's foreign key and say so
			}
			if err != nil {
				return nil, err
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
					out[i] = searchItem{id: j.art.ID, doc: s.searchDocBuilders.Doc(j.art, &j.an.Analysis, j.an.Entities), analysed: true}
				} else {
					out[i] = searchItem{id: j.art.ID, doc: s.searchDocBuilders.Doc(j.art, nil, nil)}
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
		m[it.id] = it
	}
	return m, nil
}

// articleText reads the fields of a stored article that its search document needs.
func (s *Store) articleText(ctx context.Context, id string) (ingest.Article, error) {
	a := ingest.Article{ID: id}
	err := s.db.QueryRowContext(ctx, `SELECT title, body, lang FROM articles WHERE id = ?`, id).Scan(&a.Title, &a.Body, &a.Lang)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("article %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("sqlite: article %s: %w", id, err)
	}
	return a, nil
}

// writeSearch indexes, inside the batch transaction, the articles the batch inserted and every
// article it brings an analysis for.
func writeSearch(ctx context.Context, tx *sql.Tx, b store.Batch, inserted []bool, docs map[string]searchItem) error {
	seqOf, err := tx.PrepareContext(ctx, `SELECT seq FROM articles WHERE id = ?`)
	if err != nil {
		return err
	}
	defer seqOf.Close()
	del, err := tx.PrepareContext(ctx, `DELETE FROM search WHERE rowid = ?`)
	if err != nil {
		return err
	}
	defer del.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO search (rowid, title, body, keys, ents) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	log := changeLog{tx: tx}
	defer log.close()
	put := func(it searchItem) error {
		var seq int64
		if err := seqOf.QueryRowContext(ctx, it.id).Scan(&seq); err != nil {
			return fmt.Errorf("search index of %s: %w", it.id, err)
		}
		if _, err := del.ExecContext(ctx, seq); err != nil {
			return fmt.Errorf("search index of %s: %w", it.id, err)
		}
		if _, err := ins.ExecContext(ctx, seq, it.doc.Title, it.doc.Body, it.doc.Keys, it.doc.Entities); err != nil {
			return fmt.Errorf("search index of %s: %w", it.id, err)
		}
		return log.record(ctx, seq)
	}
	done := map[string]bool{}
	for i, a := range b.Articles {
		it, ok := docs[a.ID]
		if !inserted[i] || !ok || it.analysed || done[a.ID] {
			continue
		}
		done[a.ID] = true
		if err := put(it); err != nil {
			return err
		}
	}
	for _, an := range b.Analyses {
		id := an.Analysis.ArticleID
		it, ok := docs[id]
		if !ok || done[id] {
			continue
		}
		done[id] = true
		if err := put(it); err != nil {
			return err
		}
	}
	return nil
}

// reindexEntities rewrites the entity tokens of the given articles from their entity rows, inside
// a transaction that changed their canonical ids.
func reindexEntities(ctx context.Context, tx *sql.Tx, articleIDs []string) error {
	if len(articleIDs) == 0 {
		return nil
	}
	rowsOf, err := tx.PrepareContext(ctx, `SELECT canonical_id, mentions FROM article_entities WHERE article_id = ? ORDER BY entity_key`)
	if err != nil {
		return err
	}
	defer rowsOf.Close()
	upd, err := tx.PrepareContext(ctx, `UPDATE search SET ents = ? WHERE rowid = ?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	seqOf, err := tx.PrepareContext(ctx, `SELECT seq FROM articles WHERE id = ?`)
	if err != nil {
		return err
	}
	defer seqOf.Close()
	log := changeLog{tx: tx}
	defer log.close()
	for _, id := range articleIDs {
		ids, mentions, err := entityRowsOf(ctx, rowsOf, id)
		if err != nil {
			return err
		}
		var seq int64
		if err := seqOf.QueryRowContext(ctx, id).Scan(&seq); err != nil {
			return fmt.Errorf("search entities of %s: %w", id, err)
		}
		if _, err := upd.ExecContext(ctx, store.EntityTokens(ids, mentions), seq); err != nil {
			return fmt.Errorf("search entities of %s: %w", id, err)
		}
		if err := log.record(ctx, seq); err != nil {
			return fmt.Errorf("search entities of %s: %w", id, err)
		}
	}
	return nil
}

func entityRowsOf(ctx context.Context, stmt *sql.Stmt, articleID string) ([]string, []int, error) {
	rows, err := stmt.QueryContext(ctx, articleID)
	if err != nil {
		return nil, nil, fmt.Errorf("entities of %s: %w", articleID, err)
	}
	defer rows.Close()
	var ids []string
	var mentions []int
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, nil, err
		}
		ids, mentions = append(ids, id), append(mentions, n)
	}
	return ids, mentions, rows.Err()
}

// ensureSearchIndex rebuilds the search index when it was built by another store.SearchVersion
// (or never, as after the migration that adds it to a store holding articles). It runs in one
// transaction, so two processes opening the store at once do not both rebuild.
func (s *Store) ensureSearchIndex(ctx context.Context) error {
	var v sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT version FROM search_meta WHERE id = 1`).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("search index version: %w", err)
	}
	if v.Valid && v.Int64 == store.SearchVersion {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	defer tx.Rollback()
	v = sql.NullInt64{}
	if err := tx.QueryRowContext(ctx, `SELECT version FROM search_meta WHERE id = 1`).Scan(&v); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if v.Valid && v.Int64 == store.SearchVersion {
		return nil // another process rebuilt it meanwhile
	}
	if err := rebuildSearch(ctx, tx); err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO search_meta (id, version) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET version = excluded.version`, store.SearchVersion); err != nil {
		return err
	}
	return tx.Commit()
}

// rebuildSearch indexes every stored article anew, a thousand at a time.
func rebuildSearch(ctx context.Context, tx *sql.Tx) error {
	var docs store.SearchDocBuilders // words recur across articles
	if _, err := tx.ExecContext(ctx, `DELETE FROM search`); err != nil {
		return err
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO search (rowid, title, body, keys, ents) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	rowsOf, err := tx.PrepareContext(ctx, `SELECT canonical_id, mentions FROM article_entities WHERE article_id = ? ORDER BY entity_key`)
	if err != nil {
		return err
	}
	defer rowsOf.Close()
	log := changeLog{tx: tx}
	defer log.close()
	var after int64
	for {
		type item struct {
			seq int64
			a   ingest.Article
			doc sql.NullString
		}
		rows, err := tx.QueryContext(ctx, `SELECT a.seq, a.id, a.title, a.body, a.lang, n.doc FROM articles a
			LEFT JOIN analyses n ON n.article_id = a.id WHERE a.seq > ? ORDER BY a.seq LIMIT 1000`, after)
		if err != nil {
			return err
		}
		var items []item
		for rows.Next() {
			var it item
			if err := rows.Scan(&it.seq, &it.a.ID, &it.a.Title, &it.a.Body, &it.a.Lang, &it.doc); err != nil {
				rows.Close()
				return err
			}
			items = append(items, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(items) == 0 {
			return nil
		}
		for _, it := range items {
			after = it.seq
			var an *analyse.Analysis
			if it.doc.Valid {
				an = &analyse.Analysis{}
				if err := json.Unmarshal([]byte(it.doc.String), an); err != nil {
					return fmt.Errorf("analysis of %s: %w", it.a.ID, err)
				}
			}
			d := docs.Doc(it.a, an, nil)
			ids, mentions, err := entityRowsOf(ctx, rowsOf, it.a.ID)
			if err != nil {
				return err
			}
			d.Entities = store.EntityTokens(ids, mentions)
			if _, err := ins.ExecContext(ctx, it.seq, d.Title, d.Body, d.Keys, d.Entities); err != nil {
				return fmt.Errorf("index %s: %w", it.a.ID, err)
			}
			if err := log.record(ctx, it.seq); err != nil {
				return fmt.Errorf("index %s: %w", it.a.ID, err)
			}
		}
	}
}

// matchGroups are the query elements a hit is credited for, each as an FTS5 expression: every
// term (its tokens in the text, or its concepts in the text or keys), every extra concept and
// every entity id.
func matchGroups(parsed store.ParsedQuery, extraConcepts, ents []string) []string {
	var out []string
	for _, t := range parsed.Terms {
		var alts []string
		if e := ftsAny("title body", t.Tokens); e != "" {
			alts = append(alts, e)
		}
		if e := ftsAny("title body keys", t.Concepts); e != "" {
			alts = append(alts, e)
		}
		if len(alts) > 0 {
			out = append(out, strings.Join(alts, " OR "))
		}
	}
	for _, c := range extraConcepts {
		if c = store.ConceptToken(c); c != "" {
			out = append(out, ftsAny("title body keys", []string{c}))
		}
	}
	for _, e := range ents {
		out = append(out, ftsAny("ents", []string{e}))
	}
	return out
}

// ftsQuote quotes an index token as an FTS5 string.
func ftsQuote(tok string) string { return `"` + strings.ReplaceAll(tok, `"`, `""`) + `"` }

// ftsAny is "{cols} : (a OR b ...)", or "" for no tokens.
func ftsAny(cols string, toks []string) string {
	if len(toks) == 0 {
		return ""
	}
	q := make([]string, len(toks))
	for i, t := range toks {
		q[i] = ftsQuote(t)
	}
	return "{" + cols + "} : (" + strings.Join(q, " OR ") + ")"
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

// Search runs a search query (see store.Searcher).
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
	parsed, ents := qt.Parsed, qt.Entities
	// The match is the OR of the query's elements, each an expression of its own, so that every
	// way of ranking (all matches, or those matching every element) sees the same phrases.
	var match []string
	for _, g := range matchGroups(parsed, q.Concepts, ents) {
		match = append(match, "("+g+")")
	}
	if len(match) == 0 && strings.TrimSpace(q.Text) != "" {
		return res, nil // words that say nothing (stop words, punctuation) match nothing
	}
	if m := s.mem.Load(); m != nil && len(match) > 0 {
		return s.searchMem(ctx, m, q, limit, qt)
	}
	var filters []string
	if q.Entity != "" {
		filters = append(filters, ftsAny("ents", []string{store.EntityToken(q.Entity)}))
	}
	if q.Topic != "" {
		filters = append(filters, ftsAny("keys", []string{store.TopicToken(q.Topic)}))
	}
	expr := ""
	if len(match) > 0 {
		expr = "(" + strings.Join(match, " OR ") + ")"
	}
	for _, f := range filters {
		if expr != "" {
			expr += " AND "
		}
		expr += f
	}

	var from string
	var where []string
	var args []any
	if expr != "" {
		from = `search JOIN articles a ON a.seq = search.rowid`
		where, args = append(where, `search MATCH ?`), append(args, expr)
	} else {
		from = `articles a`
	}
	if q.Story != "" {
		from += ` JOIN link_articles l ON l.article_id = a.id`
		where, args = append(where, `l.story_id = ?`), append(args, q.Story)
	}
	if q.Lang != "" {
		where, args = append(where, `a.lang = ?`), append(args, q.Lang)
	}
	if q.Since != "" {
		where, args = append(where, `a.published >= ?`), append(args, q.Since)
	}
	if q.Until != "" {
		where, args = append(where, `a.published <= ?`), append(args, q.Until)
	}
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, " AND ")
	}
	// Without filters on the article, the index alone ranks; articles are read for the page only.
	if len(match) > 0 && q.Story == "" && q.Lang == "" && q.Since == "" && q.Until == "" {
		return s.searchIndexOnly(ctx, q, expr, filters, qt, limit)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+from+cond, args...).Scan(&res.Total); err != nil {
		return res, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
	}
	if res.Total == 0 || q.Offset >= res.Total {
		return res, nil
	}
	score, order := `0`, `COALESCE(a.published, '') DESC, a.id`
	var scoreArgs []any
	if len(match) > 0 {
		// Score = matched query elements + b/(1+b), b the BM25 relevance (FTS5's bm25 is <= 0).
		score, scoreArgs = scoreExpr(parsed, q.Concepts, ents)
		order = `7 DESC, a.seq DESC`
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.seq, a.id, a.lang, `+articleTitle+`, COALESCE(a.published, ''),
		substr(a.body, 1, `+strconv.Itoa(snippetChars)+`), `+score+` FROM `+from+cond+` ORDER BY `+order+` LIMIT ? OFFSET ?`,
		append(append(scoreArgs, args...), limit, q.Offset)...)
	if err != nil {
		return res, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
	}
	var seqs []int64
	for rows.Next() {
		var h store.SearchHit
		var seq int64
		if err := rows.Scan(&seq, &h.ID, &h.Lang, &h.Title, &h.Published, &h.Snippet, &h.Score); err != nil {
			rows.Close()
			return res, err
		}
		h.Title = strings.Join(strings.Fields(h.Title), " ")
		h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
		res.Hits = append(res.Hits, h)
		seqs = append(seqs, seq)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, err
	}
	if len(match) > 0 {
		if err := s.explainHits(ctx, res.Hits, seqs, qt); err != nil {
			return res, err
		}
	}
	return res, nil
}

// scoreExpr is the SQL of a hit's score (see store.Searcher) and its arguments.
func scoreExpr(parsed store.ParsedQuery, concepts, ents []string) (string, []any) {
	var parts []string
	var args []any
	for _, g := range matchGroups(parsed, concepts, ents) {
		parts, args = append(parts, `(search.rowid IN (SELECT rowid FROM search WHERE search MATCH ?))`), append(args, g)
	}
	return `(` + strings.Join(parts, " + ") + `) + (-` + rankExpr + `) / (1.0 - ` + rankExpr + `)`, args
}

// searchIndexOnly ranks the matches of expr in the search index alone and reads the articles of
// the page only.
//
// A hit's score is m + b/(1+b) with m the query elements it matches, so the articles that match
// every element come first. When they fill the page, only they are ranked (an AND of the
// elements, which the index answers by merging lists, and BM25 over far fewer rows): the order
// is the same as ranking every match.
func (s *Store) searchIndexOnly(ctx context.Context, q store.SearchQuery, expr string, filters []string, qt store.QueryTokens,
	limit int) (store.SearchResult, error) {
	parsed, ents := qt.Parsed, qt.Entities
	res := store.SearchResult{Hits: []store.SearchHit{}}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM search WHERE search MATCH ?`, expr).Scan(&res.Total); err != nil {
		return res, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
	}
	if res.Total == 0 || q.Offset >= res.Total {
		return res, nil
	}
	groups := matchGroups(parsed, q.Concepts, ents)
	score, args := scoreExpr(parsed, q.Concepts, ents)
	rankOver := expr
	all := make([]string, 0, len(groups)+len(filters))
	for _, g := range groups {
		all = append(all, "("+g+")")
	}
	andExpr := strings.Join(append(all, filters...), " AND ")
	switch {
	case len(groups) == 1:
		// every hit matches the one element
		score, args = `1 + (-`+rankExpr+`) / (1.0 - `+rankExpr+`)`, nil
	default:
		var full int
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM search WHERE search MATCH ?`, andExpr).Scan(&full); err != nil {
			return res, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
		}
		if q.Offset+limit <= full {
			rankOver = andExpr
			score, args = strconv.Itoa(len(groups))+` + (-`+rankExpr+`) / (1.0 - `+rankExpr+`)`, nil
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT rowid, `+score+` AS score FROM search WHERE search MATCH ?
		ORDER BY score DESC, rowid DESC LIMIT ? OFFSET ?`, append(args, rankOver, limit, q.Offset)...)
	if err != nil {
		return res, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
	}
	var seqs []int64
	scores := map[int64]float64{}
	for rows.Next() {
		var seq int64
		var sc float64
		if err := rows.Scan(&seq, &sc); err != nil {
			rows.Close()
			return res, err
		}
		seqs, scores[seq] = append(seqs, seq), sc
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, err
	}
	if len(seqs) == 0 {
		return res, nil
	}
	ids := make([]any, len(seqs))
	for i, q := range seqs {
		ids[i] = q
	}
	arows, err := s.db.QueryContext(ctx, `SELECT a.seq, a.id, a.lang, `+articleTitle+`, COALESCE(a.published, ''),
		substr(a.body, 1, `+strconv.Itoa(snippetChars)+`) FROM articles a WHERE a.seq IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return res, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
	}
	bySeq := map[int64]store.SearchHit{}
	for arows.Next() {
		var h store.SearchHit
		var seq int64
		if err := arows.Scan(&seq, &h.ID, &h.Lang, &h.Title, &h.Published, &h.Snippet); err != nil {
			arows.Close()
			return res, err
		}
		h.Title = strings.Join(strings.Fields(h.Title), " ")
		h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
		h.Score = scores[seq]
		bySeq[seq] = h
	}
	arows.Close()
	if err := arows.Err(); err != nil {
		return res, err
	}
	for _, seq := range seqs {
		res.Hits = append(res.Hits, bySeq[seq])
	}
	return res, s.explainHits(ctx, res.Hits, seqs, qt)
}

// explainHits fills what each hit matched, from its search document.
func (s *Store) explainHits(ctx context.Context, hits []store.SearchHit, seqs []int64, qt store.QueryTokens) error {
	if len(seqs) == 0 {
		return nil
	}
	args := make([]any, len(seqs))
	for i, q := range seqs {
		args[i] = q
	}
	rows, err := s.db.QueryContext(ctx, `SELECT rowid, title, body, keys, ents FROM search WHERE rowid IN (`+placeholders(len(seqs))+`)`, args...)
	if err != nil {
		return fmt.Errorf("sqlite: search explanation: %w", err)
	}
	defer rows.Close()
	bySeq := map[int64]int{}
	for i, q := range seqs {
		bySeq[q] = i
	}
	for rows.Next() {
		var seq int64
		var title, body, keys, entsCol string
		if err := rows.Scan(&seq, &title, &body, &keys, &entsCol); err != nil {
			return err
		}
		h := &hits[bySeq[seq]]
		qt.Explain(h, store.SearchDoc{Title: title, Body: body, Keys: keys, Entities: entsCol})
	}
	return rows.Err()
}

// EntityForms lists every distinct (canonical id, form, language) of the entity rows, from the
// entity summaries (store.CountLabel).
func (s *Store) EntityForms(ctx context.Context, fn func(store.EntityForm) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, e.type, c.lang, c.value, c.n FROM entity_counts c
		JOIN entities e ON e.id = c.id WHERE c.kind = 'label' AND c.n > 0`)
	if err != nil {
		return fmt.Errorf("sqlite: entity forms: %w", err)
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

// sortedKeys returns the keys of a set in order.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
