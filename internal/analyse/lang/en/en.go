// Package en holds the English parts of the analysis stage, in the manner of Bleve's
// analysis/lang/en: tokenisation, sentence splitting that knows abbreviations, initials and
// quotes, case folding, possessive stripping, stop words and the Snowball English stemmer.
//
// Stemming is for concept lookup only: never stem names (Lavrov, Assad, Jordan).
package en

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"golang.org/x/text/cases"

	"storyline/internal/analyse/text"
)

//go:embed data/stopwords.txt
var stopwordsTxt string

var stopWords = text.ParseWordList(stopwordsTxt, strings.ToLower)

// IsStopWord reports whether the lower-cased word is an English stop word.
func IsStopWord(word string) bool { return stopWords[Fold(word)] }

// StopFilter drops English stop words; use it after Fold.
var StopFilter text.TokenFilter = text.StopFilter(stopWords)

// Tokenize cuts English text into word tokens (see text.WordTokenizer).
func Tokenize(s string) []text.Token { return text.WordTokenizer{}.Tokenize(s) }

// Fold case-folds s for matching (Unicode full case folding: "Straße" and "STRASSE" fold alike).
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	return cases.Fold().String(s) // a Caser keeps state: one per call
}

// FoldFilter case-folds terms.
var FoldFilter text.TokenFilter = text.FilterFunc(Fold)

// StripPossessive removes a possessive ending: "Russia's" and "Russia’s" give "Russia",
// "Jones'" gives "Jones". Other apostrophes ("O'Brien", "don't") stay.
func StripPossessive(s string) string {
	for _, suf := range []string{"'s", "’s", "'S", "’S", "ʼs"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			return s[:len(s)-len(suf)]
		}
	}
	for _, suf := range []string{"'", "’"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			if p := s[:len(s)-len(suf)]; strings.HasSuffix(p, "s") || strings.HasSuffix(p, "S") {
				return p
			}
		}
	}
	return s
}

// PossessiveFilter strips possessive endings (see StripPossessive); the token's offsets still
// cover the whole surface form.
var PossessiveFilter text.TokenFilter = text.FilterFunc(StripPossessive)

// Stem returns the Snowball English stem of a lower-case word ("meetings" → "meet"). For concept
// lookup only: never stem names.
func Stem(word string) string {
	env := snowballstem.NewEnv(word)
	english.Stem(env)
	return env.Current()
}

// StemFilter stems terms with Stem. For concept lookup only: never put it in a chain for names.
var StemFilter text.TokenFilter = text.FilterFunc(func(t string) string {
	if !hasLetter(t) {
		return t
	}
	return Stem(t)
})

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// NameChain is the chain for name lookup: words, possessives stripped, no folding or stemming, so
// that capitalisation stays available to the name patterns.
func NameChain() text.Chain {
	return text.Chain{Tokenizer: text.WordTokenizer{}, Filters: []text.TokenFilter{PossessiveFilter}}
}

// ConceptChain is the chain for concept lookup: words, possessives stripped, case folded, stop
// words dropped, stemmed.
func ConceptChain() text.Chain {
	return text.Chain{Tokenizer: text.WordTokenizer{}, Filters: []text.TokenFilter{
		PossessiveFilter, FoldFilter, StopFilter, StemFilter,
	}}
}
