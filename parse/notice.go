package parse

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ikawaha/kagome/v2/tokenizer"

	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/parse/jpdate"
	"github.com/incidex/incidex/parse/jpnum"
)

// Notice is one notice, analyzed once and read by every extractor: its
// width-folded text, kagome tokens, sentences and the dates and counts
// written in it. Offsets are bytes into Text.
type Notice struct {
	Text    string
	Title   string // the heading, when the page gave one
	Heading string // the aggregator's heading line, as written
	// HeadOrg and HeadDate are what an aggregator heading or a blog post's
	// metadata say of the notice: its organization and posting date.
	HeadOrg  string
	HeadDate jpdate.Date

	Tokens    []Token
	Lines     []Span // non-blank lines
	Sentences []Span
	Dates     []jpdate.Mention
	Counts    []jpnum.Count

	hits map[*lexicon][]hit // each lexicon's cues in Text, found once
}

// Token is a kagome token with byte offsets into the notice text: the
// corpus token handed on to the index, and the third POS level.
type Token struct {
	corpus.Token
	Sub string // third POS level, e.g. "組織", "地域"
}

// Span is a range of the notice text.
type Span struct{ Start, End int }

// analyze fills in the tokens, sentences, dates and counts of n.
func (a *Analyzer) analyze(n *Notice) {
	toks := a.tok.Analyze(n.Text, tokenizer.Normal)
	n.Tokens = make([]Token, 0, len(toks))
	for _, t := range toks {
		if t.Class == tokenizer.DUMMY {
			continue
		}
		tk := Token{Token: corpus.Token{Surface: t.Surface, Start: t.Position, End: t.Position + len(t.Surface)}}
		// FeatureAt reads one feature without building the whole slice.
		if p0, ok := t.FeatureAt(0); ok {
			tk.POS = p0
			if p1, ok := t.FeatureAt(1); ok && p1 != "*" {
				tk.POS = posName(p0, p1)
			}
			if p2, ok := t.FeatureAt(2); ok && p2 != "*" {
				tk.Sub = p2
			}
		}
		tk.Base = t.Surface
		if b, ok := t.BaseForm(); ok && b != "*" {
			tk.Base = b
		}
		n.Tokens = append(n.Tokens, tk)
	}
	n.Lines = lineSpans(n.Text)
	n.Sentences = sentences(n.Text)
	n.Dates = jpdate.Find(n.Text, n.HeadDate)
	if n.HeadDate.IsZero() {
		// A date without a year before any full date takes the notice's
		// own year: read again with the first full date as reference.
		var ref jpdate.Date
		missing := false
		for _, m := range n.Dates {
			missing = missing || m.Date.Year == 0
			if ref.IsZero() && m.YearStated && m.Date.Complete() {
				ref = m.Date
			}
		}
		if missing && ref.IsZero() {
			ref.Year = contextYear(n.Heading)
		}
		if missing && !ref.IsZero() {
			n.Dates = jpdate.Find(n.Text, ref)
		}
	}
	n.Counts = jpnum.Counts(n.Text)
}

// maxSentence caps a sentence's length in bytes. Real sentences are far
// shorter; the cap keeps every per-sentence check linear on pathological
// input (a 500 KB line with no 。).
const maxSentence = 600

// posName joins two POS levels ("名詞-固有名詞") without allocating for the
// frequent ones.
func posName(p0, p1 string) string {
	switch p0 + "\x00" + p1 {
	case "名詞\x00一般":
		return "名詞-一般"
	case "助詞\x00格助詞":
		return "助詞-格助詞"
	case "助詞\x00係助詞":
		return "助詞-係助詞"
	case "助詞\x00連体化":
		return "助詞-連体化"
	case "名詞\x00サ変接続":
		return "名詞-サ変接続"
	}
	return p0 + "-" + p1
}

// sentences splits text at 。！？ and line ends, and cuts overlong ones at a
// 、 or space near the cap.
func sentences(text string) []Span {
	var out []Span
	emit := func(start, end int) {
		for end-start > maxSentence {
			cut := start + maxSentence
			for cut > start+1 && !utf8.RuneStart(text[cut]) {
				cut--
			}
			if i := strings.LastIndexAny(text[start+maxSentence/2:cut], "、 "); i >= 0 {
				cut = start + maxSentence/2 + i + 1
				for cut < end && !utf8.RuneStart(text[cut]) {
					cut++
				}
			}
			out = append(out, Span{start, cut})
			start = cut
		}
		if strings.TrimSpace(text[start:end]) != "" {
			out = append(out, Span{start, end})
		}
	}
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r == '。' || r == '\n' || r == '！' || r == '？' {
			emit(start, i)
			start = i
		}
	}
	emit(start, len(text))
	return out
}

// lineOf returns the index in n.Lines of the line holding off, or the
// line before it when off is on a blank line; -1 before the first line.
func (n *Notice) lineOf(off int) int {
	return sort.Search(len(n.Lines), func(i int) bool { return n.Lines[i].Start > off }) - 1
}

// sentenceAt returns the sentence holding byte offset off.
func (n *Notice) sentenceAt(off int) Span {
	i := sort.Search(len(n.Sentences), func(i int) bool { return n.Sentences[i].End > off })
	if i < len(n.Sentences) && n.Sentences[i].Start <= off {
		return n.Sentences[i]
	}
	return Span{off, off}
}

// tokensIn returns the tokens that lie within text[start:end].
func (n *Notice) tokensIn(start, end int) []Token {
	i := sort.Search(len(n.Tokens), func(i int) bool { return n.Tokens[i].Start >= start })
	j := sort.Search(len(n.Tokens), func(j int) bool { return n.Tokens[j].Start >= end })
	if i > j {
		return nil
	}
	return n.Tokens[i:j]
}

// quote returns text[s.Start:s.End] trimmed, for evidence.
func (n *Notice) quote(s Span) string { return strings.TrimSpace(n.Text[s.Start:s.End]) }

// contextYear returns the year of an aggregator's serial in its heading
// (【セキュリティ事件簿#2023-444】 → 2023), or 0: the year its posts' dates
// without a year belong to when no full date is written. (A fiscal year,
// 2011年度, is not one: it often dates the data, not the events.)
func contextYear(heading string) int {
	serial := corpus.Serial(heading)
	if len(serial) < 4 {
		return 0
	}
	y, _ := strconv.Atoi(serial[:4])
	return y
}

// runesAtMost reports whether s has at most max runes, reading no more of
// s than that: lines can be megabytes long, and this is asked per date.
func runesAtMost(s string, max int) bool {
	if len(s) <= max {
		return true
	}
	for range s {
		if max--; max < 0 {
			return false
		}
	}
	return true
}
