package jpnum

import (
	"strconv"
	"unicode/utf8"
)

// maxValue is the largest value Parse returns. Above 2^53 a float64, which
// is what most JSON consumers decode incident figures into, can no longer
// hold every integer, and no breach has ever been that large.
const maxValue = 1 << 53

// pow10[k] is 10^k. maxValue < 10^16, so larger powers are never needed
// for a comparison to go one way or the other.
var pow10 = [...]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// noUnit marks "no unit seen yet"; it is larger than any unit exponent so
// that the first unit always passes the "units must decrease" check.
const noUnit = 99

type errKind uint8

const (
	errNone errKind = iota
	errSyntax
	errRange
)

// parseError is returned by Parse. Its message quotes the input, as
// strconv's errors do, so that log lines are self-explanatory.
type parseError struct {
	num  string
	kind errKind
}

func (e *parseError) Error() string {
	if e.kind == errRange {
		return "jpnum: value out of range: " + strconv.Quote(e.num)
	}
	return "jpnum: invalid number: " + strconv.Quote(e.num)
}

// Parse reads one number: "1,234", "１２３４", "二千五百",
// "一万二千三百四十五", "1.2万", "3万5千", "5億", "二〇二三", "壱万" (大字
// optional). Returns an error for empty input, garbage, or overflow
// (> 1<<53).
//
// The whole of s must be the number: no sign, spaces or counter. A decimal
// point is accepted only where the result is whole ("1.2万" but not "1.5").
// Kanji digits written one after another are read positionally, so
// "二〇二三" is 2023 and "一一一" is 111; units must decrease, so "十百"
// and "一万一万" are errors, and 万, 億 and 兆 need a coefficient ("一万",
// never bare "万") while 十, 百 and 千 imply one.
func Parse(s string) (int64, error) {
	v, k := parseNumber(s)
	if k != errNone {
		return 0, &parseError{num: s, kind: k}
	}
	return v, nil
}

// decimal is mant / 10^scale. Only the Arabic form can carry a fraction,
// and only so that a unit can scale it back to a whole number.
type decimal struct {
	mant  int64
	scale int
}

// shift returns d × 10^exp, which must be whole and within range.
func (d decimal) shift(exp int) (int64, errKind) {
	if exp >= d.scale {
		k := exp - d.scale
		if d.mant == 0 {
			return 0, errNone
		}
		if k >= len(pow10) {
			return 0, errRange
		}
		return mul(d.mant, pow10[k])
	}
	k := d.scale - exp
	if k >= len(pow10) || d.mant%pow10[k] != 0 {
		return 0, errSyntax
	}
	return d.mant / pow10[k], errNone
}

// below reports whether d < 10^exp.
func (d decimal) below(exp int) bool {
	k := exp + d.scale
	return k >= 16 || d.mant < pow10[k]
}

func mul(a, b int64) (int64, errKind) {
	if a != 0 && b > maxValue/a {
		return 0, errRange
	}
	return a * b, errNone
}

func add(a, b int64) (int64, errKind) {
	if a > maxValue-b {
		return 0, errRange
	}
	return a + b, errNone
}

