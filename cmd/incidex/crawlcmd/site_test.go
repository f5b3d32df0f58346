package crawlcmd_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"
)

// hit is one request a fake site answered.
type hit struct {
	site, path  string // "agg" or "co"; the request URI
	at          time.Time
	conditional bool
	status      int
	ua          string
}

// fakeSites are an aggregator blog (UTF-8, Blogger-like: a feed, a
// sitemap, listing pages, /search disallowed) and a company site (Shift_JIS
// news listing mixing notices and other news, a disallowed path, a 429, a
// redirect chain, a slow page, a 50 MB page, binary served as HTML, a
// PDF), both recording every request.
type fakeSites struct {
	agg, co *httptest.Server

	mu      sync.Mutex
	hits    []hit
	plain   map[string]int // unconditional requests per path (the 429 page)
	onHit   func(hit)
	written int64 // bytes of the 50 MB page sent
}

const (
	hugeSize = 50 << 20
	pageSize = 2 // items per feed page and listing page
)

func newFakeSites(t *testing.T) *fakeSites {
	t.Helper()
	s := &fakeSites{plain: map[string]int{}}
	s.agg = httptest.NewServer(s.record("agg", s.aggregator))
	s.co = httptest.NewServer(s.record("co", s.company))
	t.Cleanup(func() {
		s.agg.CloseClientConnections()
		s.co.CloseClientConnections()
		s.agg.Close()
		s.co.Close()
	})
	return s
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = 200
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() { w.ResponseWriter.(http.Flusher).Flush() }

func (s *fakeSites) record(site string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		at := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h(sw, r)
		x := hit{site: site, path: r.URL.RequestURI(), at: at, status: sw.status, ua: r.UserAgent(),
			conditional: r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != ""}
		s.mu.Lock()
		s.hits = append(s.hits, x)
		f := s.onHit
		s.mu.Unlock()
		if f != nil {
			f(x)
		}
	}
}

// takeHits returns the requests recorded since the last call.
func (s *fakeSites) takeHits() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hits
	s.hits = nil
	return h
}

