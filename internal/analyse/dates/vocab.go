package dates

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
)

//go:embed data/*.json
var dataFS embed.FS

// kind is what a vocabulary entry is.
type kind uint8

const (
	kMonth kind = iota + 1
	kWeekday
	kOrdinal
	kRelative
	kAgoNumber
	kAgoUnit
	kAgoBefore
	kAgoAfter
	kAgoBlock
	kPrefixMod
	kSuffixMod
	kDayWord
	kMonthWord
	kYearWord
	kLink
	kApposition
	kRangeLink
	kYearCtx
	kMonthCtx
	kArticle
	kYearSuffix
	kYearBlock
	kTimeBefore
	kTimeAfter
	kFuture
	kPast
	kClauseBreak
	kAbbrev
	kOrdSuffix
	kDeterminer
	kPassiveAux
	kDayCtx
	kControl
	kInfinitive
)

// unit is the unit of a relative expression.
type unit uint8

const (
	uNone unit = iota
	uDay
	uWeek
	uMonth
	uYear
)

func parseUnit(s string) (unit, error) {
	switch s {
	case "day":
		return uDay, nil
	case "week":
		return uWeek, nil
	case "month":
		return uMonth, nil
	case "year":
		return uYear, nil
	}
	return uNone, fmt.Errorf("unknown unit %q", s)
}

// direction is the direction a modifier gives ("last", "next", "this", الماضي, المقبل, الجاري).
type direction uint8

const (
	dirNone direction = iota
	dirPast
	dirFuture
	dirThis
)

func parseDirection(s string) (direction, error) {
	switch s {
	case "past":
		return dirPast, nil
	case "future":
		return dirFuture, nil
	case "this":
		return dirThis, nil
	}
	return dirNone, fmt.Errorf("unknown direction %q", s)
}

// entry is one vocabulary item: a word or phrase of a kind, with its value.
type entry struct {
	kind kind
	key  string   // the normalised phrase, tokens joined by one space
	rest []string // normalised tokens after the first
	val  int      // month 1..12, ISO weekday 1..7, day 1..31, count, or offset
	unit unit
	dir  direction
	conf float64
	// ambiguous names need a day, a year or a month/day word next to them to count as a date.
	ambiguous bool
	// caseSensitive names count only when written with a capital letter (English months and
	// weekdays: "May", "March", "Sun").
	caseSensitive bool
}

// vocab is the compiled vocabulary of one language (or of several merged). It is immutable
// after loading and safe for concurrent use.
type vocab struct {
	lang         string
	numericOrder string // "DMY" or "MDY" for ambiguous numeric dates such as 3/4/2021
	first        map[string][]*entry
	excludeNext  map[string]map[string]bool // entry key -> next normalised token that cancels it
	excludePrev  map[string]map[string]bool // entry key -> previous normalised token that cancels it
	futurePrefix string
	futureExcl   map[string]bool
	pastSuffix   string
	conj, prep   []string
	possessives  []string
}

// fileFormat is the JSON layout of data/<lang>.json, documented in the package comment.
type fileFormat struct {
	Lang               string                                        `json:"lang"`
	CaseSensitiveNames bool                                          `json:"case_sensitive_names"`
	NumericOrder       string                                        `json:"numeric_order"`
	Months             map[string]int                                `json:"months"`
	AmbiguousMonths    []string                                      `json:"ambiguous_months"`
	Weekdays           map[string]int                                `json:"weekdays"`
	AmbiguousWeekdays  []string                                      `json:"ambiguous_weekdays"`
	Ordinals           map[string]int                                `json:"ordinals"`
	OrdinalSuffixes    []string                                      `json:"ordinal_suffixes"`
	Relative           map[string]relFormat                          `json:"relative"`
	ExcludeNext        map[string][]string                           `json:"exclude_next"`
	ExcludePrev        map[string][]string                           `json:"exclude_prev"`
	Ago                agoFormat                                     `json:"ago"`
	PrefixModifiers    map[string]string                             `json:"prefix_modifiers"`
	SuffixModifiers    map[string]string                             `json:"suffix_modifiers"`
	DayWords           []string                                      `json:"day_words"`
	MonthWords         []string                                      `json:"month_words"`
	YearWords          []string                                      `json:"year_words"`
	Links              []string                                      `json:"links"`
	Appositions        []string                                      `json:"appositions"`
	RangeLinks         []string                                      `json:"range_links"`
	YearContext        []string                                      `json:"year_context"`
	MonthContext       []string                                      `json:"month_context"`
	DayContext         []string                                      `json:"day_context"`
	Articles           []string                                      `json:"articles"`
	Determiners        []string                                      `json:"determiners"`
	YearSuffixes       []string                                      `json:"year_suffixes"`
	YearBlockSuffixes  []string                                      `json:"year_block_suffixes"`
	TimeBefore         []string                                      `json:"time_before"`
	TimeAfter          []string                                      `json:"time_after"`
	FutureMarkers      []string                                      `json:"future_markers"`
	PastMarkers        []string                                      `json:"past_markers"`
	ControlVerbs       []string                                      `json:"control_verbs"`
	Infinitive         []string                                      `json:"infinitive"`
	PastSuffix         string                                        `json:"past_suffix"`
	PastSuffixNotAfter []string                                      `json:"past_suffix_not_after"`
	FuturePrefix       string                                        `json:"future_prefix"`
	FuturePrefixExcl   []string                                      `json:"future_prefix_exclude"`
	ClauseBreaks       []string                                      `json:"clause_breaks"`
	Abbreviations      []string                                      `json:"abbreviations"`
	Clitics            struct{ Conjunctions, Prepositions []string } `json:"clitics"`
	Possessives        []string                                      `json:"possessives"`
}

