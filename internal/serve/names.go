package serve

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"storyline/internal/analyse/gazetteer"
	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/lang/en"
	"storyline/internal/analyse/names"
	"storyline/internal/analyse/text"
	"storyline/internal/store"
)

// Tuning of query entity resolution.
const (
	// maxPhraseWords is the longest run of query words looked up as one name.
	maxPhraseWords = 4
	// minTransliteration is the names.Matcher score from which an Arabic-script word and a
	// Latin one are taken for the same name.
	minTransliteration = 0.7
	// maxPhoneticScan bounds the forms scored for one phonetic key.
	maxPhoneticScan = 400
	// idsPerPhrase is how many entities one phrase may name (most frequent first).
	idsPerPhrase = 3
)

// nameRef is one surface form of a canonical entity.
type nameRef struct {
	id, typ, text, lang string
	articles            int
	arabic              bool
}

// phonRef is a form (index into refs) and the part of it (a word, or all of it) with a key.
type phonRef struct {
	ref  int32
	part string
}

// entityName is what the name index knows of one canonical entity.
type entityName struct {
	Name, NameAr, Type string
	Articles           int
}

// nameIndex finds the canonical entities a query names: by their surface forms in any script
// (exactly, after normalisation and clitic stripping), through the gazetteer (places and
// organisations in both languages), and across scripts by transliteration (names.Matcher over
// candidates sharing a phonetic key). It is immutable.
type nameIndex struct {
	refs  []nameRef
	exact map[string][]int32
	// phon maps the phonetic key (names.Key) of a person's name, and of each of its words, to
	// the forms and the part of them that has that key.
	phon map[string][]phonRef
	byID map[string]entityName
	m    *names.Matcher
	g    *gazetteer.Gazetteer
}

func (x *nameIndex) size() int { return len(x.byID) }

