package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
	"storyline/internal/store"
)

// RunEntities checks that the entity summaries a store keeps at write time (Entity, Entities,
// EntityForms) stay what aggregating its entity rows gives, through new articles, re-analyses
// and resolutions.
func RunEntities(t *testing.T, open Opener) {
	t.Run("EntitySummaries", func(t *testing.T) { testEntitySummaries(t, open(t)) })
}

// entityPool is what the summary test draws entities from: people in two scripts sharing a
// block, countries with several forms, an organisation.
func entityPool() []analyse.Entity {
	return []analyse.Entity{
		{Key: "person:sergey-lavrov", Type: analyse.TypePerson, Name: "Sergey Lavrov", NameAr: "سيرغي لافروف", Family: "lavrov",
			Role: "foreign minister", Country: "RUS", Forms: []string{"Sergey Lavrov", "Lavrov"}},
		{Key: "person:lafrwf", Type: analyse.TypePerson, Name: "لافروف", Family: "lavrov", Forms: []string{"لافروف"}},
		{Key: "person:s-lavrov", Type: analyse.TypePerson, Name: "S. Lavrov", Family: "lavrov", Role: "minister", Forms: []string{"S. Lavrov"}},
		{Key: "person:ayman-safadi", Type: analyse.TypePerson, Name: "Ayman Safadi", Family: "safadi", Country: "JOR",
			Forms: []string{"Ayman Safadi", "Safadi"}},
		{Key: "country:JOR", Type: analyse.TypeCountry, Name: "Jordan", Country: "JOR", Forms: []string{"Jordan", "the Kingdom"}},
		{Key: "country:RUS", Type: analyse.TypeCountry, Name: "Russia", Country: "RUS", Forms: []string{"Russia", "روسيا"}},
		{Key: "org:un", Type: analyse.TypeOrganisation, Name: "United Nations", Forms: []string{"UN", "United Nations"}},
	}
}

func testEntitySummaries(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 5))
	pool := entityPool()
	analysedRandom := func(a ingest.Article) store.Analysed {
		var ents []analyse.Entity
		for _, e := range pool {
			if r.IntN(3) == 0 {
				continue
			}
			e.Mentions = make([]analyse.Mention, 1+r.IntN(3))
			ents = append(ents, e)
		}
		out := analysed(a, ents...)
		for i := range out.Entities {
			if out.Entities[i].Entity.Type == analyse.TypePerson {
				out.Entities[i].Block = "b:" + out.Entities[i].Entity.Family
			}
		}
		return out
	}
	var arts []ingest.Article
	var b store.Batch
	for n := 0; n < 24; n++ {
		lang := "en"
		if n%3 == 0 {
			lang = "ar"
		}
		a := Article(n, lang)
		arts = append(arts, a)
		b.Articles = append(b.Articles, a)
		b.Analyses = append(b.Analyses, analysedRandom(a))
	}
	if _, err := s.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		CheckEntitySummaries(t, s, arts, when)
	}
	check("after writing")

	// Re-analyses replace some articles' rows (one twice in one batch).
	var re store.Batch
	for _, i := range []int{1, 4, 4, 9} {
		re.Analyses = append(re.Analyses, analysedRandom(arts[i]))
	}
	re.Analyses = append(re.Analyses, analysed(arts[5])) // no entity any more
	if _, err := s.Write(ctx, re); err != nil {
		t.Fatal(err)
	}
	check("after re-analysis")

	// Resolution merges the Lavrov spellings, then splits one off again.
	merge := func(rows []store.EntityRow) []string {
		out := make([]string, len(rows))
		for i, row := range rows {
			out[i] = "person:sergey-lavrov"
			if row.Entity.Key == "person:s-lavrov" && row.ArticleID < arts[12].ID {
				out[i] = "person:s-lavrov"
			}
		}
		return out
	}
	if err := s.Resolve(ctx, []string{"b:lavrov", "b:safadi"}, merge); err != nil {
		t.Fatal(err)
	}
	check("after resolution")
	if err := s.Resolve(ctx, []string{"b:lavrov"}, func(rows []store.EntityRow) []string {
		out := make([]string, len(rows))
		for i, row := range rows {
			out[i] = row.Entity.Key
		}
		return out
	}); err != nil {
		t.Fatal(err)
	}
	check("after undoing the resolution")
}

