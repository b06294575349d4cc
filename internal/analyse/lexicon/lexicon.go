// Package lexicon gives words of every language the same concept keys, so that "two-state
// solution" and "حل الدولتين", "refugees" and "اللاجئين" share them, and finds the topics of a text
// from a taxonomy with English and Arabic cues. A Lexicon is immutable and safe for concurrent
// use.
//
// A concept key is the Snowball English stem of an English word ("refuge", "negoti", "ceasefir").
// English tokens reach their keys by stemming; Arabic tokens through a table generated from the
// FreeDict Arabic-English and English-Arabic dictionaries (data/concepts.tsv.gz, built by
// `go run ./internal/analyse/lexicon/gen`), which maps every normalised Arabic form to the stems of
// the English words it translates, weighted. The topic taxonomy is hand-written data
// (data/topics.tsv, data/topic_cues.tsv). data/README.md documents every format; Load reads the
// same files from a user's folder on top of the defaults.
package lexicon

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"storyline/internal/analyse/lexicon/internal/keys"
)

// Concept is a concept key found in a run of tokens.
type Concept struct {
	// Key is the language-independent concept key: a Snowball English stem ("refuge").
	Key string `json:"key"`
	// Start and End are token indices: the concept covers tokens[Start:End].
	Start int `json:"start"`
	End   int `json:"end"`
	// Weight is how much of the tokens' meaning the key carries, 0..1: the keys of one ambiguous
	// word share its weight, and keys found only by fallback stemming weigh less.
	Weight float64 `json:"weight"`
}

// keyWeight is one concept key of a form with its weight.
type keyWeight struct {
	key uint32
	w   float32
}

// Lexicon maps tokens to concept keys and texts to topics. It is immutable.
type Lexicon struct {
	keyNames []string
	keyIndex map[string]uint32
	ar       map[string][]keyWeight // normalised Arabic form (word or phrase) → keys
	arLight  map[string][]keyWeight // LightStem of single Arabic words → keys, for fallback
	arFirst  map[string]int         // first word of an Arabic phrase → most words of such a phrase
	en       map[string][]keyWeight // English phrases from user data (lower-case words joined by spaces)
	enFirst  map[string]int
	stopEn   map[string]bool
	stopAr   map[string]bool
	topics   []topic
	cues     cueIndex
}

// Tuning of lookups.
const (
	// lightWeight scales keys found only through LightStem.
	lightWeight = 0.6
	// minLightStem is the fewest letters a light stem needs for a fallback lookup.
	minLightStem = 3
	// maxFormKeys is how many keys a form keeps after its rows are merged.
	maxFormKeys = 12
	// maxLightKeys is how many keys a light stem keeps.
	maxLightKeys = 10
	// maxTokenBytes skips absurd tokens.
	maxTokenBytes = 100
)

//go:embed data/*.tsv data/*.gz data/*.txt data/README.md
var dataFS embed.FS

// Data returns the embedded default data files, for loading them together with a user's own.
func Data() fs.FS {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		panic(err) // the embedded tree always has data/
	}
	return sub
}

var defaultLexicon = sync.OnceValue(func() *Lexicon {
	l, err := Load(Data())
	if err != nil {
		panic(fmt.Sprintf("lexicon: embedded data: %v", err)) // checked by the package tests
	}
	return l
})

// Default returns the lexicon built from the embedded data, loaded on first use and shared.
func Default() *Lexicon { return defaultLexicon() }

// Files of a lexicon layer. A file belongs to a stem when its name is the stem and extension, or
// the stem followed by "-" or "_", more, and the extension (concepts-mine.tsv).
var (
	stemConcepts = "concepts"     // .tsv.gz or .tsv: form, keys with weights
	stemStopEn   = "stopwords_en" // .txt
	stemStopAr   = "stopwords_ar" // .txt
	stemTopics   = "topics"       // .tsv: id, label, Arabic label
	stemCues     = "topic_cues"   // .tsv: topic, lang, weight, cue
)

// maxFileSize bounds one data file (uncompressed), so that a wrong path cannot exhaust memory.
const maxFileSize = 64 << 20

