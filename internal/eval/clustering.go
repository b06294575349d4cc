package eval

import (
	"math"
	"sort"
)

// PartitionScores compare a system partition of items with a gold one.
type PartitionScores struct {
	// Items is the number of gold items scored.
	Items int `json:"items"`
	// Pairwise precision, recall and F1 over the pairs of items put together.
	PairwiseP  float64 `json:"pairwise_p"`
	PairwiseR  float64 `json:"pairwise_r"`
	PairwiseF1 float64 `json:"pairwise_f1"`
	// BCubed precision, recall and F1 (Bagga and Baldwin 1998), averaged over items.
	BCubedP  float64 `json:"bcubed_p"`
	BCubedR  float64 `json:"bcubed_r"`
	BCubedF1 float64 `json:"bcubed_f1"`
	// ARI is the adjusted Rand index (Hubert and Arabie 1985): 1 for identical partitions, about
	// 0 for chance agreement.
	ARI float64 `json:"ari"`
}

// ComparePartitions scores the partition system against gold. Only items of gold are scored:
// system items that gold lacks are ignored, and gold items that system lacks count as singletons.
// An item listed twice keeps its first cluster. With no gold pairs at all (every gold cluster a
// singleton and the system agreeing), pairwise precision and recall are 1.
func ComparePartitions(gold, system [][]string) PartitionScores {
	gl := labels(gold, nil)
	sl := labels(system, gl)
	items := make([]string, 0, len(gl))
	for it := range gl {
		items = append(items, it)
	}
	sort.Strings(items)
	next := len(system)
	for _, it := range items {
		if _, ok := sl[it]; !ok {
			sl[it] = next
			next++
		}
	}
	ps := PartitionScores{Items: len(items)}
	if len(items) == 0 {
		return ps
	}
	// Contingency table.
	type cell struct{ g, s int }
	table := map[cell]int{}
	gSize := map[int]int{}
	sSize := map[int]int{}
	for _, it := range items {
		g, s := gl[it], sl[it]
		table[cell{g, s}]++
		gSize[g]++
		sSize[s]++
	}
	pairs := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	var tp, gp, sp float64
	for _, n := range table {
		tp += pairs(n)
	}
	for _, n := range gSize {
		gp += pairs(n)
	}
	for _, n := range sSize {
		sp += pairs(n)
	}
	ps.PairwiseP, ps.PairwiseR = ratio(tp, sp), ratio(tp, gp)
	ps.PairwiseF1 = f1(ps.PairwiseP, ps.PairwiseR)
	// BCubed: for item i, precision = |C(i) ∩ G(i)| / |C(i)|, recall = |C(i) ∩ G(i)| / |G(i)|.
	var bp, br float64
	for c, n := range table {
		bp += float64(n) * float64(n) / float64(sSize[c.s])
		br += float64(n) * float64(n) / float64(gSize[c.g])
	}
	ps.BCubedP = bp / float64(len(items))
	ps.BCubedR = br / float64(len(items))
	ps.BCubedF1 = f1(ps.BCubedP, ps.BCubedR)
	// Adjusted Rand index.
	total := pairs(len(items))
	expected := 0.0
	if total > 0 {
		expected = gp * sp / total
	}
	maxIndex := (gp + sp) / 2
	switch {
	case maxIndex == expected:
		ps.ARI = 1
	default:
		ps.ARI = (tp - expected) / (maxIndex - expected)
	}
	return ps
}

// labels numbers the clusters of a partition by item; with only set, items outside it are skipped.
func labels(p [][]string, only map[string]int) map[string]int {
	out := map[string]int{}
	for i, c := range p {
		for _, it := range c {
			if only != nil {
				if _, ok := only[it]; !ok {
					continue
				}
			}
			if _, dup := out[it]; !dup {
				out[it] = i
			}
		}
	}
	return out
}

// ratio is num/den, 1 when both are 0 (nothing to get wrong).
func ratio(num, den float64) float64 {
	if den == 0 {
		if num == 0 {
			return 1
		}
		return math.NaN()
	}
	return num / den
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
