package index

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/unicode/norm"
)

// queryWords splits the analyst's text on spaces after NFKC (so full-width
// spaces split too) and drops quotes, which add nothing: every word is
// searched as a phrase already.
func queryWords(text string) []string {
	var words []string
	for _, w := range strings.Fields(norm.NFKC.String(text)) {
		if w = strings.Trim(w, `"'「」『』`); w != "" {
			words = append(words, w)
		}
	}
	return words
}

// wordQuery matches one word, in any of its synonyms' spellings: as a
// kagome term when the word is one, and as a substring in the bigram
// fields, for the compounds kagome segments differently in some contexts
// and for the words it splits (個人情報 → 個人/情報). A word of synonyms.tsv
// needs no bigrams: the tokenizer spots it wherever it is written.
//
// A word of several terms or bigrams matches where all of them occur, not
// as a phrase: the bigrams of a word (誤表, 表示 for 誤表示) are a close net
// (個人情報 needs 人情), and checking positions and reading term vectors took
// over half the time of a search for a word in most documents. Only the
// words themselves are marked in the snippets (see locate). A kagome
// phrase would be a loose one (誤 … 表示 anywhere), so a word kagome splits
// is left to the bigrams.
func (ix *Index) wordQuery(w string) query.Query {
	var qs []query.Query
	single := len(ix.ja.Analyze([]byte(w))) == 1
	if single {
		qs = append(qs, termsQuery(ix.ja, w, fieldTitle, 2), termsQuery(ix.ja, w, fieldText, 1))
		if ix.synonym(w) {
			// The tokenizer spots every spelling of a synonyms.tsv word,
			// however kagome segments around it: the bigrams add nothing.
			return bleve.NewDisjunctionQuery(qs...)
		}
	}
	for _, v := range ix.bigramVariants(w) {
		// Not the title's bigram twin: the title is also in the text, so
		// it would only rank a title match higher, at the cost of a second
		// pass over the commonest bigrams.
		qs = append(qs, termsQuery(ix.bigram, v, fieldTextBigram, 0.5))
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// synonym reports whether w is a word of synonyms.tsv.
func (ix *Index) synonym(w string) bool {
	key := termKey(w)
	for _, g := range ix.synonyms {
		for _, s := range g {
			if termKey(s) == key {
				return true
			}
		}
	}
	return false
}

// termsQuery matches the documents whose field holds every term an
// analyzes text to (none: none).
func termsQuery(an analysis.Analyzer, text, field string, boost float64) query.Query {
	toks := an.Analyze([]byte(text))
	seen := map[string]bool{}
	var terms []query.Query
	for _, tok := range toks {
		if term := string(tok.Term); !seen[term] {
			seen[term] = true
			t := bleve.NewTermQuery(term)
			t.SetField(field)
			terms = append(terms, t)
		}
	}
	switch len(terms) {
	case 0:
		return bleve.NewMatchNoneQuery()
	case 1:
		q := terms[0].(*query.TermQuery)
		q.SetBoost(boost)
		return q
	}
	q := bleve.NewConjunctionQuery(terms...)
	q.SetBoost(boost)
	return q
}

// maxVariants bounds the spellings a word expands to on the bigram fields.
const maxVariants = 16

// bigramVariants spells w every way synonyms.tsv allows, for the bigram
// fields, which see characters and cannot fold synonyms the way the kagome
// analyzer does. A katakana word's trailing ー is dropped (メモリー → メモリ)
// because a bigram phrase is a substring match: メモリ finds both spellings.
func (ix *Index) bigramVariants(w string) []string {
	w = strings.ToLower(w)
	variants := []string{w}
	for _, g := range ix.synonyms {
		found := ""
		for _, s := range g { // the longest member: ランサムウェア, not ランサム
			if s = strings.ToLower(fold(s).text); strings.Contains(w, s) && len(s) > len(found) {
				found = s
			}
		}
		if found == "" {
			continue
		}
		var next []string
		for _, v := range variants {
			for _, s := range g {
				next = append(next, strings.ReplaceAll(v, found, strings.ToLower(fold(s).text)))
			}
		}
		variants = next
	}
	seen := map[string]bool{}
	out := variants[:0]
	for _, v := range variants {
		v = stemTrailingKatakana(v)
		if !seen[v] && len(out) < maxVariants {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// stemTrailingKatakana applies katakanaStem to the katakana run that ends w.
func stemTrailingKatakana(w string) string {
	i := len(w)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(w[:i])
		if r < 0x30A0 || r > 0x30FF {
			break
		}
		i -= size
	}
	return w[:i] + katakanaStem(w[i:])
}
