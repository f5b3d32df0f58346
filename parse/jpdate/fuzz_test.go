package jpdate

import (
	"testing"
	"unicode/utf8"
)

func FuzzFind(f *testing.F) {
	for _, tt := range findTests {
		f.Add(tt.text, tt.ref.Year, tt.ref.Month)
	}
	f.Add(benchNotice, 2024, 0)
	f.Add("4日", -1, 13)
	f.Fuzz(func(t *testing.T, text string, refYear, refMonth int) {
		boundary := make(map[int]bool, len(text)+1)
		for i := range text {
			boundary[i] = true
		}
		boundary[len(text)] = true
		prevEnd := 0
		for _, m := range Find(text, Date{Year: refYear, Month: refMonth}) {
			if m.Start < prevEnd || m.Start > m.End || m.End > len(text) {
				t.Fatalf("bad span [%d,%d) after %d in %q", m.Start, m.End, prevEnd, text)
			}
			if !boundary[m.Start] || !boundary[m.End] {
				t.Fatalf("span [%d,%d) not on rune boundaries in %q", m.Start, m.End, text)
			}
			d := m.Date
			if d.Year > 0 && d.Month > 0 && d.Day > 0 && !valid(d.Year, d.Month, d.Day) {
				t.Fatalf("invalid date %v from %q", d, text[m.Start:m.End])
			}
			if d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
				t.Fatalf("out of range date %#v from %q", d, text[m.Start:m.End])
			}
			if m.HasTime && (m.Hour < 0 || m.Hour > 23 || m.Minute < 0 || m.Minute > 59) {
				t.Fatalf("bad time %d:%d from %q", m.Hour, m.Minute, text[m.Start:m.End])
			}
			prevEnd = m.End
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, tt := range findTests {
		for _, m := range Find(tt.text, tt.ref) {
			f.Add(tt.text[m.Start:m.End])
		}
		f.Add(tt.text)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			if !d.IsZero() {
				t.Fatalf("Parse(%q) = %v with error %v", s, d, err)
			}
			return
		}
		if d.Month > 0 && !valid(d.Year, d.Month, d.Day) {
			t.Fatalf("Parse(%q) = invalid %v", s, d)
		}
		if utf8.ValidString(s) && len(Find(s, Date{})) != 1 {
			// A string Parse accepts holds exactly one date.
			t.Fatalf("Parse(%q) = %v, but Find sees %d mentions", s, d, len(Find(s, Date{})))
		}
	})
}
