package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A plain-text article saved from a web page often opens with a header block of metadata lines
// before its body: the page's URL, the title, a byline and a publication date line, in many
// shapes ("Published: March 13, 2013", "11/30/09 05:40 PM ET", "By Jane Doe, Reuters | March 12,
// 2013", "نشر في 12 آذار 2021"), sometimes tokenised with spaces around punctuation
// ("http: / / www. example. com / ...", "10: 00 AM"). parseHeader finds such a block.

// Bounds of the header block.
const (
	maxHeaderLines      = 6   // non-empty lines looked at
	maxDateLineUnits    = 12  // words, dates and times on one date line
	maxHeaderTitleWords = 30  // a title in a header block
	maxBylineWords      = 10  // a byline, before its date
	maxMetaLineBytes    = 300 // a longer line is never a date line or a byline
	maxURLBytes         = 2048
)

// How much a date of the header is trusted as the publication date, weakest first.
const (
	rankNone      = iota
	rankUpdated   // after an "Updated", "Last updated", "Edited" label
	rankURL       // from the URL's path
	rankPlain     // a date line without a label
	rankPublished // after a "Published", "Posted", "Created" label
)

// header is what parseHeader recognised.
type header struct {
	url, title, byline, outlet string
	published, from            string // the best date and where it came from
	body                       string // the text without the lines recognised
}

// headerDate is a date of the header, not yet resolved (a numeric date's order of day and month
// depends on where the article comes from).
type headerDate struct {
	parts dateParts
	rank  int
}

