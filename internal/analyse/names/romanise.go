package names

import (
	"math"
	"sort"

	"storyline/internal/analyse/names/internal/pairhmm"
)

// Romanisation is a noisy-channel search: a Latin spelling l of the Arabic symbols a is scored by
// log P_LM(l) + Σ log P(Arabic op | Latin segment), the channel probabilities taken from the edit
// model and the letter model from the training names, with a beam over partial spellings.
const (
	defaultLMWeight  = 0.6
	defaultRescoreLM = 2.0
	beamWidth        = 24
	maxEmissions     = 10
)

type emission struct {
	seg  string
	cost float64 // log P(Arabic symbol | Latin segment)
}

// emissionTable lists, per model symbol, its likeliest Latin segments with channel log probabilities.
func emissionTable(mod *pairhmm.Model) [][]emission {
	t := make([][]emission, pairhmm.NumSym)
	for s := 0; s < pairhmm.NumSym; s++ {
		for _, e := range mod.Emissions(s, maxEmissions) {
			if s >= pairhmm.NumSub && e.Seg == "" {
				continue
			}
			if e.Seg == "" {
				// an Arabic letter with no Latin counterpart: its joint probability, which keeps
				// such deletions rare
				t[s] = append(t[s], emission{"", math.Log(e.P)})
				continue
			}
			mass := mod.SegMass(e.Seg)
			if mass <= 0 {
				continue
			}
			t[s] = append(t[s], emission{e.Seg, math.Log(e.P) - math.Log(mass)})
		}
	}
	return t
}

type hyp struct {
	s     []byte
	score float64
}

func (m *Matcher) extend(h hyp, seg string, cost float64) hyp {
	n := hyp{s: make([]byte, len(h.s), len(h.s)+len(seg)), score: h.score + cost}
	copy(n.s, h.s)
	for i := 0; i < len(seg); i++ {
		n.score += m.romLM * m.lm.LogProb(history(n.s), seg[i])
		n.s = append(n.s, seg[i])
	}
	return n
}

func history(s []byte) string {
	switch len(s) {
	case 0:
		return "^^"
	case 1:
		return "^" + string(s)
	}
	return string(s[len(s)-2:])
}

func prune(hs []hyp) []hyp {
	sort.Slice(hs, func(i, j int) bool { return hs[i].score > hs[j].score })
	// keep the best hypothesis per spelling
	seen := map[string]bool{}
	out := hs[:0]
	for _, h := range hs {
		if seen[string(h.s)] {
			continue
		}
		seen[string(h.s)] = true
		out = append(out, h)
		if len(out) == beamWidth {
			break
		}
	}
	return out
}

// insertions adds to hs the hypotheses with one inserted letter in context ctx.
func (m *Matcher) insertions(hs []hyp, ctx int) []hyp {
	n := len(hs)
	for _, h := range hs[:n] {
		for _, e := range m.emit[ctx] {
			hs = append(hs, m.extend(h, e.seg, e.cost))
		}
	}
	return prune(hs)
}

// decode returns the best Latin spelling of one word's symbols.
func (m *Matcher) decode(a []uint8) string {
	hs := []hyp{{}}
	hs = m.insertions(hs, pairhmm.InsCtx(a, 0))
	for i, s := range a {
		var next []hyp
		for _, h := range hs {
			for _, e := range m.emit[s] {
				next = append(next, m.extend(h, e.seg, e.cost))
			}
		}
		hs = m.insertions(prune(next), pairhmm.InsCtx(a, i+1))
	}
	// rescore the beam with the forward model (all alignments) and the letter model
	best, bs := "", math.Inf(-1)
	b := m.bufs.Get().(*pairhmm.Buf)
	defer m.bufs.Put(b)
	for _, h := range hs {
		if len(h.s) == 0 {
			continue
		}
		l := make([]uint8, len(h.s))
		lm := 0.0
		for i, c := range h.s {
			l[i] = c - 'a' + 1
			lm += m.lm.LogProb(history(h.s[:i]), c)
		}
		lm += m.lm.LogProb(history(h.s), '$')
		sc := m.model.LogJoint(a, l, b) - m.lambda*m.model.LogLatin(l, b) + m.romRescore*lm
		if sc > bs {
			best, bs = string(h.s), sc
		}
	}
	return best
}
