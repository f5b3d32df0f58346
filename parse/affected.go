package parse

import (
	"sort"
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
	// What the count is of: the words right after it ("15名のお客様",
	// "89件のメールアドレス") or right before it ("職員7名").
	ofVictims, ofData := false, false
	after := near(n.Text, c.End, 8, true)
	for _, h := range ctx.find(n, c.End, c.End+len(after)) {
		if h.cue.key == "victim_next" && h.start == c.End {
			ofVictims = true
		}
	}
	if strings.HasPrefix(after, "の") {
		for _, h := range x.lex.dataTypes.find(n, c.End+len("の"), c.End+len(after)) {
			if h.start == c.End+len("の") && h.cue.weight >= 1 {
				ofData = true
			}
		}
	}
	if !ofVictims && !ofData && x.ofNonVictims(n, c) {
		return 0
	}
	s := n.sentenceAt(c.Start)
	// A short line or list item is read with the short lines that lead it.
	if utf8.RuneCountInString(n.Text[s.Start:s.End]) < 40 {
		s.Start = leadStart(n, s.Start, 3)
	}
	found := map[string]bool{}
	for _, h := range ctx.find(n, s.Start, s.End) {
		found[h.cue.key] = true
	}
	total := x.isTotal(n, c, s)
	score := uw
	if found["leak"] || found["possible"] {
		score += 2
	}
	if found["victim"] {
		score++
	}
	if ofVictims {
		score += 2
	}
	if ofData {
		score += 3
	}
	if total { // a stated total is the headline number
		score += 4
	}
	if found["countermeasure"] && !found["leak"] {
		score -= 2
	}
	// "205件から176件に変更": the figure before から is the old one.
	if rest := strings.TrimLeft(after, "分 "); strings.HasPrefix(rest, "から") || strings.HasPrefix(rest, "より") {
		for _, o := range n.Counts {
			if o.Start > c.End && o.Start-c.End <= 24 && o.Unit == c.Unit {
				score -= 3
				break
			}
		}
	}
	switch {
	case c.Qualifier == "延べ":
		score -= 3
	case c.Qualifier == "以上" && c.Value < 10: // "2名以上": a lower bound, not a count
		score -= 4
	}
	if c.Start < titleEnd {
		score += 2
	}
	if !found["leak"] && !found["possible"] && !found["victim"] && !total && !ofData && !ofVictims && c.Start >= titleEnd {
		return 0
	}
	return score
}

// isTotal reports a count marked as a total ("合計 1,035件", "計837名") that
// is not smaller than another count beside it, as a flattened table's
// header "合計" over its first column would be.
func (x affectedExtractor) isTotal(n *Notice, c jpnum.Count, s Span) bool {
	marked := false
	for _, h := range x.lex.context.find(n, c.Start-len(near(n.Text, c.Start, 4, false)), c.Start) {
		marked = marked || h.cue.key == "total"
	}
	if !marked {
		return false
	}
	i := sort.Search(len(n.Counts), func(i int) bool { return n.Counts[i].Start >= s.Start })
	for ; i < len(n.Counts) && n.Counts[i].End <= s.End; i++ {
		if o := n.Counts[i]; o.Unit == c.Unit && o.Value > c.Value {
			return false
		}
	}
	return true
}

// ofNonVictims reports a count of staff, logins, money and the like: a
// nonvictim word right before the count ("職員7名", "従事者(当時)1名",
// "報告が2件") or just after it ("730名の当社社員", "2件連絡").
func (x affectedExtractor) ofNonVictims(n *Notice, c jpnum.Count) bool {
	before := near(n.Text, c.Start, 40, false)
	after := near(n.Text, c.End, 5, true)
	for _, h := range x.lex.context.find(n, c.Start-len(before), c.End+len(after)) {
		if h.cue.key != "nonvictim" {
			continue
		}
		if h.start >= c.End && utf8.RuneCountInString(n.Text[c.End:h.start]) <= 3 {
			return true
		}
		if h.end <= c.Start {
			gap := stripParens(n.Text[h.end:c.Start])
			if !strings.Contains(gap, "、") && utf8.RuneCountInString(gap) <= 3 {
				return true
			}
		}
	}
	return false
}

