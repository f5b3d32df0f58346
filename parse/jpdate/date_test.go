package jpdate

import "testing"

func TestDateMethods(t *testing.T) {
	tests := []struct {
		d        Date
		str      string
		zero     bool
		complete bool
	}{
		{Date{}, "", true, false},
		{Date{2024, 2, 15}, "2024-02-15", false, true},
		{Date{2024, 2, 0}, "2024-02", false, false},
		{Date{2016, 0, 0}, "2016", false, false},
		{Date{0, 12, 25}, "--12-25", false, false},
		{Date{0, 4, 0}, "--04", false, false},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.str {
			t.Errorf("%#v.String() = %q, want %q", tt.d, got, tt.str)
		}
		if got := tt.d.IsZero(); got != tt.zero {
			t.Errorf("%#v.IsZero() = %v, want %v", tt.d, got, tt.zero)
		}
		if got := tt.d.Complete(); got != tt.complete {
			t.Errorf("%#v.Complete() = %v, want %v", tt.d, got, tt.complete)
		}
	}
}

func TestDateBefore(t *testing.T) {
	tests := []struct {
		a, b Date
		want bool
	}{
		{Date{2024, 2, 15}, Date{2024, 2, 16}, true},
		{Date{2024, 2, 16}, Date{2024, 2, 15}, false},
		{Date{2024, 2, 15}, Date{2024, 2, 15}, false},
		{Date{2023, 12, 31}, Date{2024, 1, 1}, true},
		{Date{2024, 1, 31}, Date{2024, 2, 1}, true},
		{Date{2024, 2, 0}, Date{2024, 2, 1}, true},
		{Date{2024, 0, 0}, Date{2024, 1, 0}, true},
		{Date{0, 12, 25}, Date{2024, 1, 1}, true},
	}
	for _, tt := range tests {
		if got := tt.a.Before(tt.b); got != tt.want {
			t.Errorf("%v.Before(%v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestValid(t *testing.T) {
	tests := []struct {
		y, m, d int
		want    bool
	}{
		{2024, 2, 29, true},
		{2023, 2, 29, false},
		{0, 2, 29, true}, // year unknown: leap years allowed
		{2024, 2, 30, false},
		{2024, 4, 31, false},
		{2024, 13, 1, false},
		{2024, 0, 1, false},
		{2024, 12, 32, false},
		{2024, 12, 0, true}, // month only
		{2024, 12, -1, false},
	}
	for _, tt := range tests {
		if got := valid(tt.y, tt.m, tt.d); got != tt.want {
			t.Errorf("valid(%d, %d, %d) = %v, want %v", tt.y, tt.m, tt.d, got, tt.want)
		}
	}
}

func TestKanjiValue(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"一", 1}, {"十", 10}, {"十二", 12}, {"二十", 20}, {"二十五", 25}, {"三十一", 31},
		{"二〇二三", 2023}, {"二○二三", 2023}, {"二千二十三", 2023}, {"千九百八十九", 1989},
		{"十十", -1}, {"二三十", -1}, {"十百", -1},
	}
	for _, tt := range tests {
		if got := kanjiValue([]rune(tt.in)); got != tt.want {
			t.Errorf("kanjiValue(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
