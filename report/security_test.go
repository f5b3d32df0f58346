package report

import (
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/incidex/incidex/corpus"
)

// payloads are what a hostile notice might carry to break out of the
// report's markup, run script or load something from elsewhere.
var payloads = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`' onmouseover='alert(1)`,
	`javascript:alert(1)`,
	`<a href="javascript:alert(1)">click</a>`,
	`</style><script>alert(1)</script>`,
	`<svg onload=alert(1)>`,
	`</title></text></svg><svg/onload=alert(1)>`,
	`<iframe src="https://evil.example/"></iframe>`,
	`<link rel=stylesheet href=https://evil.example/x.css>`,
	`<style>@import url(https://evil.example/a.css); body{background:url(https://evil.example/b.png)}</style>`,
	`<math><mtext></p><img src=x onerror=alert(1)>`,
	`<!-- --><meta http-equiv="refresh" content="0;url=https://evil.example/">`,
	"[link](javascript:alert(1)) ![img](https://evil.example/x.png) `code` | cell | <b>",
}

// hostileCase puts a payload in every text a notice gives the report:
// organization, title, text, evidence, timeline, source, count unit, and
// ids the taxonomy does not know.
func hostileCase(id string) *corpus.Case {
	all := strings.Join(payloads, "\n")
	in := corpus.Incident{
		Source:       "javascript:alert(1)//" + payloads[1],
		Organization: payloads[1],
		Title:        payloads[0] + payloads[5],
		Published:    corpus.Date{Year: 2024, Month: 6, Day: 3},
		Discovered:   corpus.Date{Year: 2024, Month: 5, Day: 1},
		Causes:       []string{"misdelivery", `<script>alert(2)</script>`},
		DataTypes:    []string{"email", `"><img src=x onerror=alert(3)>`},
		Affected:     ptr(int64(1200)),
		AffectedUnit: `<b onclick=alert(4)>名</b>`,
		Exposure:     &corpus.Period{From: corpus.Date{Year: 2024, Month: 1}, To: corpus.Date{Year: 2024, Month: 4, Day: 30}},
		Text:         all,
	}
	for i, p := range payloads {
		in.Evidence = append(in.Evidence, corpus.Evidence{Field: []string{"title", "causes", "affected", "data_types"}[i%4], Value: "misdelivery", Quote: p})
		in.Timeline = append(in.Timeline, corpus.Event{Date: corpus.Date{Year: 2024, Month: 5, Day: 1 + i}, Kind: corpus.EventContained, Text: p})
	}
	in.Timeline = append(in.Timeline, corpus.Event{Date: corpus.Date{Year: 2024, Month: 5, Day: 30}, Kind: `"><svg onload=alert(5)>`, Text: payloads[6]})
	return &corpus.Case{ID: id, Current: in, Versions: []corpus.Version{{Source: in.Source, Incident: in}}}
}

// elements are every element a report may contain; one a payload smuggled
// in would not be among them.
var elements = map[string]bool{
	"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true,
	"header": true, "main": true, "footer": true, "section": true, "div": true,
	"h1": true, "h2": true, "h3": true, "p": true, "span": true, "small": true, "br": true,
	"table": true, "colgroup": true, "col": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
	"ul": true, "li": true, "dl": true, "dt": true, "dd": true, "blockquote": true,
	"details": true, "summary": true, "pre": true, "figure": true,
	"svg": true, "g": true, "rect": true, "text": true, "line": true, "circle": true,
}

// urlAttrs are the attributes that load or link to something.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "srcset": true, "action": true, "formaction": true,
	"poster": true, "data": true, "xlink:href": true, "background": true, "ping": true,
}

const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

