package store

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
)

func TestWordTokens(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // tokens that must be present
		absent     []string
	}{
		{"English folded and stemmed", "Lavrov's MEETINGS with Jordan", []string{"lavrov", "meet", "jordan"}, []string{"with", "lavrov's", "Lavrov"}},
		{"hyphen and accents", "two-state Türkiye", []string{"two", "state", "turkiy"}, []string{"two-state", "türkiy"}},
		{"Arabic clitics", "والصفدي", []string{"والصفدي", "الصفدي", "صفدي"}, nil},
		{"Arabic normalised", "الأُرْدُنّ وزارة", []string{"الاردن", "اردن", "وزاره"}, []string{"الأُرْدُنّ"}},
		{"Arabic suffixes", "اللاجئون", []string{"اللاجيون", "لاجيون", "لاجي"}, nil},
		{"Arabic stop words", "في من على", nil, []string{"في", "من", "على"}},
		{"Eastern Arabic digits", "عام ٢٠٢٣", []string{"2023"}, []string{"٢٠٢٣"}},
		{"hostile", "<script>alert(1)</script> \u202Eevil", []string{"script", "alert", "1", "evil"}, []string{"<script>"}},
	}
	for _, tt := range tests {
		got := WordTokens(tt.text)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: WordTokens(%q) = %q, lacks %q", tt.name, tt.text, got, w)
			}
		}
		for _, w := range tt.absent {
			if slices.Contains(got, w) {
				t.Errorf("%s: WordTokens(%q) = %q, should not hold %q", tt.name, tt.text, got, w)
			}
		}
	}
}

// queryMatches reports whether some token of every listed query term is among the document tokens.
func queryMatches(q ParsedQuery, doc []string) bool {
	for _, term := range q.Terms {
		found := false
		for _, tok := range term.Tokens {
			found = found || slices.Contains(doc, tok)
		}
		if !found {
			return false
		}
	}
	return len(q.Terms) > 0
}

func TestQueryFindsIndexedForms(t *testing.T) {
	tests := []struct{ query, text string }{
		{"meeting", "The ministers met at two meetings."},
		{"Lavrov", "Lavrov's visit"},
		{"الصفدي", "التقى لافروف والصفدي"},
		{"والصفدي", "قال الصفدي"},
		{"لاجئين", "عودة اللاجئين"},
		{"Turkiye", "Türkiye and Jordan"},
		{"covid-19", "the COVID-19 pandemic"},
	}
	for _, tt := range tests {
		q := ParseQuery(tt.query)
		if !queryMatches(q, WordTokens(tt.text)) {
			t.Errorf("query %q (%+v) does not match %q (%q)", tt.query, q, tt.text, WordTokens(tt.text))
		}
	}
}

func TestParseQueryConcepts(t *testing.T) {
	tests := []struct {
		query string
		want  []string
	}{
		{"two-state solution", []string{"state", "solut"}},
		{"حل الدولتين", []string{"state", "solut"}},
		{"refugees", []string{"refuge"}},
		{"اللاجئين", []string{"refuge"}},
	}
	for _, tt := range tests {
		got := ParseQuery(tt.query).ConceptTokens()
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("ParseQuery(%q) concepts %v lack %q", tt.query, got, w)
			}
		}
	}
	// The two languages meet on concepts.
	en, ar := ParseQuery("two-state solution").ConceptTokens(), ParseQuery("حل الدولتين").ConceptTokens()
	shared := 0
	for _, c := range en {
		if slices.Contains(ar, c) {
			shared++
		}
	}
	if shared < 2 {
		t.Errorf("two-state solution %v and حل الدولتين %v share %d concepts, want >= 2", en, ar, shared)
	}
}

func TestParseQueryBounds(t *testing.T) {
	if q := ParseQuery("the of and في من"); !q.Empty() {
		t.Errorf("stop words gave terms: %+v", q)
	}
	q := ParseQuery(strings.Repeat("word", 1) + " " + strings.Repeat("x1 y2 z3 ", 40))
	if len(q.Terms) > maxQueryTerms {
		t.Errorf("%d terms, want at most %d", len(q.Terms), maxQueryTerms)
	}
	if q := ParseQuery("Lavrov lavrov LAVROV"); len(q.Terms) != 1 {
		t.Errorf("repeated word gave %d terms", len(q.Terms))
	}
}

