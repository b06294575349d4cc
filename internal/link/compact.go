package link

import (
	"math"

	"slices"
	"strings"
	"unicode"
)

// Feature families of a compact doc.
const (
	famEnt   = iota // entities (people, organisations; places at a lower weight)
	famPlace        // places, with a city's country
	famConc         // concept keys
	famTopic        // topics
	famTerm         // lexical terms (language-prefixed)
	famName         // capitalised words (language-prefixed)
	famNum          // specific numbers
	numFam
)

// noDay marks an unknown publication date.
const noDay = math.MinInt32

// placeAsEntity is the weight of a place in the entity family, relative to its salience: places
// count as entities, but the geography dimension is where they weigh.
const placeAsEntity = 0.5

// cdoc is the compact, hashed form of a Doc that scoring and the index work on: every family is
// a run of hashed keys sorted ascending with their weights, so that two docs are compared by
// merging sorted integer lists.
type cdoc struct {
	keys  []uint64
	w     []float32
	off   [numFam + 1]uint16
	norm  [numFam]float32
	pub   int32 // publication day, noDay when unknown
	days  []int32
	dayW  []float32
	mh    []uint32
	fp    uint64
	lang  string
	words int32
	// caselessNames is set when the article's names are written in a script without capitals
	// (Arabic): they are the words of the people and organisations the analysis found, not
	// capitalised words, so they tell no more than its entities do.
	caselessNames bool
	// actor has bit k set when the k-th key of the entity family is a person or organisation
	// (not a place); used by story linking.
	actor uint64
	// lead are the days, months and years of the article's lead; haps its interactions; when
	// every time the article gives its happening: publication, lead and interaction dates.
	lead []span
	haps []chap
	when []span
	// wdays has bit k set for each ISO weekday k the lead names without a date (Doc.Weekdays).
	wdays uint8
}

func (c *cdoc) fam(f int) ([]uint64, []float32) {
	return c.keys[c.off[f]:c.off[f+1]], c.w[c.off[f]:c.off[f+1]]
}

// keyed is a hashed key with its weight, for sorting.
type keyed struct {
	k     uint64
	w     float32
	actor bool
}

// compact builds the compact form of d.
func compact(d *Doc) cdoc {
	var c cdoc
	c.lang = d.Lang
	c.words = int32(min(d.Words, math.MaxInt32))
	c.pub = noDay
	if n, ok := dayNumber(d.Published); ok && len(d.Published) == 10 {
		c.pub = n
	}
	fams := [numFam][]keyed{}
	for _, e := range d.Entities {
		w := e.Weight
		if isPlace(e.Type) {
			w *= placeAsEntity
		}
		fams[famEnt] = append(fams[famEnt], keyed{hash64(e.ID), w, !isPlace(e.Type)})
	}
	for _, p := range d.Places {
		fams[famPlace] = append(fams[famPlace], keyed{k: hash64(p.Key), w: p.Weight})
	}
	for _, p := range d.Concepts {
		fams[famConc] = append(fams[famConc], keyed{k: hash64(p.Key), w: p.Weight})
	}
	for _, p := range d.Topics {
		fams[famTopic] = append(fams[famTopic], keyed{k: hash64(p.Key), w: p.Weight})
	}
	for _, p := range d.Terms {
		fams[famTerm] = append(fams[famTerm], keyed{k: hash64(p.Key), w: p.Weight})
	}
	c.caselessNames = len(d.Names) > 0
	for _, p := range d.Names {
		fams[famName] = append(fams[famName], keyed{k: hash64(p.Key), w: p.Weight})
		if c.caselessNames && hasCase(trimLang(p.Key)) {
			c.caselessNames = false
		}
	}
	for _, p := range d.Numbers {
		fams[famNum] = append(fams[famNum], keyed{k: hash64(p.Key), w: p.Weight})
	}
	total := 0
	for _, f := range fams {
		total += len(f)
	}
	c.keys = make([]uint64, 0, total)
	c.w = make([]float32, 0, total)
	for f := range fams {
		ks := fams[f]
		slices.SortFunc(ks, func(a, b keyed) int {
			switch {
			case a.k < b.k:
				return -1
			case a.k > b.k:
				return 1
			}
			return 0
		})
		c.off[f] = uint16(len(c.keys))
		var n float64
		for i, k := range ks {
			if i > 0 && ks[i-1].k == k.k {
				// Two keys that hash alike (or a repeated key): keep the stronger weight.
				if k.w > c.w[len(c.w)-1] {
					n += float64(k.w)*float64(k.w) - float64(c.w[len(c.w)-1])*float64(c.w[len(c.w)-1])
					c.w[len(c.w)-1] = k.w
				}
				continue
			}
			if !(k.w > 0) {
				continue
			}
			c.keys = append(c.keys, k.k)
			c.w = append(c.w, k.w)
			if f == famEnt && k.actor && len(c.keys)-1 < 64 {
				c.actor |= 1 << uint(len(c.keys)-1)
			}
			n += float64(k.w) * float64(k.w)
		}
		c.norm[f] = float32(math.Sqrt(n))
	}
	c.off[numFam] = uint16(len(c.keys))
	for _, dt := range d.Dates {
		if n, ok := dayNumber(dt.Key); ok && dt.Weight > 0 {
			c.days = append(c.days, n)
			c.dayW = append(c.dayW, dt.Weight)
		}
	}
	for _, l := range d.Lead {
		if sp, ok := spanOf(l.Key, l.Weight); ok && l.Weight > 0 {
			c.lead = append(c.lead, sp)
		}
	}
	for _, h := range d.Happenings {
		if len(c.haps) == maxHappenings {
			break
		}
		c.haps = append(c.haps, compactHappening(h))
	}
	if c.pub != noDay {
		c.when = append(c.when, span{c.pub, c.pub, 1, true})
	}
	c.when = append(c.when, c.lead...)
	for _, h := range c.haps {
		if h.hasWhen {
			sp := h.when
			sp.w = h.confidence
			c.when = append(c.when, sp)
		}
	}
	for _, k := range d.Weekdays {
		if k >= 1 && k <= 7 {
			c.wdays |= 1 << uint(k)
		}
	}
	c.mh = d.MinHash
	c.fp = d.Fingerprint
	return c
}

