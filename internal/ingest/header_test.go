package ingest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// decodeOne decodes a plain-text input and fails the test unless it gives one article.
func decodeOne(t *testing.T, in string) *Article {
	t.Helper()
	res := Decode(context.Background(), "a.txt", []byte(in), testOptions())
	if len(res) != 1 {
		t.Fatalf("got %d results, want 1", len(res))
	}
	checkResult(t, res[0])
	if res[0].Err != nil {
		t.Fatalf("unexpected error: %v", res[0].Err)
	}
	return res[0].Article
}

func bylineOf(a *Article) string {
	raw, ok := a.Extra["byline"]
	if !ok {
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "invalid JSON: " + string(raw)
	}
	return s
}

func TestDecodeTextHeader(t *testing.T) {
	const body = "The two ministers met in the capital on Tuesday.\nThey discussed trade."
	tests := []struct {
		name, in                          string
		url, title, body, published, from string
		outlet, byline, dl                string
	}{
		// URL lines.
		{
			name:  "URL, title and a Published line",
			in:    "http://www.example.com/world/talks-resume.html\nTalks resume in the capital\nPublished: March 13, 2013\n" + body,
			url:   "http://www.example.com/world/talks-resume.html",
			title: "Talks resume in the capital", body: body,
			published: "2013-03-13", from: DateFromMetadata,
		},
		{
			name:  "tokenised URL is reassembled and its /YYYY/MM/DD/ path gives the date",
			in:    "http: / / www. example. com / 2009 / 11 / 30 / talks - resume - in - capital_n_374452. html\nTalks resume\n" + body,
			url:   "http://www.example.com/2009/11/30/talks-resume-in-capital_n_374452.html",
			title: "Talks resume", body: body,
			published: "2009-11-30", from: DateFromURL,
		},
		{
			name:  "URL with a YYYYMMDD part in its slug",
			in:    "https://news.example.org/local/la-me-talks-20130504\nTalks resume\n" + body,
			url:   "https://news.example.org/local/la-me-talks-20130504",
			title: "Talks resume", body: body,
			published: "2013-05-04", from: DateFromURL,
		},
		{
			name:  "URL with a YYYY-MM-DD path part and a month name path",
			in:    "http://articles.example.com/2012-08-07/fire-crews_33105272\nFire crews called out\n" + body,
			url:   "http://articles.example.com/2012-08-07/fire-crews_33105272",
			title: "Fire crews called out", body: body,
			published: "2012-08-07", from: DateFromURL,
		},
		{
			name: "URL with only a year and a month: no date",
			in:   "http://blog.example.net/2013/08/talks.html\nTalks resume\n" + body,
			url:  "http://blog.example.net/2013/08/talks.html", title: "Talks resume", body: body,
		},
		{
			name: "www URL without a scheme",
			in:   "www.example.com/a/b?id=3#top\nTalks resume\n" + body,
			url:  "www.example.com/a/b?id=3#top", title: "Talks resume", body: body,
		},
		// Date lines, English.
		{
			name:  "capitals, weekday and time",
			in:    "Talks resume\nPUBLISHED: WEDNESDAY, MARCH 13, 2013, 2:29 PM\n" + body,
			title: "Talks resume", body: body, published: "2013-03-13", from: DateFromMetadata,
		},
		{
			name:  "Published on, day first",
			in:    "Talks resume\nPublished on Friday, 27 September 2013\n" + body,
			title: "Talks resume", body: body, published: "2013-09-27", from: DateFromMetadata,
		},
		{
			name:  "Published time with a time",
			in:    "Talks resume\nPublished time: March 12, 2013 02:03\n" + body,
			title: "Talks resume", body: body, published: "2013-03-12", from: DateFromMetadata,
		},
		{
			name:  "Updated line alone",
			in:    "Talks resume\nUpdated: May 24, 2005\n" + body,
			title: "Talks resume", body: body, published: "2005-05-24", from: DateFromMetadata,
		},
		{
			name:  "Last updated, time before the date",
			in:    "Talks resume\nLast updated 10:34 GMT, 11 March 2013\n" + body,
			title: "Talks resume", body: body, published: "2013-03-11", from: DateFromMetadata,
		},
		{
			name: "Posted with a numeric date, month first on a generic domain",
			in:   "http://www.example.com/talks\nTalks resume\nPosted 3/12/2013\n" + body,
			url:  "http://www.example.com/talks", title: "Talks resume", body: body,
			published: "2013-03-12", from: DateFromMetadata,
		},
		{
			name: "numeric date day first on a country's domain",
			in:   "http://www.example.co.uk/talks\nTalks resume\nPosted 3/12/2013\n" + body,
			url:  "http://www.example.co.uk/talks", title: "Talks resume", body: body,
			published: "2013-12-03", from: DateFromMetadata,
		},
		{
			name:  "a day over 12 decides the order",
			in:    "Talks resume\n27/09/2013 10:00\n" + body,
			title: "Talks resume", body: body, published: "2013-09-27", from: DateFromMetadata,
		},
		{
			name:  "two-digit year with time and zone",
			in:    "Talks resume\n11/30/09 05:40 PM ET\n" + body,
			title: "Talks resume", body: body, published: "2009-11-30", from: DateFromMetadata,
		},
		{
			name:  "two-digit year 70-99 is in the 1900s",
			in:    "Talks resume\nPosted 12/31/98\n" + body,
			title: "Talks resume", body: body, published: "1998-12-31", from: DateFromMetadata,
		},
		{
			name:  "tokenised numeric date and time",
			in:    "Talks resume\n11 / 30 / 09 05: 40 PM ET\n" + body,
			title: "Talks resume", body: body, published: "2009-11-30", from: DateFromMetadata,
		},
		{
			name:  "tokenised year-first date with dots",
			in:    "Talks resume\nPublished: 2012. 08. 08 09: 01 AM\n" + body,
			title: "Talks resume", body: body, published: "2012-08-08", from: DateFromMetadata,
		},
		{
			name:  "tokenised date with p. m. and a time zone offset",
			in:    "Talks resume\n26 September 2013, 10: 00 (GMT+05: 00)\n" + body,
			title: "Talks resume", body: body, published: "2013-09-26", from: DateFromMetadata,
		},
		{
			name:  "date and time separated by a bar, date line first",
			in:    "March 12, 2013 | 4:15 pm\nTalks resume\n" + body,
			title: "Talks resume", body: body, published: "2013-03-12", from: DateFromMetadata,
		},
		{
			name:  "ordinal day and a.m.",
			in:    "Talks resume\nMay 3rd, 2013 at 7: 31 a. m. EDT\n" + body,
			title: "Talks resume", body: body, published: "2013-05-03", from: DateFromMetadata,
		},
		{
			name:  "Published wins over Updated",
			in:    "Talks resume\nUpdated: March 14, 2013\nPublished: March 13, 2013\n" + body,
			title: "Talks resume", body: body, published: "2013-03-13", from: DateFromMetadata,
		},
		{
			name:  "Published and Updated on one line",
			in:    "Talks resume\nPUBLISHED: 02:31 GMT, 12 March 2013 | UPDATED: 22:19 GMT, 13 March 2013\n" + body,
			title: "Talks resume", body: body, published: "2013-03-12", from: DateFromMetadata,
		},
		{
			name: "a Published line wins over the URL's date",
			in:   "http://www.example.com/2013/03/14/talks.html\nTalks resume\nPublished: March 13, 2013\n" + body,
			url:  "http://www.example.com/2013/03/14/talks.html", title: "Talks resume", body: body,
			published: "2013-03-13", from: DateFromMetadata,
		},
		{
			name: "the URL's date wins over an Updated line",
			in:   "http://www.example.com/2013/03/12/talks.html\nTalks resume\nUpdated: March 14, 2013\n" + body,
			url:  "http://www.example.com/2013/03/12/talks.html", title: "Talks resume", body: body,
			published: "2013-03-12", from: DateFromURL,
		},
		{
			name: "a labelled date line under a standfirst is still taken",
			in:   "http://www.example.com/talks\nTalks resume\nThe ministers agreed to meet again.\nPUBLISHED: WEDNESDAY, MARCH 13, 2013, 2:29 PM\n" + body,
			url:  "http://www.example.com/talks", title: "Talks resume",
			body:      "The ministers agreed to meet again.\n" + body,
			published: "2013-03-13", from: DateFromMetadata,
		},
		{
			name:  "an incomplete date is never completed",
			in:    "Talks resume\nUpdated Wednesday, Jan 5 at 5:53 PM\n" + body,
			title: "Talks resume", body: body,
		},
		{
			name:  "a time alone is metadata without a date",
			in:    "Talks resume\nUpdated 9: 06 AM\n" + body,
			title: "Talks resume", body: body,
		},
		// Bylines.
		{
			name:  "byline naming an agency, with a date",
			in:    "Talks resume\nBy Jane Doe, Reuters | March 12, 2013\n" + body,
			title: "Talks resume", body: body, published: "2013-03-12", from: DateFromMetadata,
			outlet: "Reuters", byline: "By Jane Doe, Reuters",
		},
		{
			name:  "byline alone",
			in:    "Talks resume\nBy Jane Doe\n" + body,
			title: "Talks resume", body: body, byline: "By Jane Doe",
		},
		{
			name:  "name and role without By",
			in:    "Talks resume\nJane Doe, Staff Writer\n" + body,
			title: "Talks resume", body: body, byline: "Jane Doe, Staff Writer",
		},
		{
			name:  "two names and an agency with a role",
			in:    "Talks resume\nBy JANE DOE and JOHN ROE, Associated Press Writer\n" + body,
			title: "Talks resume", body: body, outlet: "Associated Press",
			byline: "By JANE DOE and JOHN ROE, Associated Press Writer",
		},
		{
			name:  "a signature wins over the byline's agency",
			in:    "Talks resume\nBy Jane Doe, Reuters\n" + body + "\nMashreq",
			title: "Talks resume", body: body, outlet: "Mashreq", byline: "By Jane Doe, Reuters",
		},
		{
			name:  "byline then a dateline",
			in:    "Talks resume\nBy Jane Doe\nAMMAN — The two ministers met on Tuesday.",
			title: "Talks resume", body: "AMMAN — The two ministers met on Tuesday.", byline: "By Jane Doe", dl: "AMMAN",
		},
		// Arabic.
		{
			name:  "Arabic: نشر في with a Levantine month",
			in:    "محادثات في عمان\nنشر في 12 آذار 2021\nبحث الوزيران سبل تعزيز التعاون.",
			title: "محادثات في عمان", body: "بحث الوزيران سبل تعزيز التعاون.",
			published: "2021-03-12", from: DateFromMetadata,
		},
		{
			name:  "Arabic: تاريخ النشر with Eastern Arabic digits, year first",
			in:    "محادثات في عمان\nتاريخ النشر: ٢٠٢١/٠٣/١٢\nبحث الوزيران سبل تعزيز التعاون.",
			title: "محادثات في عمان", body: "بحث الوزيران سبل تعزيز التعاون.",
			published: "2021-03-12", from: DateFromMetadata,
		},
		{
			name:  "Arabic: آخر تحديث ranks under نشر",
			in:    "محادثات في عمان\nآخر تحديث: 13 حزيران 2021 الساعة 10:30\nنشر في 12 حزيران 2021\nبحث الوزيران سبل تعزيز التعاون.",
			title: "محادثات في عمان", body: "بحث الوزيران سبل تعزيز التعاون.",
			published: "2021-06-12", from: DateFromMetadata,
		},
		{
			name:  "Arabic: weekday and an Egyptian month name",
			in:    "محادثات في عمان\nالثلاثاء 12 مارس 2021\nبحث الوزيران سبل تعزيز التعاون.",
			title: "محادثات في عمان", body: "بحث الوزيران سبل تعزيز التعاون.",
			published: "2021-03-12", from: DateFromMetadata,
		},
		{
			name:  "Arabic: Hijri date with its Gregorian date",
			in:    "محادثات في عمان\nالثلاثاء 28 رجب 1442 هـ الموافق 12 آذار 2021 م\nبحث الوزيران سبل تعزيز التعاون.",
			title: "محادثات في عمان", body: "بحث الوزيران سبل تعزيز التعاون.",
			published: "2021-03-12", from: DateFromMetadata,
		},
		{
			name:  "Arabic: numeric date day first",
			in:    "محادثات في عمان\nنشر في 03/04/2021\nبحث الوزيران سبل تعزيز التعاون.",
			title: "محادثات في عمان", body: "بحث الوزيران سبل تعزيز التعاون.",
			published: "2021-04-03", from: DateFromMetadata,
		},
		{
			name:  "Arabic byline",
			in:    "محادثات في عمان\nبقلم: أحمد محمود\nبحث الوزيران سبل تعزيز التعاون.",
			title: "محادثات في عمان", body: "بحث الوزيران سبل تعزيز التعاون.", byline: "بقلم: أحمد محمود",
		},
		// With the existing conventions.
		{
			name: "a leading date line wins and makes the next line a title",
			in:   "date 2021-02-17\nhttp://www.example.com/2020/01/01/talks\nTalks resume\n" + body,
			url:  "http://www.example.com/2020/01/01/talks", title: "Talks resume", body: body,
			published: "2021-02-17", from: DateFromMetadata,
		},
		{
			name:      "a leading date token with text on its line is unchanged",
			in:        " date 2021-02-17 Foreign Minister Faisal Mekdad discussed relations with Russia.\n\nThe call lasted an hour.",
			body:      "Foreign Minister Faisal Mekdad discussed relations with Russia.\n\nThe call lasted an hour.",
			published: "2021-02-17", from: DateFromMetadata,
		},
		{
			name: "six header lines, the body after them",
			in: "http://www.example.com/2013/03/12/talks\nTalks resume\nBy Jane Doe\nPublished: March 13, 2013\n" +
				"Updated: March 14, 2013\nUpdated 9:06 AM\n" + body,
			url: "http://www.example.com/2013/03/12/talks", title: "Talks resume", body: body, byline: "By Jane Doe",
			published: "2013-03-13", from: DateFromMetadata,
		},
		{
			name: "a header line between body lines is removed, the rest kept in order",
			in:   "http://www.example.com/talks\nTalks resume\nA standfirst line\nPublished: March 13, 2013\n" + body,
			url:  "http://www.example.com/talks", title: "Talks resume", body: "A standfirst line\n" + body,
			published: "2013-03-13", from: DateFromMetadata,
		},
		{
			name:  "blank lines between header lines",
			in:    "Talks resume\n\nPublished: March 13, 2013\n\n" + body,
			title: "Talks resume", body: body, published: "2013-03-13", from: DateFromMetadata,
		},
		// Negatives.
		{
			name: "a first sentence starting with a date is body",
			in:   "March 12, 2013 — The minister said the talks would resume.\nThey discussed trade.",
			body: "March 12, 2013 — The minister said the talks would resume.\nThey discussed trade.",
		},
		{
			name: "a sentence opening with On and a date is body",
			in:   "On March 12, 2013, the minister said the talks would resume.\nThey discussed trade.",
			body: "On March 12, 2013, the minister said the talks would resume.\nThey discussed trade.",
		},
		{
			name: "a one-line article that is a date line stays",
			in:   "Published: March 13, 2013",
			body: "Published: March 13, 2013",
		},
		{
			name: "a one-line article that is a URL stays",
			in:   "http://www.example.com/2013/03/12/talks.html",
			body: "http://www.example.com/2013/03/12/talks.html",
		},
		{
			name: "a URL inside the body is not the article's",
			in:   "The ministers met on Tuesday.\nThe statement is at http://www.example.com/2013/03/12/statement.html today.\nThey discussed trade.",
			body: "The ministers met on Tuesday.\nThe statement is at http://www.example.com/2013/03/12/statement.html today.\nThey discussed trade.",
		},
		{
			name: "a URL line below body prose is not the article's",
			in:   "The ministers met on Tuesday.\nhttp://www.example.com/2013/03/12/statement.html\nThey discussed trade.",
			body: "The ministers met on Tuesday.\nhttp://www.example.com/2013/03/12/statement.html\nThey discussed trade.",
		},
		{
			name: "a URL followed by words is no URL line",
			in:   "http://www.example.com/a read the statement\nTalks resume\n" + body,
			body: "http://www.example.com/a read the statement\nTalks resume\n" + body,
		},
		{
			name: "a short first line without metadata is no title",
			in:   "Talks resume\n" + body,
			body: "Talks resume\n" + body,
		},
		{
			name: "a sentence starting with By is no byline",
			in:   "By the time the ministers met, the talks had stalled.\n" + body,
			body: "By the time the ministers met, the talks had stalled.\n" + body,
		},
		{
			name: "a place and a country are no byline",
			in:   "Amman, Jordan\n" + body,
			body: "Amman, Jordan\n" + body,
		},
		{
			name: "a bare date under body prose is body (a timeline)",
			in:   "Key dates in the talks.\nMarch 12, 2013\nThe minister resigned.\nMarch 14, 2013\nA successor was named.",
			body: "Key dates in the talks.\nMarch 12, 2013\nThe minister resigned.\nMarch 14, 2013\nA successor was named.",
		},
		{
			name: "a date line beyond the first six lines is body",
			in:   "One.\nTwo.\nThree.\nFour.\nFive.\nSix.\nPublished: March 13, 2013\nSeven.",
			body: "One.\nTwo.\nThree.\nFour.\nFive.\nSix.\nPublished: March 13, 2013\nSeven.",
		},
		{
			name: "an impossible date is no date",
			in:   "Talks resume\nPublished: February 30, 2013\n" + body,
			body: "Talks resume\nPublished: February 30, 2013\n" + body,
		},
		{
			name: "a date line of more than twelve words is no date line",
			in:   "Talks resume\nPublished on Monday at the time of the the the the the the the March 13, 2013\n" + body,
			body: "Talks resume\nPublished on Monday at the time of the the the the the the the March 13, 2013\n" + body,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := decodeOne(t, tc.in)
			check := func(field, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("url", a.URL, tc.url)
			check("title", a.Title, tc.title)
			check("body", a.Body, tc.body)
			check("published", a.Published, tc.published)
			check("published_from", a.PublishedFrom, tc.from)
			check("outlet", a.Outlet, tc.outlet)
			check("byline", bylineOf(a), tc.byline)
			check("dateline", a.Dateline, tc.dl)
		})
	}
}

