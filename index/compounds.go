package index

import (
	"slices"
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

// has reports whether w is one of the words.
func (c compounds) has(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	for _, x := range c[r] {
		if x == w {
			return true
		}
	}
	return false
}

// spot returns where text holds one of the words outside the spans where
// one was emitted whole (so ランサム inside ランサムウェア is not counted
// again), in text order.
func (c compounds) spot(text string, whole []span) []span {
	var out []span
	for _, ws := range c {
		for _, w := range ws {
			for at := 0; ; {
				i := strings.Index(text[at:], w)
				if i < 0 {
					break
				}
				sp := span{at + i, at + i + len(w)}
				if !slices.ContainsFunc(whole, func(s span) bool { return s.start <= sp.start && sp.end <= s.end }) {
					out = append(out, sp)
				}
				at = sp.end
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].start < out[j].start || out[i].start == out[j].start && out[i].end > out[j].end
	})
	// A shorter word inside a longer one spotted at the same place: once.
	kept := out[:0]
	for _, sp := range out {
		if n := len(kept); n > 0 && sp.end <= kept[n-1].end {
			continue
		}
		kept = append(kept, sp)
	}
	return kept
}