// serve answers with body, honoring conditional GET by a strong ETag and a
// fixed Last-Modified.
func serve(w http.ResponseWriter, r *http.Request, ctype string, body []byte) {
	if notModified(w, r, body) {
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

// notModified sets the validators of body and answers 304 when the
// request holds them.
func notModified(w http.ResponseWriter, r *http.Request, body []byte) bool {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", "Mon, 17 Jun 2024 09:00:00 GMT")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
}

func (s *fakeSites) aggregator(w http.ResponseWriter, r *http.Request) {
	const html = "text/html; charset=UTF-8"
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		// Blogger's own robots.txt.
		serve(w, r, "text/plain", []byte("User-agent: Mediapartners-Google\nDisallow: \n\nUser-agent: *\nDisallow: /search\nAllow: /\n\nSitemap: "+s.agg.URL+"/sitemap.xml\n"))
	case p == "/":
		serve(w, r, html, s.aggListing(1))
	case strings.HasPrefix(p, "/page/"):
		n, err := strconv.Atoi(strings.TrimPrefix(p, "/page/"))
		if err != nil || n < 2 || (n-1)*pageSize >= len(posts) {
			http.NotFound(w, r)
			return
		}
		serve(w, r, html, s.aggListing(n))
	case p == "/feeds/posts/default":
		serve(w, r, "application/atom+xml; charset=UTF-8", s.aggFeed(r))
	case p == "/sitemap.xml":
		serve(w, r, "application/xml; charset=UTF-8", s.aggSitemap(r.URL.Query().Get("page")))
	default:
		for _, po := range posts {
			if po.path == p {
				serve(w, r, html, aggPost(po))
				return
			}
		}
		http.NotFound(w, r)
	}
}

func aggPost(po post) []byte {
	heading := fmt.Sprintf("【セキュリティ事件簿#%s】%s %s %s", po.serial, po.org, po.title, po.date)
	return []byte(`<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>` + heading + ` | 架空セキュリティ事件簿</title></head>
<body><header><h1 class="title"><a href="/">架空セキュリティ事件簿</a></h1></header>
<div class="post"><h3 class="post-title">` + heading + `</h3>
<div class="post-body"><p>` + strings.ReplaceAll(po.body, "\n", "</p>\n<p>") + `</p></div></div>
<div class="blog-pager"><a class="blog-pager-newer-link" href="/">次の投稿</a> <a href="/">ホーム</a></div>
<footer>Powered by Blogger</footer></body></html>`)
}

// aggListing is page n of the blog's list of posts: titles only, a "next
// page" link, and Blogger's "older posts" link into /search.
func (s *fakeSites) aggListing(n int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>架空セキュリティ事件簿</title>
<link rel="alternate" type="application/atom+xml" title="架空セキュリティ事件簿 - Atom" href="` + s.agg.URL + `/feeds/posts/default">
</head><body><h1>架空セキュリティ事件簿</h1><nav><a href="/p/about.html">このブログについて</a></nav><ul class="posts">`)
	for i := (n - 1) * pageSize; i < min(n*pageSize, len(posts)); i++ {
		po := posts[i]
		fmt.Fprintf(&b, "<li><a href=%q>【セキュリティ事件簿#%s】%s %s</a> <span>%s</span></li>\n", po.path, po.serial, po.org, po.title, po.date)
	}
	b.WriteString("</ul>")
	if n*pageSize < len(posts) {
		fmt.Fprintf(&b, `<div class="pager"><a href="/page/%d">次のページ</a></div>`, n+1)
		fmt.Fprintf(&b, `<div class="blog-pager"><a class="blog-pager-older-link" href="/search?updated-max=2024-05-30T10:00:00%%2B09:00&amp;max-results=%d">前の投稿</a></div>`, pageSize)
	}
	b.WriteString("</body></html>")
	return []byte(b.String())
}

// aggFeed is an Atom feed paged as Blogger pages it: start-index and
// max-results, with a next link that points at www.blogger.com.
func (s *fakeSites) aggFeed(r *http.Request) []byte {
	start, _ := strconv.Atoi(r.URL.Query().Get("start-index"))
	start = max(start, 1)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:openSearch="http://a9.com/-/spec/opensearchrss/1.0/">
<title>架空セキュリティ事件簿</title>`)
	fmt.Fprintf(&b, "<openSearch:totalResults>%d</openSearch:totalResults>", len(posts))
	if start-1+pageSize < len(posts) {
		fmt.Fprintf(&b, `<link rel="next" type="application/atom+xml" href="https://www.blogger.com/feeds/1234567890/posts/default?start-index=%d&amp;max-results=%d"/>`, start+pageSize, pageSize)
	}
	for i := start - 1; i < min(start-1+pageSize, len(posts)); i++ {
		po := posts[i]
		fmt.Fprintf(&b, `<entry><title>【セキュリティ事件簿#%s】%s %s</title><published>2024-06-%02dT10:00:00+09:00</published>`, po.serial, po.org, po.title, 20-i)
		fmt.Fprintf(&b, `<link rel="replies" type="text/html" href="%s%s#comment-form"/><link rel="alternate" type="text/html" href="%s%s"/></entry>`, s.agg.URL, po.path, s.agg.URL, po.path)
	}
	b.WriteString("</feed>")
	return []byte(b.String())
}

