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

// wordQuery matches one word as a phrase in the kagome fields or, for the
// compounds kagome segments differently in some contexts, as a substring
// in the bigram fields, in any of its synonyms' spellings. A phrase, not a
// match query: bleve's match is OR, and 個人情報 would find every 情報.
//
// exact checks term positions; without it every phrase is relaxed to
// "all its terms occur", which finds the same documents in practice (個人情報
// needs the bigram 人情) at a fraction of the cost: position checks and
// reading term vectors took over half the time of a search for a word
// found in most documents. Search matches and ranks with the relaxed query
// and checks positions only on the page of hits it shows.
func (ix *Index) wordQuery(w string, exact bool) query.Query {
	var qs []query.Query
	// Relaxed, the words of a kagome phrase could be anywhere (誤表示: 誤 …
	// 表示); the bigrams of a word (誤表, 表示) are a far closer net.
	single := len(ix.ja.Analyze([]byte(w))) == 1
	if exact || single {
		qs = append(qs, phraseQuery(ix.ja, w, fieldTitle, 2, exact), phraseQuery(ix.ja, w, fieldText, 1, exact))
	}
	for _, v := range ix.bigramVariants(w) {
		// The title is also in the text: its bigram twin only ranks a
		// title match higher, which the kagome title term does already
		// for a one-term word.
		if exact || !single {
			qs = append(qs, phraseQuery(ix.bigram, v, fieldTitleBigram, 1, exact))
		}
		qs = append(qs, phraseQuery(ix.bigram, v, fieldTextBigram, 0.5, exact))
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// phraseQuery analyzes text itself, as bleve's MatchPhraseQuery would, to
// turn a single term into a term query: bleve checks a one-term phrase
// through term locations all the same, at 2–3× the cost. Not exact, a
// phrase of several terms becomes the conjunction of its terms.
func phraseQuery(an analysis.Analyzer, text, field string, boost float64, exact bool) query.Query {
	toks := an.Analyze([]byte(text))
	var q interface {
		query.Query
		SetBoost(float64)
	}
	switch {
	case len(toks) == 0:
		return bleve.NewMatchNoneQuery()
	case len(toks) == 1:
		t := bleve.NewTermQuery(string(toks[0].Term))
		t.SetField(field)
		q = t
	case !exact:
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
		q = bleve.NewConjunctionQuery(terms...)
	default:
		terms := make([][]string, toks[len(toks)-1].Position-toks[0].Position+1)
		for _, t := range toks {
			p := t.Position - toks[0].Position
			terms[p] = append(terms[p], string(t.Term))
		}
		mp := query.NewMultiPhraseQuery(terms, field)
		mp.SetField(field)
		q = mp
	}
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
