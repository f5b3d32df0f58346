package crawl

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// Fictional notice text used throughout the tests.
const (
	noticeTitle = "株式会社サンプル商事 個人情報漏えいに関するお詫び 2024年3月1日"
	noticeBody  = noticeTitle + "\n\n" +
		"このたび、当社が運営するオンラインショップ「サンプルストア」において、" +
		"第三者による不正アクセスを受け、お客様の個人情報（氏名、住所、電話番号、" +
		"メールアドレス）最大12,345件が漏えいした可能性があることが判明いたしました。\n" +
		"お客様には多大なるご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。\n" +
		"なお、クレジットカード情報は当社では保持しておらず、漏えいの対象ではございません。\n"
)

// page returns an HTML notice page with the given extra <head> markup.
func page(head string) string {
	return "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n" + head +
		"<title>" + noticeTitle + "</title>\n</head>\n<body>\n<h1>" + noticeTitle +
		"</h1>\n<p>" + strings.ReplaceAll(noticeBody, "\n", "<br>\n") + "</p>\n</body>\n</html>\n"
}

// encode converts UTF-8 test text to enc, failing the test on error.
func encode(tb testing.TB, enc encoding.Encoding, s string) []byte {
	tb.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatalf("encoding test text: %v", err)
	}
	return b
}

func TestDecode(t *testing.T) {
	sjis, euc, jis := japanese.ShiftJIS, japanese.EUCJP, japanese.ISO2022JP
	utf16le := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	utf16be := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	tests := []struct {
		name        string
		text        string // the expected decoded text
		raw         []byte
		contentType string
		charset     string
	}{
		{"sjis meta charset", page(`<meta charset="Shift_JIS">`), nil, "", "shift_jis"},
		{"sjis meta http-equiv", page(`<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">`), nil, "", "shift_jis"},
		{"sjis meta cp932 alias", page(`<meta charset="cp932">`), nil, "", "shift_jis"},
		{"sjis undeclared html", page(""), nil, "", "shift_jis"},
		{"sjis undeclared plain", noticeBody, nil, "", "shift_jis"},
		{"sjis undeclared title only", noticeTitle, nil, "", "shift_jis"},
		{"sjis content-type", page(""), nil, "text/html; charset=Shift_JIS", "shift_jis"},
		{"sjis content-type beats meta", page(`<meta charset="euc-jp">`), nil, "text/html; charset=shift_jis", "shift_jis"},
		{"sjis content-type x-sjis", page(""), nil, "text/html; charset=x-sjis", "shift_jis"},
		{"sjis declared unknown", page(`<meta charset="x-bogus">`), nil, "", "shift_jis"},
		{"eucjp meta charset", page(`<meta charset="EUC-JP">`), nil, "", "euc-jp"},
		{"eucjp undeclared html", page(""), nil, "", "euc-jp"},
		{"eucjp undeclared plain", noticeBody, nil, "", "euc-jp"},
		{"eucjp undeclared title only", noticeTitle, nil, "", "euc-jp"},
		{"eucjp content-type", noticeBody, nil, "text/plain; charset=EUC-JP", "euc-jp"},
		{"iso2022jp meta", page(`<meta charset="ISO-2022-JP">`), nil, "", "iso-2022-jp"},
		{"iso2022jp undeclared plain", noticeBody, nil, "", "iso-2022-jp"},
		{"iso2022jp undeclared title only", noticeTitle, nil, "", "iso-2022-jp"},
		{"iso2022jp declared unknown", noticeBody, nil, "text/plain; charset=x-bogus", "iso-2022-jp"},
		{"utf8 undeclared", page(""), nil, "", "utf-8"},
		{"utf8 meta", page(`<meta charset="utf-8">`), nil, "", "utf-8"},
		{"utf8 declared unknown", page(`<meta charset="x-bogus">`), nil, "", "utf-8"},
		{"utf8 meta utf-16 means utf-8", page(`<meta charset="utf-16">`), nil, "", "utf-8"},
		{"ascii", "Sample Trading Co. notice\n", nil, "", "utf-8"},
		{"utf8 bom", page(""), append([]byte("\xef\xbb\xbf"), page("")...), "", "utf-8"},
		{"utf8 bom beats meta", page(`<meta charset="Shift_JIS">`), append([]byte("\xef\xbb\xbf"), page(`<meta charset="Shift_JIS">`)...), "", "utf-8"},
		{"utf16le bom", page(""), append([]byte{0xff, 0xfe}, encode(t, utf16le, page(""))...), "", "utf-16le"},
		{"utf16be bom", noticeBody, append([]byte{0xfe, 0xff}, encode(t, utf16be, noticeBody)...), "", "utf-16be"},
		{"utf8 cut mid-character", "お詫び", []byte("お詫び\xe3\x81"), "", "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := tt.raw
			if raw == nil {
				enc := map[string]encoding.Encoding{"shift_jis": sjis, "euc-jp": euc, "iso-2022-jp": jis}[tt.charset]
				if enc == nil {
					raw = []byte(tt.text)
				} else {
					raw = encode(t, enc, tt.text)
				}
			}
			body, cs, err := Decode(raw, tt.contentType)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if cs != tt.charset {
				t.Errorf("charset = %q, want %q", cs, tt.charset)
			}
			want := tt.text
			if tt.name == "utf8 cut mid-character" {
				want += "\uFFFD"
			}
			if string(body) != want {
				t.Errorf("body mismatch\n got: %.200q\nwant: %.200q", body, want)
			}
		})
	}
}

func TestDecodeUnknownCharset(t *testing.T) {
	garbage := bytes.Repeat([]byte{0x8f, 0xfe, 0xa0, 0xff, 0x81, 'a', 0xfd, 0x80}, 40)
	tests := []struct {
		name, contentType string
		raw               []byte
	}{
		{"meta", "", append([]byte(`<html><head><meta charset="x-bogus"></head><body>`), garbage...)},
		{"content-type", "text/html; charset=x-bogus", garbage},
		{"replacement encoding", "text/html; charset=iso-2022-kr", garbage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Decode(tt.raw, tt.contentType)
			if !errors.Is(err, ErrCharset) {
				t.Fatalf("err = %v, want ErrCharset", err)
			}
			if label := charsetParam(tt.contentType); label != "" && !strings.Contains(err.Error(), label) {
				t.Errorf("error %q does not name the declared charset %q", err, label)
			}
			if tt.name == "meta" && !strings.Contains(err.Error(), "x-bogus") {
				t.Errorf("error %q does not name the declared charset", err)
			}
		})
	}
}

func TestDecodeUndeclaredGarbageIsValidUTF8(t *testing.T) {
	raw := bytes.Repeat([]byte{0x8f, 0xfe, 0xa0, 0xff, 0x81, 'a', 0xfd, 0x80}, 40)
	body, cs, err := Decode(raw, "")
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if cs == "" || !utf8.Valid(body) {
		t.Errorf("charset %q, valid UTF-8 %v", cs, utf8.Valid(body))
	}
}

func BenchmarkDecode(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<!DOCTYPE html><html><head><title>` + noticeTitle + `</title></head><body>`)
	for sb.Len() < 42<<10 { // about 30 KB once encoded as Shift_JIS
		sb.WriteString("<p>" + noticeBody + "</p>\n")
	}
	sb.WriteString("</body></html>\n")
	raw := encode(b, japanese.ShiftJIS, sb.String())
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, cs, err := Decode(raw, ""); err != nil || cs != "shift_jis" {
			b.Fatalf("Decode: %q, %v", cs, err)
		}
	}
}
