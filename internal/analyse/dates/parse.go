package dates

import (
	"strings"
	"unicode/utf8"
)

// ckind is the class of a candidate date expression.
type ckind uint8

const (
	cDate    ckind = iota + 1 // parts read from the text: year, month and/or day
	cWeekday                  // a weekday without a date ("on Tuesday", الثلاثاء الماضي)
	cRel                      // a relative phrase ("yesterday", العام الماضي)
	cAgo                      // a count of units before publication ("two days ago", قبل يومين)
)

// cand is a date expression found in the text, before and after resolution.
type cand struct {
	kind       ckind
	start, end int // token range [start, end)
	skip       int // clitic bytes to skip at the start of the first token
	y, m, d    int // parts read from the text (0 when absent)
	wd         int // ISO weekday named in the expression (0 when none)
	dir        direction
	unit       unit // for cRel and cAgo
	off        int  // offset in units (cRel, cAgo) or in months (relMonth)
	relMonth   bool // the month is relative to publication ("15 الشهر الماضي")
	relYear    bool // the year is relative to publication ("March last year"), offset yOff
	yOff       int
	relConf    float64 // confidence of a relative phrase
	ambOrder   bool    // a numeric date whose day/month order was guessed
	twoDigit   bool    // a two-digit year
	d2, d2At   int     // the second day of "March 3-5" and its token
	yearConf   float64 // confidence of a bare year read from context
	future     bool    // future-tense context
	tense      tense   // the clause's tense (future is tense == tenseFuture)
	sent       int32

	// resolution
	value    string
	gran     string
	inferred bool
	conf     float64
	how      string
}

// parser holds the state of one scan; it is not shared between calls.
type parser struct {
	s     string
	v     *vocab
	ts    *tokens
	toks  []token
	cands []cand
}

// maxText is the longest text scanned (token offsets are 32-bit); the rest is ignored.
const maxText = 1<<31 - 1

func newParser(s string, v *vocab) *parser {
	if len(s) > maxText {
		s = s[:maxText]
	}
	ts := tokenize(s, v)
	return &parser{s: s, v: v, ts: ts, toks: ts.toks}
}

// parse scans the tokens once, left to right, taking at each position the longest expression
// that starts there. Every matcher looks at a bounded number of tokens, so the scan is linear.
func (p *parser) parse() []cand {
	for i := 0; i < len(p.toks); {
		c, ok := p.matchAt(i)
		if !ok {
			i++
			continue
		}
		if c.kind == cDate && c.d > 0 && !c.relMonth {
			p.rangeBefore(&c)
		}
		second, hasSecond := p.rangeSecond(&c)
		c.sent = p.toks[c.start].sent
		p.cands = append(p.cands, c)
		if hasSecond {
			p.cands = append(p.cands, second)
		}
		i = c.end
	}
	for i := range p.cands {
		c := &p.cands[i]
		c.tense = p.tenseOf(c)
		c.future = c.tense == tenseFuture
	}
	return p.cands
}

// matchAt returns the longest expression starting at token i.
func (p *parser) matchAt(i int) (cand, bool) {
	var best cand
	found := false
	try := func(c cand, ok bool) {
		if ok && (!found || c.end > best.end) {
			best, found = c, true
		}
	}
	t := &p.toks[i]
	if t.kind == tNum {
		try(p.numericAt(i))
		try(p.dayFirstAt(i))
		try(p.agoAt(i))
		try(p.yearExprAt(i))
		return best, found
	}
	if !p.ts.canStart(i) {
		return best, false // no expression starts here
	}
	try(p.dayFirstAt(i))
	try(p.monthFirstAt(i))
	try(p.weekdayAt(i))
	try(p.relativeAt(i))
	try(p.agoAt(i))
	try(p.yearExprAt(i))
	return best, found
}

// --- small readers ---

func (p *parser) norm(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.toks[i].norm
}

// glued reports whether token i is written directly after token i-1 (no space).
func (p *parser) glued(i int) bool {
	return i > 0 && i < len(p.toks) && !p.toks[i].space
}

// numAt reads a number of at most four digits at token i.
func (p *parser) numAt(i int) (val, digits int, ok bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != tNum {
		return 0, 0, false
	}
	s := p.toks[i].norm
	if len(s) > 4 {
		return 0, 0, false
	}
	for j := 0; j < len(s); j++ {
		val = val*10 + int(s[j]-'0')
	}
	return val, len(s), true
}

