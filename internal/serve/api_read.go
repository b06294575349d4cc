package serve

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"

	"storyline/internal/events"
	"storyline/internal/store"
)

// storyList is GET /stories.
type storyList struct {
	Sort  string      `json:"sort"`
	Total int         `json:"total"`
	Items []storyItem `json:"stories"`
	// Window is the recent window of "growing": 14 days ending at the newest article.
	WindowFrom string `json:"window_from,omitempty"`
	WindowTo   string `json:"window_to,omitempty"`
}

func (s *Server) listStories(w http.ResponseWriter, r *http.Request) (any, error) {
	order := r.URL.Query().Get("sort")
	if order == "" {
		order = "latest"
	}
	if !slices.Contains(storySorts, order) {
		return nil, badRequest("sort=%q: want one of %s", cutString(order, 40), strings.Join(storySorts, ", "))
	}
	lang, err := langParam(r)
	if err != nil {
		return nil, err
	}
	minArticles, err := intParam(r, "min_articles", 1, 1, 1<<30)
	if err != nil {
		return nil, err
	}
	limit, err := intParam(r, "limit", 20, 1, 200)
	if err != nil {
		return nil, err
	}
	offset, err := intParam(r, "offset", 0, 0, 1<<30)
	if err != nil {
		return nil, err
	}
	v := s.view.Load()
	out := storyList{Sort: order, Items: []storyItem{}, WindowFrom: v.windowFrom, WindowTo: v.newest}
	for _, st := range v.sorted[order] {
		if st.Articles < minArticles || lang != "" && st.Langs[lang] == 0 {
			continue
		}
		if out.Total >= offset && len(out.Items) < limit {
			out.Items = append(out.Items, st)
		}
		out.Total++
	}
	return out, nil
}

// storyAnswer is GET /stories/{id}. A large story is cut for the page: each of its events lists
// at most 20 articles, each language its newest 100, and the PLOVER events the first 300; the
// summary's counts are whole.
type storyAnswer struct {
	Story store.StoryDetail `json:"story"`
	// ByLang lists the story's articles per language, oldest first.
	ByLang map[string][]store.ArticleRef `json:"by_lang"`
	// Events are the PLOVER events its articles report, merged, in order.
	Events []events.Merged `json:"events"`
	// Cut is true when a list was cut.
	Cut bool `json:"cut"`
}

// Bounds of a story's answer.
const (
	storyEventArticles = 20
	storyLangArticles  = 100
	storyEvents        = 300
)

func (s *Server) getStory(w http.ResponseWriter, r *http.Request) (any, error) {
	id := r.PathValue("id")
	if len(id) > 100 {
		return nil, badRequest("story id too long")
	}
	d, err := s.st.Story(r.Context(), id)
	if err != nil {
		return nil, err
	}
	ans := storyAnswer{Story: d, ByLang: map[string][]store.ArticleRef{}, Events: []events.Merged{}}
	var ids []string
	for _, ev := range d.EventList {
		for _, a := range ev.Articles {
			ans.ByLang[a.Lang] = append(ans.ByLang[a.Lang], a)
			ids = append(ids, a.ID)
		}
	}
	for _, refs := range ans.ByLang {
		slices.SortStableFunc(refs, func(a, b store.ArticleRef) int {
			switch {
			case a.Published == b.Published:
				return 0
			case a.Published == "":
				return 1
			case b.Published == "":
				return -1
			}
			return strings.Compare(a.Published, b.Published)
		})
	}
	for l, refs := range ans.ByLang {
		if len(refs) > storyLangArticles {
			ans.ByLang[l], ans.Cut = refs[len(refs)-storyLangArticles:], true
		}
	}
	for i := range ans.Story.EventList {
		if e := &ans.Story.EventList[i]; len(e.Articles) > storyEventArticles {
			e.Articles, ans.Cut = e.Articles[:storyEventArticles], true
		}
	}
	v := s.view.Load()
	for _, i := range v.eventsOf(ids, v.byArticle) {
		if len(ans.Events) == storyEvents {
			ans.Cut = true
			break
		}
		ans.Events = append(ans.Events, v.events[i])
	}
	return ans, nil
}

