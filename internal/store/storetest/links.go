package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"storyline/internal/analyse"
	"storyline/internal/events"
	"storyline/internal/ingest"
	"storyline/internal/link"
	"storyline/internal/store"
)

// RunMore runs the cases for existence checks, entity look-up and rows, events, the linking state,
// stories and the linking lock. Run calls it.
func RunMore(t *testing.T, open Opener) {
	t.Run("Existing", func(t *testing.T) { testExisting(t, open(t)) })
	t.Run("FindEntities", func(t *testing.T) { testFindEntities(t, open(t)) })
	t.Run("EntityRows", func(t *testing.T) { testEntityRows(t, open(t)) })
	t.Run("Events", func(t *testing.T) { testEvents(t, open(t)) })
	t.Run("LinkState", func(t *testing.T) { testLinkState(t, open(t)) })
	t.Run("Stories", func(t *testing.T) { testStories(t, open(t)) })
	t.Run("LockLinks", func(t *testing.T) { testLockLinks(t, open(t)) })
	t.Run("BatchFailsWhole", func(t *testing.T) { testBatchFailsWhole(t, open(t)) })
	t.Run("ByteOrder", func(t *testing.T) { testByteOrder(t, open(t)) })
}

func testExisting(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	a, b, c := Article(1, "en"), Article(2, "ar"), Article(3, "en")
	if _, err := s.Write(ctx, store.Batch{Articles: []ingest.Article{a, b}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		ids  []string
		want map[string]bool
	}{
		{"none asked", nil, map[string]bool{}},
		{"stored and not", []string{a.ID, c.ID, b.ID}, map[string]bool{a.ID: true, b.ID: true}},
		{"prefix is not an id", []string{a.ID[:8]}, map[string]bool{}},
		{"repeated", []string{a.ID, a.ID}, map[string]bool{a.ID: true}},
	}
	for _, tt := range tests {
		got, err := s.Existing(ctx, tt.ids)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Existing = %v, want %v", tt.name, got, tt.want)
		}
	}
	// More ids than one statement may take.
	many := make([]string, 0, 1500)
	for i := 0; i < 1499; i++ {
		many = append(many, fmt.Sprintf("%016x", i))
	}
	many = append(many, b.ID)
	got, err := s.Existing(ctx, many)
	if err != nil || len(got) != 1 || !got[b.ID] {
		t.Errorf("Existing over 1500 ids = %v, %v; want only %s", got, err, b.ID)
	}
}

func testFindEntities(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	a, b, c := Article(1, "en"), Article(2, "ar"), Article(3, "en")
	lavrov := person("person:sergey-lavrov", "Sergey Lavrov", "lavrov", "en")
	lavrov.Forms = []string{"Sergey Lavrov", "Lavrov"}
	lavrovAr := person("person:lafrwf", "لافروف", "لافروف", "ar")
	jordan := analyse.Entity{Key: "country:JOR", Type: analyse.TypeCountry, Name: "Jordan", Forms: []string{"Jordan", "the Kingdom"}}
	odd := person("person:a-b", "100% A_B", "b", "en")
	batch := store.Batch{Articles: []ingest.Article{a, b, c}, Analyses: []store.Analysed{
		analysed(a, lavrov, jordan), analysed(b, lavrovAr, jordan), analysed(c, jordan, odd)}}
	batch.Analyses[1].Entities[0].Block = "b:lavrov" // resolution compares it with the Latin spelling
	if _, err := s.Write(ctx, batch); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query string
		limit       int
		want        []string
	}{
		{"canonical id", "country:JOR", 0, []string{"country:JOR"}},
		{"entity key", "person:lafrwf", 0, []string{"person:lafrwf"}},
		{"name, other case", "sergey LAVROV", 0, []string{"person:sergey-lavrov"}},
		{"surface form", "lavrov", 0, []string{"person:sergey-lavrov"}},
		{"form with a space", "the kingdom", 0, []string{"country:JOR"}},
		{"Arabic form", "لافروف", 0, []string{"person:lafrwf"}},
		{"part of a form is not a form", "Lavr", 0, nil},
		{"wildcards are characters", "%", 0, nil},
		{"underscore is a character", "100% A_B", 0, []string{"person:a-b"}},
		{"unknown", "Safadi", 0, nil},
	}
	for _, tt := range tests {
		got, err := s.FindEntities(ctx, tt.query, tt.limit)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: FindEntities(%q) = %v, want %v", tt.name, tt.query, got, tt.want)
		}
	}
	// After resolution both spellings are one entity, found by either.
	err := s.Resolve(ctx, []string{"b:lavrov"}, func(rows []store.EntityRow) []string {
		ids := make([]string, len(rows))
		for i := range ids {
			ids[i] = "person:sergey-lavrov"
		}
		return ids
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"لافروف", "Lavrov"} {
		got, err := s.FindEntities(ctx, q, 5)
		if err != nil || fmt.Sprint(got) != "[person:sergey-lavrov]" {
			t.Errorf("after Resolve FindEntities(%q) = %v, %v", q, got, err)
		}
	}
}

