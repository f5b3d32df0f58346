package parse

import (
	"strings"
	"unicode/utf8"

	"github.com/incidex/incidex/corpus"
)

// organizationExtractor finds the issuing organization: from an aggregator
// heading, a signature block, or a sentence with the organization as
// subject ("株式会社○○は、当社が…", "○○市は4月13日、…と発表した").
// A vendor the notice names is never the subject of its opening sentences
// nor its signature, which is why those places are read and no others.
type organizationExtractor struct{ lex *lexicons }

func (organizationExtractor) Name() string { return "organization" }

func (x organizationExtractor) Extract(n *Notice, in *corpus.Incident) {
	if n.HeadOrg != "" {
		in.Organization = n.HeadOrg
		if i := strings.Index(n.Heading, n.HeadOrg); i >= 0 {
			in.Evidence = append(in.Evidence, corpus.Evidence{Field: "organization", Value: n.HeadOrg, Start: -1, End: -1, Quote: n.Heading})
		}
		return
	}
	for _, find := range []func(*Notice) (string, Span){x.signature, x.subject, x.titleOrg} {
		if org, s := find(n); org != "" {
			in.Organization = org
			cite(in, n, "organization", org, s)
			return
		}
	}
}

// signature looks for a line that is only an organization name (with a
// head's title and name after it) near the top or the bottom of the notice.
func (x organizationExtractor) signature(n *Notice) (string, Span) {
	lines := lineSpans(n.Text)
	try := func(i int) (string, Span) {
		l := lines[i]
		line := strings.TrimSpace(n.Text[l.Start:l.End])
		if utf8.RuneCountInString(line) > 50 || strings.ContainsAny(line, "。、「") {
			return "", Span{}
		}
		f := strings.Fields(line)
		for k := 1; k <= len(f); k++ {
			cand := x.stripHead(strings.Join(f[:k], " "))
			if x.lex.orgName(cand) {
				return cand, l
			}
		}
		return "", Span{}
	}
	for i := 1; i < len(lines) && i < 8; i++ {
		if org, s := try(i); org != "" {
			return org, s
		}
	}
	for i := len(lines) - 1; i >= 8 && i >= len(lines)-8; i-- {
		if org, s := try(i); org != "" {
			return org, s
		}
	}
	return "", Span{}
}

// stripHead removes a head's title: "横手市長" → "横手市".
func (x organizationExtractor) stripHead(s string) string {
	for _, c := range x.lex.orgs.cues {
		if t, ok := strings.CutSuffix(s, c.text); ok && c.key == "head" && x.lex.orgName(t) {
			return strings.TrimSpace(t)
		}
	}
	return s
}

// subject finds "ORGは、" opening one of the first sentences.
func (x organizationExtractor) subject(n *Notice) (string, Span) {
	for i, s := range n.Sentences {
		if i >= 6 {
			break
		}
		text := n.Text[s.Start:s.End]
		j := strings.Index(text, "は")
		if j <= 0 {
			continue
		}
		cand := stripParens(strings.TrimSpace(text[:j]))
		cand = strings.TrimPrefix(cand, "この度、")
		cand = strings.TrimPrefix(cand, "このたび、")
		if x.lex.orgName(cand) {
			return cand, Span{s.Start, s.Start + j}
		}
	}
	return "", Span{}
}

// titleOrg takes an organization named at the start of the title, as news
// headlines write it: "○○市、職員が…", "東京大学情報基盤センター管理の…".
func (x organizationExtractor) titleOrg(n *Notice) (string, Span) {
	title := n.Title
	if title == "" {
		first, _, _ := strings.Cut(n.Text, "\n")
		title = first
	}
	if title == "" {
		return "", Span{}
	}
	if j := strings.IndexAny(title, "、 "); j > 0 && x.lex.orgName(title[:j]) {
		return title[:j], Span{0, j}
	}
	// The longest leading run of organization-name tokens.
	off := strings.Index(n.Text, title)
	if off < 0 {
		return "", Span{}
	}
	end := off
	for _, t := range n.tokensIn(off, off+len(title)) {
		if t.Start != end || !strings.HasPrefix(t.POS, "名詞-固有名詞") {
			break
		}
		end = t.End
		if t.Sub == "組織" {
			cand := n.Text[off:end]
			if x.lex.orgName(cand) {
				return cand, Span{off, end}
			}
		}
	}
	return "", Span{}
}

// orgName reports whether s reads as an organization's name.
func (l *lexicons) orgName(s string) bool {
	s = strings.TrimSpace(s)
	r := utf8.RuneCountInString(s)
	if r < 2 || r > 40 || strings.ContainsAny(s, "。、「」『』:") {
		return false
	}
	for _, c := range l.orgs.cues {
		switch c.key {
		case "legal":
			if strings.Contains(s, c.text) && s != c.text {
				return true
			}
		case "prefix":
			if strings.HasPrefix(s, c.text) && r > utf8.RuneCountInString(c.text)+1 {
				return true
			}
		case "suffix":
			if strings.HasSuffix(s, c.text) && r > utf8.RuneCountInString(c.text) {
				return true
			}
		case "self":
			if s == c.text {
				return false
			}
		}
	}
	return false
}

// stripParens removes parenthesized asides: "学校法人○○(所在地、理事長 …)".
func stripParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '（':
			depth++
		case ')', '）':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// lineSpans returns the non-blank lines of text.
func lineSpans(text string) []Span {
	var out []Span
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			if strings.TrimSpace(text[start:i]) != "" {
				out = append(out, Span{start, i})
			}
			start = i + 1
		}
	}
	return out
}
