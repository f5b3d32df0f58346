package crawl

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// found is what a feed, sitemap or listing page leads to.
type found struct {
	links    []foundLink // pages (and, from a sitemap index, sitemaps)
	next     []string    // the next page of the same feed or listing
	feeds    []string    // feeds a page announces with <link rel="alternate">
	sitemaps []string    // the sitemaps of a site's robots.txt
}

// foundLink is one link with what is known of it before fetching it.
type foundLink struct {
	URL  string
	Kind Kind      // KindPage, or KindSitemap from a sitemap index
	Text string    // title or anchor text
	Date time.Time // published, updated or lastmod; zero when unknown
}

// sniffFormat tells a Blogger JSON feed, an XML feed and a sitemap from HTML
// by their first bytes, whatever the server called them.
func sniffFormat(body []byte) Kind {
	head := bytes.TrimLeft(body[:min(len(body), 2048)], " \t\r\n\ufeff\xef\xbb\xbf")
	switch {
	case bytes.HasPrefix(head, []byte("{")):
		return KindFeed
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return KindSitemap // sitemap.xml.gz
	case bytes.Contains(head, []byte("<urlset")), bytes.Contains(head, []byte("<sitemapindex")):
		return KindSitemap
	case bytes.Contains(head, []byte("<rss")), bytes.Contains(head, []byte("<feed")), bytes.Contains(head, []byte("<rdf:RDF")):
		return KindFeed
	}
	return KindListing
}

// parseFeed reads the items of an RSS 1.0/2.0, Atom or Blogger JSON feed
// and the URL of its next page, if any.
func parseFeed(body []byte, base *url.URL) (*found, error) {
	if b := bytes.TrimLeft(body, " \t\r\n"); bytes.HasPrefix(b, []byte("{")) {
		return parseBloggerJSON(b, base)
	}
	d := xmlDecoder(body)
	f := &found{}
	var item *foundLink
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("feed: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			text.Reset()
			switch t.Name.Local {
			case "item", "entry":
				item = &foundLink{Kind: KindPage, URL: attr(t, "about")} // RSS 1.0: rdf:about
			case "link":
				rel, href := attr(t, "rel"), attr(t, "href")
				switch {
				case href == "":
				case item == nil && rel == "next":
					f.next = append(f.next, href)
				case item != nil && (rel == "" || rel == "alternate") && !strings.Contains(attr(t, "type"), "xml"):
					item.URL = href
				}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if item == nil {
				continue
			}
			v := strings.TrimSpace(text.String())
			switch t.Name.Local {
			case "item", "entry":
				if item.URL != "" {
					f.links = append(f.links, *item)
				}
				item = nil
			case "title":
				item.Text = v
			case "link":
				if v != "" && (item.URL == "" || strings.HasPrefix(item.URL, "tag:")) {
					item.URL = v // RSS: the link is the element's text
				}
			case "pubDate", "published", "updated", "date", "issued", "modified":
				if tm, ok := parseFeedTime(v); ok && tm.After(item.Date) {
					item.Date = tm
				}
			}
			text.Reset()
		}
	}
	f.resolve(base)
	f.next = rebasePaging(base, f.next)
	return f, nil
}

// rebasePaging moves a next-page link that leaves the feed's host but pages
// with start-index (Blogger's Atom and RSS feeds point at www.blogger.com)
// back onto the feed's own URL, so the crawl stays on the source's host.
func rebasePaging(base *url.URL, next []string) []string {
	for i, s := range next {
		u, err := url.Parse(s)
		if err != nil || base == nil || u.Host == base.Host || u.Query().Get("start-index") == "" {
			continue
		}
		r := *base
		q := r.Query()
		for _, k := range []string{"start-index", "max-results"} {
			if v := u.Query().Get(k); v != "" {
				q.Set(k, v)
			}
		}
		r.RawQuery = q.Encode()
		next[i] = r.String()
	}
	return next
}

// bloggerText is Blogger's JSON string wrapper, {"$t": "…"}.
type bloggerText struct {
	T string `json:"$t"`
}

type bloggerLink struct {
	Rel, Type, Href, Title string
}

type bloggerFeed struct {
	Feed struct {
		Link    []bloggerLink `json:"link"`
		Total   bloggerText   `json:"openSearch$totalResults"`
		Start   bloggerText   `json:"openSearch$startIndex"`
		PerPage bloggerText   `json:"openSearch$itemsPerPage"`
		Entry   []struct {
			Title     bloggerText   `json:"title"`
			Published bloggerText   `json:"published"`
			Updated   bloggerText   `json:"updated"`
			Link      []bloggerLink `json:"link"`
		} `json:"entry"`
	} `json:"feed"`
}

