package langid

import (
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestDetect(t *testing.T) {
	long := strings.Repeat("The foreign ministers of Jordan and Russia met in Moscow on Tuesday to discuss the war in Syria and the return of refugees. ", 50000) // ~6 MB
	tests := []struct {
		name    string
		text    string
		want    string
		minConf float64 // for a language, the least confidence expected
	}{
		{"empty", "", Und, 0},
		{"spaces", " \t\n  ", Und, 0},
		{"digits only", "2021-02-17 12:30 1,300,000", Und, 0},
		{"punctuation", "!!! ... ??? — «»  ()", Und, 0},
		{"one letter", "a", Und, 0},
		{"symbols and emoji", "€ $ % 🙂🙂 ★", Und, 0},
		{"invalid UTF-8", "\xff\xfe\xfd\x80\x80", Und, 0},
		{"invalid UTF-8 inside English", "The minister said \xff\xfe that the talks \x80 would continue next week in Amman", "en", 0.5},
		{"bidi controls in Arabic", "\u202bالتقى وزير الخارجية الروسي نظيره الأردني في موسكو\u202c", "ar", 0.5},
		{"bidi marks between words", "\u200fقال\u200f الوزير \u200fإن\u200f المحادثات كانت \u200fمثمرة", "ar", 0.5},
		{"English sentence", "The government said on Monday that it would raise taxes on fuel from next month.", "en", 0.7},
		{"Arabic sentence", "قالت الحكومة يوم الاثنين إنها سترفع الضرائب على الوقود اعتبارا من الشهر المقبل", "ar", 0.7},
		{"French sentence", "Le gouvernement a annoncé lundi qu'il augmenterait les taxes sur le carburant dès le mois prochain.", "fr", 0.7},
		{"German sentence", "Die Regierung kündigte am Montag an, die Steuern auf Kraftstoff ab dem nächsten Monat zu erhöhen.", "de", 0.7},
		{"Spanish sentence", "El Gobierno anunció el lunes que subirá los impuestos sobre el combustible a partir del próximo mes.", "es", 0.7},
		{"Russian sentence", "Правительство в понедельник объявило, что со следующего месяца повысит налоги на топливо.", "ru", 0.7},
		{"Turkish sentence", "Hükümet pazartesi günü akaryakıt vergilerini önümüzdeki aydan itibaren artıracağını açıkladı.", "tr", 0.7},
		{"Persian sentence", "دولت روز دوشنبه اعلام کرد که از ماه آینده مالیات بر سوخت را افزایش می\u200cدهد.", "fa", 0.5},
		{"Persian typed with Arabic yeh and kaf", "دولت روز دوشنبه اعلام كرد كه از ماه آينده ماليات بر سوخت را افزايش مي دهد و اين تصميم براي همه است.", "fa", 0.3},
		{"Urdu sentence", "حکومت نے پیر کے روز اعلان کیا کہ اگلے مہینے سے ایندھن پر ٹیکس بڑھا دیا جائے گا۔", "ur", 0.5},
		{"Pashto is not Arabic", "حکومت د دوشنبې په ورځ اعلان وکړ چې له راتلونکې میاشتې به د تیلو مالیه زیاته کړي.", Und, 0},
		{"Sorani Kurdish is not Arabic", "حکومەت ڕۆژی دووشەممە ڕایگەیاند کە لە مانگی داهاتووەوە باج لەسەر سووتەمەنی زیاد دەکات.", Und, 0},
		{"Ukrainian sentence", "Уряд у понеділок оголосив, що з наступного місяця підвищить податки на пальне.", "uk", 0.5},
		{"Bulgarian is not Russian", "Правителството обяви в понеделник, че от следващия месец ще повиши данъците върху горивата.", Und, 0},
		{"Serbian is not Russian", "Влада је у понедељак саопштила да ће од наредног месеца повећати порезе на гориво.", Und, 0},
		{"Polish is not supported", "Rząd ogłosił w poniedziałek, że od przyszłego miesiąca podniesie podatki na paliwo.", Und, 0},
		{"Swedish is not supported", "Regeringen meddelade på måndagen att den kommer att höja skatten på bränsle från och med nästa månad.", Und, 0},
		{"Hebrew", "הממשלה הודיעה ביום שני כי תעלה את המסים על הדלק החל מהחודש הבא", "he", 0.8},
		{"Yiddish is not Hebrew", "די רעגירונג האָט מאָנטיק געזאָגט אַז זי װעט העכערן די שטײַערן אױף ברענשטאָף", Und, 0},
		{"Chinese", "政府周一宣布将从下个月起提高燃油税", "zh", 0.8},
		{"Japanese", "政府は月曜日、来月から燃料税を引き上げると発表した", "ja", 0.8},
		{"Greek is not supported", "Η κυβέρνηση ανακοίνωσε τη Δευτέρα ότι θα αυξήσει τους φόρους στα καύσιμα", Und, 0},
		{"Korean is not supported", "정부는 월요일 다음 달부터 연료세를 인상한다고 발표했다", Und, 0},
		{"mixed scripts, no winner", "Lavrov لافروف Moscow موسكو Amman عمان Safadi الصفدي", Und, 0},
		{"English with an Arabic name", "Jordan's foreign minister Ayman Safadi (أيمن الصفدي) met Sergei Lavrov in Moscow on Tuesday to discuss the ceasefire.", "en", 0.4},
		{"Arabic with Latin acronyms", "قررت منظمة أوبك OPEC خفض الإنتاج بمقدار مليون برميل يوميا اعتبارا من الشهر المقبل", "ar", 0.5},
		{"upper case English", "PRIME MINISTER RESIGNS AFTER LOSING CONFIDENCE VOTE IN THE PARLIAMENT", "en", 0.3},
		{"very long text", long, "en", 0.8},
		{"diacritics as combining marks", "Le gouvernement a annonce\u0301 lundi qu'il augmenterait les taxes", "fr", 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.text)
			if got.Lang != tt.want {
				t.Fatalf("Detect(%.60q) = %+v, want %s", tt.text, got, tt.want)
			}
			if got.Confidence < 0 || got.Confidence > 1 || math.IsNaN(got.Confidence) {
				t.Fatalf("confidence %v outside [0,1]", got.Confidence)
			}
			if tt.want == Und && got.Confidence != 0 {
				t.Errorf("und with confidence %v, want 0", got.Confidence)
			}
			if got.Confidence < tt.minConf {
				t.Errorf("confidence %v, want ≥ %v", got.Confidence, tt.minConf)
			}
		})
	}
}

