package ingest

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// normaliseLang turns a declared language — a BCP 47 tag ("en-US", "ar_JO"), an ISO 639-2/3 code
// ("ara", "eng", "arb"), or a language name in English or in the language itself ("Arabic",
// "العربية", "français") — into its ISO 639-1 code, or the ISO 639-3 code when the language has no
// two-letter code. It returns "" when s declares nothing usable ("", "und", "mul", garbage).
func normaliseLang(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return ""
	}
	if code := tagLang(strings.ReplaceAll(s, "_", "-")); code != "" {
		return code
	}
	if code, ok := languageNames()[strings.ToLower(s)]; ok {
		return code
	}
	// "en-US,en;q=0.9" (an HTTP header) or "Arabic (Jordan)": try the first part.
	if i := strings.IndexAny(s, ",;("); i > 0 {
		return normaliseLang(s[:i])
	}
	return ""
}

func tagLang(s string) string {
	tag, err := language.All.Parse(s) // All maps macrolanguage members: "arb" → "ar"
	if err != nil {
		return ""
	}
	base, conf := tag.Base()
	if conf < language.High {
		return ""
	}
	code := base.String()
	switch code {
	case "und", "mul", "zxx", "mis":
		return ""
	}
	return code
}

// languageNames maps lower-cased language names, in English and in each language itself, to
// their codes, for the languages that x/text can name. Built once, read-only afterwards.
var languageNames = sync.OnceValue(func() map[string]string {
	names := map[string]string{}
	en := display.English.Languages()
	for _, tag := range display.Supported.Tags() {
		base, _ := tag.Base()
		b := language.Make(base.String())
		code := base.String()
		for _, name := range []string{en.Name(b), display.Self.Name(b)} {
			if name = strings.ToLower(name); name != "" {
				if _, taken := names[name]; !taken {
					names[name] = code
				}
			}
		}
	}
	return names
})
