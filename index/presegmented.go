package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
)

// presegmented analyzes a document's text from the tokens parse already
// made of it (corpus.Incident.Tokens): segmenting a notice with kagome is
// the largest cost of indexing it, and ingest has just done it once.
type presegmented struct {
	m       mapping.IndexMapping
	kagome  *KagomeTokenizer
	filters []analysis.TokenFilter // the Japanese analyzer's, after its tokenizer
}

// newPresegmented returns nil when ja is not the analyzer this package
// builds (an index whose mapping came from elsewhere): documents are then
// analyzed from their text.
func newPresegmented(m mapping.IndexMapping, ja analysis.Analyzer) *presegmented {
	da, ok := ja.(*analysis.DefaultAnalyzer)
	if !ok || len(da.CharFilters) > 0 {
		return nil
	}
	k, ok := da.Tokenizer.(*KagomeTokenizer)
	if !ok {
		return nil
	}
	return &presegmented{m: m, kagome: k, filters: da.TokenFilters}
}

// document maps d as bleve would, then swaps the analyzer of its text
// field for one that returns the tokens d carries, run through the same
// filters. The result equals bleve's own mapping of d (a test checks).
func (p *presegmented) document(d Doc) (*document.Document, error) {
	doc := document.NewDocument(d.ID)
	if err := p.m.MapDocument(doc, record(d)); err != nil {
		return nil, err
	}
	toks := d.Incident.Tokens
	if n := len(toks); n > 0 && toks[n-1].End > len(d.Incident.Text) {
		return nil, fmt.Errorf("tokens run past the text (%d > %d bytes)", toks[n-1].End, len(d.Incident.Text))
	}
	for i, f := range doc.Fields {
		tf, ok := f.(*document.TextField)
		if !ok || tf.Name() != fieldText {
			continue
		}
		an := &analysis.DefaultAnalyzer{
			Tokenizer:    fixedTokens(p.kagome.Stream(d.Incident.Text, toks)),
			TokenFilters: p.filters,
		}
		doc.Fields[i] = document.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), tf.Value(), tf.Options(), an)
	}
	return doc, nil
}

// fixedTokens is a tokenizer that returns the tokens it was made with.
type fixedTokens analysis.TokenStream

func (t fixedTokens) Tokenize([]byte) analysis.TokenStream { return analysis.TokenStream(t) }
