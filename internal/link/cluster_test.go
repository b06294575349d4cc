package link_test

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"storyline/internal/bench"
	"storyline/internal/eval"
	"storyline/internal/link"
)

// stream returns the Docs of a synthetic stream of n articles.
func stream(t testing.TB, n int, seed uint64) ([]link.Doc, *bench.Stream) {
	t.Helper()
	s, err := bench.NewStream(bench.StreamOptions{Articles: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]link.Doc, s.Len())
	for i := range docs {
		docs[i] = s.Doc(i)
	}
	return docs, s
}

func clusterAll(t testing.TB, docs []link.Doc, order []int) *link.Clusterer {
	t.Helper()
	c := link.NewClusterer(link.Params{})
	for _, i := range order {
		if _, err := c.Add(context.Background(), docs[i]); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func identity(n int) []int {
	o := make([]int, n)
	for i := range o {
		o[i] = i
	}
	return o
}

func TestClustererSyntheticQualityAndOrder(t *testing.T) {
	docs, s := stream(t, 3000, 7)
	var truth [][]string
	byEvent := map[string][]string{}
	for i, d := range docs {
		e := s.Truth(i).Event
		byEvent[e] = append(byEvent[e], d.ID)
	}
	for _, ids := range byEvent {
		truth = append(truth, ids)
	}
	base := clusterAll(t, docs, identity(len(docs))).Events()
	q := eval.ComparePartitions(truth, base)
	t.Logf("synthetic stream, arrival order: event pairwise F1 %.3f, BCubed F1 %.3f", q.PairwiseF1, q.BCubedF1)
	if q.PairwiseF1 < 0.7 {
		t.Errorf("event pairwise F1 %.3f < 0.7 on the synthetic stream", q.PairwiseF1)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for k := range 3 {
		order := r.Perm(len(docs))
		got := clusterAll(t, docs, order).Events()
		agree := eval.ComparePartitions(base, got)
		t.Logf("shuffle %d: agreement with arrival order pairwise F1 %.3f, ARI %.3f", k, agree.PairwiseF1, agree.ARI)
		if agree.ARI < 0.9 {
			t.Errorf("shuffle %d: ARI %.3f with arrival order < 0.9", k, agree.ARI)
		}
	}
}

func TestClustererIdempotentAndDeterministic(t *testing.T) {
	docs, _ := stream(t, 400, 11)
	a := clusterAll(t, docs, identity(len(docs)))
	b := clusterAll(t, docs, identity(len(docs)))
	if !slices.EqualFunc(a.Events(), b.Events(), slices.Equal[[]string]) {
		t.Fatal("the same input in the same order gave different events")
	}
	for _, d := range docs[:50] {
		ev, st, _ := a.Of(d.ID)
		asg, err := a.Add(context.Background(), d)
		if err != nil || asg.Event != ev || asg.Story != st || len(asg.Moved) != 0 {
			t.Fatalf("re-adding %s: %+v, %v; want %s %s", d.ID, asg, err, ev, st)
		}
	}
	if a.Len() != len(docs) {
		t.Errorf("Len = %d after re-adding, want %d", a.Len(), len(docs))
	}
	if _, err := a.Add(context.Background(), link.Doc{}); err == nil {
		t.Error("a Doc without id was accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Add(ctx, docs[0]); err == nil {
		t.Error("Add with a cancelled context succeeded")
	}
}

func TestStateRoundTrip(t *testing.T) {
	docs, _ := stream(t, 1200, 5)
	half := len(docs) / 2
	a := clusterAll(t, docs[:half], identity(half))
	raw, err := json.Marshal(a.State())
	if err != nil {
		t.Fatal(err)
	}
	var st link.State
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	b, err := link.Restore(st)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(a.Events(), b.Events(), slices.Equal[[]string]) {
		t.Fatal("restored events differ")
	}
	// Both go on alike.
	for _, d := range docs[half:] {
		x, err1 := a.Add(context.Background(), d)
		y, err2 := b.Add(context.Background(), d)
		if err1 != nil || err2 != nil || x.Event != y.Event || x.Story != y.Story {
			t.Fatalf("after restore, %s: %+v vs %+v (%v %v)", d.ID, x, y, err1, err2)
		}
	}
	if !slices.EqualFunc(a.Events(), b.Events(), slices.Equal[[]string]) {
		t.Fatal("events differ after going on")
	}
	// Bad states are refused with a reason.
	bad := st
	bad.Version = 99
	if _, err := link.Restore(bad); err == nil {
		t.Error("a state of another version was restored")
	}
	bad = st
	bad.Articles = append(slices.Clone(st.Articles), st.Articles[0])
	if _, err := link.Restore(bad); err == nil {
		t.Error("a state with an article twice was restored")
	}
}

func TestStoriesListing(t *testing.T) {
	docs, _ := stream(t, 600, 9)
	c := clusterAll(t, docs, identity(len(docs)))
	stories := c.Stories()
	total := 0
	for _, s := range stories {
		n := 0
		for _, e := range s.Events {
			n += len(e.Articles)
			if e.First > e.Last {
				t.Errorf("event %s: first %s after last %s", e.ID, e.First, e.Last)
			}
		}
		if n != s.Articles || len(s.Events) == 0 || s.ID == "" {
			t.Errorf("story %s: %d articles in events, %d said", s.ID, n, s.Articles)
		}
		total += n
	}
	if total != len(docs) {
		t.Errorf("stories hold %d articles, want %d", total, len(docs))
	}
	if len(stories) >= len(docs) || stories[0].Articles < 2 {
		t.Errorf("no story groups articles: %d stories, largest %d", len(stories), stories[0].Articles)
	}
}

// TestConcurrentUse runs Add, Related, Duplicates, Of, Stories and State together; run with -race.
func TestConcurrentUse(t *testing.T) {
	docs, _ := stream(t, 600, 13)
	c := link.NewClusterer(link.Params{})
	x := link.NewIndex()
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(docs); i += 2 {
				if _, err := c.Add(context.Background(), docs[i]); err != nil {
					t.Error(err)
					return
				}
				x.Add(docs[i])
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < len(docs); i += 3 {
			c.Related(docs[i], 5)
			c.Duplicates(docs[i])
			x.Related(docs[i], 5)
			x.Duplicates(docs[i])
			c.Of(docs[i].ID)
			if i%60 == 0 {
				c.Stories()
				c.State()
			}
		}
	}()
	wg.Wait()
	if c.Len() != len(docs) || x.Len() != len(docs) {
		t.Errorf("Len = %d, %d; want %d", c.Len(), x.Len(), len(docs))
	}
}

func TestIndexRelatedFindsTheEvent(t *testing.T) {
	docs, s := stream(t, 2000, 21)
	x := link.NewIndex()
	for _, d := range docs {
		x.Add(d)
	}
	hits, total := 0, 0
	for i := 0; i < len(docs); i += 10 {
		ev := s.Truth(i).Event
		mates := 0
		for j := range docs {
			if j != i && s.Truth(j).Event == ev {
				mates++
			}
		}
		if mates == 0 {
			continue
		}
		total++
		rel := x.Related(docs[i], 5)
		if len(rel) == 0 {
			continue
		}
		if rel[0].ID == docs[i].ID {
			t.Fatalf("Related returned the query itself")
		}
		for k := 1; k < len(rel); k++ {
			if rel[k].Scores.Overall < rel[k-1].Scores.Overall {
				t.Fatalf("Related not ranked: %v after %v", rel[k].Scores.Overall, rel[k-1].Scores.Overall)
			}
		}
		j := slices.IndexFunc(docs, func(d link.Doc) bool { return d.ID == rel[0].ID })
		if s.Truth(j).Event == ev {
			hits++
		}
	}
	if prec := float64(hits) / float64(total); prec < 0.8 {
		t.Errorf("the nearest article reports the same event for %.2f of queries, want >= 0.8", prec)
	}
	// Candidates (the Source) returns Docs that Rank scores as Related does.
	cands, err := x.Candidates(context.Background(), docs[0], 20)
	if err != nil || len(cands) == 0 {
		t.Fatalf("Candidates: %d, %v", len(cands), err)
	}
	ranked := link.Rank(docs[0], cands, 5)
	rel := x.Related(docs[0], 5)
	if len(ranked) == 0 || len(rel) == 0 || ranked[0].Scores.Overall != rel[0].Scores.Overall {
		t.Errorf("Rank over Candidates %+v disagrees with Related %+v", ranked, rel)
	}
}
