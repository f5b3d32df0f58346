package crawl

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/saintfish/chardet"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

// Canonical charset names, as reported in [Capture.Charset].
const (
	csUTF8     = "utf-8"
	csShiftJIS = "shift_jis"
	csEUCJP    = "euc-jp"
	csISO2022  = "iso-2022-jp"
)

const (
	// prescanLimit is how far into the document a <meta> declaration counts,
	// as in the HTML standard and charset.DetermineEncoding.
	prescanLimit = 1024
	// sniffLimit bounds how many bytes the statistical detector examines.
	sniffLimit = 64 << 10
	// minConfidence is the chardet confidence needed to override a declared
	// charset that Go does not know.
	minConfidence = 80
)

// Decode converts raw bytes to UTF-8. contentType is an HTTP Content-Type
// header value or "".
//
// The charset is chosen in this order: a byte order mark; the charset
// parameter of contentType; a <meta charset> or <meta http-equiv> declaration
// in the first 1024 bytes; and, when nothing is declared, sniffing: 7-bit
// text with ISO-2022-JP escape sequences is iso-2022-jp, valid UTF-8 is
// utf-8, and anything else is chardet's best guess among Shift_JIS, EUC-JP,
// ISO-2022-JP and UTF-8.
//
// A declared charset that Go does not know falls back to sniffing. The guess
// is used if the bytes are valid UTF-8 or chardet is at least 80% confident of
// a Japanese charset; otherwise Decode returns an error wrapping [ErrCharset]
// that names the declared charset.
//
// Byte sequences invalid in the chosen charset become U+FFFD, so the body is
// always valid UTF-8 when err is nil. A byte order mark is removed.
func Decode(raw []byte, contentType string) (body []byte, charsetName string, err error) {
	if enc, name, n := bomEncoding(raw); enc != nil {
		return decodeWith(enc, name, raw[n:])
	}

	// DetermineEncoding settles a known charset in the Content-Type header.
	// For <meta> it cannot tell a declaration from its own UTF-8 /
	// windows-1252 fallback, nor report labels it does not know, so the
	// declarations are extracted here with the same prescan algorithm.
	enc, name, certain := charset.DetermineEncoding(raw, contentType)
	if certain && name != "replacement" {
		return decodeWith(enc, name, raw)
	}
	var unknown string // first declared label that Go does not know
	if label := charsetParam(contentType); label != "" {
		if e, n := lookup(label); e != nil {
			return decodeWith(e, n, raw)
		}
		unknown = label
	}
	known, unknownMeta := metaCharset(raw)
	if e, n := lookup(known); e != nil {
		if strings.HasPrefix(n, "utf-16") {
			// A document that declares UTF-16 in ASCII is not UTF-16;
			// the HTML standard says to read it as UTF-8.
			return decodeAs(csUTF8, raw)
		}
		return decodeWith(e, n, raw)
	}
	if unknown == "" {
		unknown = unknownMeta
	}
	return sniff(raw, unknown)
}

// sniff guesses the charset of undeclared bytes. If declared is not empty it
// is a charset label Go does not know, and only a confident guess is used.
func sniff(raw []byte, declared string) ([]byte, string, error) {
	if isISO2022JP(raw) {
		return decodeAs(csISO2022, raw)
	}
	if validUTF8(raw) {
		return decodeAs(csUTF8, raw)
	}
	name, confidence := guessJapanese(raw)
	if declared != "" && confidence < minConfidence {
		return nil, "", fmt.Errorf("%w %q: content is neither UTF-8 nor recognisably Japanese", ErrCharset, declared)
	}
	return decodeAs(name, raw)
}

// guessJapanese returns chardet's best guess among the charsets Japanese
// notices use, with its confidence (0-100). chardet reports ties in no
// particular order, so ties go to the candidate with fewer decoding errors
// and then to the more common charset. With no guess at all, the candidate
// with the fewest decoding errors is returned with confidence 0.
func guessJapanese(raw []byte) (name string, confidence int) {
	sample := raw
	if len(sample) > sniffLimit {
		sample = sample[:sniffLimit]
	}
	candidates := []string{csShiftJIS, csEUCJP, csUTF8, csISO2022}
	conf := make(map[string]int, len(candidates))
	if results, err := chardet.NewTextDetector().DetectAll(sample); err == nil {
		for _, r := range results {
			n := strings.ToLower(r.Charset)
			if _, seen := conf[n]; !seen {
				conf[n] = r.Confidence
			}
		}
	}
	best, bestErrs := "", -1 // bestErrs < 0: not counted yet
	for _, c := range candidates {
		if c == csISO2022 && conf[c] == 0 {
			continue // 8-bit data is never ISO-2022-JP
		}
		switch {
		case best == "" || conf[c] > conf[best]:
			best, bestErrs = c, -1
		case conf[c] == conf[best]:
			if bestErrs < 0 {
				bestErrs = decodeErrors(best, sample)
			}
			if errs := decodeErrors(c, sample); errs < bestErrs {
				best, bestErrs = c, errs
			}
		}
	}
	return best, conf[best]
}

// decodeErrors counts the U+FFFD runes produced by decoding b as name.
func decodeErrors(name string, b []byte) int {
	out, _, err := decodeAs(name, b)
	if err != nil {
		return len(b)
	}
	return bytes.Count(out, []byte("\uFFFD"))
}

