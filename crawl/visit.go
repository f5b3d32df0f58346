package crawl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"time"
)

// outcome is what a worker learned about one URL. The loop applies it.
type outcome struct {
	hostKey    string
	u          urlState // the URL as it was handed out
	resp       *Response
	err        error // the URL failed; see failureOf
	disallowed bool  // robots.txt forbids it: nothing was requested
	requests   int
	last       time.Time // when the host's last request ended; zero if none was made
	robots     *Robots   // the host's robots.txt, when this visit read it
	robotsErr  error     // robots.txt could not be read by this visit
	deferred   bool      // not tried: the host's robots.txt could not be read
	unchanged  bool      // 304, or the body hashes as before
	hash       string    // sha256 of the body, hex
	kind       Kind      // what the URL turned out to be (a site is a feed, sitemap, listing or page)
	found      *found    // links of a feed, sitemap or listing
	pdfErr     error     // a PDF whose text could not be had (kept anyway)
}

// failure is an error with the reason the summary counts it under and
// whether a later run should try again.
type failure struct {
	reason    string
	transient bool
	err       error
}

func (f *failure) Error() string { return f.reason + ": " + f.err.Error() }
func (f *failure) Unwrap() error { return f.err }

// visit reads the host's robots.txt if this run has not, then fetches the
// URL, waiting out the host's delay before each request, and examines the
// answer. It runs on a worker goroutine and touches nothing shared: h is a
// copy of the host's state.
func (c *crawler) visit(ctx context.Context, h *host, u urlState) (o outcome) {
	o = outcome{hostKey: h.key, u: u, kind: u.Kind}
	pu, err := url.Parse(u.URL)
	if err != nil {
		o.err = &failure{"bad URL", false, err}
		return o
	}
	if h.robotsErr != nil {
		o.err, o.deferred = h.robotsErr, true
		return o
	}
	robots, last, delay := h.robots, h.last, h.delay
	if robots == nil {
		if o.err = sleep(ctx, time.Until(last.Add(delay))); o.err != nil {
			return o
		}
		robots, o.last, err = c.fetcher.fetchRobots(ctx, pu, delay)
		o.requests++
		last = o.last
		if err != nil {
			if ctx.Err() != nil {
				o.err = ctx.Err()
				return o
			}
			o.robotsErr = &failure{"robots.txt unreachable", true, err}
			o.err, o.deferred = o.robotsErr, true
			return o
		}
		o.robots = robots
		delay = max(delay, robots.CrawlDelay)
	}
	if !robots.Allowed(pu) {
		o.disallowed = true
		return o
	}
	if o.err = sleep(ctx, time.Until(last.Add(delay))); o.err != nil {
		return o
	}
	req := Request{URL: u.URL, Gap: delay}
	if u.Hash != "" { // validators only of a copy we have
		req.ETag, req.LastModified = u.ETag, u.LastModified
	}
	resp, err := c.fetcher.Fetch(ctx, req)
	o.last = time.Now()
	o.requests++
	if resp != nil {
		o.requests += resp.Retries
	}
	if err != nil {
		o.err = err
		return o
	}
	o.resp = resp
	if resp.Status == 304 {
		o.unchanged = true
		return o
	}
	if resp.Location != "" {
		return o
	}
	sum := sha256.Sum256(resp.Body)
	o.hash = hex.EncodeToString(sum[:])
	if o.hash == u.Hash {
		o.unchanged = true
		return o
	}
	c.examine(ctx, &o, pu, robots)
	return o
}

// examine decides what a fetched URL is and reads it: the links of a feed,
// sitemap or listing, or the checks a page must pass to be kept.
func (c *crawler) examine(ctx context.Context, o *outcome, pu *url.URL, robots *Robots) {
	body, ct := o.resp.Body, o.resp.Header.Get("Content-Type")
	kind := o.u.Kind
	if kind == KindSite {
		kind = KindPage
		if !IsPDF(ct, body) {
			kind = sniffFormat(body)
		}
	}
	var err error
	switch kind {
	case KindFeed:
		if o.found, err = parseFeed(body, pu); err != nil {
			o.err = &failure{"unreadable feed", false, err}
		}
	case KindSitemap:
		if o.found, err = parseSitemap(body, pu, c.opts.MaxBody); err != nil {
			o.err = &failure{"unreadable sitemap", false, err}
		}
	case KindListing:
		cp, err := newCapture(o.u.URL, body, ct)
		if err != nil {
			o.err = err
			return
		}
		o.found = parseHTMLLinks(cp.Body, pu, c.rules)
		if o.u.Kind == KindSite {
			if !c.looksLikeListing(o.found, pu) {
				kind = KindPage // a single notice given by its address
				break
			}
			if pu.Path == "/" { // a site's root: its sitemaps too
				o.found.sitemaps = resolveAll(pu, robots.Sitemaps)
			}
		}
	}
	o.kind = kind
	if kind == KindPage {
		o.found = nil
		o.err, o.pdfErr = c.checkPage(ctx, o.u.URL, ct, body)
	}
}

// looksLikeListing tells a site's front or news page from a single notice
// given by its address: a listing announces feeds, has a next page, is a
// site's root, or links to several notices.
func (c *crawler) looksLikeListing(f *found, pu *url.URL) bool {
	if pu.Path == "/" || len(f.feeds) > 0 || len(f.next) > 0 {
		return true
	}
	n := 0
	for _, l := range f.links {
		if lu, err := url.Parse(l.URL); err == nil && sameSite(lu.Host, pu.Host) && c.rules.looksLikeNotice(l.Text, lu) {
			n++
		}
	}
	return n >= 2
}

// checkPage decides whether a page is kept: text and HTML must decode (not
// binary, not empty); a PDF is always kept, and pdfErr says whether its text
// can be had; images and the like are refused.
func (c *crawler) checkPage(ctx context.Context, source, ct string, body []byte) (err, pdfErr error) {
	if IsPDF(ct, body) {
		_, pdfErr = c.pdf(ctx, body)
		return nil, pdfErr
	}
	mt, _, _ := mime.ParseMediaType(ct)
	for _, p := range []string{"image/", "audio/", "video/", "font/"} {
		if strings.HasPrefix(mt, p) {
			return &failure{"not a document (" + mt + ")", false, fmt.Errorf("Content-Type %s", ct)}, nil
		}
	}
	if _, err := newCapture(source, body, ct); err != nil {
		return err, nil
	}
	return nil, nil
}

// failureOf returns the reason a failure is counted under and whether a
// later run should try the URL again.
func failureOf(err error) (reason string, transient bool) {
	var f *failure
	var se *StatusError
	switch {
	case errors.As(err, &f):
		return f.reason, f.transient
	case errors.Is(err, ErrNoPDFText):
		return ErrNoPDFText.Error(), false
	case errors.As(err, &se):
		reason = fmt.Sprintf("HTTP %d", se.Code)
		if se.Retries > 0 {
			reason += " (retries exhausted)"
		}
		return reason, se.Code == 408 || se.Code == 429 || se.Code >= 500
	case errors.Is(err, ErrTooLarge):
		return "too large", false
	case errors.Is(err, ErrBinary):
		return "binary content", false
	case errors.Is(err, ErrEmpty):
		return "empty", false
	case errors.Is(err, ErrCharset):
		return "unknown charset", false
	case errors.Is(err, ErrTimeout):
		return "timeout", true
	case errors.Is(err, ErrRedirects):
		return "too many redirects", false
	case errors.Is(err, ErrScheme):
		return "not http or https", false
	}
	return "network error", true
}

// hostKey is the host (with port) a URL is politely queued under.
func hostKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Host
}
