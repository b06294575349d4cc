package ingest

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Dates and times on the metadata lines of a header block, and the URL line.
//
// A date line is read as a sequence of tokens — words, numbers and single punctuation marks —
// with white space ignored, so "10: 00", "11 / 30 / 09" and "2012. 08. 08" read as "10:00",
// "11/30/09" and "2012.08.08". A date is complete only with its year, month and day: nothing is
// filled from today's date ("March 12" gives no date). A two-digit year belongs to 2000–2069 when
// it is 00–69 and to 1970–1999 when it is 70–99. A numeric date with the year last and both other
// parts at most 12 is read month first ("3/12/2013" is March 12) unless a dot separates its parts
// (the European "12.03.2013"), the article is in Arabic, or its URL is on a country's domain
// (".uk", ".jo", ...; not ".us" nor those used as generic names, such as ".tv" or ".io") — then
// day first.

type tokKind uint8

const (
	tokWord tokKind = iota
	tokNum
	tokPunct
)

type metaToken struct {
	kind tokKind
	s    string // a word lower-cased and normalised (normaliseMetaWord), ASCII digits, one mark
}

// maxMetaTokens bounds the tokens of a line read as a date line.
const maxMetaTokens = 64

// tokenizeMeta cuts a line into tokens; ok is false when it has more than maxMetaTokens or a
// character no date line holds (a digit of a script other than ASCII and Eastern Arabic).
func tokenizeMeta(line string) (toks []metaToken, ok bool) {
	line = normaliseDigits(line)
	start, kind := -1, tokWord
	flush := func(end int) {
		if start >= 0 {
			s := line[start:end]
			if kind == tokWord {
				s = normaliseMetaWord(s)
			}
			if s != "" {
				toks = append(toks, metaToken{kind, s})
			}
			start = -1
		}
	}
	for i, r := range line {
		var k tokKind
		switch {
		case r >= '0' && r <= '9':
			k = tokNum
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			k = tokWord
		case unicode.IsDigit(r):
			return nil, false
		case unicode.IsSpace(r):
			flush(i)
			continue
		case unicode.Is(unicode.Cf, r): // direction marks, zero-width joiners
			continue
		default:
			flush(i)
			toks = append(toks, metaToken{tokPunct, string(r)})
			if len(toks) > maxMetaTokens {
				return nil, false
			}
			continue
		}
		if start >= 0 && k != kind {
			flush(i)
		}
		if start < 0 {
			start, kind = i, k
			if len(toks) >= maxMetaTokens {
				return nil, false
			}
		}
	}
	flush(len(line))
	return toks, true
}