// decodeAs decodes b with the encoding of a canonical charset name.
func decodeAs(name string, b []byte) ([]byte, string, error) {
	enc, n := charset.Lookup(name)
	if enc == nil {
		return nil, "", fmt.Errorf("%w %q", ErrCharset, name)
	}
	return decodeWith(enc, n, b)
}

// decodeWith decodes b to UTF-8, replacing anything invalid with U+FFFD.
func decodeWith(enc encoding.Encoding, name string, b []byte) ([]byte, string, error) {
	out, _, err := transform.Bytes(enc.NewDecoder(), b)
	if err != nil {
		return nil, "", fmt.Errorf("decoding %s: %w", name, err)
	}
	if !utf8.Valid(out) {
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	return out, name, nil
}

// bomEncoding reports the encoding announced by a byte order mark at the
// start of b, and the length of the mark.
func bomEncoding(b []byte) (encoding.Encoding, string, int) {
	var label string
	var n int
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		label, n = "utf-8", 3
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		label, n = "utf-16le", 2
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		label, n = "utf-16be", 2
	default:
		return nil, "", 0
	}
	enc, name := charset.Lookup(label)
	return enc, name, n
}

// lookup resolves a charset label using the WHATWG label table plus a few
// aliases seen on Japanese sites. Labels mapping to the WHATWG "replacement"
// encoding (ISO-2022-KR and the like) count as unknown.
func lookup(label string) (encoding.Encoding, string) {
	l := strings.ToLower(strings.TrimSpace(label))
	switch l {
	case "cp932", "ms-932", "windows-932", "x-ms-cp932", "sjis-open", "sjis-win":
		l = csShiftJIS
	case "eucjp", "euc_jp", "x-eucjp", "eucjp-win", "eucjp-ms", "ujis":
		l = csEUCJP
	case "iso2022jp", "iso-2022jp", "jis", "csiso2022jp":
		l = csISO2022
	}
	enc, name := charset.Lookup(l)
	if enc == nil || name == "replacement" {
		return nil, ""
	}
	return enc, name
}

// charsetParam returns the charset parameter of a Content-Type value,
// tolerating values mime.ParseMediaType rejects.
func charsetParam(contentType string) string {
	if contentType == "" {
		return ""
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		return strings.TrimSpace(params["charset"])
	}
	return charsetFromContent(strings.ToLower(contentType))
}

// metaCharset scans the first 1024 bytes of an HTML document for <meta>
// charset declarations the way the HTML standard's prescan does. known is
// the first declaration that lookup resolves, unknown the first it does not.
func metaCharset(raw []byte) (known, unknown string) {
	if len(raw) > prescanLimit {
		raw = raw[:prescanLimit]
	}
	if !bytes.Contains(raw, []byte("<")) {
		return "", ""
	}
	z := html.NewTokenizer(bytes.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return "", unknown
		case html.StartTagToken, html.SelfClosingTagToken:
			tag, hasAttr := z.TagName()
			if string(tag) != "meta" {
				continue
			}
			var label string
			var seen = map[string]bool{}
			gotPragma, viaCharset := false, false
			for hasAttr {
				var key, val []byte
				key, val, hasAttr = z.TagAttr()
				k := string(key)
				if seen[k] {
					continue
				}
				seen[k] = true
				v := strings.ToLower(string(val))
				switch k {
				case "http-equiv":
					gotPragma = gotPragma || v == "content-type"
				case "content":
					if label == "" {
						label = charsetFromContent(v)
					}
				case "charset":
					label, viaCharset = strings.TrimSpace(v), true
				}
			}
			if label == "" || (!viaCharset && !gotPragma) {
				continue
			}
			if e, _ := lookup(label); e != nil {
				return label, unknown
			}
			if unknown == "" {
				unknown = label
			}
		}
	}
}

// charsetFromContent extracts the charset from a lower-cased
// <meta content="..."> value, per the HTML standard's algorithm.
func charsetFromContent(s string) string {
	for s != "" {
		i := strings.Index(s, "charset")
		if i < 0 {
			return ""
		}
		s = strings.TrimLeft(s[i+len("charset"):], " \t\n\f\r")
		if !strings.HasPrefix(s, "=") {
			continue
		}
		s = strings.TrimLeft(s[1:], " \t\n\f\r")
		if s == "" {
			return ""
		}
		if q := s[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(s[1:], q)
			if end < 0 {
				return ""
			}
			return s[1 : 1+end]
		}
		if end := strings.IndexAny(s, "; \t\n\f\r"); end >= 0 {
			return s[:end]
		}
		return s
	}
	return ""
}

// isISO2022JP reports whether b is 7-bit text containing an ISO-2022-JP
// escape into JIS X 0208 (ESC $ B or ESC $ @).
func isISO2022JP(b []byte) bool {
	if !bytes.Contains(b, []byte("\x1b$B")) && !bytes.Contains(b, []byte("\x1b$@")) {
		return false
	}
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// validUTF8 reports whether b is valid UTF-8, ignoring a multi-byte
// character cut off at the very end (a truncated download).
func validUTF8(b []byte) bool {
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		if b[i] < 0x80 {
			break
		}
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				b = b[:i]
			}
			break
		}
	}
	return utf8.Valid(b)
}
