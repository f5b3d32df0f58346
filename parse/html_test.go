package parse

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// htmlPages are the HTML pages of these tests, served by servePages.
var htmlPages = map[string]string{
	// A city's page: head, header, navigation, footer, scripts and a
	// back-to-top link around the notice in <main>.
	"/kurashi/gokofu.html": chromePage,
	// A Blogger listing page with two posts, each one reposted notice.
	"/search/label/jikenbo": bloggerListing,
	// A school's page whose facts are in tables.
	"/news/funshitsu.html": tablePage,
	// A page with nothing but chrome.
	"/empty.html": `<!DOCTYPE html><html><head><title>架空市</title><script>var x = 1;</script></head><body><nav><a href="/">トップ</a></nav><footer>Copyright</footer></body></html>`,
}

// fetchPage serves htmlPages from an httptest.Server on the loopback
// interface (HTML pages in tests are served, never read from disk or the
// network), GETs path with net/http and returns the page to extract from.
func fetchPage(t *testing.T, path string) Page {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := htmlPages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", path, resp.Status)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return Page{Source: srv.URL + path, Body: body, HTML: true}
}

const chromePage = `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>個人情報の漏えいについて | 架空市公式ホームページ</title>
<style>body { font-family: sans-serif; } .warn { color: red; }</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
</head>
<body>
<header id="site-header"><p class="site-name">架空市公式ホームページ</p><p>文字サイズ 標準 拡大</p></header>
<nav class="global-nav"><ul><li><a href="/">トップ</a></li><li><a href="/kurashi/">くらし・手続き</a></li><li><a href="/kanko/">観光・イベント</a></li></ul></nav>
<main id="main">
<h1>市民課窓口における住民票の写しの誤交付について</h1>
<p>更新日:2024年9月18日</p>
<p>架空市市民課において、住民票の写しを請求された方に、別の方の住民票の写しを誤って交付する事案が発生しました。関係者の皆様に多大なご迷惑をおかけしましたことを深くお詫び申し上げます。</p>
<h2>1 経緯</h2>
<p>令和6年9月12日(木曜日)午前10時頃、市民課窓口で住民票の写しを交付した際、同姓の別の方の住民票の写しを誤って交付しました。同日午後、交付を受けた方から連絡を受け、誤交付が判明しました。</p>
<h2>2 誤交付した情報</h2>
<p>1世帯3名分の氏名、住所、生年月日、性別、続柄</p>
<script>document.write('<p>アクセスカウンター</p>');</script>
<h2>3 再発防止策</h2>
<p>交付時に請求者と交付書類の氏名、生年月日を複数の職員で読み合わせることを徹底し、再発防止に努めます。</p>
<p><a href="#site-header">ページ最上部へ</a></p>
</main>
<footer><p>架空市役所 〒000-0000 架空県架空市本町1-1 電話:000-000-0000</p><p>Copyright © Kaku City. All Rights Reserved.</p></footer>
</body>
</html>
`

func TestExtractHTMLPageChrome(t *testing.T) {
	ins := extract(t, fetchPage(t, "/kurashi/gokofu.html"))
	if len(ins) != 1 {
		t.Fatalf("Extract returned %d incidents, want 1", len(ins))
	}
	in := &ins[0]
	for _, c := range []check{
		wantTitle("市民課窓口における住民票の写しの誤交付について"),
		wantPublished("2024-09-18"),
		wantDiscovered("2024-09-12"),
		wantCause("misdelivery"),
		wantAffected(3),
		wantHasDataTypes("name", "address", "birthdate", "gender"),
	} {
		c(t, in)
	}
	for _, chrome := range []string{
		// <title> and <header>
		"公式ホームページ", "文字サイズ",
		// <nav>
		"くらし・手続き", "観光・イベント",
		// <style>
		"font-family", ".warn",
		// <script> in <head> and in <main>
		"dataLayer", "document.write", "アクセスカウンター",
		// the back-to-top link
		"ページ最上部へ",
		// <footer>
		"架空市役所", "000-0000", "Copyright", "All Rights Reserved",
	} {
		if strings.Contains(in.Text, chrome) {
			t.Errorf("text holds page chrome %q:\n%s", chrome, in.Text)
		}
	}
	for _, body := range []string{"別の方の住民票の写しを誤って交付する事案", "1世帯3名分の氏名、住所、生年月日、性別、続柄", "再発防止に努めます"} {
		if !strings.Contains(in.Text, body) {
			t.Errorf("text lacks %q:\n%s", body, in.Text)
		}
	}
}

