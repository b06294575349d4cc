package link

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sync"
)

// Neighbour is an article found near another one, with its scores against it.
type Neighbour struct {
	ID        string `json:"id"`
	Lang      string `json:"lang"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	// Jaccard is the estimated Jaccard similarity of the two articles' word shingles.
	Jaccard float64 `json:"jaccard"`
	Scores  Scores  `json:"scores"`
}

// Source gives candidate neighbours of a Doc: the articles most likely to be related to it, at
// most limit of them, in any order. An Index is a Source; a store may provide its own (an SQL
// index over the same features) and rank what it returns with Rank.
type Source interface {
	Candidates(ctx context.Context, d Doc, limit int) ([]Doc, error)
}

// Index tuning.
const (
	// postingCap is the most entries a posting list keeps: the most recent ones. A feature shared
	// by more articles than this says little about any pair of them.
	postingCap = 2048
	// scanCap is the most entries of one posting list a query reads (the most recent).
	scanCap = 384
	// scanBudget bounds the posting entries one query reads in all, strongest features first.
	scanBudget = 24000
	// lshBands × lshRows MinHash values make the near-duplicate buckets: a pair with shingle
	// Jaccard 0.5 shares a bucket with probability 0.94, one with 0.2 with probability 0.15.
	lshBands = 21
	lshRows  = 3
	// DuplicateJaccard is the estimated shingle Jaccard from which two articles are
	// near-duplicates (a wire copy, a lightly edited republication).
	DuplicateJaccard = 0.5
)

// famQueryWeight is how much a shared feature of each family counts when gathering candidates.
var famQueryWeight = [numFam]float32{famEnt: 1, famPlace: 0.4, famConc: 0.6, famTopic: 0.3, famTerm: 0.8, famName: 1, famNum: 0.6}

// entry is one article of an index: its compact form and what is needed to rebuild its Doc.
type entry struct {
	id, lang, title, published string
	dates, lead                []Weighted
	happenings                 []Happening
	c                          cdoc
}

// entMeta is what an index remembers of an entity id for rebuilding Docs.
type entMeta struct {
	id, typ, name, country string
}

type posting struct {
	ids []int32
	df  int32
}

// Index finds the articles nearest to a Doc, in any language, and its near-duplicates, from
// inverted lists over canonical entities, places, concepts, topics and terms (weighted by idf,
// with capped lists) and MinHash buckets, then ranks the candidates with Similarity. It is safe for
// concurrent use.
type Index struct {
	mu      sync.RWMutex
	entries []entry
	byID    map[string]int32
	post    map[uint64]*posting
	lshHead map[uint32]int32
	lshNext []int32 // lshBands per entry: the next entry in the same bucket, -1 at the end
	dict    map[uint64]string
	ents    map[uint64]entMeta
	scratch sync.Pool
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{
		byID:    map[string]int32{},
		post:    map[uint64]*posting{},
		lshHead: map[uint32]int32{},
		dict:    map[uint64]string{},
		ents:    map[uint64]entMeta{},
	}
}

// Len returns the number of articles in the index.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.entries)
}

// postKey tags a feature's hash with its family.
func postKey(k uint64, f int) uint64 { return k + uint64(f+1)*0x9e3779b97f4a7c15 }

// bandKey hashes band b of a MinHash signature. Two bands that hash alike only make a candidate,
// which the Jaccard check then judges, so 32 bits are enough.
func bandKey(mh []uint32, b int) uint32 {
	h := uint64(b+1) * 0xbf58476d1ce4e5b9
	for _, v := range mh[b*lshRows : (b+1)*lshRows] {
		h = mix64(h ^ uint64(v))
	}
	return uint32(h >> 32)
}

// Add adds d to the index and reports whether it was new; a Doc whose ID is already there is
// left as it was.
func (x *Index) Add(d Doc) bool {
	c := compact(&d)
	x.mu.Lock()
	defer x.mu.Unlock()
	_, added := x.add(&d, c)
	return added
}

// add inserts d with its compact form c; the caller holds the write lock.
func (x *Index) add(d *Doc, c cdoc) (int32, bool) {
	if i, ok := x.byID[d.ID]; ok {
		return i, false
	}
	i := int32(len(x.entries))
	x.entries = append(x.entries, entry{id: d.ID, lang: d.Lang, title: d.Title, published: d.Published, dates: slices.Clone(d.Dates),
		lead: slices.Clone(d.Lead), happenings: slices.Clone(d.Happenings), c: c})
	x.byID[d.ID] = i
	for f := range numFam {
		ks, _ := c.fam(f)
		for _, k := range ks {
			pk := postKey(k, f)
			p := x.post[pk]
			if p == nil {
				p = &posting{}
				x.post[pk] = p
			}
			p.df++
			p.ids = append(p.ids, i)
			if len(p.ids) >= 2*postingCap {
				p.ids = append(p.ids[:0:0], p.ids[len(p.ids)-postingCap:]...)
			}
		}
	}
	x.remember(d)
	for range lshBands {
		x.lshNext = append(x.lshNext, -1)
	}
	if len(c.mh) == MinHashSize {
		for b := range lshBands {
			bk := bandKey(c.mh, b)
			if head, ok := x.lshHead[bk]; ok {
				x.lshNext[int(i)*lshBands+b] = head
			}
			x.lshHead[bk] = i
		}
	}
	return i, true
}

// remember records the names behind the hashed keys of d, to rebuild Docs.
func (x *Index) remember(d *Doc) {
	for _, e := range d.Entities {
		h := hash64(e.ID)
		if _, ok := x.ents[h]; !ok {
			x.ents[h] = entMeta{id: e.ID, typ: e.Type, name: e.Name, country: e.Country}
		}
	}
	for _, l := range [][]Weighted{d.Places, d.Concepts, d.Topics, d.Terms, d.Names, d.Numbers} {
		for _, w := range l {
			h := hash64(w.Key)
			if _, ok := x.dict[h]; !ok {
				x.dict[h] = w.Key
			}
		}
	}
}

// doc rebuilds the Doc of entry i; the caller holds a lock.
func (x *Index) doc(i int32) Doc {
	e := &x.entries[i]
	d := Doc{ID: e.id, Lang: e.lang, Title: e.title, Published: e.published, Dates: slices.Clone(e.dates),
		Lead: slices.Clone(e.lead), Happenings: slices.Clone(e.happenings),
		MinHash: e.c.mh, Fingerprint: e.c.fp, Words: int(e.c.words)}
	ks, ws := e.c.fam(famEnt)
	for j, k := range ks {
		m := x.ents[k]
		w := ws[j]
		if isPlace(m.typ) {
			w /= placeAsEntity
		}
		d.Entities = append(d.Entities, Entity{ID: m.id, Type: m.typ, Name: m.name, Country: m.country, Weight: w})
	}
	slices.SortFunc(d.Entities, func(a, b Entity) int { return cmp.Compare(a.ID, b.ID) })
	list := func(f int) []Weighted {
		ks, ws := e.c.fam(f)
		if len(ks) == 0 {
			return nil
		}
		out := make([]Weighted, len(ks))
		for j, k := range ks {
			out[j] = Weighted{Key: x.dict[k], Weight: ws[j]}
		}
		slices.SortFunc(out, func(a, b Weighted) int { return cmp.Compare(a.Key, b.Key) })
		return out
	}
	d.Places, d.Concepts, d.Topics, d.Terms, d.Names = list(famPlace), list(famConc), list(famTopic), list(famTerm), list(famName)
	d.Numbers = list(famNum)
	d.Weekdays = weekdayList(e.c.wdays)
	return d
}

// Doc returns the Doc of the article with this id, rebuilt from the index, and whether it is there.
func (x *Index) Doc(id string) (Doc, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	i, ok := x.byID[id]
	if !ok {
		return Doc{}, false
	}
	return x.doc(i), true
}

// cand is a candidate neighbour with its gathering score.
type cand struct {
	i     int32
	score float32
}

// accum is a reusable dense accumulator for gathering candidates.
type accum struct {
	score   []float32
	touched []int32
	heap    []cand
	qs      []qfeat
}

// qfeat is one feature of a query with its weight.
type qfeat struct {
	p *posting
	w float32
}

// candidates gathers up to limit entries sharing the most idf-weighted features with c (self
// excluded); the caller holds a lock.
func (x *Index) candidates(c *cdoc, self int32, limit int) []cand {
	n := len(x.entries)
	if n == 0 || limit <= 0 {
		return nil
	}
	acc, _ := x.scratch.Get().(*accum)
	if acc == nil {
		acc = &accum{}
	}
	qs := acc.qs[:0]
	logN := math.Log(float64(n) + 1)
	for f := range numFam {
		ks, ws := c.fam(f)
		for j, k := range ks {
			p := x.post[postKey(k, f)]
			if p == nil || p.df == 0 || (p.df == 1 && self >= 0) {
				continue
			}
			idf := float32(logN - math.Log(float64(p.df)))
			if idf <= 0.05 {
				continue
			}
			qs = append(qs, qfeat{p, ws[j] * idf * famQueryWeight[f]})
		}
	}
	slices.SortFunc(qs, func(a, b qfeat) int { return cmp.Compare(b.w, a.w) })
	acc.qs = qs
	if len(acc.score) < n {
		acc.score = make([]float32, n+n/2)
	}
	budget := scanBudget
	for _, q := range qs {
		ids := q.p.ids
		if len(ids) > scanCap {
			ids = ids[len(ids)-scanCap:]
		}
		if budget <= 0 {
			break
		}
		budget -= len(ids)
		for _, i := range ids {
			if acc.score[i] == 0 {
				acc.touched = append(acc.touched, i)
			}
			acc.score[i] += q.w
		}
	}
	// Keep the limit best in a min-heap (ties: the earlier entry wins).
	h := acc.heap[:0]
	worse := func(a, b cand) bool { return a.score < b.score || a.score == b.score && a.i > b.i }
	for _, i := range acc.touched {
		sc := acc.score[i]
		acc.score[i] = 0
		if i == self {
			continue
		}
		c := cand{i, sc}
		if len(h) < limit {
			h = append(h, c)
			for k := len(h) - 1; k > 0; {
				p := (k - 1) / 2
				if !worse(h[k], h[p]) {
					break
				}
				h[k], h[p] = h[p], h[k]
				k = p
			}
			continue
		}
		if !worse(h[0], c) {
			continue
		}
		h[0] = c
		for k := 0; ; {
			l, r, m := 2*k+1, 2*k+2, k
			if l < len(h) && worse(h[l], h[m]) {
				m = l
			}
			if r < len(h) && worse(h[r], h[m]) {
				m = r
			}
			if m == k {
				break
			}
			h[k], h[m] = h[m], h[k]
			k = m
		}
	}
	out := slices.Clone(h)
	acc.heap = h
	acc.touched = acc.touched[:0]
	x.scratch.Put(acc)
	slices.SortFunc(out, func(a, b cand) int {
		if a.score != b.score {
			return cmp.Compare(b.score, a.score)
		}
		return cmp.Compare(a.i, b.i)
	})
	return out
}

// Candidates implements Source: the articles of the index sharing the most weighted features
// with d (d itself excluded), at most limit of them.
func (x *Index) Candidates(ctx context.Context, d Doc, limit int) ([]Doc, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c := compact(&d)
	x.mu.RLock()
	defer x.mu.RUnlock()
	self := x.selfOf(d.ID)
	cs := x.candidates(&c, self, limit)
	out := make([]Doc, len(cs))
	for j, cd := range cs {
		out[j] = x.doc(cd.i)
	}
	return out, nil
}

func (x *Index) selfOf(id string) int32 {
	if i, ok := x.byID[id]; ok && id != "" {
		return i
	}
	return -1
}

// ranked is a scored candidate.
type ranked struct {
	i   int32
	sim float64
	id  string
}

// Related returns the k articles of the index most similar to d in any language, best first
// (d itself excluded): candidates gathered from the inverted lists, ranked by the overall
// similarity.
func (x *Index) Related(d Doc, k int) []Neighbour {
	if k <= 0 {
		return nil
	}
	c := compact(&d)
	x.mu.RLock()
	defer x.mu.RUnlock()
	self := x.selfOf(d.ID)
	cs := x.candidates(&c, self, max(3*k, 30))
	rs := make([]ranked, 0, len(cs))
	for _, cd := range cs {
		p := measure(&c, &x.entries[cd.i].c)
		rs = append(rs, ranked{cd.i, p.overall(), x.entries[cd.i].id})
	}
	sortRanked(rs)
	if len(rs) > k {
		rs = rs[:k]
	}
	out := make([]Neighbour, len(rs))
	for j, r := range rs {
		out[j] = x.neighbour(&d, &c, r.i)
	}
	return out
}

func sortRanked(rs []ranked) {
	slices.SortFunc(rs, func(a, b ranked) int {
		if a.sim != b.sim {
			return cmp.Compare(b.sim, a.sim)
		}
		return cmp.Compare(a.id, b.id)
	})
}

// neighbour builds the Neighbour of entry i against d; the caller holds a lock.
func (x *Index) neighbour(d *Doc, c *cdoc, i int32) Neighbour {
	e := &x.entries[i]
	nd := x.doc(i)
	s := scores(d, &nd, c, &e.c)
	return Neighbour{ID: e.id, Lang: e.lang, Title: e.title, Published: e.published,
		Jaccard: s.Evidence.ShingleJaccard, Scores: s}
}

// Duplicates returns the near-duplicates of d in the index (d itself excluded): articles of the
// same language whose shingle Jaccard similarity is at least DuplicateJaccard, most similar first.
func (x *Index) Duplicates(d Doc) []Neighbour {
	if len(d.MinHash) != MinHashSize {
		return nil
	}
	c := compact(&d)
	x.mu.RLock()
	defer x.mu.RUnlock()
	self := x.selfOf(d.ID)
	var rs []ranked
	for _, i := range x.duplicates(&c, self) {
		rs = append(rs, ranked{i, MinHashJaccard(c.mh, x.entries[i].c.mh), x.entries[i].id})
	}
	sortRanked(rs)
	out := make([]Neighbour, len(rs))
	for j, r := range rs {
		out[j] = x.neighbour(&d, &c, r.i)
	}
	return out
}

// duplicates returns the entries that share a MinHash bucket with c, are in its language and pass
// the Jaccard threshold; the caller holds a lock.
func (x *Index) duplicates(c *cdoc, self int32) []int32 {
	if len(c.mh) != MinHashSize {
		return nil
	}
	seen := map[int32]bool{}
	var out []int32
	for b := range lshBands {
		i, ok := x.lshHead[bandKey(c.mh, b)]
		for steps := 0; ok && i >= 0 && steps < 10000; steps++ {
			if !seen[i] && i != self {
				seen[i] = true
				e := &x.entries[i]
				if langBase(e.lang) == langBase(c.lang) && MinHashJaccard(c.mh, e.c.mh) >= DuplicateJaccard {
					out = append(out, i)
				}
			}
			i = x.lshNext[int(i)*lshBands+b]
		}
	}
	slices.Sort(out)
	return out
}

// Rank scores candidates (from any Source) against d and returns the k most similar, best first;
// candidates with d's ID are skipped.
func Rank(d Doc, cands []Doc, k int) []Neighbour {
	c := compact(&d)
	type rc struct {
		s   Scores
		doc *Doc
	}
	var rs []rc
	for j := range cands {
		o := &cands[j]
		if o.ID == d.ID && d.ID != "" {
			continue
		}
		co := compact(o)
		rs = append(rs, rc{scores(&d, o, &c, &co), o})
	}
	slices.SortFunc(rs, func(a, b rc) int {
		if a.s.Overall != b.s.Overall {
			return cmp.Compare(a.s.Overall, b.s.Overall)
		}
		return cmp.Compare(a.doc.ID, b.doc.ID)
	})
	if k >= 0 && len(rs) > k {
		rs = rs[:k]
	}
	out := make([]Neighbour, len(rs))
	for j, r := range rs {
		out[j] = Neighbour{ID: r.doc.ID, Lang: r.doc.Lang, Title: r.doc.Title, Published: r.doc.Published,
			Jaccard: r.s.Evidence.ShingleJaccard, Scores: r.s}
	}
	return out
}
