package jpnum

import (
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.in)
	}
	for _, s := range parseErrorTests {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			if v != 0 {
				t.Errorf("Parse(%q) = %d with error %v", s, v, err)
			}
			return
		}
		if v < 0 || v > maxValue {
			t.Errorf("Parse(%q) = %d, out of range", s, v)
		}
	})
}

func FuzzCounts(f *testing.F) {
	for _, tt := range countsTests {
		f.Add(tt.text)
	}
	f.Add(notice)
	// Invalid UTF-8 next to qualifiers, numbers and counters.
	for _, s := range []string{"\xe7約1件", "1\xff件", "約\x801件", "1件\xe4\xbb", "\xe5\x8d1万件"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		// Offsets must fall where forward decoding puts rune starts, also
		// for invalid UTF-8.
		boundary := make([]bool, len(text)+1)
		for i := 0; i < len(text); {
			boundary[i] = true
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
		}
		boundary[len(text)] = true
		prevEnd := 0
		for _, c := range Counts(text) {
			if !(prevEnd <= c.Start && c.Start <= c.NumStart && c.NumStart < c.NumEnd &&
				c.NumEnd <= c.End && c.End <= len(text)) {
				t.Fatalf("Counts(%q): bad offsets %+v (previous end %d)", text, c, prevEnd)
			}
			for _, o := range []int{c.Start, c.NumStart, c.NumEnd, c.End} {
				if !boundary[o] {
					t.Fatalf("Counts(%q): offset %d of %+v splits a rune", text, o, c)
				}
			}
			if c.Value < 0 {
				t.Fatalf("Counts(%q): negative value %+v", text, c)
			}
			if v, err := Parse(text[c.NumStart:c.NumEnd]); err != nil || v != c.Value {
				t.Fatalf("Counts(%q): number %q reparses as %d, %v; Count has %d",
					text, text[c.NumStart:c.NumEnd], v, err, c.Value)
			}
			if c.Unit == "" {
				t.Fatalf("Counts(%q): empty unit in %+v", text, c)
			}
			prevEnd = c.End
		}
	})
}
