package warc_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/incidex/incidex/crawl/warc"
)

// handWritten is a WARC file as another tool might write it: WARC/1.0,
// a folded header line, LF-only line ends in one record, and extra blank
// lines between records.
const handWritten = "WARC/1.0\r\n" +
	"WARC-Type: warcinfo\r\n" +
	"WARC-Date: 2024-05-01T00:00:00Z\r\n" +
	"WARC-Record-ID: <urn:uuid:d3a4b5c6-0000-4000-8000-000000000001>\r\n" +
	"Content-Type: application/warc-fields\r\n" +
	"Content-Length: 19\r\n" +
	"\r\n" +
	"software: handmade\n" +
	"\r\n\r\n" +
	"WARC/1.1\r\n" +
	"WARC-Type: response\r\n" +
	"WARC-Target-URI: https://example.jp/news/2024/0501.html\r\n" +
	"WARC-Date: 2024-05-01T09:30:00.250Z\r\n" +
	"WARC-Record-ID: <urn:uuid:d3a4b5c6-0000-4000-8000-000000000002>\r\n" +
	"Content-Type: application/http;\r\n" +
	"  msgtype=response\r\n" +
	"Content-Length: 84\r\n" +
	"\r\n" +
	"HTTP/1.1 200 OK\r\n" +
	"Content-Type: text/plain; charset=UTF-8\r\n" +
	"\r\n" +
	"漏えいのお知らせ" +
	"\r\n\r\n\r\n\r\n" +
	"WARC/1.1\n" +
	"WARC-Type: resource\n" +
	"WARC-Target-URI: https://example.jp/a.txt\n" +
	"Content-Length: 3\n" +
	"\n" +
	"abc\n\n"

func TestReadHandWritten(t *testing.T) {
	recs, offsets := readAll(t, []byte(handWritten))
	want := []struct {
		typ, uri, date, body string
		offset               int64
	}{
		{"warcinfo", "", "2024-05-01T00:00:00Z", "software: handmade\n", 0},
		{"response", "https://example.jp/news/2024/0501.html", "2024-05-01T09:30:00.25Z", "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n漏えいのお知らせ", int64(strings.Index(handWritten, "WARC/1.1"))},
		{"resource", "https://example.jp/a.txt", "", "abc", int64(strings.Index(handWritten, "WARC/1.1\n"))},
	}
	if len(recs) != len(want) {
		t.Fatalf("read %d records, want %d", len(recs), len(want))
	}
	for i, w := range want {
		r := recs[i]
		if r.Type != w.typ || r.Header.Get("WARC-Target-URI") != w.uri || string(r.Body) != w.body || offsets[i] != w.offset {
			t.Errorf("record %d = %s %s at %d, %q; want %s %s at %d, %q", i, r.Type, r.Header.Get("WARC-Target-URI"), offsets[i], r.Body, w.typ, w.uri, w.offset, w.body)
		}
		if w.date != "" {
			if d, err := r.Date(); err != nil || d.Format("2006-01-02T15:04:05.999Z07:00") != w.date {
				t.Errorf("record %d: Date() = %v, %v; want %s", i, d, err, w.date)
			}
		}
	}
	if ct := recs[1].Header.Get("Content-Type"); ct != "application/http; msgtype=response" {
		t.Errorf("folded Content-Type = %q", ct)
	}
	resp, payload, err := recs[1].HTTPResponse()
	if err != nil || resp.StatusCode != 200 || string(payload) != "漏えいのお知らせ" {
		t.Errorf("HTTPResponse = %v, %q, %v", resp, payload, err)
	}
}

// record is one well-formed uncompressed record.
func record(typ, body string) string {
	return "WARC/1.1\r\nWARC-Type: " + typ + "\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body + "\r\n\r\n"
}

func gz(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return b.String()
}

