package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"storyline/internal/pipeline"
	"storyline/internal/store"
	"storyline/internal/store/sqlite"
)

func TestReadRoutes(t *testing.T) {
	_, base := newTestServer(t, Config{})
	f := fixture
	api := base + "/api/v1"
	tests := []struct {
		name   string
		path   string
		status int
		check  func(t *testing.T, body []byte)
	}{
		{"status", "/status", 200, func(t *testing.T, b []byte) {
			var v statusAnswerBody
			mustJSON(t, b, &v)
			if v.Articles["ar"] != 2 || v.Articles["en"] != 4 || v.Linked != 6 || v.Schema < 4 {
				t.Errorf("status %+v", v)
			}
		}},
		{"articles", "/articles", 200, func(t *testing.T, b []byte) {
			var v articleList
			mustJSON(t, b, &v)
			if len(v.Articles) != 6 || v.Next != 0 || v.Articles[1].Dir != "rtl" {
				t.Errorf("articles %+v", v)
			}
		}},
		{"articles by language", "/articles?lang=ar", 200, func(t *testing.T, b []byte) {
			var v articleList
			mustJSON(t, b, &v)
			if len(v.Articles) != 2 || v.Articles[0].ID != f.arMoscow {
				t.Errorf("Arabic articles %+v", v)
			}
		}},
		{"articles by date", "/articles?since=2024-03-01&until=2024-03-31", 200, func(t *testing.T, b []byte) {
			var v articleList
			mustJSON(t, b, &v)
			if len(v.Articles) != 3 {
				t.Errorf("March articles: %d, want 3", len(v.Articles))
			}
		}},
		{"articles page", "/articles?limit=4", 200, func(t *testing.T, b []byte) {
			var v articleList
			mustJSON(t, b, &v)
			if len(v.Articles) != 4 || v.Next != v.Articles[3].Seq {
				t.Errorf("first page %+v", v)
			}
		}},
		{"articles bad limit", "/articles?limit=0", 400, nil},
		{"articles bad date", "/articles?since=March", 400, nil},
		{"articles bad lang", "/articles?lang=<script>", 400, nil},
		{"article", "/articles/" + f.arMoscow, 200, func(t *testing.T, b []byte) {
			var v articleDetail
			mustJSON(t, b, &v)
			if v.Dir != "rtl" || v.Analysis == nil || v.Story == "" || v.Event == "" || len(v.Highlights) == 0 {
				t.Fatalf("article %+v", v)
			}
			if v.Canonical[firstPersonKey(v)] != "person:sergey-lavrov" && v.Canonical[firstPersonKey(v)] != "person:ayman-safadi" {
				t.Errorf("canonical ids %v", v.Canonical)
			}
			checkHighlights(t, v)
		}},
		{"article by prefix", "/articles/" + f.enMoscow[:8], 200, func(t *testing.T, b []byte) {
			var v articleDetail
			mustJSON(t, b, &v)
			if v.Article.ID != f.enMoscow || len(v.Events) == 0 {
				t.Errorf("prefix lookup gave %s with %d events", v.Article.ID, len(v.Events))
			}
		}},
		{"article unknown", "/articles/ffffffffffffffff", 404, nil},
		{"article id too long", "/articles/" + strings.Repeat("a", 80), 400, nil},
		{"related", "/articles/" + f.enMoscow + "/related?k=3", 200, func(t *testing.T, b []byte) {
			var v relatedAnswer
			mustJSON(t, b, &v)
			if len(v.Related) == 0 || len(v.Related) > 3 || v.Related[0].ID != f.arMoscow {
				t.Errorf("related to the English report: %+v, want the Arabic report first", v.Related)
			}
		}},
		{"related bad k", "/articles/" + f.enMoscow + "/related?k=500", 400, nil},
		{"related unknown", "/articles/ffffffffffffffff/related", 404, nil},
		{"duplicates", "/articles/" + f.enMoscow + "/duplicates", 200, nil},
		{"similarity", "/similarity?a=" + f.enMoscow + "&b=" + f.arMoscow, 200, func(t *testing.T, b []byte) {
			var v similarityAnswer
			mustJSON(t, b, &v)
			if v.Scores.Overall < 1 || v.Scores.Overall > 2.5 || len(v.Scores.Evidence.SharedEntities) == 0 {
				t.Errorf("two reports of one meeting across languages: %+v", v.Scores)
			}
		}},
		{"similarity needs two", "/similarity?a=" + f.enMoscow, 400, nil},
		{"similarity unknown", "/similarity?a=" + f.enMoscow + "&b=ffffffffffffffff", 404, nil},
		{"stories", "/stories", 200, func(t *testing.T, b []byte) {
			var v storyList
			mustJSON(t, b, &v)
			if v.Total < 3 || v.Sort != "latest" || v.Items[0].Last < v.Items[len(v.Items)-1].Last {
				t.Errorf("stories %+v", v)
			}
		}},
		{"stories growing", "/stories?sort=growing&min_articles=2", 200, func(t *testing.T, b []byte) {
			var v storyList
			mustJSON(t, b, &v)
			if v.Total != 1 || v.Items[0].Langs["ar"] != 1 || v.Items[0].Langs["en"] != 2 {
				t.Errorf("the one story of several articles: %+v", v)
			}
		}},
		{"stories by language", "/stories?lang=ar&limit=1", 200, func(t *testing.T, b []byte) {
			var v storyList
			mustJSON(t, b, &v)
			if v.Total != 2 || len(v.Items) != 1 {
				t.Errorf("stories with Arabic articles: total %d, page %d", v.Total, len(v.Items))
			}
		}},
		{"stories bad sort", "/stories?sort=best", 400, nil},
		{"story", "/stories/st-" + f.enMoscow, 200, func(t *testing.T, b []byte) {
			var v storyAnswer
			mustJSON(t, b, &v)
			if len(v.ByLang["ar"]) != 1 || len(v.ByLang["en"]) != 2 || len(v.Events) == 0 {
				t.Errorf("story %+v", v)
			}
		}},
		{"story unknown", "/stories/st-none", 404, nil},
		{"events", "/events", 200, func(t *testing.T, b []byte) {
			var v eventList
			mustJSON(t, b, &v)
			if v.Total == 0 || len(v.Events) == 0 {
				t.Errorf("events %+v", v)
			}
		}},
		{"events by actor", "/events?actor=" + url.QueryEscape("لافروف") + "&type=consult", 200, func(t *testing.T, b []byte) {
			var v eventList
			mustJSON(t, b, &v)
			if v.Total == 0 || len(v.Actor) == 0 || v.Actor[0].ID != "person:sergey-lavrov" {
				t.Errorf("Lavrov's consultations, asked in Arabic: %+v", v)
			}
		}},
		{"events bad type", "/events?type=HUG", 400, nil},
		{"events with needs actor", "/events?with=Jordan", 400, nil},
		{"events bad date", "/events?since=2024-13-01", 400, nil},
		{"timeline", "/timeline?actor=Lavrov&with=Jordan", 200, func(t *testing.T, b []byte) {
			var v eventList
			mustJSON(t, b, &v)
			if v.Total == 0 {
				t.Fatalf("no Lavrov–Jordan events: %+v", v)
			}
			for _, m := range v.Events {
				sides := m.Event.Actor.Key + " " + m.Event.Recipient.Key + " " + m.Event.Actor.Country + " " + m.Event.Recipient.Country
				if !strings.Contains(sides, "lavrov") || !strings.Contains(sides, "JOR") {
					t.Errorf("timeline event %s %s → %s is not Lavrov with Jordan", m.Event.Type, m.Event.Actor.Key, m.Event.Recipient.Key)
				}
			}
		}},
		{"timeline needs actor", "/timeline", 400, nil},
		{"entities", "/entities?type=person", 200, func(t *testing.T, b []byte) {
			var v entityList
			mustJSON(t, b, &v)
			if len(v.Entities) == 0 || slices.ContainsFunc(v.Entities, func(e store.EntitySummary) bool { return e.Type != "person" }) {
				t.Errorf("people %+v", v)
			}
		}},
		{"entities bad type", "/entities?type=animal", 400, nil},
		{"entity", "/entities/person:sergey-lavrov", 200, func(t *testing.T, b []byte) {
			var v entityAnswer
			mustJSON(t, b, &v)
			scripts := map[bool]bool{}
			for _, f := range v.Entity.Forms {
				scripts[hasArabic(f.Text)] = true
			}
			if !scripts[true] || !scripts[false] || v.ArticleCount != 3 || len(v.Graph.Nodes) < 2 || len(v.Timeline) == 0 {
				t.Errorf("Lavrov: forms %+v, %d articles, graph %+v, %d events", v.Entity.Forms, v.ArticleCount, v.Graph, len(v.Timeline))
			}
		}},
		{"entity by Arabic name", "/entities/" + url.PathEscape("الصفدي"), 200, func(t *testing.T, b []byte) {
			var v entityAnswer
			mustJSON(t, b, &v)
			if v.Entity.ID != "person:ayman-safadi" || v.ResolvedFrom == "" {
				t.Errorf("الصفدي resolved to %s", v.Entity.ID)
			}
		}},
		{"entity unknown", "/entities/person:nobody-at-all", 404, nil},
		{"search", "/search?q=Lavrov", 200, func(t *testing.T, b []byte) {
			var v SearchAnswer
			mustJSON(t, b, &v)
			if v.Total != 3 || !hitIDs(v).has(f.arCairo, f.arMoscow, f.enMoscow) {
				t.Errorf("Lavrov: %v", hitIDs(v))
			}
		}},
		{"search English finds Arabic-only", "/search?q=" + url.QueryEscape("Lavrov Cairo"), 200, func(t *testing.T, b []byte) {
			var v SearchAnswer
			mustJSON(t, b, &v)
			if len(v.Hits) == 0 || v.Hits[0].ID != f.arCairo || v.Hits[0].Dir != "rtl" || len(v.Hits[0].Entities) < 2 {
				t.Errorf("Lavrov Cairo: %+v, want the Arabic Cairo report first, matched by entities", v.Hits)
			}
		}},
		{"search concepts across languages", "/search?q=" + url.QueryEscape("two-state solution"), 200, func(t *testing.T, b []byte) {
			var v SearchAnswer
			mustJSON(t, b, &v)
			if !hitIDs(v).has(f.arCairo) || len(v.Hits[0].Concepts) == 0 {
				t.Errorf("two-state solution: %+v", v.Hits)
			}
		}},
		{"search Arabic finds English", "/search?q=" + url.QueryEscape("الصفدي اللاجئين") + "&lang=en", 200, func(t *testing.T, b []byte) {
			var v SearchAnswer
			mustJSON(t, b, &v)
			if !hitIDs(v).has(f.enMoscow, f.enAmman) {
				t.Errorf("الصفدي اللاجئين in English: %v", hitIDs(v))
			}
		}},
		{"search filters", "/search?q=Lavrov&lang=ar&since=2024-04-01&topic=", 200, func(t *testing.T, b []byte) {
			var v SearchAnswer
			mustJSON(t, b, &v)
			if ids := hitIDs(v); len(ids) != 1 || ids[0] != f.arCairo {
				t.Errorf("Lavrov in Arabic since April: %v", ids)
			}
		}},
		{"search story filter", "/search?story=st-" + f.enMoscow, 200, func(t *testing.T, b []byte) {
			var v SearchAnswer
			mustJSON(t, b, &v)
			if v.Total != 3 {
				t.Errorf("story filter: %v", hitIDs(v))
			}
		}},
		{"search entity filter", "/search?q=refugees&entity=country:JOR", 200, func(t *testing.T, b []byte) {
			var v SearchAnswer
			mustJSON(t, b, &v)
			if ids := hitIDs(v); ids.has(f.arCairo, f.enBrussels) || len(ids) == 0 {
				t.Errorf("refugees about Jordan: %v", ids)
			}
		}},
		{"search hostile syntax", "/search?q=" + url.QueryEscape(`"Lavrov" OR NEAR(a b) {title}: * ^`), 200, nil},
		{"search bad date", "/search?q=x&until=tomorrow", 400, nil},
		{"search bad limit", "/search?q=x&limit=1000", 400, nil},
		{"search too long", "/search?q=" + strings.Repeat("a", 2000), 400, nil},
		{"unknown endpoint", "/nothing", 404, nil},
		{"openapi", "/openapi.json", 200, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := http.Get(api + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b := readAll(t, res)
			if res.StatusCode != tt.status {
				t.Fatalf("GET %s: status %d, want %d: %s", tt.path, res.StatusCode, tt.status, cutString(string(b), 300))
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			if res.StatusCode >= 400 {
				var e errorBody
				mustJSON(t, b, &e)
				if e.Error.Status != res.StatusCode || e.Error.Message == "" {
					t.Errorf("error body %s", b)
				}
			}
			if tt.check != nil {
				tt.check(t, b)
			}
		})
	}
}

func firstPersonKey(v articleDetail) string {
	for _, e := range v.Analysis.Entities {
		if e.Type == "person" {
			return e.Key
		}
	}
	return ""
}

// checkHighlights checks that every highlight lies in its field, in order, without overlap, and
// that entity spans cover the text of a mention.
func checkHighlights(t *testing.T, v articleDetail) {
	t.Helper()
	texts := map[string][]rune{"title": []rune(v.Article.Title), "body": []rune(v.Article.Body)}
	end := map[string]int{}
	for _, h := range v.Highlights {
		txt := texts[h.Field]
		if h.Start < end[h.Field] || h.End > len(txt) || h.Start >= h.End {
			t.Errorf("highlight %+v out of order or out of its field", h)
			continue
		}
		end[h.Field] = h.End
		if h.Kind == "entity" && (h.Entity == "" || h.Type == "") {
			t.Errorf("entity highlight without entity: %+v", h)
		}
		if s := string(txt[h.Start:h.End]); !utf8.ValidString(s) || strings.TrimSpace(s) == "" {
			t.Errorf("highlight %+v covers %q", h, s)
		}
	}
}

type ids []string

func (x ids) has(want ...string) bool {
	for _, w := range want {
		if !slices.Contains(x, w) {
			return false
		}
	}
	return true
}

func hitIDs(v SearchAnswer) ids {
	var out ids
	for _, h := range v.Hits {
		out = append(out, h.ID)
	}
	return out
}

func mustJSON(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%v in %s", err, cutString(string(b), 400))
	}
}