// eventList is GET /events and /timeline.
type eventList struct {
	Total int `json:"total"`
	// Actor and With are the entities the filters were resolved to, when they name some.
	Actor  []EntityMatch   `json:"actor,omitempty"`
	With   []EntityMatch   `json:"with,omitempty"`
	Events []events.Merged `json:"events"`
	Filter eventFilterEcho `json:"filter"`
}

// eventFilterEcho is the filter as understood.
type eventFilterEcho struct {
	Actor string `json:"actor,omitempty"`
	With  string `json:"with,omitempty"`
	Type  string `json:"type,omitempty"`
	Since string `json:"since,omitempty"`
	Until string `json:"until,omitempty"`
	Lang  string `json:"lang,omitempty"`
}

func eventFilter(r *http.Request) (events.Filter, error) {
	q := r.URL.Query()
	f := events.Filter{Actor: strings.TrimSpace(q.Get("actor")), With: strings.TrimSpace(q.Get("with")),
		Type: strings.TrimSpace(q.Get("type")), Since: q.Get("since"), Until: q.Get("until"), Lang: q.Get("lang")}
	for _, p := range []string{f.Actor, f.With, f.Type, f.Lang} {
		if len(p) > 200 {
			return f, badRequest("event filter too long")
		}
	}
	if err := f.Validate(); err != nil {
		return f, badRequest("%v", err)
	}
	return f, nil
}

// matchEvents returns the merged events passing f, in timeline order, as indexes into the
// view's events (so that a page copies only its own events). An actor filter is first
// resolved to entities (names in any script, gazetteer places, countries) to pick candidates
// from the side index; the events package's matcher then decides, exactly as for the CLI. When
// the actor names nothing the index knows, every event is tried.
func (s *Server) matchEvents(ctx context.Context, v *view, f events.Filter) ([]int32, []EntityMatch, []EntityMatch, error) {
	m := events.NewMatcher(f, nil)
	var actor, with []EntityMatch
	var cands []int32
	all := true
	if t := strings.ToUpper(f.Type); t != "" {
		cands, all = v.byType[t], false
	}
	if f.Actor != "" {
		actor = v.names.resolve(f.Actor)
		if f.With != "" {
			with = v.names.resolve(f.With)
		}
		if keys := sideKeys(f.Actor, actor); len(keys) > 0 {
			bySide := v.eventsOf(keys, v.bySide)
			if !all {
				bySide = intersect(bySide, cands)
			}
			cands, all = bySide, false
		}
	}
	var out []int32
	if all {
		for i := range v.events {
			if i%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, nil, nil, err
				}
			}
			if m.Match(v.events[i]) {
				out = append(out, int32(i))
			}
		}
	} else if f.Actor == "" && f.Since == "" && f.Until == "" && f.Lang == "" {
		// the type index alone decides
		out = cands
	} else {
		for k, i := range cands {
			if k%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, nil, nil, err
				}
			}
			if m.Match(v.events[i]) {
				out = append(out, i)
			}
		}
	}
	return out, actor, with, nil
}

// sideKeys are the side-index keys of an actor query: the entities it names, their countries
// (a country also stands for its people and bodies), and the query itself when it is an id.
func sideKeys(q string, ms []EntityMatch) []string {
	var keys []string
	add := func(k string) {
		if k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	if strings.Contains(q, ":") {
		add(q)
	}
	if len(q) == 3 && strings.ToUpper(q) == q {
		add("country:" + q)
	}
	for _, m := range ms {
		add(m.ID)
	}
	return keys
}

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) (any, error) {
	f, err := eventFilter(r)
	if err != nil {
		return nil, err
	}
	limit, err := intParam(r, "limit", 50, 1, 500)
	if err != nil {
		return nil, err
	}
	offset, err := intParam(r, "offset", 0, 0, 1<<30)
	if err != nil {
		return nil, err
	}
	v := s.view.Load()
	ms, actor, with, err := s.matchEvents(r.Context(), v, f)
	if err != nil {
		return nil, err
	}
	return pageEvents(v, ms, actor, with, f, limit, offset), nil
}

