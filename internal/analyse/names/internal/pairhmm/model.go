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

// Model holds the operation probabilities. It is immutable once built and safe for concurrent use;
// scratch space lives in a Buf owned by each caller.
type Model struct {
	segOf    []int32 // Latin segment code → segment id, -1 when the model has no such segment
	segCodes []int32 // segment id → code; id 0 is the empty segment
	nseg     int
	p        []float64 // [symbol*nseg + segment]: probability of the operation
	stop     float64
	// derived by finish: per symbol, the total probability of its operations; per segment, its
	// mass over the medial letters and the insertions; the mass of medial deletions
	rowSum  []float64
	latMass []float64
	delMass float64
	// Params are named scalars stored with the model (calibration weights and the like).
	Params map[string]float64
}

// Buf is scratch space for the dynamic programmes; the zero value is ready to use.
type Buf struct {
	alpha, beta []float64
	seg         []int32
}

func (b *Buf) grow(n int) {
	if cap(b.alpha) < n {
		b.alpha = make([]float64, n)
		b.beta = make([]float64, n)
	}
	b.alpha = b.alpha[:n]
	b.beta = b.beta[:n]
}

// newModel makes a model over the given segment codes (code 0, the empty segment, is added).
func newModel(codes []int32) *Model {
	m := &Model{segOf: make([]int32, NumCodes), Params: map[string]float64{}}
	for i := range m.segOf {
		m.segOf[i] = -1
	}
	m.segCodes = append([]int32{0}, codes...)
	for id, c := range m.segCodes {
		m.segOf[c] = int32(id)
	}
	m.nseg = len(m.segCodes)
	m.p = make([]float64, NumSym*m.nseg)
	return m
}

// segments fills b.seg with the segment id of l[j-k:j] at index j*MaxSeg+k-1 (-1 when unknown).
func (m *Model) segments(l []uint8, b *Buf) []int32 {
	n := (len(l) + 1) * MaxSeg
	if cap(b.seg) < n {
		b.seg = make([]int32, n)
	}
	seg := b.seg[:n]
	for j := 0; j <= len(l); j++ {
		code := 0
		for k := 1; k <= MaxSeg; k++ {
			id := int32(-1)
			if j-k >= 0 {
				// Code(l[j-k:j]) = l[j-k] + 27*Code(l[j-k+1:j])
				code = int(l[j-k]) + 27*code
				id = m.segOf[code]
			}
			seg[j*MaxSeg+k-1] = id
		}
	}
	return seg
}

// insCtx is the insertion context after i of the n Arabic symbols a.
func insCtx(a []uint8, i, n int) int {
	if i == 0 {
		return InsStart
	}
	if i == n {
		return InsAfterEnd + int(a[i-1])/3
	}
	return InsAfter + int(a[i-1])/3
}

// LogJoint returns log P(a, l): the log probability that the model writes the Arabic symbols a
// (see Symbols) and the Latin letters l together, summed over all alignments. It is -Inf when no
// alignment is possible.
func (m *Model) LogJoint(a, l []uint8, b *Buf) float64 {
	n, w := len(a), len(l)+1
	b.grow((n + 1) * w)
	al := b.alpha
	seg := m.segments(l, b)
	p, ns := m.p, m.nseg
	logScale := 0.0
	for i := 0; i <= n; i++ {
		row := al[i*w : (i+1)*w]
		ins := p[insCtx(a, i, n)*ns:]
		var prev []float64
		var sub []float64
		if i > 0 {
			prev = al[(i-1)*w : i*w]
			sub = p[int(a[i-1])*ns:]
		}
		rowMax := 0.0
		for j := 0; j < w; j++ {
			v := 0.0
			if i == 0 && j == 0 {
				v = 1
			}
			if j > 0 {
				if s := seg[j*MaxSeg]; s >= 0 {
					v += row[j-1] * ins[s]
				}
			}
			if i > 0 {
				v += prev[j] * sub[0]
				for k := 1; k <= MaxSeg && k <= j; k++ {
					if s := seg[j*MaxSeg+k-1]; s >= 0 {
						v += prev[j-k] * sub[s]
					}
				}
			}
			row[j] = v
			if v > rowMax {
				rowMax = v
			}
		}
		if rowMax == 0 {
			return math.Inf(-1)
		}
		if rowMax < 1e-100 || rowMax > 1e100 {
			for j := range row {
				row[j] /= rowMax
			}
			logScale += math.Log(rowMax)
		}
	}
	return math.Log(al[n*w+w-1]*m.stop) + logScale
}

