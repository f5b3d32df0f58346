package crawl

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// builtinSources is the default sources file, used when the data directory
// has none and under it when it has one.
//
//go:embed sources.yaml
var builtinSources []byte

// BuiltinSources returns the built-in sources file's text.
func BuiltinSources() []byte { return slices.Clone(builtinSources) }

// Kind is what an entry point of a source is.
type Kind string

// Entry kinds. Pages are what a crawl captures; the others lead to pages.
const (
	KindFeed    Kind = "feed"    // RSS, Atom or Blogger JSON; its next pages are followed
	KindListing Kind = "listing" // HTML list of notices with pagination
	KindSitemap Kind = "sitemap" // sitemap or sitemap index
	KindPage    Kind = "url"     // a single page
	KindSite    Kind = "site"    // a bare address: discover sitemaps, feeds, pagination
)

// Entry is one URL a source starts from.
type Entry struct {
	Kind Kind
	URL  string
}

// Source is a named place notices come from.
type Source struct {
	Name      string
	About     string
	Entries   []Entry
	Paths     []string // local files or directories, ingested as they are
	FollowAll bool     // follow every link of feeds, listings and sitemaps
	Hosts     []string // other hosts whose pages may be fetched
	Disabled  bool
	Origin    string // where it was defined: "built-in:3" or "/data/sources.yaml:12"
}

// Sources is a sources file: the sources and the crawler's contact URL.
type Sources struct {
	Contact string
	List    []Source
}

// Lookup returns the source called name.
func (s *Sources) Lookup(name string) (Source, bool) {
	for _, src := range s.List {
		if src.Name == name {
			return src, true
		}
	}
	return Source{}, false
}

// LoadSources reads the built-in sources and then, if path names a file
// that exists, the user's: a source of the same name replaces the built-in
// one. Errors name the file and line.
func LoadSources(path string) (*Sources, error) {
	out, err := ParseSources("built-in sources.yaml", builtinSources, "")
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	user, err := ParseSources(path, b, filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	if user.Contact != "" {
		out.Contact = user.Contact
	}
	for _, s := range user.List {
		i := slices.IndexFunc(out.List, func(b Source) bool { return b.Name == s.Name })
		if i >= 0 {
			out.List[i] = s
		} else {
			out.List = append(out.List, s)
		}
	}
	return out, nil
}

var sourceName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// ParseSources parses a sources file; file names it in errors and dir is
// where relative paths start.
func ParseSources(file string, data []byte, dir string) (*Sources, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	out := &Sources{}
	if len(doc.Content) == 0 {
		return out, nil // an empty file
	}
	p := &sourcesParser{file: file, dir: dir}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, p.errorf(root, "want a mapping with a sources: list")
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "contact":
			if u, err := ParseURL(v.Value); err != nil || v.Kind != yaml.ScalarNode {
				p.errorf(v, "contact: want an http(s) URL")
			} else {
				out.Contact = u.String()
			}
		case "sources":
			if v.Kind != yaml.SequenceNode {
				p.errorf(v, "sources: want a list")
				continue
			}
			for _, n := range v.Content {
				s, ok := p.source(n)
				if !ok {
					continue
				}
				if line, dup := seen[s.Name]; dup {
					p.errorf(n, "source %q is already defined at line %d", s.Name, line)
					continue
				}
				seen[s.Name] = n.Line
				out.List = append(out.List, s)
			}
		default:
			p.errorf(k, "unknown key %q (want contact or sources)", k.Value)
		}
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return out, nil
}

type sourcesParser struct {
	file, dir string
	errs      []error
}

func (p *sourcesParser) errorf(n *yaml.Node, format string, args ...any) error {
	err := fmt.Errorf("%s:%d: %s", p.file, n.Line, fmt.Sprintf(format, args...))
	p.errs = append(p.errs, err)
	return err
}

// source reads one source mapping, recording its errors.
func (p *sourcesParser) source(n *yaml.Node) (Source, bool) {
	s := Source{Origin: p.file + ":" + strconv.Itoa(n.Line)}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "a source is a mapping (name:, feed: …)")
		return s, false
	}
	before := len(p.errs)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "name":
			s.Name = v.Value
			if !sourceName.MatchString(s.Name) {
				p.errorf(v, "name %q: use letters, digits, '.', '_' and '-'", s.Name)
			}
		case "about":
			s.About = v.Value
		case "feed", "listing", "sitemap", "url", "site":
			for _, u := range p.strings(k.Value, v) {
				if pu, err := ParseURL(u.Value); err != nil {
					p.errorf(u, "%s: %v", k.Value, err)
				} else {
					s.Entries = append(s.Entries, Entry{Kind: Kind(k.Value), URL: pu.String()})
				}
			}
		case "path":
			for _, v := range p.strings(k.Value, v) {
				path := v.Value
				if !filepath.IsAbs(path) && p.dir != "" {
					path = filepath.Join(p.dir, path)
				}
				s.Paths = append(s.Paths, path)
			}
		case "follow":
			switch v.Value {
			case "all":
				s.FollowAll = true
			case "notices":
			default:
				p.errorf(v, "follow: want notices or all, not %q", v.Value)
			}
		case "hosts":
			for _, h := range p.strings(k.Value, v) {
				s.Hosts = append(s.Hosts, h.Value)
			}
		case "disabled":
			b, err := strconv.ParseBool(v.Value)
			if err != nil || v.Kind != yaml.ScalarNode {
				p.errorf(v, "disabled: want true or false")
			}
			s.Disabled = b
		default:
			p.errorf(k, "unknown key %q (want name, about, feed, listing, sitemap, url, site, path, follow, hosts or disabled)", k.Value)
		}
	}
	switch {
	case s.Name == "":
		p.errorf(n, "a source needs a name")
	case len(s.Entries) == 0 && len(s.Paths) == 0 && !s.Disabled:
		p.errorf(n, "source %q has nothing to crawl: give feed, listing, sitemap, url, site or path", s.Name)
	case len(s.Entries) > 0 && len(s.Paths) > 0:
		p.errorf(n, "source %q: path cannot be mixed with web entries; make it a source of its own", s.Name)
	}
	return s, len(p.errs) == before
}

// strings reads a scalar or a list of scalars.
func (p *sourcesParser) strings(key string, v *yaml.Node) []*yaml.Node {
	switch v.Kind {
	case yaml.ScalarNode:
		return []*yaml.Node{v}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				p.errorf(c, "%s: want a string", key)
				continue
			}
			out = append(out, c)
		}
		return out
	}
	p.errorf(v, "%s: want a string or a list of strings", key)
	return nil
}

// SourceForURL is the source of a URL given on the command line: the site
// is discovered from it (its name is the URL).
func SourceForURL(raw string) (Source, error) {
	u, err := ParseURL(raw)
	if err != nil {
		return Source{}, err
	}
	return Source{Name: u.String(), Entries: []Entry{{Kind: KindSite, URL: u.String()}}, Origin: "command line"}, nil
}

// allows reports whether a page on host may be fetched for the source.
func (s *Source) allows(host string) bool {
	for _, e := range s.Entries {
		if u, err := ParseURL(e.URL); err == nil && sameSite(u.Host, host) {
			return true
		}
	}
	for _, h := range s.Hosts {
		if sameSite(h, host) {
			return true
		}
	}
	return false
}