// isNumSep reports whether s joins the digit groups of one figure (3.5, 10:30, 1,200, 3/4).
// A dash does not: "3-5 March" is a range of days.
func isNumSep(s string) bool { return s == "." || s == "," || s == ":" || s == "/" }

// freeNumber reports whether the number at token i stands alone: not part of a longer figure
// such as 3.5, 10:30, 1,200 or A320. A glued single clitic letter (و2019) is allowed.
func (p *parser) freeNumber(i int) bool {
	if p.glued(i) {
		prev := p.toks[i-1]
		switch prev.kind {
		case tPunct:
			if isNumSep(prev.norm) && i >= 2 && p.glued(i-1) && p.toks[i-2].kind == tNum {
				return false
			}
		case tWord:
			if !p.isClitic(prev.norm) {
				return false
			}
		}
	}
	if i+2 < len(p.toks) && p.glued(i+1) && p.toks[i+1].kind == tPunct && isNumSep(p.toks[i+1].norm) &&
		p.glued(i+2) && p.toks[i+2].kind == tNum {
		return false
	}
	return true
}

func (p *parser) isClitic(w string) bool {
	for _, c := range p.v.conj {
		if w == c {
			return true
		}
	}
	for _, c := range p.v.prep {
		if w == c {
			return true
		}
	}
	return false
}

// dayAt reads a day of the month at token i: 1..31 in digits (with an ordinal suffix such as
// 3rd), or an ordinal word or phrase (fourth, الرابع, الخامس عشر).
func (p *parser) dayAt(i, start int) (d, end int, ok bool) {
	if v, n, ok := p.numAt(i); ok {
		if n > 2 || v < 1 || v > 31 || !p.freeNumber(i) {
			return 0, 0, false
		}
		end = i + 1
		if end < len(p.toks) && p.glued(end) && p.toks[end].kind == tWord {
			if !p.ts.oneAt(end, kOrdSuffix) {
				return 0, 0, false
			}
			end++
		}
		return v, end, true
	}
	if m, ok := p.at(i, kOrdinal, start); ok {
		return m.e.val, int(m.end), true
	}
	return 0, 0, false
}

// yearAt reads a four-digit year in [lo, hi] at token i, with a following era word (1967م) if
// any; a Hijri marker or a percent sign after it makes it no year.
func (p *parser) yearAt(i, lo, hi int) (y, end int, ok bool) {
	y, end, _, ok = p.yearAtEra(i, lo, hi)
	return y, end, ok
}

// yearAtEra is yearAt, also reporting whether an era word followed.
func (p *parser) yearAtEra(i, lo, hi int) (y, end int, era, ok bool) {
	v, n, ok := p.numAt(i)
	if !ok || n != 4 || v < lo || v > hi || !p.freeNumber(i) {
		return 0, 0, false, false
	}
	end = i + 1
	if end < len(p.toks) {
		if p.ts.is(end, kYearBlock) {
			return 0, 0, false, false
		}
		// A decade or a possessive: 1930's (1930s is a glued word, refused below).
		if p.glued(end) && (p.norm(end) == "'" || p.norm(end) == "’") && p.glued(end+1) && end+1 < len(p.toks) &&
			p.toks[end+1].kind == tWord {
			return 0, 0, false, false
		}
		if p.ts.oneAt(end, kYearSuffix) {
			end++
			era = true
		} else if p.glued(end) && p.toks[end].kind == tWord {
			return 0, 0, false, false
		}
	}
	return v, end, era, true
}

// monthAt reads a month name at token i, with an abbreviation's full stop when a number follows
// ("Dec. 14", "Dec.14") and a second name for the same month (آذار/مارس, حزيران (يونيو)).
func (p *parser) monthAt(i, start int) (m, end int, amb bool, skip int, ok bool) {
	mm, ok := p.at(i, kMonth, start)
	if !ok {
		return 0, 0, false, 0, false
	}
	m, end, amb, skip = mm.e.val, int(mm.end), mm.e.ambiguous, int(mm.skip)
	if p.norm(end) == "." && end+1 < len(p.toks) && p.toks[end+1].kind == tNum {
		end++
	}
	if s := p.norm(end); s == "/" || s == "(" || s == "-" {
		if m2, ok := p.at(end+1, kMonth, start); ok && m2.e.val == m {
			end = int(m2.end)
			amb = false
			if s == "(" && p.norm(end) == ")" {
				end++
			}
		}
	}
	return m, end, amb, skip, true
}