// LogLatin returns an estimate of log P(l), the probability of the Latin letters under the model
// with the Arabic side summed out (medial letters stand for all positions).
func (m *Model) LogLatin(l []uint8, b *Buf) float64 {
	w := len(l) + 1
	b.grow(w)
	f := b.alpha[:w]
	seg := m.segments(l, b)
	del := m.delMass
	logScale := 0.0
	f[0] = 1
	for j := 1; j < w; j++ {
		v := 0.0
		for k := 1; k <= MaxSeg && k <= j; k++ {
			s := seg[j*MaxSeg+k-1]
			if s < 0 {
				continue
			}
			v += f[j-k] * m.latMass[s]
		}
		f[j] = v / (1 - del)
		if f[j] > 0 && f[j] < 1e-100 {
			for i := 0; i <= j; i++ {
				f[i] /= 1e-100
			}
			logScale += math.Log(1e-100)
		}
	}
	return math.Log(f[w-1]*m.stop) + logScale
}

// finish computes the derived sums once the probabilities are final.
func (m *Model) finish() {
	ns := m.nseg
	m.rowSum = make([]float64, NumSym)
	m.latMass = make([]float64, ns)
	m.delMass = 0
	for s := 0; s < NumSym; s++ {
		for id := 0; id < ns; id++ {
			m.rowSum[s] += m.p[s*ns+id]
		}
	}
	for x := 0; x < NumLetters; x++ {
		sym := (x*3 + 1) * ns
		m.delMass += m.p[sym]
		for id := 1; id < ns; id++ {
			m.latMass[id] += m.p[sym+id]
			if m.segCodes[id] <= 26 {
				m.latMass[id] += m.p[(InsAfter+x)*ns+id] / NumLetters
			}
		}
	}
}

// Ops lists the model's operations with their probabilities, for inspection: symbol name, Latin
// segment ("" for none) and probability.
func (m *Model) Ops(fn func(sym int, seg string, p float64)) {
	for s := 0; s < NumSym; s++ {
		for id := 0; id < m.nseg; id++ {
			if v := m.p[s*m.nseg+id]; v > 0 {
				fn(s, CodeString(int(m.segCodes[id])), v)
			}
		}
	}
}

// Best returns the most probable Latin segment for an Arabic symbol and its probability,
// preferring segments over deletion only when they are likelier.
func (m *Model) Best(sym int) (string, float64) {
	best, bp := 0, -1.0
	for id := 0; id < m.nseg; id++ {
		if v := m.p[sym*m.nseg+id]; v > bp {
			best, bp = id, v
		}
	}
	return CodeString(int(m.segCodes[best])), bp
}

// Prob returns the probability of writing symbol sym as the Latin segment seg ("" for nothing).
func (m *Model) Prob(sym int, seg string) float64 {
	code := 0
	if seg != "" {
		c, ok := ParseCode(seg)
		if !ok {
			return 0
		}
		code = c
	}
	id := m.segOf[code]
	if id < 0 {
		return 0
	}
	return m.p[sym*m.nseg+int(id)]
}

// SymbolName names a symbol in the model file: the Arabic letter followed by ^ (word-initial), nothing
// (medial) or $ (word-final); insertions are +^ (before the first letter), +X (after letter X inside
// a word) and +X$ (after a word's last letter X).
func SymbolName(s int) string {
	switch {
	case s == InsStart:
		return "+^"
	case s >= InsAfterEnd:
		return "+" + string(ArabicRune(s-InsAfterEnd)) + "$"
	case s >= InsAfter:
		return "+" + string(ArabicRune(s-InsAfter))
	}
	return string(ArabicRune(s/3)) + [...]string{"^", "", "$"}[s%3]
}

func parseSymbol(name string) (int, bool) {
	if name == "+^" {
		return InsStart, true
	}
	if strings.HasPrefix(name, "+") {
		r := []rune(strings.TrimSuffix(name[1:], "$"))
		if len(r) != 1 {
			return 0, false
		}
		i, ok := ArabicIndex(r[0])
		if !ok {
			return 0, false
		}
		if strings.HasSuffix(name, "$") {
			return InsAfterEnd + i, true
		}
		return InsAfter + i, true
	}
	pos := 1
	switch {
	case strings.HasSuffix(name, "^"):
		pos, name = 0, strings.TrimSuffix(name, "^")
	case strings.HasSuffix(name, "$"):
		pos, name = 2, strings.TrimSuffix(name, "$")
	}
	r := []rune(name)
	if len(r) != 1 {
		return 0, false
	}
	i, ok := ArabicIndex(r[0])
	if !ok {
		return 0, false
	}
	return i*3 + pos, true
}