func (x affectedExtractor) Extract(n *Notice, in *corpus.Incident) {
	titleEnd := titleLen(n, in)
	var best *jpnum.Count
	var bestScore float64
	seen := map[int64]int{}
	for _, c := range n.Counts {
		seen[c.Value]++
	}
	for i := range n.Counts {
		c := &n.Counts[i]
		sc := x.score(n, *c, titleEnd)
		if sc <= 0 {
			continue
		}
		if seen[c.Value] > 1 { // the headline number is usually repeated
			sc++
		}
		if best == nil || sc > bestScore || (sc == bestScore && c.Value > best.Value) {
			best, bestScore = c, sc
		}
	}
	if best == nil || best.Value == 0 {
		return
	}
	v, span := best.Value, n.sentenceAt(best.Start)
	if parts := x.parts(n, *best); len(parts) > 1 {
		v = 0
		for _, p := range parts {
			v += p.Value
		}
		span = Span{parts[0].Start, parts[len(parts)-1].End}
	}
	in.Affected = &v
	in.AffectedQualifier = best.Qualifier
	in.AffectedUnit = best.Unit
	cite(in, n, "affected", strconv.FormatInt(v, 10), span)
}

// parts returns the counts of the list best is an item of, when the notice
// lists parts of the victims without a total ("・取引先の情報 467件
// ・社員の情報 568件"): one count per item, in one unit, not all equal —
// equal counts per item are one population described item by item, and
// are never summed.
func (x affectedExtractor) parts(n *Notice, best jpnum.Count) []jpnum.Count {
	lines := n.Lines
	at := sort.Search(len(lines), func(i int) bool { return lines[i].End >= best.End })
	if at == len(lines) || !isItem(n.Text[lines[at].Start:lines[at].End]) {
		return nil
	}
	// Siblings share the item mark; indented or parenthesized lines between
	// them continue an item.
	mark, _ := utf8.DecodeRuneInString(strings.TrimLeft(n.Text[lines[at].Start:lines[at].End], " "))
	sibling := func(i int) bool {
		r, _ := utf8.DecodeRuneInString(n.Text[lines[i].Start:lines[i].End])
		return r == mark
	}
	continuation := func(i int) bool {
		l := n.Text[lines[i].Start:lines[i].End]
		return strings.HasPrefix(l, " ") || strings.HasPrefix(l, "(")
	}
	first, last := at, at
	for first > 0 && (sibling(first-1) || continuation(first-1)) {
		first--
	}
	for last+1 < len(lines) && (sibling(last+1) || continuation(last+1)) {
		last++
	}
	var parts []jpnum.Count
	distinct := false
	for i := first; i <= last; i++ {
		l := lines[i]
		if !sibling(i) {
			continue
		}
		var in []jpnum.Count
		for _, c := range n.Counts {
			if c.Start >= l.Start && c.End <= l.End && c.Unit == best.Unit {
				in = append(in, c)
			}
		}
		if len(in) != 1 || x.ofNonVictims(n, in[0]) {
			return nil
		}
		distinct = distinct || in[0].Value != best.Value
		parts = append(parts, in[0])
	}
	for _, c := range n.Counts { // a stated total elsewhere is the number
		if c.Unit == best.Unit && x.isTotal(n, c, n.sentenceAt(c.Start)) {
			return nil
		}
	}
	if !distinct {
		return nil
	}
	return parts
}

// leadStart returns where the up to max short lines before off begin: the
// heading and lead-in of a list item.
func leadStart(n *Notice, off, max int) int {
	start := off
	i := n.lineOf(off)
	if i >= 0 && n.Lines[i].Start < off {
		start = n.Lines[i].Start
	}
	for k := 1; k <= max && i-k >= 0; k++ {
		l := n.Lines[i-k]
		if !runesAtMost(n.Text[l.Start:l.End], 59) {
			break
		}
		start = l.Start
	}
	return start
}
