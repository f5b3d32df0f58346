package crawl

import (
	"bytes"
	"compress/gzip"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"
)

func parseTestURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func linkURLs(f *found) []string {
	var out []string
	for _, l := range f.links {
		out = append(out, l.URL)
	}
	return out
}

// A Blogger JSON feed pages by start-index on the blog's own host.
func TestParseBloggerJSON(t *testing.T) {
	body := `{"version":"1.0","encoding":"UTF-8","feed":{
	"link":[{"rel":"next","type":"application/atom+xml","href":"https://www.blogger.com/feeds/123/posts/summary?alt=json&start-index=3&max-results=2"}],
	"openSearch$totalResults":{"$t":"5"},"openSearch$startIndex":{"$t":"1"},"openSearch$itemsPerPage":{"$t":"2"},
	"entry":[
	 {"title":{"type":"text","$t":"【セキュリティ事件簿#2024-206】株式会社あおば物流 不正アクセスに関するお知らせ"},
	  "published":{"$t":"2024-06-14T10:00:00.000+09:00"},"updated":{"$t":"2024-06-15T08:00:00.000+09:00"},
	  "link":[{"rel":"replies","type":"text/html","href":"https://blog.b-son.net/2024/06/a.html#comment-form"},{"rel":"alternate","type":"text/html","href":"https://blog.b-son.net/2024/06/a.html"}]},
	 {"title":{"$t":"b"},"published":{"$t":"2024-06-10T10:00:00.000+09:00"},"link":[{"rel":"alternate","href":"https://blog.b-son.net/2024/06/b.html"}]}
	]}}`
	base := parseTestURL(t, "https://blog.b-son.net/feeds/posts/summary?alt=json&max-results=2")
	f, err := parseFeed([]byte(body), base)
	if err != nil {
		t.Fatal(err)
	}
	if got := linkURLs(f); !slices.Equal(got, []string{"https://blog.b-son.net/2024/06/a.html", "https://blog.b-son.net/2024/06/b.html"}) {
		t.Errorf("items %v", got)
	}
	if want := time.Date(2024, 6, 14, 23, 0, 0, 0, time.UTC); !f.links[0].Date.Equal(want) {
		t.Errorf("date %v, want the later of published and updated, %v", f.links[0].Date, want)
	}
	if !slices.Equal(f.next, []string{"https://blog.b-son.net/feeds/posts/summary?alt=json&max-results=2&start-index=3"}) {
		t.Errorf("next %v", f.next)
	}
	last := strings.Replace(body, `"openSearch$startIndex":{"$t":"1"}`, `"openSearch$startIndex":{"$t":"5"}`, 1)
	if f, _ := parseFeed([]byte(last), base); len(f.next) != 0 {
		t.Errorf("the last page has a next page: %v", f.next)
	}
}

// Blogger's Atom feed points its next page at www.blogger.com; the crawl
// stays on the blog.
func TestParseAtomRebasesBloggerPaging(t *testing.T) {
	body := `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<link rel="next" type="application/atom+xml" href="https://www.blogger.com/feeds/123/posts/default?start-index=26&amp;max-results=25"/>
<entry><title>お詫び</title><published>2024-06-14T10:00:00+09:00</published>
<link rel="replies" type="application/atom+xml" href="https://blog.example.jp/feeds/1/comments/default"/>
<link rel="alternate" type="text/html" href="https://blog.example.jp/2024/06/a.html"/></entry></feed>`
	f, err := parseFeed([]byte(body), parseTestURL(t, "https://blog.example.jp/feeds/posts/default"))
	if err != nil {
		t.Fatal(err)
	}
	if got := linkURLs(f); !slices.Equal(got, []string{"https://blog.example.jp/2024/06/a.html"}) {
		t.Errorf("items %v", got)
	}
	if !slices.Equal(f.next, []string{"https://blog.example.jp/feeds/posts/default?max-results=25&start-index=26"}) {
		t.Errorf("next %v", f.next)
	}
}