// ctxBefore reports whether a context word of kind k comes just before token i: "in 1967",
// "mid-March", "in the 1967 war".
func (p *parser) ctxBefore(i int, k kind) (bool, float64) {
	oneEnding := func(j int) bool {
		if j < 0 {
			return false
		}
		m, ok := p.ts.at(j, k)
		return ok && int(m.end) == j+1
	}
	if oneEnding(i - 1) {
		return true, 1
	}
	if i >= 2 && p.norm(i-1) == "-" && p.glued(i) && oneEnding(i-2) {
		return true, 1
	}
	if i >= 2 && p.ts.oneAt(i-1, kArticle) && oneEnding(i-2) {
		return true, 0.8
	}
	return false, 0
}

// --- matchers ---

// numericAt reads an all-numeric date: 2021-03-03, 2021/3/3, 3/3/2021, 03.03.2021, 3/3/21.
func (p *parser) numericAt(i int) (cand, bool) {
	var c cand
	if i+4 >= len(p.toks) || !p.freeNumberLeft(i) {
		return c, false
	}
	sep := p.norm(i + 1)
	if sep != "/" && sep != "-" && sep != "." {
		return c, false
	}
	for k := i + 1; k <= i+4; k++ {
		if !p.glued(k) {
			return c, false
		}
	}
	if p.norm(i+3) != sep {
		return c, false
	}
	a, na, ok1 := p.numAt(i)
	b, nb, ok2 := p.numAt(i + 2)
	z, nz, ok3 := p.numAt(i + 4)
	if !ok1 || !ok2 || !ok3 || nb > 2 {
		return c, false
	}
	// Not part of a longer run such as 1.2.3.4 or a time after it.
	if i+6 < len(p.toks) && p.glued(i+5) && (isNumSep(p.norm(i+5)) || p.norm(i+5) == "-") && p.glued(i+6) && p.toks[i+6].kind == tNum {
		return c, false
	}
	if i+5 < len(p.toks) && p.glued(i+5) && p.toks[i+5].kind == tWord {
		return c, false
	}
	c = cand{kind: cDate, start: i, end: i + 5}
	switch {
	case na == 4 && nz <= 2:
		c.y, c.m, c.d = a, b, z
	case na <= 2 && (nz == 4 || (nz == 2 && sep == "/")):
		c.y = z
		if nz == 2 {
			c.twoDigit = true
			if z < 50 {
				c.y = 2000 + z
			} else {
				c.y = 1900 + z
			}
		}
		switch {
		case a > 12 && b <= 12:
			c.d, c.m = a, b
		case b > 12 && a <= 12:
			c.m, c.d = a, b
		case a <= 12 && b <= 12:
			if p.v.numericOrder == "MDY" {
				c.m, c.d = a, b
			} else {
				c.d, c.m = a, b
			}
			c.ambOrder = a != b
		default:
			return c, false
		}
	default:
		return c, false
	}
	if c.y < 1000 || !validDate(c.y, c.m, c.d) {
		return c, false
	}
	return c, true
}

// freeNumberLeft is freeNumber's left-hand check alone.
func (p *parser) freeNumberLeft(i int) bool {
	if !p.glued(i) {
		return true
	}
	prev := p.toks[i-1]
	switch prev.kind {
	case tPunct:
		return !(isNumSep(prev.norm) && i >= 2 && p.glued(i-1) && p.toks[i-2].kind == tNum)
	case tWord:
		return p.isClitic(prev.norm)
	}
	return false
}

// yearTail reads what may follow a month: a year ("March 3, 2021", "حزيران من عام 1967") or a
// relative year ("March last year", آذار من العام الماضي).
func (p *parser) yearTail(c *cand, e int) int {
	k := e
	if s := p.norm(k); s == "," || s == "،" {
		k++
	}
	k0 := k
	if m, ok := p.at(k, kLink, c.start); ok {
		k = int(m.end)
	}
	if m, ok := p.at(k, kYearWord, c.start); ok {
		k = int(m.end)
	}
	if y, end, ok := p.yearAt(k, 1000, 2999); ok {
		c.y = y
		return end
	}
	k = k0
	if m, ok := p.at(k, kLink, c.start); ok {
		k = int(m.end)
	}
	if m, ok := p.at(k, kRelative, c.start); ok && m.e.unit == uYear {
		c.relYear, c.yOff = true, m.e.val
		return int(m.end)
	}
	return e
}

