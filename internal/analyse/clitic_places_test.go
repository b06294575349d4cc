package analyse

import (
	"bufio"
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"storyline/internal/analyse/gazetteer"
	"storyline/internal/analyse/lang/ar"
)

// TestCliticPrefixedPlaces checks every one-word Arabic form of every country and place of the
// gazetteer behind each proclitic (ب ل ك و ف, ل before the article written لل, and و before ل):
// one of the word's lookup forms must find the entry (للبنان is Lebanon, لليمن Yemen).
func TestCliticPrefixedPlaces(t *testing.T) {
	g := gazetteer.Default()
	ids := map[string]bool{}
	for _, file := range []string{"countries.tsv", "places.tsv"} {
		b, err := fs.ReadFile(gazetteer.Data(), file)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		for sc.Scan() {
			l := sc.Text()
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			id := strings.SplitN(l, "\t", 2)[0]
			if file == "countries.tsv" {
				id = "country:" + id
			}
			ids[id] = true
		}
	}
	if len(ids) < 200 {
		t.Fatalf("read %d ids from the gazetteer's data, want more", len(ids))
	}
	checked := 0
	for id := range ids {
		for _, form := range g.Forms(id) {
			r, _ := utf8.DecodeRuneInString(form)
			if r < 0x600 || r > 0x6FF || strings.ContainsAny(form, " -") {
				continue
			}
			var words []string
			if rest, ok := strings.CutPrefix(form, "ال"); ok {
				words = []string{"ب" + form, "و" + form, "ف" + form, "ك" + form, "لل" + rest, "ولل" + rest}
			} else {
				words = []string{"ب" + form, "ل" + form, "و" + form, "ف" + form, "ك" + form, "ول" + form, "وب" + form}
			}
			for _, w := range words {
				checked++
				if !lookupFinds(g, w, id) {
					t.Errorf("%s (%s) is not found as %s", form, id, w)
				}
			}
		}
	}
	if checked < 500 {
		t.Fatalf("checked only %d prefixed forms", checked)
	}
}

// lookupFinds reports whether a lookup form of word finds the entry id.
func lookupFinds(g *gazetteer.Gazetteer, word, id string) bool {
	for _, c := range ar.Candidates(word) {
		for _, e := range g.Lookup(c) {
			if e.ID == id {
				return true
			}
		}
	}
	return false
}
