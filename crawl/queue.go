package crawl

import (
	"context"
	"errors"
	"net/url"
	"time"
)

// handle applies a worker's outcome: the URL's new state, the links it
// leads to and, for a page, its capture, committed together only after the
// capture is on disk.
func (c *crawler) handle(ctx context.Context, o outcome) error {
	h := c.hosts[o.hostKey]
	h.busy = false
	if !o.last.IsZero() {
		h.last = o.last
	}
	c.sum.Requests += o.requests
	if o.requests == 0 {
		c.started-- // nothing was fetched: it does not count against MaxPages
	}
	u := c.urls[o.u.URL]
	if cancelled(ctx, o.err) || cancelled(ctx, o.pdfErr) {
		h.queue = append([]*urlState{u}, h.queue...) // still pending: the next run does it
		return nil
	}
	if o.robots != nil {
		h.robots = o.robots
		h.delay = max(c.opts.Delay, o.robots.CrawlDelay)
	}
	if o.robotsErr != nil {
		h.robotsErr = o.robotsErr
	}
	if o.deferred {
		// Without robots.txt nothing of the host may be fetched; its
		// URLs stay pending for the next run rather than failing.
		if o.robotsErr != nil {
			c.count(u.URL, "robots.txt unreachable (the host waits for the next run)")
			c.log.Warn("robots.txt unreachable", "url", u.URL, "err", o.robotsErr)
		}
		c.sum.Pending++
		return nil
	}
	c.done++
	u.Session = c.session
	var changed []*urlState
	var warc string
	var ws warcState
	switch {
	case o.disallowed:
		u.State, u.Reason = stateRobots, ErrRobots.Error()
		c.sum.SkippedRobots++
		c.log.Info("skipped: robots.txt disallows it", "url", u.URL)
	case o.err != nil:
		c.fail(u, o.err)
	default:
		var err error
		if changed, warc, ws, err = c.fetched(u, o); err != nil {
			return err
		}
	}
	if err := c.st.commit(append(changed, u), warc, ws); err != nil {
		return err
	}
	if c.opts.Progress != nil {
		queued := 0
		for _, h := range c.order {
			queued += len(h.queue)
		}
		c.opts.Progress(Progress{Done: c.done, Queued: queued, URL: u.URL})
	}
	return nil
}

// cancelled reports whether err is the run being stopped rather than a
// failure of the URL.
func cancelled(ctx context.Context, err error) bool {
	return err != nil && ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded))
}

// fetched applies an answer: not modified, a redirect, a page to capture or
// links to follow. It returns the other URLs it changed.
func (c *crawler) fetched(u *urlState, o outcome) ([]*urlState, string, warcState, error) {
	r := o.resp
	u.Status, u.FetchedAt, u.Reason, u.Attempts = r.Status, r.Date, "", 0
	if o.unchanged {
		u.State = stateDone
		if v := r.Header.Get("ETag"); v != "" {
			u.ETag = v
		}
		if v := r.Header.Get("Last-Modified"); v != "" {
			u.LastModified = v
		}
		c.sum.NotModified++
		c.log.Info("not modified", "url", u.URL, "status", r.Status)
		return nil, "", warcState{}, nil
	}
	if r.Location != "" {
		return c.redirect(u, r.Location), "", warcState{}, nil
	}
	u.State, u.Hash = stateDone, o.hash
	u.ETag, u.LastModified = r.Header.Get("ETag"), r.Header.Get("Last-Modified")
	if o.kind != KindPage {
		c.sum.Read++
		c.log.Info("read", "url", u.URL, "as", string(o.kind), "links", len(o.found.links))
		return c.follow(u, o.found, o.kind), "", warcState{}, nil
	}
	if c.arc == nil {
		a, err := openArchive(c.opts.CaptureDir, c.opts.UserAgent)
		if err != nil {
			return nil, "", warcState{}, err
		}
		c.arc = a
		// Registered before the first capture, so a crash leaves nothing
		// the next run does not know about.
		if err := c.st.commit(nil, a.name, a.state()); err != nil {
			return nil, "", warcState{}, err
		}
	}
	ws, err := c.arc.capture(r)
	if err != nil {
		return nil, "", warcState{}, err
	}
	u.Capture = c.arc.name
	c.sum.Fetched++
	c.log.Info("stored", "url", u.URL, "bytes", len(r.Body), "type", r.Header.Get("Content-Type"))
	if o.pdfErr != nil {
		reason, _ := failureOf(o.pdfErr)
		u.Reason = reason
		c.count(u.URL, reason)
	}
	return nil, c.arc.name, ws, nil
}

// redirect queues a redirect's target as the same kind of URL, one hop
// further, and returns it when it changed.
func (c *crawler) redirect(u *urlState, location string) []*urlState {
	u.State = stateDone
	target, ok := resolveLink(nil, location)
	switch {
	case !ok:
		c.fail(u, &failure{"redirect to a non-http(s) URL", false, ErrScheme})
		return nil
	case u.Hops >= c.opts.MaxRedirects:
		c.fail(u, &failure{"too many redirects", false, ErrRedirects})
		return nil
	case !c.sources[u.Source].allows(target.Host):
		u.Reason = "redirected off the source's hosts: " + target.String()
		c.skip(&c.sum.Offsite, target.String())
		return nil
	}
	c.sum.Redirects++
	c.log.Info("redirect", "url", u.URL, "to", target.String())
	var n *urlState
	if u.Kind == KindPage {
		n, _ = c.queuePage(target.String(), u.Source, u.Hint)
	} else {
		n = c.queueEntry(target.String(), u.Kind, u.Source, u.Hops+1, false)
	}
	if n != nil {
		n.Hops = u.Hops + 1
		return []*urlState{n}
	}
	return nil
}