// Load builds a Lexicon from the data files in the root of each layer, in order: Load(Data()) is
// the default; Load(Data(), os.DirFS(dir)) adds a user's concepts, stop words and topics. Errors
// name the file and line.
func Load(layers ...fs.FS) (*Lexicon, error) {
	l := &Lexicon{
		keyIndex: map[string]uint32{},
		ar:       map[string][]keyWeight{},
		arLight:  map[string][]keyWeight{},
		arFirst:  map[string]int{},
		en:       map[string][]keyWeight{},
		enFirst:  map[string]int{},
		stopEn:   map[string]bool{},
		stopAr:   map[string]bool{},
	}
	var topicRows, cueRows []row
	for i, layer := range layers {
		files, err := fs.ReadDir(layer, ".")
		if err != nil {
			return nil, fmt.Errorf("lexicon: layer %d: reading folder: %w", i, err)
		}
		names := make([]string, 0, len(files))
		for _, f := range files {
			if !f.IsDir() {
				names = append(names, f.Name())
			}
		}
		sort.Strings(names)
		for _, stem := range []string{stemStopEn, stemStopAr, stemConcepts, stemTopics, stemCues} {
			for _, name := range names {
				ext, ok := matchStem(name, stem)
				if !ok {
					continue
				}
				data, err := readFile(layer, name, ext == ".tsv.gz")
				if err != nil {
					return nil, fmt.Errorf("lexicon: %w", err)
				}
				rows, err := parseLines(name, data)
				if err != nil {
					return nil, fmt.Errorf("lexicon: %w", err)
				}
				switch stem {
				case stemStopEn:
					for _, r := range rows {
						if w := keys.EnglishWord(r.fields[0]); w != "" {
							l.stopEn[w] = true
						}
					}
				case stemStopAr:
					for _, r := range rows {
						if w := keys.ArabicWord(r.fields[0]); w != "" {
							l.stopAr[w] = true
						}
					}
				case stemConcepts:
					for _, r := range rows {
						if err := l.addConcept(r); err != nil {
							return nil, fmt.Errorf("lexicon: %w", err)
						}
					}
				case stemTopics:
					topicRows = append(topicRows, rows...)
				case stemCues:
					cueRows = append(cueRows, rows...)
				}
			}
		}
	}
	if len(l.ar) == 0 && len(l.en) == 0 {
		return nil, errors.New("lexicon: no concepts: the layers hold no concepts.tsv.gz or concepts.tsv")
	}
	// Forms that several files or rows gave keys to are scaled back to a weight of 1 in all.
	for f, kws := range l.ar {
		l.ar[f] = normalise(l.sortKeys(kws), maxFormKeys)
	}
	for f, kws := range l.en {
		l.en[f] = normalise(l.sortKeys(kws), maxFormKeys)
	}
	l.buildLight()
	if err := l.buildTopics(topicRows, cueRows); err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return l, nil
}

// matchStem reports whether name belongs to stem, and its extension.
func matchStem(name, stem string) (string, bool) {
	for _, ext := range []string{".tsv.gz", ".tsv", ".txt"} {
		if !strings.HasSuffix(name, ext) {
			continue
		}
		base := strings.TrimSuffix(name, ext)
		if base == stem || strings.HasPrefix(base, stem) && len(base) > len(stem) && (base[len(stem)] == '-' || base[len(stem)] == '_') {
			return ext, true
		}
		return "", false
	}
	return "", false
}

func readFile(fsys fs.FS, name string, gz bool) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer f.Close()
	var r io.Reader = f
	if gz {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		r = zr
	}
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("%s: larger than the %d bytes allowed", name, maxFileSize)
	}
	return data, nil
}

// row is one data line with where it came from.
type row struct {
	file   string
	line   int
	fields []string
}

func (r row) errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", r.file, r.line, fmt.Sprintf(format, args...))
}

func (r row) field(i int) string {
	if i < len(r.fields) {
		return strings.TrimSpace(r.fields[i])
	}
	return ""
}

// parseLines splits data into tab-separated rows, skipping blank lines and lines starting with #.
func parseLines(name string, data []byte) ([]row, error) {
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: not valid UTF-8", name)
	}
	var rows []row
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, row{file: name, line: n, fields: strings.Split(line, "\t")})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	return rows, nil
}

func (l *Lexicon) key(k string) uint32 {
	if i, ok := l.keyIndex[k]; ok {
		return i
	}
	i := uint32(len(l.keyNames))
	l.keyNames = append(l.keyNames, k)
	l.keyIndex[k] = i
	return i
}

