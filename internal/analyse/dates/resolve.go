package dates

import (
	"fmt"
	"math"
	"time"
)

// --- calendar helpers (pure: no clock) ---

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// validDate reports whether y-m-d is a date of the Gregorian calendar with a four-digit year.
func validDate(y, m, d int) bool {
	return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

// validDay checks a day against its month, allowing 29 February when the year is unknown.
func validDay(y, m, d int) bool {
	if y == 0 {
		return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(2000, m)
	}
	return validDate(y, m, d)
}

func civil(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func inRange(t time.Time) bool { return t.Year() >= 1000 && t.Year() <= 9999 }

func fmtDay(t time.Time) string { return t.Format("2006-01-02") }

func fmtMonth(y, m int) string { return fmt.Sprintf("%04d-%02d", y, m) }

func fmtYear(y int) string { return fmt.Sprintf("%04d", y) }

// isoWeekday is 1 (Monday) .. 7 (Sunday).
func isoWeekday(t time.Time) int {
	w := int(t.Weekday())
	if w == 0 {
		return 7
	}
	return w
}

func weekdayName(iso int) string { return time.Weekday(iso % 7).String() }

// parseRef reads a publication date: YYYY-MM-DD, optionally followed by a time ("T..." or " ...").
func parseRef(s string) (time.Time, bool) {
	if len(s) < 10 || (len(s) > 10 && s[10] != 'T' && s[10] != ' ') {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil || !inRange(t) {
		return time.Time{}, false
	}
	return t, true
}

// --- resolution ---

// resolver resolves the candidates of one text against a publication date (when known).
type resolver struct {
	p      *parser
	pub    time.Time
	hasPub bool
	yi     yearGuess
	// dateline is a full date at the head of the text (index into the candidates, -1 if none).
	dateline int
}

// yearGuess is the publication year inferred from the text when no publication date is given.
type yearGuess struct {
	y    int
	conf float64
	how  string
	ok   bool
}

func (r *resolver) text(c *cand) string {
	b, e := r.p.span(c)
	return r.p.s[b:e]
}

func (r *resolver) setDay(c *cand, t time.Time, conf float64, how string) {
	if !inRange(t) {
		r.unresolved(c, "out of the four-digit year range")
		return
	}
	c.value, c.gran, c.conf, c.how = fmtDay(t), "day", conf, how
}

func (r *resolver) setMonth(c *cand, y, m int, conf float64, how string) {
	if y < 1000 || y > 9999 {
		r.unresolved(c, "out of the four-digit year range")
		return
	}
	c.value, c.gran, c.conf, c.how = fmtMonth(y, m), "month", conf, how
}

func (r *resolver) setYear(c *cand, y int, conf float64, how string) {
	if y < 1000 || y > 9999 {
		r.unresolved(c, "out of the four-digit year range")
		return
	}
	c.value, c.gran, c.conf, c.how = fmtYear(y), "year", conf, how
}

func (r *resolver) unresolved(c *cand, how string) {
	c.value, c.gran, c.conf, c.inferred, c.how = "", "", 0, false, how
}

// resolve fills the value of every candidate.
func resolve(p *parser, pub time.Time, hasPub bool) {
	r := &resolver{p: p, pub: pub, hasPub: hasPub, dateline: p.dateline()}
	if !hasPub {
		r.yi = r.inferYear(true)
	}
	for i := range p.cands {
		c := &p.cands[i]
		switch c.kind {
		case cDate:
			r.date(i)
		case cRel:
			r.relative(c)
		case cAgo:
			r.ago(c)
		}
	}
	// Weekdays last: without a publication date they hang on an earlier resolved day.
	for i := range p.cands {
		if c := &p.cands[i]; c.kind == cWeekday {
			r.weekday(i)
		}
	}
	for i := range p.cands {
		c := &p.cands[i]
		c.conf = math.Round(c.conf*100) / 100
	}
}

func (r *resolver) pubStr() string { return fmtDay(r.pub) }

func (r *resolver) date(i int) {
	c := &r.p.cands[i]
	switch {
	case c.relMonth:
		if !r.hasPub {
			r.unresolved(c, "the month is relative and there is no publication date")
			return
		}
		t := civil(r.pub.Year(), int(r.pub.Month()), 1).AddDate(0, c.off, 0)
		if !validDate(t.Year(), int(t.Month()), c.d) {
			r.unresolved(c, "not a valid date")
			return
		}
		r.setDay(c, civil(t.Year(), int(t.Month()), c.d), 0.85,
			fmt.Sprintf("day %d of the month %s, relative to publication %s", c.d, t.Format("2006-01"), r.pubStr()))
	case c.y > 0 && c.m > 0 && c.d > 0:
		conf, how := 0.95, "as written"
		if c.ambOrder {
			conf = 0.6
			if r.p.v.numericOrder == "MDY" {
				how = "numeric date read month first (the order is ambiguous)"
			} else {
				how = "numeric date read day first (the order is ambiguous)"
			}
		}
		if c.twoDigit {
			conf -= 0.1
			how += "; two-digit year"
		}
		r.setDay(c, civil(c.y, c.m, c.d), conf, how)
	case c.y > 0 && c.m > 0:
		r.setMonth(c, c.y, c.m, 0.95, "as written")
	case c.y > 0:
		conf := c.yearConf
		if conf == 0 {
			conf = 0.9
		}
		r.setYear(c, c.y, conf, "year in a date context")
	case c.m > 0:
		r.partial(i)
	default:
		r.unresolved(c, "no date parts")
	}
	r.checkWeekday(c)
}

// partial resolves a month (and day) written without a year.
func (r *resolver) partial(i int) {
	c := &r.p.cands[i]
	what := "day and month"
	if c.d == 0 {
		what = "month"
	}
	var y int
	var conf float64
	var how string
	switch {
	case c.relYear && r.hasPub:
		y = r.pub.Year() + c.yOff
		conf, how = 0.85, fmt.Sprintf("%s as written, year %+d from publication %s", what, c.yOff, r.pubStr())
	case c.relYear && r.yi.ok:
		y = r.yi.y + c.yOff
		conf, how = r.yi.conf*0.9, fmt.Sprintf("%s as written, year %+d from the inferred %s", what, c.yOff, r.yi.how)
		c.inferred = true
	case c.dir == dirNone && r.clauseYear(i) > 0:
		a := &r.p.cands[r.clauseYear(i)-1]
		y, conf = r.yearOf(a)
		conf = math.Min(conf, 0.75)
		how = fmt.Sprintf("%s as written, year from '%s' earlier in the clause", what, r.text(a))
		c.inferred = a.inferred
	case r.hasPub:
		var note string
		y, note = yearFromPub(r.pub, c.m, c.d, c.dir, c.tense)
		conf = 0.85
		if c.d == 0 {
			conf = 0.8
		}
		if y != r.pub.Year() && c.dir == dirNone {
			conf -= 0.1
		}
		how = fmt.Sprintf("%s as written, %s %s", what, note, r.pubStr())
	case r.yi.ok:
		y = r.yi.y
		conf = r.yi.conf
		if c.dir != dirNone {
			conf *= 0.7
		}
		how = fmt.Sprintf("%s as written, %s", what, r.yi.how)
		c.inferred = true
	default:
		r.unresolved(c, what+" without a year, no publication date and no year in the text")
		return
	}
	if c.d == 0 {
		r.setMonth(c, y, c.m, conf, how)
		return
	}
	if !validDate(y, c.m, c.d) {
		r.unresolved(c, fmt.Sprintf("%d %s is not a date in %d", c.d, time.Month(c.m), y))
		return
	}
	r.setDay(c, civil(y, c.m, c.d), conf, how)
}

// yearFromPub chooses the year of a month (and day) written without one. A day and month take
// the publication year, or the year before when the date would fall more than about two months
// after publication (the year after in a future-tense clause when it would fall before it). A
// month alone is the nearest such month consistent with the tense: in a future-tense clause the
// first on or after the publication month, in a past-tense one the last on or before it, else
// the nearer of the two (the earlier on a tie). "last March" and "آذار الماضي" take the latest
// such month before the publication month, "next March" the first after it.
func yearFromPub(pub time.Time, m, d int, dir direction, ts tense) (int, string) {
	future := ts == tenseFuture
	py, pm := pub.Year(), int(pub.Month())
	name := time.Month(m).String()
	switch dir {
	case dirPast:
		if m < pm {
			return py, "the last " + name + " before publication"
		}
		return py - 1, "the last " + name + " before publication"
	case dirFuture:
		if m > pm {
			return py, "the next " + name + " after publication"
		}
		return py + 1, "the next " + name + " after publication"
	case dirThis:
		return py, "year of publication"
	}
	if d == 0 {
		diff := m - pm
		switch {
		case ts == tenseFuture && diff < 0:
			return py + 1, "the next " + name + " (future-tense clause) on or after the month of publication"
		case ts == tenseFuture:
			return py, "the next " + name + " (future-tense clause) on or after the month of publication"
		case ts == tensePast && diff > 0:
			return py - 1, "the last " + name + " (past-tense clause) on or before the month of publication"
		case ts == tensePast:
			return py, "the last " + name + " (past-tense clause) on or before the month of publication"
		case diff >= 6:
			return py - 1, "the nearest " + name + " to the month of publication"
		case diff < -6:
			return py + 1, "the nearest " + name + " to the month of publication"
		}
		return py, "the nearest " + name + " to the month of publication"
	}
	dd := d
	if n := daysIn(py, m); dd > n {
		dd = n
	}
	t := civil(py, m, dd)
	if future && t.Before(pub.AddDate(0, 0, -7)) {
		return py + 1, "the next occurrence (future context) after publication"
	}
	if !future && t.After(pub.AddDate(0, 0, 62)) {
		return py - 1, "the year before publication (it would be more than two months after)"
	}
	return py, "year of publication"
}

// checkWeekday compares a weekday written with a date ("Tuesday, March 3") with the date.
func (r *resolver) checkWeekday(c *cand) {
	if c.wd == 0 || c.gran != "day" {
		return
	}
	t, err := time.Parse("2006-01-02", c.value)
	if err != nil {
		return
	}
	if isoWeekday(t) == c.wd {
		if c.y == 0 || c.inferred {
			c.conf = math.Min(0.95, c.conf+0.1)
			c.how += "; the weekday agrees"
		}
		return
	}
	c.conf *= 0.6
	c.how += fmt.Sprintf("; but %s is a %s, not a %s", c.value, t.Weekday(), weekdayName(c.wd))
}

// withoutPub resolves a relative expression when there is no publication date: only a year
// can be fixed, from the inferred publication year. It reports whether it handled c.
func (r *resolver) withoutPub(c *cand, yearOff int, conf float64) bool {
	if r.hasPub {
		return false
	}
	if c.unit == uYear && r.yi.ok {
		c.inferred = true
		r.setYear(c, r.yi.y+yearOff, conf, fmt.Sprintf("%+d year(s) from the %s", yearOff, r.yi.how))
		return true
	}
	r.unresolved(c, "relative to the publication date, which is unknown")
	return true
}

func (r *resolver) relative(c *cand) {
	if r.withoutPub(c, c.off, r.yi.conf) {
		return
	}
	pub := r.pubStr()
	switch c.unit {
	case uDay:
		how := "the publication date " + pub
		if c.off != 0 {
			how = fmt.Sprintf("%d day(s) %s publication %s", abs(c.off), beforeAfter(c.off), pub)
		}
		r.setDay(c, r.pub.AddDate(0, 0, c.off), c.relConf, how)
		if c.wd != 0 && c.value != "" {
			t := r.pub.AddDate(0, 0, c.off)
			if isoWeekday(t) == c.wd {
				c.conf = math.Min(0.95, c.conf+0.05)
				c.how += "; the weekday agrees"
			} else {
				c.conf *= 0.6
				c.how += fmt.Sprintf("; but it is a %s, not a %s", t.Weekday(), weekdayName(c.wd))
			}
		}
	case uWeek:
		mon := r.pub.AddDate(0, 0, 1-isoWeekday(r.pub)+7*c.off)
		r.unresolved(c, fmt.Sprintf("the week of %s to %s (Monday to Sunday), relative to publication %s; a week has no single date",
			fmtDay(mon), fmtDay(mon.AddDate(0, 0, 6)), pub))
	case uMonth:
		t := civil(r.pub.Year(), int(r.pub.Month()), 1).AddDate(0, c.off, 0)
		r.setMonth(c, t.Year(), int(t.Month()), c.relConf, fmt.Sprintf("month %+d from publication %s", c.off, pub))
	case uYear:
		r.setYear(c, r.pub.Year()+c.off, c.relConf, fmt.Sprintf("year %+d from publication %s", c.off, pub))
	}
}

func (r *resolver) ago(c *cand) {
	n := -c.off
	if r.withoutPub(c, -n, r.yi.conf*0.9) {
		return
	}
	pub := r.pubStr()
	switch c.unit {
	case uDay:
		r.setDay(c, r.pub.AddDate(0, 0, -n), 0.8, fmt.Sprintf("%d day(s) before publication %s", n, pub))
	case uWeek:
		r.setDay(c, r.pub.AddDate(0, 0, -7*n), 0.5, fmt.Sprintf("about %d day(s) before publication %s", 7*n, pub))
	case uMonth:
		t := civil(r.pub.Year(), int(r.pub.Month()), 1).AddDate(0, -n, 0)
		r.setMonth(c, t.Year(), int(t.Month()), 0.75, fmt.Sprintf("%d month(s) before publication %s", n, pub))
	case uYear:
		r.setYear(c, r.pub.Year()-n, 0.8, fmt.Sprintf("%d year(s) before publication %s", n, pub))
	}
}

// weekday resolves a weekday: with a publication date, the latest such day on or before it (the
// next on or after it in a future-tense clause; strictly before for "last", strictly after for
// "next"); without one, the first such day on or after the nearest earlier day-date of the text.
func (r *resolver) weekday(i int) {
	c := &r.p.cands[i]
	name := weekdayName(c.wd)
	if r.hasPub {
		days, how := weekdayFrom(r.pub, c.wd, c.dir, c.future)
		conf := 0.85
		if days > 0 || c.future {
			conf = 0.8
		}
		r.setDay(c, r.pub.AddDate(0, 0, days), conf, how+" publication "+r.pubStr())
		return
	}
	// A dateline is the time of writing: the tense decides, as with a publication date.
	// Otherwise hang the weekday on the nearest earlier day-date of the text (within two
	// sentences, written plainly, and not older than the year before the inferred publication
	// year): a story told in order ("arrived on 2 November ... met on Thursday") moves
	// forward, so the weekday is the first such day on or after it.
	anchor := -1
	for j := i - 1; j >= 0 && r.dateline < 0; j-- {
		a := &r.p.cands[j]
		if c.sent-a.sent > 2 {
			break
		}
		if a.gran != "day" || a.value == "" || a.dir != dirNone || a.kind == cRel || a.kind == cAgo {
			continue
		}
		if r.yi.ok && a.value < fmtYear(r.yi.y-1) {
			continue
		}
		anchor = j
		break
	}
	if r.dateline >= 0 && r.dateline < i {
		d := &r.p.cands[r.dateline]
		dl, _ := time.Parse("2006-01-02", d.value)
		days, how := weekdayFrom(dl, c.wd, c.dir, c.future)
		c.inferred = true
		r.setDay(c, dl.AddDate(0, 0, days), 0.6,
			fmt.Sprintf("%s the dateline '%s' (%s); no publication date", how, r.text(d), d.value))
		return
	}
	if anchor < 0 || c.dir == dirPast {
		r.unresolved(c, "a weekday with no publication date and no earlier day-date to hang on")
		return
	}
	a := &r.p.cands[anchor]
	t, _ := time.Parse("2006-01-02", a.value)
	t = t.AddDate(0, 0, (c.wd-isoWeekday(t)+7)%7)
	c.inferred = true
	r.setDay(c, t, math.Min(a.conf, 0.9)*0.65,
		fmt.Sprintf("the %s on or after '%s' (%s); no publication date", name, r.text(a), a.value))
}

// weekdayFrom returns the days from a reference day to a weekday: the latest such day on or
// before it; in a future-tense clause the first on or after it; strictly before for "last",
// strictly after for "next".
func weekdayFrom(ref time.Time, wd int, dir direction, future bool) (int, string) {
	rw := isoWeekday(ref)
	name := weekdayName(wd)
	switch {
	case dir == dirPast:
		back := (rw - wd + 7) % 7
		if back == 0 {
			back = 7
		}
		return -back, "the " + name + " before"
	case dir == dirFuture:
		fwd := (wd - rw + 7) % 7
		if fwd == 0 {
			fwd = 7
		}
		return fwd, "the " + name + " after"
	case future:
		return (wd - rw + 7) % 7, "in a future-tense clause, the " + name + " on or after"
	}
	return -((rw - wd + 7) % 7), "the " + name + " on or before"
}

// clauseYear returns 1 + the index of the nearest expression earlier in the same clause that
// fixes a year ("last year after a border incident on 14 November", "In 2019, ... on 5 June"),
// or 0 when there is none.
func (r *resolver) clauseYear(i int) int {
	c := &r.p.cands[i]
	for j := i - 1; j >= 0; j-- {
		a := &r.p.cands[j]
		if a.sent != c.sent || c.start-a.end > 10 {
			return 0
		}
		for k := a.end; k < c.start; k++ {
			if n := r.p.toks[k].norm; n == "," || n == "،" || n == ";" || r.p.ts.is(k, kClauseBreak) {
				return 0
			}
		}
		if (a.kind == cDate && a.y > 0 && !a.twoDigit) || (a.kind == cRel && a.unit == uYear && a.value != "") {
			return j + 1
		}
		if a.kind == cDate || a.kind == cRel {
			return 0 // a nearer date without a year of its own
		}
	}
	return 0
}

// yearOf returns the year an expression fixes, with its confidence.
func (r *resolver) yearOf(a *cand) (int, float64) {
	if a.kind == cDate && a.y > 0 {
		return a.y, 0.9
	}
	y := 0
	fmt.Sscanf(a.value, "%d", &y)
	return y, a.conf
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func beforeAfter(n int) string {
	if n < 0 {
		return "before"
	}
	return "after"
}

// inferYear guesses the publication year from the text: first from a relative year or month
// and a written year in the same sentence ("Last year ... in October 2021" → 2022); failing
// that (when weak is true) from the latest full date, then the latest year written.
func (r *resolver) inferYear(weak bool) yearGuess {
	cs := r.p.cands
	if weak && r.dateline >= 0 {
		d := &cs[r.dateline]
		return yearGuess{y: d.y, conf: 0.75, ok: true,
			how: fmt.Sprintf("year %d of the dateline '%s'", d.y, r.text(d))}
	}
	votes := map[int]int{}
	first := map[int]string{}
	// The dated candidates of each sentence, in order: a relative expression only pairs with
	// dates of its own sentence, so looking there alone keeps this linear in the text.
	dated := map[int32][]int{}
	for j := range cs {
		if e := &cs[j]; e.kind == cDate && e.y != 0 && !e.twoDigit {
			dated[e.sent] = append(dated[e.sent], j)
		}
	}
	for i := range cs {
		rel := &cs[i]
		var relOff int
		switch {
		case rel.kind == cRel && rel.unit == uYear:
			relOff = rel.off
		case rel.kind == cAgo && rel.unit == uYear:
			relOff = rel.off
		case rel.kind == cRel && rel.unit == uMonth:
		default:
			continue
		}
		for _, j := range dated[rel.sent] {
			e := &cs[j]
			if j == i {
				continue
			}
			var y int
			if rel.unit == uMonth {
				if e.m == 0 {
					continue
				}
				idx := e.y*12 + e.m - 1 - rel.off
				y = idx / 12
			} else {
				y = e.y - relOff
			}
			votes[y]++
			if _, ok := first[y]; !ok {
				first[y] = fmt.Sprintf("'%s' and '%s'", r.text(e), r.text(rel))
			}
		}
	}
	best, bestVotes := 0, 0
	for y, n := range votes {
		if n > bestVotes || (n == bestVotes && y > best) {
			best, bestVotes = y, n
		}
	}
	if bestVotes > 0 {
		return yearGuess{y: best, conf: math.Min(0.7, 0.55+0.05*float64(bestVotes)), ok: true,
			how: fmt.Sprintf("year %d inferred from %s", best, first[best])}
	}
	if !weak {
		return yearGuess{}
	}
	var full, year *cand
	for i := range cs {
		e := &cs[i]
		if e.kind != cDate || e.y == 0 || e.future {
			continue
		}
		if e.m > 0 && e.d > 0 && (full == nil || later(e, full)) {
			full = e
		}
		if year == nil || e.y > year.y {
			year = e
		}
	}
	if full != nil && full.y >= year.y {
		return yearGuess{y: full.y, conf: 0.45, ok: true,
			how: fmt.Sprintf("year %d inferred from the latest full date '%s'", full.y, r.text(full))}
	}
	if year != nil {
		return yearGuess{y: year.y, conf: 0.3, ok: true,
			how: fmt.Sprintf("year %d inferred from the latest year written, '%s'", year.y, r.text(year))}
	}
	return yearGuess{}
}

// later reports whether the full date a is after b.
func later(a, b *cand) bool {
	if a.y != b.y {
		return a.y > b.y
	}
	if a.m != b.m {
		return a.m > b.m
	}
	return a.d > b.d
}

// dateline returns the index of a full date at the head of the text, or -1: in the first or
// second sentence (a title may come first), after at most three words of its sentence
// ("AMMAN, March 3, 2021 —", "عمّان ٣ آذار ٢٠٢١ -", "Published: 2 May 2020").
func (p *parser) dateline() int { return p.headDate(false) }

// headDate returns the index of a date at the head of the text as dateline does: a full date,
// or with partial a day and month without a year ("عمان 12 آب (بترا) -", "RIYADH, Feb 15 —").
func (p *parser) headDate(partial bool) int {
	for i := range p.cands {
		c := &p.cands[i]
		if c.sent > 1 {
			break
		}
		if partial {
			if c.kind != cDate || c.y != 0 || c.m == 0 || c.d == 0 || c.relMonth || c.relYear || !validDay(0, c.m, c.d) {
				continue
			}
		} else if c.kind != cDate || c.y == 0 || c.m == 0 || c.d == 0 || c.ambOrder || c.twoDigit || !validDate(c.y, c.m, c.d) {
			continue
		}
		words := 0
		for k := c.start - 1; k >= 0 && p.toks[k].sent == c.sent; k-- {
			if p.toks[k].kind == tWord {
				words++
			}
		}
		if words <= 3 {
			return i
		}
	}
	return -1
}