// parseHeader recognises a header block at the start of s: among the first maxHeaderLines
// non-empty lines, before the first line that reads as body prose,
//   - a URL line ("http://...", "www....", also tokenised with spaces) gives the URL and, from a
//     /YYYY/MM/DD/, /YYYYMMDD/ or YYYY-MM-DD part of its path, a date;
//   - a date line (a date and/or a time with only labels, weekdays, time zones and punctuation
//     around them; at most maxDateLineUnits words, dates and times) gives a date, ranked by its
//     label: "Published"/"Posted" first, then no label, then the URL's date, then "Updated";
//   - a byline ("By Jane Doe", "By Jane Doe, Reuters", "Jane Doe, Staff Writer", "بقلم ...",
//     possibly followed by a date) gives the byline and, when it names an agency or outlet after
//     a separator, the outlet;
//   - the first other line, when it is short (at most maxHeaderTitleWords words), does not start
//     with a lower-case letter and does not end with ".", ":", ";", "," or "…", is the title —
//     provided the block holds a URL, date or byline line (or afterMeta: a "date YYYY-MM-DD" line
//     preceded it).
//
// The first line that is none of these ends the block; after it, and still within the first
// maxHeaderLines lines, only a date line that carries a label or a full date with a time of day
// (shapes body prose never takes: "PUBLISHED: WEDNESDAY, MARCH 13, 2013, 2:29 PM" under a
// standfirst) is still taken. The lines recognised are removed from the body; ok is false when
// nothing was recognised or nothing would remain of the body.
func parseHeader(s string, afterMeta bool) (h header, ok bool) {
	type span struct{ start, end int } // a line of s, without its "\n"
	var lines []span
	removed := make([]bool, 0, maxHeaderLines)
	var dates []headerDate
	inBlock, meta := true, afterMeta
	titleAt, seen := -1, 0
	arabic := false
	for pos := 0; pos < len(s) && seen < maxHeaderLines; {
		end := strings.IndexByte(s[pos:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += pos
		}
		i := len(lines)
		lines, removed = append(lines, span{pos, end}), append(removed, false)
		line := strings.TrimSpace(s[pos:end])
		pos = end + 1
		if line == "" {
			continue
		}
		seen++
		if inBlock {
			if u, ok := urlLine(line); ok {
				if h.url == "" {
					h.url = u
					if p, ok := urlDate(u); ok {
						dates = append(dates, headerDate{p, rankURL})
					}
				}
				removed[i], meta = true, true
				continue
			}
		}
		if m, ok := metaLine(line); ok && (inBlock || m.strong()) {
			dates = append(dates, m.dates...)
			if h.byline == "" {
				h.byline = m.byline
			}
			if h.outlet == "" {
				h.outlet = m.outlet
			}
			arabic = arabic || hasArabic(line)
			removed[i] = true
			meta = meta || inBlock
			continue
		}
		if !inBlock {
			continue
		}
		if titleAt < 0 && headerTitleLike(line) {
			titleAt = i
			continue
		}
		inBlock = false
	}
	if titleAt >= 0 && meta {
		h.title = strings.TrimSpace(s[lines[titleAt].start:lines[titleAt].end])
		removed[titleAt] = true
	}
	// The body: the lines not removed and the rest of s. When the lines removed come first, it is
	// a slice of s.
	cut, prefix, first := false, true, len(s)
	for i, l := range lines {
		switch {
		case removed[i]:
			cut = true
			if first < len(s) {
				prefix = false
			}
		case first == len(s) && strings.TrimSpace(s[l.start:l.end]) != "":
			first = l.start
		}
	}
	if !cut {
		return header{}, false
	}
	if first == len(s) { // every line looked at was removed or blank: the body follows them
		first = min(lines[len(lines)-1].end+1, len(s))
	}
	if prefix {
		h.body = s[first:]
	} else {
		var b strings.Builder
		b.Grow(len(s))
		for i, l := range lines {
			if !removed[i] {
				b.WriteString(s[l.start:l.end])
				b.WriteByte('\n')
			}
		}
		if last := lines[len(lines)-1].end; last < len(s) {
			b.WriteString(s[last+1:])
		}
		h.body = b.String()
	}
	if strings.TrimSpace(h.body) == "" {
		return header{}, false
	}
	dayFirst := arabic || dayFirstHost(h.url)
	best := rankNone
	for _, d := range dates {
		if d.rank <= best {
			continue
		}
		if date := d.parts.resolve(dayFirst); date != "" {
			h.published, best = date, d.rank
			h.from = DateFromMetadata
			if d.rank == rankURL {
				h.from = DateFromURL
			}
		}
	}
	return h, true
}

// headerTitleLike reports whether a header line can be a title.
func headerTitleLike(line string) bool {
	words := 0
	for _, f := range strings.Fields(line) {
		if strings.IndexFunc(f, isLetterOrDigit) >= 0 {
			words++
		}
	}
	if words == 0 || words > maxHeaderTitleWords || strings.IndexFunc(line, unicode.IsLetter) < 0 {
		return false
	}
	if first, _ := utf8.DecodeRuneInString(strings.TrimLeft(line, "\"'“‘«([")); unicode.IsLower(first) {
		return false
	}
	end := strings.TrimRight(line, "\"'”’»)] ")
	last, _ := utf8.DecodeLastRuneInString(end)
	return end != "" && !strings.ContainsRune(".:;,،؛…", last)
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func hasArabic(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 0x600 && r <= 0x6ff })
}

// metaInfo is what a date line or a byline holds.
type metaInfo struct {
	dates          []headerDate // full dates, each with the rank of its label
	labelled       bool         // a Published or Updated label
	full, timed    bool         // a full date; a time of day
	byline, outlet string
}

// strong reports whether a date line is recognisable even below body prose: it carries a label,
// or a full date with a time of day, and no byline.
func (m metaInfo) strong() bool {
	return m.byline == "" && (m.labelled || m.full && m.timed)
}

// metaLine recognises a date line or a byline (possibly followed by a date).
func metaLine(line string) (metaInfo, bool) {
	if len(line) > maxMetaLineBytes {
		return metaInfo{}, false
	}
	if m, ok := dateLine(line); ok {
		return m, true
	}
	return bylineLine(line)
}

