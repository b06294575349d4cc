package link

import (
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
)

// The reports below were written for these tests: contacts between the Jordanian and Russian
// foreign ministers, and one with the Syrian minister.
var (
	safadi = ent("person:ayman-safadi", analyse.TypePerson, "Ayman Safadi", "JOR", 0.9)
	lavrov = ent("person:sergei-lavrov", analyse.TypePerson, "Sergei Lavrov", "RUS", 0.9)
	mekdad = ent("person:faisal-mekdad", analyse.TypePerson, "Faisal Mekdad", "SYR", 0.9)
	jordan = ent("country:JOR", analyse.TypeCountry, "Jordan", "JOR", 0.4)
	russia = ent("country:RUS", analyse.TypeCountry, "Russia", "RUS", 0.4)
	syria  = ent("country:SYR", analyse.TypeCountry, "Syria", "SYR", 0.5)
	amman  = ent("city:amman", analyse.TypeCity, "Amman", "JOR", 0.5)
	moscow = ent("city:moscow", analyse.TypeCity, "Moscow", "RUS", 0.5)
)

// consult is a consultation as the events stage reports it.
func consult(mode, actor, actorCountry, recipient, recipientCountry, date, place, placeCountry string) Happening {
	return Happening{Type: "CONSULT", Mode: mode, Symmetric: true, Actor: actor, ActorCountry: actorCountry,
		Recipient: recipient, RecipientCountry: recipientCountry, Date: date, Location: place,
		LocationCountry: placeCountry, Confidence: 0.95}
}

// report is one test article with its analysis and interactions.
type report struct {
	art  ingest.Article
	an   analyse.Analysis
	haps []Happening
}

func (r report) doc(canonical map[string]string) Doc {
	return NewDoc(r.art, r.an, canonical, r.haps...)
}

var (
	// Two phone calls between the same ministers, four months apart, on different matters.
	callMay = report{
		art: ingest.Article{ID: "call-may", Lang: "en", Published: "2020-05-04",
			Title: "Safadi and Lavrov discuss coronavirus cooperation by phone",
			Body: "In a phone call on Monday, the foreign ministers of Jordan and Russia, Ayman Safadi and Sergei Lavrov, " +
				"discussed joint work against the coronavirus pandemic and the war in Syria. " +
				"Safadi offered Jordan's condolences over the pandemic's dead in Russia."},
		an: analyse.Analysis{Lang: "en", Published: "2020-05-04",
			Entities: []analyse.Entity{safadi, lavrov, jordan, russia, syria},
			Dates:    []analyse.Date{day("2020-05-04")},
			Concepts: concepts("phone", "call", "discuss", "cooper", "coronavirus", "pandem", "condol", "minist", "foreign"),
			Topics:   []analyse.Topic{{ID: "diplomacy", Score: 0.8}, {ID: "covid-19", Score: 0.7}}},
		haps: []Happening{consult("phone", "person:ayman-safadi", "JOR", "person:sergei-lavrov", "RUS", "2020-05-04", "", "")},
	}
	callSep = report{
		art: ingest.Article{ID: "call-sep", Lang: "en", Published: "2020-09-15",
			Title: "Safadi and Lavrov discuss Syria in phone call",
			Body: "Foreign Minister Ayman Safadi and Russian Foreign Minister Sergei Lavrov discussed on Tuesday, " +
				"in a phone call, efforts to reach a political solution in Syria and the return of refugees. " +
				"Lavrov said Russia would keep supporting the ceasefire in the south of Syria."},
		an: analyse.Analysis{Lang: "en", Published: "2020-09-15",
			Entities: []analyse.Entity{safadi, lavrov, jordan, russia, syria},
			Dates:    []analyse.Date{day("2020-09-15")},
			Concepts: concepts("phone", "call", "discuss", "solut", "refuge", "ceasefir", "minist", "foreign", "polit"),
			Topics:   []analyse.Topic{{ID: "diplomacy", Score: 0.8}, {ID: "syrian-crisis", Score: 0.8}}},
		haps: []Happening{consult("phone", "person:ayman-safadi", "JOR", "person:sergei-lavrov", "RUS", "2020-09-15", "", "")},
	}
	// Lavrov's visit to Amman, in English and in Arabic, the same day.
	visitEN = report{
		art: ingest.Article{ID: "visit-en", Lang: "en", Published: "2022-11-03", Dateline: "AMMAN",
			Title: "Lavrov holds talks with Safadi in Amman",
			Body: "AMMAN — Russian Foreign Minister Sergei Lavrov held talks in Amman on Thursday with his Jordanian " +
				"counterpart Ayman Safadi on the crisis in Syria and security on the border. The two ministers " +
				"agreed to keep working for a political solution."},
		an: analyse.Analysis{Lang: "en", Published: "2022-11-03",
			Entities: []analyse.Entity{lavrov, safadi, amman, jordan, russia, syria},
			Dates:    []analyse.Date{day("2022-11-03")},
			Concepts: concepts("talk", "crisi", "secur", "border", "solut", "polit", "minist", "foreign", "agre"),
			Topics:   []analyse.Topic{{ID: "diplomacy", Score: 0.8}, {ID: "syrian-crisis", Score: 0.7}}},
		haps: []Happening{consult("visit", "person:sergei-lavrov", "RUS", "person:ayman-safadi", "JOR", "2022-11-03", "city:amman", "JOR")},
	}
	visitAR = report{
		art: ingest.Article{ID: "visit-ar", Lang: "ar", Published: "2022-11-03", Dateline: "عمان",
			Title: "الصفدي يبحث مع لافروف في عمان الأزمة السورية",
			Body: "عمان - بحث وزير الخارجية أيمن الصفدي مع نظيره الروسي سيرغي لافروف في عمان يوم الخميس الأزمة السورية " +
				"وأمن الحدود، واتفق الوزيران على مواصلة العمل من أجل حل سياسي."},
		an: analyse.Analysis{Lang: "ar", Published: "2022-11-03",
			Entities: []analyse.Entity{
				ent("person:ayman-al-safadi", analyse.TypePerson, "Ayman Safadi", "JOR", 0.9),
				ent("person:sirghi-lafrof", analyse.TypePerson, "Sergei Lavrov", "RUS", 0.85),
				amman, jordan, russia, syria},
			Dates:    []analyse.Date{day("2022-11-03")},
			Concepts: concepts("talk", "crisi", "secur", "border", "solut", "polit", "minist", "foreign", "agre"),
			Topics:   []analyse.Topic{{ID: "diplomacy", Score: 0.8}, {ID: "syrian-crisis", Score: 0.8}}},
		haps: []Happening{consult("visit", "person:sirghi-lafrof", "RUS", "person:ayman-al-safadi", "JOR", "2022-11-03", "city:amman", "JOR")},
	}
)

