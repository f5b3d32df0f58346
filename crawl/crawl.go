// Package crawl gets raw documents for incidex: it reads local files,
// directories, standard input and the captures archived in WARC files,
// detects each document's charset, converts it to UTF-8 and refuses input
// that is empty, binary, too large or in an unknown charset. It knows
// nothing about what the text means.
//
// Every error returned by [Reader.Read], [Reader.ReadInput] and [Inputs] is
// one line that starts with the input's name (its path, "-" for standard
// input, "FILE#record-N (URI)" for a WARC capture) and wraps one of the
// sentinel errors below, an [io/fs] error or an error of package
// [github.com/incidex/incidex/crawl/warc], for use with [errors.Is].
package crawl

import "errors"

// Capture is one raw document and where it came from.
type Capture struct {
	Source    string // path as given, "-" for stdin, or the URL (WARC-Target-URI) of a WARC capture
	Body      []byte // content converted to UTF-8; for "application/pdf", the PDF's bytes (PDFText reads them)
	MediaType string // "text/html" or "text/plain" (from the HTTP Content-Type, content and extension), or "application/pdf"
	Charset   string // charset of the original bytes, e.g. "utf-8", "shift_jis", "euc-jp", "iso-2022-jp"
	Truncated bool   // HTML that ends mid-document (no closing </html> or </body> and ends inside a tag/element) — still usable
}

// Sentinel errors wrapped by the errors this package returns.
var (
	ErrEmpty    = errors.New("empty input")
	ErrBinary   = errors.New("binary content, not text or HTML")
	ErrTooLarge = errors.New("input too large")
	ErrCharset  = errors.New("unknown charset")
	ErrStatus   = errors.New("unsuccessful HTTP status") // a WARC response that is not 2xx
)

// Media types reported in [Capture.MediaType].
const (
	mediaHTML  = "text/html"
	mediaPlain = "text/plain"
	// MediaPDF is a PDF's: its Body is the PDF itself, for PDFText.
	MediaPDF = "application/pdf"
)