func pageEvents(v *view, ms []int32, actor, with []EntityMatch, f events.Filter, limit, offset int) eventList {
	out := eventList{Total: len(ms), Actor: actor, With: with, Events: []events.Merged{},
		Filter: eventFilterEcho{Actor: f.Actor, With: f.With, Type: f.Type, Since: f.Since, Until: f.Until, Lang: f.Lang}}
	if offset < len(ms) {
		for _, i := range ms[offset:min(len(ms), offset+limit)] {
			out.Events = append(out.Events, v.events[i])
		}
	}
	return out
}

func (s *Server) getTimeline(w http.ResponseWriter, r *http.Request) (any, error) {
	f, err := eventFilter(r)
	if err != nil {
		return nil, err
	}
	if f.Actor == "" {
		return nil, badRequest("timeline needs actor: ?actor=Lavrov[&with=Jordan]")
	}
	limit, err := intParam(r, "limit", 200, 1, 1000)
	if err != nil {
		return nil, err
	}
	v := s.view.Load()
	ms, actor, with, err := s.matchEvents(r.Context(), v, f)
	if err != nil {
		return nil, err
	}
	return pageEvents(v, ms, actor, with, f, limit, 0), nil
}

// entityList is GET /entities.
type entityList struct {
	Entities []store.EntitySummary `json:"entities"`
}

func (s *Server) listEntities(w http.ResponseWriter, r *http.Request) (any, error) {
	typ := r.URL.Query().Get("type")
	if typ != "" && !slices.Contains(entityTypes, typ) {
		return nil, badRequest("type=%q: want one of %s", cutString(typ, 40), strings.Join(entityTypes, ", "))
	}
	limit, err := intParam(r, "limit", 50, 1, 200)
	if err != nil {
		return nil, err
	}
	list, err := s.st.Entities(r.Context(), store.EntityFilter{Type: typ, Limit: limit})
	if err != nil {
		return nil, err
	}
	if list == nil {
		list = []store.EntitySummary{}
	}
	return entityList{Entities: list}, nil
}

// entityAnswer is GET /entities/{id}.
type entityAnswer struct {
	Entity store.EntitySummary `json:"entity"`
	// ResolvedFrom is the name the entity was found by, when the path held a name.
	ResolvedFrom string `json:"resolved_from,omitempty"`
	// ArticleCount counts the articles that mention it; Articles are the newest of them.
	ArticleCount int                `json:"article_count"`
	Articles     []store.ArticleRef `json:"articles"`
	// Timeline is the entity's merged events, in order.
	Timeline []events.Merged `json:"timeline"`
	Graph    graph           `json:"graph"`
}

// graph is the entity's co-mentions as a graph: the entity, the entities most often in the same
// articles, and how often each pair of them shares an article among its newest articles.
type graph struct {
	Nodes []graphNode `json:"nodes"`
	Edges []graphEdge `json:"edges"`
}

type graphNode struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Articles int    `json:"articles"`
}

type graphEdge struct {
	A      string `json:"a"`
	B      string `json:"b"`
	Weight int    `json:"weight"`
}

// Bounds of the entity page.
const (
	entityArticles   = 20
	graphArticles    = 300
	entityTimelineMx = 200
	// maxGraphEdges bounds the edges between co-mentioned entities (besides those to the entity).
	maxGraphEdges = 20
)

