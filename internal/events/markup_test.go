package events

import (
	"strings"
	"testing"
	"unicode/utf8"

	"storyline/internal/analyse"
	"storyline/internal/analyse/lang/ar"
	"storyline/internal/analyse/lang/en"
	"storyline/internal/ingest"
)

// annotated builds an article and a hand-made analysis from marked-up text, standing in for the
// analyser: [surface|key|country|role|kind] marks an entity mention, {surface|value|inferred}
// a resolved date expression ("inferred" may be empty). The entity type follows the key's
// prefix (person:, country:, city:, place:, region:, org:). Sentences are split with the
// language's splitter.
func annotated(t testing.TB, id, lang, published, marked string) (ingest.Article, analyse.Analysis) {
	t.Helper()
	var body strings.Builder
	an := analyse.Analysis{ArticleID: id, Lang: lang, Published: published}
	ents := map[string]int{}
	type pending struct {
		key, country, role, kind, text string
		start, end                     int
	}
	var ms []pending
	pos := 0 // characters written
	for i := 0; i < len(marked); {
		c := marked[i]
		if c != '[' && c != '{' {
			r, w := utf8.DecodeRuneInString(marked[i:])
			body.WriteRune(r)
			pos++
			i += w
			continue
		}
		closer := byte(']')
		if c == '{' {
			closer = '}'
		}
		j := strings.IndexByte(marked[i:], closer)
		if j < 0 {
			t.Fatalf("%s: unclosed %c", id, c)
		}
		parts := strings.Split(marked[i+1:i+j], "|")
		for len(parts) < 5 {
			parts = append(parts, "")
		}
		surface := parts[0]
		n := utf8.RuneCountInString(surface)
		body.WriteString(surface)
		if c == '[' {
			ms = append(ms, pending{key: parts[1], country: parts[2], role: parts[3], kind: parts[4], text: surface,
				start: pos, end: pos + n})
		} else {
			an.Dates = append(an.Dates, analyse.Date{Text: surface, Field: analyse.FieldBody, Start: pos, End: pos + n,
				Value: parts[1], Inferred: parts[2] == "inferred", Confidence: 0.9, How: "test"})
		}
		pos += n
		i += j + 1
	}
	text := body.String()
	split := en.SplitSentences
	if lang == "ar" {
		split = ar.SplitSentences
	}
	for _, sp := range split(text) {
		an.Sentences = append(an.Sentences, analyse.Span{Field: analyse.FieldBody,
			Start: utf8.RuneCountInString(text[:sp.Start]), End: utf8.RuneCountInString(text[:sp.End])})
	}
	sentOf := func(c int) int {
		for k, s := range an.Sentences {
			if c >= s.Start && c < s.End {
				return k
			}
		}
		return -1
	}
	for k := range an.Dates {
		an.Dates[k].Sentence = sentOf(an.Dates[k].Start)
	}
	for _, m := range ms {
		ei, ok := ents[m.key]
		if !ok {
			typ, _, _ := strings.Cut(m.key, ":")
			if typ == "org" {
				typ = analyse.TypeOrganisation
			}
			country := m.country
			if typ == analyse.TypeCountry {
				country = strings.TrimPrefix(m.key, "country:")
			}
			ei = len(an.Entities)
			ents[m.key] = ei
			an.Entities = append(an.Entities, analyse.Entity{Key: m.key, Type: typ, Name: m.text, Country: country,
				Role: m.role, Salience: 0.5})
		}
		e := &an.Entities[ei]
		if m.role != "" && e.Role == "" {
			e.Role = m.role
		}
		if len(m.text) > len(e.Name) && e.Type == analyse.TypePerson {
			e.Name = m.text
		}
		e.Forms = append(e.Forms, m.text)
		e.Salience += 0.1
		kind := m.kind
		if kind == "" {
			kind = "name"
		}
		e.Mentions = append(e.Mentions, analyse.Mention{Text: m.text, Field: analyse.FieldBody, Start: m.start,
			End: m.end, Sentence: sentOf(m.start), Kind: kind})
	}
	art := ingest.Article{ID: id, Body: text, Lang: lang, Published: published}
	return art, an
}
