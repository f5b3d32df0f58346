package crawl

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

func FuzzDecode(f *testing.F) {
	// Seeds are kept small: the fuzzer minimizes every new input it finds,
	// and minimizing large inputs takes most of a short fuzzing run.
	short := "<html><head><meta charset=\"Shift_JIS\"></head><body><p>" + noticeTitle + "</p></body></html>"
	f.Add([]byte(short), "")
	f.Add(encode(f, japanese.ShiftJIS, short), "")
	f.Add(encode(f, japanese.ShiftJIS, noticeTitle), "")
	f.Add(encode(f, japanese.EUCJP, "<p>"+noticeTitle), "text/html; charset=EUC-JP")
	f.Add(encode(f, japanese.ISO2022JP, noticeTitle), "")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "")
	f.Add([]byte(`<meta http-equiv="Content-Type" content="text/html; charset=x-bogus">`+"\x8f\xfe"), "text/html; charset=")
	f.Add([]byte("<html><body><p>\xe3\x81"), "text/plain; charset=iso-2022-kr")
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		body, cs, err := Decode(raw, contentType)
		if err == nil {
			if !utf8.Valid(body) {
				t.Fatalf("Decode(%q, %q) returned invalid UTF-8 %q", raw, contentType, body)
			}
			if cs == "" {
				t.Fatalf("Decode(%q, %q) returned no charset", raw, contentType)
			}
		}
		// The checks built on Decode must not panic either.
		if c, err := newCapture("fuzz.html", raw, contentType); err == nil {
			if !utf8.Valid(c.Body) || c.Charset == "" || c.MediaType != mediaHTML {
				t.Fatalf("newCapture(%q) = %+v", raw, c)
			}
		}
	})
}
