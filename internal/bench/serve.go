package bench

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"storyline/internal/analyse"
	"storyline/internal/events"
	"storyline/internal/ingest"
	"storyline/internal/link"
	"storyline/internal/serve"
	"storyline/internal/store"
	"storyline/internal/store/sqlite"
)

// ServeOptions configure RunServe.
type ServeOptions struct {
	// Articles is the size of the synthetic store (default 100,000).
	Articles int
	Seed     uint64
	// Rate is the number of requests per second sent (default 200), for Duration (default 30 s)
	// after a Warmup (default 3 s) whose requests are not counted.
	Rate     float64
	Duration time.Duration
	Warmup   time.Duration
	// DB is the SQLite file of the store; an existing file that holds the stream is reused, so a
	// second run skips filling. Empty means a temporary file, removed afterwards.
	DB string
	// Clients is the number of concurrent client connections (default 64).
	Clients int
	// Log, when not nil, receives progress lines.
	Log io.Writer
	// CPUProfile, when not empty, is a file to write a CPU profile of the measured phase to.
	CPUProfile string
	// MemProfile, when not empty, is a file to write a heap profile to at the end of the measured
	// phase, and MemProfile+".start" one at its start (compare them with pprof -base to see what
	// the phase allocated).
	MemProfile string
}

// ServeFigures are the measurements of one load test.
type ServeFigures struct {
	Articles     int     `json:"articles"`
	FillSeconds  float64 `json:"fill_seconds"`  // 0 when the store was reused
	StartSeconds float64 `json:"start_seconds"` // serve.New: restore the linker, build the read caches
	DBMB         float64 `json:"db_mb"`
	Rate         float64 `json:"rate_per_second"`
	Seconds      float64 `json:"seconds"`
	Requests     int     `json:"requests"`
	Errors       int     `json:"errors"`
	// Latencies are from the moment a request was due, so a client falling behind counts.
	P50Ms  float64               `json:"p50_ms"`
	P95Ms  float64               `json:"p95_ms"`
	P99Ms  float64               `json:"p99_ms"`
	MaxMs  float64               `json:"max_ms"`
	Kinds  map[string]KindFigure `json:"kinds"`
	HeapMB float64               `json:"heap_in_use_mb"`
	// RSSMB and PeakRSSMB are the process's resident memory after the run and at its highest
	// (the server and the load generator share the process; the generator holds little).
	RSSMB     float64 `json:"rss_mb"`
	PeakRSSMB float64 `json:"peak_rss_mb"`
	// AnonRSSMB is the part of RSSMB that is the process's own memory (heap, stacks), without
	// the pages of the store's file it maps (SQLite's mmap), which the kernel may drop at will.
	AnonRSSMB float64 `json:"anon_rss_mb"`
	// EntityCacheHits and EntityCacheMisses count the entity pages the server found in its cache
	// and computed during the measured phase.
	EntityCacheHits   int64   `json:"entity_cache_hits"`
	EntityCacheMisses int64   `json:"entity_cache_misses"`
	Cores             int     `json:"cores"`
	Achieved          float64 `json:"achieved_per_second"`
}

// KindFigure are the figures of one kind of request.
type KindFigure struct {
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	P50Ms    float64 `json:"p50_ms"`
	P95Ms    float64 `json:"p95_ms"`
	P99Ms    float64 `json:"p99_ms"`
	MaxMs    float64 `json:"max_ms"`
}

