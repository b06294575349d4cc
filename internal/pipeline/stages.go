package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"
	"unicode"

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

// Resolver adapts analyse.Resolve to the store's block-wise resolution. Rows that describe a
// person identically (same names, role, country, script) are resolved once, weighted by how many
// articles name the person so: a block of a much-reported person costs what its distinct
// spellings cost, not what its articles do.
func (s *Stages) Resolver() store.Resolver {
	return func(rows []store.EntityRow) []string {
		var refs []analyse.EntityRef
		group := make([]int, len(rows))
		byProfile := map[string]int{}
		for i, r := range rows {
			k := profileKey(r.Entity)
			g, ok := byProfile[k]
			if !ok {
				g = len(refs)
				byProfile[k] = g
				refs = append(refs, analyse.EntityRef{ArticleID: r.ArticleID, Entity: r.Entity, Lang: r.Lang, Published: r.Published})
			} else if r.ArticleID < refs[g].ArticleID {
				// The representative is the row of the smallest article id, whatever the row order.
				w := refs[g].Weight
				refs[g] = analyse.EntityRef{ArticleID: r.ArticleID, Entity: r.Entity, Lang: r.Lang, Published: r.Published, Weight: w}
			}
			refs[g].Weight++
			group[i] = g
		}
		ids := analyse.Resolve(refs, s.Names)
		out := make([]string, len(rows))
		for i, g := range group {
			out[i] = ids[g]
		}
		return out
	}
}

// profileKey identifies what resolution reads of a person: everything but the mentions, and the
// script of the mentions (Resolve reads neither the mentions themselves, nor forms, nor salience).
func profileKey(e analyse.Entity) string {
	latin := len(e.Mentions) == 0
	for _, m := range e.Mentions {
		if !isArabic(m.Text) {
			latin = true
			break
		}
	}
	e.Mentions, e.Forms, e.Salience = nil, nil, 0
	b, _ := json.Marshal(e)
	if latin {
		return "L" + string(b)
	}
	return "A" + string(b)
}

func isArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
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
//
// Several linkers may share a store, in one process or in several (ingest workers): LinkPending
// takes the store's linking lock (store.LinkStore.LockLinks), reloads the state when another
// linker saved since this one last read or saved it (store.LinkStore.LinkRevision), links every
// analysed article not linked yet, whoever stored it, saves, and releases the lock. The stored
// state is therefore always one that a single clusterer would have produced by adding the
// articles in the order they were linked.
type Linker struct {
	st store.Store
	// work serialises the linker's own linking and reloading; mu guards c, which a reload
	// replaces while queries may be reading it.
	work  sync.Mutex
	mu    sync.Mutex
	c     *link.Clusterer
	saved map[string]link.Placement
	// added are the articles added since the last save, in order.
	added []string
	// rev is the store's link revision that c reflects.
	rev int64
	// reloads counts the times the state was reloaded because another linker had saved.
	reloads int
	mode    LinkMode
	// waited and reloading are the time spent waiting for the store's linking lock and
	// reloading the state.
	waited, reloading time.Duration
}

// LinkTimes returns the time the linker spent waiting for the store's linking lock and reloading
// the state because other linkers had saved.
func (l *Linker) LinkTimes() (wait, reload time.Duration) {
	l.work.Lock()
	defer l.work.Unlock()
	return l.waited, l.reloading
}

// OpenLinker restores the linking state from the store.
func OpenLinker(ctx context.Context, st store.Store) (*Linker, error) {
	l := &Linker{st: st}
	if err := l.load(ctx); err != nil {
		return nil, err
	}
	return l, nil
}

// load reads the state and its revision. The revision is read first: a save in between makes the
// next LinkPending reload, never miss a change.
func (l *Linker) load(ctx context.Context) error {
	rev, err := l.st.LinkRevision(ctx)
	if err != nil {
		return err
	}
	state, err := l.st.LinkState(ctx)
	if err != nil {
		return err
	}
	c, err := link.Restore(state)
	if err != nil {
		return err
	}
	l.mu.Lock()
	l.c = c
	l.mu.Unlock()
	l.saved, l.rev, l.added = c.Placements(), rev, nil
	return nil
}

// Clusterer returns the linker's clusterer, for queries. A reload (LinkPending, Refresh)
// replaces it: a long-lived caller asks again rather than keeping it.
func (l *Linker) Clusterer() *link.Clusterer {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.c
}

// Reloads returns the number of times the linker reloaded the state because another linker had
// saved since it last read or saved it.
func (l *Linker) Reloads() int {
	l.work.Lock()
	defer l.work.Unlock()
	return l.reloads
}

// Refresh reloads the state when another linker saved since this one last read or saved it, as a
// server that only queries does to see what ingest workers linked. It reports whether it
// reloaded.
func (l *Linker) Refresh(ctx context.Context) (bool, error) {
	l.work.Lock()
	defer l.work.Unlock()
	return l.sync(ctx)
}

// sync reloads the state if the store's revision moved; the caller holds l.work.
func (l *Linker) sync(ctx context.Context) (bool, error) {
	rev, err := l.st.LinkRevision(ctx)
	if err != nil {
		return false, err
	}
	if rev == l.rev {
		return false, nil
	}
	start := time.Now()
	if err := l.load(ctx); err != nil {
		return false, fmt.Errorf("reload the linking state: %w", err)
	}
	l.reloading += time.Since(start)
	l.reloads++
	return true, nil
}

// Link adds the stored, analysed articles with these ids to the clustering. Articles already
// linked are skipped. Link and Save do not take the store's linking lock: a linker that shares
// its store with others links through LinkPending.
func (l *Linker) Link(ctx context.Context, ids []string) error {
	l.work.Lock()
	defer l.work.Unlock()
	return l.link(ctx, ids)
}

