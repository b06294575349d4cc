package events

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/lang/en"
)

//go:embed data/en.tsv data/ar.tsv
var dataFS embed.FS

// Cue classes of a dictionary: rows that are not event triggers but mark words the argument
// rules need. See data/README.md.
const (
	cueMode    = "MODE"    // sets the mode of a CONSULT in the same sentence: "over the phone"
	cuePair    = "PAIR"    // refers to the two sides established earlier: "the two ministers"
	cueOwn     = "OWN"     // the country of the person last acting: "his country", بلاده
	cuePronoun = "PRONOUN" // a singular personal pronoun: "he"
	cueObjPron = "OBJPRON" // an object pronoun: "him"; in Arabic a verb with an object suffix (استقبله)
	cuePoss    = "POSS"    // a possessive pronoun before a noun trigger: "his visit"
	cueNeg     = "NEG"     // negation before a trigger: "did not", لم
	cueFuture  = "FUTURE"  // the interaction has not happened yet: "will", "planned", من المقرر
	cueLoc     = "LOC"     // a preposition of place: "in", "at", في
	cueDest    = "DEST"    // a preposition of destination: "to", إلى
	cuePrep    = "PREP"    // any other preposition: "with", "of", مع
	cueObj     = "OBJ"     // a preposition that introduces an object: "with", "to", "on", مع, على
	cueSource  = "SOURCE"  // introduces a source, not an actor: "according to", نقلا عن
	cueBetween = "BETWEEN" // introduces the two sides: "between", بين
	cueTitle   = "TITLE"   // the head of a person's description: "counterpart", "minister", وزير
	cueMod     = "MOD"     // a modifier inside a title: "foreign", "top", الخارجية
	cuePlace   = "PLACE"   // the head of a place's description: "capital", العاصمة
	cueDet     = "DET"     // a determiner or possessive before a noun phrase: "the", "his"
	cueGroup   = "GROUP"   // a collective noun that makes a nationality adjective a country: "officials"
	cueGap     = "GAP"     // a word that may stand between a trigger and its object: "the", "that"
	cueCoord   = "COORD"   // a coordinating word: "and"
	cueCaption = "CAPTION" // marks a photo caption: "photo credit"
	cueBlock   = "BLOCK"   // a phrase that contains a trigger but is no event: "accused of" (passive)
	cuePassive = "PASSIVE" // an auxiliary that makes the next verb passive: "was", "been"
	cueAgent   = "AGENT"   // introduces the agent of a passive verb: "by"
	cueRel     = "REL"     // a relative pronoun that opens a clause: "that", "which", الذي
	cueLight   = "LIGHT"   // a light verb whose object is a noun trigger: "held (talks)", "paid (a visit)"
	cueHead    = "HEAD"    // introduces the head of a delegation: "led by", برئاسة
	cueRole    = "ROLE"    // a definite title standing for a person named before: "the king", الوزير
	cueGov     = "GOV"     // an office of state with no country named: "the foreign ministry", الحكومة
	cueDuring  = "DURING"  // a preposition of time that keeps a person the subject of a noun trigger: "during", خلال
	cueAux     = "AUX"     // an Arabic auxiliary between a subject and its verb: كان قد
	cueNotably = "NOTABLY" // singles out one of the objects named before it: "especially", ولا سيما
	cueCond    = "COND"    // opens a condition whose subject a threat is addressed to: "if", إذا لم
	cueIt      = "IT"      // a pronoun for a body named before in the sentence: "urged it to"
	cueDue     = "DUE"     // makes the date after it a deadline, not the event's date: "before June", قبل
	cueConj    = "CONJ"    // a subordinating conjunction that opens a clause with its own subject: "after"
)

var cueClasses = []string{cueMode, cuePair, cueOwn, cueObjPron, cuePronoun, cuePoss, cueNeg, cueFuture, cueLoc, cueDest,
	cuePrep, cueObj, cueSource, cueBetween, cueTitle, cueMod, cuePlace, cueDet, cueGroup, cueGap, cueCoord,
	cueCaption, cueBlock, cuePassive, cueAgent, cueRel, cueLight, cueHead, cueRole, cueGov, cueDuring, cueAux, cueNotably, cueCond, cueIt, cueDue, cueConj}