type relFormat struct {
	Unit       string  `json:"unit"`
	Offset     int     `json:"offset"`
	Confidence float64 `json:"confidence"`
}

type agoFormat struct {
	Before    []string       `json:"before"`
	After     []string       `json:"after"`
	BlockNext []string       `json:"block_next"`
	Numbers   map[string]int `json:"numbers"`
	Units     map[string]struct {
		Unit  string `json:"unit"`
		Count int    `json:"count"`
	} `json:"units"`
}

// Languages with a vocabulary file.
var vocabLangs = []string{"en", "ar"}

// loadedVocabs holds the parsed vocabularies: en, ar, and both merged (for other languages).
type loadedVocabs struct {
	byLang map[string]*vocab
	both   *vocab
	err    error
}

// vocabs parses the embedded data once; the result is read-only.
var vocabs = sync.OnceValue(func() loadedVocabs {
	var lv loadedVocabs
	lv.byLang = map[string]*vocab{}
	var files []*fileFormat
	for _, l := range vocabLangs {
		name := "data/" + l + ".json"
		b, err := dataFS.ReadFile(name)
		if err != nil {
			lv.err = fmt.Errorf("dates: reading %s: %w", name, err)
			return lv
		}
		var f fileFormat
		if err := json.Unmarshal(b, &f); err != nil {
			lv.err = fmt.Errorf("dates: parsing %s: %w", name, err)
			return lv
		}
		v, err := compile(&f)
		if err != nil {
			lv.err = fmt.Errorf("dates: %s: %w", name, err)
			return lv
		}
		lv.byLang[l] = v
		files = append(files, &f)
	}
	both, err := compile(files...)
	if err != nil {
		lv.err = fmt.Errorf("dates: merging vocabularies: %w", err)
		return lv
	}
	both.lang = "und"
	both.numericOrder = "DMY"
	lv.both = both
	return lv
})

// vocabFor returns the vocabulary for a language code: "en" and "ar" (and their regional
// variants such as "en-GB") get their own, anything else both merged.
func vocabFor(lang string) *vocab {
	lv := vocabs()
	if lv.err != nil {
		// The data is embedded and checked by the tests; a broken build is a programming error.
		panic(lv.err)
	}
	l := strings.ToLower(lang)
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	if v, ok := lv.byLang[l]; ok {
		return v
	}
	return lv.both
}

// compile builds one vocabulary from one or more data files.
func compile(files ...*fileFormat) (*vocab, error) {
	v := &vocab{
		first:       map[string][]*entry{},
		excludeNext: map[string]map[string]bool{},
		excludePrev: map[string]map[string]bool{},
		futureExcl:  map[string]bool{},
	}
	for _, f := range files {
		if v.lang == "" {
			v.lang = f.Lang
			v.numericOrder = f.NumericOrder
		}
		if err := v.addFile(f); err != nil {
			return nil, err
		}
	}
	if v.numericOrder != "DMY" && v.numericOrder != "MDY" {
		return nil, fmt.Errorf("numeric_order %q is neither DMY nor MDY", v.numericOrder)
	}
	for k, es := range v.first {
		// Longest phrases first, so that the longest match wins.
		slices.SortStableFunc(es, func(a, b *entry) int { return len(b.rest) - len(a.rest) })
		v.first[k] = es
	}
	return v, nil
}