// dayFirstAt reads a date that starts with its day: "2 November", "3rd of March 2021",
// "the fourth of July", "١٥ آذار", "الرابع من حزيران ١٩٦٧", "الخامس عشر من آذار الماضي",
// "15 من الشهر الماضي".
func (p *parser) dayFirstAt(i int) (cand, bool) {
	var c cand
	d, j, ok := p.dayAt(i, i)
	if !ok {
		return c, false
	}
	skip := 0
	if m, ok := p.at(i, kOrdinal, i); ok && int(m.end) == j {
		skip = int(m.skip)
	}
	k := j
	if m, ok := p.at(k, kLink, i); ok {
		k = int(m.end)
	}
	if m, ok := p.at(k, kMonthWord, i); ok {
		k = int(m.end)
	}
	if m, mend, _, _, ok := p.monthAt(k, i); ok {
		c = cand{kind: cDate, start: i, skip: skip, d: d, m: m}
		e := p.yearTail(&c, mend)
		if e == mend {
			if sm, ok := p.at(e, kSuffixMod, i); ok {
				c.dir = sm.e.dir
				e = int(sm.end)
			}
		}
		c.end = e
		if !validDay(c.y, c.m, c.d) {
			return cand{}, false
		}
		return c, true
	}
	// A day of a month named relative to publication.
	k = j
	if m, ok := p.at(k, kLink, i); ok {
		k = int(m.end)
	}
	if m, ok := p.at(k, kRelative, i); ok && m.e.unit == uMonth {
		return cand{kind: cDate, start: i, end: int(m.end), skip: skip, d: d, relMonth: true, off: m.e.val}, true
	}
	return c, false
}

// monthFirstAt reads a date that starts with its month (or a modifier before it): "March 3,
// 2021", "Dec. 14", "October 2021", "حزيران ١٩٦٧", "last March", "آذار الماضي", "in May",
// "March 3-5".
func (p *parser) monthFirstAt(i int) (cand, bool) {
	var c cand
	j := i
	dir := dirNone
	skip := -1
	if pm, ok := p.at(j, kPrefixMod, i); ok {
		dir, j, skip = pm.e.dir, int(pm.end), int(pm.skip)
	}
	monthWord := false
	if mw, ok := p.at(j, kMonthWord, i); ok {
		if skip < 0 {
			skip = int(mw.skip)
		}
		j, monthWord = int(mw.end), true
	}
	m, mend, amb, mskip, ok := p.monthAt(j, i)
	if !ok {
		return c, false
	}
	if skip < 0 {
		skip = mskip
	}
	c = cand{kind: cDate, start: i, skip: skip, m: m, dir: dir}
	e := mend
	if dir == dirNone {
		if d, dend, ok := p.dayAt(e, i); ok {
			c.d = d
			e = dend
			if rl, ok := p.at(e, kRangeLink, i); ok {
				if d2, d2end, ok := p.dayAt(int(rl.end), i); ok && d2 > d {
					c.d2, c.d2At = d2, int(rl.end)
					e = d2end
				}
			}
			e = p.yearTail(&c, e)
			if !validDay(c.y, c.m, c.d) {
				return cand{}, false
			}
			c.end = e
			return c, true
		}
		if ye := p.yearTail(&c, e); ye != e {
			c.end = ye
			return c, true
		}
		if sm, ok := p.at(e, kSuffixMod, i); ok {
			c.dir = sm.e.dir
			c.end = int(sm.end)
			return c, true
		}
	}
	c.end = e
	if dir != dirNone || monthWord {
		return c, true
	}
	if amb {
		return cand{}, false
	}
	if ok, _ := p.ctxBefore(i, kMonthCtx); ok {
		return c, true
	}
	return cand{}, false
}

