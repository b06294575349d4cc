// Package serve is Storyline's HTTP server: a JSON API under /api/v1 (articles, stories, events,
// entities, timelines, similarity, related articles, cross-language search and ingestion),
// documented by an OpenAPI 3 document at /api/v1/openapi.json, and a web page for analysts,
// embedded in the binary (package web), that uses the API.
//
// Security model: article text is data, never markup (the API serves JSON; the page renders
// text with textContent and builds SVG with DOM calls); the page runs under a strict
// Content-Security-Policy with no inline script; write endpoints need a bearer token whenever
// one is configured, and the server refuses to listen beyond loopback without one; requests
// are size-limited and rate-limited per client address; no CORS headers are sent; servers have
// read, write and idle timeouts and shut down gracefully.
//
// The server keeps one pipeline.Linker, restored from the store at start, for related articles
// and similarity, and serialises writes: a POSTed batch is analysed, written, resolved and
// linked (pipeline.WriteBatch) under one lock, after which the read caches (story activity,
// merged events, the entity name index) are rebuilt before the answer is sent.
package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"storyline/internal/ingest/langid"
	"storyline/internal/pipeline"
	"storyline/internal/store"
)

// Defaults of Config.
const (
	DefaultAddr         = "127.0.0.1:8080"
	DefaultMaxBodyBytes = 1 << 20
	DefaultMaxItems     = 1000
	DefaultRate         = 50
	DefaultBurst        = 100
)

// Timeouts of the HTTP server.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 2 * time.Minute
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
	shutdownTimeout   = 15 * time.Second
	// readDeadline bounds the work of one read request; writeDeadline one POST.
	readDeadline  = 20 * time.Second
	writeDeadline = 100 * time.Second
)

// Config configures a Server. The zero value serves on DefaultAddr with the defaults below.
type Config struct {
	// Addr is the listening address (host:port); DefaultAddr when empty.
	Addr string
	// Token, when not empty, is the bearer token write endpoints require. It must be set when
	// Addr is not a loopback address.
	Token string
	// MaxBodyBytes bounds a request body (DefaultMaxBodyBytes when <= 0); a larger one gets 413.
	MaxBodyBytes int64
	// MaxItems bounds the articles of one POST (DefaultMaxItems when <= 0).
	MaxItems int
	// Rate and Burst are the per-client-address token bucket: requests per second and burst
	// (DefaultRate and DefaultBurst when <= 0; a negative Rate disables rate limiting).
	Rate  float64
	Burst int
	// Logger receives the access log and server events; nil discards them.
	Logger *slog.Logger
	// Stages are the analysis stages for POSTed articles; nil means pipeline.NewStages().
	Stages *pipeline.Stages
	// Refresh is how often the server looks for articles that other processes (storyline ingest
	// workers sharing the store) linked, to reload the linking state and the read caches
	// (DefaultRefresh when 0; negative: never).
	Refresh time.Duration
}

// DefaultRefresh is the default of Config.Refresh.
const DefaultRefresh = 10 * time.Second

func (c Config) withDefaults() Config {
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.MaxItems <= 0 {
		c.MaxItems = DefaultMaxItems
	}
	if c.Rate == 0 {
		c.Rate = DefaultRate
	}
	if c.Burst <= 0 {
		c.Burst = DefaultBurst
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Refresh == 0 {
		c.Refresh = DefaultRefresh
	}
	return c
}

// Server serves one store. Create it with New; it is safe for concurrent use.
type Server struct {
	cfg     Config
	st      store.Store
	log     *slog.Logger
	stages  *pipeline.Stages
	linker  *pipeline.Linker
	writeMu sync.Mutex // serialises writes and view rebuilds
	// pending is set when a write failed half-way; the next write links what was left.
	pending bool
	// lastBuild is how long the read caches took to build last time; rb runs rebuilds in the
	// background when that is long (see rebuild).
	lastBuild time.Duration
	rb        struct {
		sync.Mutex
		running, dirty bool
		wg             sync.WaitGroup
	}
	view atomic.Pointer[view]
	// cacheStats counts the entity pages the views' caches found and computed.
	cacheStats CacheStats
	// bufs pools the buffers answers are encoded into (*bytes.Buffer).
	bufs    sync.Pool
	limiter *limiter
	handler http.Handler
	routes  []route
	// identify detects the language of POSTed articles that do not declare one.
	identify func(string) (string, float64)
}

// New restores the store's linking state, links any article left unlinked, builds the read
// caches and returns a server for st. The caller keeps ownership of st.
func New(ctx context.Context, st store.Store, cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	if err := CheckListen(cfg.Addr, cfg.Token); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, st: st, log: cfg.Logger, stages: cfg.Stages}
	if s.stages == nil {
		s.stages = pipeline.NewStages()
	}
	s.identify = func(text string) (string, float64) {
		r := langid.Detect(text)
		return r.Lang, r.Confidence
	}
	t0 := time.Now()
	l, err := pipeline.OpenLinker(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("serve: restore linking state: %w", err)
	}
	s.linker = l
	if n, err := l.LinkPending(ctx); err != nil {
		return nil, fmt.Errorf("serve: link pending articles: %w", err)
	} else if n > 0 {
		s.log.Info("linked articles left unlinked", "articles", n)
	}
	// Search ranks in memory when the store can keep an index (store.SearchIndexKeeper).
	tIdx := time.Now()
	if k, ok := st.(store.SearchIndexKeeper); ok {
		if err := k.KeepSearchIndex(ctx); err != nil {
			return nil, fmt.Errorf("serve: %w", err)
		}
	}
	indexTime := time.Since(tIdx)
	t1 := time.Now()
	v, err := buildView(ctx, st, l, &s.cacheStats)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s.view.Store(v)
	s.lastBuild = time.Since(t1)
	s.log.Info("store loaded", "linked", l.Clusterer().Len(), "stories", len(v.stories), "events", len(v.events),
		"names", v.names.size(), "restore_seconds", tIdx.Sub(t0).Seconds(), "search_index_seconds", indexTime.Seconds(), "cache_seconds", time.Since(t1).Seconds(),
		"cache_parts", v.timings)
	if cfg.Rate > 0 {
		s.limiter = newLimiter(cfg.Rate, cfg.Burst)
	}
	s.routes = apiRoutes()
	s.handler = s.buildHandler()
	return s, nil
}

