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
	"golang.org/x/text/unicode/norm"

	"github.com/incidex/incidex/corpus"
)

// TokenizerName is the name the kagome tokenizer is registered under.
const TokenizerName = "incidex_kagome"

// defaultStopTags are Lucene's stoptags.txt classes, matched as prefixes:
// particles, auxiliary verbs, symbols, conjunctions, fillers.
var defaultStopTags = []string{"助詞", "助動詞", "記号", "接続詞", "フィラー", "非言語音", "その他-間投"}

// KagomeTokenizer segments Japanese text with kagome's IPA dictionary the
// way parse does (normal mode), so the index can take the tokens parse made
// of a notice instead of segmenting it a second time (see Stream), and then,
// after Lucene's JapaneseTokenizer and its filters:
//
//   - folds the text's width first (Lucene's CJKWidthCharFilter; the same
//     fold parse applies) and maps every token back to byte offsets of the
//     original text; each term is then NFKC-folded on its own;
//   - joins the tokens a word of synonyms.tsv was split into (誤/送信 →
//     誤送信), so the synonym filter sees whole words, as a user dictionary
//     would (Lucene's userDict);
//   - drops punctuation-only tokens (IPADIC tags ASCII symbols as nouns) and
//     tokens whose part of speech is a stop tag (PartOfSpeechStop);
//   - emits each token's base form (BaseForm: 盗まれた → 盗む).
//
// Normal mode rather than Lucene's search mode: search mode splits some
// compounds only in some contexts (第三者 → 第/三/者), which the bigram twin
// of every text field covers anyway, and the same segmentation as parse's
// is what lets ingest tokenize each notice once.
//
// Part of speech and base form are applied here, not in token filters,
// because a bleve Token has no attribute to carry kagome's features to a
// later filter (Lucene uses PartOfSpeechAttribute and BaseFormAttribute).
//
// Start-up: a search process should answer within 1.5 s; loading the IPA
// dictionary takes 1.06–1.19 s (0.9–1.7 s on this shared 2-core machine),
// opening a 100k-document index 10–40 ms. So nothing is loaded until text
// is analyzed: a search by filters alone never loads kagome. Short text (a
// query) is first analyzed with ipa.DictShrink, which loads in about half
// the time and segments identically with the same parts of speech (0
// differences in 14,932 tokens of the seed notices) but has no base forms.
// Base forms differ from the surface only for 動詞, 形容詞 and 助動詞, so
// when a query keeps none of those the shrunk result is exact; otherwise,
// and for longer text, the full dictionary is loaded.
type KagomeTokenizer struct {
	stopTags *filter.POSFilter
	words    compounds
	full     func() *tokenizer.Tokenizer
	shrunk   func() *tokenizer.Tokenizer
	// fullLoaded turns the shrunk attempt off once full is in memory, or
	// is about to be (Index.Put).
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
// whole, however the dictionary splits it.
func NewKagomeTokenizer(stopTags, words []string) (*KagomeTokenizer, error) {
	var pos []filter.POS
	for _, t := range stopTags {
		pos = append(pos, strings.Split(t, "-"))
	}
	load := func(d func() *dict.Dict) func() *tokenizer.Tokenizer {
		return sync.OnceValue(func() *tokenizer.Tokenizer {
			t, err := tokenizer.New(d(), tokenizer.OmitBosEos())
			if err != nil { // only for a nil dictionary, which ipa never returns
				panic(fmt.Sprintf("kagome: %v", err))
			}
			return t
		})
	}
	t := &KagomeTokenizer{stopTags: filter.NewPOSFilter(pos...), words: newCompounds(words), shrunk: load(ipa.DictShrink)}
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
	f := foldWidth(string(input))
	if len(f.text) <= shortText && !t.fullLoaded.Load() {
		if morphs := t.shrunk().Analyze(f.text, tokenizer.Normal); !t.needBaseForms(morphs) {
			return t.stream(f, tokens(morphs))
		}
	}
	return t.stream(f, tokens(t.full().Analyze(f.text, tokenizer.Normal)))
}

// Stream is what Tokenize returns for text, computed from the tokens parse
// already made of it (corpus.Incident.Tokens) instead of from the text:
// text must be folded the way parse folds it, which Tokenize does too.
func (t *KagomeTokenizer) Stream(text string, toks []corpus.Token) analysis.TokenStream {
	return t.stream(folded{text: text}, toks)
}

// tokens converts kagome's tokens to the form parse hands on.
func tokens(morphs []tokenizer.Token) []corpus.Token {
	out := make([]corpus.Token, 0, len(morphs))
	for _, m := range morphs {
		if m.Class == tokenizer.DUMMY {
			continue
		}
		tk := corpus.Token{Surface: m.Surface, Base: m.Surface, Start: m.Position, End: m.Position + len(m.Surface)}
		if p0, ok := m.FeatureAt(0); ok {
			tk.POS = p0
			if p1, ok := m.FeatureAt(1); ok && p1 != "*" {
				tk.POS = p0 + "-" + p1
			}
		}
		if b, ok := m.BaseForm(); ok && b != "" && b != "*" {
			tk.Base = b
		}
		out = append(out, tk)
	}
	return out
}

func (t *KagomeTokenizer) keep(surface, pos string) bool {
	if !hasWordRune(surface) {
		return false
	}
	levels := [2]string{pos}
	if p0, p1, ok := strings.Cut(pos, "-"); ok {
		levels = [2]string{p0, p1}
		return !t.stopTags.Match(levels[:])
	}
	return !t.stopTags.Match(levels[:1])
}

func (t *KagomeTokenizer) needBaseForms(morphs []tokenizer.Token) bool {
	for _, m := range morphs {
		if hasWordRune(m.Surface) && !t.stopTags.Match(m.POS()) && inflecting.Match(m.POS()) {
			return true
		}
	}
	return false
}

// stream turns tokens of f.text into bleve tokens with offsets into the
// original text. A word of synonyms.tsv found where no token spells it
// (kagome read "なりすましメール" otherwise) is added as a token of its own, at
// the end: nothing reads term positions, and so a search for any spelling
// finds every notice that writes one, without the bigram fields.
func (t *KagomeTokenizer) stream(f folded, toks []corpus.Token) analysis.TokenStream {
	rv := make(analysis.TokenStream, 0, len(toks))
	var whole []span // where a word of t.words was emitted whole
	add := func(term string, from, to int) {
		start, end := f.span(from, to)
		rv = append(rv, &analysis.Token{
			Term:     []byte(norm.NFKC.String(term)),
			Start:    start,
			End:      end,
			Position: len(rv) + 1,
			Type:     tokenType(term),
		})
	}
	for i := 0; i < len(toks); i++ {
		m := toks[i]
		term, pos := m.Base, m.POS
		if j, ok := t.words.join(f.text, toks, i); ok {
			m.End, i = toks[j].End, j
		}
		// A word of t.words is a noun as written (なりすまし, not the verb
		// なりすます), as a user dictionary would make it.
		if w := f.text[m.Start:m.End]; t.words.has(w) {
			term, pos = w, "名詞"
			whole = append(whole, span{m.Start, m.End})
		}
		if !t.keep(f.text[m.Start:m.End], pos) {
			continue
		}
		add(term, m.Start, m.End)
	}
	for _, sp := range t.words.spot(f.text, whole) {
		add(f.text[sp.start:sp.end], sp.start, sp.end)
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
