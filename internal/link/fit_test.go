package link_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"storyline/internal/eval"
	"storyline/internal/link"
)

// pairSample is one pair of articles for fitting: its features, the rules' log-odds, whether it
// is one event, and the ECB+ half of its topic.
type pairSample struct {
	x      []float64
	rules  float64
	y      float64
	half   int
	within bool // both articles of one topic
}

// fitLogistic fits a logistic model with L2 regularisation by gradient descent over the samples
// of one half, with the rules' log-odds as a fixed offset; features not in use stay at 0. It
// returns the weights, then the intercept.
func fitLogistic(ss []pairSample, half int, use []bool, l2 float64) []float64 {
	d := len(use)
	w := make([]float64, d+1)
	g := make([]float64, d+1)
	for range 4000 {
		clear(g)
		n := 0.0
		for _, s := range ss {
			if s.half != half {
				continue
			}
			z := w[d] + s.rules
			for k, v := range s.x {
				z += w[k] * v
			}
			p := 1 / (1 + math.Exp(-z))
			for k, v := range s.x {
				g[k] += (p - s.y) * v
			}
			g[d] += p - s.y
			n++
		}
		for k := range w {
			if k < d && !use[k] {
				continue
			}
			reg := 0.0
			if k < d {
				reg = l2 * w[k]
			}
			w[k] -= 0.5 * (g[k]/n + reg)
		}
	}
	return w
}

// aucOf is the area under the ROC curve of scores for positives against negatives.
func aucOf(pos, neg []float64) float64 {
	slices.Sort(neg)
	var wins float64
	for _, x := range pos {
		lo, _ := slices.BinarySearch(neg, x)
		hi := lo
		for hi < len(neg) && neg[hi] == x {
			hi++
		}
		wins += float64(lo) + 0.5*float64(hi-lo)
	}
	return wins / float64(len(pos)*len(neg))
}

// TestFitSameEvent fits the same-event models (eventModels in similarity.go) on the within-topic
// pairs of the ECB+ development half (topics 1 mod 4) and reports the area under the ROC curve on
// both halves. It only runs when STORYLINE_FIT is set:
//
//	STORYLINE_FIT=1 go test -run TestFitSameEvent -v ./internal/link/
func TestFitSameEvent(t *testing.T) {
	if os.Getenv("STORYLINE_FIT") == "" {
		t.Skip("set STORYLINE_FIT=1 to fit the same-event models on ECB+")
	}
	root := sharedCorpus(t)
	ecb := readCorpus(t, filepath.Join(root, "ecbplus", "articles"), filepath.Join(root, "ecbplus", "gold.json"))
	event := map[string]int{}
	for k, c := range ecb.gold {
		for _, n := range c {
			event[n] = k
		}
	}
	topic := func(n string) string { return strings.Split(n, "_")[0] }
	var ss []pairSample
	var names []string
	for i := range ecb.docs {
		for j := i + 1; j < len(ecb.docs); j++ {
			// Within a topic every pair; across topics (all different events, mostly easy)
			// one pair in ten, so that sharing little is learned to mean little.
			if topic(ecb.names[i]) != topic(ecb.names[j]) && (i+j)%10 != 0 {
				continue
			}
			if ecbHalf(ecb.names[i]) != ecbHalf(ecb.names[j]) {
				continue
			}
			x, ns, _, rules := link.EventFeatures(ecb.docs[i], ecb.docs[j])
			names = ns
			y := 0.0
			if event[ecb.names[i]] == event[ecb.names[j]] {
				y = 1
			}
			ss = append(ss, pairSample{x, rules, y, ecbHalf(ecb.names[i]), topic(ecb.names[i]) == topic(ecb.names[j])})
		}
	}
	withhold := map[string][]string{
		// Concepts add nothing to the words of one language.
		"modelLexical": {"focus_entities", "concepts"},
		"modelTerms":   {"names", "focus_names"},
		"modelCross":   {"names", "terms", "shingles", "focus_names"},
	}
	for _, model := range []string{"modelLexical", "modelTerms", "modelCross"} {
		use := make([]bool, len(names))
		for k, n := range names {
			use[k] = !slices.Contains(withhold[model], n)
		}
		masked := make([]pairSample, len(ss))
		for i, s := range ss {
			x := slices.Clone(s.x)
			for k := range x {
				if !use[k] {
					x[k] = 0
				}
			}
			masked[i] = pairSample{x, s.rules, s.y, s.half, s.within}
		}
		w := fitLogistic(masked, 1, use, 0.001)
		// Print the model as the literal of eventModels.
		var b strings.Builder
		for k, n := range names {
			if use[k] && math.Abs(w[k]) >= 0.005 {
				fmt.Fprintf(&b, "ef%s: %.2f, ", goName(n), w[k])
			}
		}
		fmt.Fprintf(&b, "numEF: %.2f", w[len(w)-1])
		t.Logf("%s: {%s},", model, b.String())
		for _, h := range []int{1, 3} {
			var pos, neg, negWithin []float64
			for _, s := range masked {
				if s.half != h {
					continue
				}
				z := w[len(w)-1] + s.rules
				for k, v := range s.x {
					z += w[k] * v
				}
				switch {
				case s.y == 1:
					pos = append(pos, z)
				case s.within:
					negWithin = append(negWithin, z)
					neg = append(neg, z)
				default:
					neg = append(neg, z)
				}
			}
			t.Logf("  half %d (%s): %d same-event pairs, %d others, AUC %.3f; within topics alone %.3f",
				h, map[int]string{1: "dev", 3: "held-out"}[h], len(pos), len(neg), aucOf(pos, neg), aucOf(pos, negWithin))
		}
	}
}

