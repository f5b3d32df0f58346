package index

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/incidex/incidex/corpus"
)

// compounds are the words the tokenizer keeps whole however the dictionary
// splits them (誤送信 is 誤/送信 to IPADIC), by first rune, longest first.
type compounds map[rune][]string

func newCompounds(words []string) compounds {
	c := compounds{}
	seen := map[string]bool{}
	for _, w := range words {
		w = foldWidth(strings.TrimSpace(w)).text
		if w == "" || seen[w] {
			continue
		}
		seen[w] = true
		r, _ := utf8.DecodeRuneInString(w)
		c[r] = append(c[r], w)
	}
	for _, ws := range c {
		sort.Slice(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	}
	return c
}

// join returns the index of the last of the tokens from toks[i] on that
// spell one of the words, when there are two or more of them.
func (c compounds) join(text string, toks []corpus.Token, i int) (int, bool) {
	rest := text[toks[i].Start:]
	r, _ := utf8.DecodeRuneInString(rest)
	for _, w := range c[r] {
		if !strings.HasPrefix(rest, w) {
			continue
		}
		end := toks[i].Start + len(w)
		for j := i + 1; j < len(toks) && toks[j].Start < end; j++ {
			if toks[j].End == end {
				return j, true
			}
		}
	}
	return 0, false
}