// expectedSummaries aggregates entity rows as a store's summaries must: store.Summarise per
// canonical id, and the co-mentions counted over the articles.
func expectedSummaries(rows []store.EntityRow) map[string]store.EntitySummary {
	byID := map[string][]store.EntityRow{}
	perArticle := map[string]map[string]bool{}
	for _, r := range rows {
		id := r.CanonicalID
		byID[id] = append(byID[id], r)
		if perArticle[r.ArticleID] == nil {
			perArticle[r.ArticleID] = map[string]bool{}
		}
		perArticle[r.ArticleID][id] = true
	}
	out := map[string]store.EntitySummary{}
	for id, rs := range byID {
		mentions := make([]int, len(rs))
		for i, r := range rs {
			mentions[i] = len(r.Entity.Mentions)
		}
		out[id] = store.Summarise(id, rs, mentions)
	}
	for id, sum := range out {
		co := map[string]int{}
		for _, set := range perArticle {
			if !set[id] {
				continue
			}
			for other := range set {
				if other != id {
					co[other]++
				}
			}
		}
		for other, n := range co {
			o := out[other]
			sum.CoMentions = append(sum.CoMentions, store.CoMention{ID: other, Name: o.Name, Type: o.Type, Articles: n})
		}
		sort.Slice(sum.CoMentions, func(i, j int) bool {
			a, b := sum.CoMentions[i], sum.CoMentions[j]
			if a.Articles != b.Articles {
				return a.Articles > b.Articles
			}
			return a.ID < b.ID
		})
		if len(sum.CoMentions) > store.MaxCoMentions {
			sum.CoMentions = sum.CoMentions[:store.MaxCoMentions]
		}
		out[id] = sum
	}
	return out
}

// CheckEntitySummaries checks that a store's entity summaries (Entity, Entities) are what
// aggregating the entity rows of arts gives.
func CheckEntitySummaries(t *testing.T, s store.Store, arts []ingest.Article, when string) {
	t.Helper()
	ctx := context.Background()
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	rows, err := s.EntityRows(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	want := expectedSummaries(rows)
	var order []string
	for id, e := range want {
		order = append(order, id)
		got, err := s.Entity(ctx, id)
		if err != nil {
			t.Errorf("%s: Entity(%s): %v", when, id, err)
			continue
		}
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(e)
		if string(gj) != string(wj) {
			t.Errorf("%s: Entity(%s)\n got %s\nwant %s", when, id, gj, wj)
		}
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := want[order[i]], want[order[j]]
		if a.Articles != b.Articles {
			return a.Articles > b.Articles
		}
		return a.ID < b.ID
	})
	list, err := s.Entities(ctx, store.EntityFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.ID)
	}
	if fmt.Sprint(got) != fmt.Sprint(order) {
		t.Errorf("%s: Entities = %v, want %v", when, got, order)
	}
	for _, gone := range []string{"person:lafrwf", "person:s-lavrov"} {
		if _, ok := want[gone]; !ok {
			if _, err := s.Entity(ctx, gone); err == nil {
				t.Errorf("%s: Entity(%s) is found, but no row has that id", when, gone)
			}
		}
	}
}

// WriteEntityFixture writes articles with entities, people in two scripts and blocks, and
// returns them, for backend tests of the entity summaries (CheckEntitySummaries).
func WriteEntityFixture(t *testing.T, s store.Store) []ingest.Article {
	t.Helper()
	var b store.Batch
	pool := entityPool()
	for n := 0; n < 12; n++ {
		a := Article(n, []string{"en", "ar"}[n%2])
		b.Articles = append(b.Articles, a)
		b.Analyses = append(b.Analyses, analysed(a, pool[n%len(pool)], pool[(n+3)%len(pool)], pool[(n+5)%len(pool)]))
	}
	if _, err := s.Write(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	return b.Articles
}
