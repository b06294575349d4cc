package store

import (
	"container/heap"
	"math"
	"strings"
	"sync"
)

// Ranking parameters of the search index: FTS5's BM25 (k1 1.2, b 0.75) and the column weights of
// store.Searcher — title 4, body 1, keys 2, entities 3.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// searchFields are the fields of a search document: the prefix of their index keys and their
// weight in the ranking.
var searchFields = [4]struct {
	prefix string
	weight float64
}{{"t:", 4}, {"b:", 1}, {"k:", 2}, {"e:", 3}}

// Fields of a search document, as indexes into searchFields.
const (
	fieldTitle = iota
	fieldBody
	fieldKeys
	fieldEnts
)

// MaxPostingsPerKey bounds the postings one index key is read for when ranking: a key held by
// more documents than that is matched in its newest MaxPostingsPerKey documents only (its
// document frequency still counts them all). It bounds the cost of a query on a very large
// store; at 200,000 it never applies to a store of fewer documents.
const MaxPostingsPerKey = 200000

// IndexedDoc is one search document with what ranking and filtering need of its article.
type IndexedDoc struct {
	Seq       int64 // the article's ingest sequence number (ties go to the higher)
	ID        string
	Lang      string
	Published string
	Doc       SearchDoc
}

// SearchIndex is an in-memory inverted index of search documents, with the matching, filtering
// and ranking of store.Searcher computed in Go over posting lists: a query costs in proportion to
// the postings of its keys (bounded by MaxPostingsPerKey), not to a scoring pass in the database
// per matching article. Backends feed it the documents they store (Apply) and answer Search from
// it when a long-running process asks them to keep one; it gives the same hits, order, totals
// and scores (to rounding) as their SQL search. It is safe for concurrent use.
type SearchIndex struct {
	mu   sync.RWMutex
	docs []idxDoc
	// live maps an article id to its current document number.
	live map[string]uint32
	post map[string]*postings
	// nLive and totalLen are the number of live documents and their tokens, for BM25.
	nLive    int
	totalLen int64
	dead     int
	// rev is the backend's change revision the index reflects.
	rev int64
	// scratch pools the buffers of queries (*searchScratch).
	scratch sync.Pool
}

type idxDoc struct {
	seq           int64
	id, lang, pub string
	length        int32
	alive         bool
}

// postings are the documents holding one key, in increasing document number, with the key's
// count in each.
type postings struct {
	docs []uint32
	tf   []uint16
}

// NewSearchIndex returns an empty index.
func NewSearchIndex() *SearchIndex {
	return &SearchIndex{live: map[string]uint32{}, post: map[string]*postings{}}
}

// Rev returns the change revision last given to Apply.
func (x *SearchIndex) Rev() int64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.rev
}

// Len returns the number of documents indexed.
func (x *SearchIndex) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.nLive
}