// cueBit returns the bit of a cue class in a token's class set, 0 for event types.
func cueBit(class string) uint64 {
	for i, c := range cueClasses {
		if c == class {
			return 1 << uint(i)
		}
	}
	return 0
}

// Argument frames of a trigger.
const (
	dirFwd  = "fwd"  // the subject is the actor, the object the recipient
	dirRev  = "rev"  // the subject is the recipient (a host), the object the actor (the visitor)
	dirSym  = "sym"  // two sides: a coordinated subject, or a subject and the object of "with"
	dirDest = "dest" // the subject travels to the object: the recipient is the host country or person
)

// step is one element of a compiled pattern.
type step struct {
	lits     []string // exact forms
	prefixes []string // forms matched as prefixes (written with a trailing *)
	optional bool
	gap      int  // > 0: up to gap arbitrary tokens
	start    bool // ^: the sentence start
}

// entry is one dictionary row.
type entry struct {
	class   string // an event type or a cue class
	mode    string
	pattern string
	steps   []step
	dir     string
	noun    bool
	part    bool // an Arabic participle of circumstance (متهما): its subject is the clause's, before it
	weight  float64
	wide    bool // a MODE cue that applies to the whole sentence
	line    int
}

// Dictionary is one language's compiled trigger and cue dictionary. It is immutable and safe for
// concurrent use.
type Dictionary struct {
	lang    string
	entries []entry
	// index maps the forms of the first required step to entries; prefixed lists the entries
	// whose first step has prefix forms.
	index    map[string][]int32
	prefixed []int32
}

// Lang returns the dictionary's language.
func (d *Dictionary) Lang() string { return d.lang }

// Len returns the number of rows.
func (d *Dictionary) Len() int { return len(d.entries) }

// fold normalises a pattern literal or a token form for lang.
func fold(lang, s string) string {
	if lang == "ar" {
		return ar.Normalise(s)
	}
	return en.Fold(s)
}

// maxLine bounds a dictionary line; maxSteps a pattern.
const (
	maxLine  = 4096
	maxSteps = 16
	maxGap   = 24
)

// ParseDictionary reads a dictionary in the format of data/README.md for language lang ("en",
// "ar"; any other code folds as English). name names the input in errors.
func ParseDictionary(name, lang string, r io.Reader) (*Dictionary, error) {
	d := &Dictionary{lang: lang, index: map[string][]int32{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1024), maxLine)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("%s:%d: invalid UTF-8", name, n)
		}
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		e, err := parseRow(lang, line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		e.line = n
		d.add(e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: line %d: %w", name, n+1, err)
	}
	if len(d.entries) == 0 {
		return nil, fmt.Errorf("%s: no rows", name)
	}
	return d, nil
}

func parseRow(lang, line string) (entry, error) {
	cols := strings.Split(line, "\t")
	for i := range cols {
		cols[i] = strings.TrimSpace(cols[i])
	}
	if len(cols) < 3 {
		return entry{}, fmt.Errorf("want at least 3 tab-separated columns (class, mode, pattern), got %d", len(cols))
	}
	if len(cols) > 6 {
		return entry{}, fmt.Errorf("want at most 6 columns, got %d", len(cols))
	}
	col := func(i string, k int) string {
		if k < len(cols) && cols[k] != "-" {
			return cols[k]
		}
		return i
	}
	e := entry{class: cols[0], mode: col("", 1), pattern: cols[2]}
	event := IsType(e.class)
	if !event && cueBit(e.class) == 0 {
		return entry{}, fmt.Errorf("unknown class %q", e.class)
	}
	if e.class == cueMode && e.mode == "" {
		return entry{}, fmt.Errorf("a MODE row needs a mode")
	}
	steps, err := compile(lang, e.pattern)
	if err != nil {
		return entry{}, fmt.Errorf("pattern %q: %w", e.pattern, err)
	}
	e.steps = steps
	if e.class == cueMode {
		// the fourth column of a MODE row is its scope
		switch scope := col("near", 3); scope {
		case "near":
		case "sentence":
			e.wide = true
		default:
			return entry{}, fmt.Errorf("MODE scope %q: want near or sentence", scope)
		}
		return e, nil
	}
	e.dir = col(dirSym, 3)
	switch e.dir {
	case dirFwd, dirRev, dirSym, dirDest:
	default:
		return entry{}, fmt.Errorf("frame %q: want fwd, rev, sym or dest", e.dir)
	}
	switch pos := col("v", 4); pos {
	case "v":
	case "n":
		e.noun = true
	case "p":
		e.part = true
	default:
		return entry{}, fmt.Errorf("part of speech %q: want v, n or p", pos)
	}
	e.weight = 1
	if w := col("", 5); w != "" {
		f, err := strconv.ParseFloat(w, 64)
		if err != nil || f <= 0 || f > 1 {
			return entry{}, fmt.Errorf("weight %q: want a number in (0, 1]", w)
		}
		e.weight = f
	} else if event {
		return entry{}, fmt.Errorf("an event row needs frame, part of speech and weight")
	}
	return e, nil
}