// dateLine recognises a line made of dates and times of day, with labels ("Published:",
// "Updated", "Posted on", "نشر في", "آخر تحديث"), weekdays, time zones and punctuation.
func dateLine(line string) (metaInfo, bool) {
	toks, ok := tokenizeMeta(line)
	if !ok || len(toks) == 0 {
		return metaInfo{}, false
	}
	var m metaInfo
	rank, units, dated := rankPlain, 0, false
	for i := 0; i < len(toks); {
		if p, full, next, ok := matchDate(toks, i); ok {
			units++
			dated = true
			if full {
				m.dates = append(m.dates, headerDate{p, rank})
				m.full = true
			}
			i = next
			continue
		}
		if next, ok := matchTime(toks, i); ok {
			units++
			m.timed = true
			i = next
			continue
		}
		t := toks[i]
		switch t.kind {
		case tokPunct:
			if !strings.Contains(dateLinePunct, t.s) {
				return metaInfo{}, false
			}
			// A time-zone offset: "GMT+3", "+0300".
			if (t.s == "+" || t.s == "-" || t.s == "−") && isNum(toks, i+1, 1, 4) &&
				(t.s == "+" || i > 0 && headerWords[toks[i-1].s] == wordZone) {
				i += 2
				if isPunct(toks, i, ":") && isNum(toks, i+1, 2, 2) {
					i += 2
				}
				continue
			}
		case tokNum:
			return metaInfo{}, false
		case tokWord:
			switch headerWords[t.s] {
			case wordPublished:
				rank, m.labelled = rankPublished, true
			case wordUpdated:
				rank, m.labelled = rankUpdated, true
			case wordFiller, wordWeekday, wordZone:
			default:
				return metaInfo{}, false
			}
			units++
		}
		i++
	}
	if !(dated || m.timed) || units > maxDateLineUnits {
		return metaInfo{}, false
	}
	return m, true
}

// dateLinePunct is the punctuation a date line may hold.
const dateLinePunct = ",.:;|/-–—()[]+@•·،؛"

// bylineLine recognises a byline, possibly followed by a date line: "By Jane Doe",
// "By JANE DOE and JOHN ROE, Associated Press Writer", "By Jane Doe, Reuters | March 12, 2013",
// "Jane Doe, Staff Writer", "بقلم: فلان". The byline names an outlet when the part after its
// first separator (",", "|", "/", a dash, a parenthesis) holds an agency or outlet word
// ("Reuters", "AFP", "Press", "Times", "وكالة") — the outlet is that part without its role words —
// or when the byline is only such a name ("By Reuters").
func bylineLine(line string) (metaInfo, bool) {
	var m metaInfo
	f := strings.Fields(line)
	if len(f) < 2 || !strings.EqualFold(f[0], "by") && !strings.HasPrefix(f[0], "بقلم") &&
		!strings.HasPrefix(f[0], "كتب") && !nameBeforeComma(line) {
		return m, false
	}
	// Where a date part starts: the first word boundary after which the rest is a date line.
	text := line
	for p := 1; p < len(line); p++ {
		if c := line[p-1]; c != ' ' && c != '|' && c != ',' {
			continue
		}
		if d, ok := dateLine(line[p:]); ok && d.byline == "" {
			text = line[:p]
			m.dates, m.labelled, m.full, m.timed = d.dates, d.labelled, d.full, d.timed
			break
		}
	}
	text = strings.TrimRight(text, " ,|•-–—/")
	name, affiliation, ok := splitByline(text)
	if !ok {
		return metaInfo{}, false
	}
	nameWords, affWords := bylineWords(name), bylineWords(affiliation)
	if len(nameWords) == 0 || len(nameWords)+len(affWords) > maxBylineWords {
		return metaInfo{}, false
	}
	if !allWords(nameWords, isNameWord) || !allWords(affWords, isAffiliationWord) {
		return metaInfo{}, false
	}
	outlet := ""
	switch {
	case anyWord(affWords, isOutletWord):
		// The outlet is the affiliation without role words at its end ("Associated Press Writer").
		end := len(affWords)
		for end > 0 && isRoleWord(affWords[end-1]) {
			end--
		}
		outlet = cutWords(affiliation, end)
	case affiliation == "" && anyWord(nameWords, isOutletWord):
		outlet = name
	}
	m.byline = collapseSpace(text)
	m.outlet = strings.Trim(collapseSpace(outlet), " ()")
	return m, true
}