// Apply indexes documents, each replacing the document indexed before for its article, and
// records the backend's change revision they bring the index to.
func (x *SearchIndex) Apply(docs []IndexedDoc, rev int64) {
	type tok struct {
		key string
		n   int
	}
	// Tokenising is done before taking the lock.
	prepared := make([][]tok, len(docs))
	lengths := make([]int32, len(docs))
	for i, d := range docs {
		counts := map[string]int{}
		var order []string
		for f, text := range [4]string{d.Doc.Title, d.Doc.Body, d.Doc.Keys, d.Doc.Entities} {
			for _, t := range strings.Fields(text) {
				k := searchFields[f].prefix + strings.ToLower(t)
				if counts[k] == 0 {
					order = append(order, k)
				}
				counts[k]++
				lengths[i]++
			}
		}
		ts := make([]tok, len(order))
		for j, k := range order {
			ts[j] = tok{k, counts[k]}
		}
		prepared[i] = ts
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for i, d := range docs {
		if old, ok := x.live[d.ID]; ok {
			x.docs[old].alive = false
			x.nLive--
			x.totalLen -= int64(x.docs[old].length)
			x.dead++
		}
		n := uint32(len(x.docs))
		x.docs = append(x.docs, idxDoc{seq: d.Seq, id: d.ID, lang: d.Lang, pub: d.Published, length: lengths[i], alive: true})
		x.live[d.ID] = n
		x.nLive++
		x.totalLen += int64(lengths[i])
		for _, t := range prepared[i] {
			p := x.post[t.key]
			if p == nil {
				p = &postings{}
				x.post[t.key] = p
			}
			p.docs = append(p.docs, n)
			p.tf = append(p.tf, uint16(min(t.n, math.MaxUint16)))
		}
	}
	if rev > x.rev {
		x.rev = rev
	}
	if x.dead > 1024 && x.dead > x.nLive/4 {
		x.compact()
	}
}

// compact renumbers the live documents and drops the postings of replaced ones; the caller
// holds the write lock.
func (x *SearchIndex) compact() {
	renum := make([]uint32, len(x.docs))
	var docs []idxDoc
	for i, d := range x.docs {
		if d.alive {
			renum[i] = uint32(len(docs))
			docs = append(docs, d)
		} else {
			renum[i] = math.MaxUint32
		}
	}
	for k, p := range x.post {
		j := 0
		for i, d := range p.docs {
			if r := renum[d]; r != math.MaxUint32 {
				p.docs[j], p.tf[j] = r, p.tf[i]
				j++
			}
		}
		if j == 0 {
			delete(x.post, k)
			continue
		}
		p.docs, p.tf = p.docs[:j:j], p.tf[:j:j]
	}
	for id, n := range x.live {
		x.live[id] = renum[n]
	}
	x.docs, x.dead = docs, 0
}

// IndexHit is a document the index ranked, with its score.
type IndexHit struct {
	ID    string
	Seq   int64
	Score float64
}

// phrase is one token of a query with the fields it may match in.
type idxPhrase struct {
	tok    string
	fields []int
}

// IndexQuery is a query as the index runs it: the parsed text and the normalised concept and
// entity tokens, built by PlanIndexQuery.
type IndexQuery struct {
	match, filters []idxPhrase
	// groups are the query elements a hit is credited for, as indexes into match.
	groups [][]int
}

// Empty reports whether the query matches on nothing but filters.
func (q IndexQuery) Empty() bool { return len(q.match) == 0 }

// PlanIndexQuery turns a query (t: its tokens, NewQueryTokens(q)) into the phrases the index matches: every token of every term
// (in the title or body), every concept key (also in the keys) and every entity id (in the
// entities), each once; the entity and topic filters; and the groups a hit is credited for —
// each term (its tokens or concepts), each of q.Concepts, each of the entity ids.
func PlanIndexQuery(q SearchQuery, t QueryTokens) IndexQuery {
	parsed := t.Parsed
	var out IndexQuery
	index := map[string]int{}
	add := func(tok string, fields ...int) int {
		key := strings.ToLower(tok) + "\x00" + string(rune('0'+len(fields)))
		if i, ok := index[key]; ok {
			return i
		}
		index[key] = len(out.match)
		out.match = append(out.match, idxPhrase{tok, fields})
		return len(out.match) - 1
	}
	words, concepts, ents := t.Words, t.Concepts, t.Entities
	// Phrases in the order the SQL searches rank them: words, concepts, entities.
	for _, w := range words {
		add(w, fieldTitle, fieldBody)
	}
	for _, c := range concepts {
		add(c, fieldTitle, fieldBody, fieldKeys)
	}
	for _, e := range ents {
		add(e, fieldEnts)
	}
	for _, t := range parsed.Terms {
		var g []int
		for _, tok := range t.Tokens {
			g = append(g, add(tok, fieldTitle, fieldBody))
		}
		for _, c := range t.Concepts {
			g = append(g, add(c, fieldTitle, fieldBody, fieldKeys))
		}
		if len(g) > 0 {
			out.groups = append(out.groups, g)
		}
	}
	for _, c := range q.Concepts {
		if c = ConceptToken(c); c != "" {
			out.groups = append(out.groups, []int{add(c, fieldTitle, fieldBody, fieldKeys)})
		}
	}
	for _, e := range ents {
		out.groups = append(out.groups, []int{add(e, fieldEnts)})
	}
	if q.Entity != "" {
		out.filters = append(out.filters, idxPhrase{EntityToken(q.Entity), []int{fieldEnts}})
	}
	if q.Topic != "" {
		out.filters = append(out.filters, idxPhrase{TopicToken(q.Topic), []int{fieldKeys}})
	}
	return out
}

// Search ranks the documents matching plan that pass q's language and date filters and, when
// story is not nil, belong to it (a set of article ids), and returns the total and the page
// q.Offset, q.Limit (limit already bounded by the caller) of hits, best first: by Score = m +
// b/(1+b) (see store.Searcher), ties to the higher Seq.
func (x *SearchIndex) Search(plan IndexQuery, q SearchQuery, limit int, story map[string]bool) (int, []IndexHit) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if len(plan.match) == 0 {
		return 0, nil
	}
	phrases := append(append([]idxPhrase{}, plan.match...), plan.filters...)
	nMatch := len(plan.match)
	nDocs := len(x.docs)
	// The buffers come from a pool: a query allocates next to nothing, so that searching does
	// not make the garbage collector run (and slow every request) more often.
	sc := x.scratchFor(nDocs)
	defer x.scratch.Put(sc)
	seen := sc.seen
	// slot of each candidate document (+1; 0: not a candidate); fr holds, per candidate, the
	// weighted frequency of each phrase (0: absent).
	slot := sc.slot
	cands := sc.cands[:0]
	fr := sc.fr[:0]
	defer func() {
		for _, d := range cands {
			slot[d] = 0
		}
		sc.cands, sc.fr = cands[:0], fr[:0]
	}()
	idf := make([]float64, len(phrases))
	nRow := float64(x.nLive)
	for pi, p := range phrases {
		clear(seen)
		hits := 0
		for _, f := range p.fields {
			pl := x.post[searchFields[f].prefix+strings.ToLower(p.tok)]
			if pl == nil {
				continue
			}
			for _, d := range pl.docs {
				if x.docs[d].alive && seen[d/64]&(1<<(d%64)) == 0 {
					seen[d/64] |= 1 << (d % 64)
					hits++
				}
			}
			from := max(0, len(pl.docs)-MaxPostingsPerKey)
			w := searchFields[f].weight
			for i := from; i < len(pl.docs); i++ {
				d := pl.docs[i]
				if !x.docs[d].alive {
					continue
				}
				s := slot[d] - 1
				if s < 0 {
					if pi >= nMatch {
						continue // filters only narrow the candidates
					}
					s = int32(len(cands))
					slot[d] = s + 1
					cands = append(cands, d)
					for range phrases {
						fr = append(fr, 0)
					}
				}
				fr[int(s)*len(phrases)+pi] += w * float64(pl.tf[i])
			}
		}
		idf[pi] = logIDF(nRow, float64(hits))
	}
	avgdl := float64(x.totalLen) / math.Max(nRow, 1)
	if avgdl == 0 {
		avgdl = 1
	}
	k := q.Offset + limit
	h := &sc.heap
	*h = (*h)[:0]
	total := 0
	for s, d := range cands {
		doc := &x.docs[d]
		row := fr[s*len(phrases) : (s+1)*len(phrases)]
		ok := true
		for pi := nMatch; pi < len(phrases) && ok; pi++ {
			ok = row[pi] > 0
		}
		if !ok || q.Lang != "" && doc.lang != q.Lang || q.Since != "" && (doc.pub == "" || doc.pub < q.Since) ||
			q.Until != "" && (doc.pub == "" || doc.pub > q.Until) || story != nil && !story[doc.id] {
			continue
		}
		total++
		m := 0
		for _, g := range plan.groups {
			for _, pi := range g {
				if row[pi] > 0 {
					m++
					break
				}
			}
		}
		b := 0.0
		norm := bm25K1 * (1 - bm25B + bm25B*float64(doc.length)/avgdl)
		for pi, f := range row {
			b += idf[pi] * ((f * (bm25K1 + 1)) / (f + norm))
		}
		hit := IndexHit{ID: doc.id, Seq: doc.seq, Score: float64(m) + b/(1+b)}
		if h.Len() < k {
			heap.Push(h, hit)
		} else if k > 0 && better(hit, (*h)[0]) {
			(*h)[0] = hit
			heap.Fix(h, 0)
		}
	}
	out := make([]IndexHit, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(IndexHit)
	}
	if q.Offset >= len(out) {
		return total, nil
	}
	return total, out[q.Offset:]
}

