package warc_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/incidex/incidex/crawl/warc"
)

// sjisNotice is a fictional breach notice in Shift_JIS, as a Japanese
// company's web server would send it.
func sjisNotice(tb testing.TB) []byte {
	tb.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte("<html><head><title>不正アクセスによる個人情報漏えいに関するお詫び</title></head>" +
		"<body><p>2024年5月20日 株式会社ハヤブサ物流</p><p>当社サーバーが第三者による不正アクセスを受け、" +
		"お客様の氏名、住所、電話番号が漏えいした可能性があることが判明いたしました。</p></body></html>"))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// writeAll writes records and returns the file, the ids and each record's
// offset as the Writer reported it.
func writeAll(tb testing.TB, compress bool, recs []*warc.Record) ([]byte, []string, []int64) {
	tb.Helper()
	var buf bytes.Buffer
	w := warc.NewUncompressedWriter(&buf)
	if compress {
		w = warc.NewWriter(&buf)
	}
	var ids []string
	var offsets []int64
	for _, r := range recs {
		offsets = append(offsets, w.Offset())
		id, err := w.Write(r)
		if err != nil {
			tb.Fatalf("Write(%s): %v", r.Type, err)
		}
		ids = append(ids, id)
	}
	if w.Offset() != int64(buf.Len()) {
		tb.Errorf("Offset() = %d after the last record, file is %d bytes", w.Offset(), buf.Len())
	}
	return buf.Bytes(), ids, offsets
}

// readAll reads a whole file, failing the test on any error.
func readAll(tb testing.TB, file []byte) ([]*warc.Record, []int64) {
	tb.Helper()
	r := warc.NewReader(bytes.NewReader(file))
	var recs []*warc.Record
	var offsets []int64
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return recs, offsets
		}
		if err != nil {
			tb.Fatalf("Next after %d records: %v", len(recs), err)
		}
		recs = append(recs, rec)
		offsets = append(offsets, r.Offset())
	}
}

func TestRoundTrip(t *testing.T) {
	big := make([]byte, 3<<20)
	_, _ = rand.Read(big)
	tricky := []byte("WARC/1.1\r\nContent-Length: 5\r\n\r\nnot a record\r\n\r\n\r\n")
	records := []*warc.Record{
		{Type: warc.TypeWarcinfo, Header: warc.Header{{"Content-Type", "application/warc-fields"}}, Body: []byte("software: incidex\r\nformat: WARC File Format 1.1\r\n")},
		{Type: warc.TypeResource, Header: warc.Header{{"WARC-Target-URI", "https://example.jp/お知らせ/1.html"}, {"Content-Type", "text/html; charset=Shift_JIS"}}, Body: sjisNotice(t)},
		{Type: warc.TypeResource, Header: warc.Header{{"WARC-Target-URI", "https://example.jp/empty"}}, Body: nil},
		{Type: warc.TypeMetadata, Header: warc.Header{{"WARC-Concurrent-To", "<urn:uuid:1>"}, {"WARC-Concurrent-To", "<urn:uuid:2>"}}, Body: tricky},
		{Type: warc.TypeResource, Header: warc.Header{{"WARC-Target-URI", "https://example.jp/big.bin"}}, Body: big},
	}
	tests := []struct {
		name     string
		compress bool
		recs     []*warc.Record
	}{
		{"gzip, one record", true, records[:1]},
		{"plain, one record", false, records[:1]},
		{"gzip, every kind", true, records},
		{"plain, every kind", false, records},
		{"gzip, empty block only", true, records[2:3]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file, ids, wantOffsets := writeAll(t, tt.compress, tt.recs)
			if got := bytes.HasPrefix(file, []byte{0x1f, 0x8b}); got != tt.compress {
				t.Errorf("file starts with gzip magic: %v, want %v", got, tt.compress)
			}
			got, offsets := readAll(t, file)
			if len(got) != len(tt.recs) {
				t.Fatalf("read %d records, wrote %d", len(got), len(tt.recs))
			}
			for i, want := range tt.recs {
				g := got[i]
				if g.Type != want.Type || !bytes.Equal(g.Body, want.Body) {
					t.Errorf("record %d: type %q, %d bytes; want %q, %d bytes", i, g.Type, len(g.Body), want.Type, len(want.Body))
				}
				if offsets[i] != wantOffsets[i] {
					t.Errorf("record %d: Offset() = %d, the writer put it at %d", i, offsets[i], wantOffsets[i])
				}
				if id := g.Header.Get("warc-record-id"); id != ids[i] || !strings.HasPrefix(id, "<urn:uuid:") {
					t.Errorf("record %d: WARC-Record-ID %q, Write returned %q", i, id, ids[i])
				}
				if _, err := g.Date(); err != nil {
					t.Errorf("record %d: %v", i, err)
				}
				if err := g.CheckDigest(); err != nil || !strings.HasPrefix(g.Header.Get("WARC-Block-Digest"), "sha1:") {
					t.Errorf("record %d: digest %q: %v", i, g.Header.Get("WARC-Block-Digest"), err)
				}
				for _, f := range want.Header {
					if vs := g.Header.Values(f.Name); !containsString(vs, f.Value) {
						t.Errorf("record %d: field %s = %q, want %q among them", i, f.Name, vs, f.Value)
					}
				}
				if g.Header[0].Name != "WARC-Type" {
					t.Errorf("record %d: first field %s, want WARC-Type", i, g.Header[0].Name)
				}
			}
		})
	}
}

