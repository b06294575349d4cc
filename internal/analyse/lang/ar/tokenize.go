package ar

import (
	_ "embed"
	"unicode"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"

	"storyline/internal/analyse/text"
)

// Tokenize cuts Arabic (or mixed) text into word tokens with byte offsets (see
// text.WordTokenizer): diacritics, tatweel and joiners stay inside words; Arabic punctuation
// (، ؛ ؟) separates them. Terms are the surface forms; NormaliseFilter folds them.
func Tokenize(s string) []text.Token { return text.WordTokenizer{}.Tokenize(s) }

// NormaliseFilter folds terms with Normalise.
var NormaliseFilter text.TokenFilter = text.FilterFunc(Normalise)

//go:embed data/stopwords.txt
var stopwordsTxt string

var stopWords = text.ParseWordList(stopwordsTxt, Normalise)

// IsStopWord reports whether word (in any spelling) is an Arabic stop word.
func IsStopWord(word string) bool { return stopWords[Normalise(word)] }

// StopFilter drops Arabic stop words, whatever their spelling (terms are normalised to compare).
var StopFilter text.TokenFilter = stopFilter{}

type stopFilter struct{}

// Filter implements text.TokenFilter.
func (stopFilter) Filter(tokens []text.Token) []text.Token {
	out := tokens[:0]
	for _, t := range tokens {
		if !stopWords[Normalise(t.Term)] {
			out = append(out, t)
		}
	}
	return out
}

// Stem returns the Snowball Arabic stem of a word as written (before Normalise), for concept
// lookup: الاجتماعات, الاجتماع and اجتماع share the stem اجتماع. Never stem names: use Candidates and Suffixes for them.
func Stem(word string) string {
	env := snowballstem.NewEnv(word)
	arabic.Stem(env)
	return env.Current()
}

// StemFilter stems terms that contain Arabic letters with Stem and normalises the stems, leaving
// other terms alone. Give it the terms as written: the stemmer reads ta marbuta and hamza, which
// Normalise folds. For concept lookup only: never put it in a chain for names.
var StemFilter text.TokenFilter = text.FilterFunc(func(t string) string {
	for _, r := range t {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			if s := Normalise(Stem(stripBeforeArticle(t))); s != "" {
				return s
			}
			return Normalise(t)
		}
	}
	return t
})

// stripBeforeArticle removes the proclitics before an article, which the Snowball stemmer leaves:
// والحكومة, بالحكومة → الحكومة; للحكومة → الحكومة.
func stripBeforeArticle(w string) string {
	r := []rune(w)
	for len(r) >= 6 {
		switch {
		case (r[0] == 'و' || r[0] == 'ف') && (r[1] == 'ا' && r[2] == 'ل' || r[1] == 'ب' || r[1] == 'ك' || r[1] == 'ل'):
			r = r[1:]
			continue
		case (r[0] == 'ب' || r[0] == 'ك') && r[1] == 'ا' && r[2] == 'ل':
			r = r[1:]
		case r[0] == 'ل' && r[1] == 'ل':
			r = append([]rune{'ا'}, r[1:]...)
		}
		break
	}
	return string(r)
}

// NameChain is the chain for name lookup: words, normalised; clitics are stripped by the lookup
// itself (Candidates), never by stemming.
func NameChain() text.Chain {
	return text.Chain{Tokenizer: text.WordTokenizer{}, Filters: []text.TokenFilter{NormaliseFilter}}
}

// ConceptChain is the chain for concept lookup: words, stop words dropped, stemmed, normalised.
func ConceptChain() text.Chain {
	return text.Chain{Tokenizer: text.WordTokenizer{}, Filters: []text.TokenFilter{
		StopFilter, StemFilter, NormaliseFilter,
	}}
}

// Splitter splits Arabic text into sentences: at . ! ? ؟ … (followed by white space or the end),
// at every line break and blank line; the Arabic comma ، and semicolon ؛ do not end sentences. A
// full stop after a single letter (an abbreviation such as د. for doctor) does not either.
var Splitter text.SentenceSplitter = text.Splitter{Terminators: ".!?؟…", NewlineBreaks: true, NoBreak: noBreak}

// SplitSentences splits Arabic text into sentence spans (byte offsets).
func SplitSentences(s string) []text.Span { return Splitter.SplitSentences(s) }

func noBreak(term rune, before, after string) bool {
	if term != '.' || after == "" {
		return false
	}
	// a single letter before the stop: an abbreviation (د. for doctor, أ. for professor)
	n := 0
	for _, r := range Normalise(before) {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n == 1
}
