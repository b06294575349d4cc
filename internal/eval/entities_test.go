package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/analyse"
)

const testGold = `{
 "about": "written for the tests",
 "articles": {
  "a.txt": {"language": "en", "publication_date": null, "note": "ignored",
   "entities": [
    {"id": "P1", "type": "person", "surface": ["Omar Haddad", "Haddad"], "country": "LBN", "role": "foreign minister"},
    {"id": "C1", "type": "country", "surface": ["Lebanon", "Lebanese"]},
    {"id": "O1", "type": "organisation", "surface": ["UN"]}
   ],
   "events": [{"type": "CONSULT", "actor": "P1", "recipient": "C1", "date": null}]},
  "b.txt": {"language": "ar",
   "entities": [
    {"id": "P1", "type": "person", "surface": ["عمر حداد"]},
    {"id": "C1", "type": "country", "surface": ["لبنان"]}
   ]},
  "c.txt": {"language": "en"}
 },
 "pairs": [{"a": "a.txt", "b": "b.txt", "overall": 2, "same_event": false}],
 "events_expected": [["a.txt"], ["b.txt"]]
}`

func ent(key, typ string, mentions ...string) analyse.Entity {
	e := analyse.Entity{Key: key, Type: typ, Forms: mentions}
	for _, m := range mentions {
		e.Mentions = append(e.Mentions, analyse.Mention{Text: m})
	}
	return e
}

func TestParseGold(t *testing.T) {
	g, err := ParseGold([]byte(testGold))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Articles) != 3 || !g.HasPairs || !g.HasEventsExpected || len(g.Pairs) != 1 {
		t.Fatalf("gold %+v", g)
	}
	a, c := g.Articles["a.txt"], g.Articles["c.txt"]
	if !a.HasEntities || !a.HasEvents || len(a.Entities) != 3 || a.Entities[0].Role != "foreign minister" {
		t.Errorf("article a %+v", a)
	}
	if c.HasEntities || c.HasEvents {
		t.Errorf("article c has no entities or events keys: %+v", c)
	}
	for _, bad := range []string{``, `{`, `[]`, `{"articles": 3}`, `{"pairs": []}`,
		`{"articles": {"x": {"entities": [{"type": "person"}]}}}`,
		`{"articles": {"x": {"entities": [{"id": "A"}]}}}`} {
		if _, err := ParseGold([]byte(bad)); err == nil {
			t.Errorf("ParseGold(%q): no error", bad)
		}
	}
	if _, err := LoadGold(filepath.Join(t.TempDir(), "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("LoadGold of a missing file: %v", err)
	}
}