// Write stores the model as text: a header, "param NAME VALUE" lines, "stop P", then one line per
// operation "SYMBOL<TAB>SEGMENT<TAB>P" with "-" for the empty segment.
func (m *Model) Write(w io.Writer, header string) error {
	bw := bufio.NewWriter(w)
	for _, h := range strings.Split(strings.TrimSpace(header), "\n") {
		fmt.Fprintf(bw, "# %s\n", h)
	}
	keys := make([]string, 0, len(m.Params))
	for k := range m.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(bw, "param\t%s\t%s\n", k, strconv.FormatFloat(m.Params[k], 'g', 8, 64))
	}
	fmt.Fprintf(bw, "stop\t%s\n", strconv.FormatFloat(m.stop, 'g', 6, 64))
	for s := 0; s < NumSym; s++ {
		for id := 0; id < m.nseg; id++ {
			v := m.p[s*m.nseg+id]
			if v <= 0 {
				continue
			}
			seg := CodeString(int(m.segCodes[id]))
			if seg == "" {
				seg = "-"
			}
			fmt.Fprintf(bw, "%s\t%s\t%s\n", SymbolName(s), seg, strconv.FormatFloat(v, 'g', 5, 64))
		}
	}
	return bw.Flush()
}

// Read parses a model written by Write.
func Read(r io.Reader) (*Model, error) {
	type op struct {
		sym, code int
		p         float64
	}
	var ops []op
	params := map[string]float64{}
	stop := 0.0
	codes := map[int]bool{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Split(t, "\t")
		switch {
		case f[0] == "param" && len(f) == 3:
			v, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				return nil, fmt.Errorf("line %d: param %s: %w", line, f[1], err)
			}
			params[f[1]] = v
		case f[0] == "stop" && len(f) == 2:
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return nil, fmt.Errorf("line %d: stop: %w", line, err)
			}
			stop = v
		case len(f) == 3:
			s, ok := parseSymbol(f[0])
			if !ok {
				return nil, fmt.Errorf("line %d: unknown symbol %q", line, f[0])
			}
			code := 0
			if f[1] != "-" {
				c, ok := ParseCode(f[1])
				if !ok {
					return nil, fmt.Errorf("line %d: bad Latin segment %q", line, f[1])
				}
				code = c
			}
			v, err := strconv.ParseFloat(f[2], 64)
			if err != nil || v < 0 || v > 1 {
				return nil, fmt.Errorf("line %d: bad probability %q", line, f[2])
			}
			if code != 0 {
				codes[code] = true
			}
			ops = append(ops, op{s, code, v})
		default:
			return nil, fmt.Errorf("line %d: cannot parse %q", line, t)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading model: %w", err)
	}
	if stop <= 0 || len(ops) == 0 {
		return nil, fmt.Errorf("model has no stop probability or no operations")
	}
	cl := make([]int32, 0, len(codes))
	for c := range codes {
		cl = append(cl, int32(c))
	}
	sort.Slice(cl, func(i, j int) bool { return cl[i] < cl[j] })
	m := newModel(cl)
	for _, o := range ops {
		m.p[o.sym*m.nseg+int(m.segOf[o.code])] = o.p
	}
	m.stop = stop
	m.Params = params
	m.finish()
	return m, nil
}

// LogArabic returns log P(a), the probability of the Arabic symbols under the model with the Latin
// side summed out.
func (m *Model) LogArabic(a []uint8) float64 {
	lp := math.Log(m.stop)
	for i := 0; i <= len(a); i++ {
		if ins := m.rowSum[insCtx(a, i, len(a))]; ins < 1 {
			lp -= math.Log1p(-ins)
		}
		if i < len(a) {
			lp += math.Log(m.rowSum[a[i]])
		}
	}
	return lp
}

// SegProb is a Latin segment with a probability.
type SegProb struct {
	Seg string
	P   float64
}

// Emissions returns the operations of symbol sym (a positional Arabic symbol or an insertion
// context) with their joint probabilities, likeliest first, at most k of them.
func (m *Model) Emissions(sym, k int) []SegProb {
	var out []SegProb
	for id := 0; id < m.nseg; id++ {
		if v := m.p[sym*m.nseg+id]; v > 0 {
			out = append(out, SegProb{CodeString(int(m.segCodes[id])), v})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].P > out[j].P })
	if len(out) > k {
		out = out[:k]
	}
	return out
}

// SegMass returns the total probability of the Latin segment seg ("" for none) over all symbols:
// the marginal that turns a joint operation probability into P(Arabic | Latin segment).
func (m *Model) SegMass(seg string) float64 {
	code := 0
	if seg != "" {
		c, ok := ParseCode(seg)
		if !ok {
			return 0
		}
		code = c
	}
	id := m.segOf[code]
	if id < 0 {
		return 0
	}
	t := 0.0
	for s := 0; s < NumSym; s++ {
		t += m.p[s*m.nseg+int(id)]
	}
	return t
}

// InsCtx is the insertion context after i of the symbols a (exported for decoders).
func InsCtx(a []uint8, i int) int { return insCtx(a, i, len(a)) }
