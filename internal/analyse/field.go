package analyse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"storyline/internal/analyse/gazetteer"
	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/lang/en"
	"storyline/internal/analyse/text"
)

// gap says what separates a token from the one before it.
type gap uint8

const (
	gapStart   gap = iota // the first token of the field
	gapSpace              // white space only (at most one line break)
	gapComma              // a comma (, or ،) with white space around it
	gapInitial            // the full stop after an initial (J. Smith)
	gapOther              // other punctuation: a phrase or name does not run over it
	gapBreak              // a blank line or a sentence end
)

// label says what a token was taken for.
type label uint8

const (
	labNone label = iota
	labDate
	labGaz
	labRole
	labPerson
	labOrg
)

// script of a token.
const (
	scriptOther uint8 = iota
	scriptLatin
	scriptArabic
)

// tok is one token of a field with what the analyser knows about it.
type tok struct {
	s, e   int    // byte offsets in the field
	text   string // the surface form
	fold   string // folded: Latin by gazetteer.Key with the possessive stripped; Arabic by ar.Normalise
	script uint8
	upper  bool // Latin, starts with an upper-case letter (after an al-/el- prefix too)
	caps   bool // Latin, two or more letters, all upper case
	poss   int  // bytes of a possessive ending ('s, ’s, ') at the end of text
	sent   int  // index of its sentence in Analysis.Sentences
	first  bool // the first token of its sentence
	gap    gap
	lab    label
	known  bool // the concept lexicon knows the word: it is a common word
	cands  []string
	candOK bool // cands has been computed
}

// field is one field of the article (title or body) being analysed.
type field struct {
	name string // FieldTitle or FieldBody
	text string
	toks []tok
	// sents are the field's sentences in byte offsets; sentBase is the index of the first in
	// Analysis.Sentences.
	sents    []text.Span
	sentBase int
	conv     *converter
	// titleCase is set when most longer Latin words are capitalised (a Title Case Headline).
	titleCase bool
	// gazAt is the gazetteer match covering each token (nil: none); roleStart and roleEnd the
	// role spans by their first token and by the token after their last.
	gazAt              []*gazMatch
	roleStart, roleEnd map[int]*roleSpan
}

// newField tokenises a field and splits it into sentences.
func newField(name, s, lang string, sentBase int) *field {
	f := &field{name: name, text: s, sentBase: sentBase}
	var toks []text.Token
	switch lang {
	case "en":
		toks = en.Tokenize(s)
		f.sents = en.SplitSentences(s)
	case "ar":
		toks = ar.Tokenize(s)
		f.sents = ar.SplitSentences(s)
	default:
		toks = text.WordTokenizer{}.Tokenize(s)
		f.sents = genericSplitter.SplitSentences(s)
	}
	f.toks = make([]tok, len(toks))
	si := 0
	prevEnd := 0
	for i, t := range toks {
		x := &f.toks[i]
		x.s, x.e = t.Start, t.End
		x.text = s[t.Start:t.End]
		for si < len(f.sents) && f.sents[si].End <= t.Start {
			si++
		}
		x.sent = sentBase + min(si, max(len(f.sents)-1, 0))
		if i == 0 {
			x.gap = gapStart
			x.first = true
		} else {
			x.gap = classifyGap(s[prevEnd:t.Start], f.toks[i-1].text)
			x.first = x.sent != f.toks[i-1].sent
			if x.first {
				x.gap = gapBreak
			}
		}
		prevEnd = t.End
		x.classify()
	}
	long, capital := 0, 0
	for i := range f.toks {
		t := &f.toks[i]
		if t.script == scriptLatin && len(t.text) >= 4 {
			long++
			if t.upper {
				capital++
			}
		}
	}
	f.titleCase = long >= 3 && capital*4 >= long*3
	return f
}

var genericSplitter = text.Splitter{Terminators: ".!?…؟。", NewlineBreaks: false}