// splitByline cuts a byline into the names and the affiliation after them. A byline opens with
// "By" (or "بقلم", or "كتب" followed by ":" or a dash); without it, the line must be "Name Name,
// Role" with a role word in the affiliation.
func splitByline(text string) (name, affiliation string, ok bool) {
	by := false
	switch f := strings.Fields(text); {
	case len(f) < 2:
		return "", "", false
	case strings.EqualFold(f[0], "by"), f[0] == "بقلم", f[0] == "بقلم:":
		by = true
		text = strings.TrimLeft(strings.TrimSpace(text)[len(f[0]):], " :")
	case f[0] == "كتب:" || f[0] == "كتب" && (strings.HasPrefix(f[1], ":") || strings.HasPrefix(f[1], "-")):
		by = true
		text = strings.TrimLeft(strings.TrimSpace(text)[len("كتب"):], " :-")
	}
	cut := len(text)
	for _, sep := range []string{",", "،", "|", "/", " - ", " – ", " — ", "(", "•"} {
		if i := strings.Index(text, sep); i >= 0 && i < cut {
			cut = i
		}
	}
	name = strings.TrimSpace(text[:cut])
	affiliation = strings.Trim(strings.TrimSpace(text[cut:]), ",،|/-–—•() ")
	if by {
		return name, affiliation, name != ""
	}
	words := bylineWords(name)
	if len(words) < 2 || len(words) > 4 || !anyWord(bylineWords(affiliation), isRoleWord) {
		return "", "", false
	}
	return name, affiliation, true
}

// nameBeforeComma reports whether line opens with two to four name words and a comma, as
// "Jane Doe, Staff Writer" does.
func nameBeforeComma(line string) bool {
	i := strings.IndexAny(line, ",،")
	if i < 0 {
		return false
	}
	words := bylineWords(line[:i])
	return len(words) >= 2 && len(words) <= 4 && allWords(words, isNameWord)
}

// bylineWords returns the words of s, punctuation trimmed, lower-cased for the vocabulary look-ups
// by the callers; words made only of punctuation are dropped.
func bylineWords(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		f = strings.Trim(f, ",،.;:()[]|/\"'“”")
		if f != "" && f != "-" && f != "–" && f != "—" && f != "&" {
			out = append(out, f)
		}
	}
	return out
}

// cutWords returns s up to the end of its n-th word (as counted by bylineWords).
func cutWords(s string, n int) string {
	fields := strings.Fields(s)
	kept, end := 0, 0
	for _, f := range fields {
		if kept == n {
			break
		}
		end = strings.Index(s[end:], f) + end + len(f)
		if len(bylineWords(f)) > 0 {
			kept++
		}
	}
	return strings.TrimSpace(s[:end])
}

func allWords(words []string, ok func(string) bool) bool {
	for _, w := range words {
		if !ok(w) {
			return false
		}
	}
	return true
}

func anyWord(words []string, ok func(string) bool) bool {
	for _, w := range words {
		if ok(w) {
			return true
		}
	}
	return false
}

// isNameWord: a capitalised word or initial ("Jane", "O'Brien", "J."), a particle ("de", "al"),
// "and", or an Arabic word.
func isNameWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.IsUpper(r), isArabicWord(strings.TrimRight(w, ".")):
		return true
	case w == "and", isParticle(w), w == "van", w == "von", w == "bin", w == "ibn", w == "der", w == "le":
		return true
	}
	return false
}

// isAffiliationWord: a name word, or a role or outlet word in any letter case ("staff writer").
func isAffiliationWord(w string) bool {
	return isNameWord(w) || isRoleWord(w) || isOutletWord(w) || w == "the" || w == "of"
}

func isRoleWord(w string) bool { return headerWords[normaliseMetaWord(w)] == wordRole }

func isOutletWord(w string) bool { return headerWords[normaliseMetaWord(w)] == wordOutlet }
