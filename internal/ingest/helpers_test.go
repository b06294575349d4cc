package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// fixedNow is the ingest time used by the tests.
var fixedNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// scriptIdentify is a stand-in language identifier for tests: "ar" for Arabic script, else "en".
func scriptIdentify(text string) (string, float64) {
	for _, r := range text {
		if unicode.In(r, unicode.Arabic) {
			return "ar", 0.5
		}
	}
	return "en", 0.5
}

func testOptions() Options {
	return Options{Now: func() time.Time { return fixedNow }, Identify: scriptIdentify}
}

// repoRoot walks up from the working directory to the folder holding go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// writeFile writes data to dir/name, creating parent folders, and returns the path.
func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func gz(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// readAll runs Read and returns what it emitted.
func readAll(t testing.TB, paths []string, opts Options) []Result {
	t.Helper()
	var out []Result
	if err := Read(context.Background(), paths, opts, func(r Result) error {
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatalf("Read: %v", err)
	}
	return out
}

var idRe = regexp.MustCompile(`^[0-9a-f]{16}$`)

// checkResult verifies the invariants every Result keeps, whatever the input.
func checkResult(t testing.TB, r Result) {
	t.Helper()
	if (r.Article == nil) == (r.Err == nil) {
		t.Fatalf("exactly one of Article and Err must be set: %+v", r)
	}
	if r.Err != nil {
		var ie *InputError
		if !errors.As(r.Err, &ie) {
			t.Fatalf("error is %T, want *InputError: %v", r.Err, r.Err)
		}
		if ie.Source == "" || ie.Reason == "" {
			t.Fatalf("error without source or reason: %#v", ie)
		}
		if strings.Contains(ie.Reason, "internal error") {
			t.Fatalf("decoder panicked: %v", r.Err)
		}
		return
	}
	a := r.Article
	switch {
	case !idRe.MatchString(a.ID):
		t.Fatalf("bad id %q", a.ID)
	case a.ID != ContentID(a.Title, a.Body):
		t.Fatalf("id %s is not ContentID(title, body)", a.ID)
	case strings.TrimSpace(a.Body) == "":
		t.Fatalf("empty body accepted: %+v", a)
	case !utf8.ValidString(a.Body) || !utf8.ValidString(a.Title):
		t.Fatalf("invalid UTF-8 in article: %q", a.Body)
	case a.Lang == "" || a.Source == "" || a.Format == "" || len(a.ContentHash) != 64:
		t.Fatalf("missing fields: %+v", a)
	case a.Published != "" && !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(a.Published):
		t.Fatalf("bad date %q", a.Published)
	case a.Published != "" && a.PublishedFrom == "":
		t.Fatalf("date %s without its origin", a.Published)
	}
}

// reasonOf returns the reason of an *InputError, or "".
func reasonOf(err error) string {
	var ie *InputError
	if errors.As(err, &ie) {
		return ie.Reason
	}
	return ""
}

func sourceOf(err error) string {
	var ie *InputError
	if errors.As(err, &ie) {
		return ie.Source
	}
	return ""
}
