package store

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"storyline/internal/analyse"
	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/lang/en"
	"storyline/internal/analyse/lexicon"
	"storyline/internal/analyse/text"
	"storyline/internal/ingest"
)

// SearchVersion is the version of the search tokenisation (WordTokens, NewSearchDoc,
// ParseQuery). A backend whose index was built by another version rebuilds it.
const SearchVersion = 1

// Bounds on what one article puts in the index, so that a huge article costs a bounded index row.
const (
	maxIndexTitleBytes = 4 << 10
	maxIndexBodyBytes  = 1 << 20
	maxTokenBytes      = 64
	// maxQueryTerms bounds the terms of one query.
	maxQueryTerms = 32
	// minQueryConceptWeight is the weight a concept key of a query word needs (the keys of an
	// ambiguous word share its weight); a word's strongest key is always kept.
	minQueryConceptWeight = 0.25
	// maxConceptsPerWord bounds the keys one query word or phrase contributes.
	maxConceptsPerWord = 4
)

// SearchDoc is what the search index holds of one article: space-separated index tokens per
// field. Tokens are runs of letters and digits; Keys and Entities tokens may also hold ':', '-'
// and '_' (topic:refugees, person:sergey-lavrov, country:JOR).
type SearchDoc struct {
	Title string
	Body  string
	// Keys are the concept keys (ConceptToken) and topics (TopicToken) of the analysis, each
	// repeated one to three times by its weight.
	Keys string
	// Entities are the canonical ids of the article's entity rows (EntityTokens).
	Entities string
}

// NewSearchDoc builds the search document of an article. an may be nil (an article stored
// without analysis is indexed by its text alone); ents are the article's entity rows, whose
// CanonicalID (or, when empty, Entity.Key) is indexed.
func NewSearchDoc(a ingest.Article, an *analyse.Analysis, ents []EntityRow) SearchDoc {
	return new(searchDocBuilder).doc(a, an, ents)
}

// SearchDocBuilders builds search documents as NewSearchDoc does, remembering the index tokens
// of the words it has seen (stemming dominated the cost of storing an article), so that words
// recurring across articles are cut and stemmed once. It is safe for concurrent use; its zero
// value is ready. A store keeps one.
type SearchDocBuilders struct {
	pool sync.Pool // *searchDocBuilder
}

// Doc returns the search document of an article, as NewSearchDoc.
func (p *SearchDocBuilders) Doc(a ingest.Article, an *analyse.Analysis, ents []EntityRow) SearchDoc {
	b, _ := p.pool.Get().(*searchDocBuilder)
	if b == nil {
		b = &searchDocBuilder{memo: map[string][]string{}}
	}
	d := b.doc(a, an, ents)
	p.pool.Put(b)
	return d
}

// maxMemoWords bounds a builder's memory of words (it forgets all and starts again).
const maxMemoWords = 1 << 16

// searchDocBuilder builds search documents; memo (nil: none) maps a word to its index tokens.
type searchDocBuilder struct {
	memo map[string][]string
	buf  []string
}

// appendTokens appends the index tokens of the words of s (WordTokens), through the memo when
// the builder has one.
func (b *searchDocBuilder) appendTokens(out []string, s string) []string {
	for _, t := range (text.WordTokenizer{}).Tokenize(s) {
		if b.memo == nil {
			out = appendWordTokens(out, t.Term)
			continue
		}
		toks, ok := b.memo[t.Term]
		if !ok {
			toks = appendWordTokens(nil, t.Term)
			if len(b.memo) >= maxMemoWords {
				clear(b.memo)
			}
			b.memo[strings.Clone(t.Term)] = toks
		}
		out = append(out, toks...)
	}
	return out
}

// wordTokens returns the index tokens of s joined by spaces, as a search document holds them.
func (b *searchDocBuilder) wordTokens(s string) string {
	out := b.appendTokens(b.buf[:0], s)
	b.buf = out[:0]
	return strings.Join(out, " ")
}

