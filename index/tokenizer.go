package index

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/filter"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// TokenizerName is the name the kagome tokenizer is registered under.
const TokenizerName = "incidex_kagome"

// defaultStopTags are Lucene's stoptags.txt classes, matched as prefixes:
// particles, auxiliary verbs, symbols, conjunctions, fillers.
var defaultStopTags = []string{"助詞", "助動詞", "記号", "接続詞", "フィラー", "非言語音", "その他-間投"}

// KagomeTokenizer segments Japanese text with kagome's IPA dictionary in
// search mode (long compounds are also split into their parts), the way
// Lucene's JapaneseTokenizer does, and then:
//
//   - folds the text to NFKC first (Lucene's CJKWidthCharFilter) and maps
//     every token back to byte offsets of the original text;
//   - keeps given words whole (a user dictionary, like Lucene's userDict):
//     the words of synonyms.tsv, so the synonym filter sees 誤送信 and not
//     誤る+送信;
//   - drops punctuation-only tokens (IPADIC tags ASCII symbols as nouns) and
//     tokens whose part of speech is a stop tag (PartOfSpeechStop);
//   - emits each token's base form (BaseForm: 盗まれた → 盗む).
//
// Part of speech and base form are applied here, not in token filters,
// because a bleve Token has no attribute to carry kagome's features to a
// later filter (Lucene uses PartOfSpeechAttribute and BaseFormAttribute).
//
// Start-up: a search process should answer within 1.5 s; loading the IPA
// dictionary takes 1.06–1.19 s (0.9–1.7 s on this shared 2-core machine),
// opening a 100k-document index 10–40 ms. So nothing is loaded until text
// is analyzed: a search by filters alone never loads kagome (whole process
// 0.19–0.36 s, 0.2 s CPU). Short text (a query) is first analyzed with
// ipa.DictShrink, which loads in about half the time (0.53–0.85 s) and
// segments identically with the same parts of speech (0 differences in
// 14,932 tokens of the seed notices) but has no base forms. Base forms
// differ from the surface only for 動詞, 形容詞 and 助動詞, so when a query
// keeps none of those the shrunk result is exact; otherwise, and for longer
// text (documents), the full dictionary is loaded. Measured on 100k
// documents, a whole text search process takes 0.97–1.48 s (1.0–1.2 s
// CPU) instead of 1.39–2.03 s (1.3–1.8 s CPU) with the full dictionary.
type KagomeTokenizer struct {
	stopTags *filter.POSFilter
	full     func() *tokenizer.Tokenizer
	shrunk   func() *tokenizer.Tokenizer
	// fullLoaded turns the shrunk attempt off once full is in memory.
	fullLoaded atomic.Bool
}

// shortText is the longest text (in bytes) tried with the shrunk
// dictionary first: queries are shorter, documents longer and almost
// always hold a verb.
const shortText = 256

// inflecting are the parts of speech whose base form can differ from the
// surface in IPADIC.
var inflecting = filter.NewPOSFilter(filter.POS{"動詞"}, filter.POS{"形容詞"}, filter.POS{"助動詞"})

// NewKagomeTokenizer returns a tokenizer that drops the given part-of-speech
// tags ("助詞", "名詞-数": prefixes of kagome's POS) and keeps each of words
// whole, whatever the dictionary would make of it.
func NewKagomeTokenizer(stopTags, words []string) (*KagomeTokenizer, error) {
	var pos []filter.POS
	for _, t := range stopTags {
		pos = append(pos, strings.Split(t, "-"))
	}
	var user dict.UserDictRecords
	seen := map[string]bool{}
	for _, w := range words {
		w = fold(w).text
		if w == "" || seen[w] {
			continue
		}
		seen[w] = true
		user = append(user, dict.UserDicRecord{Text: w, Tokens: []string{w}, Yomi: []string{w}, Pos: "名詞"})
	}
	udict, err := user.NewUserDict()
	if err != nil {
		return nil, fmt.Errorf("kagome user dictionary: %w", err)
	}
	load := func(d func() *dict.Dict) func() *tokenizer.Tokenizer {
		return sync.OnceValue(func() *tokenizer.Tokenizer {
			t, err := tokenizer.New(d(), tokenizer.OmitBosEos(), tokenizer.UserDict(udict))
			if err != nil { // only for a nil dictionary, which ipa never returns
				panic(fmt.Sprintf("kagome: %v", err))
			}
			return t
		})
	}
	t := &KagomeTokenizer{stopTags: filter.NewPOSFilter(pos...), shrunk: load(ipa.DictShrink)}
	full := load(ipa.Dict)
	t.full = func() *tokenizer.Tokenizer {
		k := full()
		t.fullLoaded.Store(true)
		return k
	}
	return t, nil
}

