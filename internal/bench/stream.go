package bench

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
	"storyline/internal/link"
)

// StreamOptions configure a synthetic news stream.
type StreamOptions struct {
	// Articles is the length of the stream.
	Articles int
	// Seed makes the stream: the same seed and options give the same stream.
	Seed uint64
	// Langs are the languages articles are written in, the first the most common (default en, ar, fr).
	Langs []string
	// Noise is the share of articles that report nothing else in the stream (default 0.15).
	Noise float64
	// Copies is the share of articles that are lightly edited copies of an earlier report of the
	// same event in the same language, as wire copies are (default 0.05).
	Copies float64
	// Unresolved is the share of people an Arabic or French article names under a key the
	// linker could not resolve to the canonical one (default 0.1).
	Unresolved float64
}

// Truth is what the generator knows of a stream article.
type Truth struct {
	Event string `json:"event"`
	Story string `json:"story"`
	// CopyOf is the index of the article this one copies, -1 when it is no copy.
	CopyOf int `json:"copy_of"`
}

// Stream is a deterministic synthetic multilingual news stream: stories (threads of events about
// a few core entities and a topic, over weeks to a year), events (a happening at a place and a
// day, with its own participants and vocabulary), each reported by one to dozens of articles in
// several languages over the following days with different wording, lightly edited wire copies,
// and noise articles. Articles come in order of publication, and are made on demand, so a long
// stream takes little memory.
type Stream struct {
	opts    StreamOptions
	items   []item
	events  []sevent
	stories []sstory
	w       world
}

// item is one article of the stream before it is written.
type item struct {
	event  int32
	day    int32
	lang   uint8
	copyOf int32 // index in items of the copied article, -1
	seed   uint64
}

type sstory struct {
	core     []int32 // entity ids (into world.ents)
	concepts []int32
	words    []int32
	topic    int32
	start    int32
}

type sevent struct {
	story    int32 // -1 for a noise article's own happening
	day      int32
	place    int32 // city entity
	ents     []int32
	concepts []int32
	words    []int32
}

// world holds the vocabularies of a stream.
type world struct {
	ents     []sentity
	people   int32 // ents[0:people] are people, then organisations, then countries, then cities
	orgs     int32
	country  int32
	cities   int32
	concepts int
	words    int
	topics   []string
}

type sentity struct {
	key, typ, name, country string
}

const (
	streamStartDay = 19000 // 2022-01-08
	vocabWords     = 30000
	vocabConcepts  = 6000
)

// NewStream makes the plan of a stream: its stories and events, and the order of its articles.
func NewStream(opts StreamOptions) (*Stream, error) {
	if opts.Articles <= 0 {
		return nil, fmt.Errorf("synthetic stream: need a positive number of articles, got %d", opts.Articles)
	}
	if len(opts.Langs) == 0 {
		opts.Langs = []string{"en", "ar", "fr"}
	}
	if opts.Noise == 0 {
		opts.Noise = 0.15
	}
	if opts.Copies == 0 {
		opts.Copies = 0.05
	}
	if opts.Unresolved == 0 {
		opts.Unresolved = 0.1
	}
	s := &Stream{opts: opts}
	r := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	n := opts.Articles
	s.w = newWorld(r, n)
	days := int32(max(30, n/500))

	// Stories and their events, until there are articles enough.
	type planned struct {
		event int32
		days  []int32
	}
	var plan []planned
	total := 0
	noise := int(float64(n) * opts.Noise)
	for total < n-noise {
		st := s.newStory(r, days)
		nev := 1 + geometric(r, 5)
		span := int32(14 + r.IntN(350))
		for range nev {
			if total >= n-noise {
				break
			}
			day := st.start + int32(r.IntN(int(span)))
			ev := s.newEvent(r, int32(len(s.stories)), day, &st)
			reports := min(1+geometric(r, 4), 80, n-noise-total)
			p := planned{event: int32(len(s.events))}
			for range reports {
				p.days = append(p.days, day+int32(geometric(r, 0.8)))
			}
			s.events = append(s.events, ev)
			plan = append(plan, p)
			total += reports
		}
		s.stories = append(s.stories, st)
	}
	for total < n {
		day := streamStartDay + int32(r.IntN(int(days)))
		ev := s.newEvent(r, -1, day, nil)
		plan = append(plan, planned{event: int32(len(s.events)), days: []int32{day}})
		s.events = append(s.events, ev)
		total++
	}
	// Articles in order of publication; within a day, in random order.
	for _, p := range plan {
		for _, d := range p.days {
			s.items = append(s.items, item{event: p.event, day: d, lang: s.pickLang(r), copyOf: -1, seed: r.Uint64()})
		}
	}
	slices.SortStableFunc(s.items, func(a, b item) int { return cmp.Compare(a.day, b.day) })
	r.Shuffle(len(s.items), func(i, j int) {
		if s.items[i].day == s.items[j].day {
			s.items[i], s.items[j] = s.items[j], s.items[i]
		}
	})
	slices.SortStableFunc(s.items, func(a, b item) int { return cmp.Compare(a.day, b.day) })
	// Wire copies: an article copies an earlier report of its event in its language.
	last := map[[2]int32]int32{}
	for i := range s.items {
		it := &s.items[i]
		k := [2]int32{it.event, int32(it.lang)}
		if j, ok := last[k]; ok && r.Float64() < opts.Copies*3 {
			it.copyOf = j
		}
		if it.copyOf < 0 {
			last[k] = int32(i)
		}
	}
	return s, nil
}

