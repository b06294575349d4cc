package dates

import (
	"fmt"
	"math"
	"time"
)

// Ref is the reference a text's dates are resolved against.
type Ref struct {
	// Published is the article's publication date, YYYY-MM-DD (a time after it, as in
	// 2021-02-17T10:00:00Z, is ignored); "" when unknown. A malformed value counts as unknown.
	Published string
}

// Expr is one date expression of a text and its resolution.
type Expr struct {
	// Text is the expression as written: Text == text[Start:End].
	Text string
	// Start and End are byte offsets into the original text. They never split a rune.
	Start, End int
	// Value is the resolved date: YYYY-MM-DD, YYYY-MM or YYYY; "" when it cannot be fixed.
	Value string
	// Granularity is "day", "month" or "year" after Value; "" when Value is "".
	Granularity string
	// Relative is true for expressions relative to the time of writing: "on Tuesday",
	// "yesterday", "last year", "last March", اليوم, آذار الماضي.
	Relative bool
	// Inferred is true when some part (typically the year) was inferred from the text rather
	// than read, or resolved from the publication date.
	Inferred bool
	// Confidence is how sure the resolution is, 0..1 (0 when Value is "").
	Confidence float64
	// How explains the resolution in a few words: "the Wednesday on or before publication
	// 2021-02-17", "day and month as written, year 2022 inferred from 'October 2021' and
	// 'Last year'".
	How string
}

// Find returns the date expressions of text in text order, resolved against ref. lang is an
// ISO 639-1 code: "en" and "ar" (and regional forms such as "en-GB") use their vocabulary; any
// other code, "und" or "" uses both. Numeric dates (2021-03-03, 3/3/2021) are found in every
// language. Find never reads the clock: without a publication date, nothing is filled from
// today's date. Time and memory are linear in the length of text; text beyond 2 GiB is
// ignored.
func Find(text, lang string, ref Ref) []Expr {
	pub, hasPub := parseRef(ref.Published)
	p := newParser(text, vocabFor(lang))
	p.parse()
	resolve(p, pub, hasPub)
	return p.exprs()
}

// InferPublication guesses the publication date of a text from the text alone, for articles
// whose metadata has none. It returns YYYY-MM-DD, or YYYY when only the year can be told, with a
// confidence 0..1 and an explanation; "" when the text does not tell. In order of preference:
// a relative day next to a full date ("today, 3 March 2021" → 2021-03-03); a full date at the
// head of the text (a dateline); the latest full date when nothing in the text points later;
// the year implied by a relative year and a written one ("Last year … in October 2021" → 2022).
func InferPublication(text, lang string) (date string, confidence float64, how string) {
	p := newParser(text, vocabFor(lang))
	p.parse()
	resolve(p, time.Time{}, false)
	cs := p.cands
	isFull := func(c *cand) bool {
		return c.kind == cDate && c.y > 0 && c.m > 0 && c.d > 0 && c.value != "" && !c.inferred
	}
	// A relative day in apposition with a full date.
	for i := range cs {
		c := &cs[i]
		if c.kind != cRel || c.unit != uDay {
			continue
		}
		for _, j := range []int{i - 1, i + 1} {
			if j < 0 || j >= len(cs) || !isFull(&cs[j]) || cs[j].sent != c.sent {
				continue
			}
			d := &cs[j]
			gap := d.start - c.end
			if j < i {
				gap = c.start - d.end
			}
			if gap > 3 {
				continue
			}
			t := civil(d.y, d.m, d.d).AddDate(0, 0, -c.off)
			if !inRange(t) {
				continue
			}
			return fmtDay(t), 0.85, fmt.Sprintf("'%s' next to the full date '%s'", p.textOf(c), p.textOf(d))
		}
	}
	// A full date at the head of the text (a dateline).
	if d := p.dateline(); d >= 0 {
		return cs[d].value, 0.75, fmt.Sprintf("the full date '%s' at the head of the text", p.textOf(&cs[d]))
	}
	// The latest full date that dates an event (introduced by "on", في ...: "the June 4, 1967
	// borders" names a thing, not the time of writing), when no month written with a year points
	// later. It is likelier the time of writing when it comes early (news puts its date in the
	// lead) and when the text speaks of days relative to the writing (yesterday, on Tuesday).
	var latest *cand
	var maxMonth [2]int
	relDays := false
	for i := range cs {
		c := &cs[i]
		if c.kind == cWeekday || (c.kind == cRel && c.unit == uDay) {
			relDays = true
		}
		if c.kind != cDate || c.future || c.y == 0 || c.m == 0 {
			continue
		}
		if c.y > maxMonth[0] || (c.y == maxMonth[0] && c.m > maxMonth[1]) {
			maxMonth = [2]int{c.y, c.m}
		}
		if isFull(c) && (latest == nil || later(c, latest)) {
			if ok, _ := p.ctxBefore(c.start, kDayCtx); ok {
				latest = c
			}
		}
	}
	if latest != nil && (latest.y > maxMonth[0] || (latest.y == maxMonth[0] && latest.m >= maxMonth[1])) {
		conf := 0.3
		if latest.sent <= 2 {
			conf = 0.45
		}
		if relDays {
			conf += 0.05
		}
		if latest.ambOrder {
			conf -= 0.15
		}
		return latest.value, conf, fmt.Sprintf("the latest full date in the text, '%s'", p.textOf(latest))
	}
	r := &resolver{p: p}
	yg := r.inferYear(false)
	// A day and month at the head of the text (a dateline without a year) with the year the
	// text's relative and written dates imply: the day of writing.
	if h := p.headDate(true); h >= 0 && yg.ok {
		if c := &cs[h]; validDate(yg.y, c.m, c.d) {
			return fmtDay(civil(yg.y, c.m, c.d)), math.Min(0.6, yg.conf),
				fmt.Sprintf("the day and month '%s' at the head of the text, %s", p.textOf(c), yg.how)
		}
	}
	if yg.ok {
		return fmtYear(yg.y), 0.5, yg.how
	}
	return "", 0, "no date in the text fixes the publication date"
}

// span returns the byte offsets of a candidate in the original text.
func (p *parser) span(c *cand) (int, int) {
	b := int(p.toks[c.start].start) + c.skip
	e := int(p.toks[c.end-1].end)
	if b > e {
		b = int(p.toks[c.start].start)
	}
	return b, e
}

func (p *parser) textOf(c *cand) string {
	b, e := p.span(c)
	return p.s[b:e]
}

// exprs converts the resolved candidates to expressions in text order.
func (p *parser) exprs() []Expr {
	if len(p.cands) == 0 {
		return nil
	}
	out := make([]Expr, 0, len(p.cands))
	for i := range p.cands {
		c := &p.cands[i]
		b, e := p.span(c)
		out = append(out, Expr{
			Text:        p.s[b:e],
			Start:       b,
			End:         e,
			Value:       c.value,
			Granularity: c.gran,
			Relative:    c.kind == cWeekday || c.kind == cRel || c.kind == cAgo || c.dir != dirNone || c.relMonth || c.relYear,
			Inferred:    c.inferred && c.value != "",
			Confidence:  c.conf,
			How:         c.how,
		})
	}
	return out
}
