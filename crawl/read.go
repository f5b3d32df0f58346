package crawl

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"mime"
	"os"
	"strconv"
	"strings"
	"syscall"
	"unicode"

	"github.com/incidex/incidex/crawl/warc"
)

// DefaultMaxSize is the size limit used when [Reader.MaxSize] is 0.
const DefaultMaxSize = 20 << 20

// Reader reads local inputs.
type Reader struct {
	MaxSize int64     // bytes; 0 means DefaultMaxSize (20 MiB)
	Stdin   io.Reader // used for "-"; nil means os.Stdin
}

// Read reads one input (path or "-") and returns it decoded to UTF-8.
//
// Read never reads more than MaxSize+1 bytes: a regular file is refused by
// its size before it is opened, anything else (stdin, pipes) once the limit
// is passed. The context is checked between reads; it cannot interrupt a
// read that is blocked.
//
// Errors start with the path and wrap [ErrEmpty], [ErrBinary],
// [ErrTooLarge], [ErrCharset], a [io/fs] error such as [fs.ErrNotExist],
// [syscall.EISDIR] for a directory, or the context's error.
func (r *Reader) Read(ctx context.Context, path string) (*Capture, error) {
	raw, err := r.readRaw(ctx, path)
	if err == nil {
		var c *Capture
		if c, err = newCapture(path, raw, ""); err == nil {
			return c, nil
		}
	}
	return nil, fmt.Errorf("%s: %w", displayName(path), err)
}

// ReadInput reads one input [Reader.Expand] listed: a whole file (as
// [Reader.Read]) or a WARC capture, whose Source is its URL, whose charset
// comes from the HTTP Content-Type (then a <meta> declaration, then
// sniffing, as in [Decode]) and whose payload is refused when empty,
// binary or larger than MaxSize. A PDF capture (Content-Type
// application/pdf, or %PDF- at the start) is returned as is, MediaType
// "application/pdf", its Body the PDF's bytes. Errors start with the
// input's name, "FILE#record-N (URI)" for a capture.
func (r *Reader) ReadInput(ctx context.Context, in Input) (*Capture, error) {
	if in.Err != nil {
		return nil, in.Err
	}
	if in.Record == 0 {
		return r.Read(ctx, in.Path)
	}
	c, err := r.readCapture(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in, err)
	}
	return c, nil
}

// ReadAll reads every document of one path: the file itself, or each
// capture of a WARC file (see [Reader.Expand]). The captures that can be
// read are returned in record order, and the errors of the others.
func (r *Reader) ReadAll(ctx context.Context, path string) ([]*Capture, []error) {
	var caps []*Capture
	var errs []error
	for _, in := range r.Expand(ctx, []string{path}) {
		if c, err := r.ReadInput(ctx, in); err != nil {
			errs = append(errs, err)
		} else {
			caps = append(caps, c)
		}
	}
	return caps, errs
}

// warcSlack is what a WARC block may hold beyond a payload of MaxSize
// bytes: the HTTP status line and headers.
const warcSlack = 1 << 20

// warcReader returns a WARC reader of f whose blocks may hold a payload
// of MaxSize.
func (r *Reader) warcReader(ctx context.Context, f io.Reader) *warc.Reader {
	wr := warc.NewReader(ctxReader{ctx, f})
	wr.MaxBlockSize = r.maxSize()
	if wr.MaxBlockSize < math.MaxInt64-warcSlack {
		wr.MaxBlockSize += warcSlack
	}
	return wr
}

func (r *Reader) maxSize() int64 {
	if r.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return r.MaxSize
}

// listWARC lists the captures of a WARC file for Expand.
func (r *Reader) listWARC(ctx context.Context, path string) []Input {
	f, err := os.Open(path)
	if err != nil {
		return []Input{{Path: path, Err: fmt.Errorf("%s: %w", displayName(path), pathless(err))}}
	}
	defer f.Close()
	wr := r.warcReader(ctx, f)
	var out []Input
	member, skip := int64(-1), 0
	for n := 1; ; n++ {
		rec, err := wr.Next()
		if err == io.EOF {
			return out
		}
		// Several records in one gzip member are found again by counting
		// from the member's start.
		if off := wr.Offset(); off == member {
			skip++
		} else {
			member, skip = off, 0
		}
		var re *warc.RecordError
		if errors.Is(err, warc.ErrTooLarge) && errors.As(err, &re) {
			// A block over the limit was skipped; only a page is worth a word.
			if re.Type == warc.TypeResponse || re.Type == warc.TypeResource {
				in := Input{Path: path, Record: n, URI: re.URI}
				in.Err = fmt.Errorf("%s: %w: %v", in, ErrTooLarge, re.Err)
				out = append(out, in)
			}
			continue
		}
		if err != nil {
			if ctx.Err() != nil {
				err = ctx.Err()
			}
			return append(out, Input{Path: path, Err: fmt.Errorf("%s: %w", displayName(path), err)})
		}
		if rec.Type != warc.TypeResponse && rec.Type != warc.TypeResource {
			continue
		}
		in := Input{Path: path, Record: n, URI: rec.Header.Get("WARC-Target-URI"), offset: member, skip: skip, id: rec.Header.Get("WARC-Record-ID")}
		in.Date, _ = rec.Date() // an undated capture counts as the oldest
		if _, _, _, err := capturePayload(rec); err != nil {
			in.Err = fmt.Errorf("%s: %w", in, err)
		}
		out = append(out, in)
	}
}

