package jpdate

import "testing"

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Date
	}{
		{"令和5年10月12日", Date{2023, 10, 12}},
		{"令和元年5月1日", Date{2019, 5, 1}},
		{"平成31年4月30日", Date{2019, 4, 30}},
		{"平成28年", Date{2016, 0, 0}},
		{"2024/2/15", Date{2024, 2, 15}},
		{"2024.2.15", Date{2024, 2, 15}},
		{"2024-02-15", Date{2024, 2, 15}},
		{"2024年2月", Date{2024, 2, 0}},
		{"二〇二三年一月五日(木)", Date{2023, 1, 5}},
		{"２０２４年２月１５日（木）", Date{2024, 2, 15}},
		{"  2024年2月15日 13:30 ", Date{2024, 2, 15}},
		{"\u30002024年2月15日\u3000", Date{2024, 2, 15}},
		{"R5.10.12", Date{2023, 10, 12}},
		{"'18年7月28日", Date{2018, 7, 28}},
		{"2月15日", Date{0, 2, 15}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseError(t *testing.T) {
	for _, in := range []string{
		"", " ", "令和0年", "2024年2月30日", "2024年13月", "2024年度", "3日間", "13:30",
		"2024年2月15日に発生", "発生日2024年2月15日", "同日", "翌日", "4日", "099-813-8699",
		"2024年2月15日～2月16日",
	} {
		if d, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %v, want error", in, d)
		}
	}
}