func TestReadErrors(t *testing.T) {
	good := record("resource", "first")
	badChecksum := []byte(gz(record("resource", "x")))
	badChecksum[len(badChecksum)-8] ^= 0xff
	tests := []struct {
		name    string
		file    string
		limit   int64 // MaxBlockSize; 0: default
		records int   // read before the final error
		skipped int   // recoverable ErrTooLarge errors on the way
		want    error
		msg     string
	}{
		{"empty file", "", 0, 0, 0, io.EOF, ""},
		{"only blank lines", "\r\n\n", 0, 0, 0, io.EOF, ""},
		{"not WARC", "<html>hello</html>\n", 0, 0, 0, warc.ErrFormat, `record 1 at offset 0: malformed WARC record: want a WARC/1.x version line, found "<html>hello</html>"`},
		{"garbage after a record", good + "garbage", 0, 1, 0, warc.ErrFormat, "record 2 at offset 61"},
		{"cut in the version line", good + "WAR", 0, 1, 0, warc.ErrTruncated, "record 2 at offset 61: truncated WARC record: the file ends inside the version line"},
		{"cut in the header", good + "WARC/1.1\r\nWARC-Type: resource\r\nContent-Le", 0, 1, 0, warc.ErrTruncated, "record 2 at offset 61 (resource): truncated WARC record: the file ends inside the header"},
		{"cut in the block", good + strings.TrimSuffix(record("resource", "second"), "nd\r\n\r\n"), 0, 1, 0, warc.ErrTruncated, "after 4 of the block's 6 bytes"},
		{"cut before the CRLFs", good + strings.TrimSuffix(record("resource", "second"), "\r\n\r\n"), 0, 2, 0, warc.ErrTruncated, "before the record's closing CRLFs"},
		{"no Content-Length", "WARC/1.1\r\nWARC-Type: resource\r\n\r\nabc\r\n\r\n", 0, 0, 0, warc.ErrFormat, `Content-Length ""`},
		{"negative Content-Length", "WARC/1.1\r\nContent-Length: -1\r\n\r\n", 0, 0, 0, warc.ErrFormat, `Content-Length "-1"`},
		{"Content-Length too short", "WARC/1.1\r\nContent-Length: 2\r\n\r\nabc\r\n\r\n", 0, 0, 0, warc.ErrFormat, "no CRLF after the 2-byte block"},
		{"field without a colon", "WARC/1.1\r\nWARC-Type resource\r\n\r\n", 0, 0, 0, warc.ErrFormat, "is not a field"},
		{"continuation first", "WARC/1.1\r\n  folded\r\n\r\n", 0, 0, 0, warc.ErrFormat, "continuation line"},
		{"huge header", "WARC/1.1\r\nX: " + strings.Repeat("a", warc.DefaultMaxHeaderSize) + "\r\n\r\n", 0, 0, 0, warc.ErrFormat, "header of more than"},
		{"huge line without a newline", "WARC/1.1\r\nX: " + strings.Repeat("a", warc.DefaultMaxHeaderSize), 0, 0, 0, warc.ErrFormat, "header of more than"},
		{"a lying Content-Length", "WARC/1.1\r\nContent-Length: 100000000\r\n\r\nabc", 0, 0, 0, warc.ErrTruncated, "after 3 of the block's 100000000 bytes"},
		{"block over the limit is skipped", record("resource", "0123456789") + good, 5, 1, 1, io.EOF, ""},
		{"gzip, cut short", gz(good) + gz(good)[:20], 0, 1, 0, warc.ErrTruncated, "is cut short"},
		{"gzip, bad checksum", string(badChecksum), 0, 0, 0, warc.ErrFormat, "record 1 at offset 0 (resource): malformed WARC record: gzip member at offset 0: gzip: invalid checksum"},
		{"gzip, garbage after", gz(good) + "garbage!!!!", 0, 1, 0, warc.ErrFormat, "gzip member at offset"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := warc.NewReader(strings.NewReader(tt.file))
			r.MaxBlockSize = tt.limit
			var records, skipped int
			var err error
			for {
				var rec *warc.Record
				rec, err = r.Next()
				if errors.Is(err, warc.ErrTooLarge) {
					skipped++
					continue
				}
				if err != nil {
					break
				}
				if rec == nil {
					t.Fatal("Next returned neither a record nor an error")
				}
				records++
			}
			if records != tt.records || skipped != tt.skipped || !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("read %d records, skipped %d, then %v; want %d, %d, then %v containing %q", records, skipped, err, tt.records, tt.skipped, tt.want, tt.msg)
			}
			var re *warc.RecordError
			if tt.want != io.EOF && !errors.As(err, &re) {
				t.Errorf("error %T is not a *RecordError", err)
			}
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Errorf("error %q is not one line", err)
			}
			// A final error stays.
			if _, again := r.Next(); again == nil || again.Error() != err.Error() {
				t.Errorf("Next after %v = %v, want the same error", err, again)
			}
		})
	}
}

