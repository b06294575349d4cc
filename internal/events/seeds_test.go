package events

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
	"storyline/internal/ingest/langid"
)

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

// seedEvents runs the pipeline up to events over ../shared/corpus/seeds: read, identify the
// language, analyse, resolve people across articles, extract, and put global ids on the events.
func seedEvents(t *testing.T) ([]Event, map[string]string) {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "..", "shared", "corpus", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("sample corpus absent (%v): it lives in ../shared/corpus beside the repository", err)
	}
	ctx := context.Background()
	opts := ingest.Options{Identify: func(s string) (string, float64) {
		r := langid.Detect(s)
		return r.Lang, r.Confidence
	}}
	an := analyse.New(analyse.Options{})
	var arts []ingest.Article
	var ans []analyse.Analysis
	var refs []analyse.EntityRef
	names := map[string]string{}
	err := ingest.Read(ctx, []string{dir}, opts, func(res ingest.Result) error {
		if res.Err != nil {
			return res.Err
		}
		a, err := an.Analyse(ctx, *res.Article)
		if err != nil {
			return err
		}
		arts, ans = append(arts, *res.Article), append(ans, a)
		names[res.Article.ID] = filepath.Base(res.Article.Source)
		for _, e := range a.Entities {
			refs = append(refs, analyse.EntityRef{ArticleID: res.Article.ID, Entity: e, Lang: a.Lang, Published: a.Published})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := analyse.Resolve(refs, nil)
	canon := map[[2]string]string{}
	for i, r := range refs {
		canon[[2]string{r.ArticleID, r.Entity.Key}] = ids[i]
	}
	x := NewExtractor()
	var evs []Event
	for i := range arts {
		evs = append(evs, x.Extract(arts[i], ans[i])...)
	}
	Canonicalise(evs, func(article, key string) string { return canon[[2]string{article, key}] })
	return evs, names
}

// TestSeedTimeline is the acceptance check of issue 5 on the sample corpus: the contacts
// between the Russian and the Jordanian foreign ministers, in order, with the dates the texts
// fix and the year that had to be inferred marked as inferred.
func TestSeedTimeline(t *testing.T) {
	evs, names := seedEvents(t)
	ms := Merge(evs, nil)
	m := NewMatcher(Filter{Actor: "Lavrov", With: "Jordan"}, nil)
	var got []Merged
	for _, x := range ms {
		if m.Match(x) {
			got = append(got, x)
		}
	}
	Timeline(got)
	var lines []string
	articles := map[string]bool{}
	for _, x := range got {
		var srcs []string
		for _, s := range x.Sources {
			srcs = append(srcs, names[s.ArticleID])
			articles[s.ArticleID] = true
		}
		lines = append(lines, x.Event.Date+" inferred="+map[bool]string{true: "yes", false: "no"}[x.Event.DateInferred]+" "+
			x.Event.Type+"/"+x.Event.Mode+" "+x.Event.Actor.Key+" -> "+x.Event.Recipient.Key+" "+strings.Join(srcs, ","))
	}
	t.Logf("timeline --actor Lavrov --with Jordan:\n  %s", strings.Join(lines, "\n  "))
	if len(got) != 4 || len(articles) != 4 {
		t.Fatalf("%d contacts from %d articles, want 4 from 4", len(got), len(articles))
	}
	if got[0].Event.Date == "" || !got[0].Event.DateInferred || !strings.HasPrefix(got[0].Event.Date, "2022-11-0") {
		t.Errorf("the first contact should be the visit of November 2022 with its year inferred, got %q inferred=%v",
			got[0].Event.Date, got[0].Event.DateInferred)
	}
	for _, x := range got[1:] {
		if x.Event.Date != "" {
			t.Errorf("only one contact has a date the texts fix, got another dated %s", x.Event.Date)
		}
	}
	for _, x := range got {
		if x.Event.Type != Consult {
			t.Errorf("contact of type %s, want CONSULT", x.Event.Type)
		}
	}
}
