package jpnum

import (
	"errors"
	"strings"
	"testing"
)

var parseTests = []struct {
	in   string
	want int64
}{
	// Arabic, with separators, full width and mixes of the two.
	{"0", 0},
	{"7", 7},
	{"1234", 1234},
	{"1,234", 1234},
	{"12,345", 12345},
	{"7,024", 7024},
	{"1,234,567", 1234567},
	{"１２３４", 1234},
	{"１，２３４", 1234},
	{"1，234", 1234},
	{"００７", 7},

	// Kanji, positional; reference cases from haesy/jnumber.
	{"一万二千三百四十五", 12345},
	{"千", 1000},
	{"十", 10},
	{"百十一", 111},
	{"一億", 100000000},
	{"弐千", 2000},
	{"壱万", 10000},
	{"二千五百", 2500},
	{"三百", 300},
	{"二千五", 2005},
	{"一千", 1000},
	{"十五", 15},
	{"九千九百九十九", 9999},
	{"千万", 10000000},
	{"一千万", 10000000},
	{"三千万", 30000000},
	{"参拾", 30},
	{"壹萬貳千", 12000},
	{"一兆", 1000000000000},
	{"九千兆", 9000000000000000},

	// Kanji, digit by digit.
	{"二〇二三", 2023},
	{"一一一", 111},
	{"〇", 0},
	{"一〇万", 100000},

	// 万 and 億 with Arabic literals, decimals and mixes.
	{"1.2万", 12000},
	{"１．２万", 12000},
	{"5万", 50000},
	{"3万5千", 35000},
	{"2万3千", 23000},
	{"1億2000万", 120000000},
	{"1億2,000万", 120000000},
	{"12万", 120000},
	{"5千", 5000},
	{"5億", 500000000},
	{"1.5千", 1500},
	{"2.0", 2},
	{"1,234万", 12340000},
	{"1億5万", 100050000},
	{"3万五千", 35000},
	{"2千500", 2500},
	{"1.23万5", 12305},

	// Bounds.
	{"9007199254740992", 1 << 53},
	{"9,007,199,254,740,992", 1 << 53},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		got, err := Parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

var parseErrorTests = []string{
	"",
	" 1",
	"1 ",
	"abc",
	"1a",
	"-1",
	"+1",
	"1件",
	"十百",
	"万万",
	"一万万",
	"一万兆", // units must decrease
	"万",
	"億",
	"万一",
	"千千",
	"百千",
	"十五千", // a small unit takes one digit
	"〇千",  // nor zero
	"12千",
	"1万20000", // the low section spills over
	"1億12000万",
	"千2000",
	"1二",
	"〇〇", // a template placeholder, not zero
	"〇一",
	"1,23",
	"1,2345",
	"1234,567",
	",123",
	"1,",
	"1.",
	".5",
	"1.5",
	"1.2.3",
	"1.234,5",
	"1..2",
	"0.00001万",
	"v1.2",
	"2024年",
	"10%",
	"\xff",
	"一\xff",
}

func TestParseErrors(t *testing.T) {
	for _, in := range parseErrorTests {
		if got, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %d; want error", in, got)
		} else if !strings.HasPrefix(err.Error(), "jpnum: ") {
			t.Errorf("Parse(%q) error %q lacks package prefix", in, err)
		}
	}
}

func TestParseRange(t *testing.T) {
	for _, in := range []string{
		"9007199254740993",
		"99999999999999999999999",
		"一〇〇〇〇〇〇〇〇〇〇〇〇〇〇〇〇〇〇〇〇",
		"9999兆",
		"1.0000000000000000000000000万",
	} {
		_, err := Parse(in)
		var pe *parseError
		if !errors.As(err, &pe) || pe.kind != errRange {
			t.Errorf("Parse(%q) error = %v; want range error", in, err)
		}
	}
}
