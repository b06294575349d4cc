package pairhmm

import (
	"math"
	"runtime"
	"sync"
)

// Pair is one training pair: Arabic symbols (see Symbols), Latin letters and a weight.
type Pair struct {
	A, L []uint8
	W    float64
}

// TrainConfig says how to train.
type TrainConfig struct {
	Iters int // EM iterations
	// MinSegCount is how often a 2- or 3-letter Latin sequence must occur in the training words to
	// be a candidate segment.
	MinSegCount int
	// Smooth is the pseudo-count added to every one-letter operation, so that no pair is impossible.
	Smooth float64
	// Log, when set, receives progress lines.
	Log func(format string, args ...any)
}

// maxTrainLen bounds the words EM trains on; longer ones are skipped (their probabilities would
// underflow without scaling, and they are rare).
const maxTrainLen = 40

// Train learns a model from pairs by expectation maximisation over all alignments.
func Train(pairs []Pair, cfg TrainConfig) *Model {
	if cfg.Iters <= 0 {
		cfg.Iters = 15
	}
	if cfg.MinSegCount <= 0 {
		cfg.MinSegCount = 3
	}
	if cfg.Smooth <= 0 {
		cfg.Smooth = 0.01
	}
	logf := cfg.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	// candidate segments: every letter, and the 2- and 3-letter sequences seen often enough
	freq := map[int]int{}
	for _, p := range pairs {
		for j := range p.L {
			for k := 2; k <= MaxSeg && j+k <= len(p.L); k++ {
				freq[Code(p.L[j:j+k])]++
			}
		}
	}
	var codes []int32
	for c := 1; c <= 26; c++ {
		codes = append(codes, int32(c))
	}
	for c, n := range freq {
		if n >= cfg.MinSegCount {
			codes = append(codes, int32(c))
		}
	}
	m := newModel(codes)
	ns := m.nseg
	// initial probabilities: favour short segments, uniform otherwise
	for s := 0; s < NumSym; s++ {
		for id := 0; id < ns; id++ {
			k := len(CodeString(int(m.segCodes[id])))
			var v float64
			switch {
			case s >= NumSub && k == 1:
				v = 1
			case s >= NumSub:
				v = 0
			case k == 0:
				v = 3
			case k == 1:
				v = 1
			case k == 2:
				v = 0.1
			default:
				v = 0.01
			}
			m.p[s*ns+id] = v
		}
	}
	m.stop = float64(len(pairs)) / 50
	m.normalise(nil, float64(len(pairs)), 0)
	m.finish()

	workers := runtime.GOMAXPROCS(0)
	for it := 0; it < cfg.Iters; it++ {
		counts := make([][]float64, workers)
		lls := make([]float64, workers)
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			counts[w] = make([]float64, NumSym*ns)
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				var b trainBuf
				for i := w; i < len(pairs); i += workers {
					p := pairs[i]
					if len(p.A) > maxTrainLen || len(p.L) > maxTrainLen || len(p.A) == 0 || len(p.L) == 0 {
						continue
					}
					lls[w] += p.W * m.expect(p.A, p.L, p.W, counts[w], &b)
				}
			}(w)
		}
		wg.Wait()
		total := counts[0]
		ll := lls[0]
		for w := 1; w < workers; w++ {
			for i, v := range counts[w] {
				total[i] += v
			}
			ll += lls[w]
		}
		stopCount := 0.0
		for _, p := range pairs {
			if len(p.A) <= maxTrainLen && len(p.L) <= maxTrainLen && len(p.A) > 0 && len(p.L) > 0 {
				stopCount += p.W
			}
		}
		logf("EM iteration %d: log-likelihood %.1f", it+1, ll)
		m.normalise(total, stopCount, cfg.Smooth)
	}
	m.prune(1e-7)
	m.finish()
	return m
}

// normalise turns counts (nil: the current probabilities) into probabilities, joint over all
// operations and the stop event, adding smooth to every one-letter operation and deletion.
func (m *Model) normalise(counts []float64, stopCount, smooth float64) {
	if counts == nil {
		counts = append([]float64(nil), m.p...)
	}
	ns := m.nseg
	for s := 0; s < NumSym; s++ {
		for id := 0; id < ns; id++ {
			c := m.segCodes[id]
			if c <= 26 && (s < NumSub || c > 0) {
				counts[s*ns+id] += smooth
			}
		}
	}
	total := stopCount
	for _, v := range counts {
		total += v
	}
	for i, v := range counts {
		m.p[i] = v / total
	}
	m.stop = stopCount / total
}

