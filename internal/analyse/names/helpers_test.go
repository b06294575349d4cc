package names

import (
	"os"

	"storyline/internal/analyse/names/internal/pairhmm"
)

type pairhmmBuf = pairhmm.Buf

func readFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}
