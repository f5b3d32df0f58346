package parse

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// FuzzExtract feeds Extract hostile pages: text or HTML, truncated, binary,
// invalid UTF-8, huge lines. It must not panic, and whatever it returns must
// keep the invariants of checkInvariants.
func FuzzExtract(f *testing.F) {
	for _, tc := range extractCases {
		f.Add([]byte(tc.text), false)
	}
	f.Add([]byte(aggregatorPage), false)
	f.Add([]byte(commentaryPage), false)
	for _, path := range slices.Sorted(maps.Keys(htmlPages)) {
		f.Add([]byte(htmlPages[path]), true)
	}
	for _, seed := range []struct {
		body string
		html bool
	}{
		{"", false},
		{"", true},
		// HTML fragments: unclosed, nested posts, a table without rows.
		{`<div class="post-outer"><h3 class="post-title">【事件簿#2024-1】株式会社A お知らせ 2024年1月1日</h3><div class="post-outer">`, true},
		{`<table><tr><td>令和6年1月5日<td>判明<tr><th>合計<td>1,234件</table><p>個人情報が流出しました。`, true},
		{`<ul><li>氏名<li>住所<li>クレジットカード番号</ul><script>` + strings.Repeat("x", 300), true},
		{`<p style="display:none">隠し</p><p hidden>隠し</p><img alt="株式会社サンプル商事">`, true},
		// Invalid UTF-8 inside a notice, and Shift_JIS bytes given as UTF-8.
		{"個人情報の流出について\n\xff\xfe株式会社サンプル\xc3は、2024年1月\xe3\x81日、約\xe4万件の氏名が流出\x80した。", false},
		{"\x8cl\x90l\x8f\xee\x95\xf1\x82\xcc\x97\xac\x8fo\x82\xc9\x82\xc2\x82\xa2\x82\xc4", false},
		// Dates, counts and cues at the very end of the text.
		{"個人情報の紛失について\n令和6年", false},
		{"個人情報の紛失について\n約", false},
		{"個人情報の紛失について\n第", false},
		{"【セキュリティ事件簿#2024-1】", false},
		{"【セキュリティ事件簿#2024-1】株式会社 2024年1月1日\n【セキュリティ事件簿#2024-2】\n", false},
		// Huge repeated lines and lists (kept to tens of kilobytes so that
		// the fuzzer can minimize what it finds from them).
		{strings.Repeat("個人情報が流出した可能性があることが判明しました。", 600), false},
		{"流出した情報\n" + strings.Repeat("・氏名 1件\n", 1500), false},
		{strings.Repeat("2024年1月1日 判明 約1万件 合計 第2報 不正アクセス\n", 400), false},
		{strings.Repeat("<div>", 2000) + "個人情報の漏えいについてのお知らせです。" + strings.Repeat("</div>", 2000), true},
	} {
		f.Add([]byte(seed.body), seed.html)
	}
	a, err := analyzer()
	if err != nil {
		f.Fatalf("New: %v", err)
	}
	f.Fuzz(func(t *testing.T, body []byte, html bool) {
		ins, err := a.Extract(t.Context(), Page{Source: "fuzz", Body: body, HTML: html})
		if err != nil {
			if len(ins) != 0 {
				t.Errorf("Extract returned %d incidents with error %v", len(ins), err)
			}
			return
		}
		if len(ins) == 0 {
			t.Error("Extract returned no incidents and no error")
		}
		for i := range ins {
			checkInvariants(t, &ins[i])
		}
	})
}