// geometric draws a count with the given mean.
func geometric(r *rand.Rand, mean float64) int {
	if mean <= 0 {
		return 0
	}
	p := 1 / (1 + mean)
	return int(math.Floor(math.Log(1-r.Float64()) / math.Log(1-p)))
}

// zipf draws an index in [0, n) with a Zipf-like law (exponent about 1).
func zipf(r *rand.Rand, n int) int {
	// Inverse of the continuous 1/x law over [1, n+1).
	x := math.Exp(r.Float64() * math.Log(float64(n)+1))
	return min(int(x)-1, n-1)
}

func (s *Stream) pickLang(r *rand.Rand) uint8 {
	// The first language is the most common: weights 1/2, 1/3, 1/6 for three languages.
	k := len(s.opts.Langs)
	if k == 1 {
		return 0
	}
	x := r.Float64()
	acc := 0.0
	for i := range k {
		acc += float64(k-i) / float64(k*(k+1)/2)
		if x < acc {
			return uint8(i)
		}
	}
	return uint8(k - 1)
}

func newWorld(r *rand.Rand, n int) world {
	w := world{concepts: vocabConcepts, words: vocabWords}
	np := max(500, n/8)
	no := max(100, n/40)
	nc := 120
	nci := max(300, n/50)
	for i := range np {
		given, family := pseudoWord(r, 2), pseudoWord(r, 3)
		w.ents = append(w.ents, sentity{key: fmt.Sprintf("person:%s-%s-%d", given, family, i), typ: analyse.TypePerson,
			name: title(given) + " " + title(family)})
	}
	w.people = int32(len(w.ents))
	for i := range no {
		nm := pseudoWord(r, 3)
		w.ents = append(w.ents, sentity{key: fmt.Sprintf("org:%s%d", nm, i), typ: analyse.TypeOrganisation, name: title(nm) + " Council"})
	}
	w.orgs = int32(len(w.ents))
	for i := range nc {
		code := fmt.Sprintf("%c%c%c", 'A'+i/26%26, 'A'+i%26, 'Q')
		w.ents = append(w.ents, sentity{key: "country:" + code, typ: analyse.TypeCountry, name: title(pseudoWord(r, 2)) + "ia", country: code})
	}
	w.country = int32(len(w.ents))
	for i := range nci {
		nm := pseudoWord(r, 2)
		c := w.ents[w.orgs+int32(r.IntN(nc))].country
		w.ents = append(w.ents, sentity{key: fmt.Sprintf("city:%s%d", nm, i), typ: analyse.TypeCity, name: title(nm), country: c})
	}
	w.cities = int32(len(w.ents))
	for i := range 34 {
		w.topics = append(w.topics, fmt.Sprintf("topic-%02d", i))
	}
	// People and organisations belong to countries.
	for i := range w.orgs {
		w.ents[i].country = w.ents[w.orgs+int32(r.IntN(nc))].country
	}
	return w
}

var syllables = []string{"ka", "lo", "mi", "ra", "sun", "ta", "vel", "dor", "an", "el", "bri", "cos", "fa", "ge", "hu", "in", "jor", "ku", "lam", "ne", "os", "pa", "qui", "ri", "sa", "tor", "ul", "ven", "wa", "yas", "zi", "bar"}