// checkInert fails unless the page is ours alone: no script, no event
// handler, nothing that links or loads, only the report's elements, our
// stylesheet verbatim, and the CSP.
func checkInert(t *testing.T, root *html.Node) {
	t.Helper()
	var styles, policies int
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if !elements[n.Data] {
			t.Errorf("element <%s> (namespace %q) is not one the report makes", n.Data, n.Namespace)
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if a.Namespace != "" {
				key = a.Namespace + ":" + key
			}
			switch {
			case strings.HasPrefix(key, "on"):
				t.Errorf("<%s %s=%q>: an event handler", n.Data, a.Key, a.Val)
			case urlAttrs[key]:
				t.Errorf("<%s %s=%q>: a link or load", n.Data, a.Key, a.Val)
			case key == "style":
				t.Errorf("<%s style=%q>: inline style from data", n.Data, a.Val)
			}
			if v := strings.ToLower(a.Val); strings.Contains(v, "javascript:") || strings.Contains(v, "url(") {
				t.Errorf("<%s %s=%q>: a script or load in an attribute", n.Data, a.Key, a.Val)
			}
		}
		switch n.Data {
		case "style":
			styles++
			if got := text(n); got != string(css) {
				t.Errorf("the stylesheet is not ours verbatim (%d bytes, want %d)", len(got), len(css))
			}
		case "meta":
			if v, _ := attr(n, "http-equiv"); v != "" {
				if c, _ := attr(n, "content"); v != "Content-Security-Policy" || c != csp {
					t.Errorf("meta http-equiv=%q content=%q", v, c)
				}
				policies++
			}
		}
	}
	if styles != 1 || policies != 1 {
		t.Errorf("%d style elements and %d policies, want 1 and 1", styles, policies)
	}
	if strings.Contains(string(css), "url(") || strings.Contains(string(css), "@import") {
		t.Error("the stylesheet loads something")
	}
}

func TestHostileIncident(t *testing.T) {
	cl := mustChecklist(t)
	d := Incident(hostileCase("evil"), []*corpus.Case{hostileCase("evil2")}, cl)
	r := render(t, d)
	checkInert(t, r.root)
	// The payloads are there, as text a reader can see.
	page := text(r.root)
	for _, p := range payloads {
		if !strings.Contains(page, strings.TrimSpace(p)) {
			t.Errorf("html does not show %q as text", p)
		}
	}
	if title := all(r.root, element("title")); len(title) == 0 || text(title[0]) != "インシデントレポート: "+payloads[1] {
		t.Errorf("page title is not the escaped organization")
	}
	checkMarkdown(t, r.md)
	checkJSON(t, r.json, payloads[1])
}

func TestHostileSet(t *testing.T) {
	b := NewSet(payloads[0], mustChecklist(t))
	evil := hostileCase("evil")
	evil.Current.Causes = []string{`<script>alert(2)</script>`, "misdelivery"} // the chart labels a primary cause
	b.Add(evil)
	b.Add(newCase("ok", "loss", 10, corpus.Date{Year: 2023, Month: 1, Day: 5}))
	r := render(t, b.Doc())
	checkInert(t, r.root)
	page := text(r.root)
	for _, p := range []string{payloads[0], payloads[1], `<script>alert(2)</script>`, `"><img src=x onerror=alert(3)>`} {
		if !strings.Contains(page, p) {
			t.Errorf("html does not show %q as text", p)
		}
	}
	if got := text(chart(t, r.root, "cause")); !strings.Contains(got, `<script>alert(2)</script>`) {
		t.Errorf("the cause chart does not label the unknown cause as text: %q", got)
	}
	checkMarkdown(t, r.md)
	checkJSON(t, r.json, payloads[1])
}

// checkMarkdown fails when markup a renderer would act on survives: every
// < and [ from data is backslash-escaped (the only raw tag is our <br>),
// and no table row has more cells than its header.
func checkMarkdown(t *testing.T, md string) {
	t.Helper()
	cells := 0 // the current table's header's
	for i, line := range strings.Split(md, "\n") {
		s := strings.ReplaceAll(line, "<br>", "")
		for j := 0; j < len(s); j++ {
			if (s[j] == '<' || s[j] == '[') && (j == 0 || s[j-1] != '\\') {
				t.Errorf("markdown line %d: unescaped %q in %q", i+1, s[j], line)
			}
		}
		if !strings.HasPrefix(line, "|") {
			cells = 0
			continue
		}
		n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
		if cells == 0 {
			cells = n
		} else if n != cells {
			t.Errorf("markdown line %d: %d cell borders, the header has %d: %q", i+1, n, cells, line)
		}
	}
}

// checkJSON fails when JSON carries raw angle brackets (it may be pasted
// into HTML) or does not give the data back intact.
func checkJSON(t *testing.T, js, org string) {
	t.Helper()
	if strings.ContainsAny(js, "<>") {
		t.Error("json holds raw < or >")
	}
	if !strings.Contains(js, `\u003c`) {
		t.Error("json lost the escaped payloads")
	}
	var v any
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js, strings.NewReplacer("<", `\u003c`, ">", `\u003e`, `"`, `\"`).Replace(org)) {
		t.Errorf("json does not hold the organization %q", org)
	}
}