// the variants of one report that tests need.
func (r report) with(id string, f func(*report)) report {
	c := r
	c.art.ID = id
	c.an.Entities = append([]analyse.Entity(nil), r.an.Entities...)
	c.haps = append([]Happening(nil), r.haps...)
	f(&c)
	return c
}

var visitCanonical = map[string]string{
	"person:ayman-al-safadi": "person:ayman-safadi",
	"person:sirghi-lafrof":   "person:sergei-lavrov",
}

func TestSameEventRules(t *testing.T) {
	th := DefaultParams.EventThreshold
	// The same visit, but Safadi's in Moscow: another place.
	inMoscow := visitEN.with("visit-moscow", func(r *report) {
		r.art.Dateline, r.art.Title = "MOSCOW", "Safadi holds talks with Lavrov in Moscow"
		r.art.Body = strings.ReplaceAll(strings.ReplaceAll(r.art.Body, "AMMAN", "MOSCOW"), "in Amman", "in Moscow")
		r.haps[0].Location, r.haps[0].LocationCountry = "city:moscow", "RUS"
		r.an.Entities[2] = moscow
	})
	// The same day, a call and not a visit.
	byPhone := visitEN.with("visit-phone", func(r *report) {
		r.art.Title = "Lavrov and Safadi discuss Syria by phone"
		r.art.Body = strings.Replace(r.art.Body, "held talks in Amman", "spoke by phone", 1)
		r.haps[0].Mode, r.haps[0].Location = "phone", ""
	})
	// The same day and mode, with Mekdad instead of Safadi.
	withMekdad := callMay.with("call-mekdad", func(r *report) {
		r.art.Title = "Mekdad and Lavrov discuss coronavirus cooperation by phone"
		r.art.Body = strings.ReplaceAll(strings.ReplaceAll(r.art.Body, "Ayman Safadi", "Faisal Mekdad"), "Jordan", "Syria")
		r.an.Entities[0] = mekdad
		r.haps[0].Actor, r.haps[0].ActorCountry = "person:faisal-mekdad", "SYR"
	})
	// The English report of the Amman visit with no publication date nor dated interaction,
	// against the Arabic one with none either: nothing says when, and both only share actors.
	undatedEN := callMay.with("call-undated-en", func(r *report) { r.art.Published, r.an.Published, r.an.Dates, r.haps[0].Date = "", "", nil, "" })
	undatedAR := visitAR.with("call-undated-ar", func(r *report) {
		r.art.Published, r.an.Published, r.an.Dates = "", "", nil
		r.haps[0].Mode, r.haps[0].Date, r.haps[0].Location = "phone", "", ""
		r.an.Concepts = concepts("anniversari", "relat", "diplomat", "establish")
	})
	// The English report of the Amman visit with no date at all, saying only "on Thursday" (the
	// Arabic report's date, 2022-11-03, was a Thursday), and the same saying "on Monday".
	undatedVisit := func(id, weekday string) report {
		return visitEN.with(id, func(r *report) {
			r.art.Published, r.an.Published, r.haps[0].Date = "", "", ""
			r.art.Body = strings.Replace(r.art.Body, "Thursday", weekday, 1)
			r.an.Sentences = []analyse.Span{{Field: "title"}, {Field: "body"}}
			r.an.Dates = []analyse.Date{{Text: weekday, Field: "body", Sentence: 1, Relative: true}}
		})
	}
	// Neither shares much of the Arabic report's narrative, nor says where the talks were: only
	// the weekday speaks for or against one happening.
	onThursday, onMonday := undatedVisit("visit-thursday", "Thursday"), undatedVisit("visit-monday", "Monday")
	for _, r := range []*report{&onThursday, &onMonday} {
		r.an.Concepts = concepts("border", "refuge", "water", "trade", "minist", "foreign", "invest", "return", "energi")
		r.haps[0].Location, r.haps[0].LocationCountry = "", ""
		r.art.Dateline = ""
	}
	tests := []struct {
		name    string
		a, b    Doc
		same    bool
		against string // a reason Evidence.Against must give
		lo, hi  float64
	}{
		{"one visit in English and Arabic, the same day", visitEN.doc(nil), visitAR.doc(visitCanonical), true, "", 1, 2},
		{"two calls of the same ministers months apart", callMay.doc(nil), callSep.doc(nil), false, "times", 1.5, 3},
		{"a visit to Amman and one to Moscow", visitEN.doc(nil), inMoscow.doc(nil), false, "places", 1.5, 3.5},
		{"a visit and a call", visitEN.doc(nil), byPhone.doc(nil), false, "mode", 1.5, 3.5},
		{"Safadi's call and Mekdad's, the same day", callMay.doc(nil), withMekdad.doc(nil), false, "counterparts", 1.5, 3.5},
		{"two undated calls across languages sharing only actors", undatedEN.doc(nil), undatedAR.doc(visitCanonical), false, "no time", 1.5, 3.5},
		{"an undated report naming the weekday of the other's date", onThursday.doc(nil), visitAR.doc(visitCanonical), true, "", 1, 2},
		{"an undated report naming another weekday", onMonday.doc(nil), visitAR.doc(visitCanonical), false, "weekday", 1.5, 3.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Similarity(tt.a, tt.b)
			if got := s.SameEvent >= th; got != tt.same {
				t.Errorf("SameEvent %.3f against threshold %.2f: same = %v, want %v; components %v",
					s.SameEvent, th, got, tt.same, s.Evidence.Components)
			}
			if s.Overall < tt.lo || s.Overall > tt.hi {
				t.Errorf("Overall %.3f, want in [%v, %v]", s.Overall, tt.lo, tt.hi)
			}
			if tt.against != "" && !strings.Contains(strings.Join(s.Evidence.Against, "; "), tt.against) {
				t.Errorf("Against %q does not say %q", s.Evidence.Against, tt.against)
			}
			if tt.same && len(s.Evidence.Against) > 0 {
				t.Errorf("one event, yet Against %q", s.Evidence.Against)
			}
			r := Similarity(tt.b, tt.a)
			if r.SameEvent != s.SameEvent || r.Overall != s.Overall {
				t.Errorf("not symmetric: %v/%v against %v/%v", s.SameEvent, s.Overall, r.SameEvent, r.Overall)
			}
		})
	}
}

