package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Default limits of a [Reader]. Captures of up to about 64 MiB are expected;
// a larger block is refused (and skipped) rather than held in memory.
const (
	DefaultMaxBlockSize  = 128 << 20
	DefaultMaxHeaderSize = 256 << 10
)

// RecordError is an error about one record of a WARC file.
type RecordError struct {
	Record    int    // 1-based number of the record in the file (from where reading began)
	Offset    int64  // where the record, or its gzip member, starts in the file
	Type, URI string // WARC-Type and WARC-Target-URI, when the header was read
	Err       error  // wraps ErrTruncated, ErrTooLarge, ErrFormat or a read error
}

func (e *RecordError) Error() string {
	what := ""
	if e.Type != "" || e.URI != "" {
		what = " (" + strings.TrimSpace(e.Type+" "+e.URI) + ")"
	}
	return fmt.Sprintf("record %d at offset %d%s: %v", e.Record, e.Offset, what, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// Reader reads the records of a WARC file, gzip-compressed (one member per
// record, one member for the whole file, or anything between) or not, which
// it detects from the first bytes.
type Reader struct {
	// MaxBlockSize bounds a record's block, MaxHeaderSize its version line
	// and fields; 0 means the default. Set them before the first Next.
	MaxBlockSize  int64
	MaxHeaderSize int

	in       *countReader  // the file's bytes, counted
	gz       *gzip.Reader  // nil: uncompressed
	br       *bufio.Reader // the decompressed stream
	produced int64         // decompressed bytes handed to br
	members  []member      // gzip members that may hold the records to come
	started  bool
	n        int   // number of the last record started
	offset   int64 // offset of the last record started
	err      error // a final error: every later Next returns it
	pending  error // a final error found after the record just returned

	streamErr error // the decompressed stream's first error
}

// member is where a gzip member starts: in the decompressed stream and in
// the file.
type member struct{ dec, off int64 }

// NewReader returns a Reader of the WARC file r. It reads nothing yet.
func NewReader(r io.Reader) *Reader {
	rd := &Reader{in: &countReader{br: bufio.NewReaderSize(r, 64<<10)}}
	rd.br = bufio.NewReaderSize(stream{rd}, 64<<10)
	return rd
}

// Offset returns where the record last returned (or the one an error is
// about) starts in the file: for compressed files, where its gzip member
// starts, which is the record's own start with record-at-a-time compression.
func (r *Reader) Offset() int64 { return r.offset }

// Next returns the next record, or io.EOF after the last one.
//
// Errors are *[RecordError]s naming the record's number and offset. An
// error wrapping [ErrTooLarge] is about that record only: its block was
// larger than MaxBlockSize and was skipped, and Next may be called again
// for the records after it. Any other error is final
// (the file is truncated, corrupt, or not WARC from there on) and every
// later call returns it again. A file that ends inside a record gives the
// records before it and then an error wrapping [ErrTruncated].
func (r *Reader) Next() (*Record, error) {
	if r.err != nil {
		return nil, r.err
	}
	if r.pending != nil {
		r.err = r.pending
		return nil, r.err
	}
	rec, skipped, err := r.next()
	if err != nil && !skipped {
		r.err = err
	}
	return rec, err
}

// next reads one record. skipped reports an error after which reading can
// go on.
func (r *Reader) next() (rec *Record, skipped bool, err error) {
	if !r.started {
		r.started = true
		if err := r.detect(); err != nil {
			return nil, false, r.fail(nil, err)
		}
	}
	maxHeader := r.MaxHeaderSize
	if maxHeader <= 0 {
		maxHeader = DefaultMaxHeaderSize
	}
	budget := maxHeader
	if err := r.versionLine(&budget, maxHeader); err != nil {
		return nil, false, err // io.EOF, or already wrapped
	}
	rec = &Record{}
	if err := r.header(rec, &budget, maxHeader); err != nil {
		return nil, false, r.fail(rec, err)
	}
	rec.Type = rec.Header.Get("WARC-Type")
	cl := rec.Header.Get("Content-Length")
	size, perr := strconv.ParseInt(cl, 10, 64)
	if perr != nil || size < 0 || strings.HasPrefix(cl, "+") {
		return nil, false, r.fail(rec, fmt.Errorf("%w: Content-Length %s", ErrFormat, quoteShort(cl)))
	}
	maxBlock := r.MaxBlockSize
	if maxBlock <= 0 {
		maxBlock = DefaultMaxBlockSize
	}
	if size > maxBlock {
		// The block is passed over, not kept: reading goes on after it.
		if n, err := io.CopyN(io.Discard, r.br, size); err != nil {
			return nil, false, r.fail(rec, r.readErr(err, fmt.Sprintf("after %d of the block's %d bytes", n, size)))
		}
		if err := r.terminator(size); err != nil {
			return nil, false, r.fail(rec, err)
		}
		return nil, true, r.fail(rec, fmt.Errorf("%w: block of %d bytes, the limit is %d", ErrTooLarge, size, maxBlock))
	}
	var body bytes.Buffer
	// Grow by what arrives, not by what the header claims: a lying
	// Content-Length in a small file must not allocate the limit.
	body.Grow(int(min(size, 1<<20)))
	if n, err := io.CopyN(&body, r.br, size); err != nil {
		return nil, false, r.fail(rec, r.readErr(err, fmt.Sprintf("after %d of the block's %d bytes", n, size)))
	}
	rec.Body = body.Bytes()
	if err := r.terminator(size); err != nil {
		if !errors.Is(err, ErrTruncated) {
			return nil, false, r.fail(rec, err)
		}
		// The block is whole: it is returned, and the truncation reported
		// by the next call.
		r.pending = r.fail(rec, err)
		return rec, false, nil
	}
	// With record-at-a-time compression the member ends here, and only
	// its end tells whether the bytes just read were intact: look.
	if r.gz != nil && r.br.Buffered() == 0 {
		if _, err := r.br.Peek(1); errors.Is(err, gzip.ErrChecksum) {
			return nil, false, r.fail(rec, err)
		}
	}
	return rec, false, nil
}

// versionLine reads up to a record's version line, passing over blank
// lines (some writers add more than the two CRLFs, or end a block with
// their own), and sets the record's number and offset. It returns io.EOF
// at the end of the file, or a *RecordError.
func (r *Reader) versionLine(budget *int, maxHeader int) error {
	var line []byte
	var start int64
	var err error
	for {
		start = r.produced - int64(r.br.Buffered())
		line, err = r.readLine(budget)
		if len(line) == 0 && errors.Is(err, io.EOF) {
			return io.EOF
		}
		if err != nil || len(trimEOL(line)) > 0 {
			break
		}
	}
	r.n++
	r.offset = r.memberOffset(start)
	v := string(trimEOL(line))
	switch {
	case errors.Is(err, ErrTooLarge):
		return r.fail(nil, fmt.Errorf("%w: more than %d bytes of blank lines or version line", ErrFormat, maxHeader))
	case err != nil && (strings.HasPrefix(v, "WARC/") || strings.HasPrefix("WARC/", v)):
		return r.fail(nil, r.readErr(err, "inside the version line"))
	case err != nil && !errors.Is(err, io.EOF):
		return r.fail(nil, err)
	case err != nil || !isVersion(v):
		return r.fail(nil, fmt.Errorf("%w: want a WARC/1.x version line, found %s", ErrFormat, quoteShort(v)))
	}
	return nil
}

// header reads the named fields up to the blank line that ends them.
func (r *Reader) header(rec *Record, budget *int, maxHeader int) error {
	for {
		line, err := r.readLine(budget)
		if errors.Is(err, ErrTooLarge) {
			return fmt.Errorf("%w: header of more than %d bytes", ErrFormat, maxHeader)
		}
		if err != nil {
			return r.readErr(err, "inside the header")
		}
		if line = trimEOL(line); len(line) == 0 {
			return nil
		}
		if err := rec.Header.addLine(line); err != nil {
			return err
		}
	}
}

// detect finds out whether the file is gzip-compressed.
func (r *Reader) detect() error {
	magic, _ := r.in.br.Peek(2)
	if len(magic) == 1 && magic[0] == 0x1f {
		return fmt.Errorf("%w: the file ends inside the gzip header", ErrTruncated)
	}
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return nil
	}
	gz, err := gzip.NewReader(r.in)
	if err != nil {
		return gzipErr(err, 0)
	}
	gz.Multistream(false)
	r.gz = gz
	r.members = []member{{0, 0}}
	return nil
}

// terminator reads the two CRLFs after a block of size bytes. A lone LF
// counts as a CRLF, and one line break is enough when a record follows.
func (r *Reader) terminator(size int64) error {
	for ends := 0; ends < 2; ends++ {
		b, err := r.br.ReadByte()
		if err == nil && b == '\r' {
			b, err = r.br.ReadByte()
		}
		switch {
		case err != nil:
			return r.readErr(err, "before the record's closing CRLFs")
		case b == '\n':
			continue
		case ends == 0:
			return fmt.Errorf("%w: no CRLF after the %d-byte block (wrong Content-Length?)", ErrFormat, size)
		}
		return r.br.UnreadByte()
	}
	return nil
}

// readLine reads a line, ending in "\n" unless the file ends first,
// charging its length to budget.
func (r *Reader) readLine(budget *int) ([]byte, error) {
	var line []byte
	for {
		frag, err := r.br.ReadSlice('\n')
		*budget -= len(frag)
		if *budget < 0 {
			return nil, ErrTooLarge
		}
		line = append(line, frag...)
		if err != bufio.ErrBufferFull {
			return line, err
		}
	}
}

// readErr turns an error met while reading a record into the error to
// report: the end of the file says the record is truncated.
func (r *Reader) readErr(err error, where string) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: the file ends %s", ErrTruncated, where)
	}
	return err
}