// addConcept reads "form\tkey:weight key:weight ...": an Arabic form goes to the Arabic table, a
// Latin one (an English word or phrase) to the English one. A form already known gets the new
// keys added.
func (l *Lexicon) addConcept(r row) error {
	form, spec := r.field(0), r.field(1)
	if form == "" || spec == "" {
		return r.errorf("want a form and its keys, tab-separated")
	}
	var kws []keyWeight
	for _, item := range strings.Fields(spec) {
		k, ws, found := strings.Cut(item, ":")
		w := 100.0
		if found {
			var err error
			if w, err = strconv.ParseFloat(ws, 64); err != nil || w <= 0 || w > 100 {
				return r.errorf("weight %q of key %q is not a number in (0, 100]", ws, k)
			}
		}
		if k == "" || strings.ToLower(k) != k {
			return r.errorf("key %q must be a non-empty lower-case stem", k)
		}
		kws = append(kws, keyWeight{l.key(k), float32(w / 100)})
	}
	if a := keys.ArabicPhrase(form); a != "" {
		l.ar[a] = mergeKeys(l.ar[a], kws)
		if words := strings.Count(a, " ") + 1; words > 1 {
			first, _, _ := strings.Cut(a, " ")
			l.arFirst[first] = max(l.arFirst[first], words)
		}
		return nil
	}
	words := englishWords(form)
	if len(words) == 0 {
		return r.errorf("form %q is neither Arabic nor English words", form)
	}
	e := strings.Join(words, " ")
	l.en[e] = mergeKeys(l.en[e], kws)
	l.enFirst[words[0]] = max(l.enFirst[words[0]], len(words))
	return nil
}

// englishWords splits an English phrase into lower-case words; nil when any part is not a word.
func englishWords(s string) []string {
	parts := strings.Fields(s)
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		w := keys.EnglishWord(p)
		if w == "" {
			return nil
		}
		out = append(out, w)
	}
	return out
}

// mergeKeys adds b's keys to a, summing weights of the same key.
func mergeKeys(a, b []keyWeight) []keyWeight {
	out := append([]keyWeight(nil), a...)
next:
	for _, x := range b {
		for i := range out {
			if out[i].key == x.key {
				out[i].w += x.w
				continue next
			}
		}
		out = append(out, x)
	}
	return out
}

// buildLight indexes the single Arabic words by light stem, merging the keys of all words with
// the same stem and keeping the strongest.
func (l *Lexicon) buildLight() {
	acc := map[string]map[uint32]float32{}
	forms := make([]string, 0, len(l.ar))
	for f := range l.ar {
		if !strings.Contains(f, " ") {
			forms = append(forms, f)
		}
	}
	sort.Strings(forms)
	for _, f := range forms {
		ls := keys.LightStem(f)
		if utf8.RuneCountInString(ls) < 2 {
			continue
		}
		m := acc[ls]
		if m == nil {
			m = map[uint32]float32{}
			acc[ls] = m
		}
		for _, kw := range l.ar[f] {
			m[kw.key] += kw.w
		}
	}
	for ls, m := range acc {
		kws := make([]keyWeight, 0, len(m))
		for k, w := range m {
			kws = append(kws, keyWeight{k, w})
		}
		l.arLight[ls] = normalise(l.sortKeys(kws), maxLightKeys)
	}
}

// sortKeys orders keys by weight, then by name, so that results are deterministic.
func (l *Lexicon) sortKeys(kws []keyWeight) []keyWeight {
	sort.Slice(kws, func(i, j int) bool {
		if kws[i].w != kws[j].w {
			return kws[i].w > kws[j].w
		}
		return l.keyNames[kws[i].key] < l.keyNames[kws[j].key]
	})
	return kws
}

// normalise keeps the first n keys and scales their weights to sum to 1.
func normalise(kws []keyWeight, n int) []keyWeight {
	if len(kws) > n {
		kws = kws[:n]
	}
	var total float32
	for _, x := range kws {
		total += x.w
	}
	if total <= 0 {
		return kws
	}
	out := make([]keyWeight, len(kws))
	for i, x := range kws {
		out[i] = keyWeight{x.key, x.w / total}
	}
	return out
}