func (o ServeOptions) withDefaults() ServeOptions {
	if o.Articles <= 0 {
		o.Articles = 100000
	}
	if o.Rate <= 0 {
		o.Rate = 200
	}
	if o.Duration <= 0 {
		o.Duration = 30 * time.Second
	}
	if o.Warmup < 0 {
		o.Warmup = 0
	} else if o.Warmup == 0 {
		o.Warmup = 3 * time.Second
	}
	if o.Clients <= 0 {
		o.Clients = 64
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	return o
}

// RunServe fills a store with a synthetic multilingual stream (articles, their analyses with
// entity mentions, events and the search index, written through the store as ingestion would,
// and the stream clustered into events and stories by the link stage), starts the server on
// loopback, and sends a mix of read requests at a fixed rate for a bounded time: stories lists,
// story, article, related, entity, search, timeline and events. It reports latency percentiles
// per kind and overall, and the errors.
func RunServe(ctx context.Context, o ServeOptions) (ServeFigures, error) {
	o = o.withDefaults()
	fig := ServeFigures{Articles: o.Articles, Rate: o.Rate, Cores: runtime.GOMAXPROCS(0), Kinds: map[string]KindFigure{}}
	db := o.DB
	if db == "" {
		dir, err := os.MkdirTemp("", "storyline-bench-serve-")
		if err != nil {
			return fig, err
		}
		defer os.RemoveAll(dir)
		db = filepath.Join(dir, "bench.db")
	}
	s, err := NewStream(StreamOptions{Articles: o.Articles, Seed: o.Seed})
	if err != nil {
		return fig, fmt.Errorf("bench serve: %w", err)
	}
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return fig, fmt.Errorf("bench serve: %w", err)
	}
	defer st.Close()
	counts, err := st.LanguageCounts(ctx)
	if err != nil {
		return fig, err
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	pool := newLoadPool(s)
	switch {
	case total == 0:
		t0 := time.Now()
		if err := fillStore(ctx, st, s, o.Log); err != nil {
			return fig, err
		}
		fig.FillSeconds = time.Since(t0).Seconds()
	case total != s.Len():
		return fig, fmt.Errorf("bench serve: %s holds %d articles, not the %d of this stream: use another --db", db, total, s.Len())
	default:
		fmt.Fprintf(o.Log, "reusing %s (%d articles)\n", db, total)
	}
	if fi, err := os.Stat(db); err == nil {
		fig.DBMB = float64(fi.Size()) / (1 << 20)
	}
	runtime.GC()

	t0 := time.Now()
	srv, err := serve.New(ctx, st, serve.Config{Addr: "127.0.0.1:0", Rate: -1,
		Logger: slog.New(quietHandler{slog.NewTextHandler(o.Log, &slog.HandlerOptions{Level: slog.LevelInfo})})})
	if err != nil {
		return fig, fmt.Errorf("bench serve: %w", err)
	}
	fig.StartSeconds = time.Since(t0).Seconds()
	fmt.Fprintf(o.Log, "server ready in %.1f s\n", fig.StartSeconds)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fig, err
	}
	sctx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(sctx, ln) }()
	defer func() {
		stop()
		<-served
	}()
	base := "http://" + ln.Addr().String()
	if err := pool.addStories(ctx, base); err != nil {
		return fig, err
	}

	fmt.Fprintf(o.Log, "warming up for %s, then %s at %.0f requests/s\n", o.Warmup, o.Duration, o.Rate)
	if _, err := drive(ctx, base, pool, o, o.Warmup, o.Seed+1); err != nil {
		return fig, err
	}
	runtime.GC()
	if o.CPUProfile != "" {
		f, err := os.Create(o.CPUProfile)
		if err != nil {
			return fig, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return fig, err
		}
		defer f.Close()
	}
	if o.MemProfile != "" {
		if err := writeHeapProfile(o.MemProfile + ".start"); err != nil {
			return fig, err
		}
	}
	hits0, misses0 := srv.EntityCacheStats()
	res, err := drive(ctx, base, pool, o, o.Duration, o.Seed+2)
	hits1, misses1 := srv.EntityCacheStats()
	fig.EntityCacheHits, fig.EntityCacheMisses = hits1-hits0, misses1-misses0
	if o.CPUProfile != "" {
		pprof.StopCPUProfile()
	}
	if err != nil {
		return fig, err
	}
	if o.MemProfile != "" {
		if err := writeHeapProfile(o.MemProfile); err != nil {
			return fig, err
		}
	}
	fig.Seconds = res.seconds
	var all []time.Duration
	byKind := map[string][]time.Duration{}
	for _, r := range res.results {
		fig.Requests++
		k := fig.Kinds[r.kind]
		k.Requests++
		if r.err {
			fig.Errors++
			k.Errors++
		}
		fig.Kinds[r.kind] = k
		all = append(all, r.lat)
		byKind[r.kind] = append(byKind[r.kind], r.lat)
	}
	fig.Achieved = float64(fig.Requests) / fig.Seconds
	fig.P50Ms, fig.P95Ms, fig.P99Ms, fig.MaxMs = percentiles(all)
	for kind, lat := range byKind {
		k := fig.Kinds[kind]
		k.P50Ms, k.P95Ms, k.P99Ms, k.MaxMs = percentiles(lat)
		fig.Kinds[kind] = k
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fig.HeapMB = float64(ms.HeapInuse) / (1 << 20)
	fig.RSSMB, fig.PeakRSSMB, fig.AnonRSSMB = rss()
	return fig, nil
}

