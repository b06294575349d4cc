package eval

import (
	"context"
	"fmt"
	"sort"

	"storyline/internal/analyse"
	"storyline/internal/events"
	"storyline/internal/ingest"
)

// EventScore holds the counts behind the event figures and what went wrong, for error analysis.
type EventScore struct {
	// Gold is the number of gold events, Found how many the system found; System the number of
	// system events in the scored articles, Matched how many of them match a gold event (one
	// system event per gold event); Dated the found gold events with a date, DateRight those
	// whose matched system event has that date.
	Gold, Found, System, Matched, Dated, DateRight int
	// NotFound lists the gold events no system event found, Spurious the system events that
	// match none, WrongDate the found events with another date ("article: TYPE actor -> recipient ...").
	NotFound, Spurious, WrongDate []string
}

// ScoreEvents fills r's event figures as ../shared/corpus/README.md specifies. Per article with
// an "events" key, a gold event is found when the system reports, in that article, an event of
// the same type whose actor and recipient map to the gold actor and recipient (in either order
// for CONSULT) via the entity matching of ScoreEntities: a system entity maps to a gold entity
// when its type is compatible (all place types are one) and one of its mentions equals one of
// the gold surface forms after normalisation. Gold and system events are paired one to one
// (a maximum matching, pairs with the gold date tried first), so a duplicate system event is
// not counted twice. Precision is the share of system events paired with a gold event, recall
// the share of gold events paired; date accuracy is the share of paired gold events with a date
// whose system event has exactly that date. System events are assigned to articles by
// Event.ArticleID = Analysis.ArticleID. A figure with nothing to count stays nil.
func ScoreEvents(g *Gold, sys []SystemArticle, evs []events.Event, r *Report) EventScore {
	var sc EventScore
	byName := indexSystem(sys)
	byArticle := map[string][]events.Event{}
	for _, ev := range evs {
		byArticle[ev.ArticleID] = append(byArticle[ev.ArticleID], ev)
	}
	scoredAny := false
	for _, name := range sortedArticles(g) {
		ga := g.Articles[name]
		if !ga.HasEvents {
			continue
		}
		scoredAny = true
		var an *analyse.Analysis
		if sa := byName[name]; sa != nil {
			an = &sa.Analysis
		}
		var sysEvs []events.Event
		if an != nil {
			sysEvs = byArticle[an.ArticleID]
		}
		scoreArticle(name, ga, an, sysEvs, &sc)
	}
	if !scoredAny {
		return sc
	}
	c := counts{gold: sc.Gold, found: sc.Found, system: sc.System, matched: sc.Matched}
	p := c.prf()
	r.EventsP, r.EventsR, r.EventsF1 = p.P, p.R, p.F1
	if sc.Dated > 0 {
		r.EventsDateAccuracy = ptr(float64(sc.DateRight) / float64(sc.Dated))
	}
	return sc
}

// entityMap returns, for each system entity key of an article, the gold entity ids it maps to.
func entityMap(ga *GoldArticle, an *analyse.Analysis) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	if an == nil {
		return out
	}
	for _, ge := range ga.Entities {
		surf := map[string]bool{}
		for _, s := range ge.Surface {
			surf[normSurface(s)] = true
		}
		for _, se := range an.Entities {
			if typeClass(se.Type) != typeClass(ge.Type) {
				continue
			}
			for _, m := range se.Mentions {
				if surf[normSurface(m.Text)] {
					if out[se.Key] == nil {
						out[se.Key] = map[string]bool{}
					}
					out[se.Key][ge.ID] = true
					break
				}
			}
		}
	}
	return out
}

func describeGold(name string, ge GoldEvent) string {
	d := "null"
	if ge.Date != nil {
		d = *ge.Date
	}
	return fmt.Sprintf("%s: %s/%s %s -> %s date %s", name, ge.Type, ge.Mode, ge.Actor, ge.Recipient, d)
}

