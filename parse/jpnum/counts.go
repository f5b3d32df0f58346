package jpnum

import (
	"strings"
	"unicode/utf8"
)

// Count is a number followed by a counter word, as written in a text.
type Count struct {
	Value            int64
	Start, End       int // byte offsets in the ORIGINAL text of the whole span incl. qualifiers and counter
	NumStart, NumEnd int // byte offsets of just the number
	// Qualifier is normalized: "約" (約, およそ, 概ね, 程度, ほど), "最大"
	// (最大, 最大で, 上限), "延べ" (のべ, 延べ), "以上" (以上, 超, を超える),
	// "未満" (未満, 以下, 弱) or "". When several qualifiers surround one
	// number, as in 最大で約1万件, the bound wins over the approximation.
	Qualifier string
	// Unit is the counter in normalized form: 件, 名, 人, 人分, 世帯,
	// アカウント, 契約, 社, 校, 団体, 口座, 枚, 通, 台, 個, 件分, 名分, ID, ...
	// 万件 is not a unit: 万 is part of the number.
	Unit string
}

// maxPreQualifiers bounds the backward walk over qualifiers such as
// 最大で約; real notices never stack more than two.
const maxPreQualifiers = 3

// Counts returns every counted quantity in text, in order.
//
// A count is a number followed directly, or after spaces, by a counter
// word; a number with anything else before its counter, as in
// "1,234のお客様の情報件", is not a count.
// Spans never overlap and are returned in text order.
func Counts(text string) []Count {
	var out []Count
	floor := 0 // qualifiers may not reach back into the previous count
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if c, _ := classify(r); c != cArabic && c != cKanji && c != cSmall {
			i += n
			continue
		}
		end := numberEnd(text, i)
		if c, ok := countAt(text, i, end, floor); ok {
			out = append(out, c)
			i, floor = c.End, c.End
			continue
		}
		// Skip the whole run so that "ABC123件" cannot match as "23件".
		i = end
	}
	return out
}

// numberEnd returns the end of the run of number characters starting at
// i. Separators and points are taken only between Arabic digits, so the
// period in the heading "1.経緯" ends the run.
func numberEnd(text string, i int) int {
	prevArabic := false
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		c, _ := classify(r)
		switch c {
		case cArabic:
			prevArabic = true
		case cKanji, cSmall, cBig:
			prevArabic = false
		case cComma, cPoint:
			if !prevArabic || !arabicAt(text, i+n) {
				return i
			}
			prevArabic = false
		default:
			return i
		}
		i += n
	}
	return i
}

func arabicAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	c, _ := classify(r)
	return c == cArabic
}

// countAt builds the Count for the number at text[ns:ne], if it is one.
func countAt(text string, ns, ne, floor int) (Count, bool) {
	if blockedBefore(text, ns) {
		return Count{}, false
	}
	v, k := parseNumber(text[ns:ne])
	if k != errNone {
		return Count{}, false
	}
	unit, ue, ok := counterAt(text, skipSpaces(text, ne))
	if !ok {
		return Count{}, false
	}
	c := Count{Value: v, Start: ns, End: ue, NumStart: ns, NumEnd: ne, Unit: unit}
	rank := 0
	if q, ok := longestPrefix(vocab.post, text[ue:]); ok {
		c.End += len(q.surface)
		c.Qualifier, rank = q.norm, q.rank
	}
	pos := ns
	for range maxPreQualifiers {
		q, qs, ok := preQualifierBefore(text, skipSpacesBack(text, pos, floor), floor)
		if !ok {
			break
		}
		if c.Qualifier == "" || q.rank < rank {
			c.Qualifier, rank = q.norm, q.rank
		}
		pos, c.Start = qs, qs
	}
	return c, true
}

// blockedBefore reports whether the character before the number at ns
// means it is not a quantity: a vague or ordinal prefix (数百, 第2), or,
// for Arabic digits, an identifier, version, phone number or date that
// the number is glued to (ABC123, v1.2, 03-1234-5678, 2024/3/1).
func blockedBefore(text string, ns int) bool {
	prev, n := utf8.DecodeLastRuneInString(text[:ns])
	if n == 0 {
		return false
	}
	if vocab.noPrefix[prev] {
		return true
	}
	if first, _ := utf8.DecodeRuneInString(text[ns:]); !isASCIIDigit(first) && !isFullDigit(first) {
		return false
	}
	if isAlnum(prev) {
		return true
	}
	switch prev {
	case '-', '/', ':', '.', '_', '－', '／', '：', '．':
		before, _ := utf8.DecodeLastRuneInString(text[:ns-n])
		return isAlnum(before)
	}
	return false
}

// counterAt matches a counter word at text[p:], refusing compounds that
// merely start like one (2通り, 3個人) and counters followed by text that
// makes the figure a rate or an ordinal (1件あたり, 3件目).
func counterAt(text string, p int) (unit string, end int, ok bool) {
	rest := text[p:]
	for _, w := range vocab.compounds {
		if strings.HasPrefix(rest, w) {
			return "", 0, false
		}
	}
	c, ok := longestPrefix(vocab.counters, rest)
	if !ok {
		return "", 0, false
	}
	end = p + len(c.surface)
	for _, w := range vocab.after {
		if strings.HasPrefix(text[end:], w) {
			return "", 0, false
		}
	}
	// An ASCII counter must end a word: "3ID" is a count, "3IDEA" is not.
	last, _ := utf8.DecodeLastRuneInString(c.surface)
	next, _ := utf8.DecodeRuneInString(text[end:])
	if isASCIIAlnum(last) && isASCIIAlnum(next) {
		return "", 0, false
	}
	return c.norm, end, true
}

func longestPrefix(ws []word, s string) (word, bool) {
	for _, w := range ws {
		if strings.HasPrefix(s, w.surface) {
			return w, true
		}
	}
	return word{}, false
}

// preQualifierBefore matches a qualifier ending at q and starting no
// earlier than floor, unless it is the tail of a longer word such as
// 予約 or 契約.
func preQualifierBefore(text string, q, floor int) (word, int, bool) {
	head := text[:q]
	for _, w := range vocab.pre {
		if q-len(w.surface) < floor || !strings.HasSuffix(head, w.surface) {
			continue
		}
		for _, np := range vocab.notPre {
			if strings.HasSuffix(np, w.surface) && strings.HasSuffix(head, np) {
				return word{}, 0, false
			}
		}
		return w, q - len(w.surface), true
	}
	return word{}, 0, false
}

// isSpace accepts the blanks that appear inside a line of a notice;
// a line break ends the phrase.
func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0'
}

func skipSpaces(text string, i int) int {
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isSpace(r) {
			break
		}
		i += n
	}
	return i
}

func skipSpacesBack(text string, i, floor int) int {
	for i > floor {
		r, n := utf8.DecodeLastRuneInString(text[floor:i])
		if !isSpace(r) {
			break
		}
		i -= n
	}
	return i
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }
func isFullDigit(r rune) bool  { return r >= '０' && r <= '９' }

func isASCIIAlnum(r rune) bool {
	return isASCIIDigit(r) || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_'
}

// isAlnum also covers full-width Latin letters and digits, which some
// notices use for identifiers such as ＡＢＣ１２３.
func isAlnum(r rune) bool {
	return isASCIIAlnum(r) || isFullDigit(r) || r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ'
}