// rss returns the process's resident set size now, at its peak, and its anonymous part now, in
// MiB (0 where /proc is missing).
func rss() (now, peak, anon float64) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		var kb float64
		if _, err := fmt.Sscanf(line, "VmRSS: %f kB", &kb); err == nil {
			now = kb / 1024
		}
		if _, err := fmt.Sscanf(line, "VmHWM: %f kB", &kb); err == nil {
			peak = kb / 1024
		}
		if _, err := fmt.Sscanf(line, "RssAnon: %f kB", &kb); err == nil {
			anon = kb / 1024
		}
	}
	return now, peak, anon
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("bench serve: heap profile: %w", err)
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("bench serve: heap profile %s: %w", path, err)
	}
	return f.Close()
}

// quietHandler passes a server's log on without its access log (one line per request).
type quietHandler struct{ slog.Handler }

func (h quietHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == "request" {
		return nil
	}
	return h.Handler.Handle(ctx, r)
}

func (h quietHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return quietHandler{h.Handler.WithAttrs(as)}
}
func (h quietHandler) WithGroup(g string) slog.Handler { return quietHandler{h.Handler.WithGroup(g)} }

func percentiles(lat []time.Duration) (p50, p95, p99, maxMs float64) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	at := func(q float64) float64 { return ms(lat[min(len(lat)-1, int(q*float64(len(lat))))]) }
	return at(0.50), at(0.95), at(0.99), ms(lat[len(lat)-1])
}

// fillStore writes the stream: articles with their analyses, entity rows and events in batches
// (the store builds the search index in the same transactions), then clusters the stream with
// the link stage and saves its state.
func fillStore(ctx context.Context, st store.Store, s *Stream, log io.Writer) error {
	const batch = 1000
	type made struct {
		arts []ingest.Article
		ans  []store.Analysed
		docs []link.Doc
	}
	n := s.Len()
	out := make(chan made, 4)
	jobs := make(chan int)
	var wg sync.WaitGroup
	results := make([]made, (n+batch-1)/batch)
	ready := make([]chan struct{}, len(results))
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				var m made
				for i := b * batch; i < min(n, (b+1)*batch); i++ {
					a, an, d := syntheticArticle(s, i)
					m.arts, m.docs = append(m.arts, a), append(m.docs, d)
					m.ans = append(m.ans, an)
				}
				results[b] = m
				close(ready[b])
			}
		}()
	}
	go func() {
		for b := range results {
			select {
			case jobs <- b:
			case <-ctx.Done():
			}
		}
		close(jobs)
	}()
	go func() {
		defer close(out)
		for b := range results {
			select {
			case <-ready[b]:
				out <- results[b]
				results[b] = made{}
			case <-ctx.Done():
				return
			}
		}
	}()
	c := link.NewClusterer(link.Params{})
	t0 := time.Now()
	var written int
	var linkTime time.Duration
	ids := make([]string, 0, n)
	for m := range out {
		for _, a := range m.arts {
			ids = append(ids, a.ID)
		}
		if _, err := st.Write(ctx, store.Batch{Articles: m.arts, Analyses: m.ans}); err != nil {
			return fmt.Errorf("bench serve: write: %w", err)
		}
		t1 := time.Now()
		for _, d := range m.docs {
			if _, err := c.Add(ctx, d); err != nil {
				return fmt.Errorf("bench serve: link: %w", err)
			}
		}
		linkTime += time.Since(t1)
		written += len(m.arts)
		if written%20000 == 0 || written == n {
			fmt.Fprintf(log, "filled %d/%d articles in %.0f s (linking %.0f s)\n", written, n, time.Since(t0).Seconds(), linkTime.Seconds())
		}
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	// The link state, in arrival order, a chunk per transaction.
	for i := 0; i < len(ids); i += 10000 {
		if err := st.SaveLinks(ctx, c.Params(), c.ArticleStates(ids[i:min(len(ids), i+10000)])); err != nil {
			return fmt.Errorf("bench serve: save links: %w", err)
		}
	}
	fmt.Fprintf(log, "filled and linked %d articles in %.0f s\n", n, time.Since(t0).Seconds())
	return nil
}

