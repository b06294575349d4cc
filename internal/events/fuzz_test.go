package events

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"storyline/internal/analyse"
	"storyline/internal/analyse/lang/en"
	"storyline/internal/ingest"
)

// fuzzAnalysis builds an analysis of body from spec: sentences from the splitter or at arbitrary
// offsets, entity mentions on words or at arbitrary (also invalid) offsets, and dates.
func fuzzAnalysis(body string, spec []byte) analyse.Analysis {
	an := analyse.Analysis{ArticleID: "fz", Lang: "en"}
	n := utf8.RuneCountInString(body)
	next := func() int {
		if len(spec) == 0 {
			return 0
		}
		b := int(spec[0])
		spec = spec[1:]
		return b
	}
	mode := next()
	if mode%2 == 0 {
		for _, sp := range en.SplitSentences(body) {
			an.Sentences = append(an.Sentences, analyse.Span{Field: "body", Start: utf8.RuneCountInString(body[:sp.Start]),
				End: utf8.RuneCountInString(body[:sp.End])})
		}
	} else {
		for k := next() % 5; k > 0; k-- {
			s := next()*4 - 8
			an.Sentences = append(an.Sentences, analyse.Span{Field: []string{"body", "title", "", "x"}[next()%4], Start: s, End: s + next()})
		}
	}
	types := []string{"person", "country", "city", "organisation", "region", "place", ""}
	kinds := []string{"name", "demonym", "metonym", "surname", "", "contextual"}
	keys := []string{"person:a", "country:JOR", "country:RUS", "city:amman", "org:un", "person:b", "region:gulf", ""}
	toks := en.Tokenize(body)
	for k := next() % 8; k > 0; k-- {
		ei := len(an.Entities)
		e := analyse.Entity{Key: keys[next()%len(keys)], Type: types[next()%len(types)], Country: []string{"", "JOR", "RUS", "XX"}[next()%4],
			Role: []string{"", "foreign minister", "king"}[next()%3], Salience: float64(next()) / 255}
		for m := next() % 4; m > 0; m-- {
			var start, end int
			if mode%3 == 0 && len(toks) > 0 {
				t := toks[next()%len(toks)]
				start, end = utf8.RuneCountInString(body[:t.Start]), utf8.RuneCountInString(body[:t.End])
			} else {
				start = next()*2 - 4
				end = start + next()%12 - 2
			}
			e.Mentions = append(e.Mentions, analyse.Mention{Text: "x", Field: []string{"body", "title", ""}[next()%3],
				Start: start, End: end, Sentence: next()%4 - 1, Kind: kinds[next()%len(kinds)]})
		}
		_ = ei
		an.Entities = append(an.Entities, e)
	}
	for k := next() % 3; k > 0; k-- {
		s := next()
		an.Dates = append(an.Dates, analyse.Date{Field: "body", Start: s, End: s + next()%10, Value: []string{"", "2022-11-02", "2021-10", "2019", "bad"}[next()%5],
			Inferred: next()%2 == 0})
	}
	_ = n
	return an
}

