package link

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
)

// Params tune a Clusterer. The zero value of a field means its default.
type Params struct {
	// EventThreshold is the average same-event similarity (0..1) an article needs with the
	// articles of an event to join it.
	EventThreshold float64 `json:"event_threshold"`
	// StoryThreshold is the story similarity (0..1) that links two articles into one story.
	StoryThreshold float64 `json:"story_threshold"`
	// Candidates is the number of candidate neighbours examined per article.
	Candidates int `json:"candidates"`
	// Edges is the number of strongest links kept per article.
	Edges int `json:"edges"`
	// Local is the most articles re-clustered together when an article could join several events.
	Local int `json:"local"`
}

// DefaultParams are the parameters tuned on the development half of ECB+ (see the package
// tests and docs/linking.md).
var DefaultParams = Params{EventThreshold: 0.4, StoryThreshold: 0.5, Candidates: 64, Edges: 16, Local: 120}

func (p Params) withDefaults() Params {
	d := DefaultParams
	if p.EventThreshold > 0 {
		d.EventThreshold = p.EventThreshold
	}
	if p.StoryThreshold > 0 {
		d.StoryThreshold = p.StoryThreshold
	}
	if p.Candidates > 0 {
		d.Candidates = p.Candidates
	}
	if p.Edges > 0 {
		d.Edges = p.Edges
	}
	if p.Local > 0 {
		d.Local = p.Local
	}
	return d
}

// Assignment is where an article was put.
type Assignment struct {
	Event string `json:"event"`
	Story string `json:"story"`
	// Moved lists the other articles whose event changed because this one arrived (events that
	// merged or split when re-examined).
	Moved []Move `json:"moved,omitempty"`
	// MergedStories lists the ids of stories that this article joined into Story.
	MergedStories []string `json:"merged_stories,omitempty"`
}

// Move is an article's new event.
type Move struct {
	ID    string `json:"id"`
	Event string `json:"event"`
}

// edge is a link from one article to another: same-event and story similarities.
type edge struct {
	to     int32
	ev, st float32
}

// event is a cluster of articles reporting one happening.
type event struct {
	members []int32
	first   int32 // the member whose key names the event
}

// Clusterer assigns arriving articles to events and stories, incrementally. An article is
// compared with its candidate neighbours (from an inverted index, not a scan); the events it
// comes close to (an average same-event similarity of 70% of EventThreshold) are re-clustered
// with it by average linkage at EventThreshold, so that an event can take it, merge or split
// as the evidence grows and the outcome does not hang on the order of arrival; two articles of
// one story whose link says they are two happenings never share an event. Stories are the
// components of the links whose story similarity passes StoryThreshold; an event belongs to the
// story of its earliest article. Ids are deterministic: an event or story is named after its
// earliest article (publication date, then id). It is safe for concurrent use; Adds are
// serialised.
type Clusterer struct {
	mu     sync.Mutex
	p      Params
	x      *Index
	event  []int32 // entry → event slot
	edges  [][]edge
	parent []int32 // union-find over entries, for stories
	first  []int32 // at a root: the earliest entry of its story
	events []*event
	free   []int32
	// scratch are the buffers of re-clustering, reused (Adds are serialised).
	scratch linkScratch
}

// NewClusterer returns an empty Clusterer with parameters p (zero fields take their defaults).
func NewClusterer(p Params) *Clusterer {
	return &Clusterer{p: p.withDefaults(), x: NewIndex()}
}

// Related returns the k articles held most similar to d (see Index.Related).
func (c *Clusterer) Related(d Doc, k int) []Neighbour { return c.x.Related(d, k) }

// Duplicates returns the near-duplicates of d among the articles held (see Index.Duplicates).
func (c *Clusterer) Duplicates(d Doc) []Neighbour { return c.x.Duplicates(d) }

// Doc returns the Doc of an article held, rebuilt from the index.
func (c *Clusterer) Doc(id string) (Doc, bool) { return c.x.Doc(id) }

// Len returns the number of articles clustered.
func (c *Clusterer) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.event)
}

// key orders entries by publication day (unknown last), then id.
func (c *Clusterer) before(a, b int32) bool {
	ea, eb := &c.x.entries[a], &c.x.entries[b]
	da, db := ea.c.pub, eb.c.pub
	if da == noDay {
		da = math.MaxInt32
	}
	if db == noDay {
		db = math.MaxInt32
	}
	if da != db {
		return da < db
	}
	return ea.id < eb.id
}

