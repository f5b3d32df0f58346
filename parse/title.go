package parse

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/parse/jpnum"
)

// titleExtractor reads the title and the report number (第N報, 続報N).
type titleExtractor struct{ lex *lexicons }

func (titleExtractor) Name() string { return "title" }

func (x titleExtractor) Extract(n *Notice, in *corpus.Incident) {
	in.Serial = corpus.Serial(n.Heading)
	in.Title = n.Title
	if in.Title == "" {
		in.Title = x.firstLineTitle(n)
	}
	if in.Title != "" {
		i := strings.Index(n.Text, in.Title)
		if i >= 0 {
			cite(in, n, "title", in.Title, Span{i, i + len(in.Title)})
		}
	}
	// The report number is in the title or the lines just under it; the
	// body may mention earlier reports (第1報でお知らせした…), which do not
	// number this one.
	head := n.Text
	if lines := strings.SplitN(head, "\n", 4); len(lines) > 3 {
		head = strings.Join(lines[:3], "\n")
	}
	if seq, s, ok := sequence(head); ok {
		in.Sequence = &seq
		cite(in, n, "sequence", strconv.Itoa(seq), s)
	}
}

var sequenceRe = regexp.MustCompile(`第\s*([0-9０-９一二三四五六七八九十]+)\s*報|続報\s*([0-9０-９一二三四五六七八九十]*)|(最終報告?|最終報)`)

// titleLen returns where the incident's title ends in the notice text, 0
// when the text does not open with it (after a dateline, at most). Cues in the title weigh more.
func titleLen(n *Notice, in *corpus.Incident) int {
	head := n.Text[:min(len(n.Text), 300)]
	if i := strings.Index(head, in.Title); in.Title != "" && i >= 0 {
		return i + len(in.Title)
	}
	return 0
}

// firstLineTitle reads the title a notice opens with: a line that is not a
// sentence, joined with the next when the page wrapped it ("…情報および" /
// "個人情報漏洩に関するご質問等"). A line that only names the issuer is not one.
func (x titleExtractor) firstLineTitle(n *Notice) string {
	lines := n.Lines
	// A dateline or label line above the title ("公開日:2024年8月30日") is not it.
	for len(lines) > 1 && n.holdsDateOnly(lines[0]) {
		lines = lines[1:]
	}
	if len(lines) == 0 {
		return ""
	}
	first := strings.TrimSpace(n.Text[lines[0].Start:lines[0].End])
	// A line that only names the issuer is its signature, not a title; a
	// headline that ends with the issuer ("…を紛失――○○大学") is a title.
	signature := x.lex.orgName(first) && len(strings.Fields(first)) <= 2 && runesAtMost(first, 30) &&
		!x.lex.context.hasSuffix(first, "title_end") && !strings.ContainsAny(first, "―—を、")
	if signature || strings.Contains(first, "。") {
		return ""
	}
	if len(lines) > 1 && !x.lex.context.hasSuffix(first, "title_end") {
		next := strings.TrimSpace(n.Text[lines[1].Start:lines[1].End])
		if utf8.RuneCountInString(next) <= 60 && !strings.Contains(next, "。") &&
			(x.lex.context.hasSuffix(next, "title_end") || x.lex.context.hasSuffix(first, "title_cut")) {
			first += next
		}
	}
	// "弊社が運営する…において、…が" is a sentence the page wrapped, unless
	// it ends as titles do ("弊社が運営する「…」に関するお詫び").
	for _, c := range x.lex.orgs.cues {
		if c.key == "self" && strings.HasPrefix(first, c.text) && !x.lex.context.hasSuffix(first, "title_end") {
			return ""
		}
	}
	if r := utf8.RuneCountInString(first); r < 6 || r > 150 {
		return ""
	}
	return first
}

// holdsDateOnly reports a short line whose only content is a date and a
// label: "公開日:2024年8月30日", "2024年3月1日 更新".
func (n *Notice) holdsDateOnly(l Span) bool {
	if !runesAtMost(n.Text[l.Start:l.End], 30) {
		return false
	}
	for _, m := range n.Dates {
		if m.Start >= l.Start && m.End <= l.End {
			rest := n.Text[l.Start:m.Start] + n.Text[m.End:l.End]
			return runesAtMost(strings.TrimSpace(rest), 10)
		}
	}
	return false
}

// sequence finds this notice's own report number in text: 第N報 → N,
// 続報N → N+1 (the first report is unnumbered), 続報 → 2.
func sequence(text string) (int, Span, bool) {
	for _, m := range sequenceRe.FindAllStringSubmatchIndex(text, -1) {
		// "第1報(…)でお知らせした" refers back; skip mentions followed by で/にて/の内容.
		rest := text[m[1]:]
		if strings.HasPrefix(rest, "で") || strings.HasPrefix(rest, "にて") || strings.HasPrefix(rest, "以降") {
			continue
		}
		switch {
		case m[2] >= 0:
			v, err := jpnum.Parse(text[m[2]:m[3]])
			if err == nil && v > 0 && v < 100 {
				return int(v), Span{m[0], m[1]}, true
			}
		case m[4] >= 0:
			if m[5] > m[4] {
				v, err := jpnum.Parse(text[m[4]:m[5]])
				if err == nil && v > 0 && v < 100 {
					return int(v) + 1, Span{m[0], m[1]}, true
				}
				continue
			}
			return 2, Span{m[0], m[1]}, true
		}
	}
	return 0, Span{}, false
}