// TestWeekdayOfUndatedReport checks that an undated report's weekday counts: the weekday of the
// other's date makes one happening likelier than no weekday at all, another weekday less likely.
func TestWeekdayOfUndatedReport(t *testing.T) {
	undated := func(id string, dates []analyse.Date) Doc {
		return visitEN.with(id, func(r *report) {
			r.art.Published, r.an.Published, r.haps[0].Date, r.art.Dateline = "", "", "", ""
			r.haps[0].Location, r.haps[0].LocationCountry = "", ""
			r.an.Sentences = []analyse.Span{{Field: "title"}, {Field: "body"}}
			r.an.Dates = dates
			r.an.Concepts = concepts("border", "refuge", "water", "trade", "minist", "foreign", "invest", "return", "energi")
		}).doc(nil)
	}
	weekday := func(w string) []analyse.Date {
		return []analyse.Date{{Text: w, Field: "body", Sentence: 1, Relative: true}}
	}
	other := visitAR.doc(visitCanonical) // 2022-11-03, a Thursday
	none := Similarity(undated("none", nil), other).SameEvent
	thu := Similarity(undated("thu", weekday("Thursday")), other).SameEvent
	mon := Similarity(undated("mon", weekday("Monday")), other).SameEvent
	if !(thu > none && none > mon) {
		t.Errorf("SameEvent: on Thursday %.3f, no weekday %.3f, on Monday %.3f; want decreasing", thu, none, mon)
	}
}

