// Package link is the linking stage of Storyline: it compares articles, finds near-duplicates and
// the nearest articles in any language, and clusters the stream into events (the same happening,
// reported within days) and stories (threads of related events over weeks or years).
//
// Everything starts from a Doc, the compact summary of one analysed article that linking needs:
// canonical entities, places, resolved dates, concept keys, topics (all language-independent),
// lexical terms and a MinHash signature (within one language). Similarity scores two Docs on the
// SemEval-2022 Task 8 dimensions with the evidence behind each score; an Index answers
// "related" and "duplicates" queries from inverted lists, not by scanning; a Clusterer assigns
// arriving articles to events and stories, and its state is plain data a store can persist.
package link

import (
	_ "embed"
	"hash/fnv"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"

	"storyline/internal/analyse"
	"storyline/internal/analyse/gazetteer"
	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/lang/en"
	"storyline/internal/analyse/text"
	"storyline/internal/ingest"
)

// Caps on the features a Doc keeps, so that a Doc stays compact whatever the article's length.
const (
	maxEntities = 24
	maxPlaces   = 16
	maxDates    = 8
	maxConcepts = 40
	maxTopics   = 6
	maxTerms    = 64
	maxNames    = 24
	// MinHashSize is the number of hash functions in a Doc's MinHash signature.
	MinHashSize = 64
	// shingleWords is the number of words in a shingle.
	shingleWords = 3
)

// Doc is what linking needs of one article. It is built once per article by NewDoc, is plain data
// (it round-trips through JSON), and is compact: every feature list is capped, sorted by key and
// carries weights in 0..1.
type Doc struct {
	ID    string `json:"id"`
	Lang  string `json:"lang"`
	Title string `json:"title,omitempty"`
	// Published is the publication date (YYYY-MM-DD), or "" when unknown.
	Published string `json:"published,omitempty"`
	// Entities are the article's entities under their global canonical ids, sorted by ID.
	Entities []Entity `json:"entities,omitempty"`
	// Places are the places the article is about: gazetteer keys of countries, cities and regions,
	// a city's country included at a lower weight; sorted by key.
	Places []Weighted `json:"places,omitempty"`
	// Dates are the resolved dates the article mentions (YYYY-MM-DD or YYYY-MM), with weights;
	// sorted by key.
	Dates []Weighted `json:"dates,omitempty"`
	// Concepts are language-independent concept keys, sorted by key.
	Concepts []Weighted `json:"concepts,omitempty"`
	// Topics are topic ids of the taxonomy with their scores, sorted by key.
	Topics []Weighted `json:"topics,omitempty"`
	// Terms are the article's strongest words in its own language ("en:lohan"), stemmed, sorted
	// by key: lexical evidence between articles of one language.
	Terms []Weighted `json:"terms,omitempty"`
	// Names are the capitalised words used inside sentences ("en:lohan"), unstemmed, sorted by
	// key: the names an article uses, whether or not the analysis recognised them as entities.
	Names []Weighted `json:"names,omitempty"`
	// MinHash is the signature of the article's word shingles (MinHashSize values; empty for an
	// article with no words), for near-duplicate detection within a language.
	MinHash []uint32 `json:"minhash,omitempty"`
	// Fingerprint is a hash of the normalised words: equal fingerprints mean the same text.
	Fingerprint uint64 `json:"fingerprint,omitempty"`
	// Words is the number of words of the article.
	Words int `json:"words,omitempty"`
	// Lead are the resolved dates (YYYY-MM-DD, YYYY-MM or YYYY) of the article's title and first
	// sentences, where a report states when its happening took place; sorted by key.
	Lead []Weighted `json:"lead,omitempty"`
	// Weekdays are the ISO weekdays (1 Monday … 7 Sunday) the title and first sentences name
	// without a date that fixes them ("on Monday" in an article with no publication date),
	// sorted: all that such an article says of when its happening took place.
	Weekdays []int `json:"weekdays,omitempty"`
	// Numbers are the specific numbers the article writes ("num:288", "num:9-14"), not years,
	// in any script; sorted by key.
	Numbers []Weighted `json:"numbers,omitempty"`
	// Happenings are the interactions the events stage read in the article, under canonical ids,
	// the most prominent first.
	Happenings []Happening `json:"happenings,omitempty"`
}