const bloggerListing = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>架空セキュリティ事件簿</title></head>
<body>
<div class="header-outer"><h1 class="title">架空セキュリティ事件簿</h1><p class="description">国内の情報漏えい事案をまとめています</p></div>
<div class="main-inner">
<div class="blog-posts hfeed">
<div class="date-outer">
<h2 class="date-header"><span>2024年7月16日火曜日</span></h2>
<div class="date-posts">
<div class="post-outer">
<div class="post hentry">
<h3 class="post-title entry-title"><a href="/2024/07/kakuu-hotel.html">【セキュリティ事件簿#2024-150】株式会社サンプルホテルズ 予約サイトへの不正ログインについて 2024年7月16日</a></h3>
<div class="post-body entry-content">
<p>当社が運営するホテル予約サイトにおいて、第三者が他社サービスから不正に入手したと思われるIDとパスワードを用いたリスト型攻撃により、お客様のアカウントに不正ログインされたことが判明いたしました。</p>
<p>7月10日、お客様からのお問い合わせにより発覚しました。不正ログインされたアカウントは 286件で、氏名、電話番号、予約履歴が閲覧された可能性があります。</p>
</div>
<div class="post-footer">投稿者 管理人 時刻: 9:00 ラベル: 不正ログイン</div>
</div>
</div>
<div class="post-outer">
<div class="post hentry">
<h3 class="post-title entry-title"><a href="/2024/07/kakuu-clinic.html">【セキュリティ事件簿#2024-149】医療法人あおば会 あおばクリニック 患者情報を含むUSBメモリの紛失について 2024年7月15日</a></h3>
<div class="post-body entry-content">
<p>当院の職員が、患者様の個人情報を保存したUSBメモリを紛失したことが判明しました。</p>
<p>7月8日、職員が院外での研修から戻った際にUSBメモリが見当たらないことに気付きました。USBメモリには患者様 57名の氏名、生年月日、診療内容が保存されていました。同日、警察に遺失届を提出しました。</p>
</div>
<div class="post-footer">投稿者 管理人 時刻: 8:30 ラベル: 紛失</div>
</div>
</div>
</div>
</div>
</div>
</div>
<div class="sidebar"><h2>人気の投稿</h2><ul><li>過去の事件簿一覧</li></ul></div>
</body></html>
`

func TestExtractHTMLBlogListing(t *testing.T) {
	ins := extract(t, fetchPage(t, "/search/label/jikenbo"))
	want := []struct {
		org, title, published, cause string
		affected                     int64
		text                         string // a phrase of this post only
	}{
		{"株式会社サンプルホテルズ", "予約サイトへの不正ログインについて", "2024-07-16", "account_compromise", 286, "リスト型攻撃"},
		{"医療法人あおば会 あおばクリニック", "患者情報を含むUSBメモリの紛失について", "2024-07-15", "loss", 57, "院外での研修"},
	}
	if len(ins) != len(want) {
		t.Fatalf("Extract returned %d incidents, want one per post (%d)", len(ins), len(want))
	}
	for i, w := range want {
		in := &ins[i]
		t.Run(w.org, func(t *testing.T) {
			for _, c := range []check{wantOrg(w.org), wantTitle(w.title), wantPublished(w.published), wantCause(w.cause), wantAffected(w.affected)} {
				c(t, in)
			}
			if !strings.Contains(in.Text, w.text) {
				t.Errorf("text lacks its post's %q:\n%s", w.text, in.Text)
			}
			for j, o := range want {
				if j != i && strings.Contains(in.Text, o.text) {
					t.Errorf("text holds %q of post %d", o.text, j)
				}
			}
			for _, chrome := range []string{"国内の情報漏えい事案をまとめています", "投稿者", "ラベル:", "人気の投稿", "過去の事件簿一覧"} {
				if strings.Contains(in.Text, chrome) {
					t.Errorf("text holds the blog's %q:\n%s", chrome, in.Text)
				}
			}
		})
	}
	wantDiscovered("2024-07-10")(t, &ins[0]) // "7月10日" in a post dated 2024
	wantPolice(true)(t, &ins[1])
}

const tablePage = `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>個人情報を含む書類の紛失について</title></head>
<body>
<div id="content">
<h1>個人情報を含む書類の紛失について</h1>
<p>令和6年10月25日</p>
<p>架空県立ひばり高等学校</p>
<p>本校において、生徒の個人情報が記載された書類を紛失する事案が発生しました。生徒及び保護者の皆様に深くお詫び申し上げます。</p>
<h2>紛失した書類</h2>
<table>
<tr><th>書類</th><th>記載されていた情報</th><th>人数</th></tr>
<tr><td>進路希望調査票</td><td>氏名、志望校</td><td>2年生 31名分</td></tr>
</table>
<h2>経緯</h2>
<table>
<tr><th>日時</th><th>内容</th></tr>
<tr><td>令和6年10月18日(金曜日)</td><td>教諭が書類を鞄に入れて帰宅する途中、バスの車内に置き忘れた。</td></tr>
<tr><td>10月21日(月曜日)</td><td>教諭が書類がないことに気付き、校長に報告した。同日、警察署に遺失届を提出した。</td></tr>
</table>
<p>今後、個人情報を含む書類の校外への持ち出しを禁止し、再発防止に努めます。</p>
</div>
</body></html>
`

func TestExtractHTMLTable(t *testing.T) {
	ins := extract(t, fetchPage(t, "/news/funshitsu.html"))
	if len(ins) != 1 {
		t.Fatalf("Extract returned %d incidents, want 1", len(ins))
	}
	in := &ins[0]
	// Each row is one line, its cells apart: never run together as
	// "書類記載されていた情報" nor split over lines.
	for _, row := range []string{
		"書類 | 記載されていた情報 | 人数",
		"進路希望調査票 | 氏名、志望校 | 2年生 31名分",
		"日時 | 内容",
		"令和6年10月18日(金曜日) | 教諭が書類を鞄に入れて帰宅する途中、バスの車内に置き忘れた。",
		"10月21日(月曜日) | 教諭が書類がないことに気付き、校長に報告した。同日、警察署に遺失届を提出した。",
	} {
		if !strings.Contains(in.Text, "\n"+row+"\n") {
			t.Errorf("text lacks the row line %q:\n%s", row, in.Text)
		}
	}
	for _, c := range []check{
		wantOrg("架空県立ひばり高等学校"),
		wantTitle("個人情報を含む書類の紛失について"),
		wantPublished("2024-10-25"),
		wantDiscovered("2024-10-21"), // a yearless row under a full date
		wantCause("loss"),
		wantAffected(31),
		wantHasDataTypes("name"),
		wantPolice(true),
	} {
		c(t, in)
	}
}

func TestExtractHTMLNoNotice(t *testing.T) {
	p := fetchPage(t, "/empty.html")
	ins, err := testAnalyzer(t).Extract(t.Context(), p)
	if err == nil {
		t.Fatalf("Extract = %d incidents, nil error; want an error", len(ins))
	}
	if !strings.Contains(err.Error(), p.Source) {
		t.Errorf("error %q does not name the page %q", err, p.Source)
	}
}
