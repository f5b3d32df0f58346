package index

import (
	"context"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/crawl"
	"github.com/incidex/incidex/parse"
)

// TestPresegmentedEqualsAnalyzer checks that a notice indexed from parse's
// tokens gets exactly the terms, positions and offsets the analyzer gives
// its text: the two paths must never drift apart, or a search would miss
// what ingest indexed. It reads every notice of the fixtures, the examples
// and (when present) the real seeds.
func TestPresegmentedEqualsAnalyzer(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the dictionary twice")
	}
	var paths []string
	for _, glob := range []string{"../cmd/incidex/testdata/notices/*", "../examples/*", "../../shared/seeds/*"} {
		m, _ := filepath.Glob(glob)
		paths = append(paths, m...)
	}
	a, err := parse.New()
	if err != nil {
		t.Fatal(err)
	}
	m, err := analysisMapping()
	if err != nil {
		t.Fatal(err)
	}
	ja := m.AnalyzerNamed(AnalyzerName)
	pre := newPresegmented(m, ja)
	if pre == nil {
		t.Fatal("the index's own analyzer was not recognized")
	}
	reader := &crawl.Reader{}
	notices := 0
	for _, p := range paths {
		c, err := reader.Read(context.Background(), p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		incs, err := a.Extract(context.Background(), parse.Page{Source: p, Body: c.Body, HTML: strings.Contains(c.MediaType, "html")})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for i, in := range incs {
			if indexedText(in) != in.Text {
				continue // indexed with its title: Put analyzes it whole
			}
			notices++
			if len(in.Tokens) == 0 {
				t.Fatalf("%s #%d: parse handed on no tokens", p, i)
			}
			want := textField(t, mustMap(t, m, in), nil)
			doc, err := pre.document(Doc{ID: "x", Incident: in})
			if err != nil {
				t.Fatal(err)
			}
			got := textField(t, doc, ja)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s #%d: presegmented terms differ from the analyzer's:\n%s", p, i, diffTerms(got, want))
			}
		}
	}
	if notices < 10 {
		t.Fatalf("only %d notices read", notices)
	}
}

func mustMap(t *testing.T, m interface {
	MapDocument(*document.Document, interface{}) error
}, in corpus.Incident) *document.Document {
	t.Helper()
	doc := document.NewDocument("x")
	in.Tokens = nil
	if err := m.MapDocument(doc, record(Doc{ID: "x", Incident: in})); err != nil {
		t.Fatal(err)
	}
	return doc
}

// textField analyzes doc's text field and returns its term frequencies;
// notAnalyzer, when set, is the analyzer the field must not use (the
// presegmented one must have replaced it).
func textField(t *testing.T, doc *document.Document, notAnalyzer interface{}) bleveindex.TokenFrequencies {
	t.Helper()
	for _, f := range doc.Fields {
		if tf, ok := f.(*document.TextField); ok && tf.Name() == fieldText {
			if notAnalyzer != nil && tf.Analyzer() == notAnalyzer {
				t.Fatal("the text field still uses the analyzer: tokens were not reused")
			}
			tf.Analyze()
			return tf.AnalyzedTokenFrequencies()
		}
	}
	t.Fatal("no text field")
	return nil
}

func diffTerms(got, want bleveindex.TokenFrequencies) string {
	var b strings.Builder
	n := 0
	for term, w := range want {
		if g, ok := got[term]; !ok || !reflect.DeepEqual(g, w) {
			if n++; n <= 10 {
				b.WriteString("  want " + term + " " + locs(w) + ", got " + locs(g) + "\n")
			}
		}
	}
	for term, g := range got {
		if _, ok := want[term]; !ok {
			if n++; n <= 10 {
				b.WriteString("  extra " + term + " " + locs(g) + "\n")
			}
		}
	}
	return b.String()
}

func locs(f *bleveindex.TokenFreq) string {
	if f == nil {
		return "none"
	}
	var b strings.Builder
	for _, l := range f.Locations {
		b.WriteString(strings.Join([]string{itoa(l.Position), itoa(l.Start), itoa(l.End)}, ":") + " ")
	}
	return b.String()
}

func itoa(i int) string { return strconv.Itoa(i) }
