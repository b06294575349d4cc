package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A dateline is the place (and sometimes the agency and date) that opens a news story:
// "AMMAN —", "MOSCOW-", "WASHINGTON (Reuters) -", "Amman, Jordan —", "PARIS, March 3 (AFP) -",
// "عمان - ", "عمّان (بترا) -". The text stays in the body; only its parts are recorded.
type dateline struct {
	place    string // as written: "AMMAN", "Amman, Jordan", "عمّان"
	agency   string // from a parenthesis: "Reuters", "بترا"
	dateText string // the date part as written, when there is one: "March 3, 2021"
}

// Bounds that keep a dateline a dateline and not the first clause of a sentence.
const (
	datelineMaxPrefix = 100 // characters before the separator
	maxPlaceRunes     = 40
	maxPlaceWords     = 4 // per comma-separated part
	maxAgencyRunes    = 40
)

// parseDateline recognises a dateline at the start of body.
func parseDateline(body string) (dateline, bool) {
	line := body
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	// Try each separator in the first datelineMaxPrefix characters, nearest first.
	runes := 0
	for i, r := range line {
		if runes++; runes > datelineMaxPrefix {
			break
		}
		size := utf8.RuneLen(r)
		var strong bool // em and en dashes separate without spaces; hyphen and colon need one after
		switch r {
		case '—', '–', '―':
			strong = true
		case '-', ':':
		default:
			continue
		}
		after := line[i+size:]
		if r == '-' && strings.HasPrefix(after, "-") { // "--"
			after = after[1:]
		}
		if !strong && !startsWithSpace(after) {
			continue
		}
		if strings.TrimSpace(after) == "" {
			return dateline{}, false
		}
		if dl, ok := datelinePrefix(strings.TrimSpace(line[:i]), r); ok {
			return dl, true
		}
	}
	return dateline{}, false
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// datelinePrefix analyses the text before the separator: place, optional date, optional
// "(agency)". sep is the separator that follows it.
func datelinePrefix(p string, sep rune) (dateline, bool) {
	var dl dateline
	if p == "" {
		return dl, false
	}
	if strings.HasSuffix(p, ")") {
		open := strings.LastIndexByte(p, '(')
		if open < 0 {
			return dl, false
		}
		dl.agency = strings.TrimSpace(p[open+1 : len(p)-1])
		if dl.agency == "" || utf8.RuneCountInString(dl.agency) > maxAgencyRunes || strings.ContainsAny(dl.agency, "()") {
			return dl, false
		}
		p = strings.TrimSpace(p[:open])
	}
	p = strings.TrimRight(p, ",، ")
	if p == "" {
		return dl, false
	}
	// Cut the prefix into comma-separated parts; the parts from the first one holding a digit on
	// are the date ("March 3", "March 3, 2021").
	parts := splitKeep(p)
	k := len(parts)
	for i, part := range parts {
		if strings.IndexFunc(part.text, isDigit) >= 0 {
			k = i
			break
		}
	}
	placeEnd := 0 // byte offset in p where the place ends
	if k == 0 {
		// No comma before the date: "عمان ٣ حزيران" or "PARIS March 3". The place is the words
		// before the date.
		words := strings.Fields(parts[0].text)
		n := 0
		for n < len(words) && strings.IndexFunc(words[n], isDigit) < 0 && (isArabicWord(words[n]) || isCapsWord(words[n])) {
			n++
		}
		if n == 0 {
			return dl, false
		}
		for w := 0; w < n; w++ { // the place ends after its n-th word
			placeEnd += strings.Index(p[placeEnd:], words[w]) + len(words[w])
		}
		dl.dateText = strings.TrimSpace(p[placeEnd:])
		if !validPlace([]string{p[:placeEnd]}, true, sep) {
			return dateline{}, false
		}
	} else {
		last := parts[k-1]
		placeEnd = last.end
		if k < len(parts) {
			dl.dateText = strings.TrimSpace(p[parts[k].start:])
		}
		places := make([]string, k)
		for i := range places {
			places[i] = parts[i].text
		}
		if !validPlace(places, dl.agency != "" || dl.dateText != "" || k > 1, sep) {
			return dateline{}, false
		}
	}
	if dl.dateText != "" && len(strings.Fields(dl.dateText)) > 5 {
		return dateline{}, false
	}
	dl.place = strings.TrimSpace(p[:placeEnd])
	if utf8.RuneCountInString(dl.place) > maxPlaceRunes {
		return dateline{}, false
	}
	return dl, true
}

type part struct {
	text       string
	start, end int
}

// splitKeep splits p at commas (Latin and Arabic), keeping each part's position.
func splitKeep(p string) []part {
	var parts []part
	start := 0
	for i, r := range p {
		if r == ',' || r == '،' {
			parts = append(parts, part{strings.TrimSpace(p[start:i]), start, i})
			start = i + utf8.RuneLen(r)
		}
	}
	return append(parts, part{strings.TrimSpace(p[start:]), start, len(p)})
}

// validPlace checks the comma-separated parts of a place. All capitals ("NEW YORK") and Arabic
// script qualify (Arabic not before a colon); capitalised words ("Amman", "Amman, Jordan") qualify
// when something else marks a dateline (a comma, an agency, a date) or, for one or two words, when
// the separator is an em or en dash. Wire-story labels ("FILE", "UPDATE") are not places.
func validPlace(parts []string, marked bool, sep rune) bool {
	if len(parts) == 0 || len(parts) > 3 {
		return false
	}
	caps, arabic, title := true, true, true
	for _, p := range parts {
		words := strings.Fields(p)
		if len(words) == 0 || len(words) > maxPlaceWords {
			return false
		}
		for _, w := range words {
			caps = caps && isCapsWord(w)
			arabic = arabic && isArabicWord(w)
			title = title && (isTitleWord(w) || isParticle(w))
		}
		if isParticle(words[0]) {
			title = false
		}
	}
	words := len(strings.Fields(strings.Join(parts, " ")))
	switch {
	case caps:
		return !(len(parts) == 1 && wireLabels[strings.TrimSpace(parts[0])])
	case arabic:
		return sep != ':' && words <= 3
	case title:
		return sep != ':' && (marked || words <= 2 && sep != '-')
	}
	return false
}

// wireLabels are the capitalised labels that open captions and wire stories without being places.
var wireLabels = map[string]bool{
	"FILE": true, "PHOTO": true, "VIDEO": true, "UPDATE": true, "UPDATED": true, "BREAKING": true,
	"EXCLUSIVE": true, "ANALYSIS": true, "OPINION": true, "REFILE": true, "CORRECTED": true,
	"URGENT": true, "FLASH": true, "WATCH": true, "LIVE": true, "EDITORIAL": true, "COMMENT": true,
}

// isCapsWord: letters all capitals, at least one, with "-", ".", "'" allowed ("AL-QUDS", "ST.").
func isCapsWord(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '-' || r == '.' || r == '\'' || r == '’':
		default:
			return false
		}
	}
	return letters > 0 && (letters > 1 || utf8.RuneCountInString(w) == 1 && w != "A" && w != "I")
}

// isTitleWord: starts with a capital, then letters and "-", ".", "'" ("Amman", "Al-Quds").
func isTitleWord(w string) bool {
	for i, r := range w {
		if i == 0 {
			if !unicode.IsUpper(r) {
				return false
			}
			continue
		}
		if !unicode.IsLetter(r) && r != '-' && r != '.' && r != '\'' && r != '’' {
			return false
		}
	}
	return w != ""
}

// isParticle: the small lower-case words inside place names ("Rio de Janeiro", "Dar es Salaam").
func isParticle(w string) bool {
	switch w {
	case "de", "del", "la", "las", "los", "el", "al", "da", "do", "dos", "di", "du", "es", "of", "on", "upon", "am", "an", "sur":
		return true
	}
	return false
}

// isArabicWord: Arabic letters and marks only ("عمّان").
func isArabicWord(w string) bool {
	for _, r := range w {
		if !(unicode.In(r, unicode.Arabic) || unicode.Is(unicode.Mn, r) || r == 'ـ') || unicode.IsDigit(r) || unicode.IsPunct(r) {
			return false
		}
	}
	return w != ""
}

func isDigit(r rune) bool { return unicode.IsDigit(r) }
