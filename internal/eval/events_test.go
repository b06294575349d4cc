package eval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/analyse"
	"storyline/internal/events"
)

func strp(s string) *string { return &s }

// eventGold is a small gold set written for these tests.
func eventGold() *Gold {
	return &Gold{Articles: map[string]*GoldArticle{
		"a.txt": {
			Language: "en", HasEvents: true, HasEntities: true,
			Entities: []GoldEntity{
				{ID: "p:safadi", Type: "person", Surface: []string{"Ayman Safadi", "Safadi"}},
				{ID: "p:lavrov", Type: "person", Surface: []string{"Sergey Lavrov", "Lavrov"}},
				{ID: "c:jor", Type: "country", Surface: []string{"Jordan", "Jordanian"}},
				{ID: "c:isr", Type: "country", Surface: []string{"Israel"}},
			},
			Events: []GoldEvent{
				{Type: "CONSULT", Actor: "p:safadi", Recipient: "p:lavrov", Date: strp("2020-03-31")},
				{Type: "REQUEST", Actor: "c:jor", Recipient: "c:isr", Date: nil},
				{Type: "ACCUSE", Actor: "c:jor", Recipient: "c:isr", Date: strp("2020-04-01")},
			},
		},
		"b.txt": {Language: "ar", HasEntities: true}, // no "events" key: not scored
	}}
}

func eventSystem() []SystemArticle {
	ent := func(key, typ string, texts ...string) analyse.Entity {
		e := analyse.Entity{Key: key, Type: typ}
		for _, t := range texts {
			e.Mentions = append(e.Mentions, analyse.Mention{Text: t})
		}
		return e
	}
	return []SystemArticle{
		{Name: "a.txt", Analysis: analyse.Analysis{ArticleID: "A", Entities: []analyse.Entity{
			ent("person:ayman-safadi", "person", "Safadi"),
			ent("person:sergey-lavrov", "person", "Sergey Lavrov", "Lavrov"),
			ent("country:JOR", "country", "Jordan"),
			ent("country:ISR", "country", "Israel"),
			ent("city:amman", "city", "Amman"),
		}}},
		{Name: "b.txt", Analysis: analyse.Analysis{ArticleID: "B"}},
	}
}

func sysEvent(article, typ, actor, recipient, date string) events.Event {
	return events.Event{ArticleID: article, Type: typ, Actor: events.EntityRef{Key: actor},
		Recipient: events.EntityRef{Key: recipient}, Date: date}
}

func TestScoreEvents(t *testing.T) {
	cases := []struct {
		name           string
		evs            []events.Event
		p, r, date     float64
		found, matched int
	}{
		{
			name: "consultation in the other order, a duplicate, a wrong type and an unscored article",
			evs: []events.Event{
				sysEvent("A", "CONSULT", "person:sergey-lavrov", "person:ayman-safadi", "2020-03-31"),
				sysEvent("A", "CONSULT", "person:ayman-safadi", "person:sergey-lavrov", "2020-03-31"), // duplicate
				sysEvent("A", "REQUEST", "country:JOR", "country:ISR", ""),
				sysEvent("A", "SUPPORT", "country:JOR", "country:ISR", ""),
				sysEvent("B", "CONSULT", "x", "y", ""), // article without events in the gold
			},
			p: 2.0 / 4, r: 2.0 / 3, date: 1, found: 2, matched: 2,
		},
		{
			name: "directed types keep their direction; a wrong date counts against date accuracy",
			evs: []events.Event{
				sysEvent("A", "ACCUSE", "country:ISR", "country:JOR", "2020-04-01"),
				sysEvent("A", "ACCUSE", "country:JOR", "country:ISR", "2020-04-02"),
				sysEvent("A", "CONSULT", "person:ayman-safadi", "city:amman", "2020-03-31"),
			},
			p: 1.0 / 3, r: 1.0 / 3, date: 0, found: 1, matched: 1,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := &Report{}
			sc := ScoreEvents(eventGold(), eventSystem(), tc.evs, r)
			if r.EventsP == nil || r.EventsR == nil || r.EventsF1 == nil || r.EventsDateAccuracy == nil {
				t.Fatalf("null figures: %+v", sc)
			}
			near := func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
			if !near(*r.EventsP, tc.p) || !near(*r.EventsR, tc.r) || !near(*r.EventsDateAccuracy, tc.date) {
				t.Errorf("P %.3f R %.3f date %.3f, want %.3f %.3f %.3f (%+v)", *r.EventsP, *r.EventsR,
					*r.EventsDateAccuracy, tc.p, tc.r, tc.date, sc)
			}
			if sc.Found != tc.found || sc.Matched != tc.matched || sc.Gold != 3 {
				t.Errorf("counts %+v", sc)
			}
		})
	}
}