func (b *searchDocBuilder) doc(a ingest.Article, an *analyse.Analysis, ents []EntityRow) SearchDoc {
	d := SearchDoc{
		Title: b.wordTokens(truncate(a.Title, maxIndexTitleBytes)),
		Body:  b.wordTokens(truncate(a.Body, maxIndexBodyBytes)),
	}
	if an != nil {
		var keys []string
		for _, c := range an.Concepts {
			keys = appendRepeated(keys, ConceptToken(c.Key), c.Weight)
		}
		for _, t := range an.Topics {
			keys = appendRepeated(keys, TopicToken(t.ID), t.Score)
		}
		d.Keys = strings.Join(keys, " ")
	}
	ids := make([]string, len(ents))
	mentions := make([]int, len(ents))
	for i, r := range ents {
		ids[i] = r.CanonicalID
		if ids[i] == "" {
			ids[i] = r.Entity.Key
		}
		mentions[i] = len(r.Entity.Mentions)
	}
	d.Entities = EntityTokens(ids, mentions)
	return d
}

// appendRepeated appends tok one to three times: 1 + 2·w, w in 0..1.
func appendRepeated(dst []string, tok string, w float64) []string {
	if tok == "" {
		return dst
	}
	n := 1 + int(2*min(max(w, 0), 1)+0.5)
	for range n {
		dst = append(dst, tok)
	}
	return dst
}

// EntityTokens is the Entities field of a search document: each canonical id (EntityToken)
// repeated by its number of mentions, one to three times, in the order given.
func EntityTokens(ids []string, mentions []int) string {
	var out []string
	for i, id := range ids {
		tok := EntityToken(id)
		if tok == "" {
			continue
		}
		n := 1
		if i < len(mentions) {
			n = min(max(mentions[i], 1), 3)
		}
		for range n {
			out = append(out, tok)
		}
	}
	return strings.Join(out, " ")
}

// EntityToken is the index token of a canonical entity id: the id, with every character other
// than a letter, a digit, ':', '-' or '_' replaced by '_'.
func EntityToken(id string) string { return sanitise(strings.TrimSpace(id)) }

// ConceptToken is the index token of a concept key.
func ConceptToken(key string) string { return sanitise(strings.TrimSpace(key)) }

// TopicToken is the index token of a topic id: "topic:" and the id.
func TopicToken(id string) string {
	id = strings.TrimSpace(id)
	if id == "" {
		return ""
	}
	return "topic:" + sanitise(strings.ToLower(id))
}

