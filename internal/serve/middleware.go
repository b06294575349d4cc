package serve

import (
	"context"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// contentSecurityPolicy allows the page's own scripts, styles and API calls and nothing else: no
// inline script or style, no plugins, no framing, no other origin.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every answer carries. No CORS header is ever sent.
func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
}

// statusWriter records the status and size of an answer.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// wrap puts the middleware around the router: recovery, security headers, rate limiting,
// access log.
func (s *Server) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t0 := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		ip := clientIP(r)
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p))
				if sw.status == 0 {
					writeError(sw, http.StatusInternalServerError, "internal error")
				}
			}
			s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.String("query", cutString(r.URL.RawQuery, 200)), slog.Int("status", sw.status),
				slog.Int64("bytes", sw.bytes), slog.Float64("ms", float64(time.Since(t0).Microseconds())/1000),
				slog.String("client", ip))
		}()
		securityHeaders(sw.Header())
		if s.limiter != nil && !s.limiter.allow(ip) {
			sw.Header().Set("Retry-After", "1")
			writeError(sw, http.StatusTooManyRequests, "too many requests from "+ip+": slow down")
			return
		}
		next.ServeHTTP(sw, r)
	})
}

// authorizeWrite checks a write request: the bearer token when one is configured, a JSON body,
// and no cross-site origin (a page elsewhere cannot make a browser write to a local server).
func (s *Server) authorizeWrite(r *http.Request) *apiError {
	if s.cfg.Token != "" {
		auth := r.Header.Get("Authorization")
		tok, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.cfg.Token)) != 1 {
			return &apiError{status: http.StatusUnauthorized, msg: "write endpoints need Authorization: Bearer <token>"}
		}
	}
	if origin := r.Header.Get("Origin"); origin != "" {
		u, err := url.Parse(origin)
		if err != nil || !strings.EqualFold(u.Host, r.Host) {
			return &apiError{status: http.StatusForbidden, msg: "cross-origin writes are refused (Origin " + cutString(origin, 100) + ")"}
		}
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" {
		return &apiError{status: http.StatusForbidden, msg: "cross-site writes are refused"}
	}
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || ct != "application/json" {
		return &apiError{status: http.StatusUnsupportedMediaType, msg: "send articles as Content-Type: application/json"}
	}
	return nil
}

// clientIP is the address a request came from (the peer; no proxy header is trusted).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limiter is a token bucket per client address.
type limiter struct {
	r     rate.Limit
	burst int
	mu    sync.Mutex
	m     map[string]*bucket
}

type bucket struct {
	l    *rate.Limiter
	seen time.Time
}

func newLimiter(perSecond float64, burst int) *limiter {
	return &limiter{r: rate.Limit(perSecond), burst: burst, m: map[string]*bucket{}}
}

// maxClients bounds the buckets kept; beyond it idle ones are dropped at once.
const maxClients = 100000

func (l *limiter) allow(ip string) bool {
	now := time.Now()
	l.mu.Lock()
	b := l.m[ip]
	if b == nil {
		if len(l.m) >= maxClients {
			l.dropIdle(now, time.Minute)
		}
		b = &bucket{l: rate.NewLimiter(l.r, l.burst)}
		l.m[ip] = b
	}
	b.seen = now
	l.mu.Unlock()
	return b.l.AllowN(now, 1)
}

// dropIdle forgets clients idle for longer than d; the caller holds l.mu.
func (l *limiter) dropIdle(now time.Time, d time.Duration) {
	for ip, b := range l.m {
		if now.Sub(b.seen) > d {
			delete(l.m, ip)
		}
	}
}

// sweep forgets idle clients every minute until ctx ends or the returned function is called.
func (l *limiter) sweep(ctx context.Context) func() {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		t := time.NewTicker(time.Minute)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case now := <-t.C:
				l.mu.Lock()
				l.dropIdle(now, 5*time.Minute)
				l.mu.Unlock()
			}
		}
	}()
	return cancel
}

// cutString shortens s to at most n bytes on a character boundary.
func cutString(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
