package events

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

func person(key, name, country string) EntityRef {
	return EntityRef{Key: key, Name: name, Type: "person", Country: country}
}

func country(code, name string) EntityRef {
	return EntityRef{Key: "country:" + code, Name: name, Type: "country", Country: code}
}

func mkEvent(article, lang, typ, mode string, a, r EntityRef, date, published string, loc *EntityRef) Event {
	ev := Event{ArticleID: article, Lang: lang, Type: typ, Mode: mode, Actor: a, Recipient: r, Date: date,
		Published: published, Location: loc, Confidence: 0.8, Trigger: "met",
		Sentences: []Evidence{{Sentence: 0, Field: "body", Start: 0, End: 10, Text: article + " sentence"}}}
	ev.ID = eventID(article, typ, a.Key, r.Key, 0)
	return ev
}

var (
	lavrovEN = person("person:sergey-lavrov", "Sergey Lavrov", "RUS")
	lavrovAR = EntityRef{Key: "person:syrghy-lafrwf", Name: "سيرغي لافروف", NameAr: "سيرغي لافروف", Type: "person", Country: "RUS"}
	safadiEN = person("person:ayman-safadi", "Ayman Safadi", "JOR")
	safadiAR = EntityRef{Key: "person:aymn-alsfdy", Name: "أيمن الصفدي", Type: "person", Country: "JOR"}
	amman    = &EntityRef{Key: "city:amman", Name: "Amman", Type: "city", Country: "JOR"}
	moscow   = &EntityRef{Key: "city:moscow", Name: "Moscow", Type: "city", Country: "RUS"}
)

// canonicalIDs stands in for the link stage: both spellings of each minister are one person.
func canonicalIDs(k string) string {
	switch k {
	case lavrovAR.Key, lavrovEN.Key:
		return "person:lavrov"
	case safadiAR.Key, safadiEN.Key:
		return "person:safadi"
	}
	return ""
}

func TestMerge(t *testing.T) {
	cases := []struct {
		name   string
		events []Event
		sizes  []int // sources per merged event, in timeline order
	}{
		{
			name: "the same call reported in English and Arabic",
			events: []Event{
				mkEvent("en1", "en", Consult, ModePhone, safadiEN, lavrovEN, "2020-08-22", "2020-08-22", nil),
				mkEvent("ar1", "ar", Consult, ModePhone, lavrovAR, safadiAR, "2020-08-22", "2020-08-23", nil),
			},
			sizes: []int{2},
		},
		{
			name: "different dates are different calls",
			events: []Event{
				mkEvent("en1", "en", Consult, ModePhone, safadiEN, lavrovEN, "2020-08-22", "", nil),
				mkEvent("ar1", "ar", Consult, ModePhone, lavrovAR, safadiAR, "2020-09-10", "", nil),
			},
			sizes: []int{1, 1},
		},
		{
			name: "a call is not a visit",
			events: []Event{
				mkEvent("en1", "en", Consult, ModePhone, safadiEN, lavrovEN, "2020-08-22", "", nil),
				mkEvent("en2", "en", Consult, ModeVisit, safadiEN, lavrovEN, "2020-08-22", "", moscow),
			},
			sizes: []int{1, 1},
		},
		{
			name: "undated reports in different articles stay apart",
			events: []Event{
				mkEvent("en1", "en", Consult, ModePhone, safadiEN, lavrovEN, "", "", nil),
				mkEvent("ar1", "ar", Consult, ModePhone, safadiAR, lavrovAR, "", "", nil),
			},
			sizes: []int{1, 1},
		},
		{
			name: "an undated report joins a dated one published within days",
			events: []Event{
				mkEvent("en1", "en", Consult, ModePhone, safadiEN, lavrovEN, "2020-08-22", "2020-08-22", nil),
				mkEvent("ar1", "ar", Consult, ModePhone, safadiAR, lavrovAR, "", "2020-08-24", nil),
			},
			sizes: []int{2},
		},
		{
			name: "a visit to a country joins the meeting with that country's minister",
			events: []Event{
				mkEvent("en1", "en", Consult, ModeVisit, lavrovEN, country("JOR", "Jordan"), "2022-11-02", "", amman),
				mkEvent("en1", "en", Consult, ModeVisit, lavrovEN, safadiEN, "2022-11-03", "", amman),
				mkEvent("ar2", "ar", Consult, ModeVisit, lavrovAR, safadiAR, "2022-11-03", "2022-11-03", amman),
			},
			sizes: []int{3},
		},
		{
			name: "different places are different meetings",
			events: []Event{
				mkEvent("en1", "en", Consult, ModeMeeting, lavrovEN, safadiEN, "2022-11-03", "", amman),
				mkEvent("en2", "en", Consult, ModeMeeting, lavrovEN, safadiEN, "2022-11-03", "", moscow),
			},
			sizes: []int{1, 1},
		},
		{
			name: "directed types keep their direction",
			events: []Event{
				mkEvent("en1", "en", Accuse, "", country("RUS", "Russia"), country("USA", "United States"), "2022-03-01", "", nil),
				mkEvent("en2", "en", Accuse, "", country("USA", "United States"), country("RUS", "Russia"), "2022-03-01", "", nil),
			},
			sizes: []int{1, 1},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Merge(tc.events, canonicalIDs)
			var sizes []int
			for _, m := range got {
				sizes = append(sizes, len(m.Sources))
				if m.ID == "" || m.Why == "" {
					t.Errorf("merged event without id or explanation: %+v", m)
				}
			}
			if !reflect.DeepEqual(sizes, tc.sizes) {
				for _, m := range got {
					t.Logf("%s %s %s->%s %s: %s", m.ID, m.Event.Type, m.Event.Actor.Key, m.Event.Recipient.Key, m.Event.Date, m.Why)
				}
				t.Fatalf("sources per merged event = %v, want %v", sizes, tc.sizes)
			}
		})
	}
}

