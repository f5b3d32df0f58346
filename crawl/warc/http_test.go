package warc_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/incidex/incidex/crawl/warc"
)

// TestHTTPCapture fetches pages from a test server the way a crawler
// would, archives each exchange and reads the responses back.
func TestHTTPCapture(t *testing.T) {
	sjis := sjisNotice(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/sjis.html":
			w.Header().Set("Content-Type", "text/html; charset=Shift_JIS")
			_, _ = w.Write(sjis)
		case "/chunked.txt":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			_, _ = io.WriteString(w, "第1報\n")
			w.(http.Flusher).Flush() // no Content-Length: sent chunked
			_, _ = io.WriteString(w, "第2報\n")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	date := time.Date(2024, 5, 20, 10, 0, 0, 123456000, time.UTC)

	tests := []struct {
		path        string
		status      int
		contentType string
		payload     []byte
	}{
		{"/sjis.html", 200, "text/html; charset=Shift_JIS", sjis},
		{"/chunked.txt", 200, "text/plain; charset=utf-8", []byte("第1報\n第2報\n")},
		{"/missing", 404, "text/plain; charset=utf-8", []byte("404 page not found\n")},
	}
	var buf bytes.Buffer
	w := warc.NewWriter(&buf)
	for _, tt := range tests {
		uri := srv.URL + tt.path + "?q=1"
		req, err := http.NewRequest(http.MethodGet, uri, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("User-Agent", "incidex-test/1.0")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		respID, err := w.Write(warc.Response(uri, date, resp, body))
		if err != nil {
			t.Fatal(err)
		}
		rq := warc.Request(uri, date, req)
		rq.Header.Set("WARC-Concurrent-To", respID)
		if _, err := w.Write(rq); err != nil {
			t.Fatal(err)
		}
	}

	recs, _ := readAll(t, buf.Bytes())
	if len(recs) != 2*len(tests) {
		t.Fatalf("read %d records, want %d", len(recs), 2*len(tests))
	}
	for i, tt := range tests {
		resp, req := recs[2*i], recs[2*i+1]
		uri := srv.URL + tt.path + "?q=1"
		if resp.Type != "response" || resp.Header.Get("WARC-Target-URI") != uri || resp.Header.Get("Content-Type") != warc.ContentTypeResponse {
			t.Errorf("%s: response record header %v", tt.path, resp.Header)
		}
		if got := resp.Header.Get("WARC-Date"); got != "2024-05-20T10:00:00.123456Z" {
			t.Errorf("%s: WARC-Date %s", tt.path, got)
		}
		if got := resp.Header.Get("WARC-Payload-Digest"); got != warc.Digest(tt.payload) {
			t.Errorf("%s: WARC-Payload-Digest %s, want %s", tt.path, got, warc.Digest(tt.payload))
		}
		if req.Header.Get("WARC-Concurrent-To") != resp.Header.Get("WARC-Record-ID") {
			t.Errorf("%s: request not linked to its response", tt.path)
		}
		hr, payload, err := resp.HTTPResponse()
		if err != nil {
			t.Fatalf("%s: HTTPResponse: %v", tt.path, err)
		}
		if hr.StatusCode != tt.status || hr.Header.Get("Content-Type") != tt.contentType || !bytes.Equal(payload, tt.payload) {
			t.Errorf("%s: HTTPResponse = %d %q %q; want %d %q %q", tt.path, hr.StatusCode, hr.Header.Get("Content-Type"), payload, tt.status, tt.contentType, tt.payload)
		}
		if body, _ := io.ReadAll(hr.Body); !bytes.Equal(body, payload) {
			t.Errorf("%s: the response's Body reads %q, not the payload", tt.path, body)
		}
		block := string(req.Body)
		if !strings.HasPrefix(block, "GET "+tt.path+"?q=1 HTTP/1.1\r\nHost: "+strings.TrimPrefix(srv.URL, "http://")+"\r\n") ||
			!strings.Contains(block, "User-Agent: incidex-test/1.0\r\n") || !strings.HasSuffix(block, "\r\n\r\n") {
			t.Errorf("%s: request block %q", tt.path, block)
		}
	}
}

func TestHTTPResponseBlocks(t *testing.T) {
	tests := []struct {
		name    string
		block   string
		status  int
		payload string
		err     string
	}{
		{"plain", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>本文</p>", 200, "<p>本文</p>", ""},
		{"Content-Length ignored", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nmore than three", 200, "more than three", ""},
		{"chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", 200, "abcde", ""},
		{"gzip kept", "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n\x1f\x8b\x08", 200, "\x1f\x8b\x08", ""},
		{"100 Continue first", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n\r\nok", 201, "ok", ""},
		{"HTTP/1.0, no headers", "HTTP/1.0 404 Not Found\r\n\r\n", 404, "", ""},
		{"large header", "HTTP/1.1 200 OK\r\nX-Big: " + strings.Repeat("a", 10000) + "\r\n\r\nbody", 200, "body", ""},
		{"not HTTP", "<html>", 0, "", "HTTP response"},
		{"bad chunks", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 0, "", "chunked HTTP payload"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &warc.Record{Type: "response", Body: []byte(tt.block)}
			resp, payload, err := r.HTTPResponse()
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, warc.ErrFormat) {
					t.Errorf("HTTPResponse = %v, want an error containing %q", err, tt.err)
				}
				return
			}
			if err != nil || resp.StatusCode != tt.status || string(payload) != tt.payload {
				t.Errorf("HTTPResponse = %v, %q, %v; want %d, %q", resp, payload, err, tt.status, tt.payload)
			}
		})
	}
	if _, _, err := (&warc.Record{Type: "request", Body: []byte("GET / HTTP/1.1\r\n\r\n")}).HTTPResponse(); err == nil {
		t.Error("HTTPResponse of a request record succeeded")
	}
}