// Entity is one entity of a Doc.
type Entity struct {
	// ID is the global canonical id (a gazetteer key such as "country:JOR", or a person id).
	ID   string `json:"id"`
	Type string `json:"type"`
	// Name is the display name.
	Name    string  `json:"name,omitempty"`
	Country string  `json:"country,omitempty"`
	Weight  float32 `json:"w"`
}

// Weighted is a feature key with its weight.
type Weighted struct {
	Key    string  `json:"k"`
	Weight float32 `json:"w"`
}

// isPlace reports whether an entity type is a place.
func isPlace(t string) bool {
	switch t {
	case analyse.TypeCountry, analyse.TypeCity, analyse.TypePlace, analyse.TypeRegion:
		return true
	}
	return false
}

// NewDoc builds the Doc of an article and its analysis. canonical maps an entity's Key to its
// global canonical id (from analyse.Resolve); nil, or a key missing from it, keeps the Key.
// happenings are the interactions the events stage read in the article, if it ran (their entity
// keys are made canonical too): they let linking tell two contacts between the same people apart.
func NewDoc(a ingest.Article, an analyse.Analysis, canonical map[string]string, happenings ...Happening) Doc {
	lang := a.Lang
	if lang == "" || lang == "und" {
		if an.Lang != "" {
			lang = an.Lang
		} else {
			lang = "und"
		}
	}
	d := Doc{ID: a.ID, Lang: lang, Title: strings.TrimSpace(a.Title), Published: a.Published}
	if d.Published == "" && an.Published != "" {
		d.Published = an.Published
	}
	if !validDate(d.Published) {
		d.Published = ""
	}
	d.Entities, d.Places = entityFeatures(an.Entities, canonical)
	d.Dates = dateFeatures(an.Dates)
	d.Concepts = conceptFeatures(an.Concepts)
	d.Topics = topicFeatures(an.Topics)
	words := normalisedWords(lang, d.Title, a.Body)
	d.Words = len(words)
	d.Terms = termFeatures(lang, words, titleWords(lang, d.Title))
	d.Names = nameFeatures(lang, words, placeWords(lang, an.Entities))
	if d.Names == nil && caseless(lang, words) {
		d.Names = entityNameFeatures(lang, an.Entities)
	}
	d.MinHash, d.Fingerprint = minHash(words)
	d.Lead = leadFeatures(an)
	d.Weekdays = leadWeekdays(an, lang)
	d.Numbers = numberFeatures(d.Title, a.Body)
	d.Happenings = happeningFeatures(happenings, canonical, an, a.Dateline)
	return d
}