// EntityCacheStats returns how many entity pages the server found in its caches and how many
// it computed, since it started.
func (s *Server) EntityCacheStats() (hits, misses int64) {
	return s.cacheStats.Hits.Load(), s.cacheStats.Misses.Load()
}

// Handler returns the server's HTTP handler (API, web page, middleware).
func (s *Server) Handler() http.Handler { return s.handler }

// Run listens on the configured address and serves until ctx ends, then shuts down gracefully:
// it stops accepting connections and waits up to 15 s for requests in flight.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: listen %s: %w", s.cfg.Addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends, then shuts down gracefully. It closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if err := CheckListen(ln.Addr().String(), s.cfg.Token); err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("serving", "addr", ln.Addr().String(), "token", s.cfg.Token != "")
	if s.limiter != nil {
		defer s.limiter.sweep(ctx)()
	}
	if s.cfg.Refresh > 0 {
		rctx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			s.refreshLoop(rctx)
		}()
		defer func() {
			stop()
			<-done
		}()
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	// A write in flight, and a rebuild of the caches, finish before the store is handed back.
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.rb.wg.Wait()
	return nil
}

// syncRebuild is the longest cache build a write waits for; beyond it, caches are rebuilt in the
// background and reads see the previous ones meanwhile.
const syncRebuild = 2 * time.Second

// rebuild refreshes the read caches after a change: at once when they build quickly, else in the
// background (one rebuild at a time; changes during one trigger another). The caller holds
// writeMu.
func (s *Server) rebuild(ctx context.Context) {
	if s.lastBuild <= syncRebuild {
		t0 := time.Now()
		v, err := buildView(ctx, s.st, s.linker, &s.cacheStats)
		if err != nil {
			// The articles are stored; the caches stay as they were until the next change.
			s.log.Error("rebuilding the read caches failed", "error", err)
			return
		}
		s.view.Store(v)
		s.lastBuild = time.Since(t0)
		return
	}
	s.rb.Lock()
	defer s.rb.Unlock()
	if s.rb.running {
		s.rb.dirty = true
		return
	}
	s.rb.running = true
	s.rb.wg.Add(1)
	go func() {
		defer s.rb.wg.Done()
		for {
			t0 := time.Now()
			v, err := buildView(context.Background(), s.st, s.linker, &s.cacheStats)
			if err != nil {
				s.log.Error("rebuilding the read caches failed", "error", err)
			} else {
				s.view.Store(v)
				s.log.Info("read caches rebuilt", "seconds", time.Since(t0).Seconds())
			}
			s.rb.Lock()
			if !s.rb.dirty {
				s.rb.running = false
				s.rb.Unlock()
				return
			}
			s.rb.dirty = false
			s.rb.Unlock()
		}
	}()
}

// CheckListen refuses to serve beyond loopback without a token: an address whose host is not a
// loopback address or "localhost" (an empty host or 0.0.0.0 means every interface) needs one.
func CheckListen(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("serve: address %q: %w", addr, err)
	}
	if token != "" || IsLoopback(host) {
		return nil
	}
	return fmt.Errorf("serve: refusing to listen on %s beyond loopback without a write token (set --token or STORYLINE_TOKEN)", addr)
}

// IsLoopback reports whether a host name or address is on the loopback interface.
func IsLoopback(host string) bool {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// refreshLoop reloads the linking state and rebuilds the read caches whenever another process
// sharing the store has linked articles, until ctx ends.
func (s *Server) refreshLoop(ctx context.Context) {
	t := time.NewTicker(s.cfg.Refresh)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if _, err := s.refresh(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("refreshing from the store failed", "error", err)
		}
	}
}

// refresh reloads what other processes linked, under the write lock, and reports whether it did.
func (s *Server) refresh(ctx context.Context) (bool, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	reloaded, err := s.linker.Refresh(ctx)
	if err != nil || !reloaded {
		return false, err
	}
	s.rebuild(ctx)
	s.log.Info("reloaded articles linked by other processes", "linked", s.linker.Clusterer().Len())
	return true, nil
}