// weekdayAt reads a weekday with what may surround it: "Tuesday", "last Tuesday", "Tuesday
// night", "late Monday", "مساء يوم الثلاثاء الماضي", and a date in apposition ("Tuesday,
// March 3", "الخميس الموافق 2021/3/4").
func (p *parser) weekdayAt(i int) (cand, bool) {
	var c cand
	j := i
	skip := -1
	first := func(m match) {
		if skip < 0 {
			skip = int(m.skip)
		}
	}
	support := false
	if tb, ok := p.at(j, kTimeBefore, i); ok {
		first(tb)
		j, support = int(tb.end), true
	}
	if dw, ok := p.at(j, kDayWord, i); ok {
		first(dw)
		j, support = int(dw.end), true
	}
	dir := dirNone
	if pm, ok := p.at(j, kPrefixMod, i); ok {
		first(pm)
		dir, j, support = pm.e.dir, int(pm.end), true
	}
	w, ok := p.at(j, kWeekday, i)
	if !ok {
		return c, false
	}
	first(w)
	j = int(w.end)
	if ta, ok := p.at(j, kTimeAfter, i); ok {
		j, support = int(ta.end), true
	}
	if sm, ok := p.at(j, kSuffixMod, i); ok && dir == dirNone {
		dir, j, support = sm.e.dir, int(sm.end), true
	}
	c = cand{kind: cWeekday, start: i, end: j, skip: skip, wd: w.e.val, dir: dir}
	// A date in apposition.
	k := j
	for n := 0; n < 2; n++ {
		ap, ok := p.at(k, kApposition, i)
		if !ok {
			break
		}
		k = int(ap.end)
	}
	if d, ok := p.dayDateAt(k); ok && p.toks[k].sent == p.toks[j-1].sent {
		d.start, d.skip, d.wd = i, skip, w.e.val
		return d, true
	}
	if w.e.ambiguous && !support {
		return cand{}, false
	}
	return c, true
}

// dayDateAt reads a date with a day at token k (for a weekday in apposition).
func (p *parser) dayDateAt(k int) (cand, bool) {
	if k >= len(p.toks) {
		return cand{}, false
	}
	var best cand
	found := false
	for _, f := range []func(int) (cand, bool){p.numericAt, p.dayFirstAt, p.monthFirstAt} {
		if c, ok := f(k); ok && c.d > 0 && c.dir == dirNone && (!found || c.end > best.end) {
			best, found = c, true
		}
	}
	return best, found
}

// relativeAt reads a relative phrase with a time of day and a weekday in apposition:
// "yesterday", "late yesterday", "yesterday morning", "last year", "مساء أمس", "اليوم الخميس".
func (p *parser) relativeAt(i int) (cand, bool) {
	var c cand
	j := i
	skip := -1
	if tb, ok := p.at(j, kTimeBefore, i); ok {
		skip, j = int(tb.skip), int(tb.end)
	}
	r, ok := p.at(j, kRelative, i)
	if !ok {
		return c, false
	}
	if skip < 0 {
		skip = int(r.skip)
	}
	j = int(r.end)
	if ta, ok := p.at(j, kTimeAfter, i); ok && r.e.unit == uDay {
		j = int(ta.end)
	}
	c = cand{kind: cRel, start: i, end: j, skip: skip, unit: r.e.unit, off: r.e.val, relConf: r.e.conf}
	if r.e.unit == uDay {
		k := j
		if s := p.norm(k); s == "," || s == "،" || s == "(" {
			k++
		}
		if w, ok := p.at(k, kWeekday, i); ok && !w.e.ambiguous {
			c.wd = w.e.val
			c.end = int(w.end)
		}
	}
	return c, true
}

// agoAt reads a count of units before publication: "two days ago", "a year ago", "قبل يومين",
// "منذ ثلاثة أسابيع". Not when another event is the reference (قبل يومين من الانتخابات) or a
// year follows (منذ عام 2011).
func (p *parser) agoAt(i int) (cand, bool) {
	var c cand
	j := i
	before := false
	skip := 0
	if b, ok := p.at(j, kAgoBefore, i); ok {
		before, j, skip = true, int(b.end), int(b.skip)
	}
	count := 0
	if v, n, ok := p.numAt(j); ok && n <= 3 && p.freeNumber(j) {
		count = v
		j++
	} else if an, ok := p.at(j, kAgoNumber, i); ok {
		count = an.e.val
		j = int(an.end)
	}
	u, ok := p.at(j, kAgoUnit, i)
	if !ok {
		return c, false
	}
	if count == 0 {
		count = u.e.val
	}
	if count <= 0 || count > 1000 {
		return c, false
	}
	j = int(u.end)
	if before {
		if j < len(p.toks) && (p.ts.is(j, kAgoBlock) || p.toks[j].kind == tNum) {
			return c, false
		}
	} else {
		a, ok := p.at(j, kAgoAfter, i)
		if !ok {
			return c, false
		}
		j = int(a.end)
	}
	return cand{kind: cAgo, start: i, end: j, skip: skip, unit: u.e.unit, off: -count}, true
}

