package crawl

import (
	"net/url"
	"testing"
)

func mustRules(t *testing.T) *linkRules {
	t.Helper()
	r, err := parseLinkRules(linksData)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLooksLikeNotice(t *testing.T) {
	r := mustRules(t)
	tests := []struct {
		text, href string
		want       bool
	}{
		{"当社オンラインショップへの不正アクセスによる個人情報漏えいに関するお詫びとお知らせ", "/news/0610.html", true},
		{"メール誤送信に関するお詫び", "/news/0415.html", true},
		{"USBメモリ紛失について", "/info/1.html", true},
		{"【重要】ランサムウェア被害に関するご報告（PDF）", "/pdf/notice.pdf", true},
		{"新商品「さくらブレンド」発売のお知らせ", "/news/0520.html", true},           // says お知らせ: fetched, and parse decides
		{"ＵＳＢメモリの紛失に関するおわび", "/a", true},                           // full-width letters
		{"詳細はこちら", "/news/owabi_20240610.html", true},              // the URL says it
		{"詳細はこちら", "/news/%E3%81%8A%E8%A9%AB%E3%81%B3.html", true}, // お詫び, escaped
		{"ゴールデンウィーク期間中の営業について", "/news/0501.html", false},
		{"採用情報を更新しました", "/recruit/", false},
		{"個人情報保護方針", "/privacy.html", false}, // every footer has one
		{"プライバシーポリシー", "/privacy/", false},
		{"お問い合わせ", "/contact/", false},
		{"個人情報漏えいのお知らせ", "/img/banner.png", false}, // an image, whatever its text
	}
	base, _ := url.Parse("https://example.jp/news/")
	for _, tt := range tests {
		u, ok := resolveLink(base, tt.href)
		if !ok {
			t.Fatalf("resolveLink(%q) failed", tt.href)
		}
		if got := r.looksLikeNotice(tt.text, u); got != tt.want {
			t.Errorf("looksLikeNotice(%q, %s) = %v, want %v", tt.text, u, got, tt.want)
		}
	}
}

func TestIsPager(t *testing.T) {
	r := mustRules(t)
	tests := []struct {
		text, rel, class string
		want             bool
	}{
		{"次へ", "", "", true},
		{" 次のページ ", "", "", true},
		{"前の投稿", "", "blog-pager-older-link", true}, // Blogger: older posts
		{"Older Posts", "", "", true},
		{"»", "", "", true},
		{"2", "next", "", true},
		{"", "", "page-numbers next", true},
		{"次の投稿", "", "blog-pager-newer-link", false}, // Blogger: newer posts
		{"前へ", "", "", false},
		{"次へ進む前に必ずお読みください", "", "", false}, // the whole text must say it
	}
	for _, tt := range tests {
		if got := r.isPager(tt.text, tt.rel, tt.class); got != tt.want {
			t.Errorf("isPager(%q, rel %q, class %q) = %v, want %v", tt.text, tt.rel, tt.class, got, tt.want)
		}
	}
}

func TestResolveLink(t *testing.T) {
	base, _ := url.Parse("https://Example.JP:443/news/index.html")
	tests := []struct {
		href, want string
	}{
		{"0610.html#top", "https://example.jp/news/0610.html"},
		{"/a?b=1", "https://example.jp/a?b=1"},
		{"//cdn.example.jp/x.pdf", "https://cdn.example.jp/x.pdf"},
		{"HTTP://Other.example:80/", "http://other.example/"},
		{"mailto:info@example.jp", ""},
		{"javascript:void(0)", ""},
		{"#top", ""},
		{"ftp://example.jp/file", ""},
	}
	for _, tt := range tests {
		u, ok := resolveLink(base, tt.href)
		got := ""
		if ok {
			got = u.String()
		}
		if got != tt.want {
			t.Errorf("resolveLink(%q) = %q, want %q", tt.href, got, tt.want)
		}
	}
}

func TestParseLinkRulesRefusesStrayWords(t *testing.T) {
	if _, err := parseLinkRules("お詫び\n"); err == nil {
		t.Error("a word outside any section was accepted")
	}
}