// parseBloggerJSON reads a Blogger feed in its JSON form (alt=json). Its
// next page is the same URL with start-index moved past this page's
// entries: the feed's own "next" link points at www.blogger.com, another host.
func parseBloggerJSON(body []byte, base *url.URL) (*found, error) {
	var bf bloggerFeed
	if err := json.Unmarshal(body, &bf); err != nil {
		return nil, fmt.Errorf("feed: JSON: %w", err)
	}
	f := &found{}
	for _, e := range bf.Feed.Entry {
		l := foundLink{Kind: KindPage, Text: e.Title.T}
		for _, ln := range e.Link {
			if ln.Rel == "alternate" {
				l.URL = ln.Href
			}
		}
		for _, s := range []string{e.Published.T, e.Updated.T} {
			if tm, ok := parseFeedTime(s); ok && tm.After(l.Date) {
				l.Date = tm
			}
		}
		if l.URL != "" {
			f.links = append(f.links, l)
		}
	}
	start, err1 := strconv.Atoi(bf.Feed.Start.T)
	total, err2 := strconv.Atoi(bf.Feed.Total.T)
	if n := len(bf.Feed.Entry); n > 0 && err1 == nil && err2 == nil && start+n <= total && base != nil {
		next := *base
		q := next.Query()
		q.Set("start-index", strconv.Itoa(start+n))
		next.RawQuery = q.Encode()
		f.next = append(f.next, next.String())
	}
	f.resolve(base)
	return f, nil
}

// parseSitemap reads a sitemap (urlset: pages), a sitemap index (sitemaps),
// either gzipped, or a text sitemap (one URL a line).
func parseSitemap(body []byte, base *url.URL, maxSize int64) (*found, error) {
	if bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("sitemap: %w", err)
		}
		// A gzip bomb stops at the body limit like any other large answer.
		body, err = io.ReadAll(io.LimitReader(zr, maxSize+1))
		if err != nil {
			return nil, fmt.Errorf("sitemap: %w", err)
		}
		if int64(len(body)) > maxSize {
			return nil, fmt.Errorf("sitemap: %w: more than %d bytes unzipped", ErrTooLarge, maxSize)
		}
	}
	f := &found{}
	if !bytes.Contains(body[:min(len(body), 2048)], []byte("<")) {
		for _, line := range strings.Fields(string(body)) {
			if strings.HasPrefix(line, "http") {
				f.links = append(f.links, foundLink{URL: line, Kind: KindPage})
			}
		}
		f.resolve(base)
		return f, nil
	}
	d := xmlDecoder(body)
	var cur *foundLink
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("sitemap: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			text.Reset()
			switch t.Name.Local {
			case "url":
				cur = &foundLink{Kind: KindPage}
			case "sitemap":
				cur = &foundLink{Kind: KindSitemap}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if cur == nil {
				continue
			}
			v := strings.TrimSpace(text.String())
			switch t.Name.Local {
			case "loc":
				cur.URL = v
			case "lastmod":
				cur.Date, _ = parseFeedTime(v)
			case "url", "sitemap":
				if cur.URL != "" {
					f.links = append(f.links, *cur)
				}
				cur = nil
			}
		}
	}
	f.resolve(base)
	return f, nil
}

// resolve makes every URL absolute and canonical, dropping those that are
// not http(s).
func (f *found) resolve(base *url.URL) {
	links := f.links[:0]
	for _, l := range f.links {
		if u, ok := resolveLink(base, l.URL); ok {
			l.URL = u.String()
			links = append(links, l)
		}
	}
	f.links = links
	f.next = resolveAll(base, f.next)
	f.feeds = resolveAll(base, f.feeds)
	f.sitemaps = resolveAll(base, f.sitemaps)
}

func resolveAll(base *url.URL, in []string) []string {
	var out []string
	for _, s := range in {
		if u, ok := resolveLink(base, s); ok {
			out = append(out, u.String())
		}
	}
	return out
}

// xmlDecoder is a lenient XML decoder that understands the charsets
// Japanese feeds declare (Shift_JIS, EUC-JP).
func xmlDecoder(body []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	return d
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// parseFeedTime reads the date forms of RSS (RFC 822), Atom and sitemaps
// (RFC 3339 and its date-only forms) and RSS 1.0's dc:date.
func parseFeedTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{
		time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05",
		"2006-01-02", "2006-01", time.RFC1123Z, time.RFC1123,
		"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
		"2 Jan 2006 15:04:05 -0700", time.RFC822Z, time.RFC822,
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
