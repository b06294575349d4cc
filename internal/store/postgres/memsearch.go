package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"

	"storyline/internal/store"
)

// memIndex is the in-memory search index a long-running process asks the store to keep.
type memIndex struct {
	// mu serialises catching up with the store; idx has its own lock for searching.
	mu sync.Mutex
	// loaded is false until the first catch-up, which reads every document (revision >= 0).
	loaded bool
	idx    *store.SearchIndex
}

// KeepSearchIndex makes the store answer Search from an in-memory index (store.SearchIndex)
// from now on: it loads every search document now, and before each search reads the documents
// written since (by this process or any other: each write stamps its documents with a revision
// that commits in order). The answers are those of the SQL search; the cost of a query no
// longer grows with the number of articles it matches. Meant for servers: loading takes time
// and memory in proportion to the store.
func (s *Store) KeepSearchIndex(ctx context.Context) error {
	m := &memIndex{idx: store.NewSearchIndex()}
	if err := m.catchUp(ctx, s); err != nil {
		return fmt.Errorf("postgres: load the search index: %w", err)
	}
	s.mem.Store(m)
	return nil
}

// catchUp applies the documents written since the index's revision.
func (m *memIndex) catchUp(ctx context.Context, s *Store) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	from := m.idx.Rev()
	if !m.loaded {
		from = -1
	}
	rows, err := s.pool.Query(ctx, `SELECT s.rev, a.seq, a.id, a.lang, COALESCE(a.published, ''), s.title, s.body, s.keys, s.ents
		FROM search s JOIN articles a ON a.id = s.article_id WHERE s.rev > $1 ORDER BY s.rev`, from)
	if err != nil {
		return err
	}
	defer rows.Close()
	const chunk = 2048
	var docs []store.IndexedDoc
	var rev int64
	for rows.Next() {
		var d store.IndexedDoc
		if err := rows.Scan(&rev, &d.Seq, &d.ID, &d.Lang, &d.Published, &d.Doc.Title, &d.Doc.Body, &d.Doc.Keys, &d.Doc.Entities); err != nil {
			return err
		}
		docs = append(docs, d)
		if len(docs) == chunk {
			m.idx.Apply(docs, 0)
			docs = docs[:0]
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	m.idx.Apply(docs, rev)
	m.loaded = true
	return nil
}

// searchMem answers a query that matches on something from the in-memory index: it ranks there,
// then reads the page's articles and explains its hits from the store.
func (s *Store) searchMem(ctx context.Context, m *memIndex, q store.SearchQuery, limit int, qt store.QueryTokens) (store.SearchResult, error) {
	res := store.SearchResult{Hits: []store.SearchHit{}}
	if err := m.catchUp(ctx, s); err != nil {
		return res, fmt.Errorf("postgres: search %q: %w", q.Text, err)
	}
	var story map[string]bool
	if q.Story != "" {
		ids, err := s.ids(ctx, "search", `SELECT article_id FROM link_articles WHERE story_id = $1`, q.Story)
		if err != nil {
			return res, err
		}
		story = make(map[string]bool, len(ids))
		for _, id := range ids {
			story[id] = true
		}
	}
	total, page := m.idx.Search(store.PlanIndexQuery(q, qt), q, limit, story)
	res.Total = total
	if len(page) == 0 {
		return res, nil
	}
	ids := make([]string, len(page))
	for i, h := range page {
		ids[i] = h.ID
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return res, fmt.Errorf("postgres: search %q: %w", q.Text, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	rows, err := tx.Query(ctx, `SELECT a.id, a.lang, `+articleTitle+`, COALESCE(a.published, ''),
		substr(a.body, 1, `+strconv.Itoa(snippetChars)+`) FROM articles a WHERE a.id = ANY($1)`, ids)
	if err != nil {
		return res, fmt.Errorf("postgres: search %q: %w", q.Text, err)
	}
	byID := map[string]store.SearchHit{}
	for rows.Next() {
		var h store.SearchHit
		if err := rows.Scan(&h.ID, &h.Lang, &h.Title, &h.Published, &h.Snippet); err != nil {
			rows.Close()
			return res, err
		}
		h.Title = strings.Join(strings.Fields(h.Title), " ")
		h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
		byID[h.ID] = h
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("postgres: search %q: %w", q.Text, err)
	}
	for _, h := range page {
		hit := byID[h.ID]
		hit.Score = h.Score
		res.Hits = append(res.Hits, hit)
	}
	return res, explainHits(ctx, tx, res.Hits, ids, qt)
}