// TestClustererEventsAndStory clusters two calls of the same ministers months apart, and an
// English and an Arabic report of one visit: three events, one story.
func TestClustererEventsAndStory(t *testing.T) {
	docs := []Doc{callMay.doc(nil), visitEN.doc(nil), callSep.doc(nil), visitAR.doc(visitCanonical)}
	for _, order := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 3, 0, 1}} {
		c := NewClusterer(Params{})
		for _, k := range order {
			if _, err := c.Add(context.Background(), docs[k]); err != nil {
				t.Fatal(err)
			}
		}
		want := [][]string{{"call-may"}, {"call-sep"}, {"visit-ar", "visit-en"}}
		if got := c.Events(); !reflect.DeepEqual(got, want) {
			t.Errorf("order %v: events %v, want %v", order, got, want)
		}
		if st := c.Stories(); len(st) != 1 || st[0].Articles != 4 || len(st[0].Events) != 3 {
			t.Errorf("order %v: stories %+v, want one of three events", order, st)
		}
	}
}

func TestNumberFeatures(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"scores and tolls", "The Sixers fell to 9-14; 288 candidates ran, and 93.87 percent voted.", []string{"num:288", "num:9-14", "num:93.87"}},
		{"thousands separators and Arabic digits", "أكثر من ٥٬٣٠٠ قتيل و 5,300 dead", []string{"num:5300"}},
		{"years, single digits and model names are no numbers", "In 2013, 3 people saw IE8 and the F-16.", nil},
		{"a date is no number", "On 2021-02-17 and 15/09/2013 they met.", nil},
		{"an address line is dropped", "http://example.org/2013/123456\nThe 45 villagers.", []string{"num:45"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, w := range numberFeatures("", tt.text) {
				got = append(got, w.Key)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("numbers %v, want %v", got, tt.want)
			}
		})
	}
}

func FuzzNumberFeatures(f *testing.F) {
	for _, s := range []string{"9-14 and 288", "٥٬٣٠٠", "1.2.3.4", "--1--", "\xff\xfe12", "2013-09-26"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ws := numberFeatures(s, s)
		if len(ws) > maxNumbers {
			t.Fatalf("%d numbers", len(ws))
		}
		for _, w := range ws {
			if !strings.HasPrefix(w.Key, "num:") || !(w.Weight > 0 && w.Weight <= 1) {
				t.Fatalf("bad number %+v", w)
			}
			for _, r := range strings.TrimPrefix(w.Key, "num:") {
				if !strings.ContainsRune("0123456789.:-/", r) {
					t.Fatalf("number %q has %q", w.Key, r)
				}
			}
		}
	})
}