// prune drops multi-letter operations less likely than min, and segments no operation uses.
func (m *Model) prune(min float64) {
	ns := m.nseg
	for s := 0; s < NumSym; s++ {
		for id := 0; id < ns; id++ {
			if m.segCodes[id] > 26 && m.p[s*ns+id] < min {
				m.p[s*ns+id] = 0
			}
		}
	}
}

type trainBuf struct {
	alpha, beta []float64
	seg         []int32 // [j*MaxSeg+k-1]: id of l[j:j+k]
}

// expect adds the expected operation counts of one pair (weighted by w) to counts and returns its
// log-likelihood.
func (m *Model) expect(a, l []uint8, w float64, counts []float64, b *trainBuf) float64 {
	n, mm := len(a), len(l)
	W := mm + 1
	size := (n + 1) * W
	if cap(b.alpha) < size {
		b.alpha = make([]float64, size)
		b.beta = make([]float64, size)
	}
	al, be := b.alpha[:size], b.beta[:size]
	if cap(b.seg) < W*MaxSeg {
		b.seg = make([]int32, W*MaxSeg)
	}
	seg := b.seg[:W*MaxSeg]
	for j := 0; j <= mm; j++ {
		code, mul := 0, 1
		for k := 1; k <= MaxSeg; k++ {
			id := int32(-1)
			if j+k <= mm {
				code += int(l[j+k-1]) * mul
				mul *= 27
				id = m.segOf[code]
			}
			seg[j*MaxSeg+k-1] = id
		}
	}
	p, ns := m.p, m.nseg
	// forward
	for i := 0; i <= n; i++ {
		ins := insCtx(a, i, n) * ns
		for j := 0; j <= mm; j++ {
			v := 0.0
			if i == 0 && j == 0 {
				v = 1
			}
			if j > 0 {
				if s := seg[(j-1)*MaxSeg]; s >= 0 {
					v += al[i*W+j-1] * p[ins+int(s)]
				}
			}
			if i > 0 {
				sub := int(a[i-1]) * ns
				v += al[(i-1)*W+j] * p[sub]
				for k := 1; k <= MaxSeg && k <= j; k++ {
					if s := seg[(j-k)*MaxSeg+k-1]; s >= 0 {
						v += al[(i-1)*W+j-k] * p[sub+int(s)]
					}
				}
			}
			al[i*W+j] = v
		}
	}
	z := al[n*W+mm] * m.stop
	if z <= 0 || math.IsNaN(z) || math.IsInf(z, 0) {
		return 0
	}
	// backward
	for i := n; i >= 0; i-- {
		ins := insCtx(a, i, n) * ns
		for j := mm; j >= 0; j-- {
			v := 0.0
			if i == n && j == mm {
				v = m.stop
			}
			if j < mm {
				if s := seg[j*MaxSeg]; s >= 0 {
					v += be[i*W+j+1] * p[ins+int(s)]
				}
			}
			if i < n {
				sub := int(a[i]) * ns
				v += be[(i+1)*W+j] * p[sub]
				for k := 1; k <= MaxSeg && j+k <= mm; k++ {
					if s := seg[j*MaxSeg+k-1]; s >= 0 {
						v += be[(i+1)*W+j+k] * p[sub+int(s)]
					}
				}
			}
			be[i*W+j] = v
		}
	}
	// expected counts
	f := w / z
	for i := 0; i <= n; i++ {
		ins := insCtx(a, i, n) * ns
		for j := 0; j <= mm; j++ {
			av := al[i*W+j] * f
			if av == 0 {
				continue
			}
			if j < mm {
				if s := seg[j*MaxSeg]; s >= 0 {
					counts[ins+int(s)] += av * p[ins+int(s)] * be[i*W+j+1]
				}
			}
			if i < n {
				sub := int(a[i]) * ns
				counts[sub] += av * p[sub] * be[(i+1)*W+j]
				for k := 1; k <= MaxSeg && j+k <= mm; k++ {
					if s := seg[j*MaxSeg+k-1]; s >= 0 {
						counts[sub+int(s)] += av * p[sub+int(s)] * be[(i+1)*W+j+k]
					}
				}
			}
		}
	}
	return math.Log(z)
}
