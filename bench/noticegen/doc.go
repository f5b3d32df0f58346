package noticegen

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
)

// A doc is a notice before it is fitted to length and rendered: chrome
// that is always kept, and paragraphs of which the optional ones are
// dropped or kept to reach a target length.
type doc struct {
	heading string // an aggregator's heading line, replacing the title line
	title   string
	site    string // the site name of an HTML page, when not the issuer
	head    []string
	secs    []string
	plain   map[int]bool // sections whose heading is not numbered
	paras   []para
	tail    []string
	num     int  // index into numFormats
	bullet  int  // index into bullets
	spaced  bool // blank lines between paragraphs
}

// A para is one paragraph, or one list, of a section (sec -1: none).
type para struct {
	sec   int
	lines []string
	list  bool
	opt   bool
}

func (d *doc) section(head string) int {
	d.secs = append(d.secs, head)
	return len(d.secs) - 1
}

func (d *doc) secPlain(s int) {
	if d.plain == nil {
		d.plain = map[int]bool{}
	}
	d.plain[s] = true
}

func (d *doc) add(sec int, opt bool, lines ...string) {
	d.paras = append(d.paras, para{sec: sec, lines: lines, opt: opt})
}

func (d *doc) addList(sec int, items []string) {
	d.paras = append(d.paras, para{sec: sec, lines: items, list: true})
}

// numFormats number section headings.
var numFormats = []func(n int, s string) string{
	func(n int, s string) string { return fmt.Sprintf("%d.%s", n, s) },
	func(n int, s string) string { return fmt.Sprintf("%d. %s", n, s) },
	func(n int, s string) string { return fmt.Sprintf("%d %s", n, s) },
	func(n int, s string) string { return fmt.Sprintf("(%d)%s", n, s) },
	func(n int, s string) string { return wide(fmt.Sprint(n)) + "." + s },
	func(n int, s string) string { return "【" + s + "】" },
	func(n int, s string) string { return "■" + s },
}

// bullets mark list items.
var bullets = []func(k int) string{
	func(int) string { return "・" },
	func(int) string { return "・" },
	func(int) string { return "●" },
	func(int) string { return "- " },
	func(k int) string { return fmt.Sprintf("(%d) ", k+1) },
	func(k int) string { return string(rune('①' + k)) },
}

// fit keeps optional paragraphs, in random order, while the notice stays
// under a random target length, then renders it.
func (d *doc) fit(r *rand.Rand, asHTML bool, org string) string {
	keep := make([]bool, len(d.paras))
	shown := map[int]bool{}
	for k, p := range d.paras {
		keep[k] = !p.opt
		shown[p.sec] = shown[p.sec] || keep[k]
	}
	size := len(d.render(keep, asHTML, org))
	target := MinBytes + 120 + r.IntN(MaxBytes-MinBytes-300)
	for _, k := range r.Perm(len(d.paras)) {
		if keep[k] {
			continue
		}
		c := len(d.renderPara(d.paras[k], asHTML)) + 2
		if s := d.paras[k].sec; s >= 0 && !shown[s] {
			c += len(d.secs[s]) + 20
		}
		if size+c <= target {
			keep[k], size = true, size+c
			shown[d.paras[k].sec] = true
		}
	}
	out := d.render(keep, asHTML, org)
	for _, k := range r.Perm(len(d.paras)) {
		if len(out) <= MaxBytes {
			break
		}
		if d.paras[k].opt && keep[k] {
			keep[k] = false
			out = d.render(keep, asHTML, org)
		}
	}
	return out
}

// render writes the kept paragraphs with the chrome, as text or HTML.
func (d *doc) render(keep []bool, asHTML bool, org string) string {
	var b strings.Builder
	line := func(s string) {
		if asHTML {
			s = "<p>" + html.EscapeString(s) + "</p>"
		}
		b.WriteString(s)
		b.WriteByte('\n')
	}
	first := d.title
	if d.heading != "" {
		first = d.heading
	}
	if asHTML {
		site := d.site
		if site == "" {
			site = org
		}
		fmt.Fprintf(&b, htmlTop, html.EscapeString(d.title), html.EscapeString(site), html.EscapeString(d.title), html.EscapeString(first))
	} else {
		b.WriteString(first + "\n")
	}
	for _, h := range d.head {
		line(h)
	}
	b.WriteByte('\n')
	n := 0
	shown := map[int]bool{}
	for k, p := range d.paras {
		if !keep[k] {
			continue
		}
		if p.sec >= 0 && !shown[p.sec] {
			shown[p.sec] = true
			head := d.secs[p.sec]
			if !d.plain[p.sec] {
				n++
				head = numFormats[d.num](n, head)
			}
			if asHTML {
				b.WriteString("<h2>" + html.EscapeString(head) + "</h2>\n")
			} else {
				b.WriteString(head + "\n")
			}
		}
		b.WriteString(d.renderPara(p, asHTML))
		if d.spaced && !asHTML {
			b.WriteByte('\n')
		}
	}
	if asHTML && len(d.tail) > 0 {
		b.WriteString("<div class=\"contact\">\n")
	}
	for _, t := range d.tail {
		if t == "" && asHTML {
			continue
		}
		line(t)
	}
	if asHTML {
		if len(d.tail) > 0 {
			b.WriteString("</div>\n")
		}
		site := d.site
		if site == "" {
			site = org
		}
		fmt.Fprintf(&b, htmlBottom, html.EscapeString(site))
	}
	return b.String()
}

// renderPara writes one paragraph, each line ending in a newline.
func (d *doc) renderPara(p para, asHTML bool) string {
	var b strings.Builder
	if asHTML && p.list {
		b.WriteString("<ul>\n")
	}
	for k, l := range p.lines {
		switch {
		case asHTML && p.list:
			b.WriteString("<li>" + html.EscapeString(l) + "</li>\n")
		case asHTML:
			b.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
		case p.list:
			b.WriteString(bullets[d.bullet](k) + l + "\n")
		default:
			b.WriteString(l + "\n")
		}
	}
	if asHTML && p.list {
		b.WriteString("</ul>\n")
	}
	return b.String()
}

const htmlTop = `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
</head>
<body>
<header class="site-header"><p class="site-name">%s</p></header>
<nav class="breadcrumb"><ul><li><a href="/">ホーム</a></li><li><a href="/news/">お知らせ</a></li><li>%s</li></ul></nav>
<main id="main">
<article class="entry">
<h1>%s</h1>
`

const htmlBottom = `</article>
</main>
<footer class="site-footer"><ul><li><a href="/privacy/">プライバシーポリシー</a></li><li><a href="/sitemap/">サイトマップ</a></li></ul><p>&copy; %s</p></footer>
</body>
</html>
`
