package parse

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/parse/jpnum"
)

// affectedExtractor reads how many people or records leaked or may have
// leaked. Each count with a counter for people or records is scored by what
// is said around it; staff, logins, money and the like are not victims.
// No count is null, never 0.
type affectedExtractor struct{ lex *lexicons }

func (affectedExtractor) Name() string { return "affected" }

// near returns the up to max runes of text before off, or after it when after is set.
func near(text string, off, max int, after bool) string {
	if after {
		e := off
		for k := 0; k < max && e < len(text); k++ {
			_, s := utf8.DecodeRuneInString(text[e:])
			e += s
		}
		return text[off:e]
	}
	s := off
	for k := 0; k < max && s > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(text[:s])
		s -= size
	}
	return text[s:off]
}

func (x affectedExtractor) unitWeight(unit string) float64 {
	for _, c := range x.lex.context.cues {
		if c.key == "unit" && c.text == unit {
			return c.weight
		}
	}
	return 0
}

// score rates a count as the headline number of victims; 0 means it is not one.
func (x affectedExtractor) score(n *Notice, c jpnum.Count, titleEnd int) float64 {
	uw := x.unitWeight(c.Unit)
	if uw == 0 {
		return 0
	}
	ctx := x.lex.context
	before := near(n.Text, c.Start, 10, false)
	after := near(n.Text, c.End, 8, true)
	local := Span{c.Start - len(before), c.End + len(after)}
	for _, h := range ctx.find(n, local.Start, local.End) {
		if h.cue.key == "nonvictim" {
			return 0
		}
	}
	s := n.sentenceAt(c.Start)
	found := map[string]bool{}
	for _, h := range ctx.find(n, s.Start, s.End) {
		found[h.cue.key] = true
	}
	score := uw
	if found["leak"] || found["possible"] {
		score += 2
	}
	if found["victim"] {
		score++
	}
	for _, h := range ctx.find(n, c.End, local.End) {
		if h.cue.key == "victim_next" && h.start == c.End {
			score += 2
			break
		}
	}
	for _, h := range ctx.find(n, local.Start, c.Start) {
		if h.cue.key == "total" {
			score += 2
			break
		}
	}
	if found["countermeasure"] && !found["leak"] {
		score -= 2
	}
	if c.Qualifier == "延べ" {
		score -= 3
	}
	if c.Start < titleEnd {
		score += 2
	}
	if !found["leak"] && !found["possible"] && !found["victim"] && c.Start >= titleEnd {
		return 0
	}
	return score
}

func (x affectedExtractor) Extract(n *Notice, in *corpus.Incident) {
	titleEnd := 0
	if in.Title != "" && strings.HasPrefix(n.Text, in.Title) {
		titleEnd = len(in.Title)
	}
	var best *jpnum.Count
	var bestScore float64
	for i := range n.Counts {
		c := &n.Counts[i]
		sc := x.score(n, *c, titleEnd)
		if sc <= 0 {
			continue
		}
		if best == nil || sc > bestScore || (sc == bestScore && c.Value > best.Value) {
			best, bestScore = c, sc
		}
	}
	if best == nil || best.Value == 0 {
		return
	}
	v := best.Value
	in.Affected = &v
	in.AffectedQualifier = best.Qualifier
	in.AffectedUnit = best.Unit
	cite(in, n, "affected", strconv.FormatInt(v, 10), n.sentenceAt(best.Start))
}