// weekdays returns the weekdays an article gives its happening, as a mask (bit k for ISO weekday
// k): those of the days of its times when it gives days, else those its lead names.
func (c *cdoc) weekdays() uint8 {
	var m uint8
	for _, sp := range c.when {
		if sp.day {
			m |= 1 << uint(isoWeekday(sp.lo))
		}
	}
	if m == 0 && !hasDay(c.when) {
		m = c.wdays
	}
	return m
}

// weekdayAgreement compares the weekdays of two articles' happenings when one gives no date but
// names a weekday ("on Monday" with no publication date): 1 when a weekday of one is a weekday of
// the other, -1 when none is, 0 when it cannot be told.
func weekdayAgreement(a, b *cdoc) int8 {
	if len(a.when) > 0 && len(b.when) > 0 {
		return 0
	}
	ma, mb := a.weekdays(), b.weekdays()
	switch {
	case ma == 0 || mb == 0:
		return 0
	case ma&mb != 0:
		return 1
	}
	return -1
}

// cosine returns the cosine of family f of a and b, and whether both have the family.
func cosine(a, b *cdoc, f int) (float64, bool) {
	if a.norm[f] == 0 || b.norm[f] == 0 {
		return 0, false
	}
	ak, aw := a.fam(f)
	bk, bw := b.fam(f)
	var dot float64
	i, j := 0, 0
	for i < len(ak) && j < len(bk) {
		switch {
		case ak[i] < bk[j]:
			i++
		case ak[i] > bk[j]:
			j++
		default:
			dot += float64(aw[i]) * float64(bw[j])
			i++
			j++
		}
	}
	c := dot / (float64(a.norm[f]) * float64(b.norm[f]))
	return min(c, 1), true
}

// sharedActors counts the people and organisations a and b share.
func sharedActors(a, b *cdoc) int {
	ak, _ := a.fam(famEnt)
	bk, _ := b.fam(famEnt)
	n := 0
	i, j := 0, 0
	for i < len(ak) && j < len(bk) {
		switch {
		case ak[i] < bk[j]:
			i++
		case ak[i] > bk[j]:
			j++
		default:
			// Either reading of the type will do, so that the count is symmetric.
			if i < 64 && a.actor&(1<<uint(i)) != 0 || j < 64 && b.actor&(1<<uint(j)) != 0 {
				n++
			}
			i++
			j++
		}
	}
	return n
}

// dayKernel is the time similarity of two days apart: 1 within two days, about one half a month
// apart, under a tenth a year apart, fading to 0 between two and four years apart.
func dayKernel(apart int32) float64 {
	if apart < 0 {
		apart = -apart
	}
	if apart <= 2 {
		return 1
	}
	k := 1 / (1 + float64(apart-2)/30)
	if apart > 730 {
		k *= max(0, float64(1460-apart)/730)
	}
	return k
}