// syntheticArticle makes article i of the stream as ingestion would store it: the article with
// its metadata, its analysis with entity mentions located in the text, its entity rows, and one
// event record between its first two actors on the day of its event (so that the reports of one
// event merge), and its linking features.
func syntheticArticle(s *Stream, i int) (ingest.Article, store.Analysed, link.Doc) {
	a, an := s.Article(i)
	a.IngestedAt = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)
	a.Format = "synthetic"
	sum := sha256.Sum256([]byte(a.Title + "\n" + a.Body))
	a.ContentHash = hex.EncodeToString(sum[:])
	an.Version = analyse.Version
	if an.Lang == "" {
		an.Lang = a.Lang
	}
	an.Sentences = []analyse.Span{{Field: analyse.FieldTitle, Start: 0, End: utf8.RuneCountInString(a.Title)}}
	// The generator may name an entity twice (a story's and an event's); an analysis has it once.
	seen := map[string]int{}
	ents := an.Entities[:0]
	for _, e := range an.Entities {
		if k, ok := seen[e.Key]; ok {
			ents[k].Salience = max(ents[k].Salience, e.Salience)
			continue
		}
		seen[e.Key] = len(ents)
		ents = append(ents, e)
	}
	an.Entities = ents
	// Entity mentions where the names stand in the body (character offsets), forms as written.
	for k := range an.Entities {
		e := &an.Entities[k]
		e.Forms = []string{e.Name}
		var ms []analyse.Mention
		for off := 0; len(ms) < 8; {
			j := strings.Index(a.Body[off:], e.Name)
			if j < 0 {
				break
			}
			start := utf8.RuneCountInString(a.Body[:off+j])
			ms = append(ms, analyse.Mention{Text: e.Name, Field: analyse.FieldBody, Start: start,
				End: start + utf8.RuneCountInString(e.Name), Kind: "name"})
			off += j + len(e.Name)
		}
		if len(ms) == 0 {
			ms = []analyse.Mention{{Text: e.Name, Kind: "name"}}
		}
		e.Mentions = ms
	}
	out := store.Analysed{Analysis: an}
	for _, e := range an.Entities {
		out.Entities = append(out.Entities, store.EntityRow{ArticleID: a.ID, Lang: a.Lang, Published: a.Published,
			Entity: e, CanonicalID: e.Key})
	}
	if ev, ok := syntheticEvent(s, i, a, an); ok {
		out.Events = []events.Event{ev}
	}
	return a, out, link.NewDoc(a, an, nil)
}

// eventTypes are the synthetic events' types, with their modes.
var eventTypes = [][2]string{{events.Consult, "visit"}, {events.Consult, "phone"}, {events.Agree, ""}, {events.Cooperate, ""},
	{events.Support, ""}, {events.Request, ""}, {events.Accuse, ""}, {events.Aid, ""}}