func TestMergeExplainsAndPrefersSpecific(t *testing.T) {
	got := Merge([]Event{
		mkEvent("en1", "en", Consult, ModeVisit, lavrovEN, country("JOR", "Jordan"), "2022-11-02", "", amman),
		mkEvent("en1", "en", Consult, ModeVisit, lavrovEN, safadiEN, "2022-11-03", "", amman),
		mkEvent("ar2", "ar", Consult, ModeVisit, lavrovAR, safadiAR, "2022-11-03", "", amman),
	}, canonicalIDs)
	if len(got) != 1 {
		t.Fatalf("got %d merged events, want 1", len(got))
	}
	m := got[0]
	if m.Event.Recipient.Key != "person:safadi" || m.Event.Actor.Key != "person:lavrov" {
		t.Errorf("representative %s -> %s, want the canonical people", m.Event.Actor.Key, m.Event.Recipient.Key)
	}
	if m.First != "2022-11-02" || m.Last != "2022-11-03" {
		t.Errorf("span %s..%s, want 2022-11-02..2022-11-03", m.First, m.Last)
	}
	for _, want := range []string{"3 reports in 2 article(s) and 2 language(s)", "same type CONSULT", "either order", "country-level", "place city:amman"} {
		if !strings.Contains(m.Why, want) {
			t.Errorf("why %q lacks %q", m.Why, want)
		}
	}
}

