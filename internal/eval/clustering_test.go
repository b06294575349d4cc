package eval

import (
	"math"
	"testing"
)

func TestComparePartitions(t *testing.T) {
	gold := [][]string{{"a", "b", "c"}, {"d", "e"}, {"f"}}
	tests := []struct {
		name           string
		sys            [][]string
		pwP, pwR, b3F1 float64
		ari            float64
	}{
		{"identical", [][]string{{"c", "b", "a"}, {"e", "d"}, {"f"}}, 1, 1, 1, 1},
		{"all apart", [][]string{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}, {"f"}}, 1, 0, 2 * 0.5 * 1 / 1.5, 0},
		// One cluster: 4 true of 15 pairs.
		{"all together", [][]string{{"a", "b", "c", "d", "e", "f"}}, 4.0 / 15, 1, math.NaN(), 0},
		// Missing items count as singletons; unknown items are ignored.
		{"partial", [][]string{{"a", "b", "x"}, {"d", "e"}}, 1, 0.5, math.NaN(), math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ComparePartitions(gold, tt.sys)
			if s.Items != 6 {
				t.Errorf("items = %d", s.Items)
			}
			near := func(got, want float64) bool { return math.IsNaN(want) || math.Abs(got-want) < 1e-9 }
			if !near(s.PairwiseP, tt.pwP) || !near(s.PairwiseR, tt.pwR) || !near(s.BCubedF1, tt.b3F1) || !near(s.ARI, tt.ari) {
				t.Errorf("got %+v", s)
			}
			if s.BCubedF1 < 0 || s.BCubedF1 > 1 || s.PairwiseF1 < 0 || s.PairwiseF1 > 1 {
				t.Errorf("out of range: %+v", s)
			}
		})
	}
}

func TestCorrelation(t *testing.T) {
	tests := []struct {
		name        string
		x, y        []float64
		pearson, sp float64
	}{
		{"perfect", []float64{1, 2, 3}, []float64{2, 4, 6}, 1, 1},
		{"inverse", []float64{1, 2, 3}, []float64{3, 2, 1}, -1, -1},
		{"monotone", []float64{1, 2, 3, 4}, []float64{1, 2, 3, 100}, 0.7850, 1},
		{"ties", []float64{1, 1, 2}, []float64{1, 2, 3}, 0.8660, 0.8660},
		{"constant", []float64{1, 1, 1}, []float64{1, 2, 3}, math.NaN(), math.NaN()},
		{"too short", []float64{1}, []float64{1}, math.NaN(), math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, s := Pearson(tt.x, tt.y), Spearman(tt.x, tt.y)
			check := func(name string, got, want float64) {
				if math.IsNaN(want) != math.IsNaN(got) || !math.IsNaN(want) && math.Abs(got-want) > 1e-3 {
					t.Errorf("%s = %v, want %v", name, got, want)
				}
			}
			check("pearson", p, tt.pearson)
			check("spearman", s, tt.sp)
		})
	}
}
