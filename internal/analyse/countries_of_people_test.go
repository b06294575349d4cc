package analyse

import (
	"context"
	"testing"

	"storyline/internal/ingest"
)

// TestPersonCountryFromQualifier checks that a person's country comes from what qualifies the
// person (a nationality, a country's possessive, an organisation), not from the dateline or
// another country of the sentence.
func TestPersonCountryFromQualifier(t *testing.T) {
	tests := []struct {
		name, lang, body, person, country string
	}{
		{"possessive country before a portfolio and a role", "en",
			"DOHA — Kuwait's Oil Minister Faisal Al-Rashidi told reporters that Qatar and Oman would join the pipeline.",
			"Faisal Al-Rashidi", "KWT"},
		{"possessive country before a deputy's portfolio and role", "en",
			"RIYADH — Saudi Arabia and Iraq signed the deal with Iraq's Deputy Water Minister Salim Haddad as Iran watched.",
			"Salim Haddad", "IRQ"},
		{"apposition: a role serving a body named by its country", "en",
			"ANKARA — Kemal Arslan, an adviser to the Iraqi planning ministry, said Turkey would help.",
			"Kemal Arslan", "IRQ"},
		{"organisation's spokesman has the organisation's country", "en",
			"CAIRO — A Hamas spokesman, Karim Mansour, said Israel and the United States bore the blame.",
			"Karim Mansour", "PSE"},
		{"an international body's envoy has no country", "en",
			"AMMAN — A UN envoy, Lorenzo Bianchi, said Jordan and Syria had agreed to talks.",
			"Lorenzo Bianchi", ""},
		{"nationality before the role", "en",
			"ANKARA — Iraqi Foreign Minister Fuad Hussein met officials as Saudi Arabia and Iran watched.",
			"Fuad Hussein", "IRQ"},
		{"ar spokesman of a movement", "ar",
			"القاهرة - قال المتحدث باسم حماس سامر العلي إن الولايات المتحدة تتحمل المسؤولية.",
			"سامر العلي", "PSE"},
		{"ar portfolio and nationality after the role", "ar",
			"بيروت - قال وزير الزراعة الليبي حيان الكوت إن مصر ستشتري القمح.",
			"حيان الكوت", "LBY"},
		{"ar apposed role at a company gets no guessed country", "ar",
			"بروكسل - فرض الاتحاد عقوبات على روسيا، وتشمل القائمة سامر الدباغ، مدير المبيعات في شركة \"نوفا تك\" للإلكترونيات، التي تورد قطعا إلى روسيا.",
			"سامر الدباغ", ""},
		{"ar spokesman of an international body", "ar",
			"عمان - قال المتحدث باسم الأمم المتحدة فرانك ليندبرغ إن سوريا ستستضيف المحادثات.",
			"فرانك ليندبرغ", ""},
	}
	a := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an, err := a.Analyse(context.Background(), ingest.Article{ID: tt.name, Body: tt.body, Lang: tt.lang})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range an.Entities {
				if e.Type == TypePerson && hasMention(&e, tt.person) {
					if e.Country != tt.country {
						t.Errorf("%s: country %q (%s), want %q", tt.person, e.Country, e.CountryFrom, tt.country)
					}
					return
				}
			}
			t.Errorf("no person %q; got %s", tt.person, describe(an))
		})
	}
}