// normaliseMetaWord lower-cases a word and folds the Arabic letters that are written in several
// ways: no diacritics or tatweel, ا for أ إ آ ٱ, ي for ى, ه for ة.
func normaliseMetaWord(w string) string {
	if !hasArabic(w) {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range w {
		switch {
		case unicode.Is(unicode.Mn, r) || r == 'ـ':
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			b.WriteRune('ا')
		case r == 'ى':
			b.WriteRune('ي')
		case r == 'ة':
			b.WriteRune('ه')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// dateParts is a date as written. For a numeric date with the year last (numeric), month and
// day hold the first and the second number, whose order resolve decides.
type dateParts struct {
	year, month, day int
	numeric          bool
	dot              bool // parts separated by dots
}

// resolve returns the date as YYYY-MM-DD, or "" when it is not a valid date.
func (p dateParts) resolve(dayFirst bool) string {
	if !p.numeric {
		return validDate(p.year, p.month, p.day)
	}
	md, dm := validDate(p.year, p.month, p.day), validDate(p.year, p.day, p.month)
	switch {
	case md == "":
		return dm
	case dm == "" || md == dm:
		return md
	case p.dot || dayFirst:
		return dm
	}
	return md
}

func validDate(y, m, d int) string {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return ""
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return ""
	}
	return checkYear(t)
}

// numValue is the value of a token of ASCII digits.
func numValue(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// expandYear turns a two-digit year into a full one: 00–69 → 2000–2069, 70–99 → 1970–1999.
func expandYear(s string) int {
	y := numValue(s)
	if len(s) == 2 {
		if y < 70 {
			return 2000 + y
		}
		return 1900 + y
	}
	return y
}

func isNum(toks []metaToken, i, minLen, maxLen int) bool {
	return i < len(toks) && toks[i].kind == tokNum && len(toks[i].s) >= minLen && len(toks[i].s) <= maxLen
}

func isPunct(toks []metaToken, i int, marks string) bool {
	return i < len(toks) && toks[i].kind == tokPunct && strings.Contains(marks, toks[i].s)
}

func isWord(toks []metaToken, i int, words ...string) bool {
	if i >= len(toks) || toks[i].kind != tokWord {
		return false
	}
	for _, w := range words {
		if toks[i].s == w {
			return true
		}
	}
	return false
}

// matchDate recognises a date starting at toks[i]: numeric ("2013-09-26", "11/30/09",
// "2012.08.08", "٢٠٢١/٠٣/١٢"), month first ("March 13, 2013", "MAR. 14, 2013", "May 3rd, 2013"),
// day first ("27 September 2013", "12 آذار 2021", "29th February 2012"), or partial ("March 12",
// "Dec. 24", "March 2013", a Hijri date): full reports a complete Gregorian date.
func matchDate(toks []metaToken, i int) (p dateParts, full bool, next int, ok bool) {
	// Numeric.
	if isNum(toks, i, 1, 4) && isPunct(toks, i+1, "/-.") && isNum(toks, i+2, 1, 2) &&
		i+3 < len(toks) && toks[i+3] == toks[i+1] && isNum(toks, i+4, 1, 4) {
		a, b, c := toks[i].s, toks[i+2].s, toks[i+4].s
		switch {
		case len(a) == 4 && len(c) <= 2:
			p = dateParts{year: numValue(a), month: numValue(b), day: numValue(c)}
		case len(a) <= 2 && (len(c) == 4 || len(c) == 2):
			p = dateParts{year: expandYear(c), month: numValue(a), day: numValue(b), numeric: true, dot: toks[i+1].s == "."}
		default:
			return p, false, 0, false
		}
		if p.resolve(false) == "" {
			return p, false, 0, false
		}
		return p, true, i + 5, true
	}
	// Month first: Month [.] Day [st] [,] [Year] | Month Year.
	if m, j, ok := monthAt(toks, i); ok {
		if isPunct(toks, j, ".") {
			j++
		}
		if isNum(toks, j, 4, 4) {
			return p, false, j + 1, true // "March 2013"
		}
		if !isNum(toks, j, 1, 2) {
			return p, false, 0, false
		}
		return dateTail(toks, skipOrdinal(toks, j+1), m, numValue(toks[j].s), false)
	}
	// Day first: Day [st] [of] Month [.] [,] [Year].
	if isNum(toks, i, 1, 2) {
		day := numValue(toks[i].s)
		j := skipOrdinal(toks, i+1)
		if isWord(toks, j, "of") {
			j++
		}
		m, k, okMonth := monthAt(toks, j)
		hijri := false
		if !okMonth {
			k, hijri = hijriMonthAt(toks, j)
			if !hijri {
				return p, false, 0, false
			}
		}
		if isPunct(toks, k, ".") {
			k++
		}
		return dateTail(toks, k, m, day, hijri)
	}
	return p, false, 0, false
}

// dateTail ends a written date whose day and month end before toks[k]: an optional comma and a
// four-digit year make it full (a Hijri date is recognised but never full); without a year it is
// partial and ends at k.
func dateTail(toks []metaToken, k, month, day int, hijri bool) (p dateParts, full bool, next int, ok bool) {
	y := k
	if isPunct(toks, y, ",،") {
		y++
	}
	if isNum(toks, y, 4, 4) {
		if hijri {
			return p, false, y + 1, true
		}
		p = dateParts{year: numValue(toks[y].s), month: month, day: day}
		if p.resolve(false) == "" {
			return p, false, 0, false
		}
		return p, true, y + 1, true
	}
	if day < 1 || day > 31 {
		return p, false, 0, false
	}
	return p, false, k, true // "March 12": no year, no date
}

// skipOrdinal skips an ordinal suffix ("3rd", "10th") after a day number.
func skipOrdinal(toks []metaToken, j int) int {
	if isWord(toks, j, "st", "nd", "rd", "th") {
		return j + 1
	}
	return j
}

// monthAt recognises a month name (English, full or abbreviated; Arabic, in the Egyptian,
// Levantine and Maghrebi series, some of one word, some of two) at toks[i].
func monthAt(toks []metaToken, i int) (month, next int, ok bool) {
	if i >= len(toks) || toks[i].kind != tokWord {
		return 0, 0, false
	}
	w := toks[i].s
	if i+1 < len(toks) && toks[i+1].kind == tokWord {
		if m := months[w+" "+toks[i+1].s]; m > 0 {
			return m, i + 2, true
		}
	}
	if m := months[w]; m > 0 {
		return m, i + 1, true
	}
	return 0, 0, false
}

// hijriMonthAt recognises the name of a month of the Hijri calendar, whose dates are recognised
// as dates but not converted.
func hijriMonthAt(toks []metaToken, i int) (next int, ok bool) {
	if i >= len(toks) || toks[i].kind != tokWord {
		return 0, false
	}
	if i+1 < len(toks) && toks[i+1].kind == tokWord && hijriMonths[toks[i].s+" "+toks[i+1].s] {
		return i + 2, true
	}
	if hijriMonths[toks[i].s] {
		return i + 1, true
	}
	return 0, false
}

// matchTime recognises a time of day at toks[i]: "10:00", "5:40 p.m.", "09:01:35", "03.31 BST",
// "2 A.M.", "3pm", "5:03p".
func matchTime(toks []metaToken, i int) (next int, ok bool) {
	if !isNum(toks, i, 1, 2) || numValue(toks[i].s) > 24 {
		return 0, false
	}
	if isPunct(toks, i+1, ":.") && isNum(toks, i+2, 2, 2) && numValue(toks[i+2].s) < 60 {
		j := i + 3
		if isPunct(toks, j, ":") && isNum(toks, j+1, 2, 2) {
			j += 2
		}
		if k, ok := amPM(toks, j); ok {
			return k, true
		}
		if toks[i+1].s == ":" {
			return j, true
		}
		// "03.31" is a time before a time zone, a separator or the end.
		if j == len(toks) || headerWords[toks[j].s] == wordZone || isPunct(toks, j, ",|(-–—") {
			return j, true
		}
		return 0, false
	}
	return amPM(toks, i+1)
}

// amPM recognises "am", "pm", "a.m.", "p.m.", and a lone "a" or "p" at the end of a time.
func amPM(toks []metaToken, j int) (next int, ok bool) {
	switch {
	case isWord(toks, j, "am", "pm"):
		j++
	case isWord(toks, j, "a", "p") && isPunct(toks, j+1, ".") && isWord(toks, j+2, "m"):
		j += 3
	case isWord(toks, j, "a", "p") && (j+1 == len(toks) || toks[j+1].kind == tokPunct):
		return j + 1, true
	default:
		return 0, false
	}
	if isPunct(toks, j, ".") {
		j++
	}
	return j, true
}

// urlLine recognises a line that is a URL: "http://...", "https://...", "www....", written as one
// token or tokenised with spaces around its punctuation ("http: / / www. example. com / a - b.
// html"). It returns the URL without those spaces.
func urlLine(line string) (string, bool) {
	low := strings.ToLower(line)
	if !strings.HasPrefix(low, "http") && !strings.HasPrefix(low, "www.") || len(line) > maxURLBytes {
		return "", false
	}
	// Every white space run must touch punctuation: "a - b" is a tokenised "a-b", "a b" is two
	// words, and a URL followed by text is no URL line.
	fields := strings.Fields(line)
	for k := 1; k < len(fields); k++ {
		last, _ := utf8.DecodeLastRuneInString(fields[k-1])
		first, _ := utf8.DecodeRuneInString(fields[k])
		if isLetterOrDigit(last) && isLetterOrDigit(first) {
			return "", false
		}
	}
	u := strings.Join(fields, "")
	low = strings.ToLower(u)
	rest := ""
	switch {
	case strings.HasPrefix(low, "http://"):
		rest = u[len("http://"):]
	case strings.HasPrefix(low, "https://"):
		rest = u[len("https://"):]
	case strings.HasPrefix(low, "www."):
		rest = u
	default:
		return "", false
	}
	host := rest
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if !strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
		return "", false
	}
	for _, r := range u {
		if r <= ' ' || r == 0x7f || strings.ContainsRune("<>\"`{}|\\^", r) || unicode.IsSpace(r) {
			return "", false
		}
	}
	return u, true
}

// urlHost returns the host of a URL that urlLine accepted, lower-cased, without port.
func urlHost(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "/?#"); i >= 0 {
		u = u[:i]
	}
	if i := strings.LastIndexByte(u, ':'); i >= 0 {
		u = u[:i]
	}
	return strings.ToLower(u)
}

// urlDate finds a publication date in a URL's path: /YYYY/MM/DD/ (the month may be a name:
// /2013/may/03/), a YYYY-MM-DD part, or an eight-digit YYYYMMDD segment or part of one between
// "-", "_" or ".". Only years 1990–2099 count: a URL path older than the web is an id.
func urlDate(u string) (dateParts, bool) {
	path := u
	if i := strings.Index(path, "://"); i >= 0 {
		path = path[i+3:]
	}
	i := strings.IndexByte(path, '/')
	if i < 0 {
		return dateParts{}, false
	}
	path = path[i:]
	if j := strings.IndexAny(path, "?#"); j >= 0 {
		path = path[:j]
	}
	segs := strings.Split(path, "/")
	yearOK := func(s string) bool {
		return len(s) == 4 && allDigits(s) && numValue(s) >= 1990 && numValue(s) <= 2099
	}
	for k, seg := range segs {
		if yearOK(seg) && k+2 < len(segs) {
			m, d := segs[k+1], segs[k+2]
			month := 0
			if len(m) <= 2 && allDigits(m) {
				month = numValue(m)
			} else {
				month = months[strings.ToLower(m)]
			}
			if month > 0 && len(d) <= 2 && allDigits(d) {
				p := dateParts{year: numValue(seg), month: month, day: numValue(d)}
				if p.resolve(false) != "" {
					return p, true
				}
			}
		}
		parts := strings.FieldsFunc(seg, func(r rune) bool { return r == '-' || r == '_' || r == '.' })
		for n, part := range parts {
			if len(part) == 8 && allDigits(part) && yearOK(part[:4]) {
				p := dateParts{year: numValue(part[:4]), month: numValue(part[4:6]), day: numValue(part[6:])}
				if p.resolve(false) != "" {
					return p, true
				}
			}
			if yearOK(part) && n+2 < len(parts) && len(parts[n+1]) == 2 && len(parts[n+2]) == 2 &&
				allDigits(parts[n+1]) && allDigits(parts[n+2]) && strings.Contains(seg, part+"-"+parts[n+1]+"-"+parts[n+2]) {
				p := dateParts{year: numValue(part), month: numValue(parts[n+1]), day: numValue(parts[n+2])}
				if p.resolve(false) != "" {
					return p, true
				}
			}
		}
	}
	return dateParts{}, false
}

// dayFirstHost reports whether a URL's host is on a country-code domain (two letters) of a
// country that writes the day before the month: any but ".us", ".ph", ".fm" and those used as
// generic names.
func dayFirstHost(u string) bool {
	if u == "" {
		return false
	}
	host := urlHost(u)
	tld := host[strings.LastIndexByte(host, '.')+1:]
	if len(tld) != 2 {
		return false
	}
	switch tld {
	case "us", "ph", "fm", "tv", "io", "co", "me", "ly", "ai", "ws", "cc", "to", "am", "gl", "so", "la", "gg":
		return false
	}
	return true
}

// Kinds of words on a metadata line.
const (
	wordNone      = iota
	wordPublished // a label of the publication date
	wordUpdated   // a label of a later update
	wordFiller    // other label words and prepositions: "on", "at", "last", "تاريخ", "الساعة"
	wordWeekday
	wordZone   // a time zone or "local", "hrs"
	wordRole   // a byline's role: "writer", "correspondent"
	wordOutlet // a word that names an agency or outlet: "Reuters", "Press", "Times", "وكالة"
)

// headerWords classifies the words of metadata lines, lower-cased and normalised as by
// normaliseMetaWord.
var headerWords = func() map[string]int {
	m := map[string]int{}
	add := func(kind int, words string) {
		for _, w := range strings.Fields(words) {
			m[normaliseMetaWord(w)] = kind
		}
	}
	add(wordPublished, "published publish posted created released release publication نشر النشر نشرت")
	add(wordUpdated, "updated update modified edited revised تحديث التحديث تعديل التعديل حدث")
	add(wordFiller, "on at the of first originally last story article date time dated في الموافق تاريخ بتاريخ آخر اخر الساعة الساعه يوم تم ص م هـ صباحا صباحاً صباح مساء مساءً ظهرا ظهراً بتوقيت غرينتش جرينتش")
	add(wordWeekday, "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "+
		"الأحد الاحد الإثنين الاثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة السبت")
	add(wordZone, "gmt utc z bst et edt est ct cdt cst mt mdt mst pt pdt pst akdt akst hst ist cet cest eet eest wet west "+
		"msk aest aedt acst acdt awst nzst nzdt sast wat eat cat jst kst sgt hkt pkt gst ast adt uk local hrs hr h")
	add(wordRole, "writer writers reporter reporters correspondent correspondents editor editors contributor columnist "+
		"staff bureau chief senior producer analyst photographer journalist author contributing special associate "+
		"freelance intern desk مراسل مراسلة محرر")
	add(wordOutlet, "reuters ap afp upi dpa efe ansa xinhua tass itar-tass interfax ria novosti anadolu kyodo yonhap "+
		"bernama antara pti ians petra sana kuna wam spa mena qna bna irna bloomberg cnn bbc nbc cbs abc npr pbs "+
		"press presse news agency agence times post journal herald tribune telegraph guardian daily gazette chronicle "+
		"wire newswire television tv radio network media observer independent globe mail express examiner inquirer "+
		"courier monitor magazine وكالة الأنباء رويترز بترا سانا")
	return m
}()

// months maps month names, lower-cased and normalised as by normaliseMetaWord, to 1–12.
var months = func() map[string]int {
	m := map[string]int{}
	series := []string{
		"january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
		"august aug", "september sep sept", "october oct", "november nov", "december dec",
	}
	arabic := []string{
		"يناير|كانون الثاني|كانون ثاني|جانفي", "فبراير|شباط|فيفري", "مارس|آذار|اذار", "أبريل|ابريل|إبريل|نيسان|أفريل|افريل",
		"مايو|أيار|ايار|ماي", "يونيو|يونية|حزيران|جوان", "يوليو|يولية|تموز|جويلية|يوليوز",
		"أغسطس|اغسطس|آب|اب|أوت|اوت|غشت", "سبتمبر|أيلول|ايلول|شتنبر", "أكتوبر|اكتوبر|تشرين الأول|تشرين الاول|تشرين أول",
		"نوفمبر|تشرين الثاني|تشرين ثاني|نونبر", "ديسمبر|كانون الأول|كانون الاول|كانون أول|دجنبر",
	}
	for i, names := range series {
		for _, n := range strings.Fields(names) {
			m[n] = i + 1
		}
	}
	for i, names := range arabic {
		for _, n := range strings.Split(names, "|") {
			words := strings.Fields(n)
			for k := range words {
				words[k] = normaliseMetaWord(words[k])
			}
			m[strings.Join(words, " ")] = i + 1
		}
	}
	return m
}()

// hijriMonths are the months of the Hijri calendar, normalised as by normaliseMetaWord.
var hijriMonths = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Split("محرم|صفر|ربيع الأول|ربيع الاول|ربيع الآخر|ربيع الثاني|جمادى الأولى|جمادى الاولى|"+
		"جمادى الآخرة|جمادى الاخرة|جمادى الثانية|رجب|شعبان|رمضان|شوال|ذو القعدة|ذي القعدة|ذو الحجة|ذي الحجة", "|") {
		words := strings.Fields(n)
		for k := range words {
			words[k] = normaliseMetaWord(words[k])
		}
		m[strings.Join(words, " ")] = true
	}
	return m
}()
