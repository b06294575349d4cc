package ingest

import (
	"context"
	"strings"
	"testing"
)

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name, in                                 string
		title, body, published, from, outlet, dl string
		bodyHas, bodyLacks                       string
	}{
		{
			name:      "date line removed, text on the next line",
			in:        "date 2021-02-17\nThe ministers met on Wednesday in Moscow.",
			body:      "The ministers met on Wednesday in Moscow.",
			published: "2021-02-17", from: DateFromMetadata,
		},
		{
			name:      "date token with text on the same line, after leading white space",
			in:        " date 2021-02-17 Foreign Minister Faisal Mekdad discussed relations with Russia.\n\nThe call lasted an hour.",
			body:      "Foreign Minister Faisal Mekdad discussed relations with Russia.\n\nThe call lasted an hour.",
			published: "2021-02-17", from: DateFromMetadata,
		},
		{
			name:      "date line with colon, capitals and Eastern Arabic digits",
			in:        "DATE: ٢٠٢٣-٠٩-٠٥\nبحث الوزيران التعاون الاقتصادي.",
			body:      "بحث الوزيران التعاون الاقتصادي.",
			published: "2023-09-05", from: DateFromMetadata,
		},
		{
			name: "a word beginning with date is not the token",
			in:   "dated 2021-02-17 documents were released on Monday.",
			body: "dated 2021-02-17 documents were released on Monday.",
		},
		{
			name: "an impossible date is not the token",
			in:   "date 2021-02-31 is not a day.\n\nMore text follows here.",
			body: "date 2021-02-31 is not a day.\n\nMore text follows here.",
		},
		{
			name:   "one-word signature after a blank line",
			in:     "The talks covered trade and energy.\n\nMashreq\n",
			body:   "The talks covered trade and energy.",
			outlet: "Mashreq",
		},
		{
			name:   "initials as signature directly after the text",
			in:     "The talks covered trade and energy.\nX.Y",
			body:   "The talks covered trade and energy.",
			outlet: "X.Y",
		},
		{
			name:   "Arabic one-word signature",
			in:     "بحث الوزيران سبل تعزيز التعاون.\n\nالمملكة",
			body:   "بحث الوزيران سبل تعزيز التعاون.",
			outlet: "المملكة",
		},
		{
			name:   "signature in parentheses",
			in:     "The talks covered trade and energy.\n(Petra)",
			body:   "The talks covered trade and energy.",
			outlet: "Petra",
		},
		{
			name: "the last word of hard-wrapped text is not a signature",
			in:   "The minister arrived in Amman on Monday, and on Tuesday he\nleft.",
			body: "The minister arrived in Amman on Monday, and on Tuesday he\nleft.",
		},
		{
			name: "a tag-like start does not make a .txt file HTML",
			in:   "<Breaking> <Headline> The ministers met on Tuesday.",
			body: "<Breaking> <Headline> The ministers met on Tuesday.",
		},
		{
			name: "a last line of several words stays in the body",
			in:   "The talks covered trade and energy.\nBoth sides agreed.",
			body: "The talks covered trade and energy.\nBoth sides agreed.",
		},
		{
			name: "a last word longer than 40 characters stays",
			in:   "The talks covered trade.\n" + strings.Repeat("x", 41),
			body: "The talks covered trade.\n" + strings.Repeat("x", 41),
		},
		{
			name: "a last line of digits is not a signature",
			in:   "The talks covered trade.\n2021",
			body: "The talks covered trade.\n2021",
		},
		{
			name: "a single line is never a signature",
			in:   "Hello",
			body: "Hello",
		},
		{
			name:  "short first line and a blank line: title",
			in:    "Safadi and Lavrov meet in Moscow\n\nMOSCOW — The two ministers met on Tuesday.",
			title: "Safadi and Lavrov meet in Moscow",
			body:  "MOSCOW — The two ministers met on Tuesday.",
			dl:    "MOSCOW",
		},
		{
			name: "first line ending a sentence: no title",
			in:   "The two ministers met on Tuesday.\n\nThey discussed trade.",
			body: "The two ministers met on Tuesday.\n\nThey discussed trade.",
		},
		{
			name: "first line without a blank line after it: no title",
			in:   "FILE – A minister speaking at a news conference (Photo credit: Agency)\nThe minister arrived on Monday.",
			body: "FILE – A minister speaking at a news conference (Photo credit: Agency)\nThe minister arrived on Monday.",
		},
		{
			name: "first line over 20 words: no title",
			in:   strings.Repeat("word ", 21) + "\n\nBody text here.",
			body: strings.TrimSpace(strings.Repeat("word ", 21)) + "\n\nBody text here.",
		},
		{
			name:      "date, title, dateline and signature together",
			in:        "date 2023-06-13\nTalks in Moscow\n\nMOSCOW — The ministers met.\n\nMashreq",
			title:     "Talks in Moscow",
			body:      "MOSCOW — The ministers met.",
			published: "2023-06-13", from: DateFromMetadata, outlet: "Mashreq", dl: "MOSCOW",
		},
		{
			name: "CR LF and lone CR line endings are normalised, paragraphs kept",
			in:   "First paragraph line one.\r\nline two.\r\n\r\n\r\n\r\nSecond paragraph.\rThird line.",
			body: "First paragraph line one.\nline two.\n\nSecond paragraph.\nThird line.",
		},
		{
			name:      "dateline agency becomes the outlet",
			in:        "WASHINGTON (Reuters) - The two sides met on Monday.",
			body:      "WASHINGTON (Reuters) - The two sides met on Monday.",
			dl:        "WASHINGTON",
			outlet:    "Reuters",
			bodyHas:   "WASHINGTON (Reuters) -",
			bodyLacks: "",
		},
		{
			name:      "dateline carrying a full date gives the publication date",
			in:        "PARIS, March 3, 2021 (AFP) - Ministers met in Paris.",
			body:      "PARIS, March 3, 2021 (AFP) - Ministers met in Paris.",
			dl:        "PARIS",
			outlet:    "AFP",
			published: "2021-03-03", from: DateFromDateline,
		},
		{
			name:      "a signature wins over the dateline agency; a date line over the dateline date",
			in:        "date 2021-03-04\nPARIS, March 3, 2021 (AFP) - Ministers met in Paris.\nLW",
			body:      "PARIS, March 3, 2021 (AFP) - Ministers met in Paris.",
			dl:        "PARIS",
			outlet:    "LW",
			published: "2021-03-04", from: DateFromMetadata,
		},
		{
			name: "BOM removed",
			in:   "\ufeffThe ministers met.",
			body: "The ministers met.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Decode(context.Background(), "a.txt", []byte(tc.in), testOptions())
			if len(res) != 1 {
				t.Fatalf("got %d results, want 1", len(res))
			}
			checkResult(t, res[0])
			if res[0].Err != nil {
				t.Fatalf("unexpected error: %v", res[0].Err)
			}
			a := res[0].Article
			if a.Format != FormatText || a.Source != "a.txt" {
				t.Errorf("format %q source %q", a.Format, a.Source)
			}
			check := func(field, got, want string) {
				if got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("title", a.Title, tc.title)
			check("body", a.Body, tc.body)
			check("published", a.Published, tc.published)
			check("published_from", a.PublishedFrom, tc.from)
			check("outlet", a.Outlet, tc.outlet)
			check("dateline", a.Dateline, tc.dl)
			if !a.IngestedAt.Equal(fixedNow) {
				t.Errorf("ingested_at = %v", a.IngestedAt)
			}
			if a.ContentHash != HashBytes([]byte(tc.in)) {
				t.Errorf("content hash is not the hash of the input bytes")
			}
		})
	}
}