// compile parses a pattern: space-separated steps, each alternatives separated by "|" (a trailing
// "*" on one matches it as a prefix), optionally ending in "?"; "~N" skips up to N tokens; "^"
// first anchors at the sentence start.
func compile(lang, pattern string) ([]step, error) {
	fields := strings.Fields(pattern)
	if len(fields) == 0 {
		return nil, fmt.Errorf("empty")
	}
	if len(fields) > maxSteps {
		return nil, fmt.Errorf("more than %d steps", maxSteps)
	}
	var steps []step
	required := false
	for i, f := range fields {
		switch {
		case f == "^":
			if i != 0 {
				return nil, fmt.Errorf("^ must come first")
			}
			steps = append(steps, step{start: true})
			continue
		case strings.HasPrefix(f, "~"):
			n, err := strconv.Atoi(f[1:])
			if err != nil || n < 1 || n > maxGap {
				return nil, fmt.Errorf("gap %q: want ~1 to ~%d", f, maxGap)
			}
			if !required {
				return nil, fmt.Errorf("a gap cannot come before the first word")
			}
			steps = append(steps, step{gap: n})
			continue
		}
		var s step
		if strings.HasSuffix(f, "?") {
			s.optional = true
			f = strings.TrimSuffix(f, "?")
			if !required {
				return nil, fmt.Errorf("the first word cannot be optional")
			}
		}
		for _, alt := range strings.Split(f, "|") {
			prefix := strings.HasSuffix(alt, "*")
			alt = fold(lang, strings.TrimSuffix(alt, "*"))
			if alt == "" || strings.ContainsAny(alt, "*?~^") {
				return nil, fmt.Errorf("bad word %q", f)
			}
			if prefix {
				s.prefixes = append(s.prefixes, alt)
			} else {
				s.lits = append(s.lits, alt)
			}
		}
		required = true
		steps = append(steps, s)
	}
	if !required {
		return nil, fmt.Errorf("no word")
	}
	if steps[len(steps)-1].gap > 0 {
		return nil, fmt.Errorf("a gap cannot come last")
	}
	return steps, nil
}

func (d *Dictionary) add(e entry) {
	i := int32(len(d.entries))
	d.entries = append(d.entries, e)
	first := e.steps[0]
	if first.start {
		first = e.steps[1]
	}
	for _, l := range first.lits {
		d.index[l] = append(d.index[l], i)
	}
	if len(first.prefixes) > 0 {
		d.prefixed = append(d.prefixed, i)
	}
}

// DefaultDictionary returns the embedded dictionary of lang ("en" or "ar"), or nil.
func DefaultDictionary(lang string) *Dictionary {
	switch lang {
	case "en", "ar":
	default:
		return nil
	}
	data, err := dataFS.ReadFile("data/" + lang + ".tsv")
	if err != nil {
		panic(fmt.Sprintf("events: embedded dictionary %s: %v", lang, err)) // a build defect
	}
	d, err := ParseDictionary("data/"+lang+".tsv", lang, bytes.NewReader(data))
	if err != nil {
		panic(fmt.Sprintf("events: embedded dictionary: %v", err)) // a build defect, caught by tests
	}
	return d
}

