package events

import (
	"sort"
	"strings"

	"storyline/internal/analyse"
	"storyline/internal/analyse/gazetteer"
	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/lang/en"
	"storyline/internal/ingest"
)

// DefaultBackgroundDays is how long before the article's own time an interaction counts as
// background.
const DefaultBackgroundDays = 45

// Options configure an Extractor. The zero value uses the embedded dictionaries and the default
// gazetteer.
type Options struct {
	// Dictionaries replace the embedded dictionary of a language ("en", "ar").
	Dictionaries map[string]*Dictionary
	// Gazetteer is consulted for capitals, datelines and the kind of a mention when the analysis
	// does not say; nil uses gazetteer.Default().
	Gazetteer *gazetteer.Gazetteer
	// KeepBackground keeps interactions dated well before the article's own time and photo
	// captions.
	KeepBackground bool
	// BackgroundDays overrides DefaultBackgroundDays.
	BackgroundDays int
}

// Extractor extracts events from analysed articles. It is immutable after NewExtractor and safe
// for concurrent use.
type Extractor struct {
	dicts          map[string]*Dictionary
	gaz            *gazetteer.Gazetteer
	keepBackground bool
	backgroundDays int
}

// NewExtractor returns an extractor with the embedded English and Arabic dictionaries.
func NewExtractor() *Extractor { return NewExtractorWith(Options{}) }

// NewExtractorWith returns an extractor configured by o.
func NewExtractorWith(o Options) *Extractor {
	x := &Extractor{dicts: map[string]*Dictionary{}, gaz: o.Gazetteer, keepBackground: o.KeepBackground,
		backgroundDays: o.BackgroundDays}
	for _, l := range []string{"en", "ar"} {
		if d := o.Dictionaries[l]; d != nil {
			x.dicts[l] = d
		} else {
			x.dicts[l] = DefaultDictionary(l)
		}
	}
	if x.gaz == nil {
		x.gaz = gazetteer.Default()
	}
	if x.backgroundDays <= 0 {
		x.backgroundDays = DefaultBackgroundDays
	}
	return x
}

// cand is one reading of one trigger in one sentence.
type cand struct {
	typ, mode      string
	actor, rcpt    EntityRef
	aCert, rCert   float64
	sent           int // index into state.sents
	trigger        string
	tok            int // trigger token
	weight         float64
	planned        bool
	sym            bool // the order of the sides is not known
	directed       bool // the frame fixed the visitor (rev, dest)
	location       *EntityRef
	date           *analyse.Date
	dateInSentence bool
	aSynth, rSynth bool // a side came from an anaphor
	partial        bool // one side is missing
	fromContext    bool // the recipient came from the article, not the sentence
	// the recipient is named only as the affiliation of the targets ("sanctions Houthi money
	// changers"): the targets the article names may stand for it
	rMod bool
	// a verbal noun (English noun rows, an Arabic verb form used as a noun: "أكد X رفض
	// المملكة"): it takes no recipient from the article, only one of its own
	vnoun bool
}

// state is the extraction of one article.
type state struct {
	x       *Extractor
	art     *ingest.Article
	an      *analyse.Analysis
	lang    string
	sents   []sentence
	cands   []cand
	pair    [2]EntityRef
	hasPair bool
	// the two people of the latest consultation between people: "the two ministers" after a
	// visit between the countries still means them
	ppair    [2]EntityRef
	hasPPair bool
	last     EntityRef // the person last acting
	persons  []int     // person entities, most salient first
}

// Extract returns the events that the article reports, one per interaction, in text order of
// their first supporting sentence. It never panics on inconsistent input: mentions, dates and
// sentences whose offsets fall outside the text are ignored.
func (x *Extractor) Extract(art ingest.Article, an analyse.Analysis) []Event {
	st := &state{x: x, art: &art, an: &an, lang: art.Lang}
	if an.Lang != "" && an.Lang != "und" {
		st.lang = an.Lang
	}
	st.buildSentences()
	if len(st.sents) == 0 {
		return nil
	}
	for i := range an.Entities {
		if an.Entities[i].Type == analyse.TypePerson {
			st.persons = append(st.persons, i)
		}
	}
	sort.SliceStable(st.persons, func(a, b int) bool {
		return an.Entities[st.persons[a]].Salience > an.Entities[st.persons[b]].Salience
	})
	st.placeMentions()
	for i := range st.sents {
		st.prepare(i)
	}
	for i := range st.sents {
		st.scan(i)
	}
	return st.finish()
}

