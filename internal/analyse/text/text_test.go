package text

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWordTokenizer(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Lavrov met Safadi in Moscow.", []string{"Lavrov", "met", "Safadi", "in", "Moscow"}},
		{"Russia's foreign minister", []string{"Russia's", "foreign", "minister"}},
		{"Russia’s talks with O'Brien", []string{"Russia’s", "talks", "with", "O'Brien"}},
		{"the al-Nusra Front and the US-led coalition", []string{"the", "al-Nusra", "Front", "and", "the", "US-led", "coalition"}},
		{"OPEC+ agreed; C++ too", []string{"OPEC+", "agreed", "C++", "too"}},
		{"H.M King Abdullah", []string{"H.M", "King", "Abdullah"}},
		{"in the U.S. and the U.N.", []string{"in", "the", "U.S.", "and", "the", "U.N."}},
		{"J. K. Rowling", []string{"J", "K", "Rowling"}},
		{"Mr. Lavrov", []string{"Mr", "Lavrov"}},
		{"3.5 per cent of 1,000 in 2017-2022", []string{"3.5", "per", "cent", "of", "1,000", "in", "2017", "2022"}},
		{"COVID-19 and AT&T", []string{"COVID-19", "and", "AT&T"}},
		{"'quoted' -dash- end.", []string{"quoted", "dash", "end"}},
		{"أيمن الصفدي، وزير الخارجية؟", []string{"أيمن", "الصفدي", "وزير", "الخارجية"}},
		{"مُحَمَّد والـــعربية", []string{"مُحَمَّد", "والـــعربية"}},
		{"لا\u200fفروف \u202eabc\u202c", []string{"لا\u200fفروف", "abc"}},
		{"١٩٦٧ حزيران", []string{"١٩٦٧", "حزيران"}},
		{"e\u0301te\u0301", []string{"e\u0301te\u0301"}},
		{"", nil},
		{"  ...  ", nil},
	}
	for _, tt := range tests {
		got := Terms(WordTokenizer{}.Tokenize(tt.in))
		if len(got) == 0 && len(tt.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenOffsetsAndPositions(t *testing.T) {
	in := "Lavrov — لافروف, Russia's"
	toks := WordTokenizer{}.Tokenize(in)
	for i, tok := range toks {
		if in[tok.Start:tok.End] != tok.Term {
			t.Errorf("token %d: input[%d:%d] = %q, term %q", i, tok.Start, tok.End, in[tok.Start:tok.End], tok.Term)
		}
		if tok.Position != i {
			t.Errorf("token %d has position %d", i, tok.Position)
		}
	}
}

type upper struct{}

func (upper) Filter(ts []Token) []Token {
	for i := range ts {
		ts[i].Term = strings.ToUpper(ts[i].Term)
	}
	return ts
}

func TestChain(t *testing.T) {
	c := Chain{Tokenizer: WordTokenizer{}, Filters: []TokenFilter{LowerCase, StopFilter{"the": true}, upper{}}}
	got := c.Analyze("The Minister met the King")
	want := []Token{{"MINISTER", 4, 12, 1}, {"MET", 13, 16, 2}, {"KING", 21, 25, 4}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Analyze = %+v, want %+v", got, want)
	}
	drop := FilterFunc(func(s string) string {
		if s == "x" {
			return ""
		}
		return s
	})
	if got := Terms(drop.Filter(WordTokenizer{}.Tokenize("a x b"))); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("FilterFunc dropping x = %q", got)
	}
}

func TestParseWordList(t *testing.T) {
	got := ParseWordList("# comment\n the \n\nAnd\n", strings.ToLower)
	if !reflect.DeepEqual(got, map[string]bool{"the": true, "and": true}) {
		t.Errorf("ParseWordList = %v", got)
	}
}

func TestByteToRune(t *testing.T) {
	s := "aé لافروف\xffz"
	for off := -1; off <= len(s)+1; off++ {
		clamped := min(max(off, 0), len(s))
		// the number of whole characters in s[:off]
		want := 0
		for i := 0; i < clamped; {
			_, w := utf8.DecodeRuneInString(s[i:])
			if i+w > clamped {
				break
			}
			i += w
			want++
		}
		if got := ByteToRune(s, off); got != want {
			t.Errorf("ByteToRune(%d) = %d, want %d", off, got, want)
		}
	}
	if got, want := ByteToRune(s, len(s)), len([]rune(s)); got != want {
		t.Errorf("ByteToRune(len) = %d, want len([]rune) = %d", got, want)
	}
	c := NewOffsetConverter(s)
	for _, off := range []int{0, 1, 3, 4, 10, 2, len(s), 5} {
		if got, want := c.Rune(off), ByteToRune(s, off); got != want {
			t.Errorf("OffsetConverter.Rune(%d) = %d, want %d", off, got, want)
		}
	}
	for r := 0; r <= len([]rune(s)); r++ {
		if got := ByteToRune(s, RuneToByte(s, r)); got != r {
			t.Errorf("ByteToRune(RuneToByte(%d)) = %d", r, got)
		}
	}
	if sp := c.Span(Span{4, 10}); sp != (Span{ByteToRune(s, 4), ByteToRune(s, 10)}) {
		t.Errorf("Span = %v", sp)
	}
}

func TestSplitterGeneric(t *testing.T) {
	sp := Splitter{Terminators: ".!?"}
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two! Three? Four", []string{"One.", "Two!", "Three?", "Four"}},
		{"He said \"Stop.\" Then left.", []string{"He said \"Stop.\"", "Then left."}},
		{"Pi is 3.14 today. Yes", []string{"Pi is 3.14 today.", "Yes"}},
		{"Title line\nBody starts here. More", []string{"Title line", "Body starts here.", "More"}},
		{"wrapped line\ncontinues here.", []string{"wrapped line\ncontinues here."}},
		{"Para one\n\npara two", []string{"Para one", "para two"}},
		{"  \n\n  ", nil},
		{"", nil},
		{"What?!\" he asked", []string{"What?!\" he asked"}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range sp.SplitSentences(tt.in) {
			got = append(got, tt.in[s.Start:s.End])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitSentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// checkTokens verifies the invariants of a token stream over input.
func checkTokens(t *testing.T, in string, toks []Token) {
	t.Helper()
	prev := 0
	for i, tok := range toks {
		if tok.Start < prev || tok.End <= tok.Start || tok.End > len(in) {
			t.Fatalf("token %d of %q has offsets [%d,%d) after %d", i, in, tok.Start, tok.End, prev)
		}
		if in[tok.Start:tok.End] != tok.Term || tok.Position != i {
			t.Fatalf("token %d of %q: %+v", i, in, tok)
		}
		prev = tok.End
	}
}

// checkSpans verifies the invariants of sentence spans over input.
func checkSpans(t *testing.T, in string, spans []Span) {
	t.Helper()
	prev := 0
	for i, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(in) {
			t.Fatalf("span %d of %q is [%d,%d) after %d", i, in, s.Start, s.End, prev)
		}
		if strings.TrimSpace(in[s.Start:s.End]) != in[s.Start:s.End] && utf8.ValidString(in[s.Start:s.End]) {
			t.Fatalf("span %d of %q is not trimmed: %q", i, in, in[s.Start:s.End])
		}
		prev = s.End
	}
}

func FuzzWordTokenizer(f *testing.F) {
	for _, s := range []string{"Russia's al-Nusra U.S. OPEC+ H.M", "لا\u200fفروف، والصفدي", "3.5,1,000", "\xff\xfe'-.", "a.b.c.d.e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkTokens(t, s, WordTokenizer{}.Tokenize(s))
	})
}

func FuzzSplitter(f *testing.F) {
	for _, s := range []string{"One. Two! \"Three?\" four\n\nFive", "U.S. Mr. 3.5", "\xff.\n.\u2029"} {
		f.Add(s)
	}
	sp := Splitter{Terminators: ".!?…؟", NoBreak: func(term rune, before, after string) bool { return len(before) == 1 }}
	f.Fuzz(func(t *testing.T, s string) {
		checkSpans(t, s, sp.SplitSentences(s))
	})
}

func FuzzByteToRune(f *testing.F) {
	f.Add("aé لافروف\xffz", 5)
	f.Fuzz(func(t *testing.T, s string, off int) {
		r := ByteToRune(s, off)
		if r < 0 || r > len([]rune(s)) {
			t.Fatalf("ByteToRune(%q, %d) = %d out of range", s, off, r)
		}
		if off >= 0 && off <= len(s) && utf8.ValidString(s) && utf8.RuneStart(s[min(off, len(s)-1)]) {
			if r != utf8.RuneCountInString(s[:off]) {
				t.Fatalf("ByteToRune(%q, %d) = %d, want %d", s, off, r, utf8.RuneCountInString(s[:off]))
			}
		}
	})
}

// adversarial builds about n bytes of hostile text: bidi controls, joiners, stacked combining
// marks, long runs of dots, apostrophes and hyphens, invalid bytes.
func adversarial(n int) string {
	parts := []string{"\u202eلا\u200dفروف\u202c", "a\u0301\u0302\u0303\u0304", "....", "'-'-'", "U.S.", "\xff\xfe",
		"OPEC++++", "\u200b\u200c\u200d", "3.5.6.7", " ", "\n", "Mr.", "؟!", "x"}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(parts[i%len(parts)])
		b.WriteString(parts[(i*7)%len(parts)])
	}
	return b.String()
}

func TestAdversarialLarge(t *testing.T) {
	for _, s := range []string{
		adversarial(5 << 20),
		strings.Repeat("a.", 1<<20),                // one long acronym-like run
		strings.Repeat("\u0301", 1<<20),            // only combining marks
		strings.Repeat("a\u200d", 1<<20) + "-b",    // a word full of joiners
		strings.Repeat(".", 1<<20) + " A",          // terminators
		"x." + strings.Repeat(" ", 1<<20) + "Next", // long white space after a stop
	} {
		toks := WordTokenizer{}.Tokenize(s)
		checkTokens(t, s, toks)
		spans := Splitter{Terminators: ".!?", NoBreak: func(rune, string, string) bool { return false }}.SplitSentences(s)
		checkSpans(t, s, spans)
		c := NewOffsetConverter(s)
		for _, tok := range toks {
			c.Rune(tok.Start)
			c.Rune(tok.End)
		}
	}
}

func BenchmarkWordTokenizer(b *testing.B) {
	s := strings.Repeat("Russia's Foreign Minister Sergey Lavrov met his Jordanian counterpart Ayman Safadi in Moscow. ", 30)
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		WordTokenizer{}.Tokenize(s)
	}
}
