package eval

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/analyse"
)

// TestGoldSets runs the whole pipeline (as `storyline eval` does) on the annotated sets in
// testdata/goldsets and logs the figures and the errors; run it with -v.
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
					id := ga.Entities[i].ID
					if canon[id] == nil {
						canon[id] = map[string][]string{}
					}
					canon[id][key] = append(canon[id][key], sa.Name)
				}
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
