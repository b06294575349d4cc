package serve

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"storyline/internal/events"
	"storyline/internal/link"
	"storyline/internal/pipeline"
	"storyline/internal/store"
)

// recentDays is the window, ending at the newest publication date in the store, in which a
// story's articles count as recent ("growing").
const recentDays = 14

// view is what the server computes once per change of the store and reads many times: story
// activity, the merged events with their indexes, and the entity name index. It is immutable.
type view struct {
	built time.Time
	// timings say how long each part took to build, for the log.
	timings string
	stories []storyItem
	// newest is the newest publication date of a linked article; windowFrom starts the recent window.
	newest, windowFrom string
	// sorted holds the stories in each order of storySorts.
	sorted map[string][]storyItem
	// langCounts are the stored articles per language.
	langCounts map[string]int
	events     []events.Merged // chronological (events.Timeline)
	// byType indexes the events by PLOVER type.
	byType    map[string][]int32
	bySide    map[string][]int32
	byArticle map[string][]int32
	names     *nameIndex
	// eventTimings say how long reading and merging the events took.
	eventTimings string
	// entities caches entity pages for the life of the view.
	entities *answerCache
}

// entityCacheSize is how many entity pages a view keeps.
const entityCacheSize = 2048

// storyItem is a story as the stories list shows it.
type storyItem struct {
	ID       string            `json:"id"`
	Articles int               `json:"articles"`
	Events   int               `json:"events"`
	First    string            `json:"first,omitempty"` // earliest publication date
	Last     string            `json:"last,omitempty"`  // latest publication date
	Langs    map[string]int    `json:"languages"`       // articles per language
	Titles   map[string]string `json:"titles"`          // one title per language: its earliest article's
	// Recent is the number of articles published in the recent window.
	Recent int `json:"recent"`
	// Growth is the share of the story's articles that are recent.
	Growth float64 `json:"growth"`
}

// buildView computes a view from the store and the linker.
func buildView(ctx context.Context, st store.Store, l *pipeline.Linker, stats *CacheStats) (*view, error) {
	v := &view{built: time.Now().UTC(), entities: newAnswerCache(entityCacheSize, stats)}
	t0 := time.Now()
	v.buildStories(l.Clusterer())
	t1 := time.Now()
	if err := v.buildEvents(ctx, st); err != nil {
		return nil, err
	}
	t2 := time.Now()
	names, err := buildNameIndex(ctx, st)
	if err != nil {
		return nil, err
	}
	v.names = names
	events.NameSides(v.events, func(key string) (string, string, bool) {
		e, ok := names.byID[key]
		return e.Name, e.NameAr, ok
	})
	t3 := time.Now()
	counts, err := st.LanguageCounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("language counts: %w", err)
	}
	v.langCounts = counts
	v.timings = fmt.Sprintf("stories %.1fs, events %.1fs (%s), names %.1fs", t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds(),
		v.eventTimings, t3.Sub(t2).Seconds())
	return v, nil
}

func (v *view) buildStories(c *link.Clusterer) {
	stories := c.Stories()
	for _, s := range stories {
		if s.Last > v.newest {
			v.newest = s.Last
		}
	}
	if v.newest != "" {
		if t, err := time.Parse("2006-01-02", v.newest); err == nil {
			v.windowFrom = t.AddDate(0, 0, -recentDays).Format("2006-01-02")
		}
	}
	v.stories = make([]storyItem, 0, len(stories))
	for _, s := range stories {
		it := storyItem{ID: s.ID, Articles: s.Articles, Events: len(s.Events), First: s.First, Last: s.Last,
			Langs: s.Langs, Titles: s.Titles}
		for _, e := range s.Events {
			if v.windowFrom != "" && e.Last != "" && e.Last > v.windowFrom {
				it.Recent += len(e.Articles)
			}
		}
		if s.Articles > 0 {
			it.Growth = float64(it.Recent) / float64(s.Articles)
		}
		v.stories = append(v.stories, it)
	}
	v.sorted = map[string][]storyItem{}
	for _, o := range storySorts {
		v.sorted[o] = v.sortStories(o)
	}
}

// Story orders of the stories list.
var storySorts = []string{"latest", "growing", "new", "size"}

// sortStories returns the stories in the given order: latest (newest publication first),
// growing (most recent articles first, then the larger share of recent ones), new (most
// recently started first) or size (most articles first).
func (v *view) sortStories(order string) []storyItem {
	out := slices.Clone(v.stories)
	byDateDesc := func(a, b string) int {
		if a == b {
			return 0
		}
		if a == "" {
			return 1
		}
		if b == "" {
			return -1
		}
		return cmp.Compare(b, a)
	}
	slices.SortFunc(out, func(a, b storyItem) int {
		var c int
		switch order {
		case "growing":
			c = cmp.Or(cmp.Compare(b.Recent, a.Recent), cmp.Compare(b.Growth, a.Growth), byDateDesc(a.Last, b.Last))
		case "new":
			c = cmp.Or(byDateDesc(a.First, b.First), cmp.Compare(b.Articles, a.Articles))
		case "size":
			c = cmp.Or(cmp.Compare(b.Articles, a.Articles), byDateDesc(a.Last, b.Last))
		default:
			c = cmp.Or(byDateDesc(a.Last, b.Last), cmp.Compare(b.Articles, a.Articles))
		}
		return cmp.Or(c, cmp.Compare(a.ID, b.ID))
	})
	return out
}

// buildEvents merges the stored per-article events on canonical ids, as the CLI does, and
// indexes them by side (canonical id, and country of each side) and by reporting article.
func (v *view) buildEvents(ctx context.Context, st store.Store) error {
	t0 := time.Now()
	evs, err := st.ArticleEvents(ctx, nil, store.EventFilter{})
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	var ids []string
	seen := map[string]bool{}
	for _, e := range evs {
		if !seen[e.ArticleID] {
			seen[e.ArticleID] = true
			ids = append(ids, e.ArticleID)
		}
	}
	canon := map[string]string{}
	if len(ids) > 0 {
		if canon, err = st.CanonicalAll(ctx, ids); err != nil {
			return fmt.Errorf("canonical ids: %w", err)
		}
	}
	t1 := time.Now()
	events.Canonicalise(evs, func(article, key string) string { return canon[article+"\x00"+key] })
	v.events = events.Merge(evs, nil)
	events.Timeline(v.events)
	v.eventTimings = fmt.Sprintf("read %.1fs, merge %.1fs", t1.Sub(t0).Seconds(), time.Since(t1).Seconds())
	v.bySide, v.byArticle, v.byType = map[string][]int32{}, map[string][]int32{}, map[string][]int32{}
	add := func(m map[string][]int32, k string, i int32) {
		if k == "" {
			return
		}
		if l := m[k]; len(l) == 0 || l[len(l)-1] != i {
			m[k] = append(l, i)
		}
	}
	for i := range v.events {
		m := &v.events[i]
		for _, r := range []events.EntityRef{m.Event.Actor, m.Event.Recipient} {
			add(v.bySide, r.Key, int32(i))
			if r.Country != "" {
				add(v.bySide, "country:"+r.Country, int32(i))
			}
		}
		for _, src := range m.Sources {
			add(v.byArticle, src.ArticleID, int32(i))
		}
		add(v.byType, m.Event.Type, int32(i))
	}
	return nil
}

// eventsOf returns the merged events indexed under any of the keys, in timeline order.
func (v *view) eventsOf(keys []string, m map[string][]int32) []int32 {
	var out []int32
	for _, k := range keys {
		out = append(out, m[k]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