func containsString(vs []string, v string) bool {
	for _, s := range vs {
		if s == v {
			return true
		}
	}
	return false
}

func TestWriterRefuses(t *testing.T) {
	tests := []struct {
		name string
		rec  warc.Record
		want string
	}{
		{"no type", warc.Record{Body: []byte("x")}, "no type"},
		{"type disagrees", warc.Record{Type: "response", Header: warc.Header{{"WARC-Type", "request"}}}, "disagrees"},
		{"line break in a value", warc.Record{Type: "resource", Header: warc.Header{{"WARC-Target-URI", "https://a.jp/\r\nWARC-Type: evil"}}}, "control character"},
		{"name with a space", warc.Record{Type: "resource", Header: warc.Header{{"Bad Name", "x"}}}, "not a token"},
		{"name with a colon", warc.Record{Type: "resource", Header: warc.Header{{"A:B", "x"}}}, "not a token"},
		{"wrong Content-Length", warc.Record{Type: "resource", Header: warc.Header{{"Content-Length", "9"}}, Body: []byte("abc")}, "Content-Length 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := warc.NewWriter(&buf)
			_, err := w.Write(&tt.rec)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write: %v, want an error containing %q", err, tt.want)
			}
			if buf.Len() != 0 || w.Offset() != 0 {
				t.Errorf("a refused record wrote %d bytes", buf.Len())
			}
			// The writer is still usable after a refused record.
			if _, err := w.Write(&warc.Record{Type: "resource", Body: []byte("ok")}); err != nil {
				t.Errorf("Write after a refused record: %v", err)
			}
		})
	}
}

// failAfter fails every write after n bytes.
type failAfter struct{ n int }

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n := f.n
		f.n = 0
		return n, errors.New("disk full")
	}
	f.n -= len(p)
	return len(p), nil
}

func TestWriterErrorIsSticky(t *testing.T) {
	for _, compress := range []bool{true, false} {
		out := &failAfter{n: 50}
		w := warc.NewUncompressedWriter(out)
		if compress {
			w = warc.NewWriter(out)
		}
		rec := &warc.Record{Type: "resource", Body: bytes.Repeat([]byte("x"), 200)}
		if _, err := w.Write(rec); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Fatalf("compress=%v: Write = %v, want disk full", compress, err)
		}
		out.n = 1 << 20
		if _, err := w.Write(rec); err == nil {
			t.Errorf("compress=%v: a Write after a failed one succeeded: the file would hold a partial record", compress)
		}
	}
}

func TestHeader(t *testing.T) {
	h := warc.Header{{"WARC-Type", "response"}, {"X", "1"}, {"x", "2"}}
	if got := h.Get("warc-type"); got != "response" {
		t.Errorf("Get is case-sensitive: %q", got)
	}
	h.Set("X", "3")
	if got := h.Values("x"); len(got) != 1 || got[0] != "3" {
		t.Errorf("after Set, X = %q, want [3]", got)
	}
	h.Set("New", "v")
	h.Add("New", "w")
	if got := h.Values("new"); len(got) != 2 || h[len(h)-1].Value != "w" {
		t.Errorf("Set then Add: %q", got)
	}
	h.Del("NEW")
	if h.Get("New") != "" || len(h) != 2 {
		t.Errorf("after Del: %v", h)
	}
}

func TestNewRecordIDIsUnique(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := warc.NewRecordID()
		if seen[id] || len(id) != len("<urn:uuid:00000000-0000-4000-8000-000000000000>") || id[24] != '4' {
			t.Fatalf("NewRecordID = %q (seen before: %v)", id, seen[id])
		}
		seen[id] = true
	}
}
