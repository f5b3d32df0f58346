package crawl

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/temoto/robotstxt"
)

// maxRobotsSize is how much of a robots.txt is read, as Google does (500 KiB).
const maxRobotsSize = 500 << 10

// Robots is what a host's robots.txt says to this crawler.
type Robots struct {
	group      *robotstxt.Group // nil: everything allowed
	disallowed bool             // everything refused (robots.txt answered 5xx)
	CrawlDelay time.Duration
	Sitemaps   []string
}

// Allowed reports whether the URL's path and query may be fetched.
func (r *Robots) Allowed(u *url.URL) bool {
	if r.disallowed {
		return false
	}
	if r.group == nil {
		return true
	}
	return r.group.Test(u.RequestURI())
}

// ParseRobots reads a robots.txt answer for the crawler whose product token
// is agent ("incidex"): 2xx is parsed, 4xx (no robots.txt) allows
// everything and 5xx refuses everything, as Google's crawlers do. Lines that
// do not parse are dropped rather than throwing the whole file away.
func ParseRobots(status int, body []byte, agent string) (*Robots, error) {
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil && status >= 200 && status < 300 {
		data, err = robotstxt.FromStatusAndBytes(status, dropBadRobotsLines(body))
	}
	if err != nil {
		return nil, fmt.Errorf("robots.txt: %w", err)
	}
	r := &Robots{Sitemaps: data.Sitemaps}
	switch {
	case status >= 500:
		r.disallowed = true
	case status >= 200 && status < 300:
		r.group = data.FindGroup(agent)
		r.CrawlDelay = r.group.CrawlDelay
	}
	return r, nil
}

// dropBadRobotsLines keeps the lines of a robots.txt that parse on their own
// (after a User-agent line), so one malformed Crawl-delay does not discard
// the Disallow rules around it.
func dropBadRobotsLines(body []byte) []byte {
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 64<<10), maxRobotsSize)
	for sc.Scan() {
		line := sc.Text()
		if _, err := robotstxt.FromString("User-agent: *\n" + line); err != nil {
			continue
		}
		out.WriteString(line)
		out.WriteByte('\n')
	}
	return out.Bytes()
}

// productToken is the first word of a User-Agent ("incidex" of
// "incidex/1 (+https://…)"), the name robots.txt groups match.
func productToken(userAgent string) string {
	t := userAgent
	if i := strings.IndexAny(t, "/ "); i >= 0 {
		t = t[:i]
	}
	return strings.ToLower(t)
}

// fetchRobots gets and parses the robots.txt of the site of u. A site that
// cannot be reached, or whose robots.txt answers 429 or 5xx after the
// retries, gives an error: its pages wait for a later run (Google treats a
// 5xx robots.txt as a temporary full disallow).
func (f *Fetcher) fetchRobots(ctx context.Context, u *url.URL, gap time.Duration) (*Robots, time.Time, error) {
	robotsURL := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}).String()
	limited := *f
	limited.MaxBody = maxRobotsSize
	agent := productToken(f.UserAgent)
	// Redirects are followed here (up to five): robots.txt is often
	// redirected to the https or www. site.
	for hop := 0; hop <= 5; hop++ {
		resp, err := limited.Fetch(ctx, Request{URL: robotsURL, Gap: gap})
		done := time.Now()
		var se *StatusError
		switch {
		case errors.As(err, &se) && se.Code != 429 && se.Code < 500:
			r, perr := ParseRobots(se.Code, nil, agent) // no robots.txt: all allowed
			return r, done, perr
		case errors.Is(err, ErrTooLarge):
			// Google reads the first 500 KiB; a larger file is most likely
			// not a robots.txt at all.
			r, _ := ParseRobots(200, nil, agent)
			return r, done, nil
		case err != nil:
			return nil, done, fmt.Errorf("robots.txt: %w", err)
		case resp.Location != "":
			robotsURL = resp.Location
			if err := sleep(ctx, gap); err != nil {
				return nil, done, err
			}
			continue
		}
		r, err := ParseRobots(resp.Status, resp.Body, agent)
		return r, done, err
	}
	return nil, time.Now(), fmt.Errorf("robots.txt: %w", ErrRedirects)
}
