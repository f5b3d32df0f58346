package crawl

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

const (
	// binarySniffLen is how much of the input is searched for NUL bytes.
	binarySniffLen = 8 << 10
	// maxBadRatio is the share of control or undecodable characters above
	// which decoded content counts as binary.
	maxBadRatio = 0.30
)

// newCapture checks and decodes raw bytes read from source. contentType is
// an HTTP Content-Type value or "". Errors do not name source.
func newCapture(source string, raw []byte, contentType string) (*Capture, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, ErrEmpty
	}
	if IsPDF(contentType, raw) { // its text is read by PDFText
		return &Capture{Source: source, Body: raw, MediaType: MediaPDF}, nil
	}
	if err := checkBinary(raw); err != nil {
		return nil, err
	}
	body, cs, err := Decode(raw, contentType)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimFunc(body, isBlank)) == 0 {
		return nil, ErrEmpty
	}
	if bad, total := badRunes(body); float64(bad) > maxBadRatio*float64(total) {
		return nil, fmt.Errorf("%w (%d%% control or undecodable characters read as %s)", ErrBinary, bad*100/total, cs)
	}
	c := &Capture{
		Source:    source,
		Body:      body,
		MediaType: mediaType(source, body, contentType),
		Charset:   cs,
	}
	c.Truncated = c.MediaType == mediaHTML && truncatedHTML(body)
	return c, nil
}

// checkBinary refuses known binary formats and NUL bytes near the start.
func checkBinary(raw []byte) error {
	magics := []struct{ prefix, what string }{
		{"\x89PNG\r\n\x1a\n", "PNG image"},
		{"\xff\xd8\xff", "JPEG image"},
		{"GIF87a", "GIF image"},
		{"GIF89a", "GIF image"},
		{"PK\x03\x04", "ZIP archive"},
		{"PK\x05\x06", "ZIP archive"},
		{"PK\x07\x08", "ZIP archive"},
		{"\x1f\x8b", "gzip data"},
	}
	for _, m := range magics {
		if bytes.HasPrefix(raw, []byte(m.prefix)) {
			return fmt.Errorf("%w (%s)", ErrBinary, m.what)
		}
	}
	if _, name, _ := bomEncoding(raw); strings.HasPrefix(name, "utf-16") {
		return nil // NUL bytes are normal in UTF-16
	}
	head := raw[:min(len(raw), binarySniffLen)]
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return fmt.Errorf("%w (NUL byte at offset %d)", ErrBinary, i)
	}
	return nil
}

// isBlank reports whether r is white space or a stray byte order mark.
func isBlank(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' }

// badRunes counts the control characters (other than white space) and
// U+FFFD replacement characters in UTF-8 text, and all runes.
func badRunes(b []byte) (bad, total int) {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		total++
		switch {
		case r == utf8.RuneError,
			r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != '\v',
			r >= 0x7f && r < 0xa0:
			bad++
		}
	}
	return bad, total
}

// mediaType decides between text/html and text/plain from the
// Content-Type header, the content and the source's extension.
func mediaType(source string, body []byte, contentType string) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		if mt == mediaHTML || mt == "application/xhtml+xml" {
			return mediaHTML
		}
	}
	if looksHTML(body) {
		return mediaHTML
	}
	switch sourceExt(source) {
	case ".html", ".htm", ".xhtml":
		return mediaHTML
	}
	return mediaPlain
}

// looksHTML sniffs the start of UTF-8 content for HTML markup.
func looksHTML(body []byte) bool {
	if strings.HasPrefix(http.DetectContentType(body), mediaHTML) {
		return true
	}
	head := bytes.ToLower(body[:min(len(body), prescanLimit)])
	for _, sig := range []string{"<!doctype html", "<html", "<head", "<body", "<meta "} {
		if bytes.Contains(head, []byte(sig)) {
			return true
		}
	}
	return false
}

// sourceExt returns the lower-cased extension of a path or URL path.
func sourceExt(source string) string {
	if strings.Contains(source, "://") {
		if u, err := url.Parse(source); err == nil {
			return strings.ToLower(path.Ext(u.Path))
		}
	}
	return strings.ToLower(filepath.Ext(source))
}

// isVoid reports whether an element never has content or an end tag.
func isVoid(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input",
		"keygen", "link", "meta", "param", "source", "track", "wbr":
		return true
	}
	return false
}

// truncatedHTML reports whether an HTML document ends mid-document: it has
// neither </html> nor </body>, and it ends inside a tag, a comment or an
// element that was never closed.
func truncatedHTML(body []byte) bool {
	if hasEndTag(body, "html") || hasEndTag(body, "body") {
		return false
	}
	b := bytes.TrimRight(body, " \t\r\n\f")
	if bytes.LastIndexByte(b, '<') > bytes.LastIndexByte(b, '>') {
		return true
	}
	if bytes.LastIndex(b, []byte("<!--")) > bytes.LastIndex(b, []byte("-->")) {
		return true
	}
	var open []string
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return len(open) > 0
		case html.StartTagToken:
			name, _ := z.TagName()
			if !isVoid(string(name)) {
				open = append(open, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == string(name) {
					open = open[:i]
					break
				}
			}
		}
	}
}

// hasEndTag reports whether b contains "</name", ignoring case.
func hasEndTag(b []byte, name string) bool {
	for {
		i := bytes.Index(b, []byte("</"))
		if i < 0 {
			return false
		}
		b = b[i+2:]
		if len(b) >= len(name) && bytes.EqualFold(b[:len(name)], []byte(name)) {
			return true
		}
	}
}