// RSS 2.0 in Shift_JIS and RSS 1.0 (RDF), both common on Japanese sites.
func TestParseRSS(t *testing.T) {
	rss2 := `<?xml version="1.0" encoding="Shift_JIS"?><rss version="2.0"><channel><title>お知らせ</title><link>https://co.example.jp/</link>
<item><title>個人情報漏えいに関するお詫び</title><link>https://co.example.jp/news/0610.html</link><pubDate>Mon, 10 Jun 2024 09:00:00 +0900</pubDate></item>
</channel></rss>`
	sjis, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte(rss2))
	f, err := parseFeed(sjis, parseTestURL(t, "https://co.example.jp/rss.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.links) != 1 || f.links[0].Text != "個人情報漏えいに関するお詫び" || f.links[0].URL != "https://co.example.jp/news/0610.html" || f.links[0].Date.IsZero() {
		t.Errorf("RSS 2.0 items %+v", f.links)
	}
	rdf := `<?xml version="1.0" encoding="UTF-8"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://co.example.jp/"><title>x</title><link>https://co.example.jp/</link></channel>
<item rdf:about="https://co.example.jp/news/0415.html"><title>誤送信について</title><link>https://co.example.jp/news/0415.html</link><dc:date>2024-04-15T10:00:00+09:00</dc:date></item>
</rdf:RDF>`
	f, err = parseFeed([]byte(rdf), parseTestURL(t, "https://co.example.jp/index.rdf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.links) != 1 || f.links[0].URL != "https://co.example.jp/news/0415.html" || f.links[0].Date.IsZero() {
		t.Errorf("RSS 1.0 items %+v", f.links)
	}
	if _, err := parseFeed([]byte("{not json"), nil); err == nil {
		t.Error("a broken JSON feed parsed")
	}
}

func TestParseSitemap(t *testing.T) {
	base := parseTestURL(t, "https://blog.example.jp/sitemap.xml")
	index := `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://blog.example.jp/sitemap.xml?page=1</loc></sitemap><sitemap><loc>https://blog.example.jp/sitemap.xml?page=2</loc></sitemap></sitemapindex>`
	f, err := parseSitemap([]byte(index), base, 1<<20)
	if err != nil || len(f.links) != 2 || f.links[0].Kind != KindSitemap {
		t.Fatalf("index: %+v, %v", f, err)
	}
	urlset := `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://blog.example.jp/2024/06/a.html</loc><lastmod>2024-06-14T01:00:00Z</lastmod></url>
<url><loc> https://blog.example.jp/2024/06/b.html </loc></url></urlset>`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(urlset))
	zw.Close()
	for name, body := range map[string][]byte{"plain": []byte(urlset), "gzipped": gz.Bytes()} {
		f, err := parseSitemap(body, base, 1<<20)
		if err != nil || len(f.links) != 2 || f.links[0].Kind != KindPage || f.links[0].Date.IsZero() || f.links[1].URL != "https://blog.example.jp/2024/06/b.html" {
			t.Errorf("%s urlset: %+v, %v", name, f, err)
		}
	}
	if _, err := parseSitemap(gz.Bytes(), base, 100); err == nil {
		t.Error("a gzipped sitemap larger than the limit unzipped was read")
	}
	f, err = parseSitemap([]byte("https://a.example/1\nhttps://a.example/2\n"), base, 1<<20)
	if err != nil || len(f.links) != 2 {
		t.Errorf("text sitemap: %+v, %v", f, err)
	}
}

func TestParseHTMLLinks(t *testing.T) {
	page := `<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">
<link rel="alternate" hreflang="en" href="/en/"><link rel="next" href="/news/page2.html"></head><body>
<ul><li><span>２０２４年６月１０日</span><a href="0610.html">不正アクセスに関するお詫び</a></li>
<li><a href="/news/0520.html" title="新商品のお知らせ"><img src="x.png" alt="新商品"></a> 2024.05.20</li></ul>
<a class="next page-numbers" href="/news/page2.html">2</a><a href="mailto:info@example.jp">mail</a></body></html>`
	f := parseHTMLLinks([]byte(page), parseTestURL(t, "https://co.example.jp/news/"), mustRules(t))
	if !slices.Equal(f.feeds, []string{"https://co.example.jp/rss.xml"}) {
		t.Errorf("feeds %v", f.feeds)
	}
	if !slices.Equal(f.next, []string{"https://co.example.jp/news/page2.html", "https://co.example.jp/news/page2.html"}) {
		t.Errorf("next %v", f.next)
	}
	if len(f.links) != 2 {
		t.Fatalf("links %+v", f.links)
	}
	if l := f.links[0]; l.URL != "https://co.example.jp/news/0610.html" || !l.Date.Equal(time.Date(2024, 6, 10, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("first link %+v: want its URL and the full-width date beside it", l)
	}
	if l := f.links[1]; !strings.Contains(l.Text, "新商品のお知らせ") || l.Date.IsZero() {
		t.Errorf("second link %+v: want the title attribute in its text and the date after it", l)
	}
}

func TestSniffFormat(t *testing.T) {
	for body, want := range map[string]Kind{
		`{"feed":{}}`: KindFeed,
		`<?xml version="1.0"?><rss version="2.0">`:   KindFeed,
		`<feed xmlns="http://www.w3.org/2005/Atom">`: KindFeed,
		`<?xml version="1.0"?><urlset xmlns="…">`:    KindSitemap,
		"\x1f\x8b\x08": KindSitemap,
		`<!DOCTYPE html><html><head><title>お知らせ</title></head>`: KindListing,
	} {
		if got := sniffFormat([]byte(body)); got != want {
			t.Errorf("sniffFormat(%q) = %s, want %s", body, got, want)
		}
	}
}