func (s *fakeSites) aggSitemap(page string) []byte {
	if page == "" {
		return []byte(`<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
			`<sitemap><loc>` + s.agg.URL + `/sitemap.xml?page=1</loc></sitemap><sitemap><loc>` + s.agg.URL + `/sitemap.xml?page=2</loc></sitemap></sitemapindex>`)
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i, po := range posts {
		if (i < 3) == (page == "1") {
			fmt.Fprintf(&b, "<url><loc>%s%s</loc><lastmod>2024-06-%02dT10:00:00Z</lastmod></url>", s.agg.URL, po.path, 20-i)
		}
	}
	b.WriteString("</urlset>")
	return []byte(b.String())
}

// sjis encodes UTF-8 text as Shift_JIS.
func sjis(s string) []byte {
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func coPage(title, body string) []byte {
	return sjis(`<!DOCTYPE html><html lang="ja"><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><title>` + title + ` | 株式会社さくら珈琲</title></head>
<body><header><a href="/">株式会社さくら珈琲</a> &gt; <a href="/news/">お知らせ</a></header><main>` + body + `</main>
<footer><a href="/privacy.html">個人情報保護方針</a> <a href="/contact/">お問い合わせ</a></footer></body></html>`)
}

func coNotice(title, date, body string) []byte {
	return coPage(title, "<h1>"+title+"</h1><p class=\"date\">"+date+"</p><p>株式会社さくら珈琲</p><p>"+
		strings.ReplaceAll(body, "\n", "</p>\n<p>")+"</p>")
}

// coNews are the news listing's two pages (linked by 次へ).
var coNews = [2]string{
	`<h1>お知らせ一覧</h1><ul>
<li><span>2024.06.10</span> <a href="/news/20240610.html">当社オンラインショップへの不正アクセスによる個人情報漏えいに関するお詫びとお知らせ</a></li>
<li><span>2024.05.20</span> <a href="/news/20240520.html">新商品「さくらブレンド」発売のお知らせ</a></li>
<li><span>2024.05.01</span> <a href="/news/20240501.html">ゴールデンウィーク期間中の営業について</a></li>
<li><span>2024.04.15</span> <a href="/news/old/20240415.html">メールマガジン誤送信に関するお詫び</a></li>
<li><span>2024.04.01</span> <a href="/recruit/">採用情報を更新しました</a></li>
<li><span>2024.03.20</span> <a href="/private/20240320.html">USBメモリ紛失に関するお知らせ</a></li>
</ul><p class="pager"><a href="/news/page2.html">次へ</a></p>`,
	`<h1>お知らせ一覧（2ページ目）</h1><ul>
<li><span>2024.03.01</span> <a href="/news/20240301.html">会員サイトにおけるお客様情報の誤表示に関するお詫び</a></li>
<li><span>2024.02.15</span> <a href="/news/20240215.pdf">【重要】社内サーバーへのランサムウェア攻撃に関するお知らせ（PDF）</a></li>
<li><span>2024.02.10</span> <a href="/news/archive-all.html">過去のお知らせ一覧（全件）</a></li>
<li><span>2024.02.01</span> <a href="/news/20240201.html">システムメンテナンスのお知らせ</a></li>
<li><span>2024.01.10</span> <a href="/news/20240110.html">年末年始休業のお知らせ（終了しました）</a></li>
</ul><p class="pager"><a href="/news/">前へ</a></p>`,
}

func (s *fakeSites) company(w http.ResponseWriter, r *http.Request) {
	const html = "text/html" // no charset: the page declares Shift_JIS itself
	p := r.URL.Path
	if n, ok := companyNotices[p]; ok {
		if p == "/news/20240610.html" && r.Header.Get("If-None-Match") == "" {
			s.mu.Lock()
			s.plain[p]++
			busy := s.plain[p]%2 == 1
			s.mu.Unlock()
			if busy { // every first try: come back in a second
				w.Header().Set("Retry-After", "1")
				http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
				return
			}
		}
		if p == "/news/20240301.html" {
			s.slow(w, r, coNotice(n.title, n.date, n.body))
			return
		}
		serve(w, r, html, coNotice(n.title, n.date, n.body))
		return
	}
	switch p {
	case "/robots.txt":
		// The group for incidex is the one that applies; everyone else is
		// shut out.
		serve(w, r, "text/plain", []byte("User-agent: *\nDisallow: /\n\nUser-agent: incidex\nDisallow: /private/\nCrawl-delay: 0.1\n"))
	case "/news/":
		serve(w, r, html, coPage("お知らせ一覧", coNews[0]))
	case "/news/page2.html":
		serve(w, r, html, coPage("お知らせ一覧", coNews[1]))
	case "/news/20240520.html":
		serve(w, r, html, coPage("新商品「さくらブレンド」発売のお知らせ", productNews))
	case "/news/old/20240415.html":
		http.Redirect(w, r, "/news/moved/20240415", http.StatusMovedPermanently)
	case "/news/moved/20240415":
		http.Redirect(w, r, s.co.URL+"/news/2024/20240415.html", http.StatusFound)
	case "/news/20240215.pdf":
		b, err := os.ReadFile("testdata/notice-cid.pdf")
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		serve(w, r, "application/pdf", b)
	case "/news/archive-all.html":
		s.huge(w)
	case "/news/20240201.html":
		rnd := rand.New(rand.NewPCG(1, 2))
		b := make([]byte, 4096)
		for i := range b {
			b[i] = byte(rnd.Uint32())
		}
		serve(w, r, "text/html", b)
	default:
		http.NotFound(w, r)
	}
}

// slow sends the first half of a page, waits, then the rest.
func (s *fakeSites) slow(w http.ResponseWriter, r *http.Request, body []byte) {
	if notModified(w, r, body) {
		return
	}
	w.Header().Set("Content-Type", "text/html")
	half := len(body) / 2
	w.Write(body[:half])
	w.(http.Flusher).Flush()
	time.Sleep(300 * time.Millisecond)
	w.Write(body[half:])
}

// huge streams a 50 MB page without announcing its length, until the
// client stops reading.
func (s *fakeSites) huge(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	chunk := []byte(strings.Repeat("<p>過去のお知らせ</p>\n", 2048))
	var sent int64
	defer func() {
		s.mu.Lock()
		s.written += sent
		s.mu.Unlock()
	}()
	for sent < hugeSize {
		n, err := w.Write(chunk)
		sent += int64(n)
		if err != nil {
			return
		}
	}
}