// buildNameIndex reads every entity form of the store.
func buildNameIndex(ctx context.Context, st store.Store) (*nameIndex, error) {
	x := &nameIndex{exact: map[string][]int32{}, phon: map[string][]phonRef{}, byID: map[string]entityName{},
		m: names.Default(), g: gazetteer.Default()}
	best := map[string][2]int{} // id → articles of the best Latin and Arabic form so far
	err := st.EntityForms(ctx, func(f store.EntityForm) error {
		r := nameRef{id: f.ID, typ: f.Type, text: f.Text, lang: f.Lang, articles: f.Articles, arabic: hasArabic(f.Text)}
		i := int32(len(x.refs))
		x.refs = append(x.refs, r)
		for _, k := range formKeys(f.Text, f.Type == "person") {
			x.exact[k] = append(x.exact[k], i)
		}
		if f.Type == "person" {
			words := text.Terms(text.WordTokenizer{}.Tokenize(f.Text))
			if len(words) > 1 {
				words = append(words, f.Text)
			}
			for _, w := range words {
				if k := names.Key(w); len(k) >= 2 {
					x.phon[k] = append(x.phon[k], phonRef{ref: i, part: w})
				}
			}
		}
		e := x.byID[f.ID]
		b := best[f.ID]
		e.Type = f.Type
		e.Articles = max(e.Articles, f.Articles)
		if r.arabic {
			if f.Articles > b[1] || e.NameAr == "" {
				e.NameAr, b[1] = f.Text, f.Articles
			}
		} else if betterName(f.Text, f.Articles, e.Name, b[0]) {
			e.Name, b[0] = f.Text, f.Articles
		}
		x.byID[f.ID], best[f.ID] = e, b
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("entity names: %w", err)
	}
	return x, nil
}

// betterName reports whether a Latin form seen in n articles makes a better display name than
// the current one seen in cur: more articles, or a fuller name (more words) seen in at least half
// as many (Sergey Lavrov over Lavrov).
func betterName(form string, n int, current string, cur int) bool {
	if current == "" {
		return true
	}
	fw, cw := len(strings.Fields(form)), len(strings.Fields(current))
	switch {
	case fw > cw:
		return 2*n >= cur
	case fw < cw:
		return n > 2*cur
	}
	return n > cur
}

// name returns the display name of an entity: its Latin name, else its Arabic one, else the id.
func (x *nameIndex) name(id string) entityName {
	e, ok := x.byID[id]
	if !ok {
		if g, ok := x.g.Entry(id); ok {
			return entityName{Name: g.Name, NameAr: g.NameAr, Type: g.Type}
		}
		return entityName{Name: id}
	}
	if e.Name == "" {
		e.Name = e.NameAr
	}
	return e
}

// nameKey normalises a name for exact lookup: Arabic letters folded (ar.Normalise), Latin ones
// case-folded and unaccented, possessives dropped, words joined by one space.
func nameKey(s string) string {
	var parts []string
	for _, t := range (text.WordTokenizer{}).Tokenize(s) {
		w := t.Term
		if hasArabic(w) {
			w = ar.Normalise(w)
		} else {
			w = unaccent(en.Fold(en.StripPossessive(w)))
		}
		if w != "" {
			parts = append(parts, w)
		}
	}
	return strings.Join(parts, " ")
}

// formKeys are the lookup keys of an entity form: the whole form, without a leading article
// (al-Safadi → safadi, الصفدي → صفدي), and for people their family name (the last word).
func formKeys(form string, person bool) []string {
	k := nameKey(form)
	if k == "" {
		return nil
	}
	out := []string{k}
	add := func(s string) {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	add(stripArticle(k))
	if person {
		if i := strings.LastIndexByte(k, ' '); i > 0 {
			last := k[i+1:]
			if len([]rune(last)) >= 3 {
				add(last)
				add(stripArticle(last))
			}
		}
	}
	return out
}

// stripArticle removes a leading Arabic article from a key: "al-safadi", "al safadi", "الصفدي".
func stripArticle(k string) string {
	for _, p := range []string{"al-", "el-", "al ", "el ", "ال"} {
		if rest, ok := strings.CutPrefix(k, p); ok && len([]rune(rest)) >= 3 {
			return rest
		}
	}
	return k
}

// QueryEntities finds the canonical entities a search query names, in any script (surface forms,
// the gazetteer, transliteration), as GET /api/v1/search does. It reads every entity form of the
// store, so one-shot callers (the command line) use it; the server keeps its index.
func QueryEntities(ctx context.Context, st store.Store, query string) ([]EntityMatch, error) {
	x, err := buildNameIndex(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("entity names: %w", err)
	}
	return x.resolve(query), nil
}

// EntityMatch is an entity a query names, and how it was found.
type EntityMatch struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	NameAr   string `json:"name_ar,omitempty"`
	Type     string `json:"type"`
	Articles int    `json:"articles"`
	// Matched is the query's words that name it; Via says how: name (a surface form of the
	// entity), gazetteer (a place or organisation), transliteration (a name in the other
	// script), id.
	Matched string  `json:"matched"`
	Via     string  `json:"via"`
	Score   float64 `json:"score"`
}

// resolve finds the entities named in a query, longest phrases first; each word names at most
// one phrase's entities.
func (x *nameIndex) resolve(q string) []EntityMatch {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil
	}
	if strings.Contains(q, ":") && !strings.ContainsAny(q, " \t") {
		if _, ok := x.byID[q]; ok {
			return []EntityMatch{x.match(q, q, "id", 1)}
		}
	}
	toks := (text.WordTokenizer{}).Tokenize(q)
	if len(toks) > 32 {
		toks = toks[:32]
	}
	words := text.Terms(toks)
	covered := make([]bool, len(words))
	var out []EntityMatch
	seen := map[string]bool{}
	for n := min(maxPhraseWords, len(words)); n >= 1; n-- {
		for i := 0; i+n <= len(words); i++ {
			if slices.Contains(covered[i:i+n], true) {
				continue
			}
			if n == 1 && isStopWord(words[i]) {
				continue
			}
			phrase := q[toks[i].Start:toks[i+n-1].End]
			ms := x.lookup(phrase, n)
			if len(ms) == 0 {
				continue
			}
			for k := i; k < i+n; k++ {
				covered[k] = true
			}
			for _, m := range ms {
				if !seen[m.ID] {
					seen[m.ID] = true
					out = append(out, m)
				}
			}
		}
	}
	return out
}