// classifyGap classifies the text between two tokens.
func classifyGap(g, prev string) gap {
	if g == "" {
		return gapOther // two tokens with nothing between them (a symbol split them)
	}
	newlines := 0
	comma := 0
	other := 0
	dot := 0
	for _, r := range g {
		switch {
		case r == '\n':
			newlines++
		case r == ',' || r == '،':
			comma++
		case r == '.':
			dot++
		case unicode.IsSpace(r) || text.IsFormat(r):
		default:
			other++
		}
	}
	switch {
	case newlines > 1:
		return gapBreak
	case other == 0 && comma == 0 && dot == 0:
		return gapSpace
	case other == 0 && dot == 0 && comma == 1:
		return gapComma
	case other == 0 && comma == 0 && dot == 1 && strings.HasPrefix(g, ".") && isInitial(prev):
		return gapInitial
	case other == 0 && comma == 0 && dot == 1 && strings.HasPrefix(g, ".") && newlines == 0 && en.IsNameTitle(prev):
		return gapSpace // "Mr. Haddad", "Dr. Sarraf": the title's full stop is part of it
	}
	return gapOther
}

// isInitial reports whether s is one upper-case Latin letter.
func isInitial(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && unicode.IsUpper(r) && r < 0x250
}

// classify fills the script, case, possessive and folded form of a token.
func (t *tok) classify() {
	latin, arabic, letters, upper := 0, 0, 0, 0
	firstLetter := rune(0)
	for _, r := range t.text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if firstLetter == 0 {
			firstLetter = r
		}
		switch {
		case r < 0x250 || unicode.Is(unicode.Latin, r):
			latin++
			if unicode.IsUpper(r) {
				upper++
			}
		case r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0xFB50 && r <= 0xFEFF:
			arabic++
		}
	}
	switch {
	case arabic > 0 && arabic >= latin:
		t.script = scriptArabic
		t.fold = ar.Normalise(t.text)
		return
	case latin > 0:
		t.script = scriptLatin
	default:
		t.script = scriptOther
		t.fold = gazetteer.Key(t.text)
		return
	}
	t.caps = letters >= 2 && upper == letters
	t.upper = unicode.IsUpper(firstLetter)
	if !t.upper {
		// al-Safadi, el-Sisi, bin-Salman: a lower-case particle joined to a capitalised name.
		if i := strings.IndexByte(t.text, '-'); i > 0 && i < len(t.text)-1 {
			r, _ := utf8.DecodeRuneInString(t.text[i+1:])
			t.upper = unicode.IsUpper(r) && isParticleWord(strings.ToLower(t.text[:i]))
		}
	}
	if stripped := en.StripPossessive(t.text); len(stripped) < len(t.text) {
		t.poss = len(t.text) - len(stripped)
	}
	t.fold = gazetteer.Key(t.text[:len(t.text)-t.poss])
}

// isParticleWord reports whether a lower-case word is a particle that may be joined to a name by
// a hyphen (al-, el-, bin-).
func isParticleWord(w string) bool {
	return articleParticle(w) || patronymic(w) || w == "abu" || w == "abd"
}

// bare returns the token's surface without a possessive ending.
func (t *tok) bare() string { return t.text[:len(t.text)-t.poss] }

// candidates returns the lookup forms of an Arabic token (ar.Candidates), computed once.
func (t *tok) candidates() []string {
	if !t.candOK {
		t.candOK = true
		if t.script == scriptArabic && mayHaveClitic(t.fold) {
			t.cands = ar.Candidates(t.text)
		}
		if len(t.cands) == 0 {
			t.cands = []string{t.fold}
		}
	}
	return t.cands
}

// strippedBytes returns how many bytes at the start of an Arabic token's surface the clitics of
// candidate c take: the surface letters before the part of the word c keeps. It returns -1 when c
// gives back a letter (لل → ال), which no slice of the surface can show.
func (t *tok) strippedBytes(c string) int {
	full := []rune(t.fold)
	keep := []rune(c)
	drop := len(full) - len(keep)
	if drop <= 0 {
		return 0
	}
	if string(full[drop:]) != c {
		return -1
	}
	// Walk the surface, counting the letters Normalise keeps, until drop of them are passed.
	n := 0
	for i, r := range t.text {
		kept := ar.NormaliseRune(r) != 0
		if n == drop && kept {
			return i
		}
		if kept {
			n++
		}
	}
	return -1
}

// mayHaveClitic reports whether a normalised Arabic word starts with a letter that can be a
// proclitic (و ف ب ل ك س) or the article; other words are their only lookup form.
func mayHaveClitic(fold string) bool {
	r, _ := utf8.DecodeRuneInString(fold)
	switch r {
	case 'و', 'ف', 'ب', 'ل', 'ك', 'س', 'ا':
		return true
	}
	return false
}
