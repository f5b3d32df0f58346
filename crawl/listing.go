package crawl

import (
	"bytes"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// parseHTMLLinks reads an HTML page (UTF-8) for what a listing leads to: its
// links with their text (and a date written next to them), its next-page
// links, and the feeds it announces.
func parseHTMLLinks(body []byte, base *url.URL, rules *linkRules) *found {
	f := &found{}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return f // the HTML parser accepts anything a reader gives it
	}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, ok := resolveLink(base, href); ok {
			base = b
		}
	}
	doc.Find("link[href]").Each(func(_ int, s *goquery.Selection) {
		rel := strings.ToLower(s.AttrOr("rel", ""))
		typ := strings.ToLower(s.AttrOr("type", ""))
		href := s.AttrOr("href", "")
		switch {
		case hasWord(rel, "next"):
			f.next = append(f.next, href)
		case hasWord(rel, "alternate") && (strings.Contains(typ, "rss") || strings.Contains(typ, "atom") || strings.Contains(typ, "rdf")):
			f.feeds = append(f.feeds, href)
		}
	})
	doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		href := s.AttrOr("href", "")
		text := strings.TrimSpace(s.Text())
		if rules.isPager(text, s.AttrOr("rel", ""), s.AttrOr("class", "")+" "+s.AttrOr("id", "")) {
			f.next = append(f.next, href)
			return
		}
		full := text
		for _, extra := range []string{s.AttrOr("title", ""), s.Find("img[alt]").AttrOr("alt", "")} {
			if extra != "" {
				full += " " + extra
			}
		}
		date, ok := listDate(text)
		if !ok {
			date, _ = listDate(s.Parent().Text())
		}
		f.links = append(f.links, foundLink{URL: href, Kind: KindPage, Text: full, Date: date})
	})
	f.resolve(base)
	return f
}

func hasWord(list, w string) bool {
	for _, v := range strings.Fields(list) {
		if v == w {
			return true
		}
	}
	return false
}

// listDateRE matches the dates listings print next to their entries:
// 2024年3月15日, 2024.03.15, 2024/3/15, 2024-03-15 (also in full-width digits,
// which fold to ASCII first).
var listDateRE = regexp.MustCompile(`(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})`)

// listDate finds the first date in s.
func listDate(s string) (time.Time, bool) {
	if len(s) > 4096 {
		s = s[:4096] // a date belongs next to the link, not deep in a long block
	}
	m := listDateRE.FindStringSubmatch(fold(s))
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
}
