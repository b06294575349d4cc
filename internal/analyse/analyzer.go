package analyse

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"storyline/internal/analyse/gazetteer"
	"storyline/internal/analyse/lexicon"
	"storyline/internal/analyse/names"
	"storyline/internal/ingest"
)

// Options configure an Analyzer. A nil field means the embedded default.
type Options struct {
	Gazetteer *gazetteer.Gazetteer
	Lexicon   *lexicon.Lexicon
	Names     *names.Matcher
	// MaxConcepts is how many concept keys an analysis keeps, strongest first (default 25).
	MaxConcepts int
}

// Analyzer fills an Analysis from an article: sentences, entities with roles, countries and
// canonical keys, dates, concepts and topics. It is immutable after New and safe for concurrent
// use; the embedded data it reads are loaded once per process.
type Analyzer struct {
	gaz         *gazetteer.Gazetteer
	lex         *lexicon.Lexicon
	nm          *names.Matcher
	kb          *knowledge
	kbErr       error
	maxConcepts int
	// roman memoises Matcher.Romanise, a pure but slow function, per Arabic word (at most
	// maxRomanMemo of them; romanN counts the stores).
	roman  sync.Map
	romanN atomic.Int64
}

// New returns an Analyzer over the given data; nil fields of opts are the embedded defaults.
func New(opts Options) *Analyzer {
	a := &Analyzer{gaz: opts.Gazetteer, lex: opts.Lexicon, nm: opts.Names, maxConcepts: opts.MaxConcepts}
	if a.gaz == nil {
		a.gaz = gazetteer.Default()
	}
	if a.lex == nil {
		a.lex = lexicon.Default()
	}
	if a.nm == nil {
		a.nm = names.Default()
	}
	if a.maxConcepts <= 0 {
		a.maxConcepts = 25
	}
	a.kb, a.kbErr = defaultKnowledge()
	return a
}

// maxFieldBytes bounds the text of one field that is analysed; the rest of a larger field is
// ignored (offsets stay valid, since they point into the prefix).
const maxFieldBytes = 8 << 20

// Analyse analyses one article. It fails only when ctx ends or the embedded data are broken;
// text of any language gets tokens, sentences and gazetteer places, English and Arabic get the
// full analysis.
func (a *Analyzer) Analyse(ctx context.Context, art ingest.Article) (Analysis, error) {
	if a.kbErr != nil {
		return Analysis{}, fmt.Errorf("analyse %s: %w", art.ID, a.kbErr)
	}
	if err := ctx.Err(); err != nil {
		return Analysis{}, fmt.Errorf("analyse %s: %w", art.ID, err)
	}
	lang := normLang(art.Lang)
	d := &doc{a: a, kb: a.kb, lang: lang, cues: a.kb.cues[lang], art: &art}
	if d.cues == nil {
		d.cues = cueSet{}
	}
	out := Analysis{ArticleID: art.ID, Lang: lang, Version: Version}
	if out.Lang == "" {
		out.Lang = "und"
	}
	base := 0
	for _, fl := range []struct{ name, text string }{{FieldTitle, art.Title}, {FieldBody, art.Body}} {
		txt := fl.text
		if len(txt) > maxFieldBytes {
			txt = truncateUTF8(txt, maxFieldBytes)
		}
		if strings.TrimSpace(txt) == "" {
			continue
		}
		f := newField(fl.name, txt, lang, base)
		base += len(f.sents)
		d.fields = append(d.fields, f)
		f.conv = newConverter(txt)
		for _, sp := range f.sents {
			c := f.conv.Span(sp)
			out.Sentences = append(out.Sentences, Span{Field: f.name, Start: c.Start, End: c.End})
		}
	}
	if out.Sentences == nil {
		out.Sentences = []Span{}
	}
	if err := ctx.Err(); err != nil {
		return Analysis{}, fmt.Errorf("analyse %s: %w", art.ID, err)
	}
	d.publication(&out)
	out.Dates = d.dates(out.Published, out.PublishedFrom == PublishedInferred)
	d.markKnown()
	d.contextCountry()
	out.Context = d.context
	for _, f := range d.fields {
		d.scanGazetteer(f)
		d.scanRoles(f)
	}
	d.findDateline()
	if err := ctx.Err(); err != nil {
		return Analysis{}, fmt.Errorf("analyse %s: %w", art.ID, err)
	}
	for _, f := range d.fields {
		if lang == "ar" {
			d.arabicPatterns(f)
			d.peopleArabic(f)
		}
		if lang == "en" || lang == "ar" {
			d.peopleLatin(f)
		}
		if lang == "en" {
			d.peopleArabic(f) // Arabic-script names quoted in English text
			d.orgNamesLatin(f)
			d.acronymOrgs(f)
		}
	}
	if lang == "en" || lang == "ar" {
		d.acronyms()
	}
	out.Entities = d.entities()
	out.Concepts = d.concepts()
	out.Topics = d.topics()
	if out.Entities == nil {
		out.Entities = []Entity{}
	}
	if out.Dates == nil {
		out.Dates = []Date{}
	}
	if out.Concepts == nil {
		out.Concepts = []Concept{}
	}
	if out.Topics == nil {
		out.Topics = []Topic{}
	}
	return out, nil
}

// normLang reduces a language tag to its ISO 639-1 code: "en-GB" → "en".
func normLang(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	if i := strings.IndexAny(l, "-_"); i > 0 {
		l = l[:i]
	}
	return l
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// doc is the state of one Analyse call.
type doc struct {
	a       *Analyzer
	kb      *knowledge
	lang    string
	cues    cueSet
	art     *ingest.Article
	fields  []*field
	context string // context country (ISO3)
	// contextFrom says where context came from: "dateline", "outlet".
	contextFrom string
	dateline    *gazMatch
	gaz         []*gazMatch
	roles       []*roleSpan
	persons     []*pmention
	others      []*omention     // places and organisations found by pattern
	singles     []single        // lone capitalised words left undecided
	pents       []*pentity      // people, after coreference
	lower       map[string]bool // folded words written in lower case (lowerWords)
	pentIndex   map[string][]*pentity
	// rolePositions are the mentions of people with roles, by position (roleBefore).
	rolePositions []rolePos
	// concept hits per field, from markKnown
	conceptHits [][]lexicon.Concept
}

// findDateline marks the gazetteer match of the dateline place at the head of the body.
func (d *doc) findDateline() {
	dl := gazetteer.Key(d.art.Dateline)
	if dl == "" {
		return
	}
	for _, m := range d.gaz {
		if m.f.name != FieldBody || m.ti > 2 {
			continue
		}
		if gazetteer.Key(m.f.text[m.s:m.e]) == dl {
			d.dateline = m
			return
		}
	}
}

// names returns the analyser's name comparer.
func (a *Analyzer) names() nameComparer { return nameComparer{m: a.nm, g: a.gaz} }
