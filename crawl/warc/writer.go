package warc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Writer writes WARC/1.1 records. It keeps no buffer of its own: when Write
// returns, the whole record has been handed to the underlying writer (wrap
// it in a bufio.Writer for fewer system calls, and flush that).
type Writer struct {
	w   *countWriter
	gz  *gzip.Writer // nil: uncompressed
	hdr bytes.Buffer // the header being written, reused
	err error        // the first write error: later writes would corrupt the file
	now func() time.Time
}

// NewWriter returns a Writer that compresses each record as its own gzip
// member ("record-at-a-time compression", the usual .warc.gz), so that a
// reader can seek to any record's offset.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: &countWriter{w: w}, gz: gzip.NewWriter(io.Discard), now: time.Now}
}

// NewUncompressedWriter returns a Writer of plain .warc files.
func NewUncompressedWriter(w io.Writer) *Writer {
	return &Writer{w: &countWriter{w: w}, now: time.Now}
}

// Offset returns how many bytes the Writer has written: the offset at
// which the next record will start (for CDX indexes).
func (w *Writer) Offset() int64 { return w.w.n }

// Write writes one record and returns its WARC-Record-ID.
//
// The record type is r.Type, else the WARC-Type field. Write puts
// WARC-Type, WARC-Record-ID and WARC-Date first, then r.Header's other
// fields in order, then WARC-Block-Digest and Content-Length; it fills
// WARC-Record-ID (a new urn:uuid), WARC-Date (now), WARC-Block-Digest (sha1)
// and Content-Length when absent. r is not modified.
//
// A field name that is not a token, a value with a line break or control
// character, a Content-Length other than len(r.Body) or a type that
// disagrees with WARC-Type is an error and nothing is written. After a
// failed write to the underlying writer every later Write fails, since the
// file may end in a partial record.
func (w *Writer) Write(r *Record) (id string, err error) {
	if w.err != nil {
		return "", w.err
	}
	h, id, err := w.header(r)
	if err != nil {
		return "", err
	}
	w.hdr.Reset()
	w.hdr.WriteString("WARC/1.1\r\n")
	for _, f := range h {
		w.hdr.WriteString(f.Name)
		w.hdr.WriteString(": ")
		w.hdr.WriteString(f.Value)
		w.hdr.WriteString("\r\n")
	}
	w.hdr.WriteString("\r\n")

	var out io.Writer = w.w
	if w.gz != nil {
		w.gz.Reset(w.w)
		out = w.gz
	}
	if _, err := out.Write(w.hdr.Bytes()); err != nil {
		return "", w.fail(err)
	}
	if _, err := out.Write(r.Body); err != nil {
		return "", w.fail(err)
	}
	if _, err := io.WriteString(out, "\r\n\r\n"); err != nil {
		return "", w.fail(err)
	}
	if w.gz != nil {
		if err := w.gz.Close(); err != nil { // ends the member; w.w stays open
			return "", w.fail(err)
		}
	}
	return id, nil
}

func (w *Writer) fail(err error) error {
	w.err = fmt.Errorf("warc: writing record at offset %d: %w", w.w.n, err)
	return w.err
}

// header returns the fields Write writes, in order, and the record id.
func (w *Writer) header(r *Record) (Header, string, error) {
	typ := r.Type
	if ht := r.Header.Get("WARC-Type"); ht != "" {
		if typ != "" && ht != typ {
			return nil, "", fmt.Errorf("warc: record type %q disagrees with WARC-Type %q", typ, ht)
		}
		typ = ht
	}
	if typ == "" {
		return nil, "", errors.New("warc: record has no type")
	}
	id := r.Header.Get("WARC-Record-ID")
	if id == "" {
		id = NewRecordID()
	}
	date := r.Header.Get("WARC-Date")
	if date == "" {
		date = FormatDate(w.now())
	}
	length := strconv.Itoa(len(r.Body))
	if cl := r.Header.Get("Content-Length"); cl != "" && cl != length {
		return nil, "", fmt.Errorf("warc: record %s: Content-Length %s, but the block is %s bytes", id, cl, length)
	}
	digest := r.Header.Get("WARC-Block-Digest")
	if digest == "" {
		digest = Digest(r.Body)
	}

	h := make(Header, 0, len(r.Header)+5)
	h = append(h, Field{"WARC-Type", typ}, Field{"WARC-Record-ID", id}, Field{"WARC-Date", date})
	for _, f := range r.Header {
		switch strings.ToLower(f.Name) {
		case "warc-type", "warc-record-id", "warc-date", "content-length", "warc-block-digest":
			continue // written in their fixed places
		}
		h = append(h, f)
	}
	h = append(h, Field{"WARC-Block-Digest", digest}, Field{"Content-Length", length})
	for _, f := range h {
		if err := checkField(f); err != nil {
			return nil, "", fmt.Errorf("warc: record %s: %w", id, err)
		}
	}
	return h, id, nil
}

// checkField refuses what would break the record's framing or let a value
// smuggle in fields of its own: names that are not RFC 9110 tokens, values
// with control characters (line breaks above all).
func checkField(f Field) error {
	if f.Name == "" {
		return errors.New("empty field name")
	}
	for i := 0; i < len(f.Name); i++ {
		if !isTokenChar(f.Name[i]) {
			return fmt.Errorf("field name %q is not a token", f.Name)
		}
	}
	for _, c := range []byte(f.Value) {
		if c < 0x20 && c != '\t' || c == 0x7f {
			return fmt.Errorf("field %s: value has a control character", f.Name)
		}
	}
	return nil
}

// isTokenChar reports whether c may appear in an RFC 9110 token.
func isTokenChar(c byte) bool {
	if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
