package crawl

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// writeFile writes data to name in dir and returns its path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// checkErrorMessage verifies the error conventions: one line, starting with
// the input's name.
func checkErrorMessage(t *testing.T, err error, name string) {
	t.Helper()
	msg := err.Error()
	if !strings.HasPrefix(msg, name+": ") {
		t.Errorf("error %q does not start with %q", msg, name+": ")
	}
	if strings.ContainsAny(msg, "\r\n") {
		t.Errorf("error %q is not one line", msg)
	}
}

func TestReadGood(t *testing.T) {
	dir := t.TempDir()
	sjisPage := encode(t, japanese.ShiftJIS, page(`<meta charset="Shift_JIS">`))
	truncated := page("")[:strings.Index(page(""), "深く")]
	tests := []struct {
		name      string
		file      string
		data      []byte
		want      string
		mediaType string
		charset   string
		truncated bool
	}{
		{"sjis html", "notice.html", sjisPage, page(`<meta charset="Shift_JIS">`), "text/html", "shift_jis", false},
		{"sjis plain undeclared", "notice.txt", encode(t, japanese.ShiftJIS, noticeBody), noticeBody, "text/plain", "shift_jis", false},
		{"eucjp plain extension-less", "notice", encode(t, japanese.EUCJP, noticeBody), noticeBody, "text/plain", "euc-jp", false},
		{"iso2022jp plain", "mail.txt", encode(t, japanese.ISO2022JP, noticeBody), noticeBody, "text/plain", "iso-2022-jp", false},
		{"html sniffed without extension", "page", []byte(page("")), page(""), "text/html", "utf-8", false},
		{"html sniffed in .txt", "page.txt", []byte(page("")), page(""), "text/html", "utf-8", false},
		{"plain text in .html", "plain.html", []byte(noticeBody), noticeBody, "text/html", "utf-8", false},
		{"utf16le bom", "u16.txt", append([]byte{0xff, 0xfe}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), noticeBody)...), noticeBody, "text/plain", "utf-16le", false},
		{"truncated html", "cut.html", []byte(truncated), truncated, "text/html", "utf-8", true},
		{"truncated sjis html inside tag", "cut2.html", encode(t, japanese.ShiftJIS, "<html><head><meta charset=\"Shift_JIS\"></head><body><p>"+noticeTitle+"</p><a hr"), "<html><head><meta charset=\"Shift_JIS\"></head><body><p>" + noticeTitle + "</p><a hr", "text/html", "shift_jis", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, dir, tt.file, tt.data)
			c, err := new(Reader).Read(context.Background(), p)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if c.Source != p || string(c.Body) != tt.want || c.MediaType != tt.mediaType || c.Charset != tt.charset || c.Truncated != tt.truncated {
				t.Errorf("got {%q %.60q %q %q %v}, want {%q %.60q %q %q %v}",
					c.Source, c.Body, c.MediaType, c.Charset, c.Truncated,
					p, tt.want, tt.mediaType, tt.charset, tt.truncated)
			}
		})
	}
}