// mentionedDateWeight scales dates found in the text against the publication date: an article
// mentions past and future dates besides the one of its event.
const mentionedDateWeight = 0.7

// timeSim returns the time similarity of a and b and whether either has any date to compare.
func timeSim(a, b *cdoc) (float64, bool) {
	best := -1.0
	if a.pub != noDay && b.pub != noDay {
		best = dayKernel(a.pub - b.pub)
	}
	try := func(da int32, wa float32, db int32, wb float32) {
		s := math.Sqrt(float64(wa)*float64(wb)) * dayKernel(da-db)
		if s > best {
			best = s
		}
	}
	for i, da := range a.days {
		wa := a.dayW[i] * mentionedDateWeight
		for j, db := range b.days {
			try(da, wa, db, b.dayW[j]*mentionedDateWeight)
		}
		if b.pub != noDay {
			try(da, wa, b.pub, 1)
		}
	}
	if a.pub != noDay {
		for j, db := range b.days {
			try(a.pub, 1, db, b.dayW[j]*mentionedDateWeight)
		}
	}
	if best < 0 {
		return 0, false
	}
	return best, true
}

// daysApart returns the days between the publication dates of a and b, and whether both are known.
func daysApart(a, b *cdoc) (int32, bool) {
	if a.pub == noDay || b.pub == noDay {
		return 0, false
	}
	d := a.pub - b.pub
	if d < 0 {
		d = -d
	}
	return d, true
}

// langBase returns the language part of a language tag ("en" of "en-GB").
// hasCase reports whether s holds a letter of a script that writes capitals.
func hasCase(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) || unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func langBase(l string) string {
	if i := strings.IndexAny(l, "-_"); i > 0 {
		l = l[:i]
	}
	return strings.ToLower(l)
}

// timeAgreement compares the times two articles give their happening (publication, lead and
// interaction dates): match (0..1) when they fall on the same days, more for days than for
// months or years; conflict (0..1) when no time of one comes within three days of a time of the
// other, growing with the days between them (a third at a week, in full from a month) and with
// how sure the dates are. When both give days, days are compared alone: a month or year in a lead
// is as often a reference to an earlier happening ("the visit he paid last month"). known is
// false when either article gives no time.
func timeAgreement(a, b *cdoc) (match, conflict float64, known bool) {
	if len(a.when) == 0 || len(b.when) == 0 {
		return 0, 0, false
	}
	days := hasDay(a.when) && hasDay(b.when)
	conflict = 1
	for _, x := range a.when {
		if days && !x.day {
			continue
		}
		for _, y := range b.when {
			if days && !y.day {
				continue
			}
			g := gap(x, y)
			w := math.Sqrt(float64(x.w) * float64(y.w))
			if g <= 3 {
				m := 0.25 // the same year or month
				if x.day && y.day {
					m = 1
				} else if x.hi-x.lo < 40 && y.hi-y.lo < 40 {
					m = 0.5
				}
				match = max(match, m*w)
				conflict = 0
				continue
			}
			conflict = min(conflict, min(1, math.Log(float64(g)/3)/math.Log(10))*w)
		}
	}
	return match, conflict, true
}

func hasDay(ss []span) bool {
	for _, s := range ss {
		if s.day {
			return true
		}
	}
	return false
}

// focus is how far the main actors of each article appear in the other: the names (same
// language) or people and organisations (across languages) that weigh at least half the
// strongest, covered in both directions (the lesser of the two shares).
func focus(a, b *cdoc, f int) (float64, bool) {
	ak, aw := a.fam(f)
	bk, bw := b.fam(f)
	if len(ak) == 0 || len(bk) == 0 {
		return 0, false
	}
	cover := func(xk []uint64, xw []float32, xa uint64, yk []uint64, ya uint64) (float64, bool) {
		var top float32
		for i, w := range xw {
			if f != famEnt || (i < 64 && xa&(1<<uint(i)) != 0) {
				top = max(top, w)
			}
		}
		if top == 0 {
			return 0, false
		}
		var in, all float64
		j := 0
		for i, k := range xk {
			if xw[i] < top/2 || (f == famEnt && (i >= 64 || xa&(1<<uint(i)) == 0)) {
				continue
			}
			all += float64(xw[i])
			for j < len(yk) && yk[j] < k {
				j++
			}
			if j < len(yk) && yk[j] == k {
				in += float64(xw[i])
			}
		}
		return in / all, true
	}
	ca, okA := cover(ak, aw, a.actor, bk, b.actor)
	cb, okB := cover(bk, bw, b.actor, ak, a.actor)
	if !okA || !okB {
		return 0, false
	}
	return min(ca, cb), true
}
