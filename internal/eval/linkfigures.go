package eval

import (
	"context"
	"fmt"
	"math"

	"storyline/internal/link"
)

// ScoredPair is a pair of articles (by name) with a gold overall similarity (1 … 4).
type ScoredPair struct {
	A, B    string
	Overall float64
}

// SimilarityFigures are the correlations of link.Similarity's overall score with gold scores.
type SimilarityFigures struct {
	// N is the number of pairs scored: those whose two articles both have a Doc.
	N        int     `json:"n"`
	Pearson  float64 `json:"pearson"`  // NaN when undefined
	Spearman float64 `json:"spearman"` // NaN when undefined
	// System holds the system's overall score of each scored pair, in the order of the pairs.
	System []float64 `json:"system"`
}

// ScoreSimilarity scores every pair whose two articles have a Doc in docs (keyed by name) with
// link.Similarity and correlates the overall scores with the gold ones (Pearson and Spearman;
// both scales run from 1, very similar, to 4).
func ScoreSimilarity(pairs []ScoredPair, docs map[string]link.Doc) SimilarityFigures {
	var gold, sys []float64
	for _, p := range pairs {
		a, okA := docs[p.A]
		b, okB := docs[p.B]
		if !okA || !okB {
			continue
		}
		gold = append(gold, p.Overall)
		sys = append(sys, link.Similarity(a, b).Overall)
	}
	f := SimilarityFigures{N: len(gold), System: sys, Pearson: math.NaN(), Spearman: math.NaN()}
	if len(gold) >= 2 {
		f.Pearson, f.Spearman = Pearson(sys, gold), Spearman(sys, gold)
	}
	return f
}

// ClusterEvents runs a link.Clusterer over docs in the order given and returns its partition of
// the articles into events, by name (names[i] is the name of docs[i]).
func ClusterEvents(ctx context.Context, names []string, docs []link.Doc, p link.Params) ([][]string, error) {
	if len(names) != len(docs) {
		return nil, fmt.Errorf("cluster events: %d names for %d docs", len(names), len(docs))
	}
	c := link.NewClusterer(p)
	byID := map[string]string{}
	for i, d := range docs {
		if _, err := c.Add(ctx, d); err != nil {
			return nil, fmt.Errorf("cluster events: %s: %w", names[i], err)
		}
		byID[d.ID] = names[i]
	}
	var out [][]string
	for _, ev := range c.Events() {
		var ns []string
		seen := map[string]bool{}
		for _, id := range ev {
			if n, ok := byID[id]; ok && !seen[n] {
				seen[n] = true
				ns = append(ns, n)
			}
		}
		out = append(out, ns)
	}
	// Two files with the same content are one article: give the later name the earlier's event.
	for i, d := range docs {
		if byID[d.ID] != names[i] {
			for k, ev := range out {
				for _, n := range ev {
					if n == byID[d.ID] {
						out[k] = append(out[k], names[i])
					}
				}
			}
		}
	}
	return out, nil
}
