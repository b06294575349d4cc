package serve

import (
	"net/http"

	"storyline/internal/store"
)

// searchAnswer is GET /search.
type searchAnswer struct {
	Query string `json:"query"`
	// Parsed is the query as the index sees it: terms with their index tokens and concept keys.
	Parsed store.ParsedQuery `json:"parsed"`
	// Entities are the entities the query names, in any script, and how they were found.
	Entities []EntityMatch `json:"entities"`
	Total    int           `json:"total"`
	Limit    int           `json:"limit"`
	Offset   int           `json:"offset"`
	Hits     []searchHit   `json:"hits"`
}

// searchHit is a hit with the writing direction of its language.
type searchHit struct {
	store.SearchHit
	Dir string `json:"dir"`
}

func (s *Server) getSearch(w http.ResponseWriter, r *http.Request) (any, error) {
	var q store.SearchQuery
	var err error
	if q.Text, err = textParam(r, "q", 1000); err != nil {
		return nil, err
	}
	if q.Lang, err = langParam(r); err != nil {
		return nil, err
	}
	if q.Since, err = dateParam(r, "since"); err != nil {
		return nil, err
	}
	if q.Until, err = dateParam(r, "until"); err != nil {
		return nil, err
	}
	for _, p := range []struct {
		name string
		dst  *string
	}{{"entity", &q.Entity}, {"topic", &q.Topic}, {"story", &q.Story}} {
		if *p.dst, err = textParam(r, p.name, 200); err != nil {
			return nil, err
		}
	}
	if q.Limit, err = intParam(r, "limit", 20, 1, store.MaxSearchLimit); err != nil {
		return nil, err
	}
	if q.Offset, err = intParam(r, "offset", 0, 0, 100000); err != nil {
		return nil, err
	}
	v := s.view.Load()
	ents := v.names.resolve(q.Text)
	for _, m := range ents {
		q.Entities = append(q.Entities, m.ID)
	}
	res, err := s.st.Search(r.Context(), q)
	if err != nil {
		return nil, err
	}
	if ents == nil {
		ents = []EntityMatch{}
	}
	ans := searchAnswer{Query: q.Text, Parsed: store.ParseQuery(q.Text), Entities: ents, Total: res.Total,
		Limit: q.Limit, Offset: q.Offset, Hits: make([]searchHit, len(res.Hits))}
	for i, h := range res.Hits {
		ans.Hits[i] = searchHit{SearchHit: h, Dir: dirOf(h.Lang)}
	}
	return ans, nil
}