// Keys returns how many distinct concept keys the lexicon knows.
func (l *Lexicon) Keys() int { return len(l.keyNames) }

// HasKey reports whether k is a concept key of the lexicon.
func (l *Lexicon) HasKey(k string) bool {
	_, ok := l.keyIndex[k]
	return ok
}

// Concepts returns the concept keys of tokens in language lang ("en" or "ar"; others return nil),
// in token order. Multi-token forms are found by longest match (وقف إطلاق النار, cease-fire as
// "cease fire"), and the keys of one word or phrase share its weight. Stop words, numbers and
// words the lexicon does not know (names among them) give no concepts. Arabic tokens may carry
// clitics (والمفاوضات, للاجئين); a word found only by light stemming weighs less.
func (l *Lexicon) Concepts(lang string, tokens []string) []Concept {
	switch lang {
	case "en":
		return l.conceptsEn(tokens)
	case "ar":
		return l.conceptsAr(tokens)
	}
	return nil
}

func (l *Lexicon) emit(out []Concept, kws []keyWeight, start, end int, scale float64) []Concept {
	for _, kw := range kws {
		out = append(out, Concept{Key: l.keyNames[kw.key], Start: start, End: end, Weight: float64(kw.w) * scale})
	}
	return out
}

func (l *Lexicon) conceptsEn(tokens []string) []Concept {
	var out []Concept
	st := &keys.Stemmer{}
	words := make([]string, len(tokens))
	for i, t := range tokens {
		if len(t) <= maxTokenBytes {
			words[i] = keys.EnglishWord(t)
		}
	}
	for i := 0; i < len(words); {
		if n, kws := l.enPhrase(words, i); n > 0 {
			out = l.emit(out, kws, i, i+n, 1)
			i += n
			continue
		}
		if n, k := l.enCompound(st, tokens, words, i); n > 0 {
			out = append(out, Concept{Key: k, Start: i, End: i + n, Weight: 1})
			i += n
			continue
		}
		w := words[i]
		if w == "" || l.stopEn[w] {
			i++
			continue
		}
		if k, ok := l.stemKey(st, strings.ReplaceAll(w, "-", "")); ok {
			out = append(out, Concept{Key: k, Start: i, End: i + 1, Weight: 1})
		} else if strings.Contains(w, "-") {
			// two-state, post-war: the keys of the parts share the token.
			var ks []string
			for _, p := range strings.Split(w, "-") {
				if k, ok := l.stemKey(st, p); ok && !l.stopEn[p] {
					ks = append(ks, k)
				}
			}
			for _, k := range ks {
				out = append(out, Concept{Key: k, Start: i, End: i + 1, Weight: 1 / float64(len(ks))})
			}
		}
		i++
	}
	return out
}

// stemKey stems an English word and reports whether the stem is a known, non-stop key.
func (l *Lexicon) stemKey(st *keys.Stemmer, w string) (string, bool) {
	if len(w) < 2 || l.stopEn[w] {
		return "", false
	}
	k := st.Stem(w)
	if l.stopEn[k] {
		return "", false
	}
	_, ok := l.keyIndex[k]
	return k, ok
}

// enPhrase finds the longest user-defined English phrase starting at words[i].
func (l *Lexicon) enPhrase(words []string, i int) (int, []keyWeight) {
	maxN, ok := l.enFirst[words[i]]
	if !ok || words[i] == "" {
		return 0, nil
	}
	for n := min(maxN, len(words)-i); n >= 1; n-- {
		if kws, ok := l.en[strings.Join(words[i:i+n], " ")]; ok {
			return n, kws
		}
	}
	return 0, nil
}

// enCompound reads two or three words written apart that the lexicon knows as one: "cease fire"
// and "cease - fire" as ceasefire, "peace keeping" as peacekeeping. Every part must have at least
// four letters, so that "sea son" never reads as season.
func (l *Lexicon) enCompound(st *keys.Stemmer, tokens, words []string, i int) (int, string) {
	if !compoundPart(words[i]) || l.stopEn[words[i]] {
		return 0, ""
	}
	joined := words[i]
	parts := 1
	for j := i + 1; j < len(words) && j < i+5 && parts < 3; j++ {
		if tokens[j] == "-" {
			continue
		}
		if !compoundPart(words[j]) || l.stopEn[words[j]] {
			return 0, ""
		}
		joined += words[j]
		parts++
		if k, ok := l.stemKey(st, joined); ok {
			return j - i + 1, k
		}
	}
	return 0, ""
}

