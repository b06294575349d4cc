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

	"storyline/internal/analyse"
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
	t.Run("Analyses", func(t *testing.T) { testAnalyses(t, open(t)) })
	t.Run("Resolve", func(t *testing.T) { testResolve(t, open(t)) })
	RunMore(t, open)
	RunSearch(t, open)
	t.Run("InMemoryIndex", func(t *testing.T) { RunSearch(t, withSearchIndex(open)) })
	RunEntities(t, open)
}

// withSearchIndex opens stores that answer Search from their in-memory index (store.
// SearchIndexKeeper), asked for while they are empty, so that everything the tests write reaches
// the index through catching up; it skips for a store without one.
func withSearchIndex(open Opener) Opener {
	return func(t *testing.T) store.Store {
		s := open(t)
		k, ok := s.(store.SearchIndexKeeper)
		if !ok {
			s.Close()
			t.Skip("the store keeps no in-memory search index")
		}
		if err := k.KeepSearchIndex(context.Background()); err != nil {
			s.Close()
			t.Fatal(err)
		}
		return s
	}
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

// analysed returns an analysis of a with the given entities and their rows.
func analysed(a ingest.Article, ents ...analyse.Entity) store.Analysed {
	an := analyse.Analysis{ArticleID: a.ID, Lang: a.Lang, Version: analyse.Version, Entities: ents}
	out := store.Analysed{Analysis: an}
	for _, e := range ents {
		block := ""
		if e.Type == analyse.TypePerson {
			block = "b:" + e.Family
		}
		out.Entities = append(out.Entities, store.EntityRow{ArticleID: a.ID, Lang: a.Lang, Published: a.Published,
			Entity: e, Block: block, CanonicalID: e.Key})
	}
	return out
}

func person(key, name, family, lang string) analyse.Entity {
	return analyse.Entity{Key: key, Type: analyse.TypePerson, Name: name, Family: family, Forms: []string{name},
		Mentions: []analyse.Mention{{Text: name, Field: analyse.FieldBody, Start: 0, End: len([]rune(name))}}, Salience: 0.5}
}

func testAnalyses(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	a, b := Article(1, "en"), Article(2, "ar")
	jordan := analyse.Entity{Key: "country:JOR", Type: analyse.TypeCountry, Name: "Jordan", Forms: []string{"Jordan"}}
	lavrov := person("person:sergey-lavrov", "Sergey Lavrov", "Lavrov", "en")
	lavrovAr := person("person:lafrwf", "لافروف", "لافروف", "ar")
	batch := store.Batch{Articles: []ingest.Article{a, b}, Analyses: []store.Analysed{analysed(a, lavrov, jordan), analysed(b, lavrovAr, jordan)}}
	if _, err := s.Write(ctx, batch); err != nil {
		t.Fatal(err)
	}
	got, err := s.Analysis(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Entities) != 2 || len(got.Entities[0].Mentions) != 1 {
		t.Errorf("analysis round trip lost entities or mentions: %+v", got.Entities)
	}
	if _, err := s.Analysis(ctx, "ffffffffffffffff"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing analysis: err = %v, want ErrNotFound", err)
	}
	canon, err := s.Canonical(ctx, b.ID)
	if err != nil || canon["person:lafrwf"] != "person:lafrwf" || canon["country:JOR"] != "country:JOR" {
		t.Errorf("Canonical = %v, %v", canon, err)
	}
	jor, err := s.Entity(ctx, "country:JOR")
	if err != nil {
		t.Fatal(err)
	}
	if jor.Articles != 2 || jor.Langs["ar"] != 1 || jor.Langs["en"] != 1 || jor.Type != analyse.TypeCountry {
		t.Errorf("Entity(country:JOR) = %+v", jor)
	}
	if len(jor.CoMentions) != 2 {
		t.Errorf("Jordan co-mentions = %+v, want the two Lavrov entities", jor.CoMentions)
	}
	list, err := s.Entities(ctx, store.EntityFilter{Type: analyse.TypePerson})
	if err != nil || len(list) != 2 {
		t.Errorf("Entities(person) = %d entities, %v; want 2", len(list), err)
	}
	stale, err := s.StaleAnalyses(ctx, analyse.Version, 10)
	if err != nil || len(stale) != 0 {
		t.Errorf("StaleAnalyses = %v, %v; want none", stale, err)
	}
	stale, err = s.StaleAnalyses(ctx, analyse.Version+1, 10)
	if err != nil || len(stale) != 2 {
		t.Errorf("StaleAnalyses(newer version) = %v, %v; want both", stale, err)
	}
	// A new analysis replaces the old one and its entity rows.
	if _, err := s.Write(ctx, store.Batch{Analyses: []store.Analysed{analysed(a, jordan)}}); err != nil {
		t.Fatal(err)
	}
	canon, _ = s.Canonical(ctx, a.ID)
	if len(canon) != 1 {
		t.Errorf("after re-analysis the article has entities %v, want only Jordan", canon)
	}
}

func testResolve(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	a, b, c := Article(1, "en"), Article(2, "ar"), Article(3, "en")
	batch := store.Batch{Articles: []ingest.Article{a, b, c}, Analyses: []store.Analysed{
		analysed(a, person("person:sergey-lavrov", "Sergey Lavrov", "lavrov", "en")),
		analysed(b, person("person:lafrwf", "سيرغي لافروف", "lavrov", "ar")),
		analysed(c, person("person:ayman-safadi", "Ayman Safadi", "safadi", "en")),
	}}
	if _, err := s.Write(ctx, batch); err != nil {
		t.Fatal(err)
	}
	var seen int
	err := s.Resolve(ctx, []string{"b:lavrov"}, func(rows []store.EntityRow) []string {
		seen = len(rows)
		ids := make([]string, len(rows))
		for i := range ids {
			ids[i] = "person:sergey-lavrov"
		}
		return ids
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != 2 {
		t.Errorf("resolver saw %d rows of block b:lavrov, want 2", seen)
	}
	canon, _ := s.Canonical(ctx, b.ID)
	if canon["person:lafrwf"] != "person:sergey-lavrov" {
		t.Errorf("after Resolve the Arabic row is %v", canon)
	}
	e, err := s.Entity(ctx, "person:sergey-lavrov")
	if err != nil || e.Articles != 2 || len(e.Forms) != 2 || e.NameAr != "سيرغي لافروف" || e.Name != "Sergey Lavrov" {
		t.Errorf("Entity after Resolve = %+v, %v", e, err)
	}
	ids, err := s.EntityArticles(ctx, "person:sergey-lavrov")
	if err != nil || len(ids) != 2 {
		t.Errorf("EntityArticles = %v, %v", ids, err)
	}
	newest, err := s.NewestEntityArticles(ctx, "person:sergey-lavrov", 5)
	if err != nil || len(newest) != 2 || newest[0].ID != b.ID || newest[1].ID != a.ID || newest[0].Lang != "ar" ||
		newest[0].Title != b.Title || newest[0].Published != b.Published {
		t.Errorf("NewestEntityArticles = %+v, %v; want %s then %s", newest, err, b.ID, a.ID)
	}
	if one, err := s.NewestEntityArticles(ctx, "person:sergey-lavrov", 1); err != nil || len(one) != 1 || one[0].ID != b.ID {
		t.Errorf("NewestEntityArticles(limit 1) = %+v, %v", one, err)
	}
	if err := s.Resolve(ctx, []string{"b:safadi"}, func(rows []store.EntityRow) []string { return nil }); err == nil {
		t.Error("a resolver returning the wrong number of ids was accepted")
	}
}
