package events

import (
	"strings"

	"storyline/internal/analyse"
)

// Argument kinds beyond the analysis's mention kinds.
const (
	kindPair        = "pair"        // "the two ministers": the two sides established before
	kindOwn         = "own"         // "his country": the country of the person last acting
	kindPronoun     = "pronoun"     // "he": the person last acting
	kindObjPronoun  = "objpronoun"  // "him": the other person of the story
	kindPossPronoun = "poss"        // "his visit": the person last acting, as possessor
	kindDescription = "description" // "his Jordanian counterpart": a person of that country
	kindRole        = "role"        // "the king": the person of that role named before
	kindGov         = "gov"         // "the foreign ministry": the government of the article's home country
	kindIt          = "it"          // "it": the organisation named before it in the sentence
	kindDemonym     = "demonym"
	kindMetonym     = "metonym"
)

// arg is one candidate participant of a sentence: an entity mention (with the words of its
// description absorbed), or a pronoun or pair anaphor.
type arg struct {
	t0, t1    int // tokens [t0, t1)
	b0, b1    int // bytes of the mention itself in the field text
	ent       int // entity index into Analysis.Entities; -1 for anaphors and made-up countries
	ref       EntityRef
	kind      string
	cert      float64 // how sure the reference is, 0..1
	prep      string  // cue class of the preposition before the noun phrase ("", LOC, DEST, PREP, SOURCE, BETWEEN)
	poss      bool    // a possessor ("Russia's")
	place     bool    // a place taken literally (a city, region or place, not standing for a country)
	placeName bool    // the mention names a city, region or place (whatever it stands for)
	drop      bool
	mod       bool // a nationality that only modifies a noun ("the Israeli attack")
	coord     bool // coordinated with the next argument
	group     int  // index of the first argument of its coordination group
	mention   string
}

// modeCue is a MODE cue of a sentence at token tok.
type modeCue struct {
	mode       string
	start, end int
	wide       bool // applies to the whole sentence
}

// sentence is one sentence of an article under analysis.
type sentence struct {
	idx      int // index into Analysis.Sentences, -1 for the title
	field    string
	text     string // the whole field text
	b0, b1   int    // byte span in text
	c0, c1   int    // character span in the field
	lang     string
	dict     *Dictionary
	dateline []EntityRef // the places of a dateline at its start ("AMMAN —")
	toks     []token
	args     []arg
	trigs    []match
	cues     []match
	modes    []string
	modeAt   []modeCue // MODE cues with their positions
	caption  bool
	dates    []*analyse.Date
	// lastSubj are the subjects of the sentence's latest trigger, for a coordinated verb ("met Y
	// and urged Z").
	lastSubj []side
	dateB    []int // byte offsets of dates
	// dlEnd is the byte offset of the dash that ends a dateline ("RIYADH, Feb 15 —"), 0 for none:
	// a date before it is the filing date
	dlEnd int
}

func (s *sentence) tokText(t0, t1 int) string {
	if t0 >= t1 || t0 < 0 || t1 > len(s.toks) {
		return ""
	}
	return s.text[s.toks[t0].start:s.toks[t1-1].end]
}

// isPersonNoun reports whether token i can stand in a person's or place's description.
func (s *sentence) descWord(i int) bool {
	t := &s.toks[i]
	if t.is(cueTitle) || t.is(cueMod) || t.is(cueGroup) || t.is(cuePlace) {
		return true
	}
	// English titles are capitalised ("Foreign Minister"); a capital at the sentence start says
	// nothing.
	return s.lang != "ar" && t.cap && i > 0 && t.arg < 0 && !t.is(cueCoord) && !t.is(cuePrep)
}

// gapPunct returns the punctuation (white space trimmed) between tokens i-1
// and i.
func (s *sentence) gapPunct(i int) string {
	if i <= 0 || i >= len(s.toks) {
		return ""
	}
	return strings.TrimSpace(s.text[s.toks[i-1].end:s.toks[i].start])
}

func okPunct(p string) bool {
	for _, r := range p {
		if r != ',' && r != '،' && r != '-' && r != '–' {
			return false
		}
	}
	return true
}
