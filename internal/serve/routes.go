package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"storyline/internal/serve/web"
	"storyline/internal/store"
)

// param documents one query or path parameter of a route.
type param struct {
	name, in, typ, desc string
	required            bool
	enum                []string
}

// route is one API endpoint: how it is served and how the OpenAPI document describes it. The
// router and the document are both built from apiRoutes, so they cannot drift apart.
type route struct {
	method, path string // path as in OpenAPI, under /api/v1: "/articles/{id}"
	id, summary  string
	desc         string
	params       []param
	// body is the request body's type for documentation (nil for none); resp the answer's.
	body any
	resp any
	// status is the success status (200 when 0); errors the error statuses it may answer.
	status int
	errors []int
	write  bool
	h      func(s *Server, w http.ResponseWriter, r *http.Request) (any, error)
}

// apiError is an error with an HTTP status.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &apiError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

// errorBody is the JSON of every error answer.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Status  int    `json:"status"`
	Message string `json:"message"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{Error: errorDetail{Status: status, Message: msg}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(errorBody{Error: errorDetail{Status: status, Message: "encoding the answer failed"}})
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

// statusOf maps an error to an HTTP status and a message fit for the client.
func statusOf(err error) (int, string) {
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		return ae.status, ae.msg
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, err.Error()
	case errors.Is(err, store.ErrAmbiguous):
		return http.StatusBadRequest, err.Error() + ": give more of the id"
	case errors.Is(err, store.ErrBadQuery):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "the request took too long"
	case errors.Is(err, context.Canceled):
		return 499, "request cancelled"
	}
	return http.StatusInternalServerError, "internal error"
}

// buildHandler builds the router: the API routes, the OpenAPI document and the web page.
func (s *Server) buildHandler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes {
		rt := rt
		mux.HandleFunc(rt.method+" /api/v1"+rt.path, func(w http.ResponseWriter, r *http.Request) {
			s.serveRoute(rt, w, r)
		})
	}
	mux.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.openAPI())
	})
	static, err := fs.Sub(web.Files, "static")
	if err != nil {
		panic(err) // the embedded tree always has static/
	}
	files := http.FileServerFS(static)
	mux.Handle("GET /static/", http.StripPrefix("/static/", noDirListing(files)))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(web.Index())
	})
	return s.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern == "" {
			// The router's own 404 and 405 answers, in JSON.
			h.ServeHTTP(&jsonErrorWriter{ResponseWriter: w, r: r}, r)
			return
		}
		mux.ServeHTTP(w, r)
	}))
}

// jsonErrorWriter turns the router's plain-text 404 and 405 answers into JSON errors.
type jsonErrorWriter struct {
	http.ResponseWriter
	r       *http.Request
	written bool
}

func (w *jsonErrorWriter) WriteHeader(code int) {
	if w.written {
		return
	}
	w.written = true
	msg := "not found: " + w.r.URL.Path
	if strings.HasPrefix(w.r.URL.Path, "/api/") {
		msg = "no such endpoint: " + w.r.Method + " " + w.r.URL.Path + " (see /api/v1/openapi.json)"
	}
	if code == http.StatusMethodNotAllowed {
		msg = "method " + w.r.Method + " not allowed on " + w.r.URL.Path + " (allowed: " + w.Header().Get("Allow") + ")"
	}
	securityHeaders(w.Header())
	writeError(w.ResponseWriter, code, msg)
}

func (w *jsonErrorWriter) Write(b []byte) (int, error) {
	if !w.written {
		w.WriteHeader(http.StatusNotFound)
	}
	return len(b), nil
}

// noDirListing answers 404 for directories.
func noDirListing(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			writeError(w, http.StatusNotFound, "not found")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// serveRoute runs one API route: write authorisation and body limit, a deadline, the handler,
// and the JSON answer.
func (s *Server) serveRoute(rt route, w http.ResponseWriter, r *http.Request) {
	deadline := readDeadline
	if rt.write {
		if e := s.authorizeWrite(r); e != nil {
			if e.status == http.StatusUnauthorized {
				w.Header().Set("WWW-Authenticate", `Bearer realm="storyline"`)
			}
			writeError(w, e.status, e.msg)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		deadline = writeDeadline
	}
	ctx, cancel := context.WithTimeout(r.Context(), deadline)
	defer cancel()
	v, err := rt.h(s, w, r.WithContext(ctx))
	if err != nil {
		status, msg := statusOf(err)
		if status >= 500 {
			s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "error", err)
		}
		writeError(w, status, msg)
		return
	}
	status := rt.status
	if st, ok := v.(statusAnswer); ok {
		status, v = st.status, st.body
	}
	if status == 0 {
		status = http.StatusOK
	}
	s.writeAnswer(w, status, v)
}

// writeAnswer writes v as writeJSON does, encoding into a buffer reused across requests: answers
// are large (a story, an entity page) and allocating each anew made the garbage collector run
// more often, which is what slows a loaded server's slowest requests.
func (s *Server) writeAnswer(w http.ResponseWriter, status int, v any) {
	buf, _ := s.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledAnswer {
			s.bufs.Put(buf)
		}
	}()
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		writeJSON(w, status, v) // says it failed, as writeJSON does
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// maxPooledAnswer is the largest answer buffer kept for reuse.
const maxPooledAnswer = 4 << 20

// statusAnswer lets a handler choose its success status.
type statusAnswer struct {
	status int
	body   any
}

// Query parameter helpers. Each returns a 400 error naming the parameter.

func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("%s=%q: want a whole number from %d to %d", name, cutString(v, 40), lo, hi)
	}
	return n, nil
}

func dateParam(r *http.Request, name string) (string, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return "", nil
	}
	if _, err := time.Parse("2006-01-02", v); err != nil {
		return "", badRequest("%s=%q: want a date as YYYY-MM-DD", name, cutString(v, 40))
	}
	return v, nil
}

func langParam(r *http.Request) (string, error) {
	v := r.URL.Query().Get("lang")
	if v == "" {
		return "", nil
	}
	if len(v) > 3 || strings.ToLower(v) != v || strings.Trim(v, "abcdefghijklmnopqrstuvwxyz") != "" {
		return "", badRequest("lang=%q: want an ISO 639-1 code such as en or ar", cutString(v, 40))
	}
	return v, nil
}

// textParam returns a bounded free-text parameter.
func textParam(r *http.Request, name string, maxBytes int) (string, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if len(v) > maxBytes {
		return "", badRequest("%s is too long (%d bytes > %d)", name, len(v), maxBytes)
	}
	return v, nil
}
