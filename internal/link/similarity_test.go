package link

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
)

// ent is a hand-made analysed entity.
func ent(key, typ, name, country string, sal float64) analyse.Entity {
	return analyse.Entity{Key: key, Type: typ, Name: name, Country: country, Salience: sal,
		Mentions: []analyse.Mention{{Text: name}}}
}

func concepts(keys ...string) []analyse.Concept {
	var out []analyse.Concept
	for _, k := range keys {
		out = append(out, analyse.Concept{Key: k, Weight: 1})
	}
	return out
}

func day(v string) analyse.Date {
	return analyse.Date{Text: v, Value: v, Granularity: "day", Confidence: 0.9}
}

// callEN and callAR are the same phone call between two foreign ministers, reported in English
// and in Arabic (written for these tests).
var (
	callEN = ingest.Article{ID: "en-call", Lang: "en", Published: "2020-05-04",
		Title: "Russian and Jordanian foreign ministers discuss Syria by phone",
		Body: "Russian Foreign Minister Sergei Lavrov and his Jordanian counterpart Ayman Safadi discussed " +
			"the situation in Syria and the two-state solution in a phone call on Monday, the ministry said."}
	callENAn = analyse.Analysis{Lang: "en", Published: "2020-05-04",
		Entities: []analyse.Entity{
			ent("person:sergei-lavrov", analyse.TypePerson, "Sergei Lavrov", "RUS", 0.9),
			ent("person:ayman-safadi", analyse.TypePerson, "Ayman Safadi", "JOR", 0.9),
			ent("country:SYR", analyse.TypeCountry, "Syria", "SYR", 0.5),
			ent("country:RUS", analyse.TypeCountry, "Russia", "RUS", 0.4),
			ent("country:JOR", analyse.TypeCountry, "Jordan", "JOR", 0.4),
		},
		Dates:    []analyse.Date{day("2020-05-04")},
		Concepts: concepts("phone", "call", "discuss", "situat", "state", "solut", "minist", "foreign"),
		Topics:   []analyse.Topic{{ID: "diplomacy", Score: 0.8}, {ID: "syrian-crisis", Score: 0.6}},
	}
	callAR = ingest.Article{ID: "ar-call", Lang: "ar", Published: "2020-05-04",
		Title: "الصفدي ولافروف يبحثان الأزمة السورية هاتفيا",
		Body:  "بحث وزير الخارجية الأردني أيمن الصفدي مع نظيره الروسي سيرغي لافروف في اتصال هاتفي يوم الاثنين الوضع في سوريا وحل الدولتين."}
	callARAn = analyse.Analysis{Lang: "ar", Published: "2020-05-04",
		Entities: []analyse.Entity{
			ent("person:ayman-al-safadi", analyse.TypePerson, "Ayman Safadi", "JOR", 0.9),
			ent("person:sirghi-lafrof", analyse.TypePerson, "Sergei Lavrov", "RUS", 0.85),
			ent("country:SYR", analyse.TypeCountry, "Syria", "SYR", 0.5),
			ent("country:JOR", analyse.TypeCountry, "Jordan", "JOR", 0.4),
			ent("country:RUS", analyse.TypeCountry, "Russia", "RUS", 0.3),
		},
		Dates:    []analyse.Date{day("2020-05-04")},
		Concepts: concepts("phone", "call", "discuss", "situat", "state", "solut", "minist", "foreign", "crisi"),
		Topics:   []analyse.Topic{{ID: "diplomacy", Score: 0.7}, {ID: "syrian-crisis", Score: 0.7}},
	}
	// quake is an unrelated article.
	quake = ingest.Article{ID: "en-quake", Lang: "en", Published: "2013-09-24",
		Title: "Earthquake strikes Pakistan's Balochistan province",
		Body:  "A powerful earthquake struck a remote district of Balochistan on Tuesday, flattening mud houses and killing dozens of villagers."}
	quakeAn = analyse.Analysis{Lang: "en", Published: "2013-09-24",
		Entities: []analyse.Entity{
			ent("place:balochistan", analyse.TypeRegion, "Balochistan", "PAK", 0.8),
			ent("country:PAK", analyse.TypeCountry, "Pakistan", "PAK", 0.6),
		},
		Dates:    []analyse.Date{day("2013-09-24")},
		Concepts: concepts("earthquak", "strike", "district", "hous", "kill", "villag"),
		Topics:   []analyse.Topic{{ID: "disaster", Score: 0.9}},
	}
)