func readAll(t *testing.T, res *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPostArticles(t *testing.T) {
	_, base := newTestServer(t, Config{})
	u := base + "/api/v1/articles"
	one := `{"title": "Safadi and Lavrov speak by phone about Gaza", "text": "AMMAN — Jordanian Foreign Minister Ayman Safadi and Russian Foreign Minister Sergey Lavrov discussed by phone on Friday the humanitarian situation in Gaza and efforts toward a ceasefire.", "date": "2024-03-22", "language": "en"}`
	var ans ingestAnswer
	if st, _ := call(t, "POST", u, []byte(one), nil, &ans); st != http.StatusCreated || ans.New != 1 || !ans.Results[0].Analysed || ans.Linked != 1 {
		t.Fatalf("POST one article: status %d, %+v", st, ans)
	}
	id := ans.Results[0].ID
	// It is searchable, linked and in the timeline at once.
	var sr SearchAnswer
	call(t, "GET", base+"/api/v1/search?q=Gaza+ceasefire", nil, nil, &sr)
	if !hitIDs(sr).has(id) {
		t.Errorf("the new article is not found by search: %v", hitIDs(sr))
	}
	var tl eventList
	call(t, "GET", base+"/api/v1/timeline?actor=Safadi&with=Lavrov", nil, nil, &tl)
	found := false
	for _, m := range tl.Events {
		for _, s := range m.Sources {
			found = found || s.ArticleID == id
		}
	}
	if !found {
		t.Errorf("the new article's call is not in the timeline: %+v", tl.Events)
	}
	// Again: a duplicate, nothing changes.
	ans = ingestAnswer{}
	if st, _ := call(t, "POST", u, []byte(one), nil, &ans); st != http.StatusOK || ans.Dups != 1 || ans.Results[0].Status != "duplicate" {
		t.Errorf("POST the same article again: status %d, %+v", st, ans)
	}
	// An array with good and bad items: each bad item says why.
	batch := `[{"title": "Egypt and Jordan discuss Gaza aid", "text": "CAIRO — The foreign ministers of Egypt and Jordan discussed aid deliveries to Gaza on Sunday.", "language": "en", "date": "2024-03-24"},
		{"title": "no body"}, 42, {"text": ""}]`
	ans = ingestAnswer{}
	if st, _ := call(t, "POST", u, []byte(batch), nil, &ans); st != http.StatusCreated || ans.New != 1 || ans.Failed != 3 {
		t.Fatalf("POST a mixed batch: status %d, %+v", st, ans)
	}
	for i, r := range ans.Results {
		if r.Index != i || (i > 0) != (r.Status == "failed") || (r.Status == "failed" && r.Error == "") {
			t.Errorf("item %d: %+v", i, r)
		}
	}
	tests := []struct {
		name   string
		body   string
		hdr    map[string]string
		status int
	}{
		{"empty body", "", nil, 400},
		{"not JSON", "title: x", nil, 400},
		{"truncated JSON", `[{"title": "x", "text": "y"`, nil, 400},
		{"trailing data", `{"title": "x", "text": "y"} {}`, nil, 400},
		{"empty array", `[]`, nil, 400},
		{"only bad items", `[{"title": "only a title"}]`, nil, 400},
		{"invalid UTF-8", "{\"title\": \"x\", \"text\": \"\xff\xfe bad bytes here\"}", nil, 400},
		{"wrong content type", one, map[string]string{"Content-Type": "text/plain"}, 415},
		{"cross-origin", one, map[string]string{"Origin": "https://evil.example"}, 403},
		{"cross-site fetch", one, map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
	}
	for _, tt := range tests {
		var body []byte
		if tt.body != "" || tt.name == "empty body" {
			body = []byte(tt.body)
		}
		var e errorBody
		st, _ := call(t, "POST", u, body, tt.hdr, &e)
		if st != tt.status {
			t.Errorf("%s: status %d, want %d (%+v)", tt.name, st, tt.status, e)
		}
	}
}

func TestPostLimits(t *testing.T) {
	_, base := newTestServer(t, Config{MaxBodyBytes: 2048, MaxItems: 2})
	u := base + "/api/v1/articles"
	big := fmt.Sprintf(`{"title": "big", "text": %q}`, strings.Repeat("word ", 1000))
	var e errorBody
	if st, _ := call(t, "POST", u, []byte(big), nil, &e); st != http.StatusRequestEntityTooLarge || !strings.Contains(e.Error.Message, "2048") {
		t.Errorf("a body over the limit: status %d, %+v", st, e)
	}
	three := `[{"title": "a", "text": "one two three"}, {"title": "b", "text": "four five six"}, {"title": "c", "text": "seven eight"}]`
	if st, _ := call(t, "POST", u, []byte(three), nil, &e); st != http.StatusRequestEntityTooLarge {
		t.Errorf("too many items: status %d", st)
	}
}

func TestWriteToken(t *testing.T) {
	_, base := newTestServer(t, Config{Token: "s3cret"})
	u := base + "/api/v1/articles"
	one := []byte(`{"title": "Token test", "text": "Ministers met in Amman to discuss water and energy projects.", "language": "en"}`)
	for _, tt := range []struct {
		name   string
		auth   string
		status int
	}{
		{"no token", "", 401}, {"wrong token", "Bearer nope", 401}, {"not bearer", "Basic s3cret", 401}, {"token", "Bearer s3cret", 201},
	} {
		hdr := map[string]string{}
		if tt.auth != "" {
			hdr["Authorization"] = tt.auth
		}
		st, h := call(t, "POST", u, one, hdr, &ingestAnswer{})
		if st != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, st, tt.status)
		}
		if st == 401 && !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: 401 without WWW-Authenticate", tt.name)
		}
	}
	// Reads need no token.
	if st, _ := call(t, "GET", base+"/api/v1/stories", nil, nil, &storyList{}); st != 200 {
		t.Errorf("read with a token configured: %d", st)
	}
}