// match is one dictionary row matched in a sentence, over tokens [start, end); cost is the
// index of the lookup form the first word matched with (0: as written, more: clitics stripped).
type match struct {
	entry      int32
	start, end int
	cost       int
}

// matchAll returns every row of d that matches toks, at every position.
func (d *Dictionary) matchAll(toks []token, out []match) []match {
	type hit struct {
		e    int32
		cost int
	}
	var cands []hit
	add := func(ei int32, k int, t *token) {
		if d.entries[ei].class != "" && !d.entries[ei].noun && IsType(d.entries[ei].class) && k < 32 && t.art&(1<<uint(k)) != 0 {
			return // a verb never carries the article
		}
		for _, c := range cands {
			if c.e == ei {
				return
			}
		}
		cands = append(cands, hit{ei, k})
	}
	for i := range toks {
		t := &toks[i]
		cands = cands[:0]
		for k, f := range t.forms {
			for _, ei := range d.index[f] {
				add(ei, k, t)
			}
		}
		for _, ei := range d.prefixed {
			first := d.entries[ei].steps[0]
			if first.start {
				first = d.entries[ei].steps[1]
			}
			for k, f := range t.forms {
				if hasPrefixForm([]string{f}, first.prefixes) {
					add(ei, k, t)
					break
				}
			}
		}
		for _, c := range cands {
			e := &d.entries[c.e]
			steps := e.steps
			if steps[0].start {
				if i != 0 {
					continue
				}
				steps = steps[1:]
			}
			// only the first word is held to the verb rule: later ones are often nouns
			if end, ok := matchSteps(steps[1:], toks, i+1, false); ok {
				out = append(out, match{entry: c.e, start: i, end: end, cost: c.cost})
			}
		}
	}
	return out
}

func hasPrefixForm(forms, prefixes []string) bool {
	for _, f := range forms {
		for _, p := range prefixes {
			if strings.HasPrefix(f, p) {
				return true
			}
		}
	}
	return false
}

func (s *step) matches(t *token, verb bool) bool {
	for k, f := range t.forms {
		if verb && k < 32 && t.art&(1<<uint(k)) != 0 {
			continue
		}
		for _, l := range s.lits {
			if f == l {
				return true
			}
		}
		for _, p := range s.prefixes {
			if strings.HasPrefix(f, p) {
				return true
			}
		}
	}
	return false
}

// matchSteps matches steps against toks from i and returns the end of the shortest match.
func matchSteps(steps []step, toks []token, i int, verb bool) (int, bool) {
	if len(steps) == 0 {
		return i, true
	}
	s := &steps[0]
	if s.gap > 0 {
		for k := 0; k <= s.gap && i+k <= len(toks); k++ {
			if end, ok := matchSteps(steps[1:], toks, i+k, verb); ok {
				return end, true
			}
		}
		return 0, false
	}
	if i < len(toks) && s.matches(&toks[i], verb) {
		if end, ok := matchSteps(steps[1:], toks, i+1, verb); ok {
			return end, true
		}
	}
	if s.optional {
		return matchSteps(steps[1:], toks, i, verb)
	}
	return 0, false
}

// Row is one dictionary row as written.
type Row struct {
	Class   string  // an event type or a cue class
	Mode    string  // "" for none
	Pattern string  // the pattern as written
	Frame   string  // fwd, rev, sym or dest
	Noun    bool    // the trigger is a noun (its possessor is the subject)
	Part    bool    // the trigger is a participle of circumstance: the clause's subject acts
	Weight  float64 // the cue's strength, (0, 1]
	Line    int     // the line of the file
}

// Rows returns the dictionary's rows in file order.
func (d *Dictionary) Rows() []Row {
	out := make([]Row, len(d.entries))
	for i, e := range d.entries {
		out[i] = Row{Class: e.class, Mode: e.mode, Pattern: e.pattern, Frame: e.dir, Noun: e.noun, Part: e.part, Weight: e.weight, Line: e.line}
	}
	return out
}

// CueClasses returns the names of the cue classes a dictionary may use besides event types.
func CueClasses() []string { return append([]string(nil), cueClasses...) }
