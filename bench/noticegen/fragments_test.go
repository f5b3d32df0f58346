package noticegen

import (
	"strings"
	"testing"
	"unicode"
)

func TestFragmentsLoad(t *testing.T) {
	f, err := loadFragments()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range causes {
		for _, sec := range []string{"title.", "sum.", "ev.occ.", "ev.disc.", "ev.stop.", "reason.", "measure.", "news.", "news.head.", "types."} {
			if len(f[sec+c.id]) == 0 {
				t.Errorf("no section %s%s", sec, c.id)
			}
		}
	}
}

// TestEventStems checks that timeline events end in a noun that "した"
// can follow, as rows, prose and news all append it.
func TestEventStems(t *testing.T) {
	f, _ := loadFragments()
	for sec, alts := range f {
		if !strings.HasPrefix(sec, "ev.") {
			continue
		}
		for _, a := range alts {
			r := []rune(a.text)
			if last := r[len(r)-1]; unicode.In(last, unicode.Hiragana) {
				t.Errorf("%s: %q ends in kana", sec, a.text)
			}
		}
	}
}

func TestKanji(t *testing.T) {
	for n, want := range map[int64]string{1: "一", 10: "十", 38: "三十八", 215: "二百十五", 1203: "千二百三"} {
		if got := kanji(n); got != want {
			t.Errorf("kanji(%d) = %q, want %q", n, got, want)
		}
	}
	if got := commas(1234567); got != "1,234,567" {
		t.Errorf("commas = %q", got)
	}
}

// TestEveryModeWritable checks that every section a notice draws from has
// an alternative for every mode of every cause, with or without a
// contractor, whatever the medium.
func TestEveryModeWritable(t *testing.T) {
	f, _ := loadFragments()
	for _, c := range causes {
		modes := []string{""}
		if m := f["mode."+c.id]; len(m) > 0 {
			modes = strings.Fields(m[0].text)
		}
		for _, mode := range modes {
			for _, medium := range []string{"dev", "paper"} {
				for _, via := range []bool{false, true} {
					in := &incident{mode: mode, via: via}
					e := &expander{f: f, tags: append(in.tags(), medium)}
					for _, sec := range []string{"title.", "sum.", "ev.occ.", "ev.disc.", "ev.stop.", "reason.", "measure.", "news.", "news.head.", "types."} {
						if !e.has(sec + c.id) {
							t.Errorf("%s%s: nothing for tags %v", sec, c.id, e.tags)
						}
					}
				}
			}
		}
	}
}