func describeSystem(name string, ev events.Event) string {
	return fmt.Sprintf("%s: %s/%s %s -> %s date %q (%q)", name, ev.Type, ev.Mode, ev.Actor.Key, ev.Recipient.Key, ev.Date, ev.Trigger)
}

func scoreArticle(name string, ga *GoldArticle, an *analyse.Analysis, sysEvs []events.Event, sc *EventScore) {
	emap := entityMap(ga, an)
	maps := func(sysKey, goldID string) bool { return emap[sysKey][goldID] }
	// edges[i] are the system events that may stand for gold event i, those with its date first.
	edges := make([][]int, len(ga.Events))
	for i, ge := range ga.Events {
		for j, ev := range sysEvs {
			if ev.Type != ge.Type {
				continue
			}
			ok := maps(ev.Actor.Key, ge.Actor) && maps(ev.Recipient.Key, ge.Recipient)
			if !ok && ge.Type == events.Consult {
				ok = maps(ev.Actor.Key, ge.Recipient) && maps(ev.Recipient.Key, ge.Actor)
			}
			if ok {
				edges[i] = append(edges[i], j)
			}
		}
		sort.SliceStable(edges[i], func(a, b int) bool {
			da := ge.Date != nil && sysEvs[edges[i][a]].Date == *ge.Date
			db := ge.Date != nil && sysEvs[edges[i][b]].Date == *ge.Date
			return da && !db
		})
	}
	pair := maxMatching(len(ga.Events), len(sysEvs), edges)
	used := make([]bool, len(sysEvs))
	sc.Gold += len(ga.Events)
	sc.System += len(sysEvs)
	for i, ge := range ga.Events {
		j := pair[i]
		if j < 0 {
			sc.NotFound = append(sc.NotFound, describeGold(name, ge))
			continue
		}
		used[j] = true
		sc.Found++
		sc.Matched++
		if ge.Date != nil {
			sc.Dated++
			if sysEvs[j].Date == *ge.Date {
				sc.DateRight++
			} else {
				sc.WrongDate = append(sc.WrongDate, describeGold(name, ge)+fmt.Sprintf(", system %q", sysEvs[j].Date))
			}
		}
	}
	for j, ev := range sysEvs {
		if !used[j] {
			sc.Spurious = append(sc.Spurious, describeSystem(name, ev))
		}
	}
}

// maxMatching pairs left nodes with right nodes along edges (Kuhn's augmenting paths, trying each
// node's edges in order); it returns the right node of each left node, -1 for none.
func maxMatching(nLeft, nRight int, edges [][]int) []int {
	left := make([]int, nLeft)
	right := make([]int, nRight)
	for i := range left {
		left[i] = -1
	}
	for j := range right {
		right[j] = -1
	}
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for _, j := range edges[i] {
			if seen[j] {
				continue
			}
			seen[j] = true
			if right[j] < 0 || try(right[j], seen) {
				left[i], right[j] = j, i
				return true
			}
		}
		return false
	}
	for i := 0; i < nLeft; i++ {
		try(i, make([]bool, nRight))
	}
	return left
}

// ExtractEvents reads the articles of dir again and extracts the events of those sys analysed
// (matched by article id), with x (nil: events.NewExtractor()). It returns the events and the
// inputs that could not be read.
func ExtractEvents(ctx context.Context, dir string, sys []SystemArticle, x *events.Extractor) ([]events.Event, []string, error) {
	if x == nil {
		x = events.NewExtractor()
	}
	byID := map[string]*analyse.Analysis{}
	for i := range sys {
		byID[sys[i].Analysis.ArticleID] = &sys[i].Analysis
	}
	var out []events.Event
	var errs []string
	err := ingest.Read(ctx, []string{dir}, ingest.Options{}, func(res ingest.Result) error {
		if res.Err != nil {
			errs = append(errs, res.Err.Error())
			return nil
		}
		if an := byID[res.Article.ID]; an != nil {
			out = append(out, x.Extract(*res.Article, *an)...)
		}
		return nil
	})
	if err != nil {
		return out, errs, fmt.Errorf("articles %s: %w", dir, err)
	}
	return out, errs, nil
}