// parseNumber reads s as a sum of sections, each closed by a big unit
// (万, 億, 兆) except the last; a section is a sum of terms closed by a
// small unit (十, 百, 千) plus an optional trailing literal. Literals are
// runs of Arabic digits (with separators and a fraction) or of kanji
// digits, and both scripts may appear in one number ("3万5千").
func parseNumber(s string) (int64, errKind) {
	var (
		total, section int64
		lastBig        = noUnit
		lastSmall      = noUnit
		pend           decimal // literal not yet multiplied by a unit
		hasPend        bool
		k              errKind
	)
	if s == "" {
		return 0, errSyntax
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		c, v := classify(r)
		switch c {
		case cArabic, cKanji:
			if hasPend {
				// Two literals in a row, as in "1二": not a number.
				return 0, errSyntax
			}
			if c == cArabic {
				pend, i, k = arabicLiteral(s, i)
			} else {
				pend, i, k = kanjiLiteral(s, i)
			}
			if k != errNone {
				return 0, k
			}
			hasPend = true
			continue
		case cSmall:
			if v >= lastSmall {
				return 0, errSyntax
			}
			coef := decimal{mant: 1}
			if hasPend {
				coef = pend
			}
			// A small unit counts single digits: 五千, not 十五千 or 〇千.
			if coef.mant == 0 || !coef.below(1) {
				return 0, errSyntax
			}
			var t int64
			if t, k = coef.shift(v); k != errNone {
				return 0, k
			}
			if section, k = add(section, t); k != errNone {
				return 0, k
			}
			lastSmall, hasPend = v, false
		case cBig:
			if v >= lastBig || (!hasPend && lastSmall == noUnit) {
				return 0, errSyntax
			}
			var sec int64
			if sec, k = closeSection(section, pend, hasPend, lastSmall, v); k != errNone {
				return 0, k
			}
			if lastBig != noUnit && sec >= pow10[lastBig] {
				// "1億20000万": the lower section spills into the higher.
				return 0, errSyntax
			}
			if total, k = add(total, sec); k != errNone {
				return 0, k
			}
			section, lastBig, lastSmall, hasPend = 0, v, noUnit, false
		default:
			return 0, errSyntax
		}
		i += n
	}
	sec, k := closeSection(section, pend, hasPend, lastSmall, 0)
	if k != errNone {
		return 0, k
	}
	if lastBig != noUnit && sec >= pow10[lastBig] {
		return 0, errSyntax
	}
	return add(total, sec)
}

// closeSection adds the pending literal to section and scales the sum by
// 10^exp. The literal must fit below the last small unit: 二千三 is fine,
// 二千三千 was rejected earlier and 千2000 is rejected here.
func closeSection(section int64, pend decimal, hasPend bool, lastSmall, exp int) (int64, errKind) {
	sec, k := mul(section, pow10[exp])
	if k != errNone || !hasPend {
		return sec, k
	}
	if lastSmall != noUnit && !pend.below(lastSmall) {
		return 0, errSyntax
	}
	p, k := pend.shift(exp)
	if k != errNone {
		return 0, k
	}
	return add(sec, p)
}

// arabicLiteral reads Arabic digits from s[i:], allowing thousands
// separators in groups of three and one decimal point. It returns the
// index just past the literal.
func arabicLiteral(s string, i int) (decimal, int, errKind) {
	var (
		d        decimal
		group    int // digits since the start or the last separator
		commas   bool
		point    bool
		overflow bool
	)
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		c, v := classify(r)
		switch c {
		case cArabic:
			if d.mant > (maxValue-int64(v))/10 {
				overflow = true
			} else {
				d.mant = d.mant*10 + int64(v)
			}
			if point {
				d.scale++
			}
			group++
		case cComma:
			if point || group == 0 || group > 3 || (commas && group != 3) {
				return d, i, errSyntax
			}
			commas, group = true, 0
		case cPoint:
			if point || group == 0 || (commas && group != 3) {
				return d, i, errSyntax
			}
			point, group = true, 0
		default:
			return finishArabic(d, i, group, commas, point, overflow)
		}
		i += n
	}
	return finishArabic(d, i, group, commas, point, overflow)
}

func finishArabic(d decimal, i, group int, commas, point, overflow bool) (decimal, int, errKind) {
	switch {
	case group == 0, commas && !point && group != 3:
		// "1," or "1." or "1,23".
		return d, i, errSyntax
	case overflow:
		return d, i, errRange
	}
	return d, i, errNone
}

// kanjiLiteral reads kanji digits from s[i:] positionally ("二〇二三").
// A leading 〇 is refused unless it stands alone: templates write
// "〇〇件" as a placeholder, and reading it as zero would invent a figure.
func kanjiLiteral(s string, i int) (decimal, int, errKind) {
	var d decimal
	for start := i; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		c, v := classify(r)
		if c != cKanji {
			break
		}
		if i > start && d.mant == 0 {
			return d, i, errSyntax
		}
		if d.mant > (maxValue-int64(v))/10 {
			return d, i, errRange
		}
		d.mant = d.mant*10 + int64(v)
		i += n
	}
	return d, i, errNone
}