// lookup finds the entities one phrase of n words names.
func (x *nameIndex) lookup(phrase string, n int) []EntityMatch {
	var cands []int32
	for _, k := range phraseKeys(phrase, n) {
		if refs := x.exact[k]; len(refs) > 0 {
			cands = refs
			break
		}
	}
	var out []EntityMatch
	if len(cands) > 0 {
		out = x.best(cands, phrase, "name", nil)
	}
	// Places and organisations by the gazetteer, in both languages, also when the user did not
	// capitalise them.
	tries := []string{phrase}
	if t := titleCase(phrase); t != phrase {
		tries = append(tries, t)
	}
	// Only the gazetteer's best reading counts: "Cairo" is the city, not also Egypt (a metonym).
	for _, t := range tries {
		es := x.g.Lookup(t)
		if len(es) == 0 {
			continue
		}
		if e := es[0]; !e.Common && e.Type != "" && !slices.ContainsFunc(out, func(m EntityMatch) bool { return m.ID == e.ID }) {
			out = append(out, x.match(e.ID, phrase, "gazetteer", 1))
		}
		break
	}
	if len(out) > 0 || n > 2 {
		return out
	}
	// A name in the other script: candidates sharing the phonetic skeleton, scored by the
	// transliteration model.
	key := names.Key(phrase)
	if len(key) < 2 {
		return nil
	}
	arabic := hasArabic(phrase)
	scores := map[int32]float64{}
	scanned := 0
	for _, p := range x.phon[key] {
		if x.refs[p.ref].arabic == arabic {
			continue
		}
		if scanned++; scanned > maxPhoneticScan {
			break
		}
		var sc float64
		if arabic {
			sc = x.m.Score(phrase, p.part)
		} else {
			sc = x.m.Score(p.part, phrase)
		}
		if sc >= minTransliteration && sc > scores[p.ref] {
			scores[p.ref] = sc
		}
	}
	if len(scores) == 0 {
		return nil
	}
	var hits []int32
	for i := range scores {
		hits = append(hits, i)
	}
	return x.best(hits, phrase, "transliteration", scores)
}

// best turns form hits into at most idsPerPhrase entities, best score then most articles first.
func (x *nameIndex) best(refs []int32, phrase, via string, scores map[int32]float64) []EntityMatch {
	byID := map[string]EntityMatch{}
	for _, i := range refs {
		r := &x.refs[i]
		sc := 1.0
		if scores != nil {
			sc = scores[i]
		}
		if m, ok := byID[r.id]; ok && m.Score >= sc {
			continue
		}
		byID[r.id] = x.match(r.id, phrase, via, sc)
	}
	out := make([]EntityMatch, 0, len(byID))
	for _, m := range byID {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b EntityMatch) int {
		switch {
		case a.Score != b.Score:
			if a.Score > b.Score {
				return -1
			}
			return 1
		case a.Articles != b.Articles:
			return b.Articles - a.Articles
		}
		return strings.Compare(a.ID, b.ID)
	})
	if len(out) > idsPerPhrase {
		out = out[:idsPerPhrase]
	}
	return out
}

func (x *nameIndex) match(id, phrase, via string, score float64) EntityMatch {
	e := x.name(id)
	return EntityMatch{ID: id, Name: e.Name, NameAr: e.NameAr, Type: e.Type, Articles: e.Articles,
		Matched: phrase, Via: via, Score: score}
}

// phraseKeys are the exact-lookup keys of a query phrase: as written, and for one Arabic word
// its clitic-stripped forms (ولافروف → لافروف), and without a leading article.
func phraseKeys(phrase string, n int) []string {
	k := nameKey(phrase)
	out := []string{k}
	if n == 1 && hasArabic(phrase) {
		out = append(out, ar.Candidates(phrase)[1:]...)
	}
	if s := stripArticle(k); s != k {
		out = append(out, s)
	}
	return out
}

func isStopWord(w string) bool {
	if hasArabic(w) {
		return ar.IsStopWord(w)
	}
	return en.IsStopWord(w)
}

// titleCase capitalises the first letter of every Latin word: "jordan" → "Jordan".
func titleCase(s string) string {
	prev := ' '
	return strings.Map(func(r rune) rune {
		defer func() { prev = r }()
		if unicode.IsSpace(prev) || prev == '-' {
			return unicode.ToUpper(r)
		}
		return r
	}, s)
}

func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// unaccent removes combining marks: Türkiye → Turkiye.
func unaccent(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			d := norm.NFD.String(s)
			return norm.NFC.String(strings.Map(func(r rune) rune {
				if unicode.Is(unicode.Mn, r) {
					return -1
				}
				return r
			}, d))
		}
	}
	return s
}
