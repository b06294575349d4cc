package pairhmm

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// LM is a character trigram model of Latin name spellings (letters a..z, ^ for the start and $ for
// the end of a word), interpolated with the bigram and unigram models. It guides the choice of
// vowels when an Arabic name is romanised.
type LM struct {
	counts map[string]float64 // n-gram → count, n = 1..3; the empty string holds the total
	ctx    map[string]float64 // history → count of n-grams extending it
}

// TrainLM counts the n-grams of the given folded words (a..z).
func TrainLM(words []string) *LM {
	lm := &LM{counts: map[string]float64{}}
	for _, w := range words {
		s := "^^" + w + "$"
		for i := 2; i < len(s); i++ {
			lm.counts[s[i:i+1]]++
			lm.counts[s[i-1:i+1]]++
			lm.counts[s[i-2:i+1]]++
			lm.counts[""]++
		}
	}
	lm.index()
	return lm
}

func (lm *LM) index() {
	lm.ctx = map[string]float64{}
	for g, c := range lm.counts {
		if g != "" {
			lm.ctx[g[:len(g)-1]] += c
		}
	}
}

// LogProb returns log P(c | h) for the next character c after the two characters h (use '^' for
// positions before the start).
func (lm *LM) LogProb(h string, c byte) float64 {
	total := lm.counts[""]
	if total == 0 {
		return math.Log(1.0 / 27)
	}
	p := 0.02 / 27 // floor: any letter is possible
	p += 0.18 * lm.counts[string(c)] / total
	if n := lm.ctx[h[1:]]; n > 0 {
		p += 0.3 * lm.counts[h[1:]+string(c)] / n
	} else {
		p += 0.3 * lm.counts[string(c)] / total
	}
	if n := lm.ctx[h]; n > 0 {
		p += 0.5 * lm.counts[h+string(c)] / n
	} else if n := lm.ctx[h[1:]]; n > 0 {
		p += 0.5 * lm.counts[h[1:]+string(c)] / n
	} else {
		p += 0.5 * lm.counts[string(c)] / total
	}
	return math.Log(p)
}

// Write stores the counts as "NGRAM<TAB>COUNT" lines (n-grams seen at least min times).
func (lm *LM) Write(w io.Writer, header string, min float64) error {
	bw := bufio.NewWriter(w)
	for _, h := range strings.Split(strings.TrimSpace(header), "\n") {
		fmt.Fprintf(bw, "# %s\n", h)
	}
	keys := make([]string, 0, len(lm.counts))
	for k, c := range lm.counts {
		if k != "" && c >= min {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(bw, "%s\t%s\n", k, strconv.FormatFloat(lm.counts[k], 'g', -1, 64))
	}
	return bw.Flush()
}

// ReadLM parses counts written by Write.
func ReadLM(r io.Reader) (*LM, error) {
	lm := &LM{counts: map[string]float64{}}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		k, v, ok := strings.Cut(t, "\t")
		if !ok || len(k) < 1 || len(k) > 3 {
			return nil, fmt.Errorf("line %d: cannot parse %q", line, t)
		}
		c, err := strconv.ParseFloat(v, 64)
		if err != nil || c < 0 {
			return nil, fmt.Errorf("line %d: bad count %q", line, v)
		}
		lm.counts[k] = c
		if len(k) == 1 {
			lm.counts[""] += c
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading language model: %w", err)
	}
	lm.index()
	return lm, nil
}
