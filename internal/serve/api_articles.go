package serve

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"storyline/internal/analyse"
	"storyline/internal/events"
	"storyline/internal/ingest"
	"storyline/internal/link"
	"storyline/internal/store"
)

// statusAnswerBody is GET /status.
type statusAnswerBody struct {
	Articles  map[string]int `json:"articles"` // per language
	Linked    int            `json:"linked"`
	Stories   int            `json:"stories"`
	Events    int            `json:"events"`
	Entities  int            `json:"entities"`
	Schema    int            `json:"schema_version"`
	Newest    string         `json:"newest,omitempty"` // newest publication date
	ViewBuilt time.Time      `json:"view_built"`
	Writes    bool           `json:"writes_need_token"`
}

func (s *Server) getStatus(w http.ResponseWriter, r *http.Request) (any, error) {
	v, err := s.st.SchemaVersion(r.Context())
	if err != nil {
		return nil, err
	}
	vw := s.view.Load()
	return statusAnswerBody{Articles: vw.langCounts, Linked: s.linker.Clusterer().Len(), Stories: len(vw.stories), Events: len(vw.events),
		Entities: vw.names.size(), Schema: v, Newest: vw.newest, ViewBuilt: vw.built, Writes: s.cfg.Token != ""}, nil
}

// articleItem is an article as lists show it.
type articleItem struct {
	Seq       int64  `json:"seq"`
	ID        string `json:"id"`
	Lang      string `json:"lang"`
	Dir       string `json:"dir"`
	Title     string `json:"title"`
	Published string `json:"published,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	URL       string `json:"url,omitempty"`
	Snippet   string `json:"snippet"`
}

// articleList is GET /articles.
type articleList struct {
	Articles []articleItem `json:"articles"`
	// Next is the after value of the next page, 0 when this is the last.
	Next int64 `json:"next"`
}

func (s *Server) listArticles(w http.ResponseWriter, r *http.Request) (any, error) {
	var f store.ArticleFilter
	var err error
	if f.Lang, err = langParam(r); err != nil {
		return nil, err
	}
	if f.Since, err = dateParam(r, "since"); err != nil {
		return nil, err
	}
	if f.Until, err = dateParam(r, "until"); err != nil {
		return nil, err
	}
	limit, err := intParam(r, "limit", 50, 1, 200)
	if err != nil {
		return nil, err
	}
	after, err := intParam(r, "after", 0, 0, 1<<62)
	if err != nil {
		return nil, err
	}
	f.After, f.Limit = int64(after), limit+1
	out := articleList{Articles: []articleItem{}}
	err = s.st.Articles(r.Context(), f, func(seq int64, a ingest.Article) error {
		out.Articles = append(out.Articles, articleItem{Seq: seq, ID: a.ID, Lang: a.Lang, Dir: dirOf(a.Lang), Title: titleOf(a),
			Published: a.Published, Outlet: a.Outlet, URL: a.URL, Snippet: snippet(a.Body, 200)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out.Articles) > limit {
		out.Articles = out.Articles[:limit]
		out.Next = out.Articles[limit-1].Seq
	}
	return out, nil
}

// titleOf is an article's title, or the start of its body when it has none.
func titleOf(a ingest.Article) string {
	if t := strings.Join(strings.Fields(a.Title), " "); t != "" {
		return t
	}
	return snippet(a.Body, 120)
}

// snippet is the start of a text, white space collapsed, at most n characters.
func snippet(s string, n int) string {
	s = strings.Join(strings.Fields(cutString(s, 8*n)), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// highlight is a span of an article's title or body to mark up: an entity mention or a date.
type highlight struct {
	Field string `json:"field"` // title or body
	// Start and End are character (code point) offsets into the field.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"` // entity or date
	Type  string `json:"type,omitempty"`
	// Key is the article's entity key, Entity its canonical id, Name its display name.
	Key    string `json:"key,omitempty"`
	Entity string `json:"entity,omitempty"`
	Name   string `json:"name,omitempty"`
	// Value is a date's resolved value.
	Value string `json:"value,omitempty"`
}

// articleDetail is GET /articles/{id}.
type articleDetail struct {
	Article  ingest.Article    `json:"article"`
	Dir      string            `json:"dir"` // writing direction of the article's language
	Analysis *analyse.Analysis `json:"analysis,omitempty"`
	// Canonical maps each entity key of the analysis to its global canonical id.
	Canonical  map[string]string `json:"canonical"`
	Highlights []highlight       `json:"highlights"`
	Events     []events.Event    `json:"events"`
	Event      string            `json:"event,omitempty"`
	Story      string            `json:"story,omitempty"`
}

