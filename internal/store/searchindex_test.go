package store

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestSearchIndexReplacesAndCompacts checks that an index whose documents were replaced many
// times (enough to compact it) answers as one built from the final documents alone.
func TestSearchIndexReplacesAndCompacts(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"talk", "refuge", "water", "border", "trade", "steel", "aid", "meet"}
	doc := func(i int, gen int) IndexedDoc {
		pick := func(n int) string {
			var out []string
			for range n {
				out = append(out, words[r.IntN(len(words))])
			}
			return strings.Join(out, " ")
		}
		return IndexedDoc{Seq: int64(i + 1), ID: fmt.Sprintf("a%04d", i), Lang: []string{"en", "ar"}[i%2],
			Published: fmt.Sprintf("2023-01-%02d", 1+i%28),
			Doc: SearchDoc{Title: pick(3), Body: pick(10 + gen%5), Keys: "topic:trade " + pick(2),
				Entities: []string{"person:a", "country:JOR person:b"}[(i+gen)%2]}}
	}
	const n = 600
	churned := NewSearchIndex()
	final := make([]IndexedDoc, n)
	for i := range n {
		final[i] = doc(i, 0)
	}
	churned.Apply(final, 1)
	for gen := 1; gen <= 4; gen++ { // 2,400 replacements: compacts at least once
		for i := range n {
			final[i] = doc(i, gen)
		}
		churned.Apply(final, int64(gen+1))
	}
	fresh := NewSearchIndex()
	fresh.Apply(final, 5)
	if churned.Len() != n || fresh.Len() != n || churned.Rev() != 5 {
		t.Fatalf("Len %d / %d, Rev %d; want %d documents, revision 5", churned.Len(), fresh.Len(), churned.Rev(), n)
	}
	if len(churned.docs) >= 5*n {
		t.Errorf("the index holds %d documents for %d live: it never compacted", len(churned.docs), n)
	}
	for _, q := range []SearchQuery{
		{Text: "trade talks"},
		{Text: "water", Entities: []string{"country:JOR"}, Limit: 50},
		{Text: "border aid", Lang: "ar", Since: "2023-01-05", Until: "2023-01-20", Offset: 3},
		{Text: "steel", Entity: "person:b", Topic: "trade", Limit: 200},
	} {
		limit := q.Limit
		if limit == 0 {
			limit = 20
		}
		ta, ha := churned.Search(PlanIndexQuery(q, NewQueryTokens(q)), q, limit, nil)
		tb, hb := fresh.Search(PlanIndexQuery(q, NewQueryTokens(q)), q, limit, nil)
		if ta != tb || !reflect.DeepEqual(ha, hb) {
			t.Errorf("%+v: after replacements %d hits %v, built afresh %d hits %v", q, ta, ha, tb, hb)
		}
		if ta == 0 {
			t.Errorf("%+v: no hit", q)
		}
	}
}