func syntheticEvent(s *Stream, i int, a ingest.Article, an analyse.Analysis) (events.Event, bool) {
	var sides []analyse.Entity
	var place *analyse.Entity
	for k := range an.Entities {
		e := an.Entities[k]
		switch e.Type {
		case analyse.TypePerson, analyse.TypeCountry, analyse.TypeOrganisation:
			if len(sides) < 2 {
				sides = append(sides, e)
			}
		case analyse.TypeCity:
			if place == nil {
				place = &an.Entities[k]
			}
		}
	}
	if len(sides) < 2 || len(an.Dates) == 0 {
		return events.Event{}, false
	}
	t := s.Truth(i)
	h := sha256.Sum256([]byte(t.Event))
	typ := eventTypes[int(h[0])%len(eventTypes)]
	ref := func(e analyse.Entity) events.EntityRef {
		return events.EntityRef{Key: e.Key, Name: e.Name, Type: e.Type, Country: e.Country, Text: e.Name}
	}
	id := sha256.Sum256([]byte(a.ID + "\x00" + typ[0]))
	ev := events.Event{
		ID: "ev-" + hex.EncodeToString(id[:8]), ArticleID: a.ID, Type: typ[0], Mode: typ[1],
		Actor: ref(sides[0]), Recipient: ref(sides[1]), Date: an.Dates[0].Value, DateHow: "text",
		Published: a.Published, Trigger: "met", Confidence: 0.8, Lang: a.Lang,
		Sentences: []events.Evidence{{Sentence: 0, Field: analyse.FieldTitle, Start: 0, End: utf8.RuneCountInString(a.Title), Text: a.Title, Trigger: "met"}},
	}
	if place != nil {
		p := ref(*place)
		ev.Location = &p
	}
	return ev, true
}

// loadPool holds what the requests are made of: article ids, entities, names, words and stories,
// drawn from the stream so that popular entities are asked for more often, as users do.
type loadPool struct {
	articles []string
	entities []string // canonical ids, one per mention in a sample of articles
	people   []string // names
	places   []string // country names
	words    []string // title words, any language
	stories  []string
}

func newLoadPool(s *Stream) *loadPool {
	p := &loadPool{}
	step := max(1, s.Len()/4000)
	for i := 0; i < s.Len(); i += step {
		a, an := s.Article(i)
		p.articles = append(p.articles, a.ID)
		for _, e := range an.Entities {
			p.entities = append(p.entities, e.Key)
			switch e.Type {
			case analyse.TypePerson:
				p.people = append(p.people, e.Name)
			case analyse.TypeCountry:
				p.places = append(p.places, e.Name)
			}
		}
		p.words = append(p.words, strings.Fields(a.Title)...)
	}
	return p
}

// addStories reads story ids from the server: the largest and the latest.
func (p *loadPool) addStories(ctx context.Context, base string) error {
	for _, sort := range []string{"size", "latest", "growing"} {
		var list struct {
			Stories []struct {
				ID string `json:"id"`
			} `json:"stories"`
		}
		if err := getJSON(ctx, base+"/api/v1/stories?limit=200&sort="+sort, &list); err != nil {
			return fmt.Errorf("bench serve: stories: %w", err)
		}
		for _, s := range list.Stories {
			p.stories = append(p.stories, s.ID)
		}
	}
	if len(p.stories) == 0 {
		return errors.New("bench serve: the server lists no story")
	}
	return nil
}

// request returns the kind and path of a random request of the mix.
func (p *loadPool) request(r *rand.Rand) (kind, path string) {
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	q := url.QueryEscape
	switch x := r.IntN(100); {
	case x < 12:
		return "stories", "/api/v1/stories?sort=" + pick([]string{"growing", "latest", "new"}) + "&limit=20"
	case x < 22:
		return "story", "/api/v1/stories/" + q(pick(p.stories))
	case x < 37:
		return "article", "/api/v1/articles/" + pick(p.articles)
	case x < 50:
		return "related", "/api/v1/articles/" + pick(p.articles) + "/related?k=10"
	case x < 62:
		return "entity", "/api/v1/entities/" + url.PathEscape(pick(p.entities))
	case x < 82:
		var text string
		switch r.IntN(3) {
		case 0:
			text = pick(p.people) + " " + pick(p.words)
		case 1:
			text = pick(p.words) + " " + pick(p.words)
		default:
			text = pick(p.places) + " " + pick(p.people)
		}
		return "search", "/api/v1/search?q=" + q(text)
	case x < 94:
		path := "/api/v1/timeline?actor=" + q(pick(p.people))
		if r.IntN(2) == 0 {
			path += "&with=" + q(pick(p.places))
		}
		return "timeline", path
	default:
		return "events", "/api/v1/events?type=" + pick([]string{"CONSULT", "AGREE", "SUPPORT"}) + "&limit=50"
	}
}

