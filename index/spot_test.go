package index

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSynonymWordsFound checks that wherever a notice writes a word of
// synonyms.tsv, the kagome field holds the word's canonical term: searches
// for those words read only that field. Real notices write them inside
// quotes and compounds that kagome segments every way (“なりすまし”,
// なりすましメール).
func TestSynonymWordsFound(t *testing.T) {
	texts := map[string]string{
		"quoted":   "当社を装った“なりすまし”によるメールが確認されました。",
		"compound": "社員のパソコンが「なりすましメール」に感染し、情報流出のおそれがあります。",
		"inside":   "顧客情報の漏えい事案について、二次的被害は確認されていません。",
	}
	var paths []string
	for _, glob := range []string{"../cmd/incidex/testdata/notices/*", "../../shared/eval/dev/texts/*"} {
		m, _ := filepath.Glob(glob)
		paths = append(paths, m...)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts[p] = string(b)
	}
	groups, err := loadSynonyms()
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for name, text := range texts {
		text = foldWidth(text).text
		terms, err := Analyze(text)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for _, tm := range terms {
			if tm.Field == fieldText {
				have[tm.Term] = true
			}
		}
		for _, g := range groups {
			for _, w := range g {
				if !strings.Contains(text, foldWidth(w).text) {
					continue
				}
				found++
				if want := termKey(g[0]); !have[want] {
					t.Errorf("%s: writes %q, but the kagome field has no term %q", name, w, want)
				}
			}
		}
	}
	if found < 5 {
		t.Fatalf("only %d occurrences checked", found)
	}
}