// canonicalCall says that the two scripts' person keys are one person each (what
// analyse.Resolve does across articles).
var canonicalCall = map[string]string{
	"person:ayman-al-safadi": "person:ayman-safadi",
	"person:sirghi-lafrof":   "person:sergei-lavrov",
}

func TestSimilarityInvariants(t *testing.T) {
	en := NewDoc(callEN, callENAn, nil)
	ar := NewDoc(callAR, callARAn, canonicalCall)
	q := NewDoc(quake, quakeAn, nil)
	tests := []struct {
		name     string
		a, b     Doc
		lo, hi   float64 // bounds on Overall
		evidence func(Evidence) bool
	}{
		{"self", en, en, 1, 1, nil},
		{"self arabic", ar, ar, 1, 1, nil},
		{"nothing in common", en, q, 4, 4, func(ev Evidence) bool {
			return len(ev.SharedEntities) == 0 && len(ev.SharedPlaces) == 0 && len(ev.OnlyA.Entities) > 0
		}},
		{"cross-lingual same event", en, ar, 1, 2, func(ev Evidence) bool {
			return len(ev.SharedEntities) == 2 && len(ev.SharedPlaces) >= 1 && len(ev.SharedDates) == 1 &&
				len(ev.SharedConcepts) > 0 && !ev.SameLanguage && ev.DaysApart == 0
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Similarity(tt.a, tt.b)
			if s.Overall < tt.lo || s.Overall > tt.hi {
				t.Errorf("Overall = %v, want in [%v, %v]; scores %+v", s.Overall, tt.lo, tt.hi, s)
			}
			r := Similarity(tt.b, tt.a)
			if r.Overall != s.Overall || r.Entities != s.Entities || r.Geography != s.Geography ||
				r.Time != s.Time || r.Narrative != s.Narrative || r.SameEvent != s.SameEvent {
				t.Errorf("not symmetric: %+v vs %+v", s, r)
			}
			if tt.evidence != nil && !tt.evidence(s.Evidence) {
				t.Errorf("evidence = %+v", s.Evidence)
			}
		})
	}
}

func TestSimilarityDimensionsAreOnScale(t *testing.T) {
	en := NewDoc(callEN, callENAn, nil)
	ar := NewDoc(callAR, callARAn, canonicalCall)
	s := Similarity(en, ar)
	for name, v := range map[string]float64{"geography": s.Geography, "entities": s.Entities,
		"time": s.Time, "narrative": s.Narrative, "overall": s.Overall} {
		if v < 1 || v > 4 || math.IsNaN(v) {
			t.Errorf("%s = %v, not in 1..4", name, v)
		}
	}
	if s.Time != 1 {
		t.Errorf("same-day reports: Time = %v, want 1", s.Time)
	}
	if s.SameEvent < 0.5 {
		t.Errorf("SameEvent = %v, want >= 0.5", s.SameEvent)
	}
	// Without the canonical map the two persons stay apart, and the pair is less similar.
	un := NewDoc(callAR, callARAn, nil)
	if u := Similarity(en, un); u.Entities <= s.Entities {
		t.Errorf("unresolved people: Entities %v, want worse than resolved %v", u.Entities, s.Entities)
	}
}

// randomDoc makes a random Doc over a small vocabulary, so that random pairs overlap.
func randomDoc(r *rand.Rand, id int) Doc {
	pick := func(prefix string, n, vocab int) []Weighted {
		m := map[string]float32{}
		for range r.IntN(n + 1) {
			m[prefix+string(rune('a'+r.IntN(vocab)))] = float32(r.Float64()*0.9 + 0.1)
		}
		return topWeighted(m, 100)
	}
	langs := []string{"en", "ar", "fr"}
	d := Doc{ID: string(rune('A'+id%26)) + strings.Repeat("x", id/26), Lang: langs[r.IntN(3)]}
	if r.IntN(3) > 0 {
		d.Published = dayString(int32(17000 + r.IntN(60)))
	}
	types := []string{analyse.TypePerson, analyse.TypeOrganisation, analyse.TypeCountry, analyse.TypeCity}
	for _, w := range pick("e:", 6, 12) {
		d.Entities = append(d.Entities, Entity{ID: w.Key, Type: types[int(w.Key[2])%4], Weight: w.Weight})
	}
	d.Places = pick("p:", 3, 6)
	d.Concepts = pick("c:", 8, 20)
	d.Topics = pick("t:", 2, 5)
	d.Terms = pick(d.Lang+":", 10, 20)
	for _, w := range pick("", 3, 10) {
		d.Dates = append(d.Dates, Weighted{Key: dayString(int32(17000 + int(w.Key[0]-'a')*5)), Weight: w.Weight})
	}
	d.Dates = topWeighted(func() map[string]float32 {
		m := map[string]float32{}
		for _, x := range d.Dates {
			m[x.Key] = x.Weight
		}
		return m
	}(), 10)
	if r.IntN(2) == 0 {
		d.MinHash = make([]uint32, MinHashSize)
		for i := range d.MinHash {
			d.MinHash[i] = uint32(r.IntN(4))
		}
		d.Fingerprint = r.Uint64()
	}
	return d
}

func TestSimilarityProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	docs := make([]Doc, 200)
	for i := range docs {
		docs[i] = randomDoc(r, i)
	}
	for i := range docs {
		if s := Similarity(docs[i], docs[i]); s.Overall != 1 {
			t.Fatalf("doc %d against itself: Overall %v", i, s.Overall)
		}
		for j := i + 1; j < len(docs); j += 7 {
			a, b := Similarity(docs[i], docs[j]), Similarity(docs[j], docs[i])
			if a.Overall != b.Overall || a.Entities != b.Entities || a.Geography != b.Geography ||
				a.Time != b.Time || a.Narrative != b.Narrative || a.SameEvent != b.SameEvent {
				t.Fatalf("docs %d, %d: not symmetric: %+v vs %+v", i, j, a, b)
			}
			for _, v := range []float64{a.Overall, a.Entities, a.Geography, a.Time, a.Narrative} {
				if v < 1 || v > 4 || math.IsNaN(v) {
					t.Fatalf("docs %d, %d: score %v off the scale", i, j, v)
				}
			}
			if a.SameEvent < 0 || a.SameEvent > 1 {
				t.Fatalf("docs %d, %d: SameEvent %v", i, j, a.SameEvent)
			}
		}
	}
	// A doc and an empty one have nothing in common.
	if s := Similarity(docs[0], Doc{ID: "empty", Lang: "en"}); s.Overall != 4 {
		t.Errorf("against an empty doc: Overall %v, want 4", s.Overall)
	}
}

func TestNearDuplicates(t *testing.T) {
	base := "The foreign ministers of Jordan and Russia met in Moscow on Wednesday to discuss the " +
		"crisis in Syria, the return of refugees and the situation in the south of the country, " +
		"officials said after talks that lasted more than three hours. The two men agreed to keep " +
		"in close contact and to hold a further round of consultations in Amman next month, and " +
		"they called on all parties to respect the ceasefire in the south-west of Syria."
	edited := strings.Replace(base, "on Wednesday", "on Wednesday afternoon", 1)
	edited = strings.Replace(edited, "officials said", "officials told reporters", 1)
	other := "Heavy rain flooded streets in the capital overnight, forcing schools to close and " +
		"stranding commuters, while the weather service warned of more storms through the weekend " +
		"and urged residents to stay away from rivers and low-lying roads until the water recedes."
	mk := func(id, body string) Doc {
		return NewDoc(ingest.Article{ID: id, Lang: "en", Title: "Talks", Body: body}, analyse.Analysis{}, nil)
	}
	x := NewIndex()
	orig := mk("orig", base)
	x.Add(orig)
	x.Add(mk("other", other))
	dups := x.Duplicates(mk("copy", edited))
	if len(dups) != 1 || dups[0].ID != "orig" {
		t.Fatalf("Duplicates(edited copy) = %+v, want orig", dups)
	}
	if dups[0].Jaccard < DuplicateJaccard || dups[0].Jaccard >= 1 {
		t.Errorf("Jaccard = %v", dups[0].Jaccard)
	}
	if d := x.Duplicates(mk("rain2", "A different text entirely about football results and league tables this season.")); len(d) != 0 {
		t.Errorf("unrelated article has duplicates %+v", d)
	}
	// The article itself is not its own duplicate.
	if d := x.Duplicates(orig); len(d) != 0 {
		t.Errorf("Duplicates(orig) = %+v", d)
	}
}

// TestPlacesWithoutActors checks that places shared by two articles with no person or
// organisation in common weigh less in their relatedness than the same places with one: a
// region, not a story.
func TestPlacesWithoutActors(t *testing.T) {
	p := parts{place: 1, hasPlace: true, ent: 0.4, hasEnt: true, conc: 0.2, hasConc: true, time: 1, hasTime: true}
	alone := p.related()
	p.actors = 1
	if shared := p.related(); !(alone < shared) {
		t.Errorf("related: places alone %.3f, with a shared person %.3f; want less alone", alone, shared)
	}
}
