package noticegen

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// A written count is a number of people or records as a notice writes it,
// with the value a careful reader takes from it (約3万件 → 30000).
type written struct {
	text  string
	value int64
	exact bool // written to the unit, so parts may be given
}

var units = []string{"名", "件", "人", "名分", "件分", "人分"}

// writeCount writes n followed by unit in one of the usual forms.
func writeCount(r *rand.Rand, n int64, unit string) written {
	switch {
	case n >= 10000 && r.IntN(4) == 0:
		man := int64(math.Round(float64(n) / 10000))
		return written{"約" + strconv.FormatInt(man, 10) + "万" + unit, man * 10000, false}
	case n >= 10000 && n%10000 != 0 && r.IntN(6) == 0:
		return written{strconv.FormatInt(n/10000, 10) + "万" + commas(n%10000) + unit, n, true}
	case n >= 200 && r.IntN(5) == 0:
		v := roundSignificant(n, 2)
		return written{"約" + commas(v) + unit, v, false}
	case n < 100 && r.IntN(8) == 0:
		return written{kanji(n) + unit, n, true}
	case n >= 1000 && r.IntN(8) == 0:
		return written{strconv.FormatInt(n, 10) + unit, n, true}
	case r.IntN(20) == 0:
		return written{wide(commas(n)) + unit, n, true}
	case n >= 50 && r.IntN(10) == 0:
		return written{"最大" + commas(n) + unit, n, true}
	}
	return written{commas(n) + unit, n, true}
}

// roundSignificant rounds n to d significant digits.
func roundSignificant(n int64, d int) int64 {
	p := int64(1)
	for m := n; m >= int64(math.Pow10(d)); m /= 10 {
		p *= 10
	}
	return (n + p/2) / p * p
}

// commas writes n with thousands separators.
func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for k, c := range s {
		if k > 0 && (len(s)-k)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// wide writes ASCII digits and commas in full width.
func wide(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune('０' + c - '0')
		case c == ',':
			b.WriteRune('，')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

var kanjiDigits = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// kanji writes 1 ≤ n < 10000 in kanji numerals: 38 → 三十八.
func kanji(n int64) string {
	var b strings.Builder
	for _, p := range []struct {
		v int64
		s string
	}{{1000, "千"}, {100, "百"}, {10, "十"}} {
		d := n / p.v
		n %= p.v
		if d > 1 {
			b.WriteString(kanjiDigits[d])
		}
		if d > 0 {
			b.WriteString(p.s)
		}
	}
	b.WriteString(kanjiDigits[n])
	return b.String()
}

// split divides n into k positive parts.
func split(r *rand.Rand, n int64, k int) []int64 {
	parts := make([]int64, k)
	rest := n
	for i := range k - 1 {
		share := rest * int64(30+r.IntN(40)) / 100
		if share < 1 {
			share = 1
		}
		parts[i] = share
		rest -= share
	}
	parts[k-1] = rest
	return parts
}

// logUniform returns an integer spread evenly in log scale over [lo, hi].
func logUniform(r *rand.Rand, lo, hi int64) int64 {
	l, h := math.Log(float64(lo)), math.Log(float64(hi))
	return int64(math.Exp(l + r.Float64()*(h-l)))
}
