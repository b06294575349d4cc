package link

import (
	"cmp"
	"fmt"
	"slices"
)

// StateVersion is the version of the State layout.
const StateVersion = 1

// State is a Clusterer's whole state as plain data (it round-trips through JSON), for a store to
// persist: the articles in their order of arrival with their event, story and recorded links.
type State struct {
	Version  int            `json:"version"`
	Params   Params         `json:"params"`
	Articles []ArticleState `json:"articles"`
}

// ArticleState is one article of a State.
type ArticleState struct {
	Doc   Doc         `json:"doc"`
	Event string      `json:"event"`
	Story string      `json:"story"`
	Links []LinkState `json:"links,omitempty"`
}

// LinkState is a recorded link from an article to an earlier or later one.
type LinkState struct {
	ID string `json:"id"`
	// Event and Story are the same-event and story similarities, 0..1.
	Event float32 `json:"event"`
	Story float32 `json:"story"`
}

// State returns the Clusterer's state.
func (c *Clusterer) State() State {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.x.mu.RLock()
	defer c.x.mu.RUnlock()
	st := State{Version: StateVersion, Params: c.p, Articles: make([]ArticleState, len(c.event))}
	for i := range c.event {
		a := &st.Articles[i]
		a.Doc = c.x.doc(int32(i))
		a.Event = c.eventID(c.event[i])
		a.Story = c.storyID(int32(i))
		for _, e := range c.edges[i] {
			a.Links = append(a.Links, LinkState{ID: c.x.entries[e.to].id, Event: e.ev, Story: e.st})
		}
	}
	return st
}

// Restore returns a Clusterer holding state s, as the one that made it.
func Restore(s State) (*Clusterer, error) {
	if s.Version != StateVersion {
		return nil, fmt.Errorf("restore clustering state: version %d, want %d", s.Version, StateVersion)
	}
	c := NewClusterer(s.Params)
	for k := range s.Articles {
		d := &s.Articles[k].Doc
		if d.ID == "" {
			return nil, fmt.Errorf("restore clustering state: article %d has no id", k)
		}
		if _, dup := c.x.byID[d.ID]; dup {
			return nil, fmt.Errorf("restore clustering state: article %s twice", d.ID)
		}
		c.x.add(d, compact(d))
		i := int32(k)
		c.event = append(c.event, -1)
		c.parent = append(c.parent, i)
		c.first = append(c.first, i)
	}
	c.edges = make([][]edge, len(s.Articles))
	byEvent := map[string][]int32{}
	for k, a := range s.Articles {
		for _, l := range a.Links {
			j, ok := c.x.byID[l.ID]
			if !ok {
				return nil, fmt.Errorf("restore clustering state: article %s links to unknown %s", a.Doc.ID, l.ID)
			}
			c.edges[k] = append(c.edges[k], edge{to: j, ev: l.Event, st: l.Story})
		}
		if a.Event == "" {
			return nil, fmt.Errorf("restore clustering state: article %s has no event", a.Doc.ID)
		}
		byEvent[a.Event] = append(byEvent[a.Event], int32(k))
	}
	names := make([]string, 0, len(byEvent))
	for n := range byEvent {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		c.newEvent(byEvent[n])
	}
	// Stories are the components of the story links (an event belongs to the story of its
	// earliest article): join the articles of every story link kept, then any story whose
	// articles the kept links no longer join (a link dropped for stronger ones).
	for k := range s.Articles {
		for _, e := range c.edges[k] {
			if float64(e.st) >= c.p.StoryThreshold {
				c.union(c.find(int32(k)), c.find(e.to))
			}
		}
	}
	byStory := map[string]int32{}
	for k, a := range s.Articles {
		r := int32(k)
		if ev := c.event[r]; ev >= 0 && c.events[ev] != nil {
			r = c.events[ev].first
		}
		if o, ok := byStory[a.Story]; ok {
			c.union(c.find(o), c.find(r))
		} else {
			byStory[a.Story] = r
		}
	}
	return c, nil
}

// Story is a thread of related events, as listed by Stories.
type Story struct {
	ID       string            `json:"id"`
	Events   []EventInfo       `json:"events"`
	First    string            `json:"first,omitempty"` // earliest publication date
	Last     string            `json:"last,omitempty"`
	Langs    map[string]int    `json:"languages"` // articles per language
	Titles   map[string]string `json:"titles"`    // a title per language: the earliest article's
	Articles int               `json:"articles"`
}