// yearExprAt reads a year standing alone in a date-like context: "in 1967", "since 2015",
// "عام ١٩٦٧", "the year 2000", "in the 1967 war", "from 2015 to 2019".
func (p *parser) yearExprAt(i int) (cand, bool) {
	if yw, ok := p.at(i, kYearWord, i); ok {
		if y, end, ok := p.yearAt(int(yw.end), 1000, 2999); ok {
			return cand{kind: cDate, start: i, end: end, skip: int(yw.skip), y: y, yearConf: 0.9}, true
		}
		return cand{}, false
	}
	y, end, era, ok := p.yearAtEra(i, 1000, 2999)
	if !ok {
		return cand{}, false
	}
	if era {
		return cand{kind: cDate, start: i, end: end, y: y, yearConf: 0.9}, true
	}
	if y < 1800 || y > 2100 {
		return cand{}, false
	}
	if ok, w := p.ctxBefore(i, kYearCtx); ok {
		return cand{kind: cDate, start: i, end: end, y: y, yearConf: 0.85 * w}, true
	}
	// The first year of a range: "(1999-2003)", "1983 – 2005".
	if rl, ok := p.ts.at(end, kRangeLink); ok && int(rl.end) == end+1 {
		if y2, _, ok := p.yearAt(end+1, 1800, 2100); ok && y2 > y && y2-y <= 100 {
			return cand{kind: cDate, start: i, end: end, y: y, yearConf: 0.8}, true
		}
	}
	// A year as an adjective after a determiner: "the 2008 season", "his 2009 visit" (English
	// writes counts of a thousand and more with a comma: "the 2,000 troops").
	if i >= 1 && p.ts.oneAt(i-1, kDeterminer) && y >= 1900 && end < len(p.toks) && p.toks[end].kind == tWord {
		return cand{kind: cDate, start: i, end: end, y: y, yearConf: 0.6}, true
	}
	// The second year of a range whose first year was read: "from 2015 to 2019", "2015-2019".
	if n := len(p.cands); n > 0 && i >= 1 && p.ts.oneAt(i-1, kRangeLink) {
		last := p.cands[n-1]
		if last.end == i-1 && last.kind == cDate && last.y > 0 && last.y < y {
			return cand{kind: cDate, start: i, end: end, y: y, yearConf: last.yearConf}, true
		}
	}
	return cand{}, false
}

// rangeBefore notes a first day written before a range ("3-5 March", "3 و4 آذار"); it is
// emitted by rangeSecond's caller as its own expression.
func (p *parser) rangeBefore(c *cand) {
	i := c.start
	if i < 2 || !p.ts.oneAt(i-1, kRangeLink) {
		return
	}
	if n := len(p.cands); n > 0 && p.cands[n-1].end > i-2 {
		return
	}
	d1, end, ok := p.dayAt(i-2, i-2)
	if !ok || end != i-1 || d1 >= c.d || p.toks[i-2].kind != tNum {
		return
	}
	first := *c
	first.start, first.end, first.skip, first.d = i-2, i-1, 0, d1
	first.wd = 0
	first.sent = p.toks[i-2].sent
	p.cands = append(p.cands, first)
}

// rangeSecond splits "March 3-5" into March 3 and March 5.
func (p *parser) rangeSecond(c *cand) (cand, bool) {
	if c.kind != cDate || c.d2 == 0 {
		return cand{}, false
	}
	d2, at := c.d2, c.d2At
	c.d2, c.d2At = 0, 0
	second := *c
	second.d, second.start, second.end, second.skip, second.wd = d2, at, at+1, 0, 0
	if !validDay(second.y, second.m, second.d) {
		return cand{}, false
	}
	// The first keeps the text up to its day; the year (if any) is shared.
	c.end = at - 1
	for c.end > c.start+1 && p.toks[c.end-1].kind == tPunct {
		c.end--
	}
	second.sent = p.toks[at].sent
	return second, true
}

// --- tense ---

// tense is the tense of a clause, as far as its markers tell.
type tense uint8

const (
	tenseNone   tense = iota // no marker, or a clause break first
	tensePast                // a past marker (said, met, قال) nearest
	tenseFuture              // a future marker (will, سوف, سيلتقي) nearest
)

