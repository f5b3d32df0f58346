package crawl

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 6, 17, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{" 0 ", 0, true},
		{"Mon, 17 Jun 2024 09:00:30 GMT", 30 * time.Second, true},
		{"Mon, 17 Jun 2024 08:00:00 GMT", 0, true}, // already past
		{"99999999999", 24 * time.Hour, true},      // capped, not overflowed
		{"", 0, false},
		{"-5", 0, false},
		{"soon", 0, false},
		{"1.5", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func testFetcher(timeout time.Duration, maxBody int64) *Fetcher {
	f := NewFetcher("incidex/1 (+https://example.org/test)", timeout, maxBody)
	f.Backoff = 10 * time.Millisecond
	return f
}

func TestFetch(t *testing.T) {
	var calls atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Write([]byte("<p>ok</p>"))
	})
	mux.HandleFunc("/down", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) })
	mux.HandleFunc("/wait-long", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/big-announced", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100000")
		w.Write(make([]byte, 100000))
	})
	mux.HandleFunc("/big-streamed", func(w http.ResponseWriter, r *http.Request) {
		for range 100 {
			w.Write([]byte(strings.Repeat("x", 1000)))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/stall", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<p>half"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	mux.HandleFunc("/etag", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte("<p>v1</p>"))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/etag", http.StatusMovedPermanently)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := context.Background()
	f := testFetcher(time.Second, 50000)

	start := time.Now()
	resp, err := f.Fetch(ctx, Request{URL: srv.URL + "/busy"})
	if err != nil || resp.Status != 200 || resp.Retries != 1 || time.Since(start) < time.Second {
		t.Errorf("429 with Retry-After 1: %v, %+v after %v; want 200 after one retry a second later", err, resp, time.Since(start))
	}
	var se *StatusError
	if _, err := f.Fetch(ctx, Request{URL: srv.URL + "/down"}); !errors.As(err, &se) || se.Code != 503 || se.Retries != f.MaxRetries {
		t.Errorf("503 every time: %v, want a StatusError after %d retries", err, f.MaxRetries)
	}
	if _, err := f.Fetch(ctx, Request{URL: srv.URL + "/wait-long"}); err == nil || !strings.Contains(err.Error(), "Retry-After") {
		t.Errorf("Retry-After of an hour: %v, want to give up at once", err)
	}
	if _, err := f.Fetch(ctx, Request{URL: srv.URL + "/gone"}); !errors.As(err, &se) || se.Code != 404 || se.Retries != 0 {
		t.Errorf("404: %v, want a StatusError without retries", err)
	}
	for _, p := range []string{"/big-announced", "/big-streamed"} {
		if _, err := f.Fetch(ctx, Request{URL: srv.URL + p}); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: %v, want ErrTooLarge", p, err)
		}
	}
	start = time.Now()
	if _, err := f.Fetch(ctx, Request{URL: srv.URL + "/stall"}); !errors.Is(err, ErrTimeout) || time.Since(start) > 5*time.Second {
		t.Errorf("a stalled body: %v after %v, want ErrTimeout after about a second", err, time.Since(start))
	}
	if resp, err := f.Fetch(ctx, Request{URL: srv.URL + "/etag", ETag: `"v1"`}); err != nil || resp.Status != 304 || len(resp.Body) != 0 {
		t.Errorf("conditional GET: %v, %+v; want 304", err, resp)
	}
	if resp, err := f.Fetch(ctx, Request{URL: srv.URL + "/moved"}); err != nil || resp.Status != 301 || resp.Location != srv.URL+"/etag" {
		t.Errorf("redirect: %v, %+v; want the 301 itself with its absolute Location", err, resp)
	}
	for _, u := range []string{"ftp://example.jp/a", "file:///etc/passwd", "/relative"} {
		if _, err := f.Fetch(ctx, Request{URL: u}); err == nil {
			t.Errorf("%s was fetched, want refused", u)
		} else if strings.Contains(u, "://") && !errors.Is(err, ErrScheme) {
			t.Errorf("%s: %v, want ErrScheme", u, err)
		}
	}
}

// A refused connection is retried with backoff, then reported.
func TestFetchConnectionRefused(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.URL
	srv.Close()
	f := testFetcher(time.Second, 1000)
	_, err := f.Fetch(context.Background(), Request{URL: addr + "/"})
	if err == nil || !connectionError(err) {
		t.Errorf("err = %v, want a connection error", err)
	}
	if reason, transient := failureOf(err); reason != "network error" || !transient {
		t.Errorf("failureOf = %q, %v; want a transient network error", reason, transient)
	}
}
