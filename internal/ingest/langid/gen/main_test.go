package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDataInNormalForm fails when the embedded lists were edited without running gen.
func TestDataInNormalForm(t *testing.T) {
	for _, name := range []string{"words.tsv", "suffixes.tsv"} {
		path := filepath.Join("..", "data", name)
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out, err := normalise(src)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if string(out) != string(src) {
			t.Errorf("%s is not in normal form: run go run ./internal/ingest/langid/gen", path)
		}
	}
}

func TestNormalise(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantErr        bool
	}{
		{"sorts, lowers, dedupes", "# c\nen\tThe of the a\n", "# c\nen\ta of the\n", false},
		{"NFC", "fr\te\u0301te\u0301\n", "fr\tété\n", false},
		{"no tab", "en the of\n", "", true},
		{"bad code", "eng\tthe\n", "", true},
		{"twice", "en\tthe\nen\tof\n", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := normalise([]byte(tt.in))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
