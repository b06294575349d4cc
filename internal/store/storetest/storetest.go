// Package storetest is the behaviour every Storyline store backend must show, as one test suite
// that each backend runs against itself.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"storyline/internal/ingest"
	"storyline/internal/store"
)

// Opener returns a fresh, empty store for one test; the suite closes it.
type Opener func(t *testing.T) store.Store

// Article returns a valid test article numbered n in language lang.
func Article(n int, lang string) ingest.Article {
	title := fmt.Sprintf("Test article %d", n)
	body := fmt.Sprintf("Body of test article number %d, written for the store suite.", n)
	return ingest.Article{
		ID: ingest.ContentID(title, body), Title: title, Body: body, Lang: lang, LangConfidence: 0.9,
		Published: fmt.Sprintf("2021-02-%02d", 1+n%28), PublishedFrom: ingest.DateFromMetadata,
		Source: fmt.Sprintf("test/%d.txt", n), Format: "text",
		IngestedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), ContentHash: ingest.HashBytes([]byte(body)),
	}
}

// Run runs the whole suite.
func Run(t *testing.T, open Opener) {
	t.Run("WriteIsIdempotent", func(t *testing.T) { testIdempotent(t, open(t)) })
	t.Run("RoundTrip", func(t *testing.T) { testRoundTrip(t, open(t)) })
	t.Run("Filters", func(t *testing.T) { testFilters(t, open(t)) })
	t.Run("IDPrefix", func(t *testing.T) { testPrefix(t, open(t)) })
	t.Run("ConcurrentWriters", func(t *testing.T) { testConcurrent(t, open(t)) })
	t.Run("Migrated", func(t *testing.T) { testMigrated(t, open(t)) })
}

func count(t *testing.T, s store.Store, f store.ArticleFilter) int {
	t.Helper()
	n := 0
	if err := s.Articles(context.Background(), f, func(int64, ingest.Article) error { n++; return nil }); err != nil {
		t.Fatalf("Articles: %v", err)
	}
	return n
}

func testIdempotent(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	b := store.Batch{Articles: []ingest.Article{Article(1, "en"), Article(2, "ar"), Article(1, "en")}}
	res, err := s.Write(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{true, true, false}; fmt.Sprint(res.Inserted) != fmt.Sprint(want) {
		t.Errorf("first write inserted %v, want %v (a repeat inside a batch is a duplicate)", res.Inserted, want)
	}
	res, err = s.Write(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	for i, in := range res.Inserted {
		if in {
			t.Errorf("second write inserted article %d again", i)
		}
	}
	if n := count(t, s, store.ArticleFilter{}); n != 2 {
		t.Errorf("store holds %d articles, want 2", n)
	}
}

func testRoundTrip(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	a := Article(7, "ar")
	a.Title, a.Body = "لافروف يلتقي الصفدي", "بحث الوزيران العلاقات الثنائية.\n\nوأكدا أهمية التعاون."
	a.ID = ingest.ContentID(a.Title, a.Body)
	a.Dateline, a.Outlet, a.URL = "عمان", "المملكة", "https://example.org/a?x=1&y=2"
	a.Extra = map[string]json.RawMessage{"author": json.RawMessage(`"A. Writer"`), "tags": json.RawMessage(`["x","y"]`)}
	if _, err := s.Write(ctx, store.Batch{Articles: []ingest.Article{a}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := json.Marshal(a)
	gotJSON, _ := json.Marshal(got)
	if string(wantJSON) != string(gotJSON) {
		t.Errorf("round trip changed the article:\n got %s\nwant %s", gotJSON, wantJSON)
	}
	if _, err := s.Article(ctx, "ffffffffffffffff"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing article: err = %v, want ErrNotFound", err)
	}
}

func testFilters(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	var b store.Batch
	for i := 0; i < 20; i++ {
		lang := "en"
		if i%4 == 0 {
			lang = "ar"
		}
		b.Articles = append(b.Articles, Article(i, lang))
	}
	if _, err := s.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		f    store.ArticleFilter
		want int
	}{
		{"all", store.ArticleFilter{}, 20},
		{"lang ar", store.ArticleFilter{Lang: "ar"}, 5},
		{"lang en", store.ArticleFilter{Lang: "en"}, 15},
		{"since", store.ArticleFilter{Since: "2021-02-15"}, 6}, // days 15..20 from n = 14..19
		{"until", store.ArticleFilter{Until: "2021-02-03"}, 3}, // days 1..3
		{"window", store.ArticleFilter{Since: "2021-02-05", Until: "2021-02-06"}, 2},
		{"limit", store.ArticleFilter{Limit: 7}, 7},
		{"unknown lang", store.ArticleFilter{Lang: "xx"}, 0},
	}
	for _, tt := range tests {
		if got := count(t, s, tt.f); got != tt.want {
			t.Errorf("%s: %d articles, want %d", tt.name, got, tt.want)
		}
	}
	counts, err := s.LanguageCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts["ar"] != 5 || counts["en"] != 15 {
		t.Errorf("LanguageCounts = %v, want ar:5 en:15", counts)
	}
	// Paging with After resumes where the last page ended.
	var last int64
	seen := 0
	for {
		n := 0
		err := s.Articles(ctx, store.ArticleFilter{Limit: 6, After: last}, func(seq int64, _ ingest.Article) error {
			last, n = seq, n+1
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		seen += n
		if n == 0 {
			break
		}
	}
	if seen != 20 {
		t.Errorf("paging saw %d articles, want 20", seen)
	}
}

func testPrefix(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	var b store.Batch
	for i := 0; i < 300; i++ {
		b.Articles = append(b.Articles, Article(i, "en"))
	}
	if _, err := s.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	a := b.Articles[42]
	got, err := s.Article(ctx, a.ID[:10])
	if err != nil || got.ID != a.ID {
		t.Errorf("prefix lookup: got %q, %v; want %q", got.ID, err, a.ID)
	}
	// With 300 ids, some one-hex-digit prefix is shared by several.
	if _, err := s.Article(ctx, a.ID[:1]); !errors.Is(err, store.ErrAmbiguous) {
		t.Errorf("one-digit prefix: err = %v, want ErrAmbiguous", err)
	}
	if _, err := s.Article(ctx, "%"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("wildcard prefix: err = %v, want ErrNotFound", err)
	}
}

func testConcurrent(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	const workers, perWorker = 4, 50
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			// Every worker writes the same overlapping articles in a different order.
			for i := 0; i < perWorker; i += 10 {
				var b store.Batch
				for j := 0; j < 10; j++ {
					b.Articles = append(b.Articles, Article((i+j+w*10)%perWorker, "en"))
				}
				if _, err := s.Write(ctx, b); err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := count(t, s, store.ArticleFilter{}); n != perWorker {
		t.Errorf("after concurrent overlapping writes the store holds %d articles, want %d", n, perWorker)
	}
}

func testMigrated(t *testing.T, s store.Store) {
	defer s.Close()
	v, err := s.SchemaVersion(context.Background())
	if err != nil || v < 1 {
		t.Errorf("SchemaVersion = %d, %v; want >= 1", v, err)
	}
}