func (v *vocab) addFile(f *fileFormat) error {
	set := func(m map[string]bool, words []string) {
		for _, w := range words {
			m[normWord(w)] = true
		}
	}
	amb := map[string]bool{}
	set(amb, f.AmbiguousMonths)
	set(amb, f.AmbiguousWeekdays)
	for w, n := range f.Months {
		if n < 1 || n > 12 {
			return fmt.Errorf("month %q: %d is not 1..12", w, n)
		}
		e := v.add(kMonth, w, n)
		e.ambiguous = amb[e.key]
		e.caseSensitive = f.CaseSensitiveNames
	}
	for w, n := range f.Weekdays {
		if n < 1 || n > 7 {
			return fmt.Errorf("weekday %q: %d is not 1..7", w, n)
		}
		e := v.add(kWeekday, w, n)
		e.ambiguous = amb[e.key]
		e.caseSensitive = f.CaseSensitiveNames
	}
	for w, n := range f.Ordinals {
		if n < 1 || n > 31 {
			return fmt.Errorf("ordinal %q: %d is not 1..31", w, n)
		}
		v.add(kOrdinal, w, n)
	}
	for w, r := range f.Relative {
		u, err := parseUnit(r.Unit)
		if err != nil {
			return fmt.Errorf("relative %q: %w", w, err)
		}
		e := v.add(kRelative, w, r.Offset)
		e.unit = u
		e.conf = r.Confidence
		if e.conf == 0 {
			e.conf = 0.9
		}
		if e.conf < 0 || e.conf > 1 {
			return fmt.Errorf("relative %q: confidence %v is not 0..1", w, r.Confidence)
		}
	}
	for w, n := range f.Ago.Numbers {
		v.add(kAgoNumber, w, n)
	}
	for w, u := range f.Ago.Units {
		un, err := parseUnit(u.Unit)
		if err != nil {
			return fmt.Errorf("ago unit %q: %w", w, err)
		}
		e := v.add(kAgoUnit, w, u.Count)
		e.unit = un
	}
	for w, d := range f.PrefixModifiers {
		dir, err := parseDirection(d)
		if err != nil {
			return fmt.Errorf("prefix modifier %q: %w", w, err)
		}
		v.add(kPrefixMod, w, 0).dir = dir
	}
	for w, d := range f.SuffixModifiers {
		dir, err := parseDirection(d)
		if err != nil {
			return fmt.Errorf("suffix modifier %q: %w", w, err)
		}
		v.add(kSuffixMod, w, 0).dir = dir
	}
	lists := []struct {
		k     kind
		words []string
	}{
		{kAgoBefore, f.Ago.Before}, {kAgoAfter, f.Ago.After}, {kAgoBlock, f.Ago.BlockNext},
		{kDayWord, f.DayWords}, {kMonthWord, f.MonthWords}, {kYearWord, f.YearWords},
		{kLink, f.Links}, {kApposition, f.Appositions}, {kRangeLink, f.RangeLinks},
		{kYearCtx, f.YearContext}, {kMonthCtx, f.MonthContext}, {kArticle, f.Articles},
		{kDeterminer, f.Determiners}, {kPassiveAux, f.PastSuffixNotAfter}, {kDayCtx, f.DayContext},
		{kYearSuffix, f.YearSuffixes}, {kYearBlock, f.YearBlockSuffixes},
		{kTimeBefore, f.TimeBefore}, {kTimeAfter, f.TimeAfter},
		{kFuture, f.FutureMarkers}, {kPast, f.PastMarkers}, {kClauseBreak, f.ClauseBreaks},
		{kAbbrev, f.Abbreviations}, {kOrdSuffix, f.OrdinalSuffixes},
		{kControl, f.ControlVerbs}, {kInfinitive, f.Infinitive},
	}
	for _, l := range lists {
		for _, w := range l.words {
			v.add(l.k, w, 0)
		}
	}
	for w, next := range f.ExcludeNext {
		k := normPhrase(w)
		if v.excludeNext[k] == nil {
			v.excludeNext[k] = map[string]bool{}
		}
		set(v.excludeNext[k], next)
	}
	for w, prev := range f.ExcludePrev {
		k := normPhrase(w)
		if v.excludePrev[k] == nil {
			v.excludePrev[k] = map[string]bool{}
		}
		set(v.excludePrev[k], prev)
	}
	if f.FuturePrefix != "" {
		v.futurePrefix = normWord(f.FuturePrefix)
	}
	set(v.futureExcl, f.FuturePrefixExcl)
	if f.PastSuffix != "" {
		v.pastSuffix = normWord(f.PastSuffix)
	}
	for _, c := range f.Clitics.Conjunctions {
		v.conj = appendUnique(v.conj, normWord(c))
	}
	for _, c := range f.Clitics.Prepositions {
		v.prep = appendUnique(v.prep, normWord(c))
	}
	for _, p := range f.Possessives {
		v.possessives = appendUnique(v.possessives, strings.ToLower(strings.ReplaceAll(p, "’", "'")))
	}
	return nil
}

func appendUnique(s []string, x string) []string {
	if x == "" || slices.Contains(s, x) {
		return s
	}
	return append(s, x)
}

// add registers a phrase of a kind; the phrase is tokenised and normalised as text is.
func (v *vocab) add(k kind, phrase string, val int) *entry {
	var toks []string
	if strings.HasPrefix(phrase, "'") {
		// A contraction ("'ll") is matched against the tail of a word token ("he'll").
		toks = []string{strings.ToLower(phrase)}
	} else {
		toks = phraseTokens(phrase)
	}
	e := &entry{kind: k, val: val, key: strings.Join(toks, " ")}
	if len(toks) == 0 {
		return e // an empty phrase never matches
	}
	e.rest = toks[1:]
	v.first[toks[0]] = append(v.first[toks[0]], e)
	return e
}

// phraseTokens splits a vocabulary phrase into normalised tokens.
func phraseTokens(s string) []string {
	ts := tokenize(s, nil)
	out := make([]string, len(ts.toks))
	for i, t := range ts.toks {
		out[i] = t.norm
	}
	return out
}

func normPhrase(s string) string { return strings.Join(phraseTokens(s), " ") }

// normWord normalises a single word (or a phrase, joined by spaces).
func normWord(s string) string { return normPhrase(s) }