// EventInfo is one event of a story.
type EventInfo struct {
	ID       string         `json:"id"`
	Articles []string       `json:"articles"` // ids, earliest first
	First    string         `json:"first,omitempty"`
	Last     string         `json:"last,omitempty"`
	Langs    map[string]int `json:"languages"`
	Title    string         `json:"title,omitempty"` // the earliest article's
}

// Stories returns every story with its events, largest first (ties by id).
func (c *Clusterer) Stories() []Story {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.x.mu.RLock()
	defer c.x.mu.RUnlock()
	byStory := map[string]*Story{}
	for slot, ev := range c.events {
		if ev == nil {
			continue
		}
		ms := slices.Clone(ev.members)
		slices.SortFunc(ms, func(a, b int32) int {
			if c.before(a, b) {
				return -1
			}
			if c.before(b, a) {
				return 1
			}
			return 0
		})
		info := EventInfo{ID: c.eventID(int32(slot)), Langs: map[string]int{}}
		sid := c.storyID(ms[0])
		s := byStory[sid]
		if s == nil {
			s = &Story{ID: sid, Langs: map[string]int{}, Titles: map[string]string{}}
			byStory[sid] = s
		}
		for _, m := range ms {
			e := &c.x.entries[m]
			info.Articles = append(info.Articles, e.id)
			info.Langs[e.lang]++
			s.Langs[e.lang]++
			s.Articles++
			if info.Title == "" {
				info.Title = e.title
			}
			if e.published != "" {
				info.First = minDate(info.First, e.published)
				info.Last = max(info.Last, e.published)
				s.First = minDate(s.First, e.published)
				s.Last = max(s.Last, e.published)
			}
			if t, ok := s.Titles[e.lang]; (!ok || t == "") && e.title != "" {
				s.Titles[e.lang] = e.title
			}
		}
		s.Events = append(s.Events, info)
	}
	out := make([]Story, 0, len(byStory))
	for _, s := range byStory {
		slices.SortFunc(s.Events, func(a, b EventInfo) int {
			if a.First != b.First {
				if a.First == "" {
					return 1
				}
				if b.First == "" {
					return -1
				}
				return cmp.Compare(a.First, b.First)
			}
			return cmp.Compare(a.ID, b.ID)
		})
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b Story) int {
		if a.Articles != b.Articles {
			return cmp.Compare(b.Articles, a.Articles)
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

func minDate(a, b string) string {
	if a == "" || b < a {
		return b
	}
	return a
}

// Events returns the partition of the articles held into events, as lists of article ids
// (each sorted), the lists sorted by their first id.
func (c *Clusterer) Events() [][]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out [][]string
	for _, ev := range c.events {
		if ev == nil {
			continue
		}
		ids := make([]string, len(ev.members))
		for k, m := range ev.members {
			ids[k] = c.x.entries[m].id
		}
		slices.Sort(ids)
		out = append(out, ids)
	}
	slices.SortFunc(out, func(a, b []string) int { return cmp.Compare(a[0], b[0]) })
	return out
}

// Placement is where an article sits: its event, its story and how many links it keeps.
type Placement struct {
	Event, Story string
	Links        int
}

// Placements returns the placement of every article, without rebuilding their Docs; a store
// compares it with what it saved to find the articles whose state changed.
func (c *Clusterer) Placements() map[string]Placement {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.x.mu.RLock()
	defer c.x.mu.RUnlock()
	out := make(map[string]Placement, len(c.event))
	for i := range c.event {
		out[c.x.entries[i].id] = Placement{Event: c.eventID(c.event[i]), Story: c.storyID(int32(i)), Links: len(c.edges[i])}
	}
	return out
}

// ArticleStates returns the state of the given articles, as State would, in the order the
// clusterer received them (the order a State lists them in); unknown ids are skipped.
func (c *Clusterer) ArticleStates(ids []string) []ArticleState {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.x.mu.RLock()
	defer c.x.mu.RUnlock()
	js := make([]int32, 0, len(ids))
	for _, id := range ids {
		if j, ok := c.x.byID[id]; ok {
			js = append(js, j)
		}
	}
	slices.Sort(js)
	out := make([]ArticleState, 0, len(js))
	for _, j := range js {
		a := ArticleState{Doc: c.x.doc(j), Event: c.eventID(c.event[j]), Story: c.storyID(j)}
		for _, e := range c.edges[j] {
			a.Links = append(a.Links, LinkState{ID: c.x.entries[e.to].id, Event: e.ev, Story: e.st})
		}
		out = append(out, a)
	}
	return out
}

// Params returns the clusterer's parameters.
func (c *Clusterer) Params() Params { return c.p }