func (l *Linker) link(ctx context.Context, ids []string) error {
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
		evs, err := l.st.ArticleEvents(ctx, []string{id}, store.EventFilter{})
		if err != nil {
			return err
		}
		if _, err := l.c.Add(ctx, link.NewDoc(art, an, canon, Happenings(evs)...)); err != nil {
			return fmt.Errorf("link %s: %w", id, err)
		}
		l.added = append(l.added, id)
	}
	return nil
}

// Save writes the state of every article whose event, story or links changed since the last
// save: the articles added since, the articles they linked to (which recorded the link back, and
// may have dropped a weaker one without changing their number of links), and those whose event,
// story or number of links changed.
func (l *Linker) Save(ctx context.Context) error {
	l.work.Lock()
	defer l.work.Unlock()
	return l.save(ctx)
}

func (l *Linker) save(ctx context.Context) error {
	now := l.c.Placements()
	added := l.c.ArticleStates(l.added)
	changed := map[string]bool{}
	for _, a := range added {
		for _, ln := range a.Links {
			changed[ln.ID] = true
		}
	}
	for id, p := range now {
		if old, ok := l.saved[id]; ok && old != p {
			changed[id] = true
		}
	}
	for _, a := range added {
		delete(changed, a.Doc.ID)
	}
	if len(added) == 0 && len(changed) == 0 {
		return nil
	}
	ids := make([]string, 0, len(changed))
	for id := range changed {
		ids = append(ids, id)
	}
	// Known articles keep their place in the stored order; new ones follow in the order added.
	states := append(l.c.ArticleStates(ids), added...)
	if err := l.st.SaveLinks(ctx, l.c.Params(), states); err != nil {
		return err
	}
	for _, a := range states {
		l.saved[a.Doc.ID] = now[a.Doc.ID]
	}
	l.added = l.added[:0]
	return nil
}

// LinkMode says how an ingest worker links after each batch when several share a store.
type LinkMode int

const (
	// LinkWait waits for the store's linking lock after every batch and links whatever is
	// unlinked: each batch is linked when WriteBatch returns.
	LinkWait LinkMode = iota
	// LinkDrain links after a batch only when the lock is free at once; otherwise the batch's
	// articles wait in the store (the unlinked articles are the work queue) for the worker
	// linking meanwhile, which links everything unlinked before it lets go, or for a later batch.
	// Ingest links what is left, waiting, before it returns.
	LinkDrain
)

// SetMode sets how WriteBatch links (LinkWait unless set).
func (l *Linker) SetMode(m LinkMode) {
	l.work.Lock()
	defer l.work.Unlock()
	l.mode = m
}

// afterBatch links after a batch as the linker's mode says.
func (l *Linker) afterBatch(ctx context.Context) (int, error) {
	l.work.Lock()
	mode := l.mode
	l.work.Unlock()
	if mode == LinkDrain {
		n, _, err := l.TryLinkPending(ctx)
		return n, err
	}
	return l.LinkPending(ctx)
}

// TryLinkPending is LinkPending if the store's linking lock is free at once; ok is false, and
// nothing is linked, when another linker holds it.
func (l *Linker) TryLinkPending(ctx context.Context) (n int, ok bool, err error) {
	l.work.Lock()
	defer l.work.Unlock()
	unlock, ok, err := l.st.TryLockLinks(ctx)
	if err != nil || !ok {
		return 0, false, err
	}
	defer unlock()
	n, err = l.linkPendingLocked(ctx)
	return n, true, err
}

// LinkPending links every analysed article the store holds that is not linked yet — the new
// articles of a batch, those of other workers, those an interrupted run left — and saves the
// state, holding the store's linking lock throughout (see Linker). It returns the number of
// articles it linked.
func (l *Linker) LinkPending(ctx context.Context) (int, error) {
	l.work.Lock()
	defer l.work.Unlock()
	start := time.Now()
	unlock, err := l.st.LockLinks(ctx)
	l.waited += time.Since(start)
	if err != nil {
		return 0, err
	}
	defer unlock()
	return l.linkPendingLocked(ctx)
}

// linkPendingLocked links the unlinked articles; the caller holds l.work and the store's lock.
func (l *Linker) linkPendingLocked(ctx context.Context) (int, error) {
	if _, err := l.sync(ctx); err != nil {
		return 0, err
	}
	n := 0
	for {
		ids, err := l.st.Unlinked(ctx, 1000)
		if err != nil {
			return n, err
		}
		if len(ids) == 0 {
			return n, nil
		}
		if err := l.link(ctx, ids); err != nil {
			return n, err
		}
		if err := l.save(ctx); err != nil {
			return n, err
		}
		// Nobody else saves while the lock is held.
		if l.rev, err = l.st.LinkRevision(ctx); err != nil {
			return n, err
		}
		n += len(ids)
	}
}

// Happenings gives linking the interactions of an article's event records, as plain values
// (linking comes before events in the pipeline and does not import it).
func Happenings(evs []events.Event) []link.Happening {
	if len(evs) == 0 {
		return nil
	}
	out := make([]link.Happening, 0, len(evs))
	for _, e := range evs {
		h := link.Happening{Type: e.Type, Mode: e.Mode, Symmetric: events.Symmetric(e.Type),
			Actor: e.Actor.Key, Recipient: e.Recipient.Key, ActorCountry: e.Actor.Country,
			RecipientCountry: e.Recipient.Country, Date: e.Date, Confidence: float32(e.Confidence)}
		if e.Location != nil {
			h.Location, h.LocationCountry = e.Location.Key, e.Location.Country
		}
		if len(e.Sentences) > 0 {
			h.Sentence = e.Sentences[0].Sentence
		}
		out = append(out, h)
	}
	return out
}
