package eval

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/analyse"
)

// goldSetFloors are the figures each annotated set must keep: a few points below what the
// pipeline measured when they were set, so that a change making Storyline worse on news it was
// not written for fails here. Raise them when the figures rise; never lower them to let a change in.
var goldSetFloors = map[string]map[string]float64{
	"dev": {"entities.f1": 0.97, "linking.f1": 0.97, "linking_crosslingual.f1": 0.97, "events.f1": 0.95,
		"similarity.pearson": 0.85, "clustering.bcubed_f1": 0.95},
	"heldout": {"entities.f1": 0.88, "linking.f1": 0.95, "linking_crosslingual.f1": 0.93, "events.f1": 0.55,
		"similarity.pearson": 0.88, "clustering.bcubed_f1": 0.93},
}

// TestGoldSets runs the whole pipeline (as `storyline eval` does) on the annotated sets in
// testdata/goldsets, checks the figures against goldSetFloors, and logs the figures and (for the
// dev set only) the errors; run it with -v.
func TestGoldSets(t *testing.T) {
	root := repoRoot(t)
	for _, set := range []string{"dev", "heldout"} {
		t.Run(set, func(t *testing.T) {
			dir := filepath.Join(root, "testdata", "goldsets", set)
			goldPath, articles := filepath.Join(dir, "gold.json"), filepath.Join(dir, "articles")
			ctx := context.Background()
			r, err := Run(ctx, goldPath, articles)
			if err != nil {
				t.Fatal(err)
			}
			var text bytes.Buffer
			r.WriteText(&text)
			if set == "dev" {
				r.WriteErrors(&text)
			}
			t.Logf("\n%s", text.String())
			got := map[string]*float64{"entities.f1": r.Entities.F1, "linking.f1": r.Linking.F1,
				"linking_crosslingual.f1": r.LinkingCrosslingual.F1, "events.f1": r.EventsF1,
				"similarity.pearson": r.SimilarityPearson, "clustering.bcubed_f1": r.ClusteringBCubedF1}
			for k, floor := range goldSetFloors[set] {
				switch v := got[k]; {
				case v == nil:
					t.Errorf("%s: %s is null; the set is annotated for it", set, k)
				case *v < floor:
					t.Errorf("%s: %s = %.3f, below its floor %.2f", set, k, *v, floor)
				}
			}
			if set != "dev" {
				return
			}
			g, err := LoadGold(goldPath)
			if err != nil {
				t.Fatal(err)
			}
			sys, errs, err := AnalyseDir(ctx, articles, analyse.New(analyse.Options{}))
			if err != nil || len(errs) > 0 {
				t.Fatalf("%v %q", err, errs)
			}
			evs, errs, err := ExtractEvents(ctx, articles, sys, nil)
			if err != nil || len(errs) > 0 {
				t.Fatalf("%v %q", err, errs)
			}
			// the canonical ids each gold entity found got, where they differ
			canon := map[string]map[string][]string{}
			for _, c := range goldCanonicals(g, sys) {
				if canon[c.GoldID] == nil {
					canon[c.GoldID] = map[string][]string{}
				}
				canon[c.GoldID][c.Canonical] = append(canon[c.GoldID][c.Canonical], c.Article)
			}
			for id, m := range canon {
				if len(m) > 1 {
					t.Logf("linking split: %s -> %v", id, m)
				}
			}
			sc := ScoreEvents(g, sys, evs, &Report{})
			for i, l := range [][]string{sc.NotFound, sc.Spurious, sc.WrongDate} {
				if len(l) > 0 {
					t.Logf("%s\n  %s", []string{"events not found", "spurious events", "wrong dates"}[i], strings.Join(l, "\n  "))
				}
			}
		})
	}
}
