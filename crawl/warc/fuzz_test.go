package warc_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/incidex/incidex/crawl/warc"
)

// FuzzReader feeds the Reader arbitrary bytes: it must never panic nor
// loop, every error but a skipped oversized block must be final, and every
// record it returns must survive the Writer and come back the same.
func FuzzReader(f *testing.F) {
	// Seeds stay small: the fuzzer minimizes every new input it finds.
	f.Add([]byte(handWritten))
	f.Add([]byte(record("resource", "abc") + record("warcinfo", "")))
	f.Add([]byte(gz(record("response", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"))))
	f.Add([]byte(gz(record("resource", "a")) + gz(record("resource", "b"))[:15]))
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Add([]byte("WARC/1.1\r\n folded\r\nContent-Length: 1\r\n\r\nx\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := warc.NewReader(bytes.NewReader(data))
		r.MaxBlockSize = 1 << 16
		r.MaxHeaderSize = 1 << 12
		for calls := 0; ; calls++ {
			// Each call reads at least a version line, so a file of n bytes
			// cannot give more than n records or skipped blocks.
			if calls > len(data)+1 {
				t.Fatalf("%d calls to Next on %d bytes: the reader does not advance", calls, len(data))
			}
			rec, err := r.Next()
			if errors.Is(err, warc.ErrTooLarge) {
				var re *warc.RecordError
				if !errors.As(err, &re) {
					t.Fatalf("error %v is not a *RecordError", err)
				}
				continue
			}
			if err != nil {
				if again, _ := r.Next(); again != nil {
					t.Fatalf("after the final error %v, Next returned a record", err)
				}
				if err != io.EOF {
					var re *warc.RecordError
					if !errors.As(err, &re) {
						t.Fatalf("error %v is not a *RecordError", err)
					}
				}
				return
			}
			// The parsers built on a record must not panic either.
			_, _, _ = rec.HTTPResponse()
			_ = rec.CheckDigest()
			_, _ = rec.Date()

			var buf bytes.Buffer
			rec.Header.Del("Content-Length") // the writer's own
			if _, err := warc.NewUncompressedWriter(&buf).Write(rec); err != nil {
				continue // the reader is laxer than the writer about fields
			}
			back, err := warc.NewReader(&buf).Next()
			if err != nil {
				t.Fatalf("a record read, written and read again: %v", err)
			}
			if back.Type != rec.Type || !bytes.Equal(back.Body, rec.Body) {
				t.Fatalf("record changed by a round trip: %q %q -> %q %q", rec.Type, rec.Body, back.Type, back.Body)
			}
		}
	})
}
