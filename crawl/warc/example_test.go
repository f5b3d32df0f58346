package warc_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/incidex/incidex/crawl/warc"
)

// A crawler archives each exchange as a response record and the request
// that asked for it, linked by WARC-Concurrent-To, then reads the archive.
func Example() {
	var file bytes.Buffer
	w := warc.NewWriter(&file)

	uri := "https://www.example.jp/news/0520.html"
	date := time.Date(2024, 5, 20, 10, 0, 0, 0, time.UTC)
	req, _ := http.NewRequest(http.MethodGet, uri, nil)
	resp := &http.Response{StatusCode: 200, Proto: "HTTP/1.1", Header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}}}
	body := []byte("不正アクセスに関するお知らせ")

	id, err := w.Write(warc.Response(uri, date, resp, body))
	if err != nil {
		panic(err)
	}
	rq := warc.Request(uri, date, req)
	rq.Header.Set("WARC-Concurrent-To", id)
	if _, err := w.Write(rq); err != nil {
		panic(err)
	}

	r := warc.NewReader(&file)
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			panic(err)
		}
		fmt.Println(r.Offset() > 0 || rec.Type == "response", rec.Type, rec.Header.Get("WARC-Target-URI"))
		if rec.Type == "response" {
			hr, payload, _ := rec.HTTPResponse()
			fmt.Println(hr.StatusCode, hr.Header.Get("Content-Type"), string(payload))
		}
	}
	// Output:
	// true response https://www.example.jp/news/0520.html
	// 200 text/plain; charset=utf-8 不正アクセスに関するお知らせ
	// true request https://www.example.jp/news/0520.html
}