// entityFeatures turns analysed entities into a Doc's entities and places.
func entityFeatures(ents []analyse.Entity, canonical map[string]string) ([]Entity, []Weighted) {
	byID := map[string]*Entity{}
	places := map[string]float32{}
	for _, e := range ents {
		if e.Key == "" {
			continue
		}
		id := e.Key
		if c, ok := canonical[e.Key]; ok && c != "" {
			id = c
		}
		w := float32(e.Salience)
		if w <= 0 || math.IsNaN(e.Salience) {
			// No salience: grow with the number of mentions.
			w = float32(1 - math.Exp(-float64(len(e.Mentions))/3))
		}
		w = min(max(w, 0.05), 1)
		if old, ok := byID[id]; ok {
			old.Weight = max(old.Weight, w)
		} else {
			byID[id] = &Entity{ID: id, Type: e.Type, Name: e.Name, Country: e.Country, Weight: w}
		}
		if isPlace(e.Type) {
			places[id] = max(places[id], w)
			if e.Type != analyse.TypeCountry && e.Country != "" {
				ck := "country:" + e.Country
				places[ck] = max(places[ck], w/2)
			}
		}
	}
	out := make([]Entity, 0, len(byID))
	for _, e := range byID {
		out = append(out, *e)
	}
	// Keep the strongest, then sort by id.
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > maxEntities {
		out = out[:maxEntities]
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	if len(out) == 0 {
		out = nil
	}
	return out, topWeighted(places, maxPlaces)
}

// dateFeatures keeps the resolved dates (day or month) of an analysis, weighted by how often
// and how surely they are mentioned.
func dateFeatures(ds []analyse.Date) []Weighted {
	m := map[string]float32{}
	for _, d := range ds {
		v := d.Value
		if !validDate(v) && !validMonth(v) {
			continue
		}
		c := float32(d.Confidence)
		if c <= 0 || c > 1 || math.IsNaN(d.Confidence) {
			c = 0.5
		}
		m[v] += c
	}
	for k, w := range m {
		m[k] = min(w, 1)
	}
	return topWeighted(m, maxDates)
}

// conceptFeatures sums the weights of each concept key and keeps the strongest, scaled so that
// the strongest weighs 1.
func conceptFeatures(cs []analyse.Concept) []Weighted {
	m := map[string]float32{}
	for _, c := range cs {
		if c.Key == "" || !(c.Weight > 0) {
			continue
		}
		m[c.Key] += float32(c.Weight)
	}
	// Sublinear in the count: a concept repeated ten times is not ten times as central.
	for k, w := range m {
		m[k] = float32(1 + math.Log(float64(max(w, 1e-3))+1))
	}
	return scaleTop(topWeighted(m, maxConcepts))
}

func topicFeatures(ts []analyse.Topic) []Weighted {
	m := map[string]float32{}
	for _, t := range ts {
		if t.ID == "" || !(t.Score > 0) {
			continue
		}
		m[t.ID] = max(m[t.ID], float32(min(t.Score, 1)))
	}
	return topWeighted(m, maxTopics)
}

// topWeighted returns the n strongest entries of m (ties by key), sorted by key; nil when empty.
func topWeighted(m map[string]float32, n int) []Weighted {
	if len(m) == 0 {
		return nil
	}
	out := make([]Weighted, 0, len(m))
	for k, w := range m {
		out = append(out, Weighted{Key: k, Weight: w})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Key < out[j].Key
	})
	if len(out) > n {
		out = out[:n]
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// scaleTop scales weights so that the strongest is 1.
func scaleTop(ws []Weighted) []Weighted {
	var top float32
	for _, w := range ws {
		top = max(top, w.Weight)
	}
	if top > 0 {
		for i := range ws {
			ws[i].Weight /= top
		}
	}
	return ws
}

// word is one normalised word of an article.
type word struct {
	norm string // case-folded / Arabic-normalised surface form
	cap  bool   // written with a capital letter (English and other Latin scripts)
	// name is true for a capitalised word inside a sentence (not at its start) of a text that is
	// not all capitals: most likely part of a name.
	name bool
}

// fold normalises one token for matching in a language.
func fold(lang, t string) string {
	if lang == "ar" || hasArabic(t) {
		return ar.Normalise(strings.ToLower(t))
	}
	return en.Fold(en.StripPossessive(t))
}

func hasArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0xFB50 && r <= 0xFEFF {
			return true
		}
	}
	return false
}

// normalisedWords returns the words of title and body, normalised for the language.
func normalisedWords(lang, title, body string) []word {
	var out []word
	for fi, s := range []string{title, dropURLLines(body)} {
		prevEnd := 0
		for k, t := range (text.WordTokenizer{}).Tokenize(s) {
			r := []rune(t.Term)
			gap := s[prevEnd:t.Start]
			prevEnd = t.End
			if len(r) == 0 || !hasLetterOrDigit(t.Term) {
				continue
			}
			n := fold(lang, t.Term)
			if n == "" {
				continue
			}
			w := word{norm: n, cap: unicode.IsUpper(r[0])}
			// A capital after the start of a sentence or line, in the body (titles capitalise
			// every word), marks a name.
			start := k == 0 || strings.ContainsAny(gap, ".!?\n:\"“”«»")
			if w.cap && fi == 1 && !start && len(r) > 1 && !allUpper(r) {
				w.name = true
			}
			out = append(out, w)
		}
	}
	return out
}

