package warc

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// The decompressed stream under a Reader: the file's bytes as they are, or
// each gzip member in turn, with where each member starts, so that a record
// can be found again by seeking to its member.

// gzipErr describes a gzip error met in the member starting at off.
func gzipErr(err error, off int64) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: the gzip member at offset %d is cut short", ErrTruncated, off)
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum), errors.As(err, &corrupt):
		return fmt.Errorf("%w: gzip member at offset %d: %w", ErrFormat, off, err)
	}
	return err
}

// stream is the decompressed content of the file: every gzip member in
// turn, remembering where each starts.
type stream struct{ r *Reader }

func (s stream) Read(p []byte) (int, error) {
	r := s.r
	if r.streamErr != nil {
		return 0, r.streamErr
	}
	n, err := s.read(p)
	if err != nil && err != io.EOF {
		// bufio hands an error out once; the next read must not go on
		// decompressing from wherever the failure left the file.
		r.streamErr = err
	}
	return n, err
}

func (s stream) read(p []byte) (int, error) {
	r := s.r
	if r.gz == nil {
		n, err := r.in.Read(p)
		r.produced += int64(n)
		return n, err
	}
	for {
		n, err := r.gz.Read(p)
		r.produced += int64(n)
		if err == nil {
			return n, nil
		}
		if err != io.EOF {
			return n, gzipErr(err, r.members[len(r.members)-1].off)
		}
		if _, perr := r.in.br.Peek(1); perr != nil {
			return n, perr // io.EOF: the last member ended
		}
		start := r.in.n
		if err := r.gz.Reset(r.in); err != nil {
			return n, gzipErr(err, start)
		}
		r.gz.Multistream(false) // Reset turned it back on
		r.members = append(r.members, member{r.produced, start})
		if n > 0 {
			return n, nil
		}
	}
}

// countReader counts the bytes read from the file. It is an io.ByteReader,
// so the gzip reader takes no more than a member's bytes from it and the
// count is exact at member boundaries.
type countReader struct {
	br *bufio.Reader
	n  int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.br.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countReader) ReadByte() (byte, error) {
	b, err := c.br.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}
