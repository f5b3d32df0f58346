package index

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// folded is text folded to NFKC together with the way back to the original
// bytes. Lucene folds width with a char filter that corrects offsets; bleve's
// char filters cannot (token offsets would point into the filtered text and
// highlighting would break), so the tokenizer folds the text itself and maps
// every token back through segs.
type folded struct {
	text string
	segs []segment // nil when folding changed nothing
}

// segment is one NFKC segment: bytes [n, n+nlen) of the folded text came
// from bytes [o, o+olen) of the original.
type segment struct{ n, nlen, o, olen int }

func fold(s string) folded {
	if norm.NFKC.IsNormalString(s) {
		return folded{text: s}
	}
	var (
		b    strings.Builder
		segs []segment
		it   norm.Iter
	)
	b.Grow(len(s))
	it.InitString(norm.NFKC, s)
	n, o := 0, 0
	for !it.Done() {
		b.Write(it.Next())
		// A long expansion (㈱ → "(株)") comes out in several pieces before
		// the source position moves; they form one segment.
		if it.Pos() == o && !it.Done() {
			continue
		}
		segs = append(segs, segment{n: n, nlen: b.Len() - n, o: o, olen: it.Pos() - o})
		n, o = b.Len(), it.Pos()
	}
	return folded{text: b.String(), segs: segs}
}

// span maps bytes [start, end) of the folded text to the original text.
// A token that begins or ends inside a segment (㈱ folds to "(株)") takes the
// whole segment, so text[start:end] is always what the reader sees.
func (f folded) span(start, end int) (int, int) {
	if f.segs == nil {
		return start, end
	}
	first := f.find(start)
	last := first
	if end > start {
		last = f.find(end - 1)
	}
	return first.o, last.o + last.olen
}

func (f folded) find(n int) segment {
	i := sort.Search(len(f.segs), func(i int) bool { return f.segs[i].n+f.segs[i].nlen > n })
	if i == len(f.segs) {
		i--
	}
	return f.segs[i]
}

// orgAffixes are the legal-form words notices add or leave out of an
// organization's name at will; NormalizeOrg drops them so "サンプル商事株式会社"
// and "(株)サンプル商事" compare equal.
var orgAffixes = strings.NewReplacer(
	"株式会社", "", "(株)", "",
	"有限会社", "", "(有)", "",
	"合同会社", "", "(同)", "",
)

// NormalizeOrg folds an organization name for matching: NFKC (so ㈱ and
// （株） read (株)), lower case, legal-form words and all spaces removed.
func NormalizeOrg(name string) string {
	s := strings.ToLower(norm.NFKC.String(name))
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	return orgAffixes.Replace(s)
}

// foldWidth folds s the way parse folds a notice (full-width ASCII to
// ASCII, half-width katakana to full width, then NFC so ｶﾞ is one ガ),
// keeping the way back to the original bytes as fold does.
func foldWidth(s string) folded {
	out := norm.NFC.String(width.Fold.String(s))
	if out == s {
		return folded{text: s}
	}
	var (
		b    strings.Builder
		segs []segment
		run  []byte // a starter and the marks that follow it, folded
	)
	b.Grow(len(out))
	start := 0 // where run began in s
	flush := func(end int) {
		if end > start {
			n := b.Len()
			b.WriteString(norm.NFC.String(string(run)))
			segs = append(segs, segment{n: n, nlen: b.Len() - n, o: start, olen: end - start})
		}
		run, start = run[:0], end
	}
	for o, r := range s {
		f := width.Fold.String(string(r))
		if norm.NFC.PropertiesString(f).CCC() == 0 {
			flush(o)
		}
		run = append(run, f...)
	}
	flush(len(s))
	return folded{text: b.String(), segs: segs}
}
