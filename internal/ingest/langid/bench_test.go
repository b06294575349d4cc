package langid

import (
	"strings"
	"testing"
)

// article3KB returns about 3 KB of English article text from the evaluation set.
func article3KB(b *testing.B, lang string) string {
	var sb strings.Builder
	for _, r := range loadEval(b, "eval.tsv") {
		if r.lang == lang && r.kind == "article" {
			sb.WriteString(r.text)
			sb.WriteByte('\n')
		}
	}
	s := sb.String()
	for len(s) < 3000 {
		s += s
	}
	cut := 3000
	for cut < len(s) && s[cut]&0xC0 == 0x80 {
		cut++
	}
	return s[:cut]
}

func benchDetect(b *testing.B, text string) {
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	Detect(text) // build the model outside the timing
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Detect(text)
	}
}

// BenchmarkHeadline: a headline whose words settle the language.
func BenchmarkHeadline(b *testing.B) {
	benchDetect(b, "Lavrov and Safadi discuss Syria ceasefire in Moscow")
}

// BenchmarkHeadlineThin: a headline with too few cues, which asks the trigram model for a vote.
func BenchmarkHeadlineThin(b *testing.B) {
	benchDetect(b, "Apple shares hit all-time high")
}

// BenchmarkHeadlineArabic: an Arabic headline.
func BenchmarkHeadlineArabic(b *testing.B) {
	benchDetect(b, "لافروف والصفدي يبحثان في موسكو وقف إطلاق النار في سوريا")
}

// BenchmarkArticle3KB: a 3 KB English article.
func BenchmarkArticle3KB(b *testing.B) {
	benchDetect(b, article3KB(b, "en"))
}

// BenchmarkArticle3KBArabic: a 3 KB Arabic article.
func BenchmarkArticle3KBArabic(b *testing.B) {
	benchDetect(b, article3KB(b, "ar"))
}

// BenchmarkArticle5MB: a 5 MB body, of which Detect reads a 4 KB sample.
func BenchmarkArticle5MB(b *testing.B) {
	s := article3KB(b, "en")
	benchDetect(b, strings.Repeat(s, 5<<20/len(s)))
}