// goName turns a feature name ("focus_names") into the suffix of its constant (FocusNames).
func goName(n string) string {
	var b strings.Builder
	for _, p := range strings.Split(n, "_") {
		b.WriteString(strings.ToUpper(p[:1]) + p[1:])
	}
	return b.String()
}

// TestTuneClustering reports, for a grid of event thresholds and link counts, the event
// clustering of the Docs the pipeline makes of ECB+ (mean over six orders, per half) and the
// order stability; the parameters (DefaultParams) were chosen on the development half. It only
// runs when STORYLINE_FIT is set:
//
//	STORYLINE_FIT=1 go test -run TestTuneClustering -v ./internal/link/
func TestTuneClustering(t *testing.T) {
	if os.Getenv("STORYLINE_FIT") == "" {
		t.Skip("set STORYLINE_FIT=1 to sweep the clustering parameters on ECB+")
	}
	root := sharedCorpus(t)
	ecb := readCorpus(t, filepath.Join(root, "ecbplus", "articles"), filepath.Join(root, "ecbplus", "gold.json"))
	dev := goldOf(ecb.gold, func(n string) bool { return ecbHalf(n) == 1 })
	held := goldOf(ecb.gold, func(n string) bool { return ecbHalf(n) == 3 })
	ords := orders(len(ecb.docs))
	for _, th := range []float64{0.35, 0.4, 0.45, 0.5, 0.55} {
		for _, edges := range []int{12, 16, 24} {
			p := link.Params{EventThreshold: th, Edges: edges}
			var base [][]string
			var d, h, d3, h3, sum float64
			lowest := 1.0
			for k, o := range ords {
				names := make([]string, len(o))
				docs := make([]link.Doc, len(o))
				for j, i := range o {
					names[j], docs[j] = ecb.names[i], ecb.docs[i]
				}
				part, err := eval.ClusterEvents(context.Background(), names, docs, p)
				if err != nil {
					t.Fatal(err)
				}
				n := float64(len(ords))
				sd, sh := eval.ComparePartitions(dev, part), eval.ComparePartitions(held, part)
				d, h, d3, h3 = d+sd.PairwiseF1/n, h+sh.PairwiseF1/n, d3+sd.BCubedF1/n, h3+sh.BCubedF1/n
				if k == 0 {
					base = part
					continue
				}
				ari := eval.ComparePartitions(base, part).ARI
				sum += ari
				lowest = min(lowest, ari)
			}
			t.Logf("threshold %.2f, edges %d: dev pairwise %.3f BCubed %.3f | held-out %.3f / %.3f | ARI mean %.3f lowest %.3f",
				th, edges, d, d3, h, h3, sum/float64(len(ords)-1), lowest)
		}
	}
}