func compoundPart(w string) bool {
	return len(w) >= 4 && !strings.Contains(w, "-")
}

func (l *Lexicon) conceptsAr(tokens []string) []Concept {
	var out []Concept
	words := make([]string, len(tokens))
	for i, t := range tokens {
		if len(t) <= maxTokenBytes {
			words[i] = keys.ArabicWord(t)
		}
	}
	var vs []string
	for i := 0; i < len(words); {
		w := words[i]
		if w == "" {
			i++
			continue
		}
		vs = keys.Variants(w, vs)
		if n, kws := l.arPhrase(words, vs, i); n > 0 {
			out = l.emit(out, kws, i, i+n, 1)
			i += n
			continue
		}
		if kws, scale, ok := l.arWord(vs); ok {
			out = l.emit(out, kws, i, i+1, scale)
		}
		i++
	}
	return out
}

// arPhrase finds the longest Arabic phrase of two or more words starting at words[i], whose first
// word may carry clitics.
func (l *Lexicon) arPhrase(words, variants []string, i int) (int, []keyWeight) {
	for _, v := range variants {
		maxN, ok := l.arFirst[v]
		if !ok {
			continue
		}
		for n := min(maxN, len(words)-i); n >= 2; n-- {
			ok := true
			for _, w := range words[i+1 : i+n] {
				if w == "" {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if kws, found := l.ar[v+" "+strings.Join(words[i+1:i+n], " ")]; found {
				return n, kws
			}
		}
	}
	return 0, nil
}

// arWord returns the keys of one Arabic word from its clitic variants, least stripped first: a stop
// word gives nothing; a bare noun also gets the keys of its definite form (حل and الحل), since
// nouns in a construct have no ال. A variant of three letters or fewer left by stripping a clitic
// (لاجئ as ل + اجئ) is weak: the light stem of a longer variant goes before it, at a lower weight.
func (l *Lexicon) arWord(variants []string) ([]keyWeight, float64, bool) {
	if len(variants) == 0 {
		return nil, 0, false
	}
	weak := func(v string) bool { return v != variants[0] && utf8.RuneCountInString(v) <= 3 }
	for _, v := range variants {
		if l.stopAr[v] {
			return nil, 0, false
		}
		if weak(v) {
			continue
		}
		if kws, ok := l.exactAr(v); ok {
			return kws, 1, true
		}
	}
	// The longest light stem found is the most specific reading: للاجئين is ل + اللاجئين (stem
	// لاج), not لل + اجئين (stem اج).
	var best []keyWeight
	bestLen := 0
	for _, v := range variants {
		ls := keys.LightStem(v)
		n := utf8.RuneCountInString(ls)
		if n < minLightStem || n <= bestLen {
			continue
		}
		if kws, ok := l.arLight[ls]; ok {
			best, bestLen = kws, n
		}
	}
	if best != nil {
		return best, lightWeight, true
	}
	for _, v := range variants {
		if weak(v) {
			if kws, ok := l.exactAr(v); ok {
				return kws, 1, true
			}
		}
	}
	return nil, 0, false
}

// exactAr looks a normalised Arabic word up as written; a bare word also gets the keys of its
// definite form.
func (l *Lexicon) exactAr(v string) ([]keyWeight, bool) {
	kws, ok := l.ar[v]
	if !ok {
		return nil, false
	}
	if !strings.HasPrefix(v, "ال") {
		if def, ok := l.ar["ال"+v]; ok {
			return l.halves(kws, def), true
		}
	}
	return kws, true
}

// halves merges two key lists at half weight each.
func (l *Lexicon) halves(a, b []keyWeight) []keyWeight {
	out := make([]keyWeight, 0, len(a)+len(b))
	for _, x := range a {
		out = append(out, keyWeight{x.key, x.w / 2})
	}
	return mergeKeys(out, scaleKeys(b, 0.5))
}

func scaleKeys(kws []keyWeight, f float32) []keyWeight {
	out := make([]keyWeight, len(kws))
	for i, x := range kws {
		out[i] = keyWeight{x.key, x.w * f}
	}
	return out
}
