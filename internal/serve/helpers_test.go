package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"storyline/internal/ingest"
	"storyline/internal/pipeline"
	"storyline/internal/store"
	"storyline/internal/store/sqlite"
)

// The fixture articles (testdata/articles.jsonl) by role.
type fixtureIDs struct {
	enMoscow, arMoscow, arCairo, enAmman, enBrussels, hostile string
}

var (
	fixtureOnce sync.Once
	fixtureDB   string // a store holding the ingested fixtures, copied by each test
	fixtureErr  error
	fixture     fixtureIDs
	stagesOnce  = sync.OnceValue(pipeline.NewStages)
)

// buildFixture ingests testdata/articles.jsonl into a template store once per test binary.
func buildFixture(t *testing.T) {
	t.Helper()
	fixtureOnce.Do(func() {
		dir, err := os.MkdirTemp("", "storyline-serve-test-")
		if err != nil {
			fixtureErr = err
			return
		}
		fixtureDB = filepath.Join(dir, "fixture.db")
		ctx := context.Background()
		st, err := sqlite.Open(ctx, fixtureDB)
		if err != nil {
			fixtureErr = err
			return
		}
		sum, err := pipeline.Ingest(ctx, []string{filepath.Join("testdata", "articles.jsonl")}, st,
			pipeline.Options{Stages: stagesOnce()})
		if err == nil && sum.New != 6 {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			st.Close()
			fixtureErr = err
			return
		}
		var ids []string
		err = st.Articles(ctx, store.ArticleFilter{}, func(_ int64, a ingest.Article) error { ids = append(ids, a.ID); return nil })
		st.Close()
		if err != nil || len(ids) != 6 {
			fixtureErr = err
			return
		}
		fixture = fixtureIDs{enMoscow: ids[0], arMoscow: ids[1], arCairo: ids[2], enAmman: ids[3], enBrussels: ids[4], hostile: ids[5]}
	})
	if fixtureErr != nil {
		t.Fatalf("building the fixture store: %v", fixtureErr)
	}
}

// copyFixture copies the fixture store to a fresh file and returns its path.
func copyFixture(t *testing.T) string {
	t.Helper()
	buildFixture(t)
	path := filepath.Join(t.TempDir(), "s.db")
	b, err := os.ReadFile(fixtureDB)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// newTestServer returns a server over a fresh copy of the fixture store, and its base URL.
func newTestServer(t *testing.T, cfg Config) (*Server, string) {
	t.Helper()
	s, base, _ := newTestServerAt(t, cfg)
	return s, base
}

// newTestServerAt is newTestServer that also returns the store's path.
func newTestServerAt(t *testing.T, cfg Config) (*Server, string, string) {
	t.Helper()
	path := copyFixture(t)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if cfg.Stages == nil {
		cfg.Stages = stagesOnce()
	}
	if cfg.Rate == 0 {
		cfg.Rate = -1
	}
	s, err := New(ctx, st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts.URL, path
}

// call makes a request and decodes a JSON answer into out (when not nil); it returns the status
// and the answer's headers.
func call(t *testing.T, method, url string, body []byte, hdr map[string]string, out any) (int, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(url, "http") && strings.Contains(url, "/api/") {
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s %s: Content-Type %q, want JSON", method, url, ct)
		}
		if !json.Valid(data) {
			t.Errorf("%s %s: answer is not JSON: %q", method, url, cutString(string(data), 200))
		}
	}
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, url, err, cutString(string(data), 300))
		}
	}
	if out != nil && res.StatusCode >= 400 {
		if e, ok := out.(*errorBody); ok {
			json.Unmarshal(data, e)
		}
	}
	return res.StatusCode, res.Header
}