func TestParseDateline(t *testing.T) {
	tests := []struct {
		body, place, agency, date string
		ok                        bool
	}{
		{"AMMAN — Foreign Minister Ayman Safadi said", "AMMAN", "", "", true},
		{"AMMAN—Foreign Minister Ayman Safadi said", "AMMAN", "", "", true},
		{"MOSCOW- Russian Foreign Minister Sergey Lavrov said", "MOSCOW", "", "", true},
		{"MOSCOW -- Russian Foreign Minister said", "MOSCOW", "", "", true},
		{"WASHINGTON (Reuters) - The United States said", "WASHINGTON", "Reuters", "", true},
		{"NEW YORK (AP) — The Security Council met", "NEW YORK", "AP", "", true},
		{"Amman, Jordan — The foreign minister said", "Amman, Jordan", "", "", true},
		{"Amman — The foreign minister said", "Amman", "", "", true},
		{"PARIS, March 3 (AFP) - The French minister said", "PARIS", "AFP", "March 3", true},
		{"PARIS, March 3, 2021 (AFP) - The French minister said", "PARIS", "AFP", "March 3, 2021", true},
		{"DUBAI: The UAE foreign minister said", "DUBAI", "", "", true},
		{"AL-QUDS — Officials said", "AL-QUDS", "", "", true},
		{"Rio de Janeiro, Brazil — Officials said", "Rio de Janeiro, Brazil", "", "", true},
		{"عمان - أكد وزير الخارجية", "عمان", "", "", true},
		{"عمّان (بترا) - أكد وزير الخارجية", "عمّان", "بترا", "", true},
		{"عمان ٣ حزيران (بترا) - أكد وزير الخارجية", "عمان", "بترا", "٣ حزيران", true},
		{"القدس المحتلة - قال مسؤولون", "القدس المحتلة", "", "", true},
		// Not datelines.
		{"The minister said - in a statement - that", "", "", "", false},
		{"Foreign Minister Ayman Safadi - who arrived", "", "", "", false},
		{"FILE – Turkish Foreign Minister Hakan Fidan speaking", "", "", "", false},
		{"Egypt's foreign minister has started a regional tour", "", "", "", false},
		{"In 2020, the minister — then new in office — said", "", "", "", false},
		{"عقد وزير الخارجية الأردني ونظيره التركي جولة محادثات موسعة في أنقرة - اليوم", "", "", "", false},
		{"MOSCOW-based analysts say", "", "", "", false},
		{"AMMAN —", "", "", "", false},
		{"Note: the minister said", "", "", "", false},
		{"", "", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.body, func(t *testing.T) {
			dl, ok := parseDateline(tc.body)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, tc.ok, dl)
			}
			if dl.place != tc.place || dl.agency != tc.agency || dl.dateText != tc.date {
				t.Errorf("got place %q agency %q date %q, want %q %q %q", dl.place, dl.agency, dl.dateText, tc.place, tc.agency, tc.date)
			}
		})
	}
}