// dropURLLines blanks the lines of s that are a web address (a source line above a text): an
// address is no content, and its pieces (http, www, com) would make all such texts look alike.
func dropURLLines(s string) string {
	if !strings.Contains(s, "http") && !strings.Contains(s, "www") {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "http:") || strings.HasPrefix(t, "https:") || strings.HasPrefix(t, "www.") {
			if !strings.Contains(strings.TrimSpace(strings.SplitN(t, " ", 2)[0]), " ") && strings.Count(t, " ") < 40 {
				lines[i] = ""
			}
		}
	}
	return strings.Join(lines, "\n")
}

func allUpper(r []rune) bool {
	for _, c := range r {
		if unicode.IsLower(c) {
			return false
		}
	}
	return true
}

func titleWords(lang, title string) map[string]bool {
	m := map[string]bool{}
	for _, t := range (text.WordTokenizer{}).Tokenize(title) {
		m[fold(lang, t.Term)] = true
	}
	return m
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// isStop reports whether a normalised word is a stop word of its language.
func isStop(lang, w string) bool {
	switch lang {
	case "ar":
		return ar.IsStopWord(w)
	default:
		if hasArabic(w) {
			return ar.IsStopWord(w)
		}
		return en.IsStopWord(w)
	}
}

// stem returns the stem of a normalised content word.
func stem(lang, w string) string {
	if hasArabic(w) {
		if s := ar.Normalise(ar.Stem(w)); s != "" {
			return s
		}
		return w
	}
	if lang == "en" || lang == "und" {
		return en.Stem(w)
	}
	return w
}

// termFeatures weighs the content words of an article: sublinear term frequency, more for
// words of the title and for names (capitalised words away from the start of a sentence are not
// tracked; any capitalised use counts), keeping the strongest, scaled to a maximum of 1.
func termFeatures(lang string, words []word, inTitle map[string]bool) []Weighted {
	tf := map[string]float32{}
	boost := map[string]float32{}
	for _, w := range words {
		if len([]rune(w.norm)) < 2 || isStop(lang, w.norm) {
			continue
		}
		k := lang + ":" + stem(lang, w.norm)
		tf[k]++
		b := float32(1)
		if w.cap {
			b = 1.5
		}
		if inTitle[w.norm] {
			b += 0.5
		}
		boost[k] = max(boost[k], b)
	}
	for k, n := range tf {
		tf[k] = (1 + float32(math.Log(float64(n)))) * boost[k]
	}
	return scaleTop(topWeighted(tf, maxTerms))
}

//go:embed data/not_names.txt
var notNamesTxt string

// notNames are capitalised words that are no names (weekdays, months, pronouns).
var notNames = text.ParseWordList(notNamesTxt, en.Fold)

// isNameWord reports whether a word written with a capital inside a sentence may be a name:
// it is no weekday or month, no pronoun, and no place or demonym of the gazetteer (those are
// entities already, under their canonical ids).
func isNameWord(lang, w string) bool {
	if notNames[w] || isStop(lang, w) {
		return false
	}
	for _, e := range gazetteer.Default().Lookup(w) {
		if isPlace(e.Type) {
			return false
		}
	}
	return true
}

// caseless reports whether an article's script writes no capitals (Arabic), so that its names
// cannot be told from its words by case.
func caseless(lang string, words []word) bool {
	if lang == "ar" {
		return true
	}
	for _, w := range words {
		if w.cap {
			return false
		}
	}
	return len(words) > 0
}

// entityNameFeatures are the Names of a caseless article: the words of the people and
// organisations the analysis found, as written, sublinear in their mentions, scaled to a maximum
// of 1.
func entityNameFeatures(lang string, ents []analyse.Entity) []Weighted {
	m := map[string]float32{}
	for _, e := range ents {
		if isPlace(e.Type) || len(e.Mentions) == 0 {
			continue
		}
		n := float32(len(e.Mentions))
		for _, f := range e.Forms {
			for _, t := range (text.WordTokenizer{}).Tokenize(f) {
				w := fold(lang, t.Term)
				if len([]rune(w)) < 2 || isStop(lang, w) || !hasLetterOrDigit(w) {
					continue
				}
				m[lang+":"+w] = max(m[lang+":"+w], n)
			}
		}
	}
	for k, n := range m {
		m[k] = 1 + float32(math.Log(float64(n)))
	}
	return scaleTop(topWeighted(m, maxNames))
}

// placeWords returns the normalised words of the places the analysis found ("New Zealand",
// "Mount Cook"): a place compares as a place, under its canonical id, not as the names it is
// written with.
func placeWords(lang string, ents []analyse.Entity) map[string]bool {
	m := map[string]bool{}
	for _, e := range ents {
		if !isPlace(e.Type) {
			continue
		}
		for _, f := range e.Forms {
			for _, t := range (text.WordTokenizer{}).Tokenize(f) {
				m[fold(lang, t.Term)] = true
			}
		}
	}
	return m
}

// nameFeatures weighs the words an article writes as names (see word.name): sublinear in their
// count, the strongest kept, scaled to a maximum of 1. A word also written in lower case inside a
// sentence is not a name, nor is a word of a place's name (places).
func nameFeatures(lang string, words []word, places map[string]bool) []Weighted {
	named := map[string]float32{}
	lower := map[string]bool{}
	for _, w := range words {
		switch {
		case w.name:
			named[w.norm]++
		case !w.cap:
			lower[w.norm] = true
		}
	}
	m := map[string]float32{}
	for k, n := range named {
		if lower[k] || places[k] || !isNameWord(lang, k) {
			continue
		}
		m[lang+":"+k] = 1 + float32(math.Log(float64(n)))
	}
	return scaleTop(topWeighted(m, maxNames))
}

// hash64 is FNV-1a over a string.
func hash64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix64 is a 64-bit finaliser (SplitMix64), used to derive the MinHash permutations.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// minHash returns the MinHash signature of the word shingles and a fingerprint of the words.
func minHash(words []word) ([]uint32, uint64) {
	if len(words) == 0 {
		return nil, 0
	}
	f := fnv.New64a()
	for _, w := range words {
		f.Write([]byte(w.norm))
		f.Write([]byte{0})
	}
	sig := make([]uint32, MinHashSize)
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	n := len(words) - shingleWords + 1
	if n < 1 {
		n = 1
	}
	seen := make(map[uint64]struct{}, n)
	for i := 0; i < n; i++ {
		h := uint64(14695981039346656037)
		for j := i; j < i+shingleWords && j < len(words); j++ {
			s := words[j].norm
			for k := 0; k < len(s); k++ {
				h ^= uint64(s[k])
				h *= 1099511628211
			}
			h ^= 0xff
			h *= 1099511628211
		}
		if _, ok := seen[h]; ok {
			continue
		}
		seen[h] = struct{}{}
		for p := range sig {
			v := uint32(mix64(h+uint64(p)*0x9e3779b97f4a7c15) >> 32)
			if v < sig[p] {
				sig[p] = v
			}
		}
	}
	return sig, f.Sum64()
}

// MinHashJaccard estimates the Jaccard similarity of the shingle sets of two signatures: the
// share of positions where they agree (0 when either is empty or their sizes differ).
func MinHashJaccard(a, b []uint32) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// validDate reports whether s is a real YYYY-MM-DD date.
func validDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// validMonth reports whether s is a YYYY-MM month.
func validMonth(s string) bool {
	if len(s) != 7 {
		return false
	}
	_, err := time.Parse("2006-01", s)
	return err == nil
}

// dayNumber returns the days since 1970-01-01 of a YYYY-MM-DD date, or of the 15th of a YYYY-MM
// month, and whether s was one of them.
func dayNumber(s string) (int32, bool) {
	switch len(s) {
	case 10:
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return 0, false
		}
		return int32(t.Unix() / 86400), true
	case 7:
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return 0, false
		}
		return int32(t.Unix()/86400) + 14, true
	}
	return 0, false
}
