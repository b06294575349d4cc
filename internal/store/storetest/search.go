package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
	"storyline/internal/link"
	"storyline/internal/store"
)

// RunSearch runs the search cases of the suite (store.Searcher); Run calls it.
func RunSearch(t *testing.T, open Opener) {
	t.Run("Search", func(t *testing.T) { testSearch(t, open(t)) })
	t.Run("SearchFilters", func(t *testing.T) { testSearchFilters(t, open(t)) })
	t.Run("EntityForms", func(t *testing.T) { testEntityForms(t, open(t)) })
}

// searchFixture is a small bilingual store for the search cases: an English and an Arabic report
// of one meeting (the Arabic one's Lavrov under a provisional key until resolved), an unrelated
// English article, and an English article stored without analysis.
type searchFixture struct {
	en, ar, other, bare ingest.Article
}

func newArticle(title, body, lang, published string) ingest.Article {
	a := Article(0, lang)
	a.Title, a.Body, a.Published = title, body, published
	a.ID = ingest.ContentID(title, body)
	a.ContentHash = ingest.HashBytes([]byte(title + body))
	return a
}

func withConcepts(a store.Analysed, topic string, keys ...string) store.Analysed {
	for _, k := range keys {
		a.Analysis.Concepts = append(a.Analysis.Concepts, analyse.Concept{Key: k, Weight: 1})
	}
	if topic != "" {
		a.Analysis.Topics = append(a.Analysis.Topics, analyse.Topic{ID: topic, Score: 0.8})
	}
	return a
}

func writeSearchFixture(t *testing.T, s store.Store) searchFixture {
	t.Helper()
	ctx := context.Background()
	f := searchFixture{
		en: newArticle("Lavrov meets Safadi in Amman",
			"Russian Foreign Minister Sergey Lavrov discussed the return of refugees and the two-state solution with Ayman Safadi.",
			"en", "2023-06-13"),
		ar: newArticle("الصفدي ولافروف يبحثان حل الدولتين",
			"بحث وزير الخارجية أيمن الصفدي مع نظيره الروسي سيرغي لافروف عودة اللاجئين.",
			"ar", "2023-06-14"),
		other: newArticle("Trade talks in Paris", "France and Germany discussed tariffs on steel.", "en", "2023-07-01"),
		bare:  newArticle("A statement on Syria", "Lavrov said the talks would go on.", "en", "2023-05-02"),
	}
	jordan := analyse.Entity{Key: "country:JOR", Type: analyse.TypeCountry, Name: "Jordan", Forms: []string{"Jordan"},
		Mentions: []analyse.Mention{{Text: "Amman"}}}
	jordanAr := jordan
	jordanAr.Forms = []string{"الأردن"}
	b := store.Batch{
		Articles: []ingest.Article{f.en, f.ar, f.other, f.bare},
		Analyses: []store.Analysed{
			withConcepts(analysed(f.en, person("person:sergey-lavrov", "Sergey Lavrov", "lavrov", "en"),
				person("person:ayman-safadi", "Ayman Safadi", "safadi", "en"), jordan), "refugees", "refuge", "state", "solut"),
			withConcepts(analysed(f.ar, person("person:lafrwf", "لافروف", "lavrov", "ar"),
				person("person:ayman-safadi", "الصفدي", "safadi", "ar"), jordanAr), "refugees", "refuge", "state", "solut"),
			withConcepts(analysed(f.other), "trade", "trade", "tariff"),
		},
	}
	if _, err := s.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	return f
}