func TestRateLimit(t *testing.T) {
	_, base := newTestServer(t, Config{Rate: 1, Burst: 3})
	var codes []int
	for range 6 {
		st, h := call(t, "GET", base+"/api/v1/status", nil, nil, nil)
		codes = append(codes, st)
		if st == 429 && h.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
	}
	if codes[0] != 200 || codes[2] != 200 || codes[5] != 429 {
		t.Errorf("statuses %v, want three 200 then 429", codes)
	}
}

func TestSecurityHeaders(t *testing.T) {
	_, base := newTestServer(t, Config{})
	for _, p := range []string{"/", "/static/app.js", "/static/style.css", "/api/v1/stories", "/api/v1/nothing"} {
		st, h := call(t, "GET", base+p, nil, map[string]string{"Origin": "https://elsewhere.example"}, nil)
		if p != "/api/v1/nothing" && st != 200 {
			t.Errorf("GET %s: %d", p, st)
		}
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("GET %s: CSP %q", p, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("GET %s: headers %v", p, h)
		}
		for k := range h {
			if strings.HasPrefix(strings.ToLower(k), "access-control-") {
				t.Errorf("GET %s: CORS header %s sent", p, k)
			}
		}
	}
	// The page has no inline script: every script is a file.
	res, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page := string(readAll(t, res))
	res.Body.Close()
	if strings.Contains(page, "<script>") || strings.Contains(page, " on") && strings.Contains(page, "onclick") || !strings.Contains(page, `<script src="/static/app.js" defer></script>`) {
		t.Errorf("the page should load its script from a file and hold none inline")
	}
	if st, _ := call(t, "DELETE", base+"/api/v1/articles", nil, nil, nil); st != http.StatusMethodNotAllowed {
		t.Errorf("DELETE /api/v1/articles: %d, want 405", st)
	}
	if st, _ := call(t, "GET", base+"/static/", nil, nil, nil); st != 404 {
		t.Errorf("directory listing: %d", st)
	}
}

