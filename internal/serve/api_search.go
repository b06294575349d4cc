package serve

import (
	"context"
	"net/http"

	"storyline/internal/store"
)

// SearchAnswer is the answer of GET /api/v1/search (and of `storyline search --json`).
type SearchAnswer struct {
	Query string `json:"query"`
	// Parsed is the query as the index sees it: terms with their index tokens and concept keys.
	Parsed store.ParsedQuery `json:"parsed"`
	// Entities are the entities the query names, in any script, and how they were found.
	Entities []EntityMatch `json:"entities"`
	Total    int           `json:"total"`
	Limit    int           `json:"limit"`
	Offset   int           `json:"offset"`
	Hits     []SearchHit   `json:"hits"`
}

// SearchHit is a hit with the writing direction of its language.
type SearchHit struct {
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
	return Search(r.Context(), s.st, q, s.view.Load().names.resolve(q.Text))
}

// Search runs q with the entities its text names (found by QueryEntities, or by the server's
// name index) counting as matches, and answers as GET /api/v1/search does.
func Search(ctx context.Context, st store.Searcher, q store.SearchQuery, ents []EntityMatch) (SearchAnswer, error) {
	for _, m := range ents {
		q.Entities = append(q.Entities, m.ID)
	}
	res, err := st.Search(ctx, q)
	if err != nil {
		return SearchAnswer{}, err
	}
	if ents == nil {
		ents = []EntityMatch{}
	}
	ans := SearchAnswer{Query: q.Text, Parsed: store.ParseQuery(q.Text), Entities: ents, Total: res.Total,
		Limit: q.Limit, Offset: q.Offset, Hits: make([]SearchHit, len(res.Hits))}
	for i, h := range res.Hits {
		ans.Hits[i] = SearchHit{SearchHit: h, Dir: dirOf(h.Lang)}
	}
	return ans, nil
}