// buildSentences lays out the sentences of the title and body with their byte spans; without
// sentences in the analysis it splits the text itself.
func (st *state) buildSentences() {
	fields := map[string]string{analyse.FieldTitle: st.art.Title, analyse.FieldBody: st.art.Body}
	idx := map[string]*runeIndex{}
	title := false
	for i, sp := range st.an.Sentences {
		f := sp.Field
		if f == "" {
			f = analyse.FieldBody
		}
		txt, ok := fields[f]
		if !ok || sp.End <= sp.Start {
			continue
		}
		ri := idx[f]
		if ri == nil {
			ri = newRuneIndex(txt)
			idx[f] = ri
		}
		b0, ok0 := ri.byteAt(sp.Start)
		b1, ok1 := ri.byteAt(sp.End)
		if !ok0 || !ok1 || b1 <= b0 {
			continue
		}
		if f == analyse.FieldTitle {
			title = true
		}
		st.sents = append(st.sents, sentence{idx: i, field: f, text: txt, b0: b0, b1: b1, c0: sp.Start, c1: sp.End})
	}
	if len(st.an.Sentences) == 0 {
		split := en.SplitSentences
		if st.lang == "ar" || st.lang != "en" && isArabicText(st.art.Body) {
			split = ar.SplitSentences
		}
		for i, sp := range split(st.art.Body) {
			c0 := runeCount(st.art.Body[:sp.Start])
			st.sents = append(st.sents, sentence{idx: i, field: analyse.FieldBody, text: st.art.Body,
				b0: sp.Start, b1: sp.End, c0: c0, c1: c0 + runeCount(st.art.Body[sp.Start:sp.End])})
		}
	}
	if !title && strings.TrimSpace(st.art.Title) != "" {
		t := st.art.Title
		st.sents = append([]sentence{{idx: -1, field: analyse.FieldTitle, text: t, b0: 0, b1: len(t), c0: 0,
			c1: runeCount(t)}}, st.sents...)
	}
	// Order: title first, then body, by position.
	sort.SliceStable(st.sents, func(a, b int) bool {
		sa, sb := &st.sents[a], &st.sents[b]
		if sa.field != sb.field {
			return sa.field == analyse.FieldTitle
		}
		return sa.b0 < sb.b0
	})
	for i := range st.sents {
		s := &st.sents[i]
		s.lang = st.lang
		if s.lang != "en" && s.lang != "ar" || (s.lang == "en") == isArabicText(s.text[s.b0:s.b1]) {
			if isArabicText(s.text[s.b0:s.b1]) {
				s.lang = "ar"
			} else {
				s.lang = "en"
			}
		}
		s.dict = st.x.dicts[s.lang]
		s.toks = tokenize(s.lang, s.text, s.b0, s.b1)
	}
}

