package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusEvent is one happening of the test corpus, reported by several articles.
type corpusEvent struct {
	date, city, dateline string
	// leads are alternative first sentences; facts are sentences each report includes in a
	// different order; titles are alternative headlines.
	titles, leads, facts []string
}

// testCorpus is a small news corpus written for these tests (not taken from any publication):
// five events — two meetings of the Russian and Jordanian foreign ministers a year apart, an
// unrelated trade dispute, a flood and a central bank decision — each reported by four articles
// worded differently. The events are far apart in actors, places, dates and vocabulary, so that
// their clustering does not depend on the order the articles arrive in; the tests check that
// before relying on it.
var testCorpus = []corpusEvent{
	{
		date: "2021-03-10", city: "Moscow", dateline: "MOSCOW",
		titles: []string{"Lavrov and Safadi discuss Syria in Moscow", "Russian and Jordanian foreign ministers meet in Moscow",
			"Safadi visits Moscow for talks with Lavrov", "Lavrov hosts Jordan's Safadi"},
		leads: []string{"Russian Foreign Minister Sergey Lavrov met Jordanian Foreign Minister Ayman Safadi in Moscow on Wednesday.",
			"Jordanian Foreign Minister Ayman Safadi held talks with Russian Foreign Minister Sergey Lavrov in Moscow on Wednesday.",
			"Sergey Lavrov received Ayman Safadi in Moscow on Wednesday for talks on the Syrian crisis.",
			"The foreign ministers of Russia and Jordan, Sergey Lavrov and Ayman Safadi, met in Moscow on Wednesday."},
		facts: []string{"The two ministers discussed a political settlement of the Syrian crisis and the return of refugees.",
			"Lavrov said Russia and Jordan share the aim of stability in southern Syria.",
			"Safadi stressed the importance of humanitarian aid reaching Syrians across the country.",
			"The ministers also reviewed bilateral trade and cooperation between Moscow and Amman."},
	},
	{
		date: "2022-09-14", city: "Amman", dateline: "AMMAN",
		titles: []string{"Safadi receives Lavrov in Amman", "Lavrov in Amman for talks with Safadi",
			"Jordan and Russia review Syria at Amman meeting", "Russian foreign minister visits Jordan"},
		leads: []string{"Jordanian Foreign Minister Ayman Safadi received Russian Foreign Minister Sergey Lavrov in Amman on Wednesday.",
			"Russian Foreign Minister Sergey Lavrov arrived in Amman on Wednesday for talks with Ayman Safadi.",
			"Ayman Safadi and Sergey Lavrov met in Amman on Wednesday, a year and a half after their Moscow talks.",
			"Sergey Lavrov visited Jordan on Wednesday and met Foreign Minister Ayman Safadi in Amman."},
		facts: []string{"They discussed the situation in southern Syria and the fight against drug smuggling across the border.",
			"Safadi said Jordan counts on Russia to help keep the south of Syria calm.",
			"Lavrov praised the role of Jordan in hosting Syrian refugees.",
			"The two ministers agreed to keep in close contact on regional crises."},
	},
	{
		date: "2023-06-19", city: "Geneva", dateline: "GENEVA",
		titles: []string{"EU files WTO complaint over steel tariffs", "Steel tariff dispute reaches the WTO",
			"Brussels takes steel duties to World Trade Organization", "EU challenges steel duties at WTO"},
		leads: []string{"The European Union filed a complaint at the World Trade Organization in Geneva on Monday over tariffs on steel and aluminium.",
			"Brussels took its dispute over steel and aluminium duties to the World Trade Organization on Monday.",
			"The European Commission asked the World Trade Organization on Monday to rule on duties imposed on European steel.",
			"A trade dispute over steel and aluminium tariffs reached the World Trade Organization in Geneva on Monday."},
		facts: []string{"Trade Commissioner Valdis Dombrovskis said the tariffs breach global trade rules.",
			"European steel makers say the duties have cut their exports by a third.",
			"The complaint opens a sixty-day period of consultations before a panel can be formed.",
			"Economists warned that retaliatory tariffs could follow if talks fail."},
	},
	{
		date: "2022-08-29", city: "Karachi", dateline: "KARACHI",
		titles: []string{"Floods in Pakistan leave millions homeless", "Pakistan appeals for aid as floods spread",
			"Monsoon floods submerge a third of Pakistan", "Pakistan flood toll rises above a thousand"},
		leads: []string{"Monsoon floods have left millions of people homeless across Pakistan, officials said in Karachi on Monday.",
			"Pakistan appealed for international aid on Monday as floodwaters spread across the south of the country.",
			"Record monsoon rains have submerged large parts of Pakistan, the disaster management authority said on Monday.",
			"More than a thousand people have died in floods in Pakistan since June, officials said on Monday."},
		facts: []string{"The flooding has destroyed crops, livestock and roads in Sindh and Balochistan provinces.",
			"Relief agencies are distributing tents, food and clean water to families in camps.",
			"The United Nations said it would launch an emergency appeal for flood relief.",
			"Meteorologists said the rainfall was several times the seasonal average."},
	},
	{
		date: "2021-05-05", city: "Brasilia", dateline: "BRASILIA",
		titles: []string{"Brazil's central bank raises interest rate to 3.5%", "Brazil lifts Selic rate again to fight inflation",
			"Central bank of Brazil hikes benchmark rate", "Brazil raises rates for second time this year"},
		leads: []string{"Brazil's central bank, led by Roberto Campos Neto, raised its benchmark Selic interest rate to 3.5% in Brasilia on Wednesday.",
			"The central bank of Brazil under governor Roberto Campos Neto lifted its Selic interest rate to 3.5% in Brasilia on Wednesday.",
			"Roberto Campos Neto's central bank raised Brazil's Selic interest rate to 3.5% in Brasilia on Wednesday, the second rise this year.",
			"Brazil's central bank governor Roberto Campos Neto and his committee raised the Selic interest rate to 3.5% in Brasilia on Wednesday."},
		facts: []string{"Consumer prices in Brazil rose more than six percent over the past twelve months, above the inflation target.",
			"The central bank signalled another increase of the Selic rate at its next meeting.",
			"Analysts said the weaker Brazilian real and higher fuel prices pushed inflation up.",
			"Campos Neto said the central bank would do what it takes to bring inflation back to target."},
	},
}

// corpusFile is one article file of the test corpus.
type corpusFile struct {
	name, text string
	event      int
}

// corpusFiles returns the articles of the test corpus: four per event, each with its own
// headline, lead and order of facts.
func corpusFiles() []corpusFile {
	var out []corpusFile
	for e, ev := range testCorpus {
		for k := 0; k < 4; k++ {
			var body strings.Builder
			fmt.Fprintf(&body, "%s — %s", ev.dateline, ev.leads[k])
			for j := range ev.facts {
				body.WriteString(" ")
				body.WriteString(ev.facts[(j+k)%len(ev.facts)])
			}
			text := fmt.Sprintf("date %s\n%s\n\n%s\n", ev.date, ev.titles[k], body.String())
			out = append(out, corpusFile{name: fmt.Sprintf("e%d-a%d.txt", e, k), text: text, event: e})
		}
	}
	return out
}

// writeCorpus writes the corpus files into dir and returns their paths.
func writeCorpus(t testing.TB, dir string) []string {
	t.Helper()
	var paths []string
	for _, f := range corpusFiles() {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, []byte(f.text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}