func (s *Server) article(ctx context.Context, id string) (ingest.Article, error) {
	if strings.TrimSpace(id) == "" || len(id) > 64 {
		return ingest.Article{}, badRequest("article id %q: want an id or a prefix of one", cutString(id, 64))
	}
	return s.st.Article(ctx, id)
}

func (s *Server) getArticle(w http.ResponseWriter, r *http.Request) (any, error) {
	ctx := r.Context()
	a, err := s.article(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	d := articleDetail{Article: a, Dir: dirOf(a.Lang), Canonical: map[string]string{}, Highlights: []highlight{}, Events: []events.Event{}}
	an, err := s.st.Analysis(ctx, a.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return nil, err
	default:
		d.Analysis = &an
		if d.Canonical, err = s.st.Canonical(ctx, a.ID); err != nil {
			return nil, err
		}
		d.Highlights = highlights(a, &an, d.Canonical, s.view.Load().names)
		evs, err := s.st.ArticleEvents(ctx, []string{a.ID}, store.EventFilter{})
		if err != nil {
			return nil, err
		}
		events.Canonicalise(evs, func(_, key string) string { return d.Canonical[key] })
		if evs != nil {
			d.Events = evs
		}
	}
	if ev, st, err := s.st.ArticleLinks(ctx, a.ID); err == nil {
		d.Event, d.Story = ev, st
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	return d, nil
}

// highlights lists the entity mentions and dates of an analysis as spans, by field (title first)
// and start; a span overlapping an earlier one is dropped, as is one outside its field.
func highlights(a ingest.Article, an *analyse.Analysis, canon map[string]string, names *nameIndex) []highlight {
	length := map[string]int{analyse.FieldTitle: utf8.RuneCountInString(a.Title), analyse.FieldBody: utf8.RuneCountInString(a.Body)}
	var hs []highlight
	for _, e := range an.Entities {
		id := canon[e.Key]
		if id == "" {
			id = e.Key
		}
		name := e.Name
		if n := names.name(id); n.Name != "" && n.Name != id {
			name = n.Name
		}
		for _, m := range e.Mentions {
			hs = append(hs, highlight{Field: m.Field, Start: m.Start, End: m.End, Kind: "entity", Type: e.Type, Key: e.Key, Entity: id, Name: name})
		}
	}
	for _, dt := range an.Dates {
		hs = append(hs, highlight{Field: dt.Field, Start: dt.Start, End: dt.End, Kind: "date", Value: dt.Value})
	}
	slices.SortStableFunc(hs, func(x, y highlight) int {
		if x.Field != y.Field {
			if x.Field == analyse.FieldTitle {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(y.End, x.End))
	})
	out := []highlight{}
	end := map[string]int{}
	for _, h := range hs {
		n, ok := length[h.Field]
		if !ok || h.Start < 0 || h.End <= h.Start || h.End > n || h.Start < end[h.Field] {
			continue
		}
		out = append(out, h)
		end[h.Field] = h.End
	}
	return out
}

// relatedAnswer is GET /articles/{id}/related and /duplicates.
type relatedAnswer struct {
	Article string           `json:"article"`
	Related []link.Neighbour `json:"related"`
}

// linkedDoc returns the linking features of a stored article named by id or prefix.
func (s *Server) linkedDoc(ctx context.Context, id string) (link.Doc, error) {
	a, err := s.article(ctx, id)
	if err != nil {
		return link.Doc{}, err
	}
	d, ok := s.linker.Clusterer().Doc(a.ID)
	if !ok {
		return link.Doc{}, &apiError{status: http.StatusNotFound, msg: fmt.Sprintf("article %s is not linked yet", a.ID)}
	}
	return d, nil
}

func (s *Server) getRelated(w http.ResponseWriter, r *http.Request) (any, error) {
	k, err := intParam(r, "k", 10, 1, 50)
	if err != nil {
		return nil, err
	}
	d, err := s.linkedDoc(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	ns := s.linker.Clusterer().Related(d, k)
	if ns == nil {
		ns = []link.Neighbour{}
	}
	return relatedAnswer{Article: d.ID, Related: ns}, nil
}

func (s *Server) getDuplicates(w http.ResponseWriter, r *http.Request) (any, error) {
	d, err := s.linkedDoc(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	ns := s.linker.Clusterer().Duplicates(d)
	if ns == nil {
		ns = []link.Neighbour{}
	}
	return relatedAnswer{Article: d.ID, Related: ns}, nil
}

// similarityAnswer is GET /similarity.
type similarityAnswer struct {
	A      store.ArticleRef `json:"a"`
	B      store.ArticleRef `json:"b"`
	Scores link.Scores      `json:"scores"`
}

func (s *Server) getSimilarity(w http.ResponseWriter, r *http.Request) (any, error) {
	q := r.URL.Query()
	if q.Get("a") == "" || q.Get("b") == "" {
		return nil, badRequest("similarity needs two articles: ?a=ID&b=ID")
	}
	a, err := s.linkedDoc(r.Context(), q.Get("a"))
	if err != nil {
		return nil, err
	}
	b, err := s.linkedDoc(r.Context(), q.Get("b"))
	if err != nil {
		return nil, err
	}
	ref := func(d link.Doc) store.ArticleRef {
		return store.ArticleRef{ID: d.ID, Lang: d.Lang, Title: d.Title, Published: d.Published}
	}
	return similarityAnswer{A: ref(a), B: ref(b), Scores: link.Similarity(a, b)}, nil
}

// itemResult says what happened to one POSTed article.
type itemResult struct {
	Index int `json:"index"`
	// Status is new, duplicate (already stored; nothing changed) or failed.
	Status string `json:"status"`
	ID     string `json:"id,omitempty"`
	Lang   string `json:"lang,omitempty"`
	Title  string `json:"title,omitempty"`
	// Analysed is true when the article was analysed and linked by this request.
	Analysed bool `json:"analysed"`
	// Error says why the item was refused, or why its analysis failed.
	Error string `json:"error,omitempty"`
}

// ingestAnswer is POST /articles.
type ingestAnswer struct {
	Results  []itemResult `json:"results"`
	New      int          `json:"new"`
	Dups     int          `json:"duplicates"`
	Failed   int          `json:"failed"`
	Analysed int          `json:"analysed"`
	Linked   int          `json:"linked"`
	Events   int          `json:"events"`
}

func (s *Server) postArticles(w http.ResponseWriter, r *http.Request) (any, error) {
	items, err := s.readItems(w, r)
	if err != nil {
		return nil, err
	}
	ans := ingestAnswer{Results: make([]itemResult, len(items))}
	var arts []ingest.Article
	var idx []int
	opts := ingest.Options{MaxItemBytes: s.cfg.MaxBodyBytes, Identify: s.identify, Workers: 1}
	for i, raw := range items {
		ans.Results[i].Index = i
		a, err := ingest.DecodeJSON(fmt.Sprintf("request#item %d", i), raw, opts)
		if err != nil {
			ans.Results[i].Status, ans.Results[i].Error = "failed", itemError(err)
			ans.Failed++
			continue
		}
		a.Format = "api"
		arts, idx = append(arts, *a), append(idx, i)
	}
	if len(arts) == 0 {
		return statusAnswer{status: http.StatusBadRequest, body: ans}, nil
	}
	outs, sum, err := s.write(r.Context(), arts)
	if err != nil {
		return nil, err
	}
	for k, o := range outs {
		res := &ans.Results[idx[k]]
		a := arts[k]
		res.ID, res.Lang, res.Title, res.Analysed = a.ID, a.Lang, titleOf(a), o.Analysed
		switch {
		case o.New:
			res.Status = "new"
		default:
			res.Status = "duplicate"
		}
		if o.Err != nil {
			res.Error = "analysis failed: " + o.Err.Error()
		}
	}
	ans.New, ans.Dups, ans.Analysed, ans.Linked, ans.Events = sum.New, sum.Duplicates, sum.Analysed, sum.Linked, sum.Events
	ans.Failed += sum.Failed
	status := http.StatusOK
	if ans.New > 0 {
		status = http.StatusCreated
	}
	return statusAnswer{status: status, body: ans}, nil
}

// itemError is the message of a refused item: the reader's reason without the internal source.
func itemError(err error) string {
	var ie *ingest.InputError
	if errors.As(err, &ie) {
		msg := ie.Reason
		if ie.Err != nil {
			msg += ": " + ie.Err.Error()
		}
		return msg
	}
	return err.Error()
}