func TestMergeOrderIndependent(t *testing.T) {
	evs := []Event{
		mkEvent("en1", "en", Consult, ModePhone, safadiEN, lavrovEN, "2020-08-22", "2020-08-22", nil),
		mkEvent("ar1", "ar", Consult, ModePhone, lavrovAR, safadiAR, "2020-08-22", "", nil),
		mkEvent("en2", "en", Consult, ModePhone, safadiEN, lavrovEN, "2020-08-23", "", nil),
		mkEvent("en3", "en", Consult, ModeVisit, lavrovEN, country("JOR", "Jordan"), "2022-11-02", "", amman),
		mkEvent("en3", "en", Consult, ModeVisit, lavrovEN, safadiEN, "2022-11-03", "", amman),
		mkEvent("en4", "en", Agree, "", country("RUS", "Russia"), country("USA", "United States"), "", "", nil),
		mkEvent("en5", "en", Consult, ModePhone, safadiEN, lavrovEN, "", "", nil),
		mkEvent("en5", "en", Consult, ModePhone, safadiEN, lavrovEN, "", "", nil), // the same report twice
	}
	want, _ := json.Marshal(Merge(evs, canonicalIDs))
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 50; i++ {
		p := append([]Event(nil), evs...)
		rng.Shuffle(len(p), func(a, b int) { p[a], p[b] = p[b], p[a] })
		got, _ := json.Marshal(Merge(p, canonicalIDs))
		if !bytes.Equal(got, want) {
			t.Fatalf("order %d gives a different merge:\n%s\nwant\n%s", i, got, want)
		}
	}
}

func TestMatcherAndTimeline(t *testing.T) {
	evs := []Event{
		mkEvent("a", "en", Consult, ModePhone, safadiEN, lavrovEN, "", "", nil),
		mkEvent("b", "ar", Consult, ModePhone, safadiAR, lavrovAR, "", "", nil),
		mkEvent("c", "en", Consult, ModeVisit, safadiEN, lavrovEN, "", "", moscow),
		mkEvent("d", "en", Consult, ModeVisit, lavrovEN, country("JOR", "Jordan"), "2022-11-02", "", amman),
		mkEvent("d", "en", Consult, ModeVisit, lavrovEN, safadiEN, "2022-11-03", "", amman),
		mkEvent("e", "en", Consult, ModePhone, person("person:mekdad", "Faisal Mekdad", "SYR"), lavrovEN, "2021-02-17", "2021-02-17", nil),
		mkEvent("f", "en", Agree, "intent-to-cooperate", country("RUS", "Russia"), country("USA", "United States"), "", "", nil),
	}
	evs[3].DateInferred, evs[4].DateInferred = true, true
	ms := Merge(evs, canonicalIDs)
	m := NewMatcher(Filter{Actor: "Lavrov", With: "Jordan"}, nil)
	var got []Merged
	for _, x := range ms {
		if m.Match(x) {
			got = append(got, x)
		}
	}
	Timeline(got)
	if len(got) != 4 {
		t.Fatalf("Lavrov with Jordan: %d events, want 4", len(got))
	}
	if got[0].Event.Date != "2022-11-03" || !got[0].Event.DateInferred {
		t.Errorf("first event %s (inferred %v), want the dated, inferred visit first", got[0].Event.Date, got[0].Event.DateInferred)
	}
	for _, x := range got[1:] {
		if x.Event.Date != "" {
			t.Errorf("undated events must come last, got %s", x.Event.Date)
		}
	}
	for _, tc := range []struct {
		f    Filter
		want int
	}{
		{Filter{Actor: "لافروف"}, 1}, // the Arabic report keeps its Arabic name
		{Filter{Actor: "Russia"}, 6},
		{Filter{Actor: "Russia", With: "United States"}, 1},
		{Filter{Actor: "Mekdad"}, 1},
		{Filter{Type: "agree"}, 1},
		{Filter{Since: "2021-01-01", Until: "2021-12-31"}, 1},
		{Filter{Lang: "ar"}, 1},
		{Filter{Actor: "person:safadi"}, 4},
	} {
		n := 0
		mm := NewMatcher(tc.f, nil)
		for _, x := range ms {
			if mm.Match(x) {
				n++
			}
		}
		if n != tc.want {
			t.Errorf("%+v: %d events, want %d", tc.f, n, tc.want)
		}
	}
	if err := (Filter{Since: "2021-13-01"}).Validate(); err == nil {
		t.Error("a bad date passes validation")
	}
	if err := (Filter{With: "Jordan"}).Validate(); err == nil {
		t.Error("--with without --actor passes validation")
	}
}