func TestCheckListen(t *testing.T) {
	tests := []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8080", "", true}, {"localhost:8080", "", true}, {"[::1]:8080", "", true}, {"127.0.0.2:80", "", true},
		{"0.0.0.0:8080", "", false}, {":8080", "", false}, {"192.168.1.5:8080", "", false}, {"example.org:80", "", false},
		{"0.0.0.0:8080", "t", true}, {"nonsense", "", false},
	}
	for _, tt := range tests {
		if err := CheckListen(tt.addr, tt.token); (err == nil) != tt.ok {
			t.Errorf("CheckListen(%q, %q) = %v, want ok %v", tt.addr, tt.token, err, tt.ok)
		}
	}
}

// TestOpenAPI checks that every route is documented and every documented path is served.
func TestOpenAPI(t *testing.T) {
	s, base := newTestServer(t, Config{})
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
		Comp    struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if st, _ := call(t, "GET", base+"/api/v1/openapi.json", nil, nil, &doc); st != 200 || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi.json: %d %q", st, doc.OpenAPI)
	}
	documented := map[string]bool{}
	for p, ops := range doc.Paths {
		for m, op := range ops {
			documented[strings.ToUpper(m)+" "+p] = true
			if op["responses"] == nil || op["operationId"] == nil {
				t.Errorf("%s %s lacks responses or operationId", m, p)
			}
		}
	}
	served := map[string]bool{"GET /api/v1/openapi.json": true}
	for _, rt := range s.routes {
		served[rt.method+" /api/v1"+rt.path] = true
	}
	for k := range served {
		if !documented[k] {
			t.Errorf("route %s is not documented", k)
		}
	}
	for k := range documented {
		if !served[k] {
			t.Errorf("documented %s is not a route", k)
		}
		// and the router answers it (not with its "no such endpoint" or 405)
		m, p, _ := strings.Cut(k, " ")
		p = strings.NewReplacer("{id}", fixture.enMoscow).Replace(p)
		var body []byte
		if m == "POST" {
			body = []byte(`{}`)
		}
		var e errorBody
		st, _ := call(t, m, base+p, body, nil, &e)
		if st == http.StatusMethodNotAllowed || st == 404 && strings.Contains(e.Error.Message, "no such endpoint") {
			t.Errorf("%s is documented but not served (%d)", k, st)
		}
	}
	// Schemas referenced exist.
	raw, _ := json.Marshal(doc)
	for _, ref := range strings.Split(string(raw), `"$ref":"#/components/schemas/`)[1:] {
		name, _, _ := strings.Cut(ref, `"`)
		if _, ok := doc.Comp.Schemas[name]; !ok {
			t.Errorf("schema %s is referenced but not defined", name)
		}
	}
}