func TestDateLine(t *testing.T) {
	tests := []struct {
		line     string
		ok       bool
		date     string // the best date, month first for ambiguous numeric dates
		labelled bool
	}{
		{"Published: March 13, 2013", true, "2013-03-13", true},
		{"MAR. 14, 2013, 8: 12 PM", true, "2013-03-14", false},
		{"Sunday, March 17, 2013 | 5: 00 PM", true, "2013-03-17", false},
		{"Monday 16 September 2013 03. 31 BST", true, "2013-09-16", false},
		{"8: 44AM BST 16 Sep 2013", true, "2013-09-16", false},
		{"14: 25 Sun Sep 15 2013", true, "2013-09-15", false},
		{"10: 55 P. M. FEB. 2, 2009", true, "2009-02-02", false},
		{"2 A. M. FEB. 4, 2009", true, "2009-02-04", false},
		{"on Dec 23 2012, 5: 03p", true, "2012-12-23", false},
		{"3 / 27 / 2012 @ 10: 05AM", true, "2012-03-27", false},
		{"02. 29. 12 4: 15 PM", true, "2012-02-29", false},
		{"16.09.2013", true, "2013-09-16", false},
		{"Released 2013 - 09 - 28 05: 08: 35 GMT", true, "2013-09-28", true},
		{"Story Created: Aug 7, 2012 at 9: 56 AM AKDT", true, "2012-08-07", true},
		{"First Posted: 10 / 25 / 11 06: 44 PM ET Updated: 12 / 25 / 11 05: 12 AM ET", true, "2011-10-25", true},
		{"Tue Jul 02 2013, 14: 58 hrs", true, "2013-07-02", false},
		{"29th February 2012", true, "2012-02-29", false},
		{"Wednesday, 05 January 2011", true, "2011-01-05", false},
		{"March 1, 2012 - - 07: 58 GMT (23: 58 PST)", true, "2012-03-01", false},
		{"\u200fنشر في 12 كانون الثاني 2021", true, "2021-01-12", true},
		{"الأربعاء، 3 تشرين الأول 2018 - 10:15 مساءً", true, "2018-10-03", false},
		{"Dec. 24 4: 33 AM EST", true, "", false},
		{"Updated 5: 40 p. m. ET", true, "", true},
		{"March 2013", true, "", false},
		// Not date lines.
		{"March on Washington", false, "", false},
		{"2013", false, "", false},
		{"May the talks resume", false, "", false},
		{"Colts beat Chiefs 20 - 13", false, "", false},
		{"6. 1 - magnitude quake", false, "", false},
		{"Reuters reported on March 12, 2013", false, "", false},
		{"Published", false, "", false},
		{"", false, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			m, ok := dateLine(tc.line)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			best, rank := "", rankNone
			for _, d := range m.dates {
				if date := d.parts.resolve(false); date != "" && d.rank > rank {
					best, rank = date, d.rank
				}
			}
			if best != tc.date || m.labelled != tc.labelled {
				t.Errorf("date %q labelled %v, want %q %v", best, m.labelled, tc.date, tc.labelled)
			}
		})
	}
}