func (c *Clusterer) eventID(slot int32) string { return "ev-" + c.x.entries[c.events[slot].first].id }

// storyID is the story of entry i: that of the earliest article of its event.
func (c *Clusterer) storyID(i int32) string {
	if s := c.event[i]; s >= 0 && c.events[s] != nil {
		i = c.events[s].first
	}
	return "st-" + c.x.entries[c.first[c.find(i)]].id
}

// Add clusters d and returns its assignment. Adding an article already held returns its current
// assignment and changes nothing.
func (c *Clusterer) Add(ctx context.Context, d Doc) (Assignment, error) {
	if err := ctx.Err(); err != nil {
		return Assignment{}, fmt.Errorf("cluster %s: %w", d.ID, err)
	}
	if d.ID == "" {
		return Assignment{}, fmt.Errorf("cluster: article without an id")
	}
	cd := compact(&d)
	c.mu.Lock()
	defer c.mu.Unlock()
	if i, ok := c.x.byID[d.ID]; ok {
		return Assignment{Event: c.eventID(c.event[i]), Story: c.storyID(i)}, nil
	}
	// Gather candidates before adding, under the index's lock (readers may be querying it).
	c.x.mu.RLock()
	cands := c.x.candidates(&cd, -1, c.p.Candidates)
	c.x.mu.RUnlock()
	c.x.mu.Lock()
	i, _ := c.x.add(&d, cd)
	c.x.mu.Unlock()
	return c.place(i, cands), nil
}

// place links entry i to its candidates and assigns it; the caller holds c.mu.
func (c *Clusterer) place(i int32, cands []cand) Assignment {
	ci := &c.x.entries[i].c
	es := make([]edge, 0, len(cands))
	edgeMin := float32(c.p.EventThreshold / 3)
	for _, cd := range cands {
		p := measure(ci, &c.x.entries[cd.i].c)
		e := edge{to: cd.i, ev: float32(p.sameEvent()), st: float32(storySim(p))}
		if e.ev >= edgeMin || float64(e.st) >= c.p.StoryThreshold {
			es = append(es, e)
		}
	}
	slices.SortFunc(es, func(a, b edge) int {
		if a.ev != b.ev {
			return cmp.Compare(b.ev, a.ev)
		}
		return cmp.Compare(a.to, b.to)
	})
	if len(es) > c.p.Edges {
		es = es[:c.p.Edges]
	}
	// Room for links from later articles, allocated once.
	es = append(make([]edge, 0, c.p.Edges), es...)
	c.edges = append(c.edges, es)
	c.event = append(c.event, -1)
	c.parent = append(c.parent, i)
	c.first = append(c.first, i)
	for _, e := range es {
		c.addBack(e.to, edge{to: i, ev: e.ev, st: e.st})
	}

	// Average same-event link with each neighbouring event.
	links := c.eventLinks(i)
	var asg Assignment
	low := c.p.EventThreshold * 0.7
	var close []int32
	for _, l := range links {
		if l.link >= low {
			close = append(close, l.slot)
		}
	}
	switch {
	case len(close) > 0 && len(c.events[close[0]].members) < c.p.Local:
		// Re-cluster the article with the events it comes close to, so that an event can take
		// it, merge with another or split as the evidence grows, whatever the order of arrival.
		asg.Moved = c.recluster(i, close)
	case len(links) > 0 && links[0].link >= c.p.EventThreshold:
		// An event too large to re-cluster takes the article when it is close enough.
		c.join(i, links[0].slot)
	default:
		c.newEvent([]int32{i})
	}
	// Stories: whole events, and strong story links.
	var merged []string
	union := func(a, b int32) {
		ra, rb := c.find(a), c.find(b)
		if ra == rb {
			return
		}
		old := []string{c.storyID(a), c.storyID(b)}
		c.union(ra, rb)
		now := c.storyID(a)
		for _, o := range old {
			if o != now && !slices.Contains(merged, o) {
				merged = append(merged, o)
			}
		}
	}
	// Stories grow by story links only (shared people or organisations and concepts, over any
	// time). Being put in one event for a while by a re-clustering that later splits them is no
	// evidence that two articles tell one story, so events join no stories: an event belongs to
	// the story of its earliest article.
	for _, e := range es {
		if float64(e.st) >= c.p.StoryThreshold {
			union(i, e.to)
		}
	}
	asg.Event = c.eventID(c.event[i])
	asg.Story = c.storyID(i)
	// A story id that merged into another is not news if it was only the new article's own.
	own := "st-" + c.x.entries[i].id
	merged = slices.DeleteFunc(merged, func(s string) bool { return s == own || s == asg.Story })
	slices.Sort(merged)
	asg.MergedStories = merged
	return asg
}

