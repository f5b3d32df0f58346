package warc

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Request returns a "request" record of req as sent to uri at date: the
// request line, a Host field and req.Header. The request body is not
// recorded (a crawler's requests have none). Headers the transport adds on
// its own (a default User-Agent, Accept-Encoding: gzip) are not in
// req.Header and so not recorded: set them explicitly to have them kept.
// A zero date leaves WARC-Date to the Writer.
func Request(uri string, date time.Time, req *http.Request) *Record {
	var b bytes.Buffer
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	target := "/"
	host := req.Host
	if req.URL != nil {
		target = req.URL.RequestURI()
		if host == "" {
			host = req.URL.Host
		}
	}
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\n", method, target)
	if host != "" {
		fmt.Fprintf(&b, "Host: %s\r\n", host)
	}
	h := req.Header.Clone()
	h.Del("Host")
	_ = h.Write(&b) // writing to a bytes.Buffer does not fail
	b.WriteString("\r\n")
	return httpRecord(TypeRequest, uri, date, ContentTypeRequest, b.Bytes())
}

// Response returns a "response" record of resp, received from uri at date,
// with body its payload as read. The block is the status line, resp.Header
// and body. Since net/http has already removed any chunked transfer coding
// (and, for transparently decompressed responses, the Content-Encoding),
// Transfer-Encoding is dropped and Content-Length set to len(body), so the
// block is a valid HTTP message that parses back to the same payload.
// WARC-Payload-Digest is the sha1 of body. A zero date leaves WARC-Date to
// the Writer.
func Response(uri string, date time.Time, resp *http.Response, body []byte) *Record {
	var b bytes.Buffer
	proto := resp.Proto
	if proto == "" {
		proto = fmt.Sprintf("HTTP/%d.%d", max(resp.ProtoMajor, 1), resp.ProtoMinor)
		if resp.ProtoMajor == 0 {
			proto = "HTTP/1.1"
		}
	}
	status := resp.Status
	if code := strconv.Itoa(resp.StatusCode); !strings.HasPrefix(status, code) {
		status = strings.TrimSpace(code + " " + http.StatusText(resp.StatusCode))
	}
	fmt.Fprintf(&b, "%s %s\r\n", proto, status)
	h := resp.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Del("Transfer-Encoding")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	_ = h.Write(&b)
	b.WriteString("\r\n")
	b.Write(body)
	rec := httpRecord(TypeResponse, uri, date, ContentTypeResponse, b.Bytes())
	rec.Header.Set("WARC-Payload-Digest", Digest(body))
	return rec
}

func httpRecord(typ, uri string, date time.Time, contentType string, block []byte) *Record {
	h := Header{{"WARC-Target-URI", uri}}
	if !date.IsZero() {
		h.Set("WARC-Date", FormatDate(date))
	}
	h.Set("Content-Type", contentType)
	return &Record{Type: typ, Header: h, Body: block}
}

// HTTPResponse parses the block of a "response" record holding an HTTP
// response: the status line and headers into an *http.Response, and the
// payload. A chunked transfer coding is removed; a Content-Encoding is not
// (the payload is as the server sent it, and resp.Header says how it is
// encoded). The block's end is the payload's end, whatever a
// Content-Length field says. Informational (1xx) responses before the
// final one are passed over. The returned response's Body reads the
// payload.
func (r *Record) HTTPResponse() (*http.Response, []byte, error) {
	if r.Type != TypeResponse {
		return nil, nil, fmt.Errorf("%w: a %q record holds no HTTP response", ErrFormat, r.Type)
	}
	block := r.Body
	for {
		src := bytes.NewReader(block)
		br := bufio.NewReader(src)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: HTTP response: %v", ErrFormat, err)
		}
		// What ReadResponse has not taken from the block is the payload.
		consumed := len(block) - src.Len() - br.Buffered()
		rest := block[consumed:]
		if resp.StatusCode >= 100 && resp.StatusCode < 200 && resp.StatusCode != http.StatusSwitchingProtocols && len(rest) > 0 {
			block = rest
			continue
		}
		payload := rest
		if slices.Contains(resp.TransferEncoding, "chunked") {
			if payload, err = io.ReadAll(resp.Body); err != nil {
				return nil, nil, fmt.Errorf("%w: chunked HTTP payload: %v", ErrFormat, err)
			}
			resp.TransferEncoding = nil
		}
		resp.Body = io.NopCloser(bytes.NewReader(payload))
		resp.ContentLength = int64(len(payload))
		return resp, payload, nil
	}
}
