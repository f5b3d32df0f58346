package index

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom" // "type": "custom" analyzers
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/token/unicodenorm"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Analyzer names, as they appear in the index mapping.
const (
	// AnalyzerName is the Japanese analyzer of the text fields, after
	// Lucene's JapaneseAnalyzer: kagome (NFKC, search mode, POS stop, base
	// form) → lower case → katakana stem → synonyms → stop words → close gaps.
	AnalyzerName = "incidex_ja"
	// BigramAnalyzerName indexes the same text as overlapping character
	// bigrams, bleve's cjk analyzer with NFKC: a phrase of bigrams matches
	// any substring, where kagome's segmentation varies with context.
	BigramAnalyzerName = "incidex_ja_bigram"

	stopFilterName = "incidex_ja_stop"
	nfkcFilterName = "incidex_nfkc"
)

// Every process that opens an index analyzes with these components, so they
// are registered by name here, as bleve's own components register
// themselves; importing the package is enough.
func init() {
	must := func(err error) {
		if err != nil {
			panic(fmt.Sprintf("index: register analysis: %v", err))
		}
	}
	must(registry.RegisterTokenizer(TokenizerName, KagomeTokenizerConstructor))
	must(registry.RegisterTokenFilter(KatakanaStemName, KatakanaStemFilterConstructor))
	must(registry.RegisterTokenFilter(SynonymName, SynonymFilterConstructor))
	must(registry.RegisterTokenFilter(CloseGapsName, CloseGapsFilterConstructor))
	must(registry.RegisterTokenMap(StopWordsName, StopWordsConstructor))
}

// addAnalyzers composes the registered components into the two analyzers.
func addAnalyzers(m *mapping.IndexMappingImpl) error {
	steps := []struct {
		add    func(string, map[string]interface{}) error
		name   string
		config map[string]interface{}
	}{
		{m.AddCustomTokenFilter, stopFilterName, map[string]interface{}{
			"type": stop.Name, "stop_token_map": StopWordsName}},
		{m.AddCustomTokenFilter, nfkcFilterName, map[string]interface{}{
			"type": unicodenorm.Name, "form": unicodenorm.NFKC}},
		{m.AddCustomAnalyzer, AnalyzerName, map[string]interface{}{
			"type":      custom.Name,
			"tokenizer": TokenizerName,
			"token_filters": []interface{}{
				lowercase.Name, KatakanaStemName, SynonymName, stopFilterName, CloseGapsName,
			},
		}},
		{m.AddCustomAnalyzer, BigramAnalyzerName, map[string]interface{}{
			"type":          custom.Name,
			"tokenizer":     unicode.Name,
			"token_filters": []interface{}{nfkcFilterName, lowercase.Name, cjk.BigramName},
		}},
	}
	for _, s := range steps {
		if err := s.add(s.name, s.config); err != nil {
			return fmt.Errorf("analyzer %s: %w", s.name, err)
		}
	}
	return nil
}

// Term is one term an analyzer produced. Start and End are byte offsets
// into the analyzed text; Field is "text" for the kagome analyzer and
// "bigram" for the bigram sub-field.
type Term struct {
	Term       string
	Start, End int
	Position   int
	Field      string
}

// analysisMapping is built once, on first use, and never changed: Analyze
// needs the analyzers without an open index.
var analysisMapping = sync.OnceValues(newMapping)

// Analyze returns the terms the index would store for text: the kagome
// analyzer's (Field "text") followed by the bigram analyzer's (Field
// "bigram"). It loads kagome's dictionary on first use.
func Analyze(text string) ([]Term, error) {
	m, err := analysisMapping()
	if err != nil {
		return nil, err
	}
	var terms []Term
	for _, a := range []struct{ analyzer, field string }{
		{AnalyzerName, fieldText}, {BigramAnalyzerName, "bigram"},
	} {
		an := m.AnalyzerNamed(a.analyzer)
		if an == nil {
			return nil, fmt.Errorf("analyze: no analyzer %s", a.analyzer)
		}
		for _, tok := range an.Analyze([]byte(text)) {
			terms = append(terms, Term{
				Term: string(tok.Term), Start: tok.Start, End: tok.End,
				Position: tok.Position, Field: a.field,
			})
		}
	}
	return terms, nil
}
