package analyse

import (
	"context"
	"testing"

	"storyline/internal/ingest"
)

// TestAmmanOrOman checks that عمان is read by its context: Amman in a dateline, after a word for
// a city or capital and among Jordanian entities; Oman after a word for a state and among Omani
// ones.
func TestAmmanOrOman(t *testing.T) {
	tests := []struct {
		name, body, dateline, want string
	}{
		{"dateline is a city", "عمان - قال وزير الخارجية العماني إن مسقط ترحب بالمبادرة.", "عمان", "city:amman"},
		{"after a word for a city", "الرياض - جال الوفد في مدينة عمان القديمة.", "", "city:amman"},
		{"after the Jordanian capital", "بيروت - احتضنت العاصمة الأردنية عمان مؤتمرا للمانحين.", "", "city:amman"},
		{"after a word for a state", "عمان - أعلنت سلطنة عمان دعمها للاتفاق.", "", "country:OMN"},
		{"among Jordanian entities", "القاهرة - يزور الملك عبدالله الثاني عمان بعد جولة في الأردن.", "", "city:amman"},
		{"among Omani entities", "القاهرة - استقبل السلطان هيثم بن طارق في عمان وفدا من الخليج، وأكدت مسقط دعمها.", "", "country:OMN"},
	}
	a := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an, err := a.Analyse(context.Background(), ingest.Article{ID: tt.name, Body: tt.body, Lang: "ar", Dateline: tt.dateline})
			if err != nil {
				t.Fatal(err)
			}
			for i := range an.Entities {
				e := &an.Entities[i]
				for _, m := range e.Mentions {
					if m.Text == "عمان" {
						if e.Key != tt.want {
							t.Errorf("عمان is %s, want %s", e.Key, tt.want)
						}
						return
					}
				}
			}
			t.Errorf("عمان not found; got %s", describe(an))
		})
	}
}

// TestListedPlaces checks places named after a place noun and "of", and the items of a list
// that follow such a place.
func TestListedPlaces(t *testing.T) {
	runEntityCases(t, []entityCase{
		{name: "provinces of two places", lang: "en",
			body: "Rains flooded the provinces of Zarqun and Belmira, officials said.",
			want: [][2]string{{"place", "Zarqun"}, {"place", "Belmira"}}},
		{name: "villages in a list with commas", lang: "en",
			body: "Shelling hit the villages of Kafr Anbel, Marzaya and Dovrek overnight.",
			want: [][2]string{{"place", "Kafr Anbel"}, {"place", "Marzaya"}, {"place", "Dovrek"}}},
		{name: "a person after a place is no place", lang: "en",
			body: "The town of Dovrek welcomed Ahmed Saleh and his family.",
			want: [][2]string{{"place", "Dovrek"}, {"person", "Ahmed Saleh"}}},
	})
}

// TestPlacesByPosition checks names placed on the map by what follows them: "in northern
// <country>", ", south of <place>".
func TestPlacesByPosition(t *testing.T) {
	runEntityCases(t, []entityCase{
		{name: "in a region of a country", lang: "en",
			body: "The pipeline runs from Qurnah in southern Iraq to the coast.",
			want: [][2]string{{"place", "Qurnah"}}},
		{name: "compass of a city", lang: "en",
			body: "Fighting reached Dovrek, west of Aleppo, on Sunday.",
			want: [][2]string{{"place", "Dovrek"}}},
		{name: "a person in a region is no place", lang: "en",
			body: "Mohammed Saleh in northern Syria told reporters the road was cut.",
			want: [][2]string{{"person", "Mohammed Saleh"}}},
	})
}
