package index

import (
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// textTerms is what the kagome analyzer makes of s.
func textTerms(t *testing.T, s string) []string {
	t.Helper()
	terms, err := Analyze(s)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tm := range terms {
		if tm.Field == fieldText {
			out = append(out, tm.Term)
		}
	}
	return out
}

func TestAnalyzeTerms(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // exactly these terms, in order
	}{
		{"particles auxiliaries symbols dropped", "個人情報が漏えいした。", []string{"個人", "情報", "漏えい"}},
		{"base form of a verb", "書類が盗まれた", []string{"書類", "盗む"}},
		{"synonym 漏洩", "漏洩", []string{"漏えい"}},
		{"synonym 流出", "流出", []string{"漏えい"}},
		{"synonym 漏出", "漏出", []string{"漏えい"}},
		{"synonym kept whole though kagome splits it", "誤送付", []string{"誤送信"}},
		{"synonym 不正侵入", "不正侵入", []string{"不正アクセス"}},
		{"synonym ランサム", "ランサムの被害", []string{"ランサムウェア", "被害"}},
		{"katakana stem", "メモリー", []string{"メモリ"}},
		{"katakana without long vowel", "メモリ", []string{"メモリ"}},
		{"short katakana keeps ー", "コピー", []string{"コピー"}},
		{"full-width ASCII folded and lowered", "ＡＢＣ", []string{"abc"}},
		{"half-width katakana folded", "ｻｰﾊﾞｰ", []string{"サーバ"}},
		{"ASCII punctuation dropped", "(BCC)・「TO」", []string{"bcc", "to"}},
		{"stop words dropped", "その他の情報など", []string{"情報"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textTerms(t, tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("Analyze(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestAnalyzeSameTerm(t *testing.T) {
	groups := [][]string{
		{"USBメモリーを紛失", "USBメモリを紛失", "ＵＳＢメモリーを遺失"},
		{"情報が漏洩した", "情報が漏えいしました", "情報が流出し", "情報の漏出"},
		{"メールを誤送信", "メールの誤送付"},
		{"不正アクセスを受け", "不正侵入を受けた"},
	}
	for _, g := range groups {
		want := textTerms(t, g[0])
		for _, s := range g[1:] {
			if got := textTerms(t, s); !slices.Equal(got, want) {
				t.Errorf("Analyze(%q) = %q, want the terms of %q: %q", s, got, g[0], want)
			}
		}
	}
}

func TestAnalyzeOffsets(t *testing.T) {
	tests := []struct {
		text, term, surface string
	}{
		{"個人情報が漏えいした可能性", "漏えい", "漏えい"},
		{"当社サーバーへの不正アクセス", "サーバ", "サーバー"},
		{"（株）ＡＢＣの件", "abc", "ＡＢＣ"},
		{"㈱サンプル", "サンプル", "サンプル"}, // ㈱ is a symbol, as parse reads it
		{"ｶﾞｽ料金", "ガス", "ｶﾞｽ"},
		{"データが盗まれた", "盗む", "盗ま"},
	}
	for _, tt := range tests {
		terms, err := Analyze(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, tm := range terms {
			if tm.Start < 0 || tm.End > len(tt.text) || tm.Start >= tm.End ||
				!utf8.RuneStart(tt.text[tm.Start]) || !utf8.ValidString(tt.text[tm.Start:tm.End]) {
				t.Errorf("%q: %s term %q has bad offsets %d-%d", tt.text, tm.Field, tm.Term, tm.Start, tm.End)
				continue
			}
			if tm.Field == fieldText && tm.Term == tt.term {
				found = true
				if got := tt.text[tm.Start:tm.End]; got != tt.surface {
					t.Errorf("%q: term %q spans %q, want %q", tt.text, tm.Term, got, tt.surface)
				}
			}
		}
		if !found {
			t.Errorf("%q: no term %q in %v", tt.text, tt.term, terms)
		}
	}
}

func TestAnalyzeBigram(t *testing.T) {
	terms, err := Analyze("第三者機関")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tm := range terms {
		if tm.Field == "bigram" {
			got = append(got, tm.Term)
		}
	}
	if want := []string{"第三", "三者", "者機", "機関"}; !slices.Equal(got, want) {
		t.Errorf("bigram terms = %q, want %q", got, want)
	}
}

func TestNormalizeOrg(t *testing.T) {
	tests := []struct{ in, want string }{
		{"株式会社サンプル商事", "サンプル商事"},
		{"サンプル商事 株式会社", "サンプル商事"},
		{"（株）サンプル商事", "サンプル商事"},
		{"㈱サンプル商事", "サンプル商事"},
		{"有限会社　ひかり薬局", "ひかり薬局"},
		{"ＡＢＣ Holdings", "abcholdings"},
	}
	for _, tt := range tests {
		if got := NormalizeOrg(tt.in); got != tt.want {
			t.Errorf("NormalizeOrg(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKatakanaStem(t *testing.T) {
	for in, want := range map[string]string{
		"メモリー": "メモリ", "サーバー": "サーバ", "コピー": "コピー", "ユーザー": "ユーザ",
		"漏えい": "漏えい", "データー": "データ", "ー": "ー", "あいうー": "あいうー",
	} {
		if got := katakanaStem(in); got != want {
			t.Errorf("katakanaStem(%q) = %q, want %q", in, got, want)
		}
	}
	if got := stemTrailingKatakana("usbメモリー"); got != "usbメモリ" {
		t.Errorf("stemTrailingKatakana = %q", got)
	}
	if !strings.Contains(string(synonymsTSV), "漏えい\t漏洩") {
		t.Error("synonyms.tsv lost its first group")
	}
}

// shrunkEnv makes TestShrunkDictionaryExact's subprocess do the comparison.
const shrunkEnv = "INDEX_TEST_SHRUNK"

// TestShrunkDictionaryExact checks that a query analyzed with the shrunk
// dictionary yields the terms the full one would. It runs in a fresh
// process: once the full dictionary is loaded, ipa hands it out for both.
func TestShrunkDictionaryExact(t *testing.T) {
	if os.Getenv(shrunkEnv) == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestShrunkDictionaryExact$", "-test.v")
		cmd.Env = append(os.Environ(), shrunkEnv+"=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("subprocess: %v\n%s", err, out)
		}
		return
	}
	queries := []string{
		"個人情報の漏洩", "第三者による不正アクセス", "USBメモリーの紛失", "ランサムウェア感染",
		"メール誤送信", "クレジットカード番号", "委託先サーバー", "誤表示", "二次被害",
		"盗まれた書類", "漏えいした可能性", "速やかに対応", // verbs and adjectives: full dictionary
	}
	tok, err := NewKagomeTokenizer(defaultStopTags, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := tok.shrunk().Analyze("盗まれた", tokenizer.Normal)[0].BaseForm(); ok {
		t.Fatal("the shrunk dictionary has base forms: the comparison would prove nothing")
	}
	var got [][]string
	for _, q := range queries {
		got = append(got, terms(tok.Tokenize([]byte(q))))
	}
	if !tok.fullLoaded.Load() {
		t.Error("verbs in queries did not load the full dictionary")
	}
	for i, q := range queries {
		f := foldWidth(q)
		want := terms(tok.stream(f, tokens(tok.full().Analyze(f.text, tokenizer.Normal))))
		if !slices.Equal(got[i], want) {
			t.Errorf("%q: shrunk-first %q, full %q", q, got[i], want)
		}
	}
}

func terms(ts analysis.TokenStream) []string {
	var out []string
	for _, t := range ts {
		out = append(out, fmt.Sprintf("%s@%d-%d", t.Term, t.Start, t.End))
	}
	return out
}