func TestNewSearchDoc(t *testing.T) {
	a := ingest.Article{ID: "a1", Title: "Lavrov in Amman", Body: "Refugees returned.", Lang: "en"}
	an := &analyse.Analysis{
		Concepts: []analyse.Concept{{Key: "refuge", Weight: 1}, {Key: "return", Weight: 0.1}},
		Topics:   []analyse.Topic{{ID: "refugees", Score: 0.9}},
	}
	rows := []EntityRow{
		{Entity: analyse.Entity{Key: "person:lavrov", Mentions: make([]analyse.Mention, 5)}, CanonicalID: "person:sergey-lavrov"},
		{Entity: analyse.Entity{Key: "city:amman", Mentions: make([]analyse.Mention, 1)}},
	}
	d := NewSearchDoc(a, an, rows)
	if d.Title != "lavrov amman" || d.Body != "refuge return" {
		t.Errorf("text tokens: %q / %q", d.Title, d.Body)
	}
	if d.Keys != "refuge refuge refuge return topic:refugees topic:refugees topic:refugees" {
		t.Errorf("keys %q", d.Keys)
	}
	if d.Entities != "person:sergey-lavrov person:sergey-lavrov person:sergey-lavrov city:amman" {
		t.Errorf("entities %q", d.Entities)
	}
	if d := NewSearchDoc(a, nil, nil); d.Keys != "" || d.Entities != "" || d.Body == "" {
		t.Errorf("an article without analysis: %+v", d)
	}
	if got := EntityToken(`person:o"brien x`); got != "person:o_brien_x" {
		t.Errorf("EntityToken = %q", got)
	}
}

// validToken reports whether tok is one index token: no space, not empty, at most 64 bytes, made
// of letters, digits and (for keys) ':', '-', '_'.
func validToken(tok string) bool {
	if tok == "" || len(tok) > 4*maxTokenBytes || !utf8.ValidString(tok) {
		return false
	}
	for _, r := range tok {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ':' && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

func FuzzSearchTokens(f *testing.F) {
	for _, s := range []string{"Lavrov's talks", "والصفدي بحث حل الدولتين", "\"x\" OR NEAR(y*)", "\u202e\u200d<img src=x onerror=alert(1)>", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range WordTokens(s) {
			if !validToken(tok) || len(tok) > maxTokenBytes {
				t.Fatalf("WordTokens(%q) gave bad token %q", s, tok)
			}
		}
		q := ParseQuery(s)
		if len(q.Terms) > maxQueryTerms {
			t.Fatalf("ParseQuery(%q): %d terms", s, len(q.Terms))
		}
		for _, term := range q.Terms {
			if len(term.Tokens) == 0 {
				t.Fatalf("ParseQuery(%q): term without tokens %+v", s, term)
			}
			for _, tok := range append(append([]string{}, term.Tokens...), term.Concepts...) {
				if !validToken(tok) {
					t.Fatalf("ParseQuery(%q) gave bad token %q", s, tok)
				}
			}
		}
	})
}

// TestSearchDocBuildersMatchNewSearchDoc checks that remembering words' tokens changes no
// document: the same articles, in English, Arabic and mixed script, one after the other and
// concurrently, give what NewSearchDoc gives.
func TestSearchDocBuildersMatchNewSearchDoc(t *testing.T) {
	arts := []ingest.Article{
		{ID: "1", Lang: "en", Title: "Ministers discuss the two-state solution", Body: "The ministers discussed it. Discussing, discussed, discussion: the minister's talks in Amman's old city."},
		{ID: "2", Lang: "ar", Title: "وزير الخارجية يبحث حل الدولتين", Body: "بحث وزيرا الخارجية والوزيران في عمّان، وللوزير كلمة. والوزير قال إن الحل هو حل الدولتين."},
		{ID: "3", Lang: "en", Title: "Lavrov (لافروف) met Safadi — الصفدي", Body: "Lavrov's visit; لافروف في عمان. The ministers' ministers ministered 2023-11-02."},
		{ID: "4", Lang: "en", Title: "", Body: ""},
	}
	var p SearchDocBuilders
	for round := range 3 {
		for _, a := range arts {
			if got, want := p.Doc(a, nil, nil), NewSearchDoc(a, nil, nil); got != want {
				t.Errorf("round %d, article %s:\n got %+v\nwant %+v", round, a.ID, got, want)
			}
		}
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				a := arts[(g+i)%len(arts)]
				if got, want := p.Doc(a, nil, nil), NewSearchDoc(a, nil, nil); got != want {
					t.Errorf("concurrent, article %s: got %+v, want %+v", a.ID, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}