func pseudoWord(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
	return b.String()
}

func title(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (s *Stream) newStory(r *rand.Rand, days int32) sstory {
	st := sstory{topic: int32(r.IntN(len(s.w.topics))), start: streamStartDay + int32(r.IntN(int(days)))}
	// Two to four core entities: mostly people and countries (one country's dealings with another).
	k := 2 + r.IntN(3)
	for len(st.core) < k {
		var e int32
		switch r.IntN(3) {
		case 0:
			e = int32(zipf(r, int(s.w.people)))
		case 1:
			e = s.w.people + int32(r.IntN(int(s.w.orgs-s.w.people)))
		default:
			e = s.w.orgs + int32(zipf(r, int(s.w.country-s.w.orgs)))
		}
		if !slices.Contains(st.core, e) {
			st.core = append(st.core, e)
		}
	}
	for range 8 {
		st.concepts = append(st.concepts, int32(r.IntN(s.w.concepts)))
	}
	for range 12 {
		st.words = append(st.words, int32(200+r.IntN(s.w.words-200)))
	}
	return st
}

func (s *Stream) newEvent(r *rand.Rand, story, day int32, st *sstory) sevent {
	ev := sevent{story: story, day: day, place: s.w.country + int32(r.IntN(int(s.w.cities-s.w.country)))}
	if st == nil {
		ev.story = -1
	}
	for range 1 + r.IntN(3) {
		ev.ents = append(ev.ents, int32(r.IntN(int(s.w.people))))
	}
	for range 6 {
		ev.concepts = append(ev.concepts, int32(r.IntN(s.w.concepts)))
	}
	for range 15 {
		ev.words = append(ev.words, int32(200+r.IntN(s.w.words-200)))
	}
	return ev
}

// Len returns the number of articles of the stream.
func (s *Stream) Len() int { return len(s.items) }

// Truth returns what the generator knows of article i.
func (s *Stream) Truth(i int) Truth {
	it := &s.items[i]
	ev := &s.events[it.event]
	t := Truth{Event: fmt.Sprintf("E%d", it.event), CopyOf: int(it.copyOf)}
	if ev.story >= 0 {
		t.Story = fmt.Sprintf("S%d", ev.story)
	} else {
		t.Story = "S-" + t.Event
	}
	return t
}

// word returns the surface form of word w in language lang: each language has its own words.
func (s *Stream) word(lang string, w int32) string {
	h := uint64(w)*0x9e3779b97f4a7c15 + uint64(len(lang))*0x632be59bd9b4e019 + uint64(lang[0])
	r := rand.New(rand.NewPCG(h, h>>7))
	switch lang {
	case "ar":
		letters := []rune("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
		n := 3 + r.IntN(4)
		out := make([]rune, n)
		for i := range out {
			out[i] = letters[r.IntN(len(letters))]
		}
		return string(out)
	default:
		return pseudoWord(r, 2+r.IntN(2))
	}
}

// Article writes article i of the stream: its text and the analysis an analyser would make of it.
func (s *Stream) Article(i int) (ingest.Article, analyse.Analysis) {
	it := &s.items[i]
	src := it
	if it.copyOf >= 0 {
		src = &s.items[it.copyOf]
	}
	lang := s.opts.Langs[it.lang]
	ev := &s.events[it.event]
	var st *sstory
	if ev.story >= 0 {
		st = &s.stories[ev.story]
	}
	// The content is drawn from the original's seed, so a copy says the same things.
	r := rand.New(rand.NewPCG(src.seed, 0xa7))
	an := analyse.Analysis{Lang: lang, Published: dayStr(it.day), PublishedFrom: "metadata"}

	// Entities: the story's core and the event's own, most of them; a few others.
	var names []string
	addEnt := func(e int32, sal float64) {
		se := s.w.ents[e]
		key := se.key
		if se.typ == analyse.TypePerson && lang != s.opts.Langs[0] && r.Float64() < s.opts.Unresolved {
			key = se.key + "-" + lang
		}
		an.Entities = append(an.Entities, analyse.Entity{Key: key, Type: se.typ, Name: se.name, Country: se.country,
			Salience: sal, Mentions: []analyse.Mention{{Text: se.name, Kind: "name"}}})
		names = append(names, se.name)
	}
	if st != nil {
		for _, e := range st.core {
			if r.Float64() < 0.85 {
				addEnt(e, 0.4+0.6*r.Float64())
			}
		}
	}
	for _, e := range ev.ents {
		if r.Float64() < 0.8 {
			addEnt(e, 0.3+0.6*r.Float64())
		}
	}
	addEnt(ev.place, 0.3+0.5*r.Float64())
	country := s.w.ents[ev.place].country
	for e := s.w.orgs; e < s.w.country; e++ {
		if s.w.ents[e].country == country {
			addEnt(e, 0.2+0.3*r.Float64())
			break
		}
	}
	for range r.IntN(4) {
		addEnt(int32(zipf(r, int(s.w.cities))), 0.05+0.2*r.Float64())
	}
	// Dates: the event's day, and sometimes other days.
	an.Dates = append(an.Dates, analyse.Date{Value: dayStr(ev.day), Granularity: "day", Confidence: 0.9})
	for range r.IntN(3) {
		an.Dates = append(an.Dates, analyse.Date{Value: dayStr(ev.day - int32(r.IntN(700))), Granularity: "day", Confidence: 0.6})
	}
	// Concepts and topics.
	addConcepts := func(cs []int32, p float64) {
		for _, c := range cs {
			if r.Float64() < p {
				an.Concepts = append(an.Concepts, analyse.Concept{Key: fmt.Sprintf("c%d", c), Weight: 0.5 + 0.5*r.Float64()})
			}
		}
	}
	if st != nil {
		addConcepts(st.concepts, 0.7)
		an.Topics = append(an.Topics, analyse.Topic{ID: s.w.topics[st.topic], Score: 0.5 + 0.4*r.Float64()})
	}
	addConcepts(ev.concepts, 0.75)
	for range 6 + r.IntN(8) {
		an.Concepts = append(an.Concepts, analyse.Concept{Key: fmt.Sprintf("c%d", zipf(r, s.w.concepts)), Weight: 0.3 + 0.7*r.Float64()})
	}
	if r.IntN(2) == 0 {
		an.Topics = append(an.Topics, analyse.Topic{ID: s.w.topics[r.IntN(len(s.w.topics))], Score: 0.2 + 0.3*r.Float64()})
	}

	// Text: a title from the event's words; a body mixing the event's and the story's words, the
	// names, and common words.
	var tb strings.Builder
	for k := range 7 {
		if k > 0 {
			tb.WriteByte(' ')
		}
		tb.WriteString(s.word(lang, ev.words[r.IntN(len(ev.words))]))
	}
	titleText := tb.String()
	var bb strings.Builder
	nw := 150 + r.IntN(150)
	for k := range nw {
		if k > 0 {
			if k%18 == 0 {
				bb.WriteString(".\n")
			} else {
				bb.WriteByte(' ')
			}
		}
		switch x := r.Float64(); {
		case x < 0.12:
			bb.WriteString(s.word(lang, ev.words[r.IntN(len(ev.words))]))
		case x < 0.18 && st != nil:
			bb.WriteString(s.word(lang, st.words[r.IntN(len(st.words))]))
		case x < 0.23 && len(names) > 0:
			bb.WriteString(names[r.IntN(len(names))])
		default:
			bb.WriteString(s.word(lang, int32(zipf(r, s.w.words))))
		}
	}
	body := bb.String()
	if it.copyOf >= 0 {
		body = editLightly(rand.New(rand.NewPCG(it.seed, 0xed)), body, lang, s)
	}
	a := ingest.Article{Title: title(titleText), Body: body, Lang: lang, LangConfidence: 1,
		Published: dayStr(it.day), PublishedFrom: ingest.DateFromMetadata, Source: fmt.Sprintf("synthetic#%d", i), Format: "text"}
	a.ID = ingest.ContentID(a.Title, a.Body)
	an.ArticleID = a.ID
	return a, an
}

// editLightly replaces about one word in twenty, as an outlet's edit of a wire copy does.
func editLightly(r *rand.Rand, body, lang string, s *Stream) string {
	ws := strings.Split(body, " ")
	for i := range ws {
		if r.IntN(20) == 0 {
			ws[i] = s.word(lang, int32(zipf(r, s.w.words)))
		}
	}
	return strings.Join(ws, " ")
}

// Doc returns the Doc of article i.
func (s *Stream) Doc(i int) link.Doc {
	a, an := s.Article(i)
	return link.NewDoc(a, an, nil)
}

func dayStr(d int32) string {
	return time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02")
}
