package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"storyline/internal/store"
)

// changeLog records, in a transaction that writes search documents, which documents it wrote,
// under one new revision (search_changes, search_rev).
type changeLog struct {
	tx   *sql.Tx
	rev  int64
	stmt *sql.Stmt
}

func (c *changeLog) record(ctx context.Context, seq int64) error {
	if c.stmt == nil {
		if err := c.tx.QueryRowContext(ctx, `UPDATE search_rev SET rev = rev + 1 WHERE id = 1 RETURNING rev`).Scan(&c.rev); err != nil {
			return fmt.Errorf("search revision: %w", err)
		}
		st, err := c.tx.PrepareContext(ctx, `INSERT INTO search_changes (article_seq, rev) VALUES (?, ?)
			ON CONFLICT (article_seq) DO UPDATE SET rev = excluded.rev`)
		if err != nil {
			return err
		}
		c.stmt = st
	}
	_, err := c.stmt.ExecContext(ctx, seq, c.rev)
	return err
}

func (c *changeLog) close() {
	if c.stmt != nil {
		c.stmt.Close()
	}
}

// memIndex is the in-memory search index a long-running process asks the store to keep.
type memIndex struct {
	// mu serialises catching up with the store; idx has its own lock for searching.
	mu  sync.Mutex
	idx *store.SearchIndex
}

// KeepSearchIndex makes the store answer Search from an in-memory index (store.SearchIndex)
// from now on: it loads every search document now, and before each search reads the documents
// written since (by this process or any other). The answers are those of the SQL search; the
// cost of a query no longer grows with the number of articles it matches. Meant for servers:
// loading takes time and memory in proportion to the store.
func (s *Store) KeepSearchIndex(ctx context.Context) error {
	m := &memIndex{idx: store.NewSearchIndex()}
	if err := m.catchUp(ctx, s.db, true); err != nil {
		return fmt.Errorf("sqlite: load the search index: %w", err)
	}
	s.mem.Store(m)
	return nil
}

// catchUp applies the documents written since the index's revision.
func (m *memIndex) catchUp(ctx context.Context, db *sql.DB, all bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	from := m.idx.Rev()
	if all {
		from = -1
	}
	rows, err := db.QueryContext(ctx, `SELECT c.rev, a.seq, a.id, a.lang, COALESCE(a.published, ''), s.title, s.body, s.keys, s.ents
		FROM search_changes c JOIN articles a ON a.seq = c.article_seq JOIN search s ON s.rowid = c.article_seq
		WHERE c.rev > ? ORDER BY c.rev`, from)
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
	return nil
}

// searchMem answers a query that matches on something from the in-memory index: it ranks there,
// then reads the page's articles and explains its hits from the store.
func (s *Store) searchMem(ctx context.Context, m *memIndex, q store.SearchQuery, limit int, qt store.QueryTokens) (store.SearchResult, error) {
	res := store.SearchResult{Hits: []store.SearchHit{}}
	if err := m.catchUp(ctx, s.db, false); err != nil {
		return res, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
	}
	var story map[string]bool
	if q.Story != "" {
		story = map[string]bool{}
		rows, err := s.db.QueryContext(ctx, `SELECT article_id FROM link_articles WHERE story_id = ?`, q.Story)
		if err != nil {
			return res, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return res, err
			}
			story[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return res, err
		}
	}
	total, page := m.idx.Search(store.PlanIndexQuery(q, qt), q, limit, story)
	res.Total = total
	if len(page) == 0 {
		return res, nil
	}
	seqs := make([]int64, len(page))
	args := make([]any, len(page))
	for i, h := range page {
		seqs[i], args[i] = h.Seq, h.Seq
	}
	arows, err := s.db.QueryContext(ctx, `SELECT a.seq, a.id, a.lang, `+articleTitle+`, COALESCE(a.published, ''),
		substr(a.body, 1, `+strconv.Itoa(snippetChars)+`) FROM articles a WHERE a.seq IN (`+placeholders(len(args))+`)`, args...)
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
		bySeq[seq] = h
	}
	arows.Close()
	if err := arows.Err(); err != nil {
		return res, err
	}
	for _, h := range page {
		hit := bySeq[h.Seq]
		hit.Score = h.Score
		res.Hits = append(res.Hits, hit)
	}
	return res, s.explainHits(ctx, res.Hits, seqs, qt)
}