func TestSupported(t *testing.T) {
	got := Supported()
	for _, must := range []string{"en", "ar", "fr", "de", "es", "ru", "tr", "it", "pt", "nl", "fa", "ur", "he", "zh", "ja", "uk"} {
		if !slices.Contains(got, must) {
			t.Errorf("Supported() lacks %s", must)
		}
		if !IsSupported(must) {
			t.Errorf("IsSupported(%q) = false", must)
		}
	}
	for _, not := range []string{"und", "", "pl", "bg", "xx"} {
		if slices.Contains(got, not) || IsSupported(not) {
			t.Errorf("%q reported as supported", not)
		}
	}
	got[0] = "changed"
	if Supported()[0] == "changed" {
		t.Error("Supported returns shared state")
	}
}

// TestModel checks the embedded lists: they parse, and every word is lower case.
func TestModel(t *testing.T) {
	for name, src := range map[string]string{"words.tsv": wordsTSV, "suffixes.tsv": suffixesTSV} {
		lists, _, err := parseWords(src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for code, ws := range lists {
			for _, w := range ws {
				if strings.ToLower(w) != w {
					t.Errorf("%s: %s word %q is not lower case", name, code, w)
				}
			}
		}
	}
	if _, err := buildModel("en\tthe\nen\ta\n", ""); err == nil {
		t.Error("a language listed twice was accepted")
	}
	if _, err := buildModel("zz\tword\n", ""); err == nil {
		t.Error("an unknown language was accepted")
	}
	if _, err := buildModel("en the\n", ""); err == nil {
		t.Error("a line without a tab was accepted")
	}
}

// TestSampleWindows checks that long text is read in bounded windows that cover its start,
// middle and end.
func TestSampleWindows(t *testing.T) {
	text := strings.Repeat("alpha ", 2000) + strings.Repeat("beta ", 2000) + strings.Repeat("gamma ", 2000)
	var total int
	var seen []string
	forEachWindow(text, func(w string) {
		total += len(w)
		seen = append(seen, strings.Fields(w)[0])
	})
	if total > maxSample {
		t.Errorf("read %d bytes, want ≤ %d", total, maxSample)
	}
	for _, want := range []string{"alpha", "beta", "gamma"} {
		if !slices.Contains(seen, want) {
			t.Errorf("windows %v miss %q", seen, want)
		}
	}
	// A multi-byte text must be cut on rune boundaries.
	ar := strings.Repeat("الوزير ", 3000)
	forEachWindow(ar, func(w string) {
		if strings.ContainsRune(w, '\uFFFD') {
			t.Errorf("window cut inside a rune")
		}
	})
}

// TestConcurrent runs Detect from many goroutines; go test -race checks it shares no state.
func TestConcurrent(t *testing.T) {
	texts := []string{"The talks collapsed on Monday", "انهارت المحادثات يوم الاثنين", "Die Gespräche sind gescheitert", "Переговоры сорваны в понедельник"}
	want := make([]Result, len(texts))
	for i, s := range texts {
		want[i] = Detect(s)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				k := (g + i) % len(texts)
				if got := Detect(texts[k]); got != want[k] {
					t.Errorf("Detect(%q) = %+v concurrently, %+v alone", texts[k], got, want[k])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func FuzzDetect(f *testing.F) {
	for _, s := range []string{"", "The minister said", "قال الوزير", "Министр сказал", "Bakan açıkladı", "\xff\xfe", "l'Assemblée a voté", "Ankara'da", "\u202bنص\u202c", "日本語の文", strings.Repeat("ab ", 3000)} {
		f.Add(s)
	}
	supported := Supported()
	f.Fuzz(func(t *testing.T, s string) {
		r := Detect(s)
		if r.Confidence < 0 || r.Confidence > 1 || math.IsNaN(r.Confidence) {
			t.Fatalf("Detect(%q): confidence %v outside [0,1]", s, r.Confidence)
		}
		if r.Lang != Und && !slices.Contains(supported, r.Lang) {
			t.Fatalf("Detect(%q): language %q not in Supported()", s, r.Lang)
		}
		if r.Lang == Und && r.Confidence != 0 {
			t.Fatalf("Detect(%q): und with confidence %v", s, r.Confidence)
		}
	})
}
