package names

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"storyline/internal/analyse/names/internal/pairhmm"
)

// Report is the outcome of Evaluate: over N pairs, the share whose own English form ranks first
// (Acc1) or in the first five (Acc5) among all distinct English forms of the file, and the mean
// reciprocal rank of that form (MRR). Candidates is the number of distinct English forms; Pruned
// counts the pairs whose own form was dropped by the candidate filter (ranked last).
type Report struct {
	N          int     `json:"names.n"`
	Acc1       float64 `json:"names.acc1"`
	Acc5       float64 `json:"names.acc5"`
	MRR        float64 `json:"names.mrr"`
	Candidates int     `json:"names.candidates"`
	Pruned     int     `json:"names.pruned"`
}

// evalOptions are the knobs of the candidate filter, fixed for Evaluate and varied by tests.
type evalOptions struct {
	// minShare is the share of the Arabic name's skeleton grams a candidate must share to be scored
	// (0 scores every candidate).
	minShare float64
}

var defaultEvalOptions = evalOptions{minShare: 0.4}

// Evaluate reads name pairs ("latin<TAB>arabic letters separated by spaces<TAB>count" per line, as
// in the Wikidata name-pair files) and, for every pair, ranks all distinct English forms of the
// file against its Arabic form with m.Score. A hit is the pair's own English form. Ties count
// against the pair (its form ranks below every other form with the same score). To keep the work
// near linear, a cheap filter first drops candidates that share too little of the Arabic form's
// consonant skeleton (Key); dropped candidates rank below every scored one, and a pair whose own
// form is dropped ranks last. Blank lines are skipped; a malformed line is an error naming it. A
// nil m means Default().
func Evaluate(ctx context.Context, r io.Reader, m *Matcher) (Report, error) {
	if m == nil {
		m = Default()
	}
	return evaluate(ctx, r, m, defaultEvalOptions)
}

type evalPair struct {
	arabic string
	latin  int // index of its English form among the candidates
}

func readEvalPairs(r io.Reader) ([]evalPair, []string, error) {
	var pairs []evalPair
	var cands []string
	index := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(t) == "" {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) < 2 || strings.TrimSpace(f[0]) == "" || strings.TrimSpace(f[1]) == "" {
			return nil, nil, fmt.Errorf("line %d: want latin<TAB>arabic<TAB>count, got %q", line, truncate(t, 80))
		}
		latin := strings.TrimSpace(f[0])
		i, ok := index[latin]
		if !ok {
			i = len(cands)
			index[latin] = i
			cands = append(cands, latin)
		}
		pairs = append(pairs, evalPair{arabic: strings.ReplaceAll(f[1], " ", ""), latin: i})
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	if len(pairs) == 0 {
		return nil, nil, errors.New("no name pairs")
	}
	return pairs, cands, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// grams returns the skeleton grams of a key: its classes, and its class bigrams with ^ and $ at
// the ends.
func grams(key string) []string {
	if key == "" {
		return []string{"^$"}
	}
	out := make([]string, 0, 2*len(key)+1)
	for i := 0; i < len(key); i++ {
		out = append(out, key[i:i+1])
	}
	k := "^" + key + "$"
	for i := 0; i+2 <= len(k); i++ {
		out = append(out, k[i:i+2])
	}
	return dedupe(out)
}

func dedupe(s []string) []string {
	seen := make(map[string]bool, len(s))
	out := s[:0]
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func evaluate(ctx context.Context, r io.Reader, m *Matcher, opt evalOptions) (Report, error) {
	pairs, cands, err := readEvalPairs(r)
	if err != nil {
		return Report{}, err
	}
	// prepare every candidate once, and index their skeleton grams
	forms := make([]latinForm, len(cands))
	postings := map[string][]int32{}
	var b pairhmm.Buf
	for i, c := range cands {
		forms[i] = m.prepLatin(c, &b)
		for _, g := range grams(Key(c)) {
			postings[g] = append(postings[g], int32(i))
		}
	}
	rr := make([]float64, len(pairs))
	ranks := make([]int, len(pairs))
	var pruned atomic.Int64
	var next atomic.Int64
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b pairhmm.Buf
			shared := make([]int32, len(cands))
			scores := make([]float64, len(cands))
			for {
				i := int(next.Add(1) - 1)
				if i >= len(pairs) || ctx.Err() != nil {
					return
				}
				p := pairs[i]
				a := m.prepArabic(p.arabic)
				// candidate filter
				gs := grams(Key(p.arabic))
				need := int32(math.Ceil(opt.minShare * float64(len(gs))))
				if need < 1 {
					need = 1
				}
				for j := range shared {
					shared[j] = 0
				}
				if opt.minShare > 0 {
					for _, g := range gs {
						for _, j := range postings[g] {
							shared[j]++
						}
					}
				}
				for j := range cands {
					if opt.minShare > 0 && shared[j] < need {
						scores[j] = math.Inf(-1)
						continue
					}
					if len(a.variants) == 0 || len(forms[j].variants) == 0 {
						scores[j] = math.Inf(-1)
						continue
					}
					scores[j] = m.calibrate(m.rank(a, forms[j], &b))
				}
				own := scores[p.latin]
				rank := 1
				if math.IsInf(own, -1) || (opt.minShare > 0 && shared[p.latin] < need) {
					rank = len(cands) // dropped: below every scored candidate, last among the dropped
					pruned.Add(1)
				} else {
					for j, s := range scores {
						if j != p.latin && s >= own {
							rank++
						}
					}
				}
				ranks[i] = rank
				rr[i] = 1 / float64(rank)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Report{}, fmt.Errorf("evaluating names: %w", err)
	}
	rep := Report{N: len(pairs), Candidates: len(cands), Pruned: int(pruned.Load())}
	for i := range pairs {
		if ranks[i] == 1 {
			rep.Acc1++
		}
		if ranks[i] <= 5 {
			rep.Acc5++
		}
		rep.MRR += rr[i]
	}
	n := float64(len(pairs))
	rep.Acc1 /= n
	rep.Acc5 /= n
	rep.MRR /= n
	return rep, nil
}