// addBack records the link e on entry j, keeping its strongest c.p.Edges links.
func (c *Clusterer) addBack(j int32, e edge) {
	es := c.edges[j]
	if len(es) < c.p.Edges {
		c.edges[j] = append(es, e)
		return
	}
	weakest := 0
	for k := range es {
		if es[k].ev < es[weakest].ev {
			weakest = k
		}
	}
	if e.ev > es[weakest].ev {
		es[weakest] = e
	}
}

// storySim is the story similarity of two articles: they share salient entities and concepts,
// whenever they were written.
func storySim(p parts) float64 {
	if !p.hasEnt || p.actors == 0 {
		return 0
	}
	s := 0.65 * p.ent
	if p.hasConc {
		s += 0.2 * p.conc
	} else {
		s += 0.2 * p.ent
	}
	if p.hasTopic {
		s += 0.15 * p.topic
	} else {
		s += 0.15 * p.ent
	}
	return s
}

type eventLink struct {
	slot int32
	link float64
}

// eventLinks returns the average same-event link of entry i with each event its edges reach,
// strongest first.
func (c *Clusterer) eventLinks(i int32) []eventLink {
	var out []eventLink
	for _, e := range c.edges[i] {
		s := c.event[e.to]
		if s < 0 {
			continue
		}
		k := slices.IndexFunc(out, func(l eventLink) bool { return l.slot == s })
		if k < 0 {
			out = append(out, eventLink{slot: s})
			k = len(out) - 1
		}
		out[k].link += float64(e.ev)
	}
	for k := range out {
		n := min(len(c.events[out[k].slot].members), c.p.Edges)
		out[k].link /= float64(n)
	}
	slices.SortFunc(out, func(a, b eventLink) int {
		if a.link != b.link {
			return cmp.Compare(b.link, a.link)
		}
		return cmp.Compare(c.eventID(a.slot), c.eventID(b.slot))
	})
	return out
}

func (c *Clusterer) newEvent(members []int32) int32 {
	var slot int32
	if n := len(c.free); n > 0 {
		slot = c.free[n-1]
		c.free = c.free[:n-1]
	} else {
		slot = int32(len(c.events))
		c.events = append(c.events, nil)
	}
	ev := &event{members: members, first: members[0]}
	for _, m := range members {
		if c.before(m, ev.first) {
			ev.first = m
		}
		c.event[m] = slot
	}
	c.events[slot] = ev
	return slot
}

func (c *Clusterer) join(i, slot int32) {
	ev := c.events[slot]
	ev.members = append(ev.members, i)
	if c.before(i, ev.first) {
		ev.first = i
	}
	c.event[i] = slot
}

// recluster re-clusters entry i with the members of the given events by average linkage over
// their recorded links, replaces those events with the result and returns the articles (other
// than i) whose event changed.
func (c *Clusterer) recluster(i int32, slots []int32) []Move {
	set := []int32{i}
	for _, s := range slots {
		ms := c.events[s].members
		if len(set)+len(ms) > c.p.Local {
			break
		}
		set = append(set, ms...)
	}
	old := map[int32]string{}
	for _, m := range set[1:] {
		old[m] = c.eventID(c.event[m])
	}
	slices.SortFunc(set, func(a, b int32) int {
		if c.before(a, b) {
			return -1
		}
		if c.before(b, a) {
			return 1
		}
		return 0
	})
	pos := make(map[int32]int, len(set))
	for k, m := range set {
		pos[m] = k
	}
	groups := averageLink(len(set), func(link func(a, b int, s float64)) {
		for a, m := range set {
			for _, e := range c.edges[m] {
				if b, ok := pos[e.to]; ok && b != a {
					link(a, b, float64(e.ev))
				}
			}
		}
	}, c.p.EventThreshold, c.p.Edges, &c.scratch)
	// Free the old events of the members (whole events only were taken).
	for _, m := range set {
		if s := c.event[m]; s >= 0 && c.events[s] != nil {
			c.events[s] = nil
			c.free = append(c.free, s)
		}
		c.event[m] = -1
	}
	for _, g := range groups {
		ms := make([]int32, len(g))
		for k, l := range g {
			ms[k] = set[l]
		}
		c.newEvent(ms)
	}
	var moved []Move
	for _, m := range set {
		if m == i {
			continue
		}
		if now := c.eventID(c.event[m]); now != old[m] {
			moved = append(moved, Move{ID: c.x.entries[m].id, Event: now})
		}
	}
	slices.SortFunc(moved, func(a, b Move) int { return cmp.Compare(a.ID, b.ID) })
	return moved
}

