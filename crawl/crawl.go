// Package crawl gets raw documents for incidex: it reads local files,
// directories and standard input, detects each document's charset, converts
// it to UTF-8 and refuses input that is empty, binary, too large or in an
// unknown charset. It knows nothing about what the text means.
//
// Every error returned by [Reader.Read] and [Inputs] is one line that starts
// with the input's path ("-" for standard input) and wraps one of the
// sentinel errors below or an [io/fs] error, for use with [errors.Is].
package crawl

import "errors"

// Capture is one raw document and where it came from.
type Capture struct {
	Source    string // path as given, "-" for stdin, or URL later
	Body      []byte // content converted to UTF-8
	MediaType string // "text/html" or "text/plain" (sniffed from content and file extension)
	Charset   string // charset of the original bytes, e.g. "utf-8", "shift_jis", "euc-jp", "iso-2022-jp"
	Truncated bool   // HTML that ends mid-document (no closing </html> or </body> and ends inside a tag/element) — still usable
}

// Sentinel errors wrapped by the errors this package returns.
var (
	ErrEmpty    = errors.New("empty input")
	ErrBinary   = errors.New("binary content, not text or HTML")
	ErrTooLarge = errors.New("input too large")
	ErrCharset  = errors.New("unknown charset")
)

// Media types reported in [Capture.MediaType].
const (
	mediaHTML  = "text/html"
	mediaPlain = "text/plain"
)
