package events

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"storyline/internal/analyse"
	"storyline/internal/ingest"
)

// dump describes the extractor's view of an article: tokens with cue classes, arguments and
// triggers per sentence (for debugging tests; EVENTS_DEBUG=1 prints it on failure).
func dump(x *Extractor, art ingest.Article, an analyse.Analysis) string {
	st := &state{x: x, art: &art, an: &an, lang: art.Lang}
	st.buildSentences()
	for i := range an.Entities {
		if an.Entities[i].Type == analyse.TypePerson {
			st.persons = append(st.persons, i)
		}
	}
	st.placeMentions()
	var b strings.Builder
	for i := range st.sents {
		st.prepare(i)
		s := &st.sents[i]
		fmt.Fprintf(&b, "S%d [%s] modes=%v caption=%v\n", s.idx, s.lang, s.modes, s.caption)
		for k, t := range s.toks {
			var cls []string
			for _, c := range cueClasses {
				if t.is(c) {
					cls = append(cls, c)
				}
			}
			fmt.Fprintf(&b, "  %d %q %v %v arg=%d conj=%v\n", k, s.text[t.start:t.end], t.forms, cls, t.arg, t.conj)
		}
		for ai, a := range s.args {
			fmt.Fprintf(&b, "  ARG%d [%d,%d) %s kind=%s prep=%s poss=%v place=%v coord=%v group=%d %q\n", ai, a.t0, a.t1, a.ref.Key, a.kind, a.prep, a.poss, a.place, a.coord, a.group, a.mention)
		}
		for _, m := range selectTriggers(s) {
			e := s.dict.entries[m.entry]
			fmt.Fprintf(&b, "  TRIG %s/%s [%d,%d) %q\n", e.class, e.dir, m.start, m.end, s.tokText(m.start, m.end))
		}
	}
	return b.String()
}

// TestDump runs the debugging view over every test case (set EVENTS_DEBUG to a case name to
// print one) and checks that it shows the arguments and triggers the extraction works from.
func TestDump(t *testing.T) {
	only := os.Getenv("EVENTS_DEBUG")
	for _, tc := range append(append(append(append([]extractCase{}, englishCases...), arabicCases...), generalEnglishCases...), generalArabicCases...) {
		lang := tc.lang
		if lang == "" {
			lang = "en"
		}
		art, an := annotated(t, "t1", lang, tc.published, tc.text)
		out := dump(NewExtractor(), art, an)
		if len(an.Entities) > 0 && !strings.Contains(out, "ARG") {
			t.Errorf("%s: the dump shows no arguments:\n%s", tc.name, out)
		}
		if only != "" && strings.Contains(tc.name, only) {
			t.Log(tc.name + "\n" + out)
		}
	}
}
