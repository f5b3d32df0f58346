package noticegen

import (
	"embed"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
)

//go:embed fragments/*.txt
var fragmentFS embed.FS

// An alt is one alternative of a fragment section. An alternative with
// tags fits only incidents that carry one of them (a mode such as "bcc",
// the kind of medium, "via"); one without fits all.
type alt struct {
	tags []string
	text string
}

// fragments maps a section name to its alternatives.
type fragments map[string][]alt

// loadFragments reads every fragments/*.txt file. A line "[name]" starts a
// section; each following non-blank line not starting with "#" is one
// alternative, optionally led by "<tag,tag> ", in which a literal \n
// stands for a line break.
var loadFragments = sync.OnceValues(func() (fragments, error) {
	f := fragments{}
	names, err := fs.Glob(fragmentFS, "fragments/*.txt")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		b, err := fragmentFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		sec := ""
		for n, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			switch {
			case line == "" || strings.HasPrefix(line, "#"):
			case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
				sec = line[1 : len(line)-1]
				if _, dup := f[sec]; dup {
					return nil, fmt.Errorf("%s:%d: section %q defined twice", name, n+1, sec)
				}
				f[sec] = nil
			case sec == "":
				return nil, fmt.Errorf("%s:%d: text outside a section", name, n+1)
			default:
				var a alt
				if strings.HasPrefix(line, "<") {
					end := strings.Index(line, ">")
					if end < 0 {
						return nil, fmt.Errorf("%s:%d: unclosed tag", name, n+1)
					}
					a.tags = strings.Split(line[1:end], ",")
					line = strings.TrimSpace(line[end+1:])
				}
				a.text = strings.ReplaceAll(line, `\n`, "\n")
				f[sec] = append(f[sec], a)
			}
		}
	}
	return f, nil
})

// An expander fills fragments for one notice: {name} is a variable (or,
// when no variable has that name, a pick from the section of that name),
// {@name} a pick from a section, {a|b|c} an inline choice.
type expander struct {
	r    *rand.Rand
	f    fragments
	vars map[string]string
	tags []string // tags of the incident; see alt
}

// fits reports whether alternative a fits the expander's tags.
func (e *expander) fits(a alt) bool {
	if len(a.tags) == 0 {
		return true
	}
	for _, t := range a.tags {
		if slices.Contains(e.tags, t) {
			return true
		}
	}
	return false
}

// candidates returns the alternatives of sec that fit.
func (e *expander) candidates(sec string) []alt {
	alts := e.f[sec]
	for _, a := range alts {
		if len(a.tags) > 0 {
			var out []alt
			for _, a := range alts {
				if e.fits(a) {
					out = append(out, a)
				}
			}
			return out
		}
	}
	return alts
}

// has reports whether section sec has an alternative that fits.
func (e *expander) has(sec string) bool { return len(e.candidates(sec)) > 0 }

// pickAlt chooses a fitting alternative of sec, not yet expanded.
func (e *expander) pickAlt(sec string) alt {
	alts := e.candidates(sec)
	if len(alts) == 0 {
		panic(fmt.Sprintf("noticegen: no fragment in section %s for tags %v", sec, e.tags))
	}
	return alts[e.r.IntN(len(alts))]
}

// pick expands a fitting alternative of section sec chosen at random.
func (e *expander) pick(sec string) string { return e.expand(e.pickAlt(sec).text) }

// pickAny expands any alternative of sec, whatever its tags.
func (e *expander) pickAny(sec string) string {
	alts := e.f[sec]
	return e.expand(alts[e.r.IntN(len(alts))].text)
}

// pickOr picks from sec when it has a fitting alternative, else from fallback.
func (e *expander) pickOr(sec, fallback string) string {
	if e.has(sec) {
		return e.pick(sec)
	}
	return e.pick(fallback)
}

// picks returns up to n distinct fitting alternatives of sec, expanded.
func (e *expander) picks(sec string, n int) []string {
	alts := e.candidates(sec)
	idx := e.r.Perm(len(alts))
	out := make([]string, min(n, len(idx)))
	for k := range out {
		out[k] = e.expand(alts[idx[k]].text)
	}
	return out
}

// expand fills the placeholders of s.
func (e *expander) expand(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			panic("noticegen: unclosed placeholder in " + s)
		}
		b.WriteString(s[:i])
		b.WriteString(e.value(s[i+1 : i+j]))
		s = s[i+j+1:]
	}
}

// value resolves one placeholder key.
func (e *expander) value(key string) string {
	switch {
	case strings.HasPrefix(key, "@"):
		return e.pick(key[1:])
	case strings.Contains(key, "|"):
		alts := strings.Split(key, "|")
		return e.expand(alts[e.r.IntN(len(alts))])
	}
	if v, ok := e.vars[key]; ok {
		return v
	}
	if _, ok := e.f[key]; ok {
		return e.pick(key)
	}
	panic("noticegen: unknown placeholder {" + key + "}")
}

// set assigns variables in pairs: name, value, name, value …
func (e *expander) set(kv ...string) {
	for k := 0; k+1 < len(kv); k += 2 {
		e.vars[kv[k]] = kv[k+1]
	}
}
