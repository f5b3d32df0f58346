package parse

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/incidex/incidex/corpus"
)

// causeExtractor classifies the cause: every cue of lexicon/causes.tsv found
// in the notice (text or kagome base form) votes for its cause with its
// weight, more in the title and in a sentence about the 原因; a cue that is
// denied or hypothetical ("不正アクセスによるものではなく", "…を装ったメールにご注意")
// or that names a countermeasure ("誤送信防止") does not vote. The primary
// cause is the best-scored; another is kept when it is nearly as strong, or
// when the notice names it outright.
type causeExtractor struct{ lex *lexicons }

func (causeExtractor) Name() string { return "causes" }

const (
	causeMin       = 3.0  // a lone supporting word is not a cause
	secondaryRatio = 0.55 // a second cause must be this close to the first
	secondaryMin   = 6.0
	namesCause     = 4.0 // a cue this strong names the cause outright (フィッシング, 誤送信)
)

func (x causeExtractor) Extract(n *Notice, in *corpus.Incident) {
	titleEnd := titleLen(n, in)
	score := map[string]float64{}
	first := map[string]int{}
	evidence := map[string]Span{}
	named := map[string]bool{}
	for _, h := range x.lex.causes.find(n, 0, len(n.Text)) {
		if x.denied(n, h) {
			continue
		}
		w := h.cue.weight
		s := n.sentenceAt(h.start)
		switch {
		case h.start < titleEnd:
			w *= 3
		case strings.Contains(n.Text[s.Start:s.End], "原因"):
			w *= 2
		}
		id := h.cue.key
		if h.cue.weight >= namesCause {
			named[id] = true
		}
		if _, ok := first[id]; !ok {
			first[id] = h.start
			evidence[id] = s
		}
		score[id] += w
	}
	for _, c := range x.lex.implies.cues {
		specific, generic := c.key, c.text
		if score[generic] > 0 && (score[specific] >= 2*causeMin || (score[specific] >= causeMin && score[generic] < 2*score[specific])) {
			score[specific] += score[generic] / 2
			delete(score, generic)
		}
	}
	ids := make([]string, 0, len(score))
	for id, s := range score {
		if s >= causeMin {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(a, b int) bool {
		if score[ids[a]] != score[ids[b]] {
			return score[ids[a]] > score[ids[b]]
		}
		return first[ids[a]] < first[ids[b]]
	})
	if len(ids) == 0 {
		in.Causes = []string{corpus.CauseUnknown}
		return
	}
	keep := ids[:1]
	for _, id := range ids[1:] {
		if score[id] >= secondaryMin && (named[id] || score[id] >= secondaryRatio*score[ids[0]]) {
			keep = append(keep, id)
		}
	}
	in.Causes = keep
	for _, id := range keep {
		cite(in, n, "causes", id, evidence[id])
	}
}

// denied reports whether a cue is negated, hypothetical or part of a
// countermeasure, judged on the few words after it in its clause.
func (x causeExtractor) denied(n *Notice, h hit) bool {
	s := n.sentenceAt(h.start)
	end := h.end
	for k := 0; k < 25 && end < s.End; k++ {
		if strings.HasPrefix(n.Text[end:], "が、") || strings.HasPrefix(n.Text[end:], "、また") {
			break
		}
		_, size := utf8.DecodeRuneInString(n.Text[end:])
		end += size
	}
	for _, c := range x.lex.context.find(n, h.end, end) {
		switch c.cue.key {
		case "neg", "hypo":
			return true
		case "countermeasure":
			if c.start-h.end <= 9 { // "不正アクセス対策", "誤送信防止のため"
				return true
			}
		}
	}
	return false
}
