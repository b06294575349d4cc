package ingest

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// normaliseNewlines turns CR LF, lone CR, the Unicode line separator and form feeds into "\n",
// and the Unicode paragraph separator into a blank line.
func normaliseNewlines(s string) string {
	if !needsNewlineFix(s) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.NewReplacer("\r", "\n", "\f", "\n", "\v", "\n", "\u2028", "\n", "\u0085", "\n", "\u2029", "\n\n").Replace(s)
}

// needsNewlineFix reports whether s holds any of the characters normaliseNewlines replaces, in
// one pass over its bytes.
func needsNewlineFix(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\r', '\f', '\v':
			return true
		case 0xc2: // U+0085 is C2 85
			if i+1 < len(s) && s[i+1] == 0x85 {
				return true
			}
		case 0xe2: // U+2028 and U+2029 are E2 80 A8 and E2 80 A9
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9) {
				return true
			}
		}
	}
	return false
}

// collapseSpace collapses runs of white space to one space and trims the ends.
func collapseSpace(s string) string {
	if s == "" {
		return s
	}
	clean := true
	prevSpace := true
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (prevSpace || r != ' ') {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// cleanBody normalises line endings, trims every line, keeps one blank line between paragraphs
// and drops blank lines at both ends.
func cleanBody(s string) string {
	s = normaliseNewlines(s)
	var b strings.Builder
	b.Grow(len(s))
	blank := false
	for len(s) > 0 {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		line = strings.TrimFunc(line, unicode.IsSpace)
		if line == "" {
			blank = true
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

// textBuilder accumulates text from HTML: runs of white space become one space, and block
// elements become line or paragraph breaks.
type textBuilder struct {
	b          strings.Builder
	space      bool
	breakLines int // pending line breaks: 1 for a line, 2 for a paragraph
}

func (t *textBuilder) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			t.space = true
			continue
		}
		if t.b.Len() > 0 {
			switch {
			case t.breakLines >= 2:
				t.b.WriteString("\n\n")
			case t.breakLines == 1:
				t.b.WriteByte('\n')
			case t.space:
				t.b.WriteByte(' ')
			}
		}
		t.breakLines, t.space = 0, false
		t.b.WriteRune(r)
	}
}

func (t *textBuilder) brk(n int) { t.breakLines = max(t.breakLines, n) }

func (t *textBuilder) String() string { return t.b.String() }

// skipped holds the elements whose content is not text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Iframe: true,
	atom.Svg: true, atom.Math: true, atom.Object: true, atom.Head: true, atom.Select: true, atom.Button: true,
}

// breakAfter returns the break a tag makes: 2 for a paragraph, 1 for a line, 0 for none.
func breakAfter(a atom.Atom) int {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer, atom.H1, atom.H2,
		atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Pre, atom.Table, atom.Ul, atom.Ol,
		atom.Dl, atom.Figure, atom.Figcaption, atom.Hr, atom.Address, atom.Aside, atom.Main, atom.Nav,
		atom.Form, atom.Fieldset, atom.Details, atom.Summary:
		return 2
	case atom.Br, atom.Li, atom.Tr, atom.Dt, atom.Dd, atom.Caption:
		return 1
	}
	return 0
}

// htmlToText returns the text of an HTML fragment with its tags removed, its entities decoded and
// its block structure kept as line and paragraph breaks. It streams tokens, so markup of any depth
// costs linear time.
func htmlToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var t textBuilder
	skip := 0
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return t.String()
		case html.TextToken:
			if skip == 0 {
				t.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipped[a] {
				if tt == html.StartTagToken {
					skip++
				}
				continue
			}
			t.brk(breakAfter(a))
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipped[a] {
				if skip > 0 {
					skip--
				}
				continue
			}
			t.brk(breakAfter(a))
		}
	}
}

// looksLikeHTMLText reports whether a text field carries HTML markup rather than plain text.
func looksLikeHTMLText(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0 && i+1 < len(s); {
		c := s[i+1]
		if c == '/' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			if j := strings.IndexByte(s[i:], '>'); j > 0 && !strings.ContainsAny(s[i+1:i+j], "<\n") {
				return true
			}
		}
		next := strings.IndexByte(s[i+1:], '<')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return strings.Contains(s, "&") && html.UnescapeString(s) != s
}

// nodeText returns the text of a parsed HTML tree with its block structure as breaks.
func nodeText(n *html.Node) string {
	var t textBuilder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			t.text(n.Data)
			return
		case html.ElementNode:
			if skipped[n.DataAtom] {
				return
			}
			t.brk(breakAfter(n.DataAtom))
		case html.CommentNode, html.DoctypeNode:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode {
			t.brk(breakAfter(n.DataAtom))
		}
	}
	walk(n)
	return t.String()
}