func TestURLLine(t *testing.T) {
	tests := []struct {
		line, url, date string
		ok              bool
	}{
		{"http://www.example.com/2009/11/30/some-slug_n_374452.html", "http://www.example.com/2009/11/30/some-slug_n_374452.html", "2009-11-30", true},
		{"http: / / en. example. az / regions / 2194453. html", "http://en.example.az/regions/2194453.html", "", true},
		{"http: / / example. com / en _ GB / articles / 2013 / 09 / 26 / brief - 02", "http://example.com/en_GB/articles/2013/09/26/brief-02", "2013-09-26", true},
		{"http: / / articles. example. com / 2013 / may / 03 / local / story - 20130504", "http://articles.example.com/2013/may/03/local/story-20130504", "2013-05-03", true},
		{"https://example.com/story/20130504/", "https://example.com/story/20130504/", "2013-05-04", true},
		{"https://example.com/a/2013-03-14-talks", "https://example.com/a/2013-03-14-talks", "2013-03-14", true},
		{"http://example.com/id/33105272", "http://example.com/id/33105272", "", true},
		{"http://example.com/1750/01/01/x", "http://example.com/1750/01/01/x", "", true},
		{"http://example.com/?d=2013/03/14", "http://example.com/?d=2013/03/14", "", true},
		{"HTTPS://EXAMPLE.COM", "HTTPS://EXAMPLE.COM", "", true},
		{"http://example.com/a b", "", "", false},
		{"http://localhost/a", "", "", false},
		{"http://example.com/<script>", "", "", false},
		{"httpd is a server", "", "", false},
		{"www example com", "", "", false},
		{"The page http://example.com", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			u, ok := urlLine(tc.line)
			if ok != tc.ok || u != tc.url {
				t.Fatalf("urlLine = %q %v, want %q %v", u, ok, tc.url, tc.ok)
			}
			if !ok {
				return
			}
			date := ""
			if p, ok := urlDate(u); ok {
				date = p.resolve(false)
			}
			if date != tc.date {
				t.Errorf("date %q, want %q", date, tc.date)
			}
		})
	}
}