// TestNewFeaturesSurviveState checks that lead dates, numbers and interactions go through the
// index and a saved state unchanged.
func TestNewFeaturesSurviveState(t *testing.T) {
	d := visitEN.doc(nil)
	d.Lead = []Weighted{{Key: "2022-11", Weight: 0.5}, {Key: "2022-11-03", Weight: 0.9}}
	d.Numbers = []Weighted{{Key: "num:288", Weight: 1}}
	d.Weekdays = []int{2, 4}
	c := NewClusterer(Params{})
	if _, err := c.Add(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(c.State())
	if err != nil {
		t.Fatal(err)
	}
	var st State
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	r, err := Restore(st)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := r.Doc(d.ID)
	if !ok || !reflect.DeepEqual(got.Lead, d.Lead) || !reflect.DeepEqual(got.Numbers, d.Numbers) ||
		!reflect.DeepEqual(got.Happenings, d.Happenings) || !reflect.DeepEqual(got.Weekdays, d.Weekdays) {
		t.Errorf("restored Doc: lead %v numbers %v happenings %+v weekdays %v; want %v %v %+v %v",
			got.Lead, got.Numbers, got.Happenings, got.Weekdays, d.Lead, d.Numbers, d.Happenings, d.Weekdays)
	}
}

// TestSimilarityPropertiesWithEvents repeats the symmetry and scale properties over random Docs
// that also carry lead dates, numbers and interactions.
func TestSimilarityPropertiesWithEvents(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	people := []string{"person:a", "person:b", "person:c", "country:JOR", "country:RUS"}
	countries := []string{"JOR", "RUS", "SYR", ""}
	modes := []string{"phone", "visit", "meeting", ""}
	places := []string{"city:amman", "city:moscow", "country:JOR", ""}
	docs := make([]Doc, 120)
	for i := range docs {
		d := randomDoc(r, i)
		for range r.IntN(4) {
			d.Happenings = append(d.Happenings, Happening{Type: []string{"CONSULT", "AGREE"}[r.IntN(2)],
				Mode: modes[r.IntN(len(modes))], Symmetric: r.IntN(2) == 0,
				Actor: people[r.IntN(len(people))], ActorCountry: countries[r.IntN(len(countries))],
				Recipient: people[r.IntN(len(people))], RecipientCountry: countries[r.IntN(len(countries))],
				Date: dayString(int32(17000 + r.IntN(60))), Location: places[r.IntN(len(places))],
				Sentence: r.IntN(5), Confidence: float32(0.5 + r.Float64()/2)})
		}
		if r.IntN(2) == 0 {
			d.Lead = []Weighted{{Key: dayString(int32(17000 + r.IntN(60))), Weight: 0.9}}
		}
		if r.IntN(2) == 0 {
			d.Numbers = []Weighted{{Key: "num:" + string(rune('1'+r.IntN(3))) + "0", Weight: 1}}
		}
		if r.IntN(3) == 0 {
			// No date at all, a weekday or two named in the lead.
			d.Published, d.Lead, d.Dates = "", nil, nil
			for k := range d.Happenings {
				d.Happenings[k].Date = ""
			}
			d.Weekdays = []int{1 + r.IntN(3), 4 + r.IntN(4)}[:1+r.IntN(2)]
		}
		docs[i] = d
	}
	for i := range docs {
		for j := i + 1; j < len(docs); j += 3 {
			a, b := Similarity(docs[i], docs[j]), Similarity(docs[j], docs[i])
			if a.Overall != b.Overall || a.SameEvent != b.SameEvent {
				t.Fatalf("docs %d, %d: not symmetric: %v/%v against %v/%v", i, j, a.Overall, a.SameEvent, b.Overall, b.SameEvent)
			}
			if a.Overall < 1 || a.Overall > 4 || math.IsNaN(a.Overall) || a.SameEvent < 0 || a.SameEvent > 1 {
				t.Fatalf("docs %d, %d: overall %v, same event %v", i, j, a.Overall, a.SameEvent)
			}
		}
		if s := Similarity(docs[i], docs[i]); s.Overall != 1 {
			t.Fatalf("doc %d against itself: %v", i, s.Overall)
		}
	}
}

func TestLeadWeekdays(t *testing.T) {
	sentences := []analyse.Span{{Field: "title"}, {Field: "body"}, {Field: "body"}, {Field: "body"}, {Field: "body"}, {Field: "body"}}
	tests := []struct {
		name  string
		lang  string
		dates []analyse.Date
		want  []int
	}{
		{"a weekday with no date", "en", []analyse.Date{{Text: "Monday", Sentence: 1, Relative: true}}, []int{1}},
		{"two weekdays", "en", []analyse.Date{{Text: "on Tuesday", Sentence: 2}, {Text: "last Saturday", Sentence: 0}}, []int{2, 6}},
		{"an Arabic weekday", "ar", []analyse.Date{{Text: "يوم الخميس", Sentence: 1, Relative: true}}, []int{4}},
		{"a relative day is no weekday", "en", []analyse.Date{{Text: "yesterday", Sentence: 1, Relative: true}}, nil},
		{"a weekday fixed to a date", "en", []analyse.Date{{Text: "Monday", Sentence: 1, Value: "2024-05-13", Granularity: "day"}}, nil},
		{"a weekday after the lead", "en", []analyse.Date{{Text: "Friday", Sentence: 5, Relative: true}}, nil},
		{"no sentences", "en", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := analyse.Analysis{Sentences: sentences, Dates: tt.dates}
			if got := leadWeekdays(an, tt.lang); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("leadWeekdays = %v, want %v", got, tt.want)
			}
		})
	}
}
