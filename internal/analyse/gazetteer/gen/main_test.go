package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommittedCountries checks that data/countries.tsv is what the generator produces now.
func TestCommittedCountries(t *testing.T) {
	have, err := os.ReadFile(filepath.Join("..", "data", "countries.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := countriesTSV(); !bytes.Equal(have, want) {
		t.Fatal("data/countries.tsv differs from the generator's output: run go run ./internal/analyse/gazetteer/gen")
	}
}

func TestVariants(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Myanmar (Burma)", "Myanmar|Burma|Myanmar (Burma)"},
		{"Hong Kong SAR China", "Hong Kong|Hong Kong SAR China"},
		{"Bosnia & Herzegovina", "Bosnia & Herzegovina|Bosnia and Herzegovina"},
		{"St. Lucia", "St. Lucia|Saint Lucia"},
		{"Jordan", "Jordan"},
		{"هونغ كونغ الصينية (منطقة إدارية خاصة)", "هونغ كونغ الصينية|هونغ كونغ الصينية (منطقة إدارية خاصة)"},
	}
	for _, tt := range tests {
		if got := strings.Join(variants(tt.in), "|"); got != tt.want {
			t.Errorf("variants(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRunCheck(t *testing.T) {
	if err := run(filepath.Join("..", "data"), true); err != nil {
		t.Fatal(err)
	}
}