// readCapture reads the capture in again and checks and decodes its
// payload. Its errors do not name the input.
func (r *Reader) readCapture(ctx context.Context, in Input) (*Capture, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := os.Open(in.Path)
	if err != nil {
		return nil, pathless(err)
	}
	defer f.Close()
	if _, err := f.Seek(in.offset, io.SeekStart); err != nil {
		return nil, pathless(err)
	}
	wr := r.warcReader(ctx, f)
	var rec *warc.Record
	for i := 0; i <= in.skip; i++ {
		if rec, err = wr.Next(); err != nil && !(i < in.skip && errors.Is(err, warc.ErrTooLarge)) {
			return nil, err
		}
	}
	if rec == nil || rec.Header.Get("WARC-Record-ID") != in.id {
		return nil, fmt.Errorf("%w: the WARC file changed while it was read", warc.ErrFormat)
	}
	payload, contentType, encoding, err := capturePayload(rec)
	if err != nil {
		return nil, err
	}
	if payload, err = decodeContent(ctx, payload, encoding, r.maxSize()); err != nil {
		return nil, err
	}
	if mt, _, _ := mime.ParseMediaType(contentType); mt == "application/pdf" || bytes.HasPrefix(payload, []byte("%PDF-")) {
		// Text extraction from PDF belongs to parse; crawl hands it the bytes.
		return &Capture{Source: in.URI, Body: payload, MediaType: MediaPDF}, nil
	}
	c, err := newCapture(in.URI, payload, contentType)
	if err != nil {
		return nil, err
	}
	if mt, _, _ := mime.ParseMediaType(contentType); mt == mediaPlain && c.MediaType == mediaHTML && !looksHTML(c.Body) {
		// The server said text/plain, and nothing in the content says
		// otherwise: the URL's ".html" does not make it a page.
		c.MediaType, c.Truncated = mediaPlain, false
	}
	return c, nil
}

// capturePayload returns the payload of a response or resource record,
// its Content-Type and Content-Encoding. It refuses what cannot be a
// page's capture: no target URI, a block that fails its digest, an HTTP
// status other than 2xx.
func capturePayload(rec *warc.Record) (payload []byte, contentType, encoding string, err error) {
	if rec.Header.Get("WARC-Target-URI") == "" {
		return nil, "", "", fmt.Errorf("%w: %s record without WARC-Target-URI", warc.ErrFormat, rec.Type)
	}
	if err := rec.CheckDigest(); err != nil {
		return nil, "", "", err
	}
	if rec.Type != warc.TypeResponse {
		return rec.Body, rec.Header.Get("Content-Type"), "", nil
	}
	resp, payload, err := rec.HTTPResponse()
	if err != nil {
		return nil, "", "", err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, "", "", fmt.Errorf("%w %s", ErrStatus, resp.Status)
	}
	return payload, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Encoding"), nil
}

// decodeContent removes a gzip or deflate Content-Encoding (wget and
// Heritrix archive bodies as sent), and refuses a payload of more than max
// bytes, before or after.
func decodeContent(ctx context.Context, b []byte, encoding string, max int64) ([]byte, error) {
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w: %d bytes, limit is %d", ErrTooLarge, len(b), max)
	}
	var zr io.Reader
	switch enc := strings.ToLower(strings.TrimSpace(encoding)); enc {
	case "", "identity":
		return b, nil
	case "gzip", "x-gzip":
		gz, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("Content-Encoding %s: %w", enc, err)
		}
		zr = gz
	case "deflate": // zlib-wrapped by the standard, raw by some servers
		if z, err := zlib.NewReader(bytes.NewReader(b)); err == nil {
			zr = z
		} else {
			zr = flate.NewReader(bytes.NewReader(b))
		}
	default:
		return nil, fmt.Errorf("Content-Encoding %q is not supported", encoding)
	}
	out, err := readLimited(ctx, zr, max, 0)
	if err != nil && !errors.Is(err, ErrTooLarge) {
		return nil, fmt.Errorf("Content-Encoding %s: %w", encoding, err)
	}
	return out, err
}

// readRaw returns the bytes of path, or of stdin for "-". Its errors do not
// name the path.
func (r *Reader) readRaw(ctx context.Context, path string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	max := r.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	if path == "-" {
		in := r.Stdin
		if in == nil {
			in = os.Stdin
		}
		return readLimited(ctx, in, max, 0)
	}

	fi, err := os.Stat(path)
	if err != nil {
		return nil, pathless(err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%w, not a file", syscall.EISDIR)
	}
	if fi.Mode().IsRegular() && fi.Size() > max {
		return nil, fmt.Errorf("%w: %d bytes, limit is %d", ErrTooLarge, fi.Size(), max)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, pathless(err)
	}
	defer f.Close()
	var hint int64
	if fi.Mode().IsRegular() {
		hint = fi.Size()
	}
	return readLimited(ctx, f, max, hint)
}

// readLimited reads r to EOF, failing with ErrTooLarge as soon as more than
// max bytes arrive. hint is the expected size, or 0 if unknown.
func readLimited(ctx context.Context, r io.Reader, max, hint int64) ([]byte, error) {
	limit := max
	if limit < math.MaxInt64 {
		limit++
	}
	var buf bytes.Buffer
	if hint > 0 && hint < limit {
		buf.Grow(int(hint) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(ctxReader{ctx, r}, limit)); err != nil {
		return nil, pathless(err)
	}
	if int64(buf.Len()) > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	return buf.Bytes(), nil
}

// ctxReader makes a reader stop once its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// pathless strips the operation and path from an *fs.PathError, since
// callers prefix errors with the path themselves.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// displayName returns path for use at the start of an error message,
// quoted if it is empty or would break the message over several lines.
func displayName(path string) string {
	if path == "" {
		return `""`
	}
	for _, r := range path {
		if !unicode.IsPrint(r) && r != ' ' {
			return strconv.Quote(path)
		}
	}
	return path
}
