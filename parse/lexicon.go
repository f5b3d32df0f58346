package parse

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The cue lexicons are knowledge, kept as data: one file per field, one cue a
// line. A new cause or data type is an edit there, not here.
//
//go:embed lexicon/*.tsv
var lexiconFS embed.FS

// A cue is a word or phrase that signals a value. Text cues match the
// width-folded notice text anywhere; cues written "base:X" match a kagome
// token whose base form is X, so one cue covers every inflection of a verb.
type cue struct {
	key    string  // the value it signals: a cause id, a data-type id, a role
	weight float64 // how strongly; 1 when the file gives none
	text   string
	base   bool
}

// lexicon is one loaded cue file with an index for matching.
type lexicon struct {
	cues   []cue
	byRune map[rune][]int      // text cues by first rune, longest first
	byBase map[string][]int    // base-form cues by base form
	byKey  map[string][]string // cue texts by key, in file order
	// overlap lets matches overlap: the context cues are of many kinds,
	// and "を確認" (data acted on) must not hide "確認" (a discovery).
	overlap bool
}

// hit is one cue found in a text.
type hit struct {
	cue        *cue
	start, end int // byte offsets in the notice text
}

// loadLexicon reads lexicon/<name>.tsv: "key<TAB>cue" or
// "key<TAB>weight<TAB>cue" lines; '#' starts a comment.
func loadLexicon(name string) (*lexicon, error) {
	b, err := lexiconFS.ReadFile("lexicon/" + name + ".tsv")
	if err != nil {
		return nil, fmt.Errorf("lexicon %s: %w", name, err)
	}
	lx := &lexicon{byRune: map[rune][]int{}, byBase: map[string][]int{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		c := cue{key: strings.TrimSpace(f[0]), weight: 1}
		switch len(f) {
		case 2:
			c.text = f[1]
		case 3:
			w, err := strconv.ParseFloat(strings.TrimSpace(f[1]), 64)
			if err != nil {
				return nil, fmt.Errorf("lexicon %s:%d: weight: %w", name, n, err)
			}
			c.weight, c.text = w, f[2]
		default:
			return nil, fmt.Errorf("lexicon %s:%d: want 2 or 3 tab-separated fields", name, n)
		}
		c.text = strings.TrimSpace(c.text)
		if t, ok := strings.CutPrefix(c.text, "base:"); ok {
			c.text, c.base = t, true
		}
		if c.key == "" || c.text == "" {
			return nil, fmt.Errorf("lexicon %s:%d: empty field", name, n)
		}
		lx.cues = append(lx.cues, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon %s: %w", name, err)
	}
	lx.byKey = map[string][]string{}
	for i, c := range lx.cues {
		lx.byKey[c.key] = append(lx.byKey[c.key], c.text)
		if c.base {
			lx.byBase[c.text] = append(lx.byBase[c.text], i)
			continue
		}
		r, _ := utf8.DecodeRuneInString(c.text)
		lx.byRune[r] = append(lx.byRune[r], i)
	}
	for _, idx := range lx.byRune {
		sort.SliceStable(idx, func(a, b int) bool { return len(lx.cues[idx[a]].text) > len(lx.cues[idx[b]].text) })
	}
	return lx, nil
}

// find returns the cues in text[start:end], in order. The whole notice is
// scanned once per lexicon and kept, as every extractor asks about many
// small spans of it.
func (lx *lexicon) find(n *Notice, start, end int) []hit {
	all, ok := n.hits[lx]
	if !ok {
		all = lx.scan(n, 0, len(n.Text))
		if n.hits == nil {
			n.hits = map[*lexicon][]hit{}
		}
		n.hits[lx] = all
	}
	i := sort.Search(len(all), func(i int) bool { return all[i].start >= start })
	j := i
	for j < len(all) && all[j].start < end {
		j++
	}
	out := all[i:j:j]
	for k, h := range out {
		if h.end > end { // a cue running past the span: filter into a copy
			kept := append([]hit(nil), out[:k]...)
			for _, h := range out[k+1:] {
				if h.end <= end {
					kept = append(kept, h)
				}
			}
			return kept
		}
	}
	return out
}

// scan returns the cues in text[start:end], in order. At one position only
// the longest text cue counts, so "クレジットカード番号" is not also "番号";
// a word listed under several keys is returned once for each. A lexicon
// that allows overlaps returns every cue found at a position.
func (lx *lexicon) scan(n *Notice, start, end int) []hit {
	var hits []hit
	s := n.Text
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(s[i:])
		next := i + size
		matched := ""
		var keys []string // keys found at i: a key counts once, with its longest cue
		for _, ci := range lx.byRune[r] {
			c := &lx.cues[ci]
			if matched != "" {
				same := c.text == matched
				if !same && !lx.overlap {
					break
				}
				if !same && (!strings.HasPrefix(s[i:], c.text) || i+len(c.text) > end || slices.Contains(keys, c.key)) {
					continue
				}
				hits = append(hits, hit{c, i, i + len(c.text)}) // the same word under another key
				keys = append(keys, c.key)
				continue
			}
			if i+len(c.text) <= end && strings.HasPrefix(s[i:], c.text) {
				hits = append(hits, hit{c, i, i + len(c.text)})
				matched = c.text
				keys = append(keys, c.key)
				if !lx.overlap {
					next = i + len(c.text)
				}
			}
		}
		i = next
	}
	if len(lx.byBase) > 0 {
		for _, t := range n.tokensIn(start, end) {
			for _, ci := range lx.byBase[t.Base] {
				hits = append(hits, hit{&lx.cues[ci], t.Start, t.End})
			}
		}
		sort.SliceStable(hits, func(a, b int) bool { return hits[a].start < hits[b].start })
	}
	return hits
}

// words returns the cue texts listed under key.
func (lx *lexicon) words(key string) []string { return lx.byKey[key] }

// hasSuffix reports whether s ends with a cue listed under key.
func (lx *lexicon) hasSuffix(s, key string) bool {
	for _, w := range lx.byKey[key] {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// hasPrefixAt reports whether s starts with a cue listed under key.
func (lx *lexicon) hasPrefixAt(s, key string) bool {
	for _, w := range lx.byKey[key] {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// has reports whether any cue with the key occurs in text[start:end].
func (lx *lexicon) has(n *Notice, start, end int, key string) bool {
	for _, h := range lx.find(n, start, end) {
		if h.cue.key == key {
			return true
		}
	}
	return false
}

// lexicons are all the cue files, loaded once per Analyzer.
type lexicons struct {
	causes, dataTypes, context, orgs, wrap, implies *lexicon
}

func loadLexicons() (*lexicons, error) {
	var l lexicons
	for _, f := range []struct {
		name string
		dst  **lexicon
	}{
		{"causes", &l.causes},
		{"datatypes", &l.dataTypes},
		{"context", &l.context},
		{"orgs", &l.orgs},
		{"wrap", &l.wrap},
		{"implies", &l.implies},
	} {
		lx, err := loadLexicon(f.name)
		if err != nil {
			return nil, err
		}
		*f.dst = lx
	}
	l.context.overlap = true
	return &l, nil
}
