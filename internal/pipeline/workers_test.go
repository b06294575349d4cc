package pipeline

import (
	"context"
	"path/filepath"
	"reflect"
	"sort"
	"sync"
	"testing"

	"storyline/internal/ingest"
	"storyline/internal/ingest/langid"
	"storyline/internal/link"
	"storyline/internal/store"
	"storyline/internal/store/backend"
	"storyline/internal/store/postgres/pgtest"
)

// backendCase names a fresh store location of one backend.
type backendCase struct {
	name string
	dsn  func(t *testing.T) string
}

// backends are the store backends the cross-process tests run on; PostgreSQL's skip (or fail
// under STORYLINE_CI=1) without STORYLINE_TEST_POSTGRES.
var backends = []backendCase{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "store.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.URL(t) }},
}

func openDSN(t *testing.T, dsn string) store.Store {
	t.Helper()
	s, err := backend.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// snapshot is what a store holds, in a form two stores can be compared by.
type snapshot struct {
	Articles  []string            // ids, sorted
	Events    []string            // event record ids, sorted
	Canonical map[string]string   // article\x00key → canonical id
	EventSets map[string][]string // linking event id → its article ids, sorted
	Stories   map[string][]string // story id → its article ids, sorted
}

// takeSnapshot reads a store and checks what must hold of any store the pipeline wrote: every
// article, event record and linked article once, nothing left unlinked, and a linking state equal
// to what one clusterer makes of its articles in the order they were linked.
func takeSnapshot(t *testing.T, s store.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	var snap snapshot
	seen := map[string]bool{}
	err := s.Articles(ctx, store.ArticleFilter{}, func(_ int64, a ingest.Article) error {
		if seen[a.ID] {
			t.Errorf("article %s is stored twice", a.ID)
		}
		seen[a.ID] = true
		snap.Articles = append(snap.Articles, a.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(snap.Articles)
	evs, err := s.ArticleEvents(ctx, nil, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		snap.Events = append(snap.Events, e.ID)
	}
	sort.Strings(snap.Events)
	for i := 1; i < len(snap.Events); i++ {
		if snap.Events[i] == snap.Events[i-1] {
			t.Errorf("event record %s is stored twice", snap.Events[i])
		}
	}
	if snap.Canonical, err = s.CanonicalAll(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if un, err := s.Unlinked(ctx, 10); err != nil || len(un) > 0 {
		t.Errorf("articles left unlinked: %v, %v", un, err)
	}
	state, err := s.LinkState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	snap.EventSets, snap.Stories = map[string][]string{}, map[string][]string{}
	linked := map[string]bool{}
	for _, a := range state.Articles {
		if linked[a.Doc.ID] {
			t.Errorf("article %s is linked twice", a.Doc.ID)
		}
		linked[a.Doc.ID] = true
		snap.EventSets[a.Event] = append(snap.EventSets[a.Event], a.Doc.ID)
		snap.Stories[a.Story] = append(snap.Stories[a.Story], a.Doc.ID)
	}
	for _, m := range []map[string][]string{snap.EventSets, snap.Stories} {
		for _, ids := range m {
			sort.Strings(ids)
		}
	}
	if len(linked) != len(snap.Articles) {
		t.Errorf("%d articles linked, %d stored", len(linked), len(snap.Articles))
	}
	// One clusterer adding the stored Docs in the stored order places them as stored: no linker
	// worked from a stale state.
	c := link.NewClusterer(state.Params)
	for _, a := range state.Articles {
		if _, err := c.Add(ctx, a.Doc); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range state.Articles {
		ev, st, _ := c.Of(a.Doc.ID)
		if ev != a.Event || st != a.Story {
			t.Errorf("article %s is stored in %s/%s; replaying the linking order puts it in %s/%s", a.Doc.ID, a.Event, a.Story, ev, st)
		}
	}
	return snap
}

// identify is the CLI's language identification.
func identify(text string) (string, float64) {
	r := langid.Detect(text)
	return r.Lang, r.Confidence
}

// ingestAll runs one ingest worker with its own store connection.
func ingestAll(t *testing.T, dsn string, paths []string, stages *Stages, mode LinkMode) Summary {
	t.Helper()
	s := openDSN(t, dsn)
	defer s.Close()
	sum, err := Ingest(context.Background(), paths, s, Options{Stages: stages, BatchSize: 3, LinkMode: mode,
		Read: ingest.Options{Identify: identify}})
	if err != nil {
		t.Errorf("ingest: %v", err)
	}
	if sum.Failed > 0 {
		t.Errorf("ingest failures: %+v", sum.Failures)
	}
	return sum
}

// TestConcurrentWorkers runs four ingest workers, each with its own store connection, over
// overlapping inputs in different orders at once, and checks that the store holds each article,
// event record and entity row once and the same events and stories as one worker makes of all
// the inputs.
func TestConcurrentWorkers(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses the test corpus several times")
	}
	stages := NewStages()
	paths := writeCorpus(t, t.TempDir())
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			one := b.dsn(t)
			ingestAll(t, one, paths, stages, LinkWait)
			s := openDSN(t, one)
			want := takeSnapshot(t, s)
			s.Close()
			if len(want.Articles) != len(paths) || len(want.EventSets) != len(testCorpus) {
				t.Fatalf("one worker stored %d articles in %d events; the corpus has %d in %d",
					len(want.Articles), len(want.EventSets), len(paths), len(testCorpus))
			}
			// The corpus clusters the same in any order; else the comparison below would be void.
			reversed := append([]string(nil), paths...)
			for i, j := 0, len(reversed)-1; i < j; i, j = i+1, j-1 {
				reversed[i], reversed[j] = reversed[j], reversed[i]
			}
			rev := b.dsn(t)
			ingestAll(t, rev, reversed, stages, LinkWait)
			s = openDSN(t, rev)
			if got := takeSnapshot(t, s); !reflect.DeepEqual(got.EventSets, want.EventSets) || !reflect.DeepEqual(got.Stories, want.Stories) {
				t.Fatalf("the test corpus clusters differently in reverse order:\n%v\n%v", got.Stories, want.Stories)
			}
			s.Close()

			for _, m := range []struct {
				name string
				mode LinkMode
			}{{"wait", LinkWait}, {"drain", LinkDrain}} {
				t.Run(m.name, func(t *testing.T) {
					dsn := b.dsn(t)
					openDSN(t, dsn).Close() // migrate once, so that the workers start together
					const workers = 4
					start := make(chan struct{})
					var wg sync.WaitGroup
					sums := make([]Summary, workers)
					for w := 0; w < workers; w++ {
						// Worker w reads 14 of the 20 files from the w-th fifth on, every other one
						// backwards: each article is read by two or three workers.
						var in []string
						for k := 0; k < 14; k++ {
							in = append(in, paths[(5*w+k)%len(paths)])
						}
						if w%2 == 1 {
							sort.Sort(sort.Reverse(sort.StringSlice(in)))
						}
						wg.Add(1)
						go func(w int) {
							defer wg.Done()
							<-start
							sums[w] = ingestAll(t, dsn, in, stages, m.mode)
						}(w)
					}
					close(start)
					wg.Wait()
					s := openDSN(t, dsn)
					defer s.Close()
					got := takeSnapshot(t, s)
					newTotal, reloads := 0, 0
					for _, sum := range sums {
						newTotal += sum.New
						reloads += sum.LinkReloads
					}
					if newTotal != len(paths) {
						t.Errorf("workers reported %d new articles in all, want %d (each article new to exactly one)", newTotal, len(paths))
					}
					for name, pair := range map[string][2]any{
						"articles":        {got.Articles, want.Articles},
						"event records":   {got.Events, want.Events},
						"canonical ids":   {got.Canonical, want.Canonical},
						"linking events":  {got.EventSets, want.EventSets},
						"linking stories": {got.Stories, want.Stories},
					} {
						if !reflect.DeepEqual(pair[0], pair[1]) {
							t.Errorf("%s differ from one worker's:\n got %v\nwant %v", name, pair[0], pair[1])
						}
					}
					t.Logf("%s, %s: %d articles, %d events, %d stories; the workers reloaded the linking state %d times",
						b.name, m.name, len(got.Articles), len(got.EventSets), len(got.Stories), reloads)
				})
			}
		})
	}
}