func FuzzParseGold(f *testing.F) {
	f.Add([]byte(testGold))
	f.Add([]byte(`{"articles": {}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseGold(data)
		if err != nil {
			return
		}
		r := &Report{}
		ScoreEntities(g, nil, r)
		ScoreLinking(g, nil, r)
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
	})
}

func approx(t *testing.T, name string, got *float64, want float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s is null, want %.4f", name, want)
		return
	}
	if math.Abs(*got-want) > 1e-9 {
		t.Errorf("%s = %.4f, want %.4f", name, *got, want)
	}
}

func TestScoreEntitiesAndLinking(t *testing.T) {
	g, err := ParseGold([]byte(testGold))
	if err != nil {
		t.Fatal(err)
	}
	sys := []SystemArticle{
		{Name: "a.txt", Analysis: analyse.Analysis{Entities: []analyse.Entity{
			ent("person:omar-haddad", "person", "Omar Haddad", "Haddad"),
			ent("city:beirut", "city", "LEBANESE"), // a place of another type: still found (places are one class)
			ent("country:LBN", "country", "Lebanon"),
			ent("person:nobody", "person", "Nobody"), // matches nothing
		}}, Canonical: map[string]string{"person:omar-haddad": "person:omar-haddad"}},
		{Name: "b.txt", Analysis: analyse.Analysis{Entities: []analyse.Entity{
			ent("person:omr-hdad", "person", "عمر حداد"),
			ent("country:LBN", "country", "لبنان"),
		}}, Canonical: map[string]string{"person:omr-hdad": "person:omar-haddad"}},
	}
	r := &Report{}
	ScoreEntities(g, sys, r)
	// Gold: 5 entities, 4 found (the UN is not). System: 6, 5 match.
	approx(t, "entities.r", r.Entities.R, 4.0/5)
	approx(t, "entities.p", r.Entities.P, 5.0/6)
	approx(t, "entities.f1", r.Entities.F1, 2*(5.0/6)*(4.0/5)/(5.0/6+4.0/5))
	approx(t, "person.p", ptrOf(r.EntitiesByType["person"].P), 2.0/3)
	approx(t, "organisation.r", ptrOf(r.EntitiesByType["organisation"].R), 0)
	approx(t, "lang ar f1", ptrOf(r.EntitiesByLang["ar"].F1), 1)
	if len(r.NotFound) != 1 || !strings.Contains(r.NotFound[0], "O1") || len(r.Unmatched) != 1 {
		t.Errorf("errors: not found %q, unmatched %q", r.NotFound, r.Unmatched)
	}
	ScoreLinking(g, sys, r)
	// Found: a/P1, a/C1 (country:LBN, the exact type, over city:beirut), b/P1, b/C1. Pairs across
	// articles: P1-P1 and C1-C1 same in gold and system; P1-C1 twice different in both.
	approx(t, "linking.p", r.Linking.P, 1)
	approx(t, "linking.r", r.Linking.R, 1)
	approx(t, "linking_crosslingual.f1", r.LinkingCrosslingual.F1, 1)
	// Without the canonical map the two spellings of P1 are different system entities.
	sys[1].Canonical = nil
	ScoreLinking(g, sys, r)
	approx(t, "linking.r without resolution", r.Linking.R, 0.5)
	approx(t, "linking.p without resolution", r.Linking.P, 1)
}

func ptrOf(p *float64) *float64 { return p }

func TestReportJSONAndText(t *testing.T) {
	r := &Report{Articles: 2}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"entities.p", "entities.r", "entities.f1", "linking.p", "linking.r", "linking.f1",
		"linking_crosslingual.p", "linking_crosslingual.r", "linking_crosslingual.f1",
		"events.p", "events.r", "events.f1", "events.date_accuracy", "similarity.pearson", "similarity.spearman",
		"clustering.pairwise_f1", "clustering.bcubed_f1"} {
		v, ok := m[k]
		if !ok {
			t.Errorf("key %s missing", k)
		} else if v != nil {
			t.Errorf("%s = %v, want null for an empty report", k, v)
		}
	}
	var text bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "no gold") {
		t.Errorf("text report lacks \"no gold\":\n%s", text.String())
	}
}

// goldCanonical is the canonical id the system gave a gold entity it found in one article.
type goldCanonical struct {
	GoldID, Type, Lang, Article, Canonical string
}

// goldCanonicals lists, for every gold entity the system found, the canonical id it got (the
// entity's own key where resolution gave none).
func goldCanonicals(g *Gold, sys []SystemArticle) []goldCanonical {
	var out []goldCanonical
	for _, sa := range sys {
		ga := g.Articles[sa.Name]
		if ga == nil {
			continue
		}
		found, _ := matchArticle(ga, &sa.Analysis)
		for i, j := range found {
			key := sa.Analysis.Entities[j].Key
			if c := sa.Canonical[key]; c != "" {
				key = c
			}
			ge := ga.Entities[i]
			out = append(out, goldCanonical{GoldID: ge.ID, Type: ge.Type, Lang: ga.Language, Article: sa.Name, Canonical: key})
		}
	}
	return out
}

// repoRoot walks up from the working directory to the folder holding go.mod.
func repoRoot(t *testing.T) string {
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

// TestRunInMemorySeeds scores the analysis stage on the sample corpus in ../shared/corpus.
func TestRunInMemorySeeds(t *testing.T) {
	corpus := filepath.Join(repoRoot(t), "..", "shared", "corpus")
	gold, seeds := filepath.Join(corpus, "gold.json"), filepath.Join(corpus, "seeds")
	if _, err := os.Stat(gold); err != nil {
		t.Skipf("sample corpus absent (%v): it lives in ../shared/corpus beside the repository", err)
	}
	r, err := RunInMemory(context.Background(), gold, seeds)
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	r.WriteText(&text)
	r.WriteErrors(&text)
	t.Logf("\n%s", text.String())
	atLeast := func(name string, got *float64, want float64) {
		t.Helper()
		if got == nil || *got < want {
			t.Errorf("%s = %v, want at least %.3f", name, deref(got), want)
		}
	}
	if r.Articles != 5 || len(r.Errors) > 0 || len(r.Missing) > 0 {
		t.Errorf("articles %d, errors %q, missing %q", r.Articles, r.Errors, r.Missing)
	}
	atLeast("entities.f1", r.Entities.F1, 0.95)
	atLeast("entities.r", r.Entities.R, 1)
	atLeast("entities.person.f1", r.EntitiesByType["person"].F1, 1)
	atLeast("entities.lang.ar.f1", r.EntitiesByLang["ar"].F1, 0.95)
	atLeast("entities.lang.en.f1", r.EntitiesByLang["en"].F1, 0.94)
	atLeast("linking.f1", r.Linking.F1, 1)
	atLeast("linking_crosslingual.f1", r.LinkingCrosslingual.F1, 1)
	if r.EventsF1 != nil || r.SimilarityPearson != nil || r.ClusteringBCubedF1 != nil {
		t.Error("figures of later stages should be null here")
	}
}

// TestArabicPeopleLinked checks that every person of the Arabic sample has the canonical id of the
// same person in the English samples.
func TestArabicPeopleLinked(t *testing.T) {
	corpus := filepath.Join(repoRoot(t), "..", "shared", "corpus")
	g, err := LoadGold(filepath.Join(corpus, "gold.json"))
	if err != nil {
		t.Skipf("sample corpus absent (%v): it lives in ../shared/corpus beside the repository", err)
	}
	sys, errs, err := AnalyseDir(context.Background(), filepath.Join(corpus, "seeds"), analyse.New(analyse.Options{}))
	if err != nil || len(errs) > 0 {
		t.Fatalf("%v %q", err, errs)
	}
	canon := map[string]map[string]string{} // gold id → language → canonical ids seen
	for _, c := range goldCanonicals(g, sys) {
		if c.Type != "person" {
			continue
		}
		if canon[c.GoldID] == nil {
			canon[c.GoldID] = map[string]string{}
		}
		if prev, ok := canon[c.GoldID][c.Lang]; ok && prev != c.Canonical {
			t.Errorf("%s in %s: %s, elsewhere %s", c.GoldID, c.Lang, c.Canonical, prev)
		}
		canon[c.GoldID][c.Lang] = c.Canonical
	}
	arPeople := 0
	for id, byLang := range canon {
		ar, ok := byLang["ar"]
		if !ok {
			continue
		}
		arPeople++
		if en, ok := byLang["en"]; ok && en != ar {
			t.Errorf("%s: Arabic %s, English %s", id, ar, en)
		}
	}
	if arPeople == 0 {
		t.Error("no person of the Arabic sample found")
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