// tenseOf returns the tense of the clause an expression sits in: the nearest tense marker before
// it in its clause (will, expected to, سوف, a verb with the future prefix سـ; said, met, a verb
// in -ed), where a past verb that governs a "to"-infinitive before the expression puts it ahead
// ("urged it to complete the link before June"); failing that, the first marker after it in its
// clause ("the elections in June were marred"); tenseNone when neither tells.
func (p *parser) tenseOf(c *cand) tense {
	switch c.dir {
	case dirFuture:
		return tenseFuture
	case dirPast:
		return tensePast
	}
	sent := p.toks[c.start].sent
	inf := false
	brk := false
	for k := c.start - 1; k >= 0 && k >= c.start-12; k-- {
		if p.toks[k].sent != sent {
			break
		}
		if p.infinitiveAt(k) {
			inf = true
		}
		if t, decided := p.tenseMarker(k, c.start); decided {
			if t == tensePast && inf && p.ts.oneAt(k, kControl) {
				return tenseFuture
			}
			if t != tenseNone {
				return t
			}
			brk = true // a clause break: the clause the expression is in starts after it
			break
		}
	}
	// At the head of the sentence, and for a month alone anywhere, look into the clause that
	// follows.
	head := c.start == 0 || p.toks[c.start-1].sent != sent ||
		(c.start >= 1 && p.isContextWord(c.start-1) && (c.start == 1 || p.toks[c.start-2].sent != sent))
	bareMonth := c.kind == cDate && c.m > 0 && c.d == 0 && c.y == 0 && !c.relYear
	if !head && !bareMonth || brk && !bareMonth {
		return tenseNone
	}
	for k := c.end; k < len(p.toks) && k < c.end+8; k++ {
		if p.toks[k].sent != sent {
			break
		}
		if t, decided := p.tenseMarker(k, len(p.toks)); decided {
			return t
		}
	}
	return tenseNone
}

// infinitiveAt reports whether token k is an infinitive marker before a verb: "to" and a word in
// lower case that is no article or determiner ("to complete", not "to the", "to Paris").
func (p *parser) infinitiveAt(k int) bool {
	if !p.ts.oneAt(k, kInfinitive) || k+1 >= len(p.toks) {
		return false
	}
	n := &p.toks[k+1]
	return n.kind == tWord && !n.upper && !p.ts.is(k+1, kArticle) && !p.ts.oneAt(k+1, kDeterminer)
}

func (p *parser) isContextWord(k int) bool {
	return p.ts.is(k, kYearCtx) || p.ts.is(k, kMonthCtx) || p.toks[k].kind == tPunct
}

// tenseMarker reports the tense token k marks (decided true), tenseNone with decided true at a
// clause break, and decided false for a token that tells nothing.
func (p *parser) tenseMarker(k, limit int) (t tense, decided bool) {
	tk := &p.toks[k]
	if m, ok := p.ts.at(k, kFuture); ok && int(m.end) <= limit {
		return tenseFuture, true
	}
	if p.ts.is(k, kClauseBreak) {
		return tenseNone, true
	}
	if p.ts.is(k, kPast) {
		return tensePast, true
	}
	if tk.kind != tWord {
		return tenseNone, false
	}
	if fp := p.v.futurePrefix; fp != "" {
		w := stripConj(tk.norm, p.v)
		if strings.HasPrefix(w, fp) && !p.v.futureExcl[w] && utf8.RuneCountInString(w) >= 4 {
			r, _ := utf8.DecodeRuneInString(w[len(fp):])
			if r == 'ي' || r == 'ت' || r == 'ن' {
				return tenseFuture, true
			}
		}
	}
	if ps := p.v.pastSuffix; ps != "" && strings.HasSuffix(tk.norm, ps) && utf8.RuneCountInString(tk.norm) >= 5 &&
		!(k > 0 && p.ts.is(k-1, kPassiveAux)) {
		return tensePast, true // a past participle after "be" ("to be sentenced") does not decide
	}
	return tenseNone, false
}

// at returns the longest match of kind k at token j; a word with a clitic stripped (وأمس)
// counts only at the start of the expression, so that "صباح اليوم ومساء أمس" is two.
func (p *parser) at(j int, k kind, start int) (match, bool) {
	m, ok := p.ts.at(j, k)
	if ok && m.skip > 0 && j != start {
		return p.ts.atNoClitic(j, k)
	}
	return m, ok
}
