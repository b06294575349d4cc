package analyse

import (
	"context"
	"math/rand"
	"testing"

	"storyline/internal/ingest"
)

// pref builds a person ref as an analysis would give it.
func pref(article, key, name, nameAr, given, family, country, role, mention string) EntityRef {
	return EntityRef{ArticleID: article, Lang: langOf(mention), Entity: Entity{
		Key: key, Type: TypePerson, Name: name, NameAr: nameAr, Given: given, Family: family,
		Country: country, Role: role, Forms: []string{mention}, Mentions: []Mention{{Text: mention, Kind: "name"}},
	}}
}

func langOf(s string) string {
	if isArabicText(s) {
		return "ar"
	}
	return "en"
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name string
		refs []EntityRef
		// same lists groups of ref indices that must share an id; apart pairs that must not.
		same  [][]int
		apart [][2]int
		ids   map[int]string
	}{
		{
			name: "Latin spellings and given-name variants",
			refs: []EntityRef{
				pref("a", "person:nikolai-petrov", "Nikolai Petrov", "", "Nikolai", "Petrov", "RUS", "envoy", "Nikolai Petrov"),
				pref("b", "person:nikolay-petrov", "Nikolay Petrov", "", "Nikolay", "Petrov", "", "envoy", "Nikolay Petrov"),
				pref("c", "person:nikolai-petrov", "Nikolai Petrov", "", "Nikolai", "Petrov", "RUS", "", "Nikolai Petrov"),
			},
			same: [][]int{{0, 1, 2}},
			ids:  map[int]string{0: "person:nikolai-petrov"},
		},
		{
			name: "across scripts",
			refs: []EntityRef{
				pref("a", "person:tarek-fathallah", "Tarek Fathallah", "", "Tarek", "Fathallah", "EGY", "foreign minister", "Tarek Fathallah"),
				pref("b", "person:tarq-fth-allah", "Tarq Fthallah", "طارق فتح الله", "طارق", "فتحالله", "EGY", "foreign minister", "طارق فتح الله"),
				pref("c", "person:fathallah", "Fathallah", "", "", "Fathallah", "EGY", "", "Fathallah"),
			},
			same: [][]int{{0, 1, 2}},
			ids:  map[int]string{1: "person:tarek-fathallah"},
		},
		{
			name: "the same role and country make two spellings one person",
			refs: []EntityRef{
				pref("a", "person:omar-haddad", "Omar Haddad", "", "Omar", "Haddad", "LBN", "foreign minister", "Omar Haddad"),
				pref("b", "person:omar-haddad", "Omar Haddad", "", "Omar", "Haddad", "LBN", "foreign minister", "Omar Haddad"),
				pref("c", "person:khalil-haddad", "Khalil Haddad", "", "Khalil", "Haddad", "LBN", "foreign minister", "Khalil Haddad"),
			},
			same: [][]int{{0, 1, 2}},
			ids:  map[int]string{2: "person:omar-haddad"},
		},
		{
			name: "two people sharing a surname with different countries stay apart",
			refs: []EntityRef{
				pref("a", "person:omar-haddad", "Omar Haddad", "", "Omar", "Haddad", "LBN", "foreign minister", "Omar Haddad"),
				pref("b", "person:khalil-haddad", "Khalil Haddad", "", "Khalil", "Haddad", "JOR", "foreign minister", "Khalil Haddad"),
				pref("c", "person:haddad", "Haddad", "", "", "Haddad", "JOR", "foreign minister", "Haddad"),
				pref("d", "person:haddad", "Haddad", "", "", "Haddad", "", "", "Haddad"),
			},
			same:  [][]int{{1, 2}},
			apart: [][2]int{{0, 1}, {0, 2}, {0, 3}, {1, 3}},
		},
		{
			name: "different given names without shared role and country stay apart",
			refs: []EntityRef{
				pref("a", "person:john-smith", "John Smith", "", "John", "Smith", "GBR", "", "John Smith"),
				pref("b", "person:peter-smith", "Peter Smith", "", "Peter", "Smith", "GBR", "", "Peter Smith"),
			},
			apart: [][2]int{{0, 1}},
		},
		{
			name: "a surname joins the one compatible person",
			refs: []EntityRef{
				pref("a", "person:layla-mansour", "Layla Mansour", "", "Layla", "Mansour", "TUN", "prime minister", "Layla Mansour"),
				pref("b", "person:mansour", "Mansour", "", "", "Mansour", "", "", "Mansour"),
				pref("c", "person:mansour", "Mansour", "منصور", "", "منصور", "", "", "منصور"),
			},
			same: [][]int{{0, 1, 2}},
		},
		{
			name: "royals by given name and regnal number",
			refs: []EntityRef{
				pref("a", "person:abdullah-ii", "Abdullah II", "عبدالله الثاني", "Abdullah II", "", "JOR", "king", "King Abdullah II"),
				pref("b", "person:abdullah-ii", "Abdullah II", "عبدالله الثاني", "عبدالله الثاني", "", "JOR", "king", "الملك عبدالله الثاني"),
				pref("c", "person:idris-iv", "Idris IV", "", "Idris IV", "", "MAR", "king", "King Idris IV"),
			},
			same:  [][]int{{0, 1}},
			apart: [][2]int{{0, 2}},
		},
		{
			name: "places and organisations keep their keys",
			refs: []EntityRef{
				{ArticleID: "a", Entity: Entity{Key: "country:JOR", Type: TypeCountry}},
				{ArticleID: "b", Entity: Entity{Key: "org:un", Type: TypeOrganisation}},
			},
			ids: map[int]string{0: "country:JOR", 1: "org:un"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ids := Resolve(tc.refs, nil)
			if len(ids) != len(tc.refs) {
				t.Fatalf("%d ids for %d refs", len(ids), len(tc.refs))
			}
			for _, g := range tc.same {
				for _, i := range g[1:] {
					if ids[i] != ids[g[0]] {
						t.Errorf("ref %d is %s, ref %d is %s: want one id", i, ids[i], g[0], ids[g[0]])
					}
				}
			}
			for _, p := range tc.apart {
				if ids[p[0]] == ids[p[1]] {
					t.Errorf("refs %d and %d share %s: want apart", p[0], p[1], ids[p[0]])
				}
			}
			for i, want := range tc.ids {
				if ids[i] != want {
					t.Errorf("ref %d: id %s, want %s", i, ids[i], want)
				}
			}
			checkOrderIndependent(t, tc.refs, ids)
		})
	}
}

