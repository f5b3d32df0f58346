package crawl

import "testing"

func TestTruncatedHTML(t *testing.T) {
	tests := []struct {
		name string
		html string
		want bool
	}{
		{"complete", page(""), false},
		{"no </html> but </body>", "<html><body><p>お詫び</p></body>", false},
		{"upper-case end tags", "<HTML><BODY><P>お詫び</BODY></HTML>", false},
		{"fragment with closed elements", "<p>お詫び</p>\n<p>続報</p>\n", false},
		{"fragment with void elements", "<p>お詫び</p><br><img src=a.png>", false},
		{"ends inside a tag", "<html><body><p>お詫び</p><a href=\"/ne", true},
		{"ends inside an element", "<html><body><p>お詫び申し上げ", true},
		{"ends inside a comment", "<html><body><p>お詫び</p><!-- 続", true},
		{"ends inside a script", "<html><body><script>var a = 1;", true},
		{"trailing whitespace", "<html><body><div>お詫び\n\n  ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := truncatedHTML([]byte(tt.html)); got != tt.want {
				t.Errorf("truncatedHTML(%.40q) = %v, want %v", tt.html, got, tt.want)
			}
		})
	}
}

func TestMediaType(t *testing.T) {
	tests := []struct {
		source, body, contentType, want string
	}{
		{"a.txt", noticeBody, "", "text/plain"},
		{"a", noticeBody, "", "text/plain"},
		{"-", noticeBody, "", "text/plain"},
		{"a.html", noticeBody, "", "text/html"},
		{"a.HTM", noticeBody, "", "text/html"},
		{"a.xhtml", noticeBody, "", "text/html"},
		{"a.txt", page(""), "", "text/html"},
		{"-", page(""), "", "text/html"},
		{"a", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`, "", "text/html"},
		{"a", "<お知らせ>\n" + noticeBody, "", "text/plain"},
		{"https://example.com/news/0301.html?x=1", noticeBody, "", "text/html"},
		{"https://example.com/news/0301", noticeBody, "text/html; charset=utf-8", "text/html"},
		{"https://example.com/news/0301", noticeBody, "text/plain", "text/plain"},
	}
	for _, tt := range tests {
		if got := mediaType(tt.source, []byte(tt.body), tt.contentType); got != tt.want {
			t.Errorf("mediaType(%q, %.20q, %q) = %q, want %q", tt.source, tt.body, tt.contentType, got, tt.want)
		}
	}
}