func FuzzExtract(f *testing.F) {
	for _, tc := range englishCases[:6] {
		art, _ := annotated(f, "seed", "en", "", tc.text)
		f.Add(art.Body, false, []byte{0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	}
	for _, tc := range arabicCases[:4] {
		art, _ := annotated(f, "seed", "ar", "", tc.text)
		f.Add(art.Body, true, []byte{6, 5, 1, 1, 0, 2, 0, 9, 1, 1, 1, 3, 0, 7, 2})
	}
	f.Add("Lavrov met Safadi.\xff\xfe in Amman", false, []byte{1, 2, 3, 250, 251, 252})
	x := NewExtractor()
	f.Fuzz(func(t *testing.T, body string, arabic bool, spec []byte) {
		if len(body) > 1<<14 {
			return
		}
		lang := "en"
		if arabic {
			lang = "ar"
		}
		an := fuzzAnalysis(body, spec)
		an.Lang = lang
		art := ingest.Article{ID: "fz", Body: body, Title: strings.Repeat("Lavrov met Safadi ", len(spec)%2), Lang: lang,
			Dateline: "AMMAN"}
		evs := x.Extract(art, an)
		for _, ev := range evs {
			for _, e := range ev.Sentences {
				field := art.Body
				if e.Field == "title" {
					field = art.Title
				}
				rs := []rune(field)
				if e.Start < 0 || e.End > len(rs) || e.Start >= e.End {
					t.Fatalf("evidence [%d,%d) outside %s of %d characters", e.Start, e.End, e.Field, len(rs))
				}
				if string(rs[e.Start:e.End]) != e.Text {
					t.Fatalf("evidence text %q is not %s[%d:%d] %q", e.Text, e.Field, e.Start, e.End, string(rs[e.Start:e.End]))
				}
			}
			if ev.Actor.Key == "" || ev.Recipient.Key == "" || !IsType(ev.Type) {
				t.Fatalf("incomplete event %+v", ev)
			}
		}
		ms := Merge(evs, nil)
		var buf bytes.Buffer
		if err := WriteCSV(&buf, ms); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSONL(&buf, ms); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzParseDictionary(f *testing.F) {
	f.Add("CONSULT\t-\tmet|meet ~2 with?\tsym\tv\t0.8\n", "en")
	f.Add("MODE\tphone\t^ over the phone\n# comment\n", "en")
	f.Add("AGREE\t-\tاتفق|اتفقا على\tsym\tv\t0.9\n", "ar")
	f.Add("BAD\n\t\t\n", "en")
	f.Fuzz(func(t *testing.T, data, lang string) {
		d, err := ParseDictionary("fuzz.tsv", lang, strings.NewReader(data))
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.tsv") {
				t.Fatalf("error %q does not name the input", err)
			}
			return
		}
		toks := tokenize(lang, data, 0, len(data))
		d.matchAll(toks, nil)
	})
}

// benchArticle builds a ~3 KB analysed article from the test sentences.
func benchArticle(tb testing.TB, lang string, cases []extractCase) (ingest.Article, analyse.Analysis) {
	var b strings.Builder
	for i := 0; ; i++ {
		b.WriteString(cases[i%len(cases)].text)
		b.WriteString(" ")
		if art, an := annotated(tb, "bench-"+lang, lang, "", b.String()); len(art.Body) >= 3000 {
			return art, an
		}
	}
}

// BenchmarkExtract measures extraction alone (the analysis is made before the timer starts) on
// ~3 KB articles built from the test sentences: analysed by hand-made markup, and analysed by the
// real analyser.
func BenchmarkExtract(b *testing.B) {
	x := NewExtractor()
	type input struct {
		art ingest.Article
		an  analyse.Analysis
	}
	hand := map[string]input{}
	real := map[string]input{}
	for lang, cases := range map[string][]extractCase{"en": englishCases, "ar": arabicCases} {
		art, an := benchArticle(b, lang, cases)
		hand[lang] = input{art, an}
		art.ID = ingest.ContentID(art.Title, art.Body)
		ra, err := analyse.New(analyse.Options{}).Analyse(context.Background(), art)
		if err != nil {
			b.Fatal(err)
		}
		real[lang] = input{art, ra}
	}
	for _, set := range []struct {
		name string
		in   map[string]input
	}{{"handmade", hand}, {"analysed", real}} {
		for _, lang := range []string{"en", "ar"} {
			in := set.in[lang]
			b.Run(set.name+"-"+lang, func(b *testing.B) {
				n := 0
				start := time.Now()
				for i := 0; i < b.N; i++ {
					n += len(x.Extract(in.art, in.an))
				}
				b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "articles/s")
				b.ReportMetric(float64(len(in.art.Body)), "bytes/article")
				b.ReportMetric(float64(n)/float64(b.N), "events/article")
			})
		}
	}
}

func TestDictionariesParse(t *testing.T) {
	for _, l := range []string{"en", "ar"} {
		d := DefaultDictionary(l)
		if d == nil || d.Len() < 50 {
			t.Fatalf("%s dictionary missing or small", l)
		}
		types := map[string]bool{}
		for _, e := range d.entries {
			if IsType(e.class) {
				types[e.class] = true
			}
		}
		for _, ty := range Types {
			if !types[ty] {
				t.Errorf("%s dictionary has no trigger for %s", l, ty)
			}
		}
	}
	for _, bad := range []string{
		"CONSULT\t-\tmet\n",                   // no frame
		"NOPE\t-\tmet\tsym\tv\t0.5\n",         // class
		"CONSULT\t-\t~2 met\tsym\tv\t0.5\n",   // gap first
		"CONSULT\t-\tmet\tsideways\tv\t0.5\n", // frame
		"CONSULT\t-\tmet\tsym\tv\t1.5\n",      // weight
		"MODE\t-\tphone\n",                    // mode missing
		"CONSULT\t-\tmet ^\tsym\tv\t0.5\n",    // anchor not first
		"",                                    // empty
	} {
		if _, err := ParseDictionary("bad.tsv", "en", strings.NewReader(bad)); err == nil {
			t.Errorf("%q parses", bad)
		} else if !strings.Contains(err.Error(), "bad.tsv") {
			t.Errorf("error %q does not name the input", err)
		}
	}
}
