// Package web holds Storyline's web page, embedded in the binary: one HTML page, its script and
// its style sheet, plain files with no build step and nothing loaded from elsewhere. The script
// renders everything from the JSON API with DOM calls (textContent, createElementNS for SVG),
// never as markup, so that article text cannot become code.
package web

import "embed"

// Files are the page's assets, under static/ (served at /static/).
//
//go:embed static index.html
var Files embed.FS

// Index returns the page's HTML.
func Index() []byte {
	b, err := Files.ReadFile("index.html")
	if err != nil {
		panic(err) // embedded at build time
	}
	return b
}