// search runs q and returns the ids of the hits in order, failing the test on an error.
func search(t *testing.T, s store.Store, q store.SearchQuery) ([]string, store.SearchResult) {
	t.Helper()
	res, err := s.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	ids := []string{}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
		if h.Snippet == "" || h.Title == "" || h.Lang == "" {
			t.Errorf("Search(%q): hit %s lacks title, language or snippet: %+v", q.Text, h.ID, h)
		}
	}
	return ids, res
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func testSearch(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	f := writeSearchFixture(t, s)
	lavrov := []string{"person:sergey-lavrov"}

	// Before resolution the Arabic Lavrov is another entity: only text finds Lavrov.
	ids, _ := search(t, s, store.SearchQuery{Text: "Lavrov", Entities: lavrov})
	if !sameSet(ids, []string{f.en.ID, f.bare.ID}) {
		t.Errorf("Lavrov before resolution: hits %v, want the English report and the unanalysed article", ids)
	}
	err := s.Resolve(ctx, []string{"b:lavrov"}, func(rows []store.EntityRow) []string {
		out := make([]string, len(rows))
		for i := range out {
			out[i] = "person:sergey-lavrov"
		}
		return out
	})
	if err != nil {
		t.Fatal(err)
	}
	ids, res := search(t, s, store.SearchQuery{Text: "Lavrov", Entities: lavrov})
	if !sameSet(ids, []string{f.en.ID, f.ar.ID, f.bare.ID}) || res.Total != 3 {
		t.Fatalf("Lavrov after resolution: hits %v (total %d), want the English, Arabic and unanalysed articles", ids, res.Total)
	}
	if ids[0] != f.en.ID {
		t.Errorf("Lavrov: the English report, matching text and entity, should rank first; got %v", ids)
	}
	for _, h := range res.Hits {
		if h.ID == f.ar.ID && !slices.Equal(h.Entities, lavrov) {
			t.Errorf("the Arabic hit should say it matched %v, got %+v", lavrov, h)
		}
		if h.Score <= 0 {
			t.Errorf("hit %s has score %v, want > 0", h.ID, h.Score)
		}
	}
	// The old id is gone from the index.
	if ids, _ := search(t, s, store.SearchQuery{Entities: []string{"person:lafrwf"}}); len(ids) != 0 {
		t.Errorf("the provisional id still matches %v after resolution", ids)
	}

	tests := []struct {
		name string
		q    store.SearchQuery
		want []string // in order when ordered
		ord  bool
	}{
		{"Arabic clitics: الصفدي finds والصفدي's article", store.SearchQuery{Text: "صفدي"}, []string{f.ar.ID}, false},
		{"Arabic clitic query", store.SearchQuery{Text: "ولافروف"}, []string{f.ar.ID}, false},
		{"English word finds Arabic concepts", store.SearchQuery{Text: "refugees"}, []string{f.en.ID, f.ar.ID}, false},
		{"Arabic phrase finds English concepts", store.SearchQuery{Text: "حل الدولتين"}, []string{f.ar.ID, f.en.ID}, false},
		{"stemming", store.SearchQuery{Text: "tariff"}, []string{f.other.ID}, false},
		{"more terms rank higher", store.SearchQuery{Text: "Lavrov solution"}, []string{f.en.ID, f.bare.ID, f.ar.ID}, false},
		{"concepts given", store.SearchQuery{Concepts: []string{"tariff"}}, []string{f.other.ID}, false},
		{"stop words only", store.SearchQuery{Text: "the and of"}, nil, false},
		{"search syntax is text", store.SearchQuery{Text: `"lavrov" OR NEAR(* -) AND {title}: ^x`}, []string{f.en.ID, f.bare.ID}, false},
		{"nothing: newest first", store.SearchQuery{}, []string{f.other.ID, f.ar.ID, f.en.ID, f.bare.ID}, true},
	}
	for _, tt := range tests {
		ids, _ := search(t, s, tt.q)
		if tt.ord && !slices.Equal(ids, tt.want) || !tt.ord && !sameSet(ids, tt.want) && !(len(ids) == 0 && len(tt.want) == 0) {
			t.Errorf("%s: hits %v, want %v", tt.name, ids, tt.want)
		}
	}
	// The article matching both words ranks first.
	ids, res = search(t, s, store.SearchQuery{Text: "Lavrov solution"})
	if len(ids) == 0 || ids[0] != f.en.ID {
		t.Errorf("Lavrov solution: %v, want the article holding both words first", ids)
	}
	// Score = matched elements + b/(1+b): two for the English report, one for the others.
	for _, h := range res.Hits {
		want := 1.0
		if h.ID == f.en.ID {
			want = 2
		}
		if h.Score < want || h.Score >= want+1 {
			t.Errorf("Lavrov solution: hit %s scores %.3f, want in [%v, %v)", h.ID, h.Score, want, want+1)
		}
	}
	// Terms and concepts say why a hit matched.
	_, res = search(t, s, store.SearchQuery{Text: "refugees"})
	for _, h := range res.Hits {
		if !slices.Contains(h.Terms, "refugees") || !slices.Contains(h.Concepts, "refuge") {
			t.Errorf("refugees: hit %s should report the term and the concept refuge: %+v", h.ID, h)
		}
	}
	// Pages are disjoint and cover the total.
	var paged []string
	for off := 0; off < 3; off++ {
		ids, res := search(t, s, store.SearchQuery{Text: "Lavrov", Entities: lavrov, Limit: 1, Offset: off})
		if res.Total != 3 || len(ids) != 1 {
			t.Fatalf("page %d: %v of total %d", off, ids, res.Total)
		}
		paged = append(paged, ids...)
	}
	if !sameSet(paged, []string{f.en.ID, f.ar.ID, f.bare.ID}) {
		t.Errorf("pages %v do not cover the hits", paged)
	}
	if ids, res := search(t, s, store.SearchQuery{Text: "Lavrov", Offset: 10}); len(ids) != 0 || res.Total != 2 {
		t.Errorf("offset past the end: %v, total %d", ids, res.Total)
	}
	// A new analysis replaces the article's index entry.
	if _, err := s.Write(ctx, store.Batch{Analyses: []store.Analysed{withConcepts(analysed(f.other), "sanctions", "sanction")}}); err != nil {
		t.Fatal(err)
	}
	if ids, _ := search(t, s, store.SearchQuery{Topic: "trade"}); len(ids) != 0 {
		t.Errorf("after re-analysis the old topic still finds %v", ids)
	}
	if ids, _ := search(t, s, store.SearchQuery{Topic: "sanctions"}); !slices.Equal(ids, []string{f.other.ID}) {
		t.Errorf("after re-analysis the new topic finds %v", ids)
	}
}

