package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"

	"github.com/incidex/incidex/crawl/warc"
)

var day = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

// response is a response record of uri with the given status, headers
// ("Name: value" pairs) and body.
func response(uri string, date time.Time, status int, body []byte, headers ...string) *warc.Record {
	h := http.Header{}
	for _, kv := range headers {
		k, v, _ := strings.Cut(kv, ": ")
		h.Add(k, v)
	}
	return warc.Response(uri, date, &http.Response{StatusCode: status, Proto: "HTTP/1.1", Header: h}, body)
}

// writeWARC writes records to dir/name, gzipped per record when the name
// ends in .gz, and returns the path.
func writeWARC(t *testing.T, dir, name string, recs ...*warc.Record) string {
	t.Helper()
	var buf bytes.Buffer
	w := warc.NewUncompressedWriter(&buf)
	if strings.HasSuffix(name, ".gz") {
		w = warc.NewWriter(&buf)
	}
	for _, r := range recs {
		if _, err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	return writeFile(t, dir, name, buf.Bytes())
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadWARCCapture(t *testing.T) {
	const uri = "https://www.example.co.jp/news/20240301.html"
	sjisPlain := encode(t, japanese.ShiftJIS, page(""))
	resource := &warc.Record{Type: "resource", Header: warc.Header{{Name: "WARC-Target-URI", Value: uri}, {Name: "Content-Type", Value: "text/plain; charset=EUC-JP"}}, Body: encode(t, japanese.EUCJP, noticeBody)}
	badDigest := &warc.Record{Type: "resource", Header: warc.Header{{Name: "WARC-Target-URI", Value: uri}, {Name: "WARC-Block-Digest", Value: warc.Digest([]byte("other"))}}, Body: []byte(noticeBody)}
	pdf := []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
	tests := []struct {
		name      string
		rec       *warc.Record
		maxSize   int64
		want      string // the capture's text
		mediaType string
		charset   string
		err       error
		msg       string
	}{
		{"Shift_JIS declared by the HTTP header only", response(uri, day, 200, sjisPlain, "Content-Type: text/html; charset=Shift_JIS"), 0, page(""), "text/html", "shift_jis", nil, ""},
		{"media type from the header", response(uri, day, 200, []byte(noticeBody), "Content-Type: text/html"), 0, noticeBody, "text/html", "utf-8", nil, ""},
		{"plain text, sniffed Shift_JIS", response(uri, day, 200, encode(t, japanese.ShiftJIS, noticeBody), "Content-Type: text/plain"), 0, noticeBody, "text/plain", "shift_jis", nil, ""},
		{"gzip Content-Encoding", response(uri, day, 200, gzipped(t, []byte(page(""))), "Content-Type: text/html; charset=utf-8", "Content-Encoding: gzip"), 0, page(""), "text/html", "utf-8", nil, ""},
		{"resource record", resource, 0, noticeBody, "text/plain", "euc-jp", nil, ""},
		{"PDF kept as bytes", response(uri, day, 200, pdf, "Content-Type: application/pdf"), 0, string(pdf), "application/pdf", "", nil, ""},
		{"404", response(uri, day, 404, []byte("<h1>Not Found</h1>"), "Content-Type: text/html"), 0, "", "", "", ErrStatus, "#record-2 (" + uri + "): unsuccessful HTTP status 404 Not Found"},
		{"redirect", response(uri, day, 301, nil, "Location: /new.html"), 0, "", "", "", ErrStatus, "301 Moved Permanently"},
		{"binary", response(uri, day, 200, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "Content-Type: image/png"), 0, "", "", "", ErrBinary, "PNG image"},
		{"empty body", response(uri, day, 200, nil, "Content-Type: text/html"), 0, "", "", "", ErrEmpty, ""},
		{"no target URI", &warc.Record{Type: "resource", Body: []byte(noticeBody)}, 0, "", "", "", warc.ErrFormat, "without WARC-Target-URI"},
		{"bad digest", badDigest, 0, "", "", "", warc.ErrDigest, ""},
		{"over --max-size", response(uri, day, 200, []byte(noticeBody), "Content-Type: text/plain"), 100, "", "", "", ErrTooLarge, ""},
		{"gzip expanding over --max-size", response(uri, day, 200, gzipped(t, bytes.Repeat([]byte("あ"), 3000)), "Content-Encoding: gzip"), 1000, "", "", "", ErrTooLarge, ""},
		{"Content-Encoding br", response(uri, day, 200, []byte("\x0b\x02"), "Content-Encoding: br"), 0, "", "", "", nil, `Content-Encoding "br" is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, name := range []string{"crawl.warc.gz", "crawl.warc"} {
				path := writeWARC(t, t.TempDir(), name, &warc.Record{Type: "warcinfo", Body: []byte("software: test\r\n")}, tt.rec)
				caps, errs := (&Reader{MaxSize: tt.maxSize}).ReadAll(context.Background(), path)
				if tt.want != "" {
					if len(errs) > 0 || len(caps) != 1 {
						t.Fatalf("%s: ReadAll = %d captures, errors %v", name, len(caps), errs)
					}
					c := caps[0]
					if string(c.Body) != tt.want || c.MediaType != tt.mediaType || c.Charset != tt.charset || c.Source != uri {
						t.Errorf("%s: capture %s %s %s %.40q; want %s %s %s %.40q", name, c.Source, c.MediaType, c.Charset, c.Body, uri, tt.mediaType, tt.charset, tt.want)
					}
					continue
				}
				if len(caps) != 0 || len(errs) != 1 {
					t.Fatalf("%s: ReadAll = %d captures, errors %v; want one error", name, len(caps), errs)
				}
				err := errs[0]
				if tt.err != nil && !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.msg) {
					t.Errorf("%s: error %v, want %v containing %q", name, err, tt.err, tt.msg)
				}
				checkErrorMessage(t, err, Input{Path: path, Record: 2, URI: tt.rec.Header.Get("WARC-Target-URI")}.String())
			}
		})
	}
}

func TestExpandWARC(t *testing.T) {
	dir := t.TempDir()
	html := func(s string) []byte { return []byte(page("") + "<!-- " + s + " -->") }
	ct := "Content-Type: text/html; charset=utf-8"
	a := writeWARC(t, dir, "crawl/a.warc.gz",
		&warc.Record{Type: "warcinfo", Body: []byte("software: test\r\n")},
		warc.Request("https://x.jp/1", day, &http.Request{Method: "GET", URL: mustURL(t, "https://x.jp/1"), Header: http.Header{}}),
		response("https://x.jp/1", day, 200, html("x1 old"), ct),
		response("https://x.jp/2", day.Add(time.Hour), 200, html("x2 newer"), ct),
		response("https://x.jp/gone", day, 404, html("404"), ct),
		response("https://x.jp/3", day, 200, html("x3 first"), ct),
	)
	plain := writeFile(t, dir, "crawl/b.html", html("a file"))
	b := writeWARC(t, dir, "crawl/c.warc",
		response("https://x.jp/1", day.Add(time.Minute), 200, html("x1 new"), ct),  // a re-crawl: wins
		response("https://x.jp/2", day, 200, html("x2 older"), ct),                 // older than a's: loses
		response("https://x.jp/3", day, 200, html("x3 same date, later file"), ct), // a tie: the later wins
		&warc.Record{Type: "metadata", Header: warc.Header{{Name: "WARC-Target-URI", Value: "https://x.jp/1"}}, Body: []byte("outlinks: none")},
	)
	paths, errs := Inputs([]string{filepath.Join(dir, "crawl")})
	if len(errs) > 0 || strings.Join(paths, ",") != strings.Join([]string{a, plain, b}, ",") {
		t.Fatalf("Inputs = %v, %v; want the two WARC files and the page", paths, errs)
	}
	r := &Reader{}
	var got []string
	for _, in := range r.Expand(context.Background(), paths) {
		if in.Err != nil {
			got = append(got, "error: "+in.Err.Error())
			continue
		}
		c, err := r.ReadInput(context.Background(), in)
		if err != nil {
			t.Fatalf("ReadInput(%s): %v", in, err)
		}
		got = append(got, in.String()+" = "+c.Source+" "+string(c.Body[bytes.LastIndex(c.Body, []byte("<!-- ")):]))
	}
	want := []string{
		a + "#record-4 (https://x.jp/2) = https://x.jp/2 <!-- x2 newer -->",
		"error: " + a + "#record-5 (https://x.jp/gone): unsuccessful HTTP status 404 Not Found",
		plain + " = " + plain + " <!-- a file -->",
		b + "#record-1 (https://x.jp/1) = https://x.jp/1 <!-- x1 new -->",
		b + "#record-3 (https://x.jp/3) = https://x.jp/3 <!-- x3 same date, later file -->",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Expand then ReadInput:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestExpandDamagedWARC: a WARC file cut mid-record (a crawler killed while
// writing) gives its whole captures, then one error saying it is truncated.
func TestExpandDamagedWARC(t *testing.T) {
	dir := t.TempDir()
	recs := []*warc.Record{
		response("https://x.jp/1", day, 200, []byte(page("")), "Content-Type: text/html"),
		response("https://x.jp/2", day, 200, []byte(noticeBody), "Content-Type: text/plain"),
		response("https://x.jp/3", day, 200, []byte(noticeBody+"3"), "Content-Type: text/plain"),
	}
	full, err := os.ReadFile(writeWARC(t, dir, "full.warc.gz", recs...))
	if err != nil {
		t.Fatal(err)
	}
	cut := writeFile(t, dir, "cut.warc.gz", full[:len(full)-40])
	// The same records gzipped as one member, the way "gzip crawl.warc"
	// compresses a file: every record is found again from offset 0.
	plain, err := os.ReadFile(writeWARC(t, dir, "plain.warc", recs...))
	if err != nil {
		t.Fatal(err)
	}
	whole := writeFile(t, dir, "whole.warc.gz", gzipped(t, plain))
	missing := filepath.Join(dir, "missing.warc")

	r := &Reader{}
	var inputs []Input
	for _, p := range []string{cut, whole, missing} { // one by one: the files hold the same URLs
		inputs = append(inputs, r.Expand(context.Background(), []string{p})...)
	}
	var got []string
	for _, in := range inputs {
		c, err := r.ReadInput(context.Background(), in)
		if err != nil {
			got = append(got, err.Error())
			continue
		}
		got = append(got, in.String()+" "+c.Source)
	}
	want := []string{
		cut + "#record-1 (https://x.jp/1) https://x.jp/1",
		cut + "#record-2 (https://x.jp/2) https://x.jp/2",
		cut + ": record 3 at offset ",
		whole + "#record-1 (https://x.jp/1) https://x.jp/1",
		whole + "#record-2 (https://x.jp/2) https://x.jp/2",
		whole + "#record-3 (https://x.jp/3) https://x.jp/3",
		missing + ": no such file or directory",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d inputs:\n%s", len(got), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("input %d: %s\nwant it to start with %s", i, got[i], want[i])
		}
	}
	if !errors.Is(inputs[2].Err, warc.ErrTruncated) || !strings.Contains(got[2], "truncated") {
		t.Errorf("the cut file's error %v does not say it is truncated", inputs[2].Err)
	}
	if !errors.Is(inputs[6].Err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", inputs[6].Err)
	}
}

func TestExpandCanceled(t *testing.T) {
	path := writeWARC(t, t.TempDir(), "a.warc", response("https://x.jp/1", day, 200, []byte(noticeBody)))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	inputs := new(Reader).Expand(ctx, []string{path})
	if len(inputs) != 1 || !errors.Is(inputs[0].Err, context.Canceled) {
		t.Errorf("Expand with a canceled context = %v", inputs)
	}
}

func TestInputString(t *testing.T) {
	tests := []struct {
		in   Input
		want string
	}{
		{Input{Path: "a b.html"}, "a b.html"},
		{Input{Path: "-"}, "-"},
		{Input{Path: "x.warc.gz", Record: 3, URI: "https://x.jp/a"}, "x.warc.gz#record-3 (https://x.jp/a)"},
		{Input{Path: "x.warc.gz", Record: 3}, "x.warc.gz#record-3"},
		{Input{Path: "x.warc", Record: 1, URI: "https://x.jp/\x00"}, `x.warc#record-1 ("https://x.jp/\x00")`},
	}
	for _, tt := range tests {
		if got := tt.in.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, name := range []string{"a.warc", "A.WARC.GZ", "dir/x.warc.gz"} {
		if !IsWARC(name) {
			t.Errorf("IsWARC(%q) = false", name)
		}
	}
	for _, name := range []string{"a.gz", "warc", "a.warc.html", "a.warcx"} {
		if IsWARC(name) {
			t.Errorf("IsWARC(%q) = true", name)
		}
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
