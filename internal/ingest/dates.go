package ingest

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/markusmobius/go-dateparser"
)

// dateLayouts are the date and date-time layouts tried, in order, before the multilingual
// parser. The date part is kept as written, in the time zone of the value itself.
var dateLayouts = []string{
	time.RFC3339Nano,
	time.RFC1123Z, time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST",
	time.RFC850, time.RFC822Z, time.RFC822, time.ANSIC, time.UnixDate, time.RubyDate,
	"2006/01/02", "2006/01/02 15:04:05", "2006/1/2", "2006.01.02",
	"January 2, 2006", "Jan 2, 2006", "January 2 2006", "Jan. 2, 2006", "2 January 2006", "2 Jan 2006",
	"02 January 2006", "Monday, January 2, 2006", "Monday, 2 January 2006", "Mon, Jan 2, 2006",
	"January 2, 2006 15:04", "January 2, 2006 3:04 PM", "2 January 2006 15:04",
}

// Dates outside these years are taken for errors (a zero time, a typo) and dropped.
const minYear, maxYear = 1800, 2199

// parseDate returns the date part, YYYY-MM-DD, of a date or date-time written in one of many
// formats and languages (ISO 8601, RFC 1123 and friends, "March 3, 2021", "3 حزيران 2021",
// Unix timestamps, Eastern Arabic digits), or "" when s is not a full date. A date missing its
// year, month or day is never completed: nothing is filled from today's date.
func (d *decoder) parseDate(s string) string {
	s = strings.TrimSpace(normaliseDigits(s))
	if s == "" || len(s) > 200 {
		return ""
	}
	if date, ok := isoDatePrefix(s); ok {
		return date
	}
	if allDigits(s) {
		return unixDate(s)
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return checkYear(t)
		}
	}
	cfg := &dateparser.Configuration{
		StrictParsing: true,
		CurrentTime:   time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), // never used: parsing is strict
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r >= 0x600 && r <= 0x6ff }) {
		// The Levantine locale knows both month name series (حزيران and يونيو); the automatic
		// language detection only the Egyptian-style one.
		cfg.Locales = []string{"ar-JO"}
	}
	if dt, err := d.dates.Parse(cfg, s); err == nil && !dt.IsZero() {
		return checkYear(dt.Time)
	}
	return ""
}

// jsonDate parses a JSON date value: a string, or a number of seconds or milliseconds since 1970.
func (d *decoder) jsonDate(raw json.RawMessage) string {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return d.parseDate(s)
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return unixDate(n.String())
	}
	return ""
}

// isoDatePrefix accepts "YYYY-MM-DD" alone or followed by a time ("T..." or " ...").
func isoDatePrefix(s string) (string, bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return "", false
	}
	if len(s) > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ' {
		return "", false
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return "", false
	}
	date := checkYear(t)
	return date, date != ""
}

// unixDate reads a Unix time in seconds (10 digits or fewer) or milliseconds (13 digits), or a
// compact YYYYMMDD date. Shorter numbers ("2021") are not dates.
func unixDate(s string) string {
	s = strings.TrimSuffix(s, ".0")
	if len(s) == 8 && allDigits(s) {
		if t, err := time.Parse("20060102", s); err == nil {
			return checkYear(t)
		}
		return ""
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return ""
	}
	switch {
	case len(s) >= 12 && len(s) <= 13: // milliseconds
		n /= 1000
	case len(s) < 9 || len(s) > 10: // seconds since 1973 at least; a shorter number is no timestamp
		return ""
	}
	return checkYear(time.Unix(n, 0).UTC())
}

func checkYear(t time.Time) string {
	if y := t.Year(); y < minYear || y > maxYear {
		return ""
	}
	return t.Format("2006-01-02")
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// normaliseDigits replaces Eastern Arabic (U+0660–U+0669) and Persian (U+06F0–U+06F9) digits with
// ASCII digits.
func normaliseDigits(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x660 && r <= 0x669 || r >= 0x6f0 && r <= 0x6f9 }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0x660 && r <= 0x669:
			return '0' + r - 0x660
		case r >= 0x6f0 && r <= 0x6f9:
			return '0' + r - 0x6f0
		}
		return r
	}, s)
}