func testSearchFilters(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	f := writeSearchFixture(t, s)
	story := []link.ArticleState{
		{Doc: link.Doc{ID: f.en.ID, Lang: "en"}, Event: "ev-" + f.en.ID, Story: "st-" + f.en.ID},
		{Doc: link.Doc{ID: f.ar.ID, Lang: "ar"}, Event: "ev-" + f.en.ID, Story: "st-" + f.en.ID},
		{Doc: link.Doc{ID: f.other.ID, Lang: "en"}, Event: "ev-" + f.other.ID, Story: "st-" + f.other.ID},
	}
	if err := s.SaveLinks(ctx, link.DefaultParams, story); err != nil {
		t.Fatal(err)
	}
	all := []string{f.en.ID, f.ar.ID, f.other.ID, f.bare.ID}
	tests := []struct {
		name string
		q    store.SearchQuery
		want []string
	}{
		{"no filter", store.SearchQuery{}, all},
		{"lang", store.SearchQuery{Lang: "ar"}, []string{f.ar.ID}},
		{"lang with text", store.SearchQuery{Text: "refugees", Lang: "en"}, []string{f.en.ID}},
		{"since", store.SearchQuery{Since: "2023-06-14"}, []string{f.ar.ID, f.other.ID}},
		{"until", store.SearchQuery{Until: "2023-06-13"}, []string{f.en.ID, f.bare.ID}},
		{"window with text", store.SearchQuery{Text: "Lavrov", Since: "2023-06-01", Until: "2023-06-30"}, []string{f.en.ID}},
		{"entity", store.SearchQuery{Entity: "country:JOR"}, []string{f.en.ID, f.ar.ID}},
		{"entity with text", store.SearchQuery{Text: "Lavrov", Entity: "person:ayman-safadi"}, []string{f.en.ID}},
		{"topic", store.SearchQuery{Topic: "refugees"}, []string{f.en.ID, f.ar.ID}},
		{"topic with text", store.SearchQuery{Text: "discussed", Topic: "trade"}, []string{f.other.ID}},
		{"story", store.SearchQuery{Story: "st-" + f.en.ID}, []string{f.en.ID, f.ar.ID}},
		{"story with text", store.SearchQuery{Text: "الصفدي", Story: "st-" + f.en.ID}, []string{f.ar.ID}},
		{"unknown story", store.SearchQuery{Story: "st-none"}, nil},
	}
	for _, tt := range tests {
		ids, res := search(t, s, tt.q)
		if !sameSet(ids, tt.want) && !(len(ids) == 0 && len(tt.want) == 0) || res.Total != len(tt.want) {
			t.Errorf("%s: hits %v (total %d), want %v", tt.name, ids, res.Total, tt.want)
		}
	}
	for _, q := range []store.SearchQuery{{Since: "yesterday"}, {Until: "2023-13-40"}, {Offset: -1}} {
		if _, err := s.Search(ctx, q); !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("Search(%+v): err = %v, want ErrBadQuery", q, err)
		}
	}
	if res, err := s.Search(ctx, store.SearchQuery{Limit: 10 * store.MaxSearchLimit}); err != nil || len(res.Hits) != 4 {
		t.Errorf("a huge limit is capped, not refused: %d hits, %v", len(res.Hits), err)
	}
}

func testEntityForms(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	writeSearchFixture(t, s)
	got := map[string]store.EntityForm{}
	err := s.EntityForms(ctx, func(f store.EntityForm) error {
		got[f.ID+"|"+f.Lang+"|"+f.Text] = f
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []store.EntityForm{
		{ID: "person:ayman-safadi", Type: "person", Text: "Ayman Safadi", Lang: "en", Articles: 1},
		{ID: "person:ayman-safadi", Type: "person", Text: "الصفدي", Lang: "ar", Articles: 1},
		{ID: "person:lafrwf", Type: "person", Text: "لافروف", Lang: "ar", Articles: 1},
		{ID: "country:JOR", Type: "country", Text: "Jordan", Lang: "en", Articles: 1},
		{ID: "country:JOR", Type: "country", Text: "الأردن", Lang: "ar", Articles: 1},
		{ID: "country:JOR", Type: "country", Text: "Jordan", Lang: "ar", Articles: 1}, // the name, in an Arabic article
	} {
		if g, ok := got[want.ID+"|"+want.Lang+"|"+want.Text]; !ok || g != want {
			t.Errorf("EntityForms: %+v, want %+v (all: %v)", g, want, got)
		}
	}
	stop := errors.New("stop")
	if err := s.EntityForms(ctx, func(store.EntityForm) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("EntityForms does not pass fn's error on: %v", err)
	}
}