func (s *Server) getEntity(w http.ResponseWriter, r *http.Request) (any, error) {
	id := strings.TrimSpace(r.PathValue("id"))
	if id == "" || len(id) > 200 {
		return nil, badRequest("entity id or name needed (at most 200 bytes)")
	}
	v := s.view.Load()
	// A popular entity's page is the costliest to build and the most asked for: it is kept for
	// the life of the view. It is computed without the request's cancellation, since others may
	// wait for it, within the read deadline.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), readDeadline)
	defer cancel()
	return v.entities.get(id, func() (any, error) { return s.entityPage(ctx, v, id) })
}

// entityPage builds the answer of GET /entities/{id}.
func (s *Server) entityPage(ctx context.Context, v *view, id string) (entityAnswer, error) {
	ans := entityAnswer{Articles: []store.ArticleRef{}, Timeline: []events.Merged{}}
	e, err := s.st.Entity(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		ms := v.names.resolve(id)
		if len(ms) == 0 {
			return ans, err
		}
		ans.ResolvedFrom = id
		e, err = s.st.Entity(ctx, ms[0].ID)
	}
	if err != nil {
		return ans, err
	}
	ans.Entity = e
	ans.ArticleCount = e.Articles
	// The newest articles, read as an index range however many articles name the entity.
	newest, err := s.st.NewestEntityArticles(ctx, e.ID, graphArticles)
	if err != nil {
		return ans, err
	}
	ids := make([]string, len(newest))
	for i, a := range newest {
		ids[i] = a.ID
	}
	ans.Articles = append(ans.Articles, newest[:min(len(newest), entityArticles)]...)
	for _, i := range v.eventsOf([]string{e.ID}, v.bySide) {
		if len(ans.Timeline) == entityTimelineMx {
			break
		}
		ans.Timeline = append(ans.Timeline, v.events[i])
	}
	g, err := s.coGraph(ctx, e, ids)
	if err != nil {
		return ans, err
	}
	ans.Graph = g
	return ans, nil
}

// coGraph builds the co-mention graph of an entity from its co-mentions and its newest articles.
func (s *Server) coGraph(ctx context.Context, e store.EntitySummary, articles []string) (graph, error) {
	g := graph{Nodes: []graphNode{{ID: e.ID, Name: e.Name, Type: e.Type, Articles: e.Articles}}, Edges: []graphEdge{}}
	in := map[string]bool{e.ID: true}
	for _, c := range e.CoMentions {
		g.Nodes = append(g.Nodes, graphNode{ID: c.ID, Name: c.Name, Type: c.Type, Articles: c.Articles})
		g.Edges = append(g.Edges, graphEdge{A: e.ID, B: c.ID, Weight: c.Articles})
		in[c.ID] = true
	}
	if len(articles) == 0 || len(g.Nodes) < 3 {
		return g, nil
	}
	canon, err := s.st.CanonicalAll(ctx, articles)
	if err != nil {
		return g, err
	}
	per := map[string]map[string]bool{}
	for k, id := range canon {
		aid, _, _ := strings.Cut(k, "\x00")
		if in[id] && id != e.ID {
			if per[aid] == nil {
				per[aid] = map[string]bool{}
			}
			per[aid][id] = true
		}
	}
	pairs := map[[2]string]int{}
	for _, set := range per {
		var ids []string
		for id := range set {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				pairs[[2]string{ids[i], ids[j]}]++
			}
		}
	}
	var extra []graphEdge
	for p, n := range pairs {
		extra = append(extra, graphEdge{A: p[0], B: p[1], Weight: n})
	}
	slices.SortFunc(extra, func(a, b graphEdge) int {
		if a.Weight != b.Weight {
			return b.Weight - a.Weight
		}
		return strings.Compare(a.A+a.B, b.A+b.B)
	})
	g.Edges = append(g.Edges, extra[:min(len(extra), maxGraphEdges)]...)
	return g, nil
}

// intersect returns the indices in both sorted lists.
func intersect(a, b []int32) []int32 {
	var out []int32
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}
