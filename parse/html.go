package parse

import (
	"bytes"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/width"
)

var widthFold = width.Fold

// skipped elements hold no notice text: code, navigation and page chrome.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Iframe: true, atom.Nav: true, atom.Footer: true,
	atom.Aside: true, atom.Form: true, atom.Button: true, atom.Select: true,
	atom.Head: true, atom.Object: true, atom.Canvas: true,
}

// block elements start and end a line of text.
var block = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Header: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Table: true, atom.Tr: true, atom.Blockquote: true,
	atom.Pre: true, atom.Address: true, atom.Hr: true, atom.Figure: true, atom.Figcaption: true,
	atom.Caption: true, atom.Thead: true, atom.Tbody: true, atom.Li: true,
}

// postSelector finds the posts of a blog listing page (Blogger, WordPress,
// most CMS themes), each of which is one notice.
const postSelector = ".post-outer, article.post, div.post, .hentry, article"

// htmlNotices splits an HTML page into notices: one per blog post when the
// page lists several, else the page's main text split as text.
func (a *Analyzer) htmlNotices(body []byte) []*Notice {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil { // html.Parse only fails on reader errors
		return nil
	}
	posts := doc.Find(postSelector).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.ParentsFiltered(postSelector).Length() == 0
	})
	if posts.Length() >= 2 {
		var out []*Notice
		posts.Each(func(_ int, s *goquery.Selection) {
			title := strings.TrimSpace(s.Find(".post-title, .entry-title, h1, h2, h3").First().Text())
			date := strings.TrimSpace(s.Find(".date-header, time, .published, .entry-date").First().Text())
			text := fold(nodeText(s.Nodes...))
			head := fold(title)
			if head != "" && !strings.HasPrefix(text, head) {
				text = head + "\n" + text
			}
			if date != "" && head != "" && !strings.Contains(head, fold(date)) {
				// Give the post's date to the heading line, as aggregators write it.
				text = strings.Replace(text, head, head+" "+fold(date), 1)
			}
			out = append(out, a.textNotices(text)...)
		})
		if len(out) > 0 {
			return out
		}
	}
	main := doc.Find("main, #main, .main, #content, .content, article").First()
	if main.Length() == 0 || len(strings.TrimSpace(main.Text())) < 200 {
		main = doc.Find("body")
		// A page header (site name, menus) is chrome when the notice has
		// its own heading elsewhere.
		if doc.Find("h1").FilterFunction(func(_ int, h *goquery.Selection) bool {
			return h.ParentsFiltered("header").Length() == 0
		}).Length() > 0 {
			main.Find("header").Remove()
		}
	}
	if main.Length() == 0 {
		main = doc.Selection
	}
	text := nodeText(main.Nodes...)
	if title := strings.TrimSpace(doc.Find("h1").First().Text()); title == "" {
		// No heading in the body: the <title> is the best title there is.
		if t := strings.TrimSpace(doc.Find("title").First().Text()); t != "" && !strings.Contains(text, t) {
			text = t + "\n" + text
		}
	}
	return a.textNotices(text)
}

// nodeText renders nodes as lines of text: blocks on their own lines, list
// items marked with "・", table cells separated by " | ".
func nodeText(nodes ...*html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(strings.Join(strings.Fields(n.Data), " "))
			return
		case html.ElementNode:
			if skipped[n.DataAtom] || hidden(n) {
				return
			}
			switch n.DataAtom {
			case atom.Br:
				b.WriteByte('\n')
				return
			case atom.Li:
				b.WriteString("\n・")
			case atom.Td, atom.Th:
				b.WriteString(" | ")
			case atom.Img:
				if alt, _ := attr(n, "alt"); alt != "" {
					b.WriteString(alt)
				}
			}
			if block[n.DataAtom] && n.DataAtom != atom.Li {
				b.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && block[n.DataAtom] {
			b.WriteByte('\n')
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	// Lines made of cells keep their separators only between cells.
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		l = strings.TrimSpace(l)
		l = strings.TrimPrefix(l, "| ")
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// hidden reports elements a reader never sees.
func hidden(n *html.Node) bool {
	if _, ok := attr(n, "hidden"); ok {
		return true
	}
	st, _ := attr(n, "style")
	aria, _ := attr(n, "aria-hidden")
	return strings.Contains(strings.ReplaceAll(st, " ", ""), "display:none") || aria == "true"
}