func sanitise(s string) string {
	if len(s) > 4*maxTokenBytes {
		return ""
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ':' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}

// WordTokens returns the index tokens of a text in any language, word by word in order:
//   - a word in Arabic script is normalised (ar.Normalise) and indexed under every form that
//     clitic stripping gives (ar.Candidates: والصفدي → والصفدي, الصفدي, صفدي) and the light-suffix
//     forms of the most stripped one (ar.Suffixes: اللاجئون → لاجئون, لاجئ); Arabic stop words give
//     nothing;
//   - any other word loses a possessive ending, is case-folded, loses its accents, is cut at
//     hyphens and apostrophes, and each part that is not an English stop word is indexed as its
//     Snowball English stem (meetings → meet; numbers as written). Stems are what the lexicon's
//     concept keys are, so English text and concept keys meet.
//
// Tokens longer than 64 bytes are dropped.
func WordTokens(s string) []string {
	return new(searchDocBuilder).appendTokens(nil, s)
}

func appendWordTokens(out []string, term string) []string {
	if hasArabic(term) {
		for _, part := range splitWord(term) {
			if ar.IsStopWord(part) {
				continue
			}
			start := len(out)
			add := func(f string) {
				f = alnum(f)
				if f == "" || len(f) > maxTokenBytes || ar.IsStopWord(f) {
					return
				}
				for _, o := range out[start:] {
					if o == f {
						return
					}
				}
				out = append(out, f)
			}
			cands := ar.Candidates(part)
			for _, c := range cands {
				add(c)
			}
			for _, f := range ar.Suffixes(cands[len(cands)-1]) {
				add(f)
			}
		}
		return out
	}
	for _, part := range latinParts(term) {
		if tok := latinToken(part); tok != "" {
			out = append(out, tok)
		}
	}
	return out
}

// latinParts folds a non-Arabic word and cuts it into runs of letters and digits.
func latinParts(term string) []string {
	w := en.Fold(en.StripPossessive(term))
	if !isASCII(w) {
		w = ar.Normalise(unaccent(w)) // Eastern Arabic digits to ASCII
	}
	return splitAlnum(w)
}

// latinToken is the index token of one folded part, "" for a stop word or an absurd part.
func latinToken(p string) string {
	if p == "" || len(p) > maxTokenBytes || en.IsStopWord(p) {
		return ""
	}
	for _, r := range p {
		if unicode.IsLetter(r) {
			return en.Stem(p)
		}
	}
	return p
}

// QueryTerm is one word of a query with the index tokens that match it.
type QueryTerm struct {
	// Text is the word as typed (normalised; a part of it when it was cut at a hyphen or
	// apostrophe).
	Text string `json:"text"`
	// Tokens are the index tokens any of which matches the word in a title or body: for an
	// Arabic word every clitic-stripped form (ar.Candidates) and the lightest suffix form of the
	// most stripped one (ar.Suffixes), so that an article holding the word as typed matches more
	// of them than one holding only a stripped look-alike; for another word its stem.
	Tokens []string `json:"tokens"`
	// Concepts are the concept keys (ConceptToken) of the word, or of a phrase it starts, in the
	// lexicon (lexicon.Default: English words by stem, Arabic ones through the FreeDict table,
	// phrases such as "two-state solution" and حل الدولتين by longest match): the keys weighing at
	// least a quarter of the word, at most four, and always its strongest.
	Concepts []string `json:"concepts,omitempty"`
}

// ParsedQuery is a query's text as the index sees it.
type ParsedQuery struct {
	Terms []QueryTerm `json:"terms"`
}

// Empty reports whether the query has nothing to match.
func (p ParsedQuery) Empty() bool { return len(p.Terms) == 0 }

// ConceptTokens returns the distinct concept keys of all terms, in order.
func (p ParsedQuery) ConceptTokens() []string {
	var out []string
	for _, t := range p.Terms {
		for _, c := range t.Concepts {
			if !contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// ParseQuery cuts a query into terms (at most 32, repeats dropped) with the same tokenisation as
// WordTokens, so that a query word matches every indexed form of the word, and gives each term
// its concept keys. Stop words give no term. Any text is accepted: search-engine syntax is just
// characters.
func ParseQuery(q string) ParsedQuery {
	var p ParsedQuery
	seen := map[string]int{}
	// The words handed to the lexicon, per script, and the term each one became (-1: none).
	var arWords, latWords []string
	var arTerm, latTerm []int
	addTerm := func(textForm string, toks []string) int {
		if len(toks) == 0 {
			return -1
		}
		key := strings.Join(toks, " ")
		if i, ok := seen[key]; ok {
			return i
		}
		if len(p.Terms) >= maxQueryTerms {
			return -1
		}
		seen[key] = len(p.Terms)
		p.Terms = append(p.Terms, QueryTerm{Text: textForm, Tokens: toks})
		return len(p.Terms) - 1
	}
	for _, t := range (text.WordTokenizer{}).Tokenize(truncate(q, 4<<10)) {
		if hasArabic(t.Term) {
			first := -1
			for _, part := range splitWord(t.Term) {
				if ar.IsStopWord(part) {
					continue
				}
				cands := ar.Candidates(part)
				var toks []string
				for _, f := range append(cands, ar.Suffixes(cands[len(cands)-1])...) {
					if f = alnum(f); f != "" && len(f) <= maxTokenBytes && !ar.IsStopWord(f) && !contains(toks, f) {
						toks = append(toks, f)
					}
				}
				if i := addTerm(ar.Normalise(part), toks); first < 0 {
					first = i
				}
			}
			arWords, arTerm = append(arWords, t.Term), append(arTerm, first)
			continue
		}
		first := -1
		for _, part := range latinParts(t.Term) {
			if tok := latinToken(part); tok != "" {
				if i := addTerm(part, []string{tok}); first < 0 {
					first = i
				}
			}
		}
		latWords, latTerm = append(latWords, t.Term), append(latTerm, first)
	}
	lex := lexicon.Default()
	attach := func(cs []lexicon.Concept, termOf []int) {
		// the keys of each span, strongest first
		sort.SliceStable(cs, func(i, j int) bool {
			if cs[i].Start != cs[j].Start {
				return cs[i].Start < cs[j].Start
			}
			return cs[i].Weight > cs[j].Weight
		})
		n, span := 0, -1
		for _, c := range cs {
			if c.Start != span {
				span, n = c.Start, 0
			}
			if n >= maxConceptsPerWord || n > 0 && c.Weight < minQueryConceptWeight {
				continue
			}
			n++
			ti := -1
			for k := c.Start; k < c.End && k < len(termOf) && ti < 0; k++ {
				ti = termOf[k]
			}
			tok := ConceptToken(c.Key)
			if ti < 0 || tok == "" || contains(p.Terms[ti].Concepts, tok) {
				continue
			}
			p.Terms[ti].Concepts = append(p.Terms[ti].Concepts, tok)
		}
	}
	attach(lex.Concepts("ar", arWords), arTerm)
	attach(lex.Concepts("en", latWords), latTerm)
	return p
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// splitAlnum cuts s into runs of letters and digits.
func splitAlnum(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// alnum drops every rune of s that is not a letter or a digit (format characters Normalise keeps).
func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// splitWord cuts a word as written into runs of letters, digits, marks and invisible format
// characters, so that an Arabic word keeps its diacritics and hamza forms for ar.Candidates.
func splitWord(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && !text.IsFormat(r)
	})
}

// unaccent removes combining marks from Latin text (Türkiye → Turkiye).
func unaccent(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// QueryTokens is a search query as the index sees it: its parsed text and the distinct tokens
// it matches on — the words of its terms, its concept keys (the text's and SearchQuery.Concepts)
// and its entity tokens (SearchQuery.Entities) — in the order the backends rank them. Every
// backend and the in-memory index start from it.
type QueryTokens struct {
	Parsed   ParsedQuery
	Words    []string
	Concepts []string
	Entities []string
	// entityIDs maps each entity token back to the id it was made from.
	entityIDs map[string]string
}

// NewQueryTokens parses q.Text and collects the query's tokens, each once.
func NewQueryTokens(q SearchQuery) QueryTokens {
	t := QueryTokens{Parsed: ParseQuery(q.Text), entityIDs: map[string]string{}}
	for _, term := range t.Parsed.Terms {
		for _, tok := range term.Tokens {
			if !contains(t.Words, tok) {
				t.Words = append(t.Words, tok)
			}
		}
	}
	for _, c := range append(t.Parsed.ConceptTokens(), q.Concepts...) {
		if c = ConceptToken(c); c != "" && !contains(t.Concepts, c) {
			t.Concepts = append(t.Concepts, c)
		}
	}
	for _, id := range q.Entities {
		if e := EntityToken(id); e != "" && !contains(t.Entities, e) {
			t.Entities = append(t.Entities, e)
			t.entityIDs[e] = id
		}
	}
	return t
}

// Explain fills what of the query a hit's search document matched (SearchHit.Terms, Concepts,
// Entities), as store.Searcher describes: the terms its title or body holds (by a token or a
// concept, a concept also in the keys), the concepts, and the entities (reported by the ids
// the query gave). It reads the document's tokens without keeping them: only the query's
// tokens are looked for.
func (t QueryTokens) Explain(h *SearchHit, d SearchDoc) {
	var words, keyed []string
	for _, term := range t.Parsed.Terms {
		words = append(words, term.Tokens...)
		keyed = append(keyed, term.Concepts...)
	}
	keyed = append(keyed, t.Concepts...)
	text := tokensIn(append(words, keyed...), d.Title, d.Body)
	keys := tokensIn(keyed, d.Keys)
	entSet := tokensIn(t.Entities, d.Entities)
	for _, term := range t.Parsed.Terms {
		hit := false
		for _, tok := range term.Tokens {
			hit = hit || text[tok]
		}
		for _, c := range term.Concepts {
			hit = hit || text[c] || keys[c]
		}
		if hit {
			h.Terms = append(h.Terms, term.Text)
		}
	}
	for _, c := range t.Concepts {
		if text[c] || keys[c] {
			h.Concepts = append(h.Concepts, c)
		}
	}
	for _, e := range t.Entities {
		if entSet[e] {
			h.Entities = append(h.Entities, t.entityIDs[e])
		}
	}
}

// tokensIn returns which of want occur as space-separated tokens of the fields.
func tokensIn(want []string, fields ...string) map[string]bool {
	found := map[string]bool{}
	if len(want) == 0 {
		return found
	}
	set := make(map[string]bool, len(want))
	for _, w := range want {
		set[w] = true
	}
	for _, f := range fields {
		for len(f) > 0 {
			i := strings.IndexByte(f, ' ')
			tok := f
			if i >= 0 {
				tok, f = f[:i], f[i+1:]
			} else {
				f = ""
			}
			if set[tok] {
				found[tok] = true
			}
		}
	}
	return found
}