// checkOrderIndependent shuffles refs and checks every ref keeps its id.
func checkOrderIndependent(t *testing.T, refs []EntityRef, ids []string) {
	t.Helper()
	r := rand.New(rand.NewSource(7))
	for round := 0; round < 20; round++ {
		perm := r.Perm(len(refs))
		shuffled := make([]EntityRef, len(refs))
		for i, p := range perm {
			shuffled[i] = refs[p]
		}
		got := Resolve(shuffled, nil)
		for i, p := range perm {
			if got[i] != ids[p] {
				t.Fatalf("round %d: ref %d got %s after shuffling, %s before", round, p, got[i], ids[p])
			}
		}
	}
}

// TestResolveAnalysed resolves the people of analysed articles in two scripts.
func TestResolveAnalysed(t *testing.T) {
	a := New(Options{})
	arts := []ingest.Article{
		{ID: "en1", Lang: "en", Body: "Kenyan Foreign Minister Amina Wanjiru met Egyptian Foreign Minister Tarek Fathallah in Nairobi. Wanjiru said talks went well."},
		{ID: "en2", Lang: "en", Body: "Fathallah, Egypt's foreign minister, arrived in Cairo. Amina Wanjiru was not there."},
		{ID: "ar1", Lang: "ar", Body: "التقى وزير الخارجية المصري طارق فتح الله نظيرته الكينية أمينة وانجيرو في نيروبي. وقال فتح الله إن المحادثات مثمرة."},
		{ID: "en3", Lang: "en", Body: "Russian Foreign Minister Sergei Lavrov met Jordanian Foreign Minister Ayman Safadi."},
		{ID: "ar2", Lang: "ar", Body: "بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره الأردني أيمن الصفدي العلاقات الثنائية."},
	}
	var refs []EntityRef
	for _, art := range arts {
		an, err := a.Analyse(context.Background(), art)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range an.Entities {
			refs = append(refs, EntityRef{ArticleID: art.ID, Entity: e, Lang: an.Lang})
		}
	}
	ids := Resolve(refs, nil)
	idOf := func(article, mention string) string {
		for i, r := range refs {
			if r.ArticleID == article && hasMention(&r.Entity, mention) {
				return ids[i]
			}
		}
		t.Errorf("%s: no entity with mention %q", article, mention)
		return ""
	}
	fath := idOf("en1", "Tarek Fathallah")
	if got := idOf("en2", "Fathallah"); got != fath {
		t.Errorf("en2 Fathallah is %s, en1 Tarek Fathallah %s", got, fath)
	}
	if got := idOf("ar1", "طارق فتح الله"); got != fath {
		t.Errorf("ar1 طارق فتح الله is %s, en1 Tarek Fathallah %s", got, fath)
	}
	if got := idOf("en2", "Amina Wanjiru"); got != idOf("en1", "Amina Wanjiru") {
		t.Errorf("Wanjiru split: %s", got)
	}
	if got, want := idOf("ar2", "سيرغي لافروف"), idOf("en3", "Sergei Lavrov"); got != want || got != "person:sergey-lavrov" {
		t.Errorf("Lavrov: ar %s, en %s", got, want)
	}
	if got, want := idOf("ar2", "أيمن الصفدي"), idOf("en3", "Ayman Safadi"); got != want {
		t.Errorf("Safadi: ar %s, en %s", got, want)
	}
	checkOrderIndependent(t, refs, ids)
}
