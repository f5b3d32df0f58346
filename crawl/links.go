package crawl

import (
	"bufio"
	_ "embed"
	"fmt"
	"net/url"
	"path"
	"strings"

	"golang.org/x/text/width"
)

// linksData holds the words that decide which links a crawl follows. It is
// data, not code, so a new cue is an edit of links.txt.
//
//go:embed links.txt
var linksData string

// linkRules says which links look like notices and which lead to the next
// page of a listing.
type linkRules struct {
	noticeText []string // folded words in link text
	noticeURL  []string // lower-case words in a URL's path and query
	skipText   []string // folded phrases that rule a link out
	pagerText  map[string]bool
	pagerClass map[string]bool
	skipExt    map[string]bool
}

// parseLinkRules reads the sectioned word list of links.txt.
func parseLinkRules(data string) (*linkRules, error) {
	r := &linkRules{pagerText: map[string]bool{}, pagerClass: map[string]bool{}, skipExt: map[string]bool{}}
	section := ""
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			section = line[1 : len(line)-1]
			continue
		}
		w := fold(line)
		switch section {
		case "notice-text":
			r.noticeText = append(r.noticeText, w)
		case "notice-url":
			r.noticeURL = append(r.noticeURL, w)
		case "skip-text":
			r.skipText = append(r.skipText, w)
		case "pager-text":
			r.pagerText[w] = true
		case "pager-class":
			r.pagerClass[w] = true
		case "skip-ext":
			r.skipExt[w] = true
		default:
			return nil, fmt.Errorf("links.txt:%d: %q outside a known section", n, line)
		}
	}
	return r, sc.Err()
}

// fold lower-cases s, folds full-width letters and half-width katakana to
// their usual forms and collapses white space, so "ＮＥＸＴ" and "next" match.
func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(width.Fold.String(s))), " ")
}

// looksLikeNotice reports whether a link with this text (anchor text, title,
// image alt) and URL looks like a breach notice.
func (r *linkRules) looksLikeNotice(text string, u *url.URL) bool {
	if r.skipExt[strings.ToLower(path.Ext(u.Path))] {
		return false
	}
	t := fold(text)
	for _, w := range r.skipText {
		if strings.Contains(t, w) {
			return false
		}
	}
	for _, w := range r.noticeText {
		if strings.Contains(t, w) {
			return true
		}
	}
	p := strings.ToLower(u.EscapedPath() + "?" + u.RawQuery)
	if unescaped, err := url.PathUnescape(p); err == nil {
		p = fold(unescaped) // Japanese words in the path: /news/お詫び.html
	}
	for _, w := range r.noticeURL {
		if strings.Contains(p, w) {
			return true
		}
	}
	for _, w := range r.noticeText {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}

// isPager reports whether a link is to the next (older) page of a listing:
// rel="next", a class or id naming it, or its whole text saying it.
func (r *linkRules) isPager(text, rel, class string) bool {
	for _, v := range strings.Fields(strings.ToLower(rel)) {
		if v == "next" {
			return true
		}
	}
	for _, v := range strings.Fields(strings.ToLower(class)) {
		if r.pagerClass[v] {
			return true
		}
	}
	return r.pagerText[fold(text)]
}

// skipped reports whether the URL's extension rules it out of a listing.
func (r *linkRules) skipped(u *url.URL) bool {
	return r.skipExt[strings.ToLower(path.Ext(u.Path))]
}

// resolveLink makes href absolute against base and canonical enough to
// deduplicate: fragment dropped, scheme and host lower-cased, default port
// removed. It reports false for what is not http or https (mailto:,
// javascript:, tel:) or does not parse.
func resolveLink(base *url.URL, href string) (*url.URL, bool) {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return nil, false
	}
	ref, err := url.Parse(href)
	if err != nil {
		return nil, false
	}
	u := ref
	if base != nil {
		u = base.ResolveReference(ref)
	}
	return canonical(u)
}

// canonical returns u without fragment, with lower-case scheme and host and
// without a default port, or false if it is not http(s) with a host.
func canonical(u *url.URL) (*url.URL, bool) {
	c := *u
	c.Scheme = strings.ToLower(c.Scheme)
	if c.Scheme != "http" && c.Scheme != "https" || c.Host == "" {
		return nil, false
	}
	c.Fragment, c.RawFragment = "", ""
	c.Host = strings.ToLower(c.Host)
	if p := c.Port(); (c.Scheme == "http" && p == "80") || (c.Scheme == "https" && p == "443") {
		c.Host = c.Hostname()
	}
	if c.Path == "" {
		c.Path = "/"
	}
	c.ForceQuery = false
	c.User = nil
	return &c, true
}

// ParseURL parses a URL given by a user or a sources file: only absolute
// http and https URLs are accepted.
func ParseURL(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return nil, err
	}
	c, ok := canonical(u)
	if !ok {
		if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
			return nil, fmt.Errorf("%s: %w", s, ErrScheme)
		}
		return nil, fmt.Errorf("%s: not an absolute http(s) URL", s)
	}
	return c, nil
}

// sameSite reports whether host b counts as host a: equal, or one is the
// other with "www." in front.
func sameSite(a, b string) bool {
	return a == b || "www."+a == b || a == "www."+b
}
