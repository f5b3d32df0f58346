package report

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/incidex/incidex/checklist"
	"github.com/incidex/incidex/corpus"
)

func mustChecklist(t testing.TB) *checklist.Checklist {
	t.Helper()
	cl, err := checklist.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

func ptr[T any](v T) *T { return &v }

// newCase is a case of one report about an incident with cause, dated and
// counted, with evidence for its cause and a short timeline.
func newCase(id, cause string, affected int64, published corpus.Date) *corpus.Case {
	in := corpus.Incident{
		Source:       "testdata/" + id + ".txt",
		Organization: "株式会社" + id,
		Title:        cause + "に関するお詫び",
		Published:    published,
		Discovered:   corpus.Date{Year: published.Year, Month: 1, Day: 10},
		Causes:       []string{cause},
		Affected:     ptr(affected),
		AffectedUnit: "名",
		DataTypes:    []string{"name", "email"},
		LeakStatus:   corpus.LeakConfirmed,
		Evidence: []corpus.Evidence{
			{Field: "causes", Value: cause, Quote: "原因の一文（" + cause + "）"},
			{Field: "affected", Value: "x", Quote: "対象は" + id + "名"},
		},
		Timeline: []corpus.Event{
			{Date: corpus.Date{Year: published.Year, Month: 1, Day: 10}, Kind: corpus.EventDiscovered, Text: "判明しました"},
			{Date: corpus.Date{Year: published.Year, Month: 1, Day: 12}, Kind: corpus.EventContained, Text: "サーバーを停止しました"},
		},
		Text: "本文",
	}
	return &corpus.Case{ID: id, Current: in, Versions: []corpus.Version{{Source: in.Source, Incident: in}}}
}

// rendered is a document in every format.
type rendered struct {
	md, html, json string
	root           *html.Node
}

func render(t *testing.T, d *Doc) rendered {
	t.Helper()
	var md, h, j bytes.Buffer
	if err := d.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	if err := d.HTML(&h); err != nil {
		t.Fatal(err)
	}
	if err := d.JSON(&j); err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(bytes.NewReader(h.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return rendered{md.String(), h.String(), j.String(), root}
}

// all returns the nodes under n that match, in document order.
func all(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for c := range n.Descendants() {
		if match(c) {
			out = append(out, c)
		}
	}
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

func element(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == name }
}

// text is the text content of n, as a reader sees it.
func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// chart returns the svg whose data-chart is name.
func chart(t *testing.T, root *html.Node, name string) *html.Node {
	t.Helper()
	svgs := all(root, func(n *html.Node) bool {
		v, _ := attr(n, "data-chart")
		return n.Type == html.ElementNode && n.Data == "svg" && v == name
	})
	if len(svgs) != 1 {
		t.Fatalf("%d charts %q, want 1", len(svgs), name)
	}
	return svgs[0]
}

func bars(svg *html.Node) []*html.Node {
	return all(svg, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "rect" && hasClass(n, "bar") })
}
