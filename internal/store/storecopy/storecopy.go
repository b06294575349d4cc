// Package storecopy copies a Storyline store into another, of either backend, and proves the copy
// with a digest: per-table row counts and SHA-256 checksums over everything a store holds,
// computed through the store.Store interface so that both backends are read the same way.
package storecopy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"sort"

	"storyline/internal/events"
	"storyline/internal/ingest"
	"storyline/internal/store"
)

// ErrNotEmpty is returned when the target of a copy already holds articles or links.
var ErrNotEmpty = errors.New("target store is not empty")

// chunk is the number of articles copied per batch.
const chunk = 500

// Options configure Copy.
type Options struct {
	// Force copies into a target that already holds data (articles already there are kept).
	Force bool
	// Progress, when set, is called after each batch with the number of articles copied.
	Progress func(articles int)
}

// Table is one kind of record with its count and checksum.
type Table struct {
	Name string `json:"name"`
	Rows int    `json:"rows"`
	Sum  string `json:"sha256"`
	hash hash.Hash
}

// Digest is what a store holds, as counts and checksums per table: articles (every field, in
// ingest order), analyses, entity rows (with block and canonical id), event records, and the
// linking state (parameters, each article's features, event, story and links, in linking order),
// with the numbers of linking events and stories.
type Digest struct {
	Tables  []Table `json:"tables"`
	Events  int     `json:"link_events"`
	Stories int     `json:"stories"`
}

// Equal reports whether two digests are the same.
func (d Digest) Equal(o Digest) bool {
	if len(d.Tables) != len(o.Tables) || d.Events != o.Events || d.Stories != o.Stories {
		return false
	}
	for i := range d.Tables {
		if d.Tables[i].Name != o.Tables[i].Name || d.Tables[i].Rows != o.Tables[i].Rows || d.Tables[i].Sum != o.Tables[i].Sum {
			return false
		}
	}
	return true
}

// Report is the outcome of a copy.
type Report struct {
	Copied int    `json:"articles_copied"`
	From   Digest `json:"from"`
	To     Digest `json:"to"`
	Match  bool   `json:"match"`
}

// page reads up to chunk articles after seq.
func page(ctx context.Context, s store.Store, after int64) ([]ingest.Article, int64, error) {
	var arts []ingest.Article
	last := after
	err := s.Articles(ctx, store.ArticleFilter{After: after, Limit: chunk}, func(seq int64, a ingest.Article) error {
		arts, last = append(arts, a), seq
		return nil
	})
	return arts, last, err
}

// analysed reads the analyses, entity rows and events of some articles; articles without an
// analysis are left out.
func analysed(ctx context.Context, s store.Store, arts []ingest.Article) ([]store.Analysed, error) {
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	rows, err := s.EntityRows(ctx, ids)
	if err != nil {
		return nil, err
	}
	rowsOf := map[string][]store.EntityRow{}
	for _, r := range rows {
		rowsOf[r.ArticleID] = append(rowsOf[r.ArticleID], r)
	}
	evs, err := s.ArticleEvents(ctx, ids, store.EventFilter{})
	if err != nil {
		return nil, err
	}
	evsOf := map[string][]events.Event{}
	for _, e := range evs {
		evsOf[e.ArticleID] = append(evsOf[e.ArticleID], e)
	}
	var out []store.Analysed
	for _, id := range ids {
		an, err := s.Analysis(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, store.Analysed{Analysis: an, Entities: rowsOf[id], Events: evsOf[id]})
	}
	return out, nil
}

