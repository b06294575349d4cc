package backend

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
	"storyline/internal/store"
	"storyline/internal/store/postgres/pgtest"
	"storyline/internal/store/storetest"
)

// agreeCorpus writes the same deterministic bilingual store into s: articles from word pools,
// with analyses (entities, concepts, topics) for most, two batches, one resolution.
func agreeCorpus(t *testing.T, s store.Store) {
	t.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 11))
	en := []string{"minister", "talks", "refugees", "water", "border", "trade", "tariffs", "steel", "ceasefire", "aid",
		"meeting", "Amman", "Moscow", "Lavrov", "Safadi", "Jordan", "Russia", "Syria", "agreement", "elections", "the", "of", "and"}
	ar := []string{"الوزير", "محادثات", "اللاجئين", "المياه", "الحدود", "التجارة", "الصفدي", "لافروف", "الأردن", "روسيا",
		"سوريا", "والصفدي", "اتفاق", "في", "مع"}
	people := []analyse.Entity{
		{Key: "person:sergey-lavrov", Type: analyse.TypePerson, Name: "Sergey Lavrov", Family: "lavrov", Forms: []string{"Sergey Lavrov", "Lavrov"}},
		{Key: "person:lafrwf", Type: analyse.TypePerson, Name: "لافروف", Family: "lavrov", Forms: []string{"لافروف"}},
		{Key: "person:ayman-safadi", Type: analyse.TypePerson, Name: "Ayman Safadi", Family: "safadi", Forms: []string{"Ayman Safadi", "Safadi"}},
		{Key: "country:JOR", Type: analyse.TypeCountry, Name: "Jordan", Forms: []string{"Jordan", "الأردن"}},
	}
	concepts := []string{"refuge", "water", "border", "trade", "tariff", "steel", "ceasefir", "aid", "elect"}
	topics := []string{"refugees", "trade", "diplomacy", "conflict"}
	for batch := 0; batch < 2; batch++ {
		var b store.Batch
		for i := 0; i < 30; i++ {
			n := batch*30 + i
			pool, lang := en, "en"
			if n%3 == 0 {
				pool, lang = ar, "ar"
			}
			words := func(k int) string {
				var out []string
				for j := 0; j < k; j++ {
					out = append(out, pool[r.IntN(len(pool))])
				}
				return strings.Join(out, " ")
			}
			a := storetest.Article(n, lang)
			a.Title, a.Body = words(5), words(20+r.IntN(60))+"."
			a.ID = ingest.ContentID(a.Title, a.Body)
			b.Articles = append(b.Articles, a)
			if n%7 == 6 {
				continue // stored without analysis
			}
			an := analyse.Analysis{ArticleID: a.ID, Lang: lang, Version: analyse.Version}
			var rows []store.EntityRow
			for k, e := range people {
				if r.IntN(2) == 0 {
					continue
				}
				e.Mentions = make([]analyse.Mention, 1+r.IntN(4))
				e.Salience = 0.25 * float64(k+1)
				an.Entities = append(an.Entities, e)
				block := ""
				if e.Type == analyse.TypePerson {
					block = "b:" + e.Family
				}
				rows = append(rows, store.EntityRow{ArticleID: a.ID, Lang: lang, Published: a.Published, Entity: e, Block: block, CanonicalID: e.Key})
			}
			for k := 0; k < 3; k++ {
				an.Concepts = append(an.Concepts, analyse.Concept{Key: concepts[r.IntN(len(concepts))], Weight: r.Float64()})
			}
			an.Topics = append(an.Topics, analyse.Topic{ID: topics[r.IntN(len(topics))], Score: r.Float64()})
			b.Analyses = append(b.Analyses, store.Analysed{Analysis: an, Entities: rows})
		}
		if _, err := s.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	err := s.Resolve(ctx, []string{"b:lavrov"}, func(rows []store.EntityRow) []string {
		ids := make([]string, len(rows))
		for i := range ids {
			ids[i] = "person:sergey-lavrov"
		}
		return ids
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBackendsAgree writes one store into SQLite and PostgreSQL and checks that searches (hits,
// order, scores, what each hit matched, totals) and the other readers give the same answers, and
// that the in-memory search index each keeps for servers answers as their SQL search does.
func TestBackendsAgree(t *testing.T) {
	ctx := context.Background()
	lite, err := Open(ctx, filepath.Join(t.TempDir(), "agree.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pg, err := Open(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	agreeCorpus(t, lite)
	agreeCorpus(t, pg)

	queries := []store.SearchQuery{
		{Text: "refugees"},
		{Text: "Refugees water border", Limit: 50},
		{Text: "اللاجئين"},
		{Text: "الصفدي talks", Limit: 100},
		{Text: "lavrov", Entities: []string{"person:sergey-lavrov"}, Limit: 100},
		{Entities: []string{"country:JOR"}, Limit: 7, Offset: 3},
		{Concepts: []string{"tariff"}, Limit: 100},
		{Text: "trade", Lang: "en", Since: "2021-02-05", Until: "2021-02-20"},
		{Text: "minister", Entity: "person:ayman-safadi", Limit: 100},
		{Text: "minister", Topic: "trade", Limit: 100},
		{Entity: "person:sergey-lavrov", Limit: 100},
		{Lang: "ar", Limit: 5},
		{Text: "the of and"},
		{Text: "\"quoted\" OR (NEAR) * -x"},
		{Text: "ceasefire aid", Limit: 3, Offset: 2},
	}
	sqlAnswers := make([]store.SearchResult, len(queries))
	for i, q := range queries {
		name := fmt.Sprintf("%+v", q)
		a, errA := lite.Search(ctx, q)
		b, errB := pg.Search(ctx, q)
		if errA != nil || errB != nil {
			t.Errorf("%s: errors %v / %v", name, errA, errB)
			continue
		}
		sqlAnswers[i] = a
		sameResults(t, name, "SQLite", a, "PostgreSQL", b)
		t.Logf("%s: %d hits of %d, top score %v", name, len(a.Hits), a.Total, topScore(a))
		if q.Text == "refugees" && a.Total == 0 {
			t.Errorf("%s: no hit; the corpus should have some", name)
		}
	}
	// A bad filter is refused by both.
	for _, q := range []store.SearchQuery{{Since: "2021-13-01"}, {Offset: -1}} {
		if _, err := pg.Search(ctx, q); err == nil {
			t.Errorf("PostgreSQL accepted %+v", q)
		}
	}

	// The other readers agree too.
	same := func(what string, f func(s store.Store) (any, error)) {
		t.Helper()
		va, errA := f(lite)
		vb, errB := f(pg)
		ja, _ := json.Marshal(va)
		jb, _ := json.Marshal(vb)
		if errA != nil || errB != nil || string(ja) != string(jb) {
			t.Errorf("%s differs:\n SQLite     %s (%v)\n PostgreSQL %s (%v)", what, ja, errA, jb, errB)
		}
	}
	same("Entities", func(s store.Store) (any, error) { return s.Entities(ctx, store.EntityFilter{Limit: 100}) })
	same("FindEntities", func(s store.Store) (any, error) { return s.FindEntities(ctx, "LAVROV", 10) })
	same("EntityForms", func(s store.Store) (any, error) {
		var out []string
		err := s.EntityForms(ctx, func(f store.EntityForm) error {
			out = append(out, fmt.Sprintf("%s|%s|%s|%s|%d", f.ID, f.Type, f.Lang, f.Text, f.Articles))
			return nil
		})
		sortStrings(out)
		return out, err
	})
	same("LanguageCounts", func(s store.Store) (any, error) { return s.LanguageCounts(ctx) })
	same("StaleAnalyses", func(s store.Store) (any, error) { return s.StaleAnalyses(ctx, analyse.Version, 100) })
	same("CanonicalAll", func(s store.Store) (any, error) { return s.CanonicalAll(ctx, nil) })
	same("EntityArticles", func(s store.Store) (any, error) { return s.EntityArticles(ctx, "person:sergey-lavrov") })

	// The in-memory index each keeps for a server answers as their SQL search does.
	for _, s := range []struct {
		name string
		st   store.Store
	}{{"SQLite in memory", lite}, {"PostgreSQL in memory", pg}} {
		if err := s.st.(store.SearchIndexKeeper).KeepSearchIndex(ctx); err != nil {
			t.Fatal(err)
		}
		for i, q := range queries {
			got, err := s.st.Search(ctx, q)
			if err != nil {
				t.Errorf("%s: %+v: %v", s.name, q, err)
				continue
			}
			sameResults(t, fmt.Sprintf("%+v", q), "SQLite", sqlAnswers[i], s.name, got)
		}
	}
}

// sameResults reports where two answers to one search differ: totals, hits, order, what each hit
// matched, and scores (to 1e-9).
func sameResults(t *testing.T, name, la string, a store.SearchResult, lb string, b store.SearchResult) {
	t.Helper()
	if a.Total != b.Total || len(a.Hits) != len(b.Hits) {
		t.Errorf("%s: %s %d hits of %d, %s %d of %d", name, la, len(a.Hits), a.Total, lb, len(b.Hits), b.Total)
		return
	}
	for i := range a.Hits {
		ha, hb := a.Hits[i], b.Hits[i]
		if math.Abs(ha.Score-hb.Score) > 1e-9*math.Max(1, math.Abs(ha.Score)) {
			t.Errorf("%s: hit %d scores %.12f in %s, %.12f in %s", name, i, ha.Score, la, hb.Score, lb)
		}
		ha.Score, hb.Score = 0, 0
		ja, _ := json.Marshal(ha)
		jb, _ := json.Marshal(hb)
		if string(ja) != string(jb) {
			t.Errorf("%s: hit %d differs:\n %-22s %s\n %-22s %s", name, i, la, ja, lb, jb)
		}
	}
}

func sortStrings(xs []string) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

func topScore(r store.SearchResult) any {
	if len(r.Hits) == 0 {
		return "-"
	}
	return r.Hits[0].Score
}