func TestDayFirstHost(t *testing.T) {
	for u, want := range map[string]bool{
		"http://www.example.co.uk/a": true, "http://example.jo:8080/a": true, "http://www.example.com/a": false,
		"http://example.us/a": false, "http://example.tv/a": false, "": false, "www.example.nz": true,
	} {
		if got := dayFirstHost(u); got != want {
			t.Errorf("dayFirstHost(%q) = %v, want %v", u, got, want)
		}
	}
}

// TestHeaderCorpus reads the ECB+ corpus (../shared/corpus/ecbplus/articles): its *ecbplus.txt
// articles were saved from web pages with their URL, title and date lines at the top, its *ecb.txt
// articles have none. It counts the articles that get a URL and a publication date, checks the
// dates against the dates in the URLs, and checks that no article without a header gets one.
func TestHeaderCorpus(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "..", "shared", "corpus", "ecbplus", "articles")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("ECB+ corpus not available at %s (%v): the header figures are not measured", dir, err)
	}
	res := readAll(t, []string{dir}, testOptions())
	var articles, withURL, published, fromURL, titles, checked int
	for _, r := range res {
		if r.Article == nil {
			t.Errorf("%v", r.Err)
			continue
		}
		a := r.Article
		articles++
		if a.URL != "" {
			withURL++
		}
		if a.Title != "" {
			titles++
		}
		if a.Published != "" {
			published++
			if a.PublishedFrom == DateFromURL {
				fromURL++
			}
		}
		raw, err := os.ReadFile(a.Source)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(raw), "http") && (a.URL != "" || a.Title != "" || a.PublishedFrom == DateFromMetadata || a.Extra != nil) {
			t.Errorf("%s: header metadata found in an article without a header: url %q title %q published %s (%s)",
				a.Source, a.URL, a.Title, a.Published, a.PublishedFrom)
		}
		// A date line and the URL's date should agree to within a few days (a print edition's
		// date, a time zone).
		if p, ok := urlDate(a.URL); ok && a.PublishedFrom == DateFromMetadata {
			checked++
			u, _ := time.Parse("2006-01-02", p.resolve(false))
			d, _ := time.Parse("2006-01-02", a.Published)
			if diff := d.Sub(u); diff > 72*time.Hour || diff < -72*time.Hour {
				t.Errorf("%s: published %s but the URL says %s", a.Source, a.Published, u.Format("2006-01-02"))
			}
		}
	}
	t.Logf("ECB+: %d articles; URL %d, published %d (%d from the URL), title %d; %d dates checked against the URL",
		articles, withURL, published, fromURL, titles, checked)
	// Before the header block was recognised, none had a URL, a date or a title.
	if withURL < 245 || published < 205 || titles < 230 {
		t.Errorf("URL %d (want >= 245), published %d (want >= 205), title %d (want >= 230)", withURL, published, titles)
	}
}
