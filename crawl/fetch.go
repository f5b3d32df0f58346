package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Errors of fetching, wrapped by the errors Fetch returns.
var (
	ErrScheme    = errors.New("only http and https URLs are fetched")
	ErrRedirects = errors.New("too many redirects")
	ErrRobots    = errors.New("disallowed by robots.txt")
	ErrTimeout   = errors.New("timed out")
)

// StatusError is an HTTP status the crawler does not accept.
type StatusError struct {
	Code    int
	Retries int // how many times the request was retried before giving up
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("HTTP %d %s", e.Code, http.StatusText(e.Code))
	if e.Retries > 0 {
		s += fmt.Sprintf(" after %d retries", e.Retries)
	}
	return s
}

// Fetcher sends one GET at a time and reads its answer within limits. It
// follows no redirects itself: the crawler queues the target, so that
// robots.txt and the per-host delay apply to it too.
type Fetcher struct {
	Client       *http.Client
	UserAgent    string
	MaxBody      int64         // bytes read at most; more is ErrTooLarge
	MaxRetries   int           // retries of a 429, 502, 503, 504 or failed connection
	Backoff      time.Duration // first wait without Retry-After; doubles each retry
	MaxRetryWait time.Duration // a longer Retry-After gives up instead of waiting
}

// NewFetcher returns a Fetcher whose requests time out after timeout each
// (connection, headers and body together).
func NewFetcher(userAgent string, timeout time.Duration, maxBody int64) *Fetcher {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = timeout
	tr.DialContext = (&net.Dialer{Timeout: min(timeout, 30*time.Second)}).DialContext
	tr.TLSHandshakeTimeout = min(timeout, 15*time.Second)
	return &Fetcher{
		Client: &http.Client{
			Transport: tr,
			Timeout:   timeout,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		},
		UserAgent:    userAgent,
		MaxBody:      maxBody,
		MaxRetries:   3,
		Backoff:      2 * time.Second,
		MaxRetryWait: 2 * time.Minute,
	}
}

// Request is one page to get, with the validators of its stored copy.
type Request struct {
	URL          string
	ETag         string // sent as If-None-Match
	LastModified string // sent as If-Modified-Since
	Gap          time.Duration
	// Gap is the least wait before a retry: the host's delay.
}

// Response is a fetched page. Body is empty for a 304 or a redirect.
type Response struct {
	URL      string
	Status   int
	Header   http.Header
	Body     []byte
	Location string // absolute target of a redirect
	Date     time.Time
	Retries  int
	HTTPReq  *http.Request  // as sent, for the capture's request record
	HTTPResp *http.Response // its body already read into Body
}

// Fetch gets one URL. A 2xx, 304 or 3xx answer is a Response; anything
// else, a body over MaxBody, a timeout or a refused scheme is an error.
// 429, 502, 503 and 504 answers and failed connections are retried,
// waiting as the Retry-After header says or backing off exponentially.
// The last response's completion time is returned even on error, for the
// per-host delay.
func (f *Fetcher) Fetch(ctx context.Context, r Request) (*Response, error) {
	wait := f.Backoff
	for retry := 0; ; retry++ {
		resp, err := f.once(ctx, r)
		if resp != nil {
			resp.Retries = retry
		}
		var after time.Duration
		switch {
		case err == nil && !retryStatus(resp.Status):
			return resp, nil
		case err == nil:
			if retry >= f.MaxRetries {
				return nil, &StatusError{Code: resp.Status, Retries: retry}
			}
			after, _ = ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
		case ctx.Err() != nil || !connectionError(err) || retry >= f.MaxRetries:
			return nil, err
		}
		if after == 0 {
			after = wait
			wait *= 2
		}
		if after > f.MaxRetryWait {
			if resp == nil {
				return nil, err
			}
			return nil, fmt.Errorf("%w: Retry-After %v is longer than %v", &StatusError{Code: resp.Status, Retries: retry}, after, f.MaxRetryWait)
		}
		if err := sleep(ctx, max(after, r.Gap)); err != nil {
			return nil, err
		}
	}
}

// retryStatus reports whether an answer asks to come back later.
func retryStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// once sends one request and reads its answer.
func (f *Fetcher) once(ctx context.Context, r Request) (*Response, error) {
	u, err := ParseURL(r.URL)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,application/pdf;q=0.8,*/*;q=0.5")
	req.Header.Set("Accept-Language", "ja,en;q=0.5")
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	out := &Response{URL: u.String(), Date: time.Now().UTC(), HTTPReq: req}
	resp, err := f.Client.Do(req)
	if err != nil {
		return nil, netError(ctx, err)
	}
	defer resp.Body.Close()
	out.Status, out.Header, out.HTTPResp = resp.StatusCode, resp.Header, resp
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return out, nil
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		loc, err := resp.Location()
		if err != nil {
			return nil, fmt.Errorf("redirect (HTTP %d) without a usable Location: %w", resp.StatusCode, err)
		}
		out.Location = loc.String()
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode >= 300:
		// A retried status needs its headers (Retry-After), not its body.
		if retryStatus(resp.StatusCode) {
			return out, nil
		}
		return nil, &StatusError{Code: resp.StatusCode}
	}
	if resp.ContentLength > f.MaxBody {
		return nil, fmt.Errorf("%w: %d bytes announced, limit is %d", ErrTooLarge, resp.ContentLength, f.MaxBody)
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 {
		buf.Grow(int(resp.ContentLength))
	}
	// One byte past the limit tells a body of exactly MaxBody from a longer one.
	if _, err := buf.ReadFrom(io.LimitReader(resp.Body, f.MaxBody+1)); err != nil {
		return nil, netError(ctx, err)
	}
	if int64(buf.Len()) > f.MaxBody {
		return nil, fmt.Errorf("%w: more than %d bytes, cut there", ErrTooLarge, f.MaxBody)
	}
	out.Body = buf.Bytes()
	return out, nil
}

// connectionError reports whether err is a failed or broken connection,
// worth trying again (unlike a status, a timeout or a body over the limit).
func connectionError(err error) bool {
	var se *StatusError
	if errors.As(err, &se) || errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTimeout) || errors.Is(err, ErrScheme) {
		return false
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED)
}

// netError turns a client timeout into ErrTimeout and keeps the context's
// own error recognizable.
func netError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: %v", ErrTimeout, err)
	}
	return err
}

// ParseRetryAfter reads a Retry-After value: delay seconds or an HTTP date.
// A date in the past is a zero wait; an unreadable value reports false.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		if s > int64(24*time.Hour/time.Second) {
			s = int64(24 * time.Hour / time.Second) // keeps the Duration from overflowing
		}
		return time.Duration(s) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
