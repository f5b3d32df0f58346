package crawl

import (
	"net/url"
	"slices"
	"testing"
	"time"
)

// bloggerRobots is the robots.txt every Blogger blog serves.
const bloggerRobots = `User-agent: Mediapartners-Google
Disallow: 

User-agent: *
Disallow: /search
Allow: /

Sitemap: https://blog.b-son.net/sitemap.xml
`

func TestRobots(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		allowed  []string
		refused  []string
		delay    time.Duration
		sitemaps []string
	}{
		{
			name: "Blogger", status: 200, body: bloggerRobots,
			allowed:  []string{"/", "/2024/06/blog-post.html", "/feeds/posts/default?alt=json&start-index=101", "/sitemap.xml?page=2"},
			refused:  []string{"/search?updated-max=2024-05-30T10:00:00%2B09:00&max-results=7", "/search/label/不正アクセス"},
			sitemaps: []string{"https://blog.b-son.net/sitemap.xml"},
		},
		{
			name: "our group wins over *", status: 200,
			body:    "User-agent: *\nDisallow: /\n\nUser-agent: incidex\nDisallow: /private/\nCrawl-delay: 2.5\n",
			allowed: []string{"/news/0610.html"}, refused: []string{"/private/a.html"}, delay: 2500 * time.Millisecond,
		},
		{
			name: "other crawlers' rules do not apply", status: 200,
			body:    "User-agent: Googlebot\nDisallow: /\n",
			allowed: []string{"/news/"},
		},
		{
			name: "a malformed line is dropped, not the file", status: 200,
			body:    "User-agent: *\nCrawl-delay: soon\nDisallow: /admin/\n",
			allowed: []string{"/news/"}, refused: []string{"/admin/x"},
		},
		{name: "no robots.txt (404)", status: 404, body: "<html>not found</html>", allowed: []string{"/", "/private/"}},
		{name: "server error (503): everything refused", status: 503, refused: []string{"/", "/news/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseRobots(tt.status, []byte(tt.body), productToken("incidex/1 (+https://example.org)"))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range tt.allowed {
				if u, _ := url.Parse("https://example.jp" + p); !r.Allowed(u) {
					t.Errorf("%s refused, want allowed", p)
				}
			}
			for _, p := range tt.refused {
				if u, _ := url.Parse("https://example.jp" + p); r.Allowed(u) {
					t.Errorf("%s allowed, want refused", p)
				}
			}
			if r.CrawlDelay != tt.delay {
				t.Errorf("Crawl-delay %v, want %v", r.CrawlDelay, tt.delay)
			}
			if !slices.Equal(r.Sitemaps, tt.sitemaps) {
				t.Errorf("sitemaps %v, want %v", r.Sitemaps, tt.sitemaps)
			}
		})
	}
}

func TestProductToken(t *testing.T) {
	for ua, want := range map[string]string{
		"incidex/1 (+https://example.org)": "incidex",
		"Incidex-Test":                     "incidex-test",
		"mybot (+mailto:a@example.org)":    "mybot",
	} {
		if got := productToken(ua); got != want {
			t.Errorf("productToken(%q) = %q, want %q", ua, got, want)
		}
	}
}