// TestConcurrentReadsAndWrites runs readers against the server while articles are posted; run
// it with -race.
func TestConcurrentReadsAndWrites(t *testing.T) {
	_, base := newTestServer(t, Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	paths := []string{"/api/v1/search?q=Lavrov", "/api/v1/stories?sort=growing", "/api/v1/articles/" + fixture.enMoscow + "/related",
		"/api/v1/timeline?actor=Safadi", "/api/v1/entities/person:sergey-lavrov", "/api/v1/articles/" + fixture.arCairo}
	errs := make(chan error, 64)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil && i < 40; i++ {
				res, err := http.Get(base + paths[(i+w)%len(paths)])
				if err != nil {
					errs <- err
					return
				}
				res.Body.Close()
				if res.StatusCode != 200 {
					errs <- fmt.Errorf("%s: %d", paths[(i+w)%len(paths)], res.StatusCode)
				}
			}
		}()
	}
	for i := range 3 {
		body := fmt.Sprintf(`{"title": "Concurrent test article %d", "text": "Foreign Minister Ayman Safadi met Sergey Lavrov in Amman on Monday, report number %d, to discuss Syria.", "language": "en", "date": "2024-04-0%d"}`, i, i, i+1)
		if st, _ := call(t, "POST", base+"/api/v1/articles", []byte(body), nil, &ingestAnswer{}); st != 201 {
			t.Errorf("POST %d: %d", i, st)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestGracefulShutdown(t *testing.T) {
	buildFixture(t)
	s, _ := newTestServer(t, Config{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	u := "http://" + ln.Addr().String() + "/api/v1/status"
	var ok bool
	for range 50 {
		if res, err := http.Get(u); err == nil {
			res.Body.Close()
			ok = res.StatusCode == 200
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !ok {
		t.Fatal("server did not answer")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after cancel: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Serve did not return after its context ended")
	}
	if _, err := http.Get(u); err == nil {
		t.Error("the server still answers after shutdown")
	}
	// Beyond loopback without a token, Serve refuses.
	ln2, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln2.Close()
	if err := s.Serve(context.Background(), fakeAddrListener{ln2}); err == nil {
		t.Error("Serve accepted a listener beyond loopback without a token")
	}
}

// fakeAddrListener reports an address on every interface.
type fakeAddrListener struct{ net.Listener }

func (fakeAddrListener) Addr() net.Addr { return &net.TCPAddr{IP: net.IPv4zero, Port: 8080} }

func FuzzReadItems(f *testing.F) {
	for _, s := range []string{`{"title":"a","text":"b"}`, `[{"title":"a"},{"text":"b"}]`, `[`, `{"a":1} x`, "\xff", `[1,2,3]`, `null`} {
		f.Add([]byte(s))
	}
	s := &Server{cfg: Config{MaxBodyBytes: 1 << 16, MaxItems: 50}.withDefaults()}
	f.Fuzz(func(t *testing.T, body []byte) {
		req, _ := http.NewRequest("POST", "/api/v1/articles", strings.NewReader(string(body)))
		req.Body = http.MaxBytesReader(nil, req.Body, s.cfg.MaxBodyBytes)
		items, err := s.readItems(nil, req)
		if err != nil {
			var ae *apiError
			if !errors.As(err, &ae) || ae.status < 400 || ae.status > 499 {
				t.Fatalf("readItems(%q): %v is not a client error", body, err)
			}
			return
		}
		if len(items) == 0 || len(items) > s.cfg.MaxItems {
			t.Fatalf("readItems(%q): %d items", body, len(items))
		}
	})
}

// TestRefreshSeesOtherWriters ingests through another handle on the store, as a storyline ingest
// worker would, and checks that the server picks the articles up.
func TestRefreshSeesOtherWriters(t *testing.T) {
	s, base, path := newTestServerAt(t, Config{})
	ctx := context.Background()
	if reloaded, err := s.refresh(ctx); err != nil || reloaded {
		t.Fatalf("refresh with nothing new: %v, %v", reloaded, err)
	}
	other, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	in := filepath.Join(t.TempDir(), "more.json")
	body := `{"title": "Safadi and Lavrov meet again in Amman", "text": "AMMAN — Jordanian Foreign Minister Ayman Safadi hosted Russian Foreign Minister Sergey Lavrov in Amman on Monday for talks on Syria and refugees.", "date": "2024-03-25", "language": "en"}`
	if err := os.WriteFile(in, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	sum, err := pipeline.Ingest(ctx, []string{in}, other, pipeline.Options{Stages: stagesOnce()})
	if err != nil || sum.New != 1 || sum.Linked != 1 {
		t.Fatalf("the other writer: %+v, %v", sum, err)
	}
	if reloaded, err := s.refresh(ctx); err != nil || !reloaded {
		t.Fatalf("refresh after another writer linked: %v, %v", reloaded, err)
	}
	var st statusAnswerBody
	call(t, "GET", base+"/api/v1/status", nil, nil, &st)
	if st.Linked != 7 {
		t.Errorf("after the refresh the server holds %d linked articles, want 7", st.Linked)
	}
	var rel relatedAnswer
	call(t, "GET", base+"/api/v1/articles/"+fixture.enMoscow+"/related", nil, nil, &rel)
	found := false
	for _, n := range rel.Related {
		found = found || strings.Contains(n.Title, "meet again")
	}
	if !found {
		t.Errorf("the other writer's article is not among the related ones: %+v", rel.Related)
	}
}

// TestBackgroundRebuild forces the slow-store path: a write returns before the read caches are
// rebuilt, and they follow shortly.
func TestBackgroundRebuild(t *testing.T) {
	s, base := newTestServer(t, Config{})
	s.lastBuild = time.Hour
	body := `{"title": "Background rebuild test", "text": "Ayman Safadi met Sergey Lavrov in Amman on Monday to discuss refugees.", "language": "en", "date": "2024-04-02"}`
	if st, _ := call(t, "POST", base+"/api/v1/articles", []byte(body), nil, &ingestAnswer{}); st != 201 {
		t.Fatalf("POST: %d", st)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		var v statusAnswerBody
		call(t, "GET", base+"/api/v1/status", nil, nil, &v)
		if v.Articles["en"] == 5 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the caches were not rebuilt: %+v", v)
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.rb.wg.Wait()
}