// searchScratch are the buffers of one query.
type searchScratch struct {
	seen  []uint64
	slot  []int32
	cands []uint32
	fr    []float64
	heap  hitHeap
}

// scratchFor returns buffers for an index of n documents, slot all zero.
func (x *SearchIndex) scratchFor(n int) *searchScratch {
	sc, _ := x.scratch.Get().(*searchScratch)
	if sc == nil {
		sc = &searchScratch{}
	}
	if len(sc.slot) < n {
		sc.slot = make([]int32, n+n/8)
	}
	if w := (n + 63) / 64; len(sc.seen) < w {
		sc.seen = make([]uint64, w+w/8)
	}
	return sc
}

// logIDF is FTS5's inverse document frequency: log((N - n + 0.5) / (n + 0.5)), at least 1e-6.
func logIDF(n, hit float64) float64 {
	idf := math.Log((n - hit + 0.5) / (hit + 0.5))
	if idf <= 0 {
		idf = 1e-6
	}
	return idf
}

// better reports whether a ranks before b.
func better(a, b IndexHit) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.Seq > b.Seq
}

// hitHeap keeps the best hits with the worst on top.
type hitHeap []IndexHit

func (h hitHeap) Len() int           { return len(h) }
func (h hitHeap) Less(i, j int) bool { return better(h[j], h[i]) }
func (h hitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(v any)        { *h = append(*h, v.(IndexHit)) }
func (h *hitHeap) Pop() any {
	old := *h
	v := old[len(old)-1]
	*h = old[:len(old)-1]
	return v
}