func TestReadBad(t *testing.T) {
	dir := t.TempDir()
	sparse := filepath.Join(dir, "huge.html")
	if err := os.WriteFile(sparse, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(sparse, 50<<20); err != nil {
		t.Fatal(err)
	}
	controls := bytes.Repeat([]byte("\x01\x02\x03\x04\x05\x06\x07\x08abc"), 100)
	tests := []struct {
		name    string
		path    string // used instead of writing data when set
		data    []byte
		want    error
		message string // a substring the message must contain
	}{
		{"zero bytes", "", nil, ErrEmpty, ""},
		{"only whitespace", "", []byte(" \n\t\r\n  "), ErrEmpty, ""},
		{"only ideographic spaces in sjis", "", encode(t, japanese.ShiftJIS, "\u3000\u3000\n\u3000"), ErrEmpty, ""},
		{"utf16 bom and spaces", "", []byte{0xff, 0xfe, ' ', 0, '\n', 0}, ErrEmpty, ""},
		{"NUL byte", "", []byte("株式会社\x00サンプル"), ErrBinary, "NUL"},
		{"PNG", "", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary, "PNG"},
		{"ZIP", "", []byte("PK\x03\x04\x14\x00\x06\x00"), ErrBinary, "ZIP"},
		{"gzip", "", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), ErrBinary, "gzip"},
		{"control characters", "", controls, ErrBinary, "control"},
		{"unknown charset", "", append([]byte(`<meta charset="x-bogus">`), bytes.Repeat([]byte{0x8f, 0xfe, 0xa0, 0xff, 0x81, 'a', 0xfd, 0x80}, 40)...), ErrCharset, `"x-bogus"`},
		{"too large sparse file", sparse, nil, ErrTooLarge, "limit"},
		{"missing", filepath.Join(dir, "missing.html"), nil, fs.ErrNotExist, ""},
		{"directory", dir, nil, syscall.EISDIR, "directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.path
			if p == "" {
				p = writeFile(t, dir, strings.ReplaceAll(tt.name, " ", "_")+".html", tt.data)
			}
			c, err := new(Reader).Read(context.Background(), p)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Read = %v, %v; want error %v", c, err, tt.want)
			}
			checkErrorMessage(t, err, p)
			if !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %q does not mention %q", err, tt.message)
			}
		})
	}
}

// TestReadPDF checks that a PDF file is handed on as a PDF, its bytes
// intact, for PDFText: not refused as binary, not decoded as text.
func TestReadPDF(t *testing.T) {
	raw := []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
	p := writeFile(t, t.TempDir(), "notice.pdf", raw)
	c, err := new(Reader).Read(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if c.MediaType != MediaPDF || !bytes.Equal(c.Body, raw) {
		t.Errorf("Read = %q, %q; want the PDF's bytes as %s", c.MediaType, c.Body, MediaPDF)
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// zeros is an endless source of spaces.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestReadStdin(t *testing.T) {
	sjis := encode(t, japanese.ShiftJIS, noticeBody)
	r := &Reader{Stdin: bytes.NewReader(sjis)}
	c, err := r.Read(context.Background(), "-")
	if err != nil {
		t.Fatalf("Read(-): %v", err)
	}
	if c.Source != "-" || string(c.Body) != noticeBody || c.Charset != "shift_jis" || c.MediaType != "text/plain" {
		t.Errorf("got %q %.40q %q %q", c.Source, c.Body, c.Charset, c.MediaType)
	}

	_, err = (&Reader{Stdin: strings.NewReader("")}).Read(context.Background(), "-")
	if !errors.Is(err, ErrEmpty) {
		t.Errorf("empty stdin: err = %v, want ErrEmpty", err)
	}
	checkErrorMessage(t, err, "-")

	const max = 1 << 20
	cr := &countingReader{r: zeros{}}
	_, err = (&Reader{MaxSize: max, Stdin: cr}).Read(context.Background(), "-")
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("endless stdin: err = %v, want ErrTooLarge", err)
	}
	checkErrorMessage(t, err, "-")
	if cr.n > max+1 {
		t.Errorf("read %d bytes of stdin, want at most MaxSize+1 = %d", cr.n, max+1)
	}
}

func TestReadMaxSize(t *testing.T) {
	p := writeFile(t, t.TempDir(), "n.txt", []byte(noticeBody))
	size := int64(len(noticeBody))
	if _, err := (&Reader{MaxSize: size}).Read(context.Background(), p); err != nil {
		t.Errorf("file of exactly MaxSize: %v", err)
	}
	_, err := (&Reader{MaxSize: size - 1}).Read(context.Background(), p)
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("file one byte over MaxSize: err = %v, want ErrTooLarge", err)
	}
}

func TestReadCanceled(t *testing.T) {
	p := writeFile(t, t.TempDir(), "n.txt", []byte(noticeBody))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := new(Reader).Read(ctx, p)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	checkErrorMessage(t, err, p)
}

func TestReadOddPathNamesStayOneLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "line\nbreak.html")
	_, err := new(Reader).Read(context.Background(), p)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want fs.ErrNotExist", err)
	}
	if strings.ContainsAny(err.Error(), "\n") {
		t.Errorf("error %q is not one line", err)
	}
}
