// Command storyline turns news articles in many languages into linked knowledge: who and where,
// what happened, which articles report the same event, and how a story unfolds.
package main

import (
	"os"

	"storyline/internal/cli"
)

func main() {
	os.Exit(cli.Execute())
}
