package source

import (
	"bytes"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"evidenceboard/data"
)

// MaxHTMLElements caps the elements of an HTML page (and of rendered
// Markdown), counted with the tokenizer before the page is parsed into a tree,
// so a page of millions of tiny tags cannot take gigabytes as nodes.
const MaxHTMLElements = 200_000

// skipped elements hold no article text: code, styling, navigation, page
// chrome, forms and embedded objects. Nothing in them is read, and nothing in
// an HTML document is ever run: we only read its text nodes.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Form: true, atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Dialog: true, atom.Menu: true,
	atom.Head: true,
}

// skippedRoles are the ARIA landmarks of page chrome, for sites that mark
// their navigation with role= rather than <nav>.
var skippedRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"search": true, "menu": true, "menubar": true, "dialog": true, "alert": true,
}

// blocks end one paragraph and start the next.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Figure: true, atom.Figcaption: true, atom.Hr: true, atom.Address: true, atom.Details: true,
	atom.Summary: true, atom.Caption: true, atom.Body: true, atom.Center: true,
}

var headings = map[atom.Atom]bool{
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// htmlInfo is what readHTML learns besides the paragraphs.
type htmlInfo struct {
	firstHeading string
}

// extractHTML reads a page's main text: <article> (the one with the most
// text, when there are several) or <main> when present, else <body>; page
// chrome and code are dropped (skipped); block elements are paragraphs.
func extractHTML(doc *Document, raw []byte, deadline time.Time) error {
	if len(raw) > MaxMarkupBytes {
		return fail(doc.Name, "the HTML is %s, over the limit of %s of markup", HumanSize(int64(len(raw))), HumanSize(MaxMarkupBytes))
	}
	// Decoded as text files are: UTF-8 when valid, else Windows-1252, which
	// is also what browsers do with a page that declares iso-8859-1.
	s, err := decodeText(doc, raw)
	if err != nil {
		return err
	}
	_, err = readHTML(doc, []byte(s), deadline)
	return err
}

// readHTML parses markup and collects its main text into doc.
func readHTML(doc *Document, markup []byte, _ time.Time) (htmlInfo, error) {
	var info htmlInfo
	z := html.NewTokenizer(bytes.NewReader(markup))
	n := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			n++
			if n > MaxHTMLElements {
				return info, fail(doc.Name, "the HTML has more than %d elements", MaxHTMLElements)
			}
		}
	}
	root, err := html.Parse(bytes.NewReader(markup))
	if err != nil {
		return info, fail(doc.Name, "the HTML cannot be read (%v)", data.OneLine(err.Error(), 120))
	}
	if t := find(root, func(n *html.Node) bool { return n.DataAtom == atom.Title }); t != nil {
		if title := normaliseSpace(textOf(t)); title != "" {
			doc.Title = title
		}
	}
	if date := htmlDate(root); date != "" {
		doc.Date = date
	}

	main := mainNode(root)
	if h := find(main, func(n *html.Node) bool { return headings[n.DataAtom] && !isSkipped(n) }); h != nil {
		info.firstHeading = normaliseSpace(textOf(h))
	}
	c := &textCollector{doc: doc}
	var cur strings.Builder
	flush := func() {
		c.add(1, cur.String())
		cur.Reset()
	}
	brs := 0 // <br>s since the last text: two in a row end a paragraph, as old pages write them
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			if strings.TrimSpace(n.Data) != "" {
				brs = 0
			}
			return
		case html.ElementNode:
			if isSkipped(n) {
				return
			}
			if n.DataAtom == atom.Br {
				if brs++; brs == 2 {
					flush()
				} else {
					cur.WriteByte('\n') // a line break inside a paragraph is white space
				}
				return
			}
			if n.DataAtom == atom.Img {
				return
			}
		}
		block := n.Type == html.ElementNode && blocks[n.DataAtom]
		if block {
			flush()
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
		if block {
			flush()
		}
	}
	walk(main)
	flush()
	return info, nil
}

func isSkipped(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if skipped[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "role":
			if skippedRoles[strings.ToLower(a.Val)] {
				return true
			}
		}
	}
	return false
}

// mainNode picks where the article is: the <article> with the most text,
// else <main>, else <body>, else the whole document.
func mainNode(root *html.Node) *html.Node {
	// Only outermost articles compete (an article inside another is a
	// comment or a teaser), so each node's text is counted at most once.
	var best *html.Node
	bestLen := -1
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && n.DataAtom == atom.Article {
			if l := len(textOf(n)); l > bestLen {
				best, bestLen = n, l
			}
			continue
		}
		for ch := n.LastChild; ch != nil; ch = ch.PrevSibling {
			stack = append(stack, ch)
		}
	}
	if best != nil {
		return best
	}
	for _, a := range []atom.Atom{atom.Main, atom.Body} {
		if n := find(root, func(n *html.Node) bool { return n.Type == html.ElementNode && n.DataAtom == a }); n != nil {
			return n
		}
	}
	return root
}

var isoDate = regexp.MustCompile(`^\s*([0-9]{4}-[0-9]{2}-[0-9]{2})`)

// htmlDate reads the publication date a page states for itself: the meta
// tags news sites use, else the first <time datetime>.
func htmlDate(root *html.Node) string {
	var date string
	forEach(root, func(n *html.Node) {
		if date != "" || n.Type != html.ElementNode {
			return
		}
		var key, content string
		for _, a := range n.Attr {
			switch strings.ToLower(a.Key) {
			case "property", "name", "itemprop":
				key = strings.ToLower(a.Val)
			case "content", "datetime":
				content = a.Val
			}
		}
		switch {
		case n.DataAtom == atom.Meta && (key == "article:published_time" || key == "date" ||
			key == "dc.date.issued" || key == "dc.date" || key == "datepublished" || key == "publication_date"):
		case n.DataAtom == atom.Time && content != "":
		default:
			return
		}
		if m := isoDate.FindStringSubmatch(content); m != nil {
			date = validDate(m[1])
		}
	})
	return date
}

func textOf(n *html.Node) string {
	var b strings.Builder
	forEach(n, func(n *html.Node) {
		if n.Type == html.TextNode && (n.Parent == nil || !isSkipped(n.Parent)) {
			b.WriteString(n.Data)
		}
	})
	return b.String()
}

// forEach visits n and its descendants, iteratively: a deeply nested page
// must not exhaust the stack.
func forEach(n *html.Node, fn func(*html.Node)) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fn(n)
		for ch := n.LastChild; ch != nil; ch = ch.PrevSibling {
			stack = append(stack, ch)
		}
	}
}

func find(n *html.Node, pred func(*html.Node) bool) *html.Node {
	var found *html.Node
	forEach(n, func(n *html.Node) {
		if found == nil && pred(n) {
			found = n
		}
	})
	return found
}
