package analyse

import (
	"bufio"
	"compress/gzip"
	"io"
	"io/fs"
	"math"
	"sort"
	"strings"
	"sync"

	"storyline/internal/analyse/dates"
	"storyline/internal/analyse/gazetteer"
	"storyline/internal/analyse/lexicon"
	"storyline/internal/analyse/text"
)

// How an analysis obtained its publication date (Analysis.PublishedFrom) when the article's
// metadata has none.
const PublishedInferred = "inferred"

// contextCountry sets the country the article is written from: the dateline's place, else the
// country of a national outlet (outlets.tsv; international wires write from everywhere).
func (d *doc) contextCountry() {
	g := d.a.gaz
	outlet := ""
	if out := strings.TrimSpace(d.art.Outlet); out != "" {
		outlet = d.kb.outlets[gazetteer.Key(out)]
	}
	if dl := strings.TrimSpace(d.art.Dateline); dl != "" {
		// A dateline names a city: عمان is Amman before it is Oman, the outlet's city first.
		best, bestScore := "", -1
		for _, e := range g.Lookup(dl) {
			if e.Kind == gazetteer.KindMetonym || e.Kind == gazetteer.KindContextual || e.Country == "" {
				continue
			}
			score := 0
			if e.Type == gazetteer.TypeCity {
				score += 2
			}
			if e.Country == outlet {
				score += 4
			}
			if score > bestScore {
				best, bestScore = e.Country, score
			}
		}
		if best != "" {
			d.context, d.contextFrom = best, "dateline"
		}
	}
	if d.context == "" && outlet != "" {
		d.context, d.contextFrom = outlet, "outlet"
	}
}

// publication fills the analysis's publication date: the article's, else one inferred from its
// text (never today's date).
func (d *doc) publication(out *Analysis) {
	if d.art.Published != "" {
		out.Published = d.art.Published
		out.PublishedFrom = d.art.PublishedFrom
		if out.PublishedFrom == "" {
			out.PublishedFrom = "metadata"
		}
		out.PublishedConf = 1
		return
	}
	var b strings.Builder
	for _, f := range d.fields {
		b.WriteString(f.text)
		b.WriteString("\n")
	}
	date, conf, _ := dates.InferPublication(b.String(), d.lang)
	if date != "" {
		out.Published, out.PublishedFrom, out.PublishedConf = date, PublishedInferred, conf
	}
}

// dates finds each field's date expressions, resolved against the publication date, and marks
// their tokens so that no name is read into them.
func (d *doc) dates(published string, inferred bool) []Date {
	ref := dates.Ref{}
	if len(published) == len("2006-01-02") {
		ref.Published = published
	}
	var out []Date
	for _, f := range d.fields {
		exprs := dates.Find(f.text, d.lang, ref)
		k := 0
		for _, x := range exprs {
			if x.Start < 0 || x.End > len(f.text) || x.Start >= x.End {
				continue
			}
			for k < len(f.toks) && f.toks[k].e <= x.Start {
				k++
			}
			ti := k
			for j := k; j < len(f.toks) && f.toks[j].s < x.End; j++ {
				if d.lang == "en" && f.toks[j].upper && isMonthHomograph(f.toks[j].text) && x.End-x.Start == len(f.toks[j].text) {
					continue
				}
				f.toks[j].lab = labDate
			}
			sent := f.sentBase
			if ti < len(f.toks) {
				sent = f.toks[ti].sent
			}
			conf := x.Confidence
			dt := Date{
				Text: f.text[x.Start:x.End], Field: f.name,
				Start: f.conv.Rune(x.Start), End: f.conv.Rune(x.End), Sentence: sent,
				Value: x.Value, Granularity: x.Granularity, Relative: x.Relative,
				Inferred: x.Inferred || inferred && x.Relative && x.Value != "", Confidence: conf, How: x.How,
			}
			out = append(out, dt)
		}
	}
	return out
}

// isMonthHomograph reports whether a capitalised word alone may be a name as well as a month
// ("May" is also Theresa May's surname); a date expression of that word alone does not claim it.
func isMonthHomograph(w string) bool { return w == "May" || w == "June" || w == "August" }