func TestScoreEventsNothingToScore(t *testing.T) {
	g := &Gold{Articles: map[string]*GoldArticle{"a.txt": {Language: "en", HasEntities: true}}}
	r := &Report{}
	ScoreEvents(g, eventSystem(), nil, r)
	if r.EventsP != nil || r.EventsR != nil || r.EventsF1 != nil || r.EventsDateAccuracy != nil {
		t.Error("figures without any article carrying events should stay null")
	}
	// Articles with an empty events list: recall is undefined, precision counts the system's.
	g.Articles["a.txt"].HasEvents = true
	ScoreEvents(g, eventSystem(), []events.Event{sysEvent("A", "CONSULT", "a", "b", "")}, r)
	if r.EventsR != nil || r.EventsP == nil || *r.EventsP != 0 || r.EventsDateAccuracy != nil {
		t.Errorf("P %v R %v date %v", r.EventsP, r.EventsR, r.EventsDateAccuracy)
	}
}

// TestEventsSeeds scores event extraction on the sample corpus in ../shared/corpus; run it with
// -v to see the figures and the errors.
func TestEventsSeeds(t *testing.T) {
	corpus := filepath.Join(repoRoot(t), "..", "shared", "corpus")
	g, err := LoadGold(filepath.Join(corpus, "gold.json"))
	if err != nil {
		t.Skipf("sample corpus absent (%v): it lives in ../shared/corpus beside the repository", err)
	}
	if _, err := os.Stat(filepath.Join(corpus, "seeds")); err != nil {
		t.Skipf("sample corpus absent: %v", err)
	}
	ctx := context.Background()
	seeds := filepath.Join(corpus, "seeds")
	sys, errs, err := AnalyseDir(ctx, seeds, analyse.New(analyse.Options{}))
	if err != nil || len(errs) > 0 {
		t.Fatalf("%v %q", err, errs)
	}
	evs, errs, err := ExtractEvents(ctx, seeds, sys, nil)
	if err != nil || len(errs) > 0 {
		t.Fatalf("%v %q", err, errs)
	}
	r := &Report{}
	sc := ScoreEvents(g, sys, evs, r)
	t.Logf("events P %.3f R %.3f F1 %.3f date accuracy %.3f (gold %d, found %d; system %d, matched %d; dated %d, right %d)",
		deref(r.EventsP), deref(r.EventsR), deref(r.EventsF1), deref(r.EventsDateAccuracy),
		sc.Gold, sc.Found, sc.System, sc.Matched, sc.Dated, sc.DateRight)
	for _, l := range [][]string{sc.NotFound, sc.Spurious, sc.WrongDate} {
		if len(l) > 0 {
			t.Logf("\n  %s", strings.Join(l, "\n  "))
		}
	}
	// The aim of issue 5; the figure on unseen news is what counts, this only guards regressions.
	if r.EventsF1 == nil || *r.EventsF1 < 0.8 {
		t.Errorf("event F1 %.3f below 0.8", deref(r.EventsF1))
	}
}
