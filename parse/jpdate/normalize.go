package jpdate

import (
	"unicode/utf8"

	"golang.org/x/text/width"
)

// fold maps one rune to the form the scanner matches on. Full-width ASCII
// (２０２４／２／１５) becomes ASCII through x/text/width; the ideographic
// space becomes a space; the many dashes, tildes and apostrophes that notices
// use interchangeably collapse to '-', '~' and '\”.
//
// Folding is rune by rune, never merging or splitting runes, so a folded
// rune index maps back to exactly one span of the original text.
func fold(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	switch r {
	case '\u3000', '\u00a0':
		return ' '
	case '〜', '～', '∼', '〰':
		return '~'
	case '‐', '‑', '‒', '–', '—', '―', '−', '－':
		return '-'
	case '’', '‘', '＇', '′':
		return '\''
	}
	if r < 0xFF00 {
		// Kanji and kana, the bulk of a notice, fold to themselves; only
		// the Halfwidth and Fullwidth Forms block needs the width table.
		return r
	}
	if f := width.LookupRune(r).Folded(); f != 0 {
		return f
	}
	return r
}

// normalize folds text into runes and records, for each rune, its byte
// offset in text; off has one extra entry, len(text), so that the end of
// the rune span [i, j) is always off[j]. Invalid UTF-8 bytes become
// utf8.RuneError one byte at a time, as in a range loop.
func normalize(text string) (rs []rune, off []int) {
	n := utf8.RuneCountInString(text)
	rs = make([]rune, 0, n)
	off = make([]int, 0, n+1)
	for i, r := range text {
		rs = append(rs, fold(r))
		off = append(off, i)
	}
	off = append(off, len(text))
	return rs, off
}