// markKnown runs the concept lexicon over each field: the concepts are kept for the analysis,
// and tokens the lexicon knows are marked as common words.
func (d *doc) markKnown() {
	d.conceptHits = make([][]lexicon.Concept, len(d.fields))
	if d.lang != "en" && d.lang != "ar" {
		return
	}
	for fi, f := range d.fields {
		terms := make([]string, len(f.toks))
		for i := range f.toks {
			terms[i] = f.toks[i].text
		}
		cs := d.a.lex.Concepts(d.lang, terms)
		d.conceptHits[fi] = cs
		// A word is known when its keys weigh enough together: an ambiguous word spreads its
		// weight over many keys.
		weight := make([]float64, len(f.toks))
		for _, c := range cs {
			for k := c.Start; k < c.End && k < len(f.toks); k++ {
				weight[k] += c.Weight
				if c.End-c.Start > 1 {
					weight[k] = 1
				}
			}
		}
		for k, w := range weight {
			if w >= 0.3 {
				f.toks[k].known = true
			}
		}
	}
}

// concepts aggregates the concept keys of the article: the summed weights of a key's
// occurrences (title ones count double) times an idf-like weight of how rare the key is among
// the lexicon's forms, scaled so that the strongest is 1; the strongest maxConcepts are kept.
func (d *doc) concepts() []Concept {
	idf := conceptRarity()
	tf := map[string]float64{}
	for fi, cs := range d.conceptHits {
		boost := 1.0
		if d.fields[fi].name == FieldTitle {
			boost = 2
		}
		for _, c := range cs {
			// Names are no concepts: skip tokens taken for entities.
			f := d.fields[fi]
			if c.Start < len(f.toks) {
				if l := f.toks[c.Start].lab; l == labPerson || l == labGaz || l == labOrg {
					continue
				}
			}
			tf[c.Key] += c.Weight * boost
		}
	}
	out := make([]Concept, 0, len(tf))
	maxW := 0.0
	for k, w := range tf {
		r := idf.weight(k)
		v := (1 + math.Log(w)) * r
		if w < 1 {
			v = w * r
		}
		out = append(out, Concept{Key: k, Weight: v})
		if v > maxW {
			maxW = v
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Key < out[j].Key
	})
	if len(out) > d.a.maxConcepts {
		out = out[:d.a.maxConcepts]
	}
	for i := range out {
		out[i].Weight = math.Round(out[i].Weight/maxW*1000) / 1000
	}
	return out
}

// rarity maps a concept key to an idf-like weight: log(N / (1 + forms)), where forms is how many
// Arabic forms of the lexicon give the key. Keys many words give (state, work) are general.
type rarity struct {
	forms map[string]int
	n     float64
}

func (r *rarity) weight(k string) float64 {
	if r == nil || r.n == 0 {
		return 1
	}
	return math.Log(r.n / (1 + float64(r.forms[k])))
}

var conceptRarity = sync.OnceValue(func() *rarity {
	r := &rarity{forms: map[string]int{}}
	f, err := lexicon.Data().Open("concepts.tsv.gz")
	if err != nil {
		return r
	}
	defer f.Close()
	countForms(r, f)
	return r
})

// countForms reads a concept table (form<TAB>key:weight ...) and counts the forms of each key.
func countForms(r *rarity, f fs.File) {
	zr, err := gzip.NewReader(f)
	if err != nil {
		return
	}
	var rd io.Reader = zr
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	lines := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		tab := strings.IndexByte(line, '\t')
		if tab < 0 {
			continue
		}
		lines++
		for _, kw := range strings.Fields(line[tab+1:]) {
			k := kw
			if c := strings.IndexByte(kw, ':'); c >= 0 {
				k = kw[:c]
			}
			r.forms[k]++
		}
	}
	r.n = float64(lines) + 1
}

// topics returns the article's topics.
func (d *doc) topics() []Topic {
	if d.lang != "en" && d.lang != "ar" {
		return nil
	}
	var b strings.Builder
	for _, f := range d.fields {
		b.WriteString(f.text)
		b.WriteString("\n")
	}
	var out []Topic
	for _, t := range d.a.lex.Topics(d.lang, b.String()) {
		out = append(out, Topic{ID: t.ID, Label: t.Label, Score: math.Round(t.Score*1000) / 1000, Cues: t.Cues})
	}
	return out
}

var _ = text.Span{}