type result struct {
	kind string
	lat  time.Duration
	err  bool
}

type driveResult struct {
	results []result
	seconds float64
}

// drive sends requests at o.Rate for d, open loop: request k is due at start + k/rate, whether
// or not earlier ones have answered; its latency counts from when it was due.
func drive(ctx context.Context, base string, p *loadPool, o ServeOptions, d time.Duration, seed uint64) (driveResult, error) {
	if d <= 0 {
		return driveResult{}, nil
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: o.Clients, MaxIdleConnsPerHost: o.Clients, IdleConnTimeout: time.Minute}}
	defer client.CloseIdleConnections()
	type job struct {
		kind, path string
		due        time.Time
	}
	jobs := make(chan job, 4*o.Clients)
	var mu sync.Mutex
	var res driveResult
	var wg sync.WaitGroup
	for range o.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if w := time.Until(j.due); w > 0 {
					time.Sleep(w)
				}
				bad := false
				resp, err := client.Get(base + j.path)
				if err != nil {
					bad = true
				} else {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					bad = err != nil || resp.StatusCode != http.StatusOK
				}
				lat := time.Since(j.due)
				mu.Lock()
				res.results = append(res.results, result{kind: j.kind, lat: lat, err: bad})
				mu.Unlock()
			}
		}()
	}
	r := rand.New(rand.NewPCG(seed, 0x10ad))
	start := time.Now().Add(50 * time.Millisecond)
	n := int(o.Rate * d.Seconds())
	interval := time.Duration(float64(time.Second) / o.Rate)
	for k := 0; k < n && ctx.Err() == nil; k++ {
		kind, path := p.request(r)
		jobs <- job{kind: kind, path: path, due: start.Add(time.Duration(k) * interval)}
	}
	close(jobs)
	wg.Wait()
	res.seconds = time.Since(start).Seconds()
	return res, ctx.Err()
}

func getJSON(ctx context.Context, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// WriteServeFigures prints the figures of a load test.
func WriteServeFigures(w io.Writer, f ServeFigures) {
	fmt.Fprintf(w, "store: %d articles, %.0f MB", f.Articles, f.DBMB)
	if f.FillSeconds > 0 {
		fmt.Fprintf(w, ", filled and linked in %.0f s", f.FillSeconds)
	}
	fmt.Fprintf(w, "; server start %.1f s; %d cores\n", f.StartSeconds, f.Cores)
	fmt.Fprintf(w, "memory: heap in use %.0f MB; RSS %.0f MB (peak %.0f MB), of which anonymous %.0f MB (the rest: the store's mapped file)\n",
		f.HeapMB, f.RSSMB, f.PeakRSSMB, f.AnonRSSMB)
	fmt.Fprintf(w, "load: %d requests in %.1f s (%.1f/s, asked %.0f/s), %d errors\n", f.Requests, f.Seconds, f.Achieved, f.Rate, f.Errors)
	fmt.Fprintf(w, "latency from due time: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms\n", f.P50Ms, f.P95Ms, f.P99Ms, f.MaxMs)
	if n := f.EntityCacheHits + f.EntityCacheMisses; n > 0 {
		fmt.Fprintf(w, "entity pages: %d from the cache, %d computed (hit rate %.0f%%)\n", f.EntityCacheHits, f.EntityCacheMisses,
			100*float64(f.EntityCacheHits)/float64(n))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "KIND\tREQUESTS\tERRORS\tP50 MS\tP95 MS\tP99 MS\tMAX MS\t")
	kinds := make([]string, 0, len(f.Kinds))
	for k := range f.Kinds {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		x := f.Kinds[k]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.1f\t\n", k, x.Requests, x.Errors, x.P50Ms, x.P95Ms, x.P99Ms, x.MaxMs)
	}
	tw.Flush()
}
