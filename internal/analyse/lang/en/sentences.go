package en

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"storyline/internal/analyse/text"
)

// titles are abbreviations that stand before a name and never end a sentence.
var titles = set("mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "rep", "gen", "col", "lt", "capt",
	"cpt", "maj", "sgt", "adm", "cmdr", "gov", "pres", "rev", "hon", "st", "fr", "sr", "jr", "mt", "ft",
	"amb", "sheikh", "supt", "insp", "no", "nos", "vs", "v", "cf", "approx", "ca", "dept", "fig", "vol",
	"art", "para", "p", "pp", "op", "ed", "eds")

// nameTitles are the abbreviated titles that stand before a person's name.
var nameTitles = set("mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "rep", "gen", "col", "lt", "capt",
	"cpt", "maj", "sgt", "adm", "cmdr", "gov", "pres", "rev", "hon", "amb", "supt", "insp", "brig")

// IsNameTitle reports whether a word is an abbreviated title written before a person's name with a
// full stop (Mr, Dr, Gen), in any case.
func IsNameTitle(word string) bool { return nameTitles[strings.ToLower(word)] }

// closers are abbreviations that may end a sentence when a new one plainly starts after them.
var closers = set("inc", "ltd", "co", "corp", "llc", "plc", "bros", "etc", "al", "esq", "univ", "assn")

// months are month abbreviations: no sentence end before a number ("Jan. 5").
var months = set("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

// starters are words that begin a new sentence after an acronym or abbreviation that could also
// end one ("in the U.S. The talks ...").
var starters = set("the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that",
	"these", "those", "but", "and", "or", "so", "yet", "in", "on", "at", "after", "before", "when",
	"while", "if", "as", "his", "her", "their", "its", "our", "there", "meanwhile", "however",
	"earlier", "later", "last", "on", "both", "some", "many", "most", "no", "not", "during", "since")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Splitter splits English text into sentences. Full stops after titles (Mr., Dr., Gen.), initials
// (J. K.), acronyms (U.S., U.N., H.M.) and month abbreviations before a number (Jan. 5) do not end
// a sentence unless a new sentence plainly starts; a terminator inside quotes ends the sentence
// after the closing quote; a lower-case continuation never starts a sentence.
var Splitter text.SentenceSplitter = text.Splitter{Terminators: ".!?…", NoBreak: noBreak}

// SplitSentences splits English text into sentence spans (byte offsets).
func SplitSentences(s string) []text.Span { return Splitter.SplitSentences(s) }

func noBreak(term rune, before, after string) bool {
	first, _ := utf8.DecodeRuneInString(after)
	nextWord := strings.ToLower(leadingWord(after))
	if after == "" {
		return false
	}
	// a lower-case continuation is the same sentence: "approx. five", "he said. and"
	if unicode.IsLower(first) {
		return true
	}
	if term != '.' {
		return false
	}
	w := strings.TrimLeft(before, "\"'“‘([«")
	lw := strings.ToLower(w)
	switch {
	case titles[lw]:
		// "No. 10", "Mr. Lavrov"; but "... said no." ends with a capitalised starter
		return !(lw == "no" && starters[nextWord])
	case months[lw]:
		return unicode.IsDigit(first)
	case closers[lw]:
		return !starters[nextWord] && !isOpener(first)
	case isInitial(w):
		return true
	case isAcronym(w):
		return !starters[nextWord] && !isOpener(first)
	}
	return false
}

func isOpener(r rune) bool {
	return r == '"' || r == '“' || r == '‘' || r == '«' || r == '\''
}

// isInitial reports whether w is a single capital letter: "J" of "J. Smith".
func isInitial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsUpper(r)
}

// isAcronym reports whether w is letters separated by dots: U.S, U.N, H.M, e.g.
func isAcronym(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for _, part := range strings.Split(w, ".") {
		if utf8.RuneCountInString(part) > 2 {
			return false
		}
		for _, r := range part {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}

func leadingWord(s string) string {
	s = strings.TrimLeft(s, "\"'“‘([«")
	for i, r := range s {
		if !unicode.IsLetter(r) {
			return s[:i]
		}
	}
	return s
}