// Copy copies everything from holds into to: articles in ingest order with their analyses,
// entity rows (canonical ids as resolved) and events, a batch of 500 per transaction, then the
// linking state in linking order; to rebuilds its search index from them as it writes. It then
// digests both stores and reports whether they match. A target holding articles or links is
// refused (ErrNotEmpty) unless opts.Force.
func Copy(ctx context.Context, from, to store.Store, opts Options) (Report, error) {
	var rep Report
	if !opts.Force {
		counts, err := to.LanguageCounts(ctx)
		if err != nil {
			return rep, fmt.Errorf("target: %w", err)
		}
		n := 0
		for _, c := range counts {
			n += c
		}
		st, err := to.LinkState(ctx)
		if err != nil {
			return rep, fmt.Errorf("target: %w", err)
		}
		if n > 0 || len(st.Articles) > 0 {
			return rep, fmt.Errorf("%w: it holds %d articles and %d linked (copy with --force to add to it)", ErrNotEmpty, n, len(st.Articles))
		}
	}
	var after int64
	for {
		arts, last, err := page(ctx, from, after)
		if err != nil {
			return rep, fmt.Errorf("source: %w", err)
		}
		if len(arts) == 0 {
			break
		}
		as, err := analysed(ctx, from, arts)
		if err != nil {
			return rep, fmt.Errorf("source: %w", err)
		}
		if _, err := to.Write(ctx, store.Batch{Articles: arts, Analyses: as}); err != nil {
			return rep, fmt.Errorf("target: %w", err)
		}
		rep.Copied += len(arts)
		after = last
		if opts.Progress != nil {
			opts.Progress(rep.Copied)
		}
	}
	st, err := from.LinkState(ctx)
	if err != nil {
		return rep, fmt.Errorf("source: %w", err)
	}
	if len(st.Articles) > 0 {
		if err := to.SaveLinks(ctx, st.Params, st.Articles); err != nil {
			return rep, fmt.Errorf("target: %w", err)
		}
	}
	if rep.From, err = Sum(ctx, from); err != nil {
		return rep, fmt.Errorf("source: %w", err)
	}
	if rep.To, err = Sum(ctx, to); err != nil {
		return rep, fmt.Errorf("target: %w", err)
	}
	rep.Match = rep.From.Equal(rep.To)
	return rep, nil
}

func newTable(name string) *Table { return &Table{Name: name, hash: sha256.New()} }

// add adds one record, as JSON on its own line.
func (t *Table) add(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("%s: %w", t.Name, err)
	}
	t.hash.Write(b)
	t.hash.Write([]byte{'\n'})
	t.Rows++
	return nil
}

func (t *Table) done() Table {
	t.Sum = hex.EncodeToString(t.hash.Sum(nil))
	return Table{Name: t.Name, Rows: t.Rows, Sum: t.Sum}
}

// Sum digests a store.
func Sum(ctx context.Context, s store.Store) (Digest, error) {
	var d Digest
	arts, ans, ents, evs := newTable("articles"), newTable("analyses"), newTable("entity_rows"), newTable("events")
	var after int64
	for {
		page, last, err := page(ctx, s, after)
		if err != nil {
			return d, err
		}
		if len(page) == 0 {
			break
		}
		for _, a := range page {
			if err := arts.add(a); err != nil {
				return d, err
			}
		}
		as, err := analysed(ctx, s, page)
		if err != nil {
			return d, err
		}
		for _, a := range as {
			if err := ans.add(a.Analysis); err != nil {
				return d, err
			}
			for _, r := range a.Entities {
				if err := ents.add(r); err != nil {
					return d, err
				}
			}
			sort.Slice(a.Events, func(i, j int) bool { return a.Events[i].ID < a.Events[j].ID })
			for _, e := range a.Events {
				if err := evs.add(e); err != nil {
					return d, err
				}
			}
		}
		after = last
	}
	links := newTable("link_state")
	st, err := s.LinkState(ctx)
	if err != nil {
		return d, err
	}
	if err := links.add(st.Params); err != nil {
		return d, err
	}
	links.Rows = 0
	evIDs, storyIDs := map[string]bool{}, map[string]bool{}
	for _, a := range st.Articles {
		if err := links.add(a); err != nil {
			return d, err
		}
		evIDs[a.Event], storyIDs[a.Story] = true, true
	}
	d.Tables = []Table{arts.done(), ans.done(), ents.done(), evs.done(), links.done()}
	d.Events, d.Stories = len(evIDs), len(storyIDs)
	return d, nil
}

// Write prints a digest as a table.
func (d Digest) Write(w io.Writer, title string) {
	fmt.Fprintf(w, "%s\n", title)
	for _, t := range d.Tables {
		fmt.Fprintf(w, "  %-12s %9d  %s\n", t.Name, t.Rows, t.Sum)
	}
	fmt.Fprintf(w, "  %-12s %9d\n  %-12s %9d\n", "link_events", d.Events, "stories", d.Stories)
}
