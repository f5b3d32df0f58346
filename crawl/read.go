package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
	"syscall"
	"unicode"
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
