package crawl

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"slices"
	"time"
)

// Defaults of [Options].
const (
	DefaultDelay        = time.Second
	DefaultParallel     = 4
	DefaultTimeout      = 30 * time.Second
	DefaultMaxRedirects = 5
)

// Options configure a crawl. Zero values take the defaults.
type Options struct {
	Sources    []Source // web entries are crawled; Paths are the caller's to ingest
	CaptureDir string   // where the run's WARC file goes
	UserAgent  string   // names the tool and a contact URL

	Delay        time.Duration // least wait between requests to one host (1 s); robots.txt Crawl-delay may raise it
	Parallel     int           // hosts crawled at once (4)
	Timeout      time.Duration // per request: connection, headers and body (30 s)
	MaxBody      int64         // largest answer read (DefaultMaxSize)
	MaxRedirects int           // redirects followed from one URL (5)
	MaxRetries   int           // retries of 429/502/503/504 and failed connections (3)
	Backoff      time.Duration // first retry wait without Retry-After (2 s), doubling
	MaxRetryWait time.Duration // longest Retry-After waited for (2 min)

	Since    time.Time // feed, sitemap and listing items dated before it are skipped
	MaxPages int       // requests for pages, feeds and listings this run (0: no limit)

	Transport http.RoundTripper                             // nil: a transport of its own
	Logger    *slog.Logger                                  // nil: no log
	Progress  func(Progress)                                // called after each URL
	PDFText   func(context.Context, []byte) ([]byte, error) // nil: [PDFText]
}

// Progress is how far a crawl has come.
type Progress struct {
	Done   int    // URLs handled this run
	Queued int    // URLs waiting
	URL    string // the URL just handled
}

// Summary is what a crawl did.
type Summary struct {
	Fetched       int            `json:"fetched"`              // pages downloaded and stored as captures
	Read          int            `json:"read"`                 // feeds, sitemaps and listing pages read for links
	NotModified   int            `json:"not_modified"`         // 304, or the same content as stored
	Redirects     int            `json:"redirects"`            // redirects followed
	SkippedRobots int            `json:"skipped_robots"`       // URLs robots.txt disallows (never requested)
	NotNotice     int            `json:"skipped_not_notice"`   // links that do not look like notices (not followed)
	Offsite       int            `json:"skipped_offsite"`      // links to hosts the source does not allow
	BeforeSince   int            `json:"skipped_before_since"` // items dated before --since
	Failed        map[string]int `json:"failed"`               // by reason
	Failures      []Failure      `json:"failures"`
	Pending       int            `json:"pending"`  // left for the next run (--max-pages, interrupted)
	Requests      int            `json:"requests"` // HTTP requests, robots.txt and retries included
	Resumed       bool           `json:"resumed"`  // this run continued an interrupted one
	Captures      []string       `json:"captures"` // the WARC file this run wrote, if any
	Seconds       float64        `json:"seconds"`
}

// Failure is one URL that failed and why. A PDF kept as a capture that
// could not be converted to text is one too.
type Failure struct {
	URL    string `json:"url"`
	Reason string `json:"reason"`
}

// host is one server's queue and politeness state, owned by the loop.
type host struct {
	key       string
	queue     []*urlState
	busy      bool
	last      time.Time     // when the last request to it ended
	delay     time.Duration // Options.Delay, or robots.txt's Crawl-delay if longer
	robots    *Robots
	robotsErr error
}

// crawler is one run.
type crawler struct {
	opts    Options
	st      *State
	session int
	urls    map[string]*urlState
	sources map[string]*Source
	rules   *linkRules
	fetcher *Fetcher
	hosts   map[string]*host
	order   []*host
	arc     *archive
	seq     uint64
	sum     Summary
	seen    map[string]bool // links counted as skipped this run
	done    int
	started int // URLs handed to a worker (for MaxPages)
	log     *slog.Logger
	pdf     func(context.Context, []byte) ([]byte, error)
}

// Crawl fetches the sources' entries and what they lead to, storing pages
// as WARC captures in opts.CaptureDir and remembering everything in st, so
// that an interrupted crawl resumes and a repeated one fetches only what
// changed. It returns when the frontier is empty, MaxPages is reached or
// ctx is done (then with ctx's error; the state is kept for the next run).
func Crawl(ctx context.Context, st *State, opts Options) (*Summary, error) {
	start := time.Now()
	c, err := newCrawler(st, opts)
	if err != nil {
		return nil, err
	}
	if err := st.repairCaptures(opts.CaptureDir); err != nil {
		return nil, err
	}
	if c.session, c.sum.Resumed, err = st.beginSession(); err != nil {
		return nil, fmt.Errorf("crawl state: %w", err)
	}
	if err := c.load(); err != nil {
		return nil, err
	}
	if err := c.seed(); err != nil {
		return nil, err
	}
	err = c.loop(ctx)
	if c.arc != nil {
		if cerr := c.arc.close(); cerr != nil && err == nil {
			err = cerr
		}
		if c.arc.records > 0 {
			c.sum.Captures = append(c.sum.Captures, filepath.Join(opts.CaptureDir, c.arc.name))
		}
	}
	for _, h := range c.order {
		c.sum.Pending += len(h.queue)
	}
	c.sum.Seconds = time.Since(start).Seconds()
	if err == nil && ctx.Err() == nil {
		err = st.endSession()
	}
	if err == nil {
		err = ctx.Err()
	}
	return &c.sum, err
}

