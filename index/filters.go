package index

import (
	"bufio"
	"bytes"
	_ "embed" // synonyms.tsv and stopwords.txt
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// KatakanaStemName is the name KatakanaStemFilter is registered under.
const KatakanaStemName = "incidex_katakana_stem"

// katakanaStemMinLength is Lucene's default: shorter words such as コー
// (code) or バー keep their long vowel.
const katakanaStemMinLength = 4

// KatakanaStemFilter drops the trailing long-vowel mark of katakana terms
// of four or more characters, as Lucene's JapaneseKatakanaStemFilter does,
// so メモリー and メモリ, サーバー and サーバ are the same term.
type KatakanaStemFilter struct{}

// NewKatakanaStemFilter returns the filter.
func NewKatakanaStemFilter() *KatakanaStemFilter { return &KatakanaStemFilter{} }

// Filter implements analysis.TokenFilter.
func (f *KatakanaStemFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		tok.Term = []byte(katakanaStem(string(tok.Term)))
	}
	return input
}

func katakanaStem(s string) string {
	if utf8.RuneCountInString(s) < katakanaStemMinLength || !strings.HasSuffix(s, "ー") {
		return s
	}
	for _, r := range s {
		if r < 0x30A0 || r > 0x30FF { // the Katakana block, ー included
			return s
		}
	}
	return strings.TrimSuffix(s, "ー")
}

// KatakanaStemFilterConstructor builds the filter for the registry.
func KatakanaStemFilterConstructor(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
	return NewKatakanaStemFilter(), nil
}

// SynonymName is the name SynonymFilter is registered under.
const SynonymName = "incidex_synonym"

//go:embed synonyms.tsv
var synonymsTSV []byte

// loadSynonyms reads synonyms.tsv: one group per line, words separated by
// tabs, the canonical word first.
func loadSynonyms() ([][]string, error) {
	var groups [][]string
	sc := bufio.NewScanner(bytes.NewReader(synonymsTSV))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		words := strings.Split(line, "\t")
		if len(words) < 2 {
			return nil, fmt.Errorf("synonyms.tsv:%d: a group needs two or more tab-separated words", n)
		}
		groups = append(groups, words)
	}
	return groups, sc.Err()
}

// termKey folds a word the way the analyzer folds a term before the
// synonym filter sees it, so synonyms.tsv can be written naturally.
func termKey(w string) string {
	return katakanaStem(strings.ToLower(fold(strings.TrimSpace(w)).text))
}

// SynonymFilter rewrites every word of a synonym group to the group's
// canonical term (漏洩, 流出 → 漏えい), at index and at query time alike, so
// a search for any spelling finds them all.
type SynonymFilter struct {
	canonical map[string][]byte
}

// NewSynonymFilter returns a filter for the given groups (canonical first).
func NewSynonymFilter(groups [][]string) *SynonymFilter {
	m := map[string][]byte{}
	for _, g := range groups {
		c := []byte(termKey(g[0]))
		for _, w := range g {
			m[termKey(w)] = c
		}
	}
	return &SynonymFilter{canonical: m}
}

// Filter implements analysis.TokenFilter.
func (f *SynonymFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if c, ok := f.canonical[string(tok.Term)]; ok {
			tok.Term = c
		}
	}
	return input
}

// SynonymFilterConstructor builds the filter from the embedded synonyms.tsv.
func SynonymFilterConstructor(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
	groups, err := loadSynonyms()
	if err != nil {
		return nil, err
	}
	return NewSynonymFilter(groups), nil
}

// CloseGapsName is the name CloseGapsFilter is registered under.
const CloseGapsName = "incidex_close_gaps"

// CloseGapsFilter renumbers positions 1, 2, 3… after stop filters removed
// tokens. Japanese varies the particles between the same words freely
// (個人情報が漏えい, 個人情報の漏えい, 個人情報漏えい); without the gaps a phrase
// query for one finds all three.
type CloseGapsFilter struct{}

// NewCloseGapsFilter returns the filter.
func NewCloseGapsFilter() *CloseGapsFilter { return &CloseGapsFilter{} }

// Filter implements analysis.TokenFilter.
func (f *CloseGapsFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for i, tok := range input {
		tok.Position = i + 1
	}
	return input
}

// CloseGapsFilterConstructor builds the filter for the registry.
func CloseGapsFilterConstructor(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
	return NewCloseGapsFilter(), nil
}

// StopWordsName is the token map of Japanese stop words (Lucene's list),
// used through bleve's own stop_tokens filter.
const StopWordsName = "incidex_ja_stopwords"

//go:embed stopwords.txt
var stopWordsTxt []byte

// StopWordsConstructor builds the token map for the registry.
func StopWordsConstructor(map[string]interface{}, *registry.Cache) (analysis.TokenMap, error) {
	m := analysis.NewTokenMap()
	if err := m.LoadBytes(stopWordsTxt); err != nil {
		return nil, fmt.Errorf("stopwords.txt: %w", err)
	}
	return m, nil
}