func runeCount(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// sentenceOf returns the index of the sentence of field that holds bytes [b0, b1), -1 if none.
// Sentences are ordered title first, then body, by position.
func (st *state) sentenceOf(field string, b0, b1 int) int {
	before := func(s *sentence) bool {
		if s.field != field {
			return s.field == analyse.FieldTitle
		}
		return s.b1 <= b0
	}
	i := sort.Search(len(st.sents), func(i int) bool { return !before(&st.sents[i]) })
	if i < len(st.sents) {
		s := &st.sents[i]
		if s.field == field && b0 >= s.b0 && b1 <= s.b1 {
			return i
		}
	}
	return -1
}

// placeMentions attaches entity mentions and date expressions to sentences and tokens.
func (st *state) placeMentions() {
	fields := map[string]string{analyse.FieldTitle: st.art.Title, analyse.FieldBody: st.art.Body}
	idx := map[string]*runeIndex{}
	conv := func(field string, c0, c1 int) (int, int, bool) {
		txt, ok := fields[field]
		if !ok || c1 <= c0 {
			return 0, 0, false
		}
		ri := idx[field]
		if ri == nil {
			ri = newRuneIndex(txt)
			idx[field] = ri
		}
		b0, ok0 := ri.byteAt(c0)
		b1, ok1 := ri.byteAt(c1)
		return b0, b1, ok0 && ok1 && b1 > b0
	}
	// locate returns the sentence and byte span of a character span of a field ("" is the body).
	locate := func(field string, c0, c1 int) (si, b0, b1 int, ok bool) {
		if field == "" {
			field = analyse.FieldBody
		}
		if b0, b1, ok = conv(field, c0, c1); !ok {
			return 0, 0, 0, false
		}
		si = st.sentenceOf(field, b0, b1)
		return si, b0, b1, si >= 0
	}
	type pm struct {
		ent, ment int
		b0, b1    int
	}
	per := make([][]pm, len(st.sents))
	for ei := range st.an.Entities {
		e := &st.an.Entities[ei]
		for mi := range e.Mentions {
			m := &e.Mentions[mi]
			if si, b0, b1, ok := locate(m.Field, m.Start, m.End); ok {
				per[si] = append(per[si], pm{ei, mi, b0, b1})
			}
		}
	}
	for di := range st.an.Dates {
		d := &st.an.Dates[di]
		si, b0, b1, ok := locate(d.Field, d.Start, d.End)
		if !ok {
			continue
		}
		s := &st.sents[si]
		s.dates = append(s.dates, d)
		s.dateB = append(s.dateB, b0)
		for t := tokenAt(s.toks, b0); t < len(s.toks) && s.toks[t].start < b1; t++ {
			s.toks[t].date = true
		}
	}
	for si := range st.sents {
		s := &st.sents[si]
		ms := per[si]
		sort.SliceStable(ms, func(a, b int) bool {
			if ms[a].b0 != ms[b].b0 {
				return ms[a].b0 < ms[b].b0
			}
			return ms[a].b1 > ms[b].b1
		})
		lastEnd := -1
		for _, m := range ms {
			if m.b0 < lastEnd {
				continue // overlaps a longer mention
			}
			t0 := tokenAt(s.toks, m.b0)
			if t0 >= len(s.toks) || s.toks[t0].start >= m.b1 {
				continue
			}
			t1 := tokenAt(s.toks, m.b1-1) + 1
			if t1 > len(s.toks) {
				t1 = len(s.toks)
			}
			e := &st.an.Entities[m.ent]
			men := &e.Mentions[m.ment]
			a := arg{t0: t0, t1: t1, b0: m.b0, b1: m.b1, ent: m.ent, cert: 1, kind: men.Kind,
				mention: s.text[m.b0:m.b1], group: -1}
			a.ref = st.refOf(m.ent, a.mention)
			if a.kind == "" && a.ref.Type != analyse.TypePerson {
				a.kind = st.guessKind(a.mention, e.Key)
			}
			switch a.ref.Type {
			case analyse.TypeCity, analyse.TypePlace, analyse.TypeRegion:
				a.place = a.kind != kindMetonym
				a.placeName = true
			}
			if a.kind == kindMetonym && a.ref.Type != analyse.TypeCountry && a.ref.Country != "" {
				a.ref = st.countryRef(a.ref.Country, a.mention)
				a.place = false
			}
			s.args = append(s.args, a)
			lastEnd = m.b1
		}
	}
}

// refOf returns the reference of entity ei.
func (st *state) refOf(ei int, text string) EntityRef {
	e := &st.an.Entities[ei]
	r := EntityRef{Key: e.Key, Name: e.Name, NameAr: e.NameAr, Type: e.Type, Country: e.Country, Role: e.Role, Text: text}
	if r.Name == "" {
		r.Name = e.NameAr
	}
	if r.Name == "" && len(e.Forms) > 0 {
		r.Name = e.Forms[0]
	}
	if r.Type == analyse.TypeCountry && r.Country == "" {
		r.Country = countryOf(r)
	}
	return r
}

// countryRef returns a reference to a country by code, from the article's entities when there.
func (st *state) countryRef(code, text string) EntityRef {
	key := "country:" + code
	for i := range st.an.Entities {
		if st.an.Entities[i].Key == key {
			return st.refOf(i, text)
		}
	}
	r := EntityRef{Key: key, Type: analyse.TypeCountry, Country: code, Name: code, Text: text}
	if e, ok := st.x.gaz.Entry(key); ok {
		r.Name = e.Name
	}
	return r
}

// guessKind asks the gazetteer how a mention names entity key (demonym, metonym, ...).
func (st *state) guessKind(text, key string) string {
	for _, e := range st.x.gaz.Lookup(text) {
		if e.ID == key {
			return e.Kind
		}
	}
	if es := st.x.gaz.Lookup(text); len(es) > 0 && es[0].Kind == gazetteer.KindMetonym {
		return kindMetonym
	}
	return ""
}

// isCapital reports whether a place key is a capital city.
func (st *state) isCapital(key string) bool {
	e, ok := st.x.gaz.Entry(key)
	return ok && e.Class == "capital"
}

// personOf returns the most salient person of country c in the article, preferring role.
func (st *state) personOf(c, role string) (int, bool) {
	best := -1
	for _, pi := range st.persons {
		e := &st.an.Entities[pi]
		if e.Country != c {
			continue
		}
		if role != "" && e.Role == role {
			return pi, true
		}
		if best < 0 {
			best = pi
		}
	}
	return best, best >= 0
}