// Tokenize implements analysis.Tokenizer.
func (t *KagomeTokenizer) Tokenize(input []byte) analysis.TokenStream {
	f := fold(string(input))
	if len(f.text) <= shortText && !t.fullLoaded.Load() {
		if morphs := t.shrunk().Analyze(f.text, tokenizer.Search); !t.needBaseForms(morphs) {
			return t.stream(f, morphs)
		}
	}
	return t.stream(f, t.full().Analyze(f.text, tokenizer.Search))
}

func (t *KagomeTokenizer) keep(m tokenizer.Token) bool {
	return hasWordRune(m.Surface) && !t.stopTags.Match(m.POS())
}

func (t *KagomeTokenizer) needBaseForms(morphs []tokenizer.Token) bool {
	for _, m := range morphs {
		if t.keep(m) && inflecting.Match(m.POS()) {
			return true
		}
	}
	return false
}

func (t *KagomeTokenizer) stream(f folded, morphs []tokenizer.Token) analysis.TokenStream {
	rv := make(analysis.TokenStream, 0, len(morphs))
	for _, m := range morphs {
		if !t.keep(m) {
			continue
		}
		term := m.Surface
		if base, ok := m.BaseForm(); ok && base != "" && base != "*" {
			term = base
		}
		// m.Start/End count runes; Position is the byte offset bleve wants.
		start, end := f.span(m.Position, m.Position+len(m.Surface))
		rv = append(rv, &analysis.Token{
			Term:     []byte(term),
			Start:    start,
			End:      end,
			Position: len(rv) + 1,
			Type:     tokenType(term),
		})
	}
	return rv
}

func hasWordRune(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
}

func tokenType(term string) analysis.TokenType {
	switch {
	case strings.IndexFunc(term, func(r rune) bool { return !unicode.IsDigit(r) }) < 0:
		return analysis.Numeric
	case strings.IndexFunc(term, func(r rune) bool { return r >= 0x3000 }) >= 0:
		return analysis.Ideographic
	}
	return analysis.AlphaNumeric
}

// KagomeTokenizerConstructor builds the tokenizer from a bleve config:
// "stop_tags" (list of POS prefixes; default Lucene's classes) and
// "keep_synonyms" (default true: keep the words of synonyms.tsv whole, so
// the synonym filter sees 誤送信 as one token, not 誤る+送信).
func KagomeTokenizerConstructor(config map[string]interface{}, _ *registry.Cache) (analysis.Tokenizer, error) {
	tags := defaultStopTags
	if v, ok := config["stop_tags"]; ok {
		list, ok := v.([]interface{})
		if !ok {
			return nil, fmt.Errorf("%s: stop_tags must be a list of strings", TokenizerName)
		}
		tags = nil
		for _, x := range list {
			s, ok := x.(string)
			if !ok {
				return nil, fmt.Errorf("%s: stop_tags must be a list of strings", TokenizerName)
			}
			tags = append(tags, s)
		}
	}
	var words []string
	if keep, ok := config["keep_synonyms"].(bool); !ok || keep {
		groups, err := loadSynonyms()
		if err != nil {
			return nil, err
		}
		for _, g := range groups {
			words = append(words, g...)
		}
	}
	return NewKagomeTokenizer(tags, words)
}