func TestExportSchema(t *testing.T) {
	ms := Merge([]Event{
		mkEvent("en1", "en", Consult, ModePhone, safadiEN, lavrovEN, "2020-08-22", "2020-08-22", nil),
		mkEvent("ar1", "ar", Consult, ModePhone, lavrovAR, safadiAR, "2020-08-22", "", nil),
		mkEvent("en2", "en", Consult, ModeVisit, lavrovEN, safadiEN, "2022-11-03", "", amman),
	}, canonicalIDs)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, ms); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	if !reflect.DeepEqual(rows[0], CSVHeader) || len(rows) != 3 {
		t.Fatalf("header %v and %d rows, want %v and 3", rows[0], len(rows), CSVHeader)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	r := rows[1]
	for c, want := range map[string]string{"event_date": "2020-08-22", "event_type": "CONSULT", "event_mode": "phone",
		"source_actor_country": "JOR", "target_actor_country": "RUS", "language": "ar;en", "source_count": "2",
		"sources": "ar1;en1"} {
		if r[col[c]] != want {
			t.Errorf("%s = %q, want %q", c, r[col[c]], want)
		}
	}
	buf.Reset()
	if err := WriteJSONL(&buf, ms); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d JSON lines, want 2", len(lines))
	}
	for _, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("line does not parse: %v", err)
		}
		for _, k := range append(append([]string(nil), CSVHeader...), "date_text", "first_date") {
			if _, ok := rec[k]; !ok && k != "date_text" && k != "first_date" {
				t.Errorf("record lacks %q", k)
			}
		}
		srcs, _ := rec["sources"].([]any)
		if len(srcs) == 0 {
			t.Fatal("record without sources")
		}
		s0 := srcs[0].(map[string]any)
		for _, k := range []string{"article_id", "event_id", "language", "start", "end", "text"} {
			if _, ok := s0[k]; !ok {
				t.Errorf("source lacks %q", k)
			}
		}
	}
	if ms[1].Event.Location == nil || ToRecord(ms[1]).LocationCountry != "JOR" {
		t.Errorf("location country not exported: %+v", ToRecord(ms[1]))
	}
}

// BenchmarkMerge merges 20,000 reports of 5,000 consultations between 200 people over a year.
func BenchmarkMerge(b *testing.B) {
	rng := rand.New(rand.NewSource(7))
	var evs []Event
	for i := 0; i < 20000; i++ {
		e := i % 5000
		a := person(fmt.Sprintf("person:p%d", e%200), "A", "AAA")
		r := person(fmt.Sprintf("person:q%d", (e*7)%200), "B", "BBB")
		day := fmt.Sprintf("2022-%02d-%02d", 1+e%12, 1+(e/12)%28)
		if rng.Intn(4) == 0 {
			day = ""
		}
		evs = append(evs, mkEvent(fmt.Sprintf("art%d", i), "en", Consult, ModePhone, a, r, day, "", nil))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Merge(evs, nil)
	}
	b.ReportMetric(float64(len(evs))*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

func TestNameSides(t *testing.T) {
	ms := []Merged{{Event: Event{
		Actor:     EntityRef{Key: "person:a", Name: "A. Misspelt", Text: "A. Misspelt"},
		Recipient: EntityRef{Key: "person:b", Name: "B as written", NameAr: "ب", Text: "B as written"},
	}}}
	known := map[string][2]string{"person:a": {"Alia Karim", "علياء كريم"}, "person:b": {"", "ب ب"}}
	NameSides(ms, func(key string) (string, string, bool) {
		n, ok := known[key]
		return n[0], n[1], ok
	})
	a, r := ms[0].Event.Actor, ms[0].Event.Recipient
	if a.Name != "Alia Karim" || a.NameAr != "علياء كريم" || a.Text != "A. Misspelt" {
		t.Errorf("actor %+v: want the canonical names and the surface kept", a)
	}
	if r.Name != "B as written" || r.NameAr != "ب" {
		t.Errorf("recipient %+v: a canonical entity with no Latin name changes nothing", r)
	}
}
