package crawl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuiltinSources(t *testing.T) {
	s, err := LoadSources(filepath.Join(t.TempDir(), "none.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	b, ok := s.Lookup("b-son")
	if !ok || !b.FollowAll || b.Disabled {
		t.Fatalf("built-in b-son: %+v, %v", b, ok)
	}
	kinds := map[Kind]string{}
	for _, e := range b.Entries {
		kinds[e.Kind] = e.URL
		if strings.Contains(e.URL, "/search") {
			t.Errorf("b-son starts from %s, which Blogger's robots.txt disallows", e.URL)
		}
	}
	if !strings.HasPrefix(kinds[KindFeed], "https://blog.b-son.net/feeds/") || kinds[KindSitemap] != "https://blog.b-son.net/sitemap.xml" {
		t.Errorf("b-son entries %v: want its feed and its sitemap", kinds)
	}
}

func TestUserSourcesOverride(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sources.yaml")
	yaml := `contact: https://example.org/about-our-crawler
sources:
  - name: b-son
    disabled: true
  - name: sakura
    listing: https://sakura-coffee.example/news/
    hosts: [cdn.sakura-coffee.example]
  - name: notices
    path: [saved/, /abs/notice.html]
`
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := LoadSources(file)
	if err != nil {
		t.Fatal(err)
	}
	if s.Contact != "https://example.org/about-our-crawler" {
		t.Errorf("contact %q", s.Contact)
	}
	if b, _ := s.Lookup("b-son"); !b.Disabled {
		t.Error("b-son not disabled by the user's file")
	}
	sk, _ := s.Lookup("sakura")
	if !sk.allows("sakura-coffee.example") || !sk.allows("www.sakura-coffee.example") || !sk.allows("cdn.sakura-coffee.example") || sk.allows("evil.example") {
		t.Errorf("sakura's hosts wrong: %+v", sk)
	}
	if n, _ := s.Lookup("notices"); len(n.Paths) != 2 || n.Paths[0] != filepath.Join(dir, "saved") || n.Paths[1] != "/abs/notice.html" {
		t.Errorf("paths %v: want relative ones under the file's directory", n.Paths)
	}
}

func TestSourcesErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"not YAML", "sources: [", "test.yaml: yaml:"},
		{"top level", "- a\n- b\n", "test.yaml:1: want a mapping"},
		{"unknown top key", "sources: []\nsorces: []\n", `test.yaml:2: unknown key "sorces"`},
		{"unknown key", "sources:\n  - name: a\n    feeed: https://a.example/feed\n", `test.yaml:3: unknown key "feeed"`},
		{"no name", "sources:\n  - feed: https://a.example/feed\n", "test.yaml:2: a source needs a name"},
		{"bad name", "sources:\n  - name: 'a b'\n    url: https://a.example/\n", `test.yaml:2: name "a b"`},
		{"nothing to crawl", "sources:\n  - name: a\n", `test.yaml:2: source "a" has nothing to crawl`},
		{"bad URL", "sources:\n  - name: a\n    feed: blog.example/feed\n", "test.yaml:3: feed: blog.example/feed: not an absolute http(s) URL"},
		{"bad scheme", "sources:\n  - name: a\n    url: ftp://a.example/x\n", "test.yaml:3: url: ftp://a.example/x: only http and https"},
		{"bad follow", "sources:\n  - name: a\n    url: https://a.example/\n    follow: some\n", `test.yaml:4: follow: want notices or all, not "some"`},
		{"duplicate", "sources:\n  - name: a\n    url: https://a.example/\n  - name: a\n    url: https://b.example/\n", `test.yaml:4: source "a" is already defined at line 2`},
		{"path and URL", "sources:\n  - name: a\n    url: https://a.example/\n    path: x/\n", "test.yaml:2: source \"a\": path cannot be mixed"},
		{"list of lists", "sources:\n  - name: a\n    feed: [[https://a.example/]]\n", "test.yaml:3: feed: want a string"},
		{"bad contact", "contact: me\nsources: []\n", "test.yaml:1: contact: want an http(s) URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSources("test.yaml", []byte(tt.yaml), "")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// Every error of a file is reported at once, each with its line.
func TestSourcesErrorsTogether(t *testing.T) {
	_, err := ParseSources("s.yaml", []byte("sources:\n  - name: a\n    feed: nope\n  - name: b\n    colour: red\n"), "")
	if err == nil || !strings.Contains(err.Error(), "s.yaml:3:") || !strings.Contains(err.Error(), "s.yaml:5:") {
		t.Errorf("err = %v, want errors at lines 3 and 5", err)
	}
}

func TestSourceForURL(t *testing.T) {
	s, err := SourceForURL("HTTPS://Blog.Example.jp")
	if err != nil || s.Name != "https://blog.example.jp/" || len(s.Entries) != 1 || s.Entries[0].Kind != KindSite {
		t.Errorf("SourceForURL = %+v, %v", s, err)
	}
	if _, err := SourceForURL("mailto:a@example.jp"); err == nil {
		t.Error("a mailto: URL was accepted")
	}
}