func newCrawler(st *State, o Options) (*crawler, error) {
	if o.Delay <= 0 {
		o.Delay = DefaultDelay
	}
	if o.Parallel <= 0 {
		o.Parallel = DefaultParallel
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxSize
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.UserAgent == "" {
		return nil, errors.New("crawl: a User-Agent naming the tool and a contact is required")
	}
	rules, err := parseLinkRules(linksData)
	if err != nil {
		return nil, err
	}
	f := NewFetcher(o.UserAgent, o.Timeout, o.MaxBody)
	if o.Transport != nil {
		f.Client.Transport = o.Transport
	}
	if o.MaxRetries > 0 {
		f.MaxRetries = o.MaxRetries
	}
	if o.Backoff > 0 {
		f.Backoff = o.Backoff
	}
	if o.MaxRetryWait > 0 {
		f.MaxRetryWait = o.MaxRetryWait
	}
	c := &crawler{
		opts: o, st: st, rules: rules, fetcher: f,
		sources: map[string]*Source{}, hosts: map[string]*host{}, seen: map[string]bool{},
		log: o.Logger, pdf: o.PDFText,
	}
	c.sum.Failed = map[string]int{}
	c.sum.Failures = []Failure{}
	c.sum.Captures = []string{}
	if c.log == nil {
		c.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.pdf == nil {
		c.pdf = PDFText
	}
	for i := range o.Sources {
		c.sources[o.Sources[i].Name] = &o.Sources[i]
	}
	return c, nil
}

// load reads the state and queues what is pending for the chosen sources:
// what an interrupted run left, and transient failures of earlier runs.
func (c *crawler) load() error {
	urls, err := c.st.urls()
	if err != nil {
		return err
	}
	c.urls = urls
	var queue []*urlState
	for _, u := range urls {
		c.seq = max(c.seq, u.Seq)
		if c.sources[u.Source] == nil {
			continue
		}
		switch {
		case u.State == statePending:
			queue = append(queue, u)
		case u.State == stateRetry && u.Session < c.session && u.Attempts < maxAttempts:
			u.State, u.Session = statePending, c.session
			queue = append(queue, u)
		}
	}
	slices.SortFunc(queue, func(a, b *urlState) int { return cmp.Compare(a.Seq, b.Seq) })
	for _, u := range queue {
		c.push(u)
	}
	return nil
}

// seed queues every entry of the chosen sources, and the feeds and
// sitemaps found on their sites: each run reads them again
// (conditionally), unless this run already did before it was interrupted.
func (c *crawler) seed() error {
	var changed []*urlState
	for _, src := range c.opts.Sources {
		for _, e := range src.Entries {
			if u := c.queueEntry(e.URL, e.Kind, src.Name, 0, true); u != nil {
				changed = append(changed, u)
			}
		}
	}
	var roots []*urlState // feeds and sitemaps discovered on the sources' sites
	for _, u := range c.urls {
		if u.Root && c.sources[u.Source] != nil {
			roots = append(roots, u)
		}
	}
	slices.SortFunc(roots, func(a, b *urlState) int { return cmp.Compare(a.Seq, b.Seq) })
	for _, r := range roots {
		if u := c.queueEntry(r.URL, r.Kind, r.Source, 0, false); u != nil {
			changed = append(changed, u)
		}
	}
	return c.st.commit(changed, "", warcState{})
}

// push appends u to its host's queue.
func (c *crawler) push(u *urlState) {
	key := hostKey(u.URL)
	h := c.hosts[key]
	if h == nil {
		h = &host{key: key, delay: c.opts.Delay}
		c.hosts[key] = h
		c.order = append(c.order, h)
	}
	h.queue = append(h.queue, u)
}

// loop hands one URL at a time per host to a worker, several hosts at
// once, and handles each outcome here: state changes and captures are
// written by this goroutine only.
func (c *crawler) loop(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make(chan outcome)
	active := 0
	var fatal error
	next := 0 // where the round over the hosts starts, so none waits behind the others
	for {
		start := next
		for i := range c.order {
			if active >= c.opts.Parallel || ctx.Err() != nil || c.limitReached() {
				break
			}
			k := (start + i) % len(c.order)
			h := c.order[k]
			if h.busy || len(h.queue) == 0 {
				continue
			}
			next = k + 1
			u := h.queue[0]
			h.queue = h.queue[1:]
			h.busy = true
			active++
			c.started++
			view, task := *h, *u
			go func() { results <- c.visit(ctx, &view, task) }()
		}
		if active == 0 {
			return fatal
		}
		o := <-results
		active--
		if err := c.handle(ctx, o); err != nil && fatal == nil {
			fatal = err // the state or the captures cannot be written: stop
			cancel()
		}
	}
}

func (c *crawler) limitReached() bool {
	return c.opts.MaxPages > 0 && c.started >= c.opts.MaxPages
}

// nextSeq numbers URLs in the order they were found.
func (c *crawler) nextSeq() uint64 {
	c.seq++
	return c.seq
}