// averageLink clusters n items by agglomerative average linkage: it merges the two clusters with
// the highest linkage while that is at least threshold. links calls its argument with every
// recorded link (a, b, similarity), in either direction; a pair's similarity is the higher of
// its two. The linkage of A and B is the sum of their pairs' similarities over the pairs that can
// have been recorded (each article keeps at most edges links). Two clusters holding a pair whose
// link was recorded below cannotLink (one story, and evidence that these are two happenings:
// another date, place, mode or counterpart) never merge, whatever their average. Ties go to the
// earliest pair, so the result depends only on the input. sc holds reusable buffers.
func averageLink(n int, links func(link func(a, b int, s float64)), threshold float64, edges int, sc *linkScratch) [][]int {
	sc.sum = slices.Grow(sc.sum[:0], n*n)[:n*n]
	sc.seen = slices.Grow(sc.seen[:0], n*n)[:n*n]
	sum, seen := sc.sum, sc.seen
	clear(sum)
	clear(seen)
	links(func(a, b int, s float64) {
		k, l := a*n+b, b*n+a
		if !seen[k] || s > sum[k] {
			sum[k], sum[l] = s, s
		}
		seen[k], seen[l] = true, true
	})
	// block[a*n+b]: clusters a and b may not merge.
	sc.block = slices.Grow(sc.block[:0], n*n)[:n*n]
	block := sc.block
	for k := range sum {
		block[k] = seen[k] && sum[k] < cannotLink
	}
	clusters := make([][]int, n)
	for a := range n {
		clusters[a] = []int{a}
	}
	norm := func(a, b int) float64 {
		x, y := len(clusters[a]), len(clusters[b])
		return float64(min(x, y) * min(max(x, y), edges))
	}
	for {
		ba, bb, best := -1, -1, threshold
		for a := range n {
			if clusters[a] == nil {
				continue
			}
			for b := a + 1; b < n; b++ {
				if clusters[b] == nil || sum[a*n+b] == 0 || block[a*n+b] {
					continue
				}
				if l := sum[a*n+b] / norm(a, b); l >= best && (ba < 0 || l > best) {
					ba, bb, best = a, b, l
				}
			}
		}
		if ba < 0 {
			break
		}
		clusters[ba] = append(clusters[ba], clusters[bb]...)
		clusters[bb] = nil
		for k := range n {
			sum[ba*n+k] += sum[bb*n+k]
			sum[k*n+ba] = sum[ba*n+k]
			block[ba*n+k] = block[ba*n+k] || block[bb*n+k]
			block[k*n+ba] = block[ba*n+k]
		}
	}
	var out [][]int
	for _, cl := range clusters {
		if cl != nil {
			slices.Sort(cl)
			out = append(out, cl)
		}
	}
	return out
}

// linkScratch holds averageLink's buffers between calls.
type linkScratch struct {
	sum         []float64
	seen, block []bool
}

// cannotLink is the same-event likelihood under which a recorded link (kept for the story)
// forbids putting its two articles in one event.
const cannotLink = 0.1

func (c *Clusterer) find(i int32) int32 {
	for c.parent[i] != i {
		c.parent[i] = c.parent[c.parent[i]]
		i = c.parent[i]
	}
	return i
}

// union joins the stories of roots a and b.
func (c *Clusterer) union(a, b int32) {
	if a == b {
		return
	}
	// The root with the earlier first article stays, so that naming is stable.
	if c.before(c.first[b], c.first[a]) {
		a, b = b, a
	}
	c.parent[b] = a
}

// Of returns the event and story of the article with this id, and whether it is held.
func (c *Clusterer) Of(id string) (event, story string, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	i, ok := c.x.byID[id]
	if !ok || int(i) >= len(c.event) {
		return "", "", false
	}
	return c.eventID(c.event[i]), c.storyID(i), true
}