// TestTruncatedAnywhere cuts a file at every byte: the records wholly
// before the cut come back, then an error wrapping ErrTruncated, except
// at a record boundary where the file simply ends.
func TestTruncatedAnywhere(t *testing.T) {
	recs := []*warc.Record{
		{Type: "warcinfo", Body: []byte("software: incidex\r\n")},
		{Type: "resource", Header: warc.Header{{"WARC-Target-URI", "https://example.jp/1"}}, Body: []byte("漏えい\r\n\r\nのお知らせ")},
		{Type: "resource", Header: warc.Header{{"WARC-Target-URI", "https://example.jp/2"}}, Body: []byte("二件目")},
	}
	for _, compress := range []bool{false, true} {
		file, _, offsets := writeAll(t, compress, recs)
		ends := append(offsets[1:], int64(len(file)))
		for cut := 0; cut < len(file); cut++ {
			r := warc.NewReader(bytes.NewReader(file[:cut]))
			n := 0
			var err error
			for {
				var rec *warc.Record
				if rec, err = r.Next(); err != nil {
					break
				}
				if !bytes.Equal(rec.Body, recs[n].Body) {
					t.Fatalf("compress=%v cut=%d: record %d has body %q", compress, cut, n, rec.Body)
				}
				n++
			}
			// Records wholly before the cut, and for uncompressed files
			// the one whose block is whole but whose CRLFs are cut off.
			whole := 0
			for whole < len(ends) && ends[whole] <= int64(cut) {
				whole++
			}
			atBoundary := cut == 0 || (whole > 0 && ends[whole-1] == int64(cut))
			switch {
			case atBoundary && err != io.EOF:
				t.Errorf("compress=%v cut=%d (a record boundary): %d records, then %v; want io.EOF", compress, cut, n, err)
			case !atBoundary && !errors.Is(err, warc.ErrTruncated):
				t.Errorf("compress=%v cut=%d: %d records, then %v; want a truncation error", compress, cut, n, err)
			case n < whole || n > whole+1:
				t.Errorf("compress=%v cut=%d: %d records, want %d", compress, cut, n, whole)
			}
		}
	}
}

// TestCompressedLayouts reads the same records compressed as one gzip
// member for the whole file, and as members holding two records each.
func TestCompressedLayouts(t *testing.T) {
	plain := record("warcinfo", "a") + record("resource", "bb") + record("resource", "ccc")
	r1, r2 := record("warcinfo", "a")+record("resource", "bb"), record("resource", "ccc")
	tests := []struct {
		name    string
		file    string
		offsets []int64
	}{
		{"whole file", gz(plain), []int64{0, 0, 0}},
		{"two records a member", gz(r1) + gz(r2), []int64{0, 0, int64(len(gz(r1)))}},
		{"with an empty member", gz(r1) + gz("") + gz(r2), []int64{0, 0, int64(len(gz(r1)) + len(gz("")))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, offsets := readAll(t, []byte(tt.file))
			var bodies []string
			for _, r := range recs {
				bodies = append(bodies, string(r.Body))
			}
			if strings.Join(bodies, ",") != "a,bb,ccc" {
				t.Errorf("bodies %q", bodies)
			}
			for i := range tt.offsets {
				if i < len(offsets) && offsets[i] != tt.offsets[i] {
					t.Errorf("offsets %v, want %v", offsets, tt.offsets)
					break
				}
			}
		})
	}
}

func TestCheckDigest(t *testing.T) {
	tests := []struct {
		digest string
		ok     bool
	}{
		{"", true},
		{warc.Digest([]byte("abc")), true},
		{"sha1:a9993e364706816aba3e25717850c26c9cd0d89d", true}, // hex
		{"sha256:xj4bnp4pahh6uqkbidpf3lrceoyagyndsylxvhfucd7wd4qacwwq====", true},
		{"sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false},
		{"md5:whatever", true}, // unknown algorithm: nothing to check
	}
	for _, tt := range tests {
		r := &warc.Record{Header: warc.Header{{"WARC-Block-Digest", tt.digest}}, Body: []byte("abc")}
		if err := r.CheckDigest(); (err == nil) != tt.ok || (err != nil && !errors.Is(err, warc.ErrDigest)) {
			t.Errorf("CheckDigest with %q = %v, want ok=%v", tt.digest, err, tt.ok)
		}
	}
}