func testEntityRows(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	a, b := Article(1, "en"), Article(2, "ar")
	in := []store.Analysed{
		analysed(a, person("person:z", "Zed", "zed", "en"), analyse.Entity{Key: "country:JOR", Type: analyse.TypeCountry, Name: "Jordan"}),
		analysed(b, person("person:lafrwf", "لافروف", "lavrov", "ar")),
	}
	in[0].Entities[0].CanonicalID = "person:zed-global"
	if _, err := s.Write(ctx, store.Batch{Articles: []ingest.Article{a, b}, Analyses: in}); err != nil {
		t.Fatal(err)
	}
	got, err := s.EntityRows(ctx, []string{b.ID, a.ID, "ffffffffffffffff"})
	if err != nil {
		t.Fatal(err)
	}
	want := append(append([]store.EntityRow{}, in[0].Entities...), in[1].Entities...)
	sort.SliceStable(want, func(i, j int) bool {
		if want[i].ArticleID != want[j].ArticleID {
			return want[i].ArticleID < want[j].ArticleID
		}
		return want[i].Entity.Key < want[j].Entity.Key
	})
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if string(gj) != string(wj) {
		t.Errorf("EntityRows:\n got %s\nwant %s", gj, wj)
	}
	if none, err := s.EntityRows(ctx, nil); err != nil || len(none) != 0 {
		t.Errorf("EntityRows(nil) = %v, %v", none, err)
	}
}

// event returns a test event of article a.
func event(a ingest.Article, n int, typ, date string) events.Event {
	return events.Event{ID: fmt.Sprintf("ev-%s-%d", a.ID[:8], n), ArticleID: a.ID, Type: typ,
		Actor: events.EntityRef{Key: "person:sergey-lavrov", Name: "Sergey Lavrov"}, Date: date, Published: a.Published,
		Sentences: []events.Evidence{}, Trigger: "met", Confidence: 0.8, Lang: a.Lang}
}

