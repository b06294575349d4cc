package bench

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"time"

	"storyline/internal/link"
)

// LinkFigures are the measurements of one linking run over a synthetic stream.
type LinkFigures struct {
	Articles int `json:"articles"`
	// Seconds is the time spent clustering (Clusterer.Add), without making the articles.
	Seconds   float64 `json:"seconds"`
	PerSecond float64 `json:"articles_per_second"`
	// RelatedP50Ms and RelatedP99Ms are latencies of Related (k = 10) over the full index.
	RelatedP50Ms float64 `json:"related_p50_ms"`
	RelatedP99Ms float64 `json:"related_p99_ms"`
	Queries      int     `json:"related_queries"`
	// PeakHeapMB is the peak live Go heap during the run; HeapInUseMB the heap in use at its end.
	PeakHeapMB  float64 `json:"peak_heap_mb"`
	HeapInUseMB float64 `json:"heap_in_use_mb"`
	Events      int     `json:"events"`
	Stories     int     `json:"stories"`
	// EventF1 and StoryF1 are pairwise F1 of the clusters against the generator's truth.
	EventF1 float64 `json:"event_pairwise_f1"`
	StoryF1 float64 `json:"story_pairwise_f1"`
	Cores   int     `json:"cores"`
}

// LinkOptions configure RunLinkWith.
type LinkOptions struct {
	Articles int
	Seed     uint64
	// Queries is the number of Related queries timed (default 2000).
	Queries int
	Params  link.Params
}

// RunLink clusters a synthetic stream of n articles (seed 1) and reports throughput, Related
// latency and peak memory; it writes the figures to w when w is not nil.
func RunLink(ctx context.Context, n int, w io.Writer) (LinkFigures, error) {
	f, err := RunLinkWith(ctx, LinkOptions{Articles: n, Seed: 1})
	if err == nil && w != nil {
		WriteLinkFigures(w, f)
	}
	return f, err
}

// RunLinkWith is RunLink with options. Articles are made by a producer goroutine while the
// clusterer runs, so memory holds the clusterer's state and not the whole stream; the clock counts
// only the time spent in Clusterer.Add.
func RunLinkWith(ctx context.Context, o LinkOptions) (LinkFigures, error) {
	s, err := NewStream(StreamOptions{Articles: o.Articles, Seed: o.Seed})
	if err != nil {
		return LinkFigures{}, fmt.Errorf("bench link: %w", err)
	}
	if o.Queries <= 0 {
		o.Queries = 2000
	}
	fig := LinkFigures{Articles: s.Len(), Cores: runtime.GOMAXPROCS(0)}
	runtime.GC()
	stopHeap := startHeapSampler()
	type made struct {
		i int
		d link.Doc
	}
	ch := make(chan made, 256)
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(ch)
		for i := range s.Len() {
			select {
			case ch <- made{i, s.Doc(i)}:
			case <-pctx.Done():
				return
			}
		}
	}()
	c := link.NewClusterer(o.Params)
	var spent time.Duration
	ids := make([]string, 0, s.Len())
	var queries []link.Doc
	every := max(1, s.Len()/o.Queries)
	for m := range ch {
		t0 := time.Now()
		if _, err := c.Add(ctx, m.d); err != nil {
			stopHeap()
			return fig, fmt.Errorf("bench link: article %d: %w", m.i, err)
		}
		spent += time.Since(t0)
		ids = append(ids, m.d.ID)
		if m.i%every == 0 && len(queries) < o.Queries {
			queries = append(queries, m.d)
		}
	}
	if err := ctx.Err(); err != nil {
		stopHeap()
		return fig, fmt.Errorf("bench link: %w", err)
	}
	fig.Seconds = spent.Seconds()
	fig.PerSecond = float64(s.Len()) / spent.Seconds()

	lat := make([]time.Duration, 0, len(queries))
	for _, q := range queries {
		t0 := time.Now()
		c.Related(q, 10)
		lat = append(lat, time.Since(t0))
	}
	slices.Sort(lat)
	if len(lat) > 0 {
		fig.Queries = len(lat)
		fig.RelatedP50Ms = ms(lat[len(lat)/2])
		fig.RelatedP99Ms = ms(lat[min(len(lat)-1, len(lat)*99/100)])
	}
	fig.PeakHeapMB = float64(stopHeap()) / (1 << 20)
	var msStats runtime.MemStats
	runtime.ReadMemStats(&msStats)
	fig.HeapInUseMB = float64(msStats.HeapInuse) / (1 << 20)

	// Quality against the generator's truth.
	sysEvents, sysStories := map[string][]int{}, map[string][]int{}
	for i, id := range ids {
		ev, st, _ := c.Of(id)
		sysEvents[ev] = append(sysEvents[ev], i)
		sysStories[st] = append(sysStories[st], i)
	}
	fig.Events, fig.Stories = len(sysEvents), len(sysStories)
	truthEv := make([]string, len(ids))
	truthSt := make([]string, len(ids))
	for i := range ids {
		t := s.Truth(i)
		truthEv[i], truthSt[i] = t.Event, t.Story
	}
	fig.EventF1 = pairwiseF1(sysEvents, truthEv)
	fig.StoryF1 = pairwiseF1(sysStories, truthSt)
	return fig, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// pairwiseF1 scores system clusters (item indices) against truth labels by pair counting.
func pairwiseF1(sys map[string][]int, truth []string) float64 {
	pairs := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	var tp, sp, gp float64
	gsize := map[string]int{}
	for _, l := range truth {
		gsize[l]++
	}
	for _, n := range gsize {
		gp += pairs(n)
	}
	for _, members := range sys {
		sp += pairs(len(members))
		cnt := map[string]int{}
		for _, i := range members {
			cnt[truth[i]]++
		}
		for _, n := range cnt {
			tp += pairs(n)
		}
	}
	if sp == 0 || gp == 0 || tp == 0 {
		return 0
	}
	p, r := tp/sp, tp/gp
	return 2 * p * r / (p + r)
}

// WriteLinkFigures prints linking figures as a small table.
func WriteLinkFigures(w io.Writer, f LinkFigures) {
	fmt.Fprintf(w, "articles        %d\n", f.Articles)
	fmt.Fprintf(w, "clustering      %.0f articles/s (%.1f s in Add, %d cores)\n", f.PerSecond, f.Seconds, f.Cores)
	fmt.Fprintf(w, "related (k=10)  p50 %.2f ms, p99 %.2f ms over %d queries\n", f.RelatedP50Ms, f.RelatedP99Ms, f.Queries)
	fmt.Fprintf(w, "memory          peak live heap %.0f MB, heap in use at end %.0f MB\n", f.PeakHeapMB, f.HeapInUseMB)
	fmt.Fprintf(w, "clusters        %d events (pairwise F1 %.3f vs truth), %d stories (pairwise F1 %.3f)\n",
		f.Events, f.EventF1, f.Stories, f.StoryF1)
}
