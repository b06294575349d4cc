package pipeline

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"

	"storyline/internal/analyse"
	"storyline/internal/analyse/names"
	"storyline/internal/events"
	"storyline/internal/ingest"
	"storyline/internal/link"
	"storyline/internal/store"
)

// Stages are the stages after reading: analysis, event extraction and linking. The zero value
// is not usable; use NewStages.
type Stages struct {
	Analyzer *analyse.Analyzer
	Names    *names.Matcher
	Events   *events.Extractor
	// Workers analyse articles in parallel; <= 0 means one per CPU.
	Workers int
}

// NewStages returns the stages with the embedded default data.
func NewStages() *Stages {
	return &Stages{Analyzer: analyse.New(analyse.Options{}), Names: names.Default(), Events: events.NewExtractor()}
}

// Analyse analyses articles and extracts their events, in parallel, and returns what a batch
// stores for them, in the same order. An article whose analysis fails is reported in errs (by
// index) and left out of the result's analyses.
func (s *Stages) Analyse(ctx context.Context, arts []ingest.Article) ([]store.Analysed, map[int]error) {
	out := make([]store.Analysed, len(arts))
	errs := map[int]error{}
	var mu sync.Mutex
	workers := s.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(workers, len(arts)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				a, err := s.analyseOne(ctx, arts[i])
				if err != nil {
					mu.Lock()
					errs[i] = err
					mu.Unlock()
					continue
				}
				out[i] = a
			}
		}()
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	kept := out[:0]
	for i := range out {
		if _, bad := errs[i]; !bad {
			kept = append(kept, out[i])
		}
	}
	return kept, errs
}

func (s *Stages) analyseOne(ctx context.Context, art ingest.Article) (a store.Analysed, err error) {
	defer func() {
		// A bug in a stage must cost one article, never the batch.
		if r := recover(); r != nil {
			err = fmt.Errorf("analysis of %s (%s) panicked: %v", art.ID, art.Source, r)
		}
	}()
	an, err := s.Analyzer.Analyse(ctx, art)
	if err != nil {
		return a, fmt.Errorf("analysis of %s (%s): %w", art.ID, art.Source, err)
	}
	a.Analysis = an
	for _, e := range an.Entities {
		a.Entities = append(a.Entities, store.EntityRow{ArticleID: art.ID, Lang: an.Lang, Published: an.Published,
			Entity: e, Block: analyse.Block(e), CanonicalID: e.Key})
	}
	a.Events = s.Events.Extract(art, an)
	return a, nil
}

// Resolver adapts analyse.Resolve to the store's block-wise resolution.
func (s *Stages) Resolver() store.Resolver {
	return func(rows []store.EntityRow) []string {
		refs := make([]analyse.EntityRef, len(rows))
		for i, r := range rows {
			refs[i] = analyse.EntityRef{ArticleID: r.ArticleID, Entity: r.Entity, Lang: r.Lang, Published: r.Published}
		}
		return analyse.Resolve(refs, s.Names)
	}
}

// blocks returns the distinct non-empty resolution blocks of the analysed articles.
func blocks(as []store.Analysed) []string {
	seen := map[string]bool{}
	for _, a := range as {
		for _, r := range a.Entities {
			if r.Block != "" {
				seen[r.Block] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for b := range seen {
		out = append(out, b)
	}
	sort.Strings(out)
	return out
}

// Linker links analysed articles into events and stories, incrementally, and keeps the store's
// link state in step with its own.
type Linker struct {
	st    store.Store
	c     *link.Clusterer
	saved map[string]link.Placement
}

// OpenLinker restores the linking state from the store.
func OpenLinker(ctx context.Context, st store.Store) (*Linker, error) {
	state, err := st.LinkState(ctx)
	if err != nil {
		return nil, err
	}
	c, err := link.Restore(state)
	if err != nil {
		return nil, err
	}
	return &Linker{st: st, c: c, saved: c.Placements()}, nil
}

// Clusterer returns the linker's clusterer, for queries.
func (l *Linker) Clusterer() *link.Clusterer { return l.c }

// Link adds the stored, analysed articles with these ids to the clustering. Articles already
// linked are skipped.
func (l *Linker) Link(ctx context.Context, ids []string) error {
	for _, id := range ids {
		if _, _, ok := l.c.Of(id); ok {
			continue
		}
		art, err := l.st.Article(ctx, id)
		if err != nil {
			return err
		}
		an, err := l.st.Analysis(ctx, id)
		if err != nil {
			return err
		}
		canon, err := l.st.Canonical(ctx, id)
		if err != nil {
			return err
		}
		if _, err := l.c.Add(ctx, link.NewDoc(art, an, canon)); err != nil {
			return fmt.Errorf("link %s: %w", id, err)
		}
	}
	return nil
}

// Save writes the state of every article whose event, story or links changed since the last save.
func (l *Linker) Save(ctx context.Context) error {
	now := l.c.Placements()
	var ids []string
	for id, p := range now {
		if old, ok := l.saved[id]; !ok || old != p {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	sort.Strings(ids)
	if err := l.st.SaveLinks(ctx, l.c.Params(), l.c.ArticleStates(ids)); err != nil {
		return err
	}
	for _, id := range ids {
		l.saved[id] = now[id]
	}
	return nil
}

// LinkPending links every analysed article the store holds that is not linked yet (for example
// after an ingest was interrupted) and saves the state.
func (l *Linker) LinkPending(ctx context.Context) (int, error) {
	n := 0
	for {
		ids, err := l.st.Unlinked(ctx, 1000)
		if err != nil {
			return n, err
		}
		if len(ids) == 0 {
			return n, nil
		}
		if err := l.Link(ctx, ids); err != nil {
			return n, err
		}
		if err := l.Save(ctx); err != nil {
			return n, err
		}
		n += len(ids)
	}
}