// follow queues what a feed, sitemap or listing page leads to. Pages must
// be on the source's hosts and, unless the source follows all, look like
// notices. Feeds and listings list the newest first, so their next page is
// read only while every item on this one is new to the crawl and not
// older than --since.
func (c *crawler) follow(from *urlState, f *found, kind Kind) []*urlState {
	src := c.sources[from.Source]
	var changed []*urlState
	add := func(u *urlState) {
		if u != nil {
			changed = append(changed, u)
		}
	}
	known, dated, old := 0, 0, 0
	for _, l := range f.links {
		lu, err := url.Parse(l.URL)
		switch {
		case err != nil:
			continue
		case !src.allows(lu.Host):
			c.skip(&c.sum.Offsite, l.URL)
			continue
		case l.Kind == KindSitemap:
			add(c.queueEntry(l.URL, KindSitemap, src.Name, 0, false))
			continue
		case c.rules.skipped(lu):
			continue
		case !src.FollowAll && !c.rules.looksLikeNotice(l.Text, lu):
			c.skip(&c.sum.NotNotice, l.URL)
			continue
		}
		if !c.opts.Since.IsZero() && !l.Date.IsZero() {
			dated++
			if l.Date.Before(c.opts.Since) {
				old++
				c.skip(&c.sum.BeforeSince, l.URL)
				continue
			}
		}
		u, seen := c.queuePage(l.URL, src.Name, l.Date)
		if seen {
			known++
		}
		add(u)
	}
	// A site's feeds and sitemaps are entries of its source from now on,
	// read every run even when the page announcing them has not changed.
	for _, g := range []struct {
		kind Kind
		urls []string
	}{{KindFeed, f.feeds}, {KindSitemap, f.sitemaps}} {
		for _, e := range g.urls {
			if eu, err := url.Parse(e); err == nil && src.allows(eu.Host) {
				u := c.queueEntry(e, g.kind, src.Name, 0, false)
				if r := c.urls[e]; r != nil && !r.Root {
					r.Root = true
					u = r
				}
				add(u)
			}
		}
	}
	if known > 0 || (dated > 0 && old == dated) {
		return changed
	}
	for _, next := range f.next {
		nu, err := url.Parse(next)
		if err != nil || !src.allows(nu.Host) {
			c.skip(&c.sum.Offsite, next)
			continue
		}
		if kind == KindSitemap {
			continue // sitemaps do not page
		}
		add(c.queueEntry(next, kind, src.Name, 0, false))
	}
	return changed
}

// queuePage queues a page found on a feed, sitemap or listing. seen reports
// a page an earlier run already handled; it is fetched again only when the
// link's date says it changed since.
func (c *crawler) queuePage(raw, source string, hint time.Time) (u *urlState, seen bool) {
	e := c.urls[raw]
	switch {
	case e == nil:
		e = &urlState{URL: raw, Kind: KindPage, Source: source, State: statePending, Session: c.session, Seq: c.nextSeq(), Hint: hint}
		c.urls[raw] = e
		c.push(e)
		return e, false
	case e.State == statePending || e.Session == c.session:
		return nil, false
	case e.Kind == KindPage && e.State == stateDone && !hint.IsZero() && hint.After(e.Hint) && !e.Hint.IsZero():
		e.State, e.Session, e.Hint = statePending, c.session, hint
		c.push(e)
		return e, true
	}
	return nil, true
}

// queueEntry queues a feed, sitemap or listing page (or a source's page),
// once per run: an earlier run's copy is fetched again, conditionally.
func (c *crawler) queueEntry(raw string, kind Kind, source string, hops int, seed bool) *urlState {
	e := c.urls[raw]
	switch {
	case e == nil:
		e = &urlState{URL: raw, Kind: kind, Source: source, State: statePending, Session: c.session, Seq: c.nextSeq(), Entry: true, Hops: hops}
		c.urls[raw] = e
	case e.State == statePending || e.Session == c.session:
		return nil
	default:
		e.State, e.Session, e.Hops = statePending, c.session, hops
		if seed {
			e.Kind, e.Source = kind, source
		}
	}
	c.push(e)
	return e
}

// fail records a failed URL: to try again next run when the reason may
// pass, for good otherwise.
func (c *crawler) fail(u *urlState, err error) {
	reason, transient := failureOf(err)
	u.Reason = reason
	u.Attempts++
	u.State = stateFailed
	if transient && u.Attempts < maxAttempts {
		u.State = stateRetry
	}
	c.count(u.URL, reason)
	c.log.Warn("failed", "url", u.URL, "reason", reason, "err", err)
}

func (c *crawler) count(url, reason string) {
	c.sum.Failed[reason]++
	c.sum.Failures = append(c.sum.Failures, Failure{URL: url, Reason: reason})
}

// skip counts a link not followed, once per run.
func (c *crawler) skip(counter *int, url string) {
	if !c.seen[url] {
		c.seen[url] = true
		*counter++
	}
}