// fail wraps err for the record being read (rec may be nil).
func (r *Reader) fail(rec *Record, err error) error {
	e := &RecordError{Record: max(r.n, 1), Offset: r.offset, Err: err}
	if rec != nil {
		e.Type, e.URI = rec.Header.Get("WARC-Type"), rec.Header.Get("WARC-Target-URI")
	}
	return e
}

// memberOffset returns the file offset of the gzip member holding the
// decompressed byte at pos (pos itself when uncompressed), and forgets the
// members before it.
func (r *Reader) memberOffset(pos int64) int64 {
	if r.gz == nil {
		return pos
	}
	i := 0
	for i+1 < len(r.members) && r.members[i+1].dec <= pos {
		i++
	}
	r.members = r.members[i:]
	return r.members[0].off
}

// addLine adds one header line: "Name: value", or a continuation (leading
// white space) of the previous value.
func (h *Header) addLine(line []byte) error {
	if line[0] == ' ' || line[0] == '\t' {
		if len(*h) == 0 {
			return fmt.Errorf("%w: continuation line before any field", ErrFormat)
		}
		f := &(*h)[len(*h)-1]
		f.Value = strings.TrimSpace(f.Value + " " + strings.TrimSpace(string(line)))
		return nil
	}
	name, value, ok := bytes.Cut(line, []byte(":"))
	if !ok || len(bytes.TrimSpace(name)) == 0 {
		return fmt.Errorf("%w: header line %s is not a field", ErrFormat, quoteShort(string(line)))
	}
	h.Add(string(bytes.TrimSpace(name)), string(bytes.TrimSpace(value)))
	return nil
}

// isVersion reports whether v is "WARC/" and a version number like 1.0.
func isVersion(v string) bool {
	num, ok := strings.CutPrefix(v, "WARC/")
	major, minor, dot := strings.Cut(num, ".")
	return ok && dot && isDigits(major) && isDigits(minor)
}

func isDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func trimEOL(b []byte) []byte { return bytes.TrimRight(b, "\r\n") }

// quoteShort quotes s for an error message, cut to a readable length.
func quoteShort(s string) string {
	if len(s) > 60 {
		return strconv.Quote(s[:60]) + "…"
	}
	return strconv.Quote(s)
}