func testEvents(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	a, b := Article(1, "en"), Article(2, "ar") // published 2021-02-02, 2021-02-03
	an, bn := analysed(a, person("person:sergey-lavrov", "Sergey Lavrov", "lavrov", "en")), analysed(b)
	an.Events = []events.Event{event(a, 1, "CONSULT", "2021-02-01"), event(a, 2, "ACCUSE", "")}
	bn.Events = []events.Event{event(b, 1, "CONSULT", "2021-03")}
	if _, err := s.Write(ctx, store.Batch{Articles: []ingest.Article{a, b}, Analyses: []store.Analysed{an, bn}}); err != nil {
		t.Fatal(err)
	}
	ids := func(evs []events.Event) string {
		var out []string
		for _, e := range evs {
			out = append(out, e.ID)
		}
		return fmt.Sprint(out)
	}
	a1, a2, b1 := an.Events[0].ID, an.Events[1].ID, bn.Events[0].ID
	tests := []struct {
		name string
		ids  []string
		f    store.EventFilter
		want []string
	}{
		{"all", nil, store.EventFilter{}, sortedIDs(a1, a2, b1)},
		{"one article", []string{b.ID}, store.EventFilter{}, []string{b1}},
		{"no article", []string{}, store.EventFilter{}, nil},
		{"type, any case", nil, store.EventFilter{Type: "consult"}, sortedIDs(a1, b1)},
		{"language", nil, store.EventFilter{Lang: "ar"}, []string{b1}},
		{"since: undated events by publication", nil, store.EventFilter{Since: "2021-02-02"}, sortedIDs(a2, b1)},
		{"until a month takes its days", nil, store.EventFilter{Until: "2021-03"}, sortedIDs(a1, a2, b1)},
		{"until a day before the month", nil, store.EventFilter{Until: "2021-02-28"}, sortedIDs(a1, a2)},
	}
	for _, tt := range tests {
		got, err := s.ArticleEvents(ctx, tt.ids, tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if ids(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: events %s, want %v", tt.name, ids(got), tt.want)
		}
	}
	all, _ := s.ArticleEvents(ctx, []string{a.ID}, store.EventFilter{})
	if len(all) == 2 {
		gj, _ := json.Marshal(all[0])
		wj, _ := json.Marshal(an.Events[0])
		if all[0].ID == a1 && string(gj) != string(wj) {
			t.Errorf("event round trip:\n got %s\nwant %s", gj, wj)
		}
	}
	canon, err := s.CanonicalAll(ctx, nil)
	if err != nil || len(canon) != 1 || canon[a.ID+"\x00person:sergey-lavrov"] != "person:sergey-lavrov" {
		t.Errorf("CanonicalAll(nil) = %q, %v", canon, err)
	}
	canon, err = s.CanonicalAll(ctx, []string{b.ID})
	if err != nil || len(canon) != 0 {
		t.Errorf("CanonicalAll(b) = %q, %v; want none", canon, err)
	}
	// A new analysis replaces the article's events.
	an.Events = an.Events[1:]
	if _, err := s.Write(ctx, store.Batch{Analyses: []store.Analysed{an}}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.ArticleEvents(ctx, nil, store.EventFilter{})
	if ids(got) != fmt.Sprint(sortedIDs(a2, b1)) {
		t.Errorf("after re-analysis events are %s, want %v", ids(got), sortedIDs(a2, b1))
	}
}

func sortedIDs(ids ...string) []string {
	sort.Strings(ids)
	return ids
}

// linkDoc is the linking Doc of a test article.
func linkDoc(a ingest.Article) link.Doc {
	return link.NewDoc(a, analyse.Analysis{ArticleID: a.ID, Lang: a.Lang}, nil)
}

func testLinkState(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	st, err := s.LinkState(ctx)
	if err != nil || st.Version != link.StateVersion || len(st.Articles) != 0 || st.Params != link.DefaultParams {
		t.Fatalf("empty LinkState = %+v, %v", st, err)
	}
	rev0, err := s.LinkRevision(ctx)
	if err != nil {
		t.Fatal(err)
	}
	arts := []ingest.Article{Article(1, "en"), Article(2, "ar"), Article(3, "en"), Article(4, "en")}
	b := store.Batch{Articles: arts}
	for _, a := range arts[:3] {
		b.Analyses = append(b.Analyses, analysed(a))
	}
	if _, err := s.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	// The fourth article has no analysis: it is not waiting to be linked.
	un, err := s.Unlinked(ctx, 10)
	if err != nil || fmt.Sprint(un) != fmt.Sprint([]string{arts[0].ID, arts[1].ID, arts[2].ID}) {
		t.Fatalf("Unlinked = %v, %v; want the three analysed articles in ingest order", un, err)
	}
	if un, _ := s.Unlinked(ctx, 2); len(un) != 2 {
		t.Errorf("Unlinked(2) gave %d ids", len(un))
	}
	if _, _, err := s.ArticleLinks(ctx, arts[0].ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ArticleLinks of an unlinked article: err = %v, want ErrNotFound", err)
	}
	params := link.Params{EventThreshold: 0.4, StoryThreshold: 0.6, Candidates: 32, Edges: 8, Local: 60}
	d0, d1, d2 := linkDoc(arts[0]), linkDoc(arts[1]), linkDoc(arts[2])
	first := []link.ArticleState{
		{Doc: d1, Event: "ev-" + d1.ID, Story: "st-" + d1.ID, Links: []link.LinkState{{ID: d0.ID, Event: 0.5, Story: 0.75}}},
		{Doc: d0, Event: "ev-" + d1.ID, Story: "st-" + d1.ID, Links: []link.LinkState{{ID: d1.ID, Event: 0.5, Story: 0.75}}},
	}
	if err := s.SaveLinks(ctx, params, first); err != nil {
		t.Fatal(err)
	}
	// A second save changes the first article's event and adds the third.
	second := []link.ArticleState{
		{Doc: d1, Event: "ev-" + d1.ID, Story: "st-" + d1.ID},
		{Doc: d0, Event: "ev-" + d0.ID, Story: "st-" + d1.ID, Links: []link.LinkState{{ID: d1.ID, Event: 0.25, Story: 0.75}}},
		{Doc: d2, Event: "ev-" + d2.ID, Story: "st-" + d2.ID},
	}
	if err := s.SaveLinks(ctx, params, second); err != nil {
		t.Fatal(err)
	}
	rev, err := s.LinkRevision(ctx)
	if err != nil || rev != rev0+2 {
		t.Errorf("LinkRevision after two saves = %d, %v; want %d", rev, err, rev0+2)
	}
	st, err = s.LinkState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := link.State{Version: link.StateVersion, Params: params, Articles: []link.ArticleState{second[0], second[1], second[2]}}
	want.Articles[0].Links = nil
	gj, _ := json.Marshal(st)
	wj, _ := json.Marshal(want)
	if string(gj) != string(wj) {
		t.Errorf("LinkState keeps the order of first saves and the latest placements:\n got %s\nwant %s", gj, wj)
	}
	if _, err := link.Restore(st); err != nil {
		t.Errorf("the stored state does not restore: %v", err)
	}
	ev, story, err := s.ArticleLinks(ctx, arts[0].ID)
	if err != nil || ev != "ev-"+d0.ID || story != "st-"+d1.ID {
		t.Errorf("ArticleLinks = %s, %s, %v", ev, story, err)
	}
	if un, err := s.Unlinked(ctx, 10); err != nil || len(un) != 0 {
		t.Errorf("Unlinked after linking = %v, %v", un, err)
	}
}

func testStories(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	mk := func(n int, lang, title, published string) ingest.Article {
		a := Article(n, lang)
		a.Title, a.Published = title, published
		a.ID = ingest.ContentID(a.Title, a.Body)
		return a
	}
	a := mk(1, "en", "Ministers  meet\nin Moscow", "2021-02-10")
	b := mk(2, "ar", "لقاء الوزيرين", "2021-02-09")
	c := mk(3, "en", "Talks go on", "2021-03-01")
	d := mk(4, "en", "", "")
	e := mk(5, "fr", "Autre chose", "2020-01-01")
	arts := []ingest.Article{a, b, c, d, e}
	batch := store.Batch{Articles: arts}
	for _, x := range arts {
		batch.Analyses = append(batch.Analyses, analysed(x))
	}
	if _, err := s.Write(ctx, batch); err != nil {
		t.Fatal(err)
	}
	// Story one: event 1 (a, b), event 2 (c, d). Story two: e alone.
	s1, ev1, ev2 := "st-"+b.ID, "ev-"+b.ID, "ev-"+c.ID
	var states []link.ArticleState
	for _, x := range []struct {
		a         ingest.Article
		ev, story string
	}{{a, ev1, s1}, {b, ev1, s1}, {c, ev2, s1}, {d, ev2, s1}, {e, "ev-" + e.ID, "st-" + e.ID}} {
		states = append(states, link.ArticleState{Doc: linkDoc(x.a), Event: x.ev, Story: x.story})
	}
	if err := s.SaveLinks(ctx, link.DefaultParams, states); err != nil {
		t.Fatal(err)
	}
	list, err := s.Stories(ctx, store.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != s1 || list[1].ID != "st-"+e.ID {
		t.Fatalf("Stories = %+v; want the four-article story, then the one-article story", list)
	}
	top := list[0]
	if top.Articles != 4 || top.Events != 2 || top.First != "2021-02-09" || top.Last != "2021-03-01" ||
		top.Langs["en"] != 3 || top.Langs["ar"] != 1 || top.Titles["en"] != "Ministers meet in Moscow" ||
		top.Titles["ar"] != "لقاء الوزيرين" || top.LastIngest <= 0 || top.LastIngest >= list[1].LastIngest {
		t.Errorf("story summary = %+v", top)
	}
	filters := []struct {
		name string
		f    store.StoryFilter
		want int
	}{
		{"min articles", store.StoryFilter{MinArticles: 2}, 1},
		{"language", store.StoryFilter{Lang: "fr"}, 1},
		{"language none", store.StoryFilter{Lang: "de"}, 0},
		{"limit", store.StoryFilter{Limit: 1}, 1},
	}
	for _, tt := range filters {
		got, err := s.Stories(ctx, tt.f)
		if err != nil || len(got) != tt.want {
			t.Errorf("%s: %d stories, %v; want %d", tt.name, len(got), err, tt.want)
		}
	}
	if got, _ := s.Stories(ctx, store.StoryFilter{Lang: "fr"}); len(got) == 1 && got[0].ID != "st-"+e.ID {
		t.Errorf("language filter kept %s", got[0].ID)
	}
	det, err := s.Story(ctx, s1)
	if err != nil {
		t.Fatal(err)
	}
	if det.Articles != 4 || det.Events != 2 || len(det.EventList) != 2 {
		t.Fatalf("Story = %+v", det)
	}
	e1, e2 := det.EventList[0], det.EventList[1]
	if e1.ID != ev1 || e1.First != "2021-02-09" || e1.Last != "2021-02-10" || len(e1.Articles) != 2 || e1.Articles[0].ID != b.ID {
		t.Errorf("first event = %+v", e1)
	}
	// An undated article comes last; an article without title shows the start of its body.
	if e2.ID != ev2 || len(e2.Articles) != 2 || e2.Articles[1].ID != d.ID || e2.Articles[1].Title == "" || e2.Articles[0].Published != "2021-03-01" {
		t.Errorf("second event = %+v", e2)
	}
	if _, err := s.Story(ctx, "st-nothing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown story: err = %v, want ErrNotFound", err)
	}
}

func testLockLinks(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	unlock, err := s.LockLinks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
	if u, err := s.LockLinks(short); err == nil {
		u()
		t.Error("a second LockLinks got the lock while the first held it")
	}
	cancel()
	if u, ok, err := s.TryLockLinks(ctx); err != nil || ok {
		if ok {
			u()
		}
		t.Errorf("TryLockLinks while the lock is held = %v, %v; want false", ok, err)
	}
	unlock()
	u, ok, err := s.TryLockLinks(ctx)
	if err != nil || !ok {
		t.Fatalf("TryLockLinks on a free lock = %v, %v", ok, err)
	}
	if u2, ok, _ := s.TryLockLinks(ctx); ok {
		u2()
		t.Error("TryLockLinks took the lock twice")
	}
	u()
	// Holders exclude each other: a counter read and written under the lock loses no update.
	var wg sync.WaitGroup
	var mu sync.Mutex
	counter, inside, most := 0, 0, 0
	errs := make(chan error, 4)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				u, err := s.LockLinks(ctx)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				inside++
				most = max(most, inside)
				c := counter
				mu.Unlock()
				time.Sleep(time.Millisecond)
				mu.Lock()
				counter = c + 1
				inside--
				mu.Unlock()
				u()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if counter != 20 || most != 1 {
		t.Errorf("under the lock: counter %d (want 20), at most %d holders at once (want 1)", counter, most)
	}
}

// testBatchFailsWhole checks that a batch with one bad row leaves nothing behind.
func testBatchFailsWhole(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	a, b := Article(1, "en"), Article(2, "en")
	jordan := analyse.Entity{Key: "country:JOR", Type: analyse.TypeCountry, Name: "Jordan"}
	bad := analysed(b, jordan, jordan) // one entity key twice in one article
	if _, err := s.Write(ctx, store.Batch{Articles: []ingest.Article{a, b}, Analyses: []store.Analysed{analysed(a, jordan), bad}}); err == nil {
		t.Fatal("a batch with a duplicate entity row was accepted")
	}
	if n := count(t, s, store.ArticleFilter{}); n != 0 {
		t.Errorf("a failed batch left %d articles", n)
	}
	if _, err := s.Entity(ctx, "country:JOR"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a failed batch left entity rows: %v", err)
	}
	// The store is usable after the failure.
	if _, err := s.Write(ctx, store.Batch{Articles: []ingest.Article{a}, Analyses: []store.Analysed{analysed(a, jordan)}}); err != nil {
		t.Fatal(err)
	}
}

// testByteOrder checks that text sorts by code point (as in SQLite), whatever a database's locale.
func testByteOrder(t *testing.T, s store.Store) {
	defer s.Close()
	ctx := context.Background()
	var arts []ingest.Article
	var ans []store.Analysed
	for i, name := range []string{"alpha", "Beta", "_under", "Zulu", "émile"} {
		a := Article(i, "en")
		arts = append(arts, a)
		ans = append(ans, analysed(a, analyse.Entity{Key: "org:" + name, Type: analyse.TypeOrganisation, Name: name}))
	}
	if _, err := s.Write(ctx, store.Batch{Articles: arts, Analyses: ans}); err != nil {
		t.Fatal(err)
	}
	list, err := s.Entities(ctx, store.EntityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.ID)
	}
	want := []string{"org:Beta", "org:Zulu", "org:_under", "org:alpha", "org:émile"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("entities with equal counts in order %v, want byte order %v", got, want)
	}
}
