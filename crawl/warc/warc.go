// Package warc reads and writes WARC files (ISO 28500, WARC/1.1), the web
// archive format crawlers and archives such as Heritrix, wget, warcio and the
// Internet Archive use: a sequence of records, each a version line, named
// header fields, a block of Content-Length bytes and two CRLFs.
//
// [Writer] writes WARC/1.1 records compressed one gzip member per record
// ("record-at-a-time compression"), so that any record can be read by
// seeking to its offset; it fills the mandatory fields and the
// WARC-Block-Digest. [Reader] reads compressed (single- or multi-member
// gzip) or uncompressed files, with bounds on header and block sizes so that
// a hostile or broken file is an error, never an exhausted memory or a
// panic. [Request], [Response] and [Record.HTTPResponse] turn net/http
// values into request and response records and back.
//
// Linking a request to its response is the caller's job: write the
// response first, then set the request's WARC-Concurrent-To to the id
// [Writer.Write] returned (or allocate ids up front with [NewRecordID]).
//
// Only the standard library is used: no WARC library for Go resolves from
// the module proxy this project builds with.
package warc

import (
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strings"
	"time"
)

// Record types of WARC/1.1.
const (
	TypeWarcinfo     = "warcinfo"
	TypeRequest      = "request"
	TypeResponse     = "response"
	TypeResource     = "resource"
	TypeMetadata     = "metadata"
	TypeRevisit      = "revisit"
	TypeConversion   = "conversion"
	TypeContinuation = "continuation"
)

// Content types of HTTP request and response blocks.
const (
	ContentTypeRequest  = "application/http;msgtype=request"
	ContentTypeResponse = "application/http;msgtype=response"
)

// Sentinel errors wrapped by the errors of this package.
var (
	// ErrTruncated: the file ends inside a record (a crash mid-write, a
	// partial download).
	ErrTruncated = errors.New("truncated WARC record")
	// ErrTooLarge: a block is larger than the reader's limit. The record
	// was skipped; reading can go on. (A header that big is an ErrFormat:
	// no WARC writer makes one, and it cannot be skipped.)
	ErrTooLarge = errors.New("WARC record too large")
	// ErrFormat: the bytes are not a WARC record where one should start.
	ErrFormat = errors.New("malformed WARC record")
	// ErrDigest: a block does not match its WARC-Block-Digest.
	ErrDigest = errors.New("WARC digest mismatch")
)

// Field is one named header field.
type Field struct{ Name, Value string }

// Header is the named fields of a record, in order. Names compare
// case-insensitively; a name may repeat (WARC-Concurrent-To).
type Header []Field

// Get returns the value of the first field called name, or "".
func (h Header) Get(name string) string {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// Values returns the values of every field called name, in order.
func (h Header) Values(name string) []string {
	var vs []string
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			vs = append(vs, f.Value)
		}
	}
	return vs
}

// Set sets the first field called name to value, removing any later field
// of that name, or appends the field when there is none.
func (h *Header) Set(name, value string) {
	out := (*h)[:0]
	found := false
	for _, f := range *h {
		if strings.EqualFold(f.Name, name) {
			if found {
				continue
			}
			f.Value, found = value, true
		}
		out = append(out, f)
	}
	if !found {
		out = append(out, Field{name, value})
	}
	*h = out
}

// Add appends a field, keeping any earlier one of the same name.
func (h *Header) Add(name, value string) { *h = append(*h, Field{name, value}) }

// Del removes every field called name.
func (h *Header) Del(name string) {
	out := (*h)[:0]
	for _, f := range *h {
		if !strings.EqualFold(f.Name, name) {
			out = append(out, f)
		}
	}
	*h = out
}

// Record is one WARC record.
type Record struct {
	Type   string // "warcinfo", "request", "response", "resource", "metadata", "revisit"
	Header Header // named fields; the Writer fills WARC-Type, WARC-Record-ID, WARC-Date, Content-Length, WARC-Block-Digest when absent
	Body   []byte // the record block (for "response": the raw HTTP status line, headers and payload)
}

// Date returns the record's WARC-Date.
func (r *Record) Date() (time.Time, error) {
	v := r.Header.Get("WARC-Date")
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: WARC-Date %q: %v", ErrFormat, v, err)
	}
	return t, nil
}

// CheckDigest verifies the block against its WARC-Block-Digest when the
// record has one in an algorithm this package knows (sha1, sha256; base32
// or hex). A missing digest or an unknown algorithm is not an error: there
// is nothing to check.
func (r *Record) CheckDigest() error {
	want := r.Header.Get("WARC-Block-Digest")
	if want == "" {
		return nil
	}
	if ok, known := digestMatches(want, r.Body); known && !ok {
		return fmt.Errorf("%w: block does not match WARC-Block-Digest %s", ErrDigest, want)
	}
	return nil
}

// NewRecordID returns a new random record id, "<urn:uuid:...>" (a version 4
// UUID).
func NewRecordID() string {
	var u [16]byte
	_, _ = rand.Read(u[:]) // crypto/rand.Read never fails (Go 1.24+)
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// FormatDate formats t as a WARC-Date: UTC, with microseconds when t has a
// fraction of a second (WARC/1.1 allows it; re-crawls within one second stay
// ordered).
func FormatDate(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond()/1000 == 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05.000000Z")
}

// Digest returns the "sha1:BASE32" digest of b, the form WARC tools use for
// WARC-Block-Digest and WARC-Payload-Digest.
func Digest(b []byte) string {
	sum := sha1.Sum(b)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}

// digestMatches compares a "algorithm:value" digest with b. known is false
// when the algorithm or the value's encoding is not recognized.
func digestMatches(digest string, b []byte) (ok, known bool) {
	alg, val, found := strings.Cut(strings.TrimSpace(digest), ":")
	if !found {
		return false, false
	}
	var h hash.Hash
	switch strings.ToLower(alg) {
	case "sha1":
		h = sha1.New()
	case "sha256", "sha-256":
		h = sha256.New()
	default:
		return false, false
	}
	h.Write(b)
	sum := h.Sum(nil)
	switch val = strings.TrimRight(val, "="); len(val) {
	case base32.StdEncoding.WithPadding(base32.NoPadding).EncodedLen(len(sum)):
		return strings.EqualFold(val, base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum)), true
	case hex.EncodedLen(len(sum)):
		return strings.EqualFold(val, hex.EncodeToString(sum)), true
	}
	return false, false
}
