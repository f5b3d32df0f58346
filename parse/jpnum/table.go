package jpnum

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

//go:embed counters.tsv
var countersTSV string

// vocab is the vocabulary loaded from counters.tsv. It is built once at
// package initialisation and only read afterwards, so Counts is safe for
// concurrent use.
var vocab = mustLoadVocabulary(countersTSV)

// word is one surface form with what it normalizes to.
type word struct {
	surface string
	norm    string
	rank    int // qualifiers only: lower means more informative
}

// vocabulary holds the rows of counters.tsv grouped by kind. Every slice
// of words is sorted longest surface first so that the first match is the
// longest one.
type vocabulary struct {
	counters  []word
	pre       []word
	post      []word
	notPre    []string
	compounds []string
	after     []string
	noPrefix  map[rune]bool
}

// mustLoadVocabulary panics only if the embedded file is malformed, which
// is a build defect caught by the tests, never a property of the input.
func mustLoadVocabulary(data string) *vocabulary {
	v, err := loadVocabulary(data)
	if err != nil {
		panic("jpnum: counters.tsv: " + err.Error())
	}
	return v
}

func loadVocabulary(data string) (*vocabulary, error) {
	v := &vocabulary{noPrefix: make(map[rune]bool)}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || f[1] == "" {
			return nil, fmt.Errorf("line %d: want kind<TAB>surface", n+1)
		}
		kind, surface := f[0], f[1]
		switch kind {
		case "counter":
			if len(f) != 3 || f[2] == "" {
				return nil, fmt.Errorf("line %d: counter needs a normalized form", n+1)
			}
			v.counters = append(v.counters, word{surface: surface, norm: f[2]})
		case "pre", "post":
			if len(f) != 4 || f[2] == "" {
				return nil, fmt.Errorf("line %d: qualifier needs a normalized form and a rank", n+1)
			}
			rank, err := strconv.Atoi(f[3])
			if err != nil {
				return nil, fmt.Errorf("line %d: bad rank: %v", n+1, err)
			}
			w := word{surface: surface, norm: f[2], rank: rank}
			if kind == "pre" {
				v.pre = append(v.pre, w)
			} else {
				v.post = append(v.post, w)
			}
		case "notpre":
			v.notPre = append(v.notPre, surface)
		case "compound":
			v.compounds = append(v.compounds, surface)
		case "after":
			v.after = append(v.after, surface)
		case "noprefix":
			r, size := utf8.DecodeRuneInString(surface)
			if size != len(surface) || r == utf8.RuneError {
				return nil, fmt.Errorf("line %d: noprefix must be one character", n+1)
			}
			v.noPrefix[r] = true
		default:
			return nil, fmt.Errorf("line %d: unknown kind %q", n+1, kind)
		}
	}
	if len(v.counters) == 0 {
		return nil, fmt.Errorf("no counters")
	}
	for _, ws := range [][]word{v.counters, v.pre, v.post} {
		sort.SliceStable(ws, func(i, j int) bool { return len(ws[i].surface) > len(ws[j].surface) })
	}
	return v, nil
}
