package eval

import (
	"context"
	"math"
	"testing"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
	"storyline/internal/link"
)

func TestScoreSimilarityAndClusterEvents(t *testing.T) {
	mk := func(id, title, body string) link.Doc {
		return link.NewDoc(ingest.Article{ID: id, Lang: "en", Title: title, Body: body}, analyse.Analysis{}, nil)
	}
	talks := "Foreign ministers of Jordan and Russia met in Moscow to discuss the war in Syria and refugees returning home."
	docs := map[string]link.Doc{
		"a.txt": mk("a", "Ministers meet in Moscow", talks),
		"b.txt": mk("b", "Moscow talks on Syria", "In Moscow the foreign ministers of Russia and Jordan discussed the war in Syria and the return of refugees."),
		"c.txt": mk("c", "Floods", "Heavy rain flooded the streets of the capital overnight and schools were closed."),
	}
	pairs := []ScoredPair{{"a.txt", "b.txt", 1}, {"a.txt", "c.txt", 4}, {"b.txt", "c.txt", 4}, {"a.txt", "missing.txt", 2}}
	f := ScoreSimilarity(pairs, docs)
	if f.N != 3 || len(f.System) != 3 {
		t.Fatalf("scored %d pairs (%v), want 3", f.N, f.System)
	}
	if !(f.Pearson > 0.9) || !(f.Spearman > 0.8) {
		t.Errorf("pearson %v spearman %v", f.Pearson, f.Spearman)
	}
	if g := ScoreSimilarity(pairs[:1], docs); !math.IsNaN(g.Pearson) {
		t.Errorf("one pair: pearson %v, want NaN", g.Pearson)
	}
	names := []string{"a.txt", "b.txt", "c.txt", "a-copy.txt"}
	ds := []link.Doc{docs["a.txt"], docs["b.txt"], docs["c.txt"], docs["a.txt"]}
	part, err := ClusterEvents(context.Background(), names, ds, link.Params{})
	if err != nil {
		t.Fatal(err)
	}
	s := ComparePartitions([][]string{{"a.txt", "b.txt", "a-copy.txt"}, {"c.txt"}}, part)
	if s.PairwiseF1 != 1 {
		t.Errorf("partition %v scores %+v", part, s)
	}
	if _, err := ClusterEvents(context.Background(), names[:2], ds, link.Params{}); err == nil {
		t.Error("mismatched names and docs accepted")
	}
}
