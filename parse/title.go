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

// titleEnd are the endings of a notice title.
var titleEnd = regexp.MustCompile(`(について|お詫び|おわび|お知らせ|ご報告|報告|ご案内|お願い|の件|件|事案|発生|紛失|漏えい|漏洩|流出|被害|\)|）|】)\s*$`)

func (x titleExtractor) Extract(n *Notice, in *corpus.Incident) {
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

// titleCut are endings of a title line the page wrapped mid-phrase.
var titleCut = regexp.MustCompile(`(および|及び|並びに|ならびに|における|に関する|による|の|と|や|・)$`)

var sequenceRe = regexp.MustCompile(`第\s*([0-9０-９一二三四五六七八九十]+)\s*報|続報\s*([0-9０-９一二三四五六七八九十]*)|(最終報告?|最終報)`)

// firstLineTitle reads the title a notice opens with: a line that is not a
// sentence, joined with the next when the page wrapped it ("…情報および" /
// "個人情報漏洩に関するご質問等"). A line that only names the issuer is not one.
func (x titleExtractor) firstLineTitle(n *Notice) string {
	lines := lineSpans(n.Text)
	if len(lines) == 0 {
		return ""
	}
	first := strings.TrimSpace(n.Text[lines[0].Start:lines[0].End])
	if x.lex.orgName(first) || strings.Contains(first, "。") {
		return ""
	}
	if len(lines) > 1 && !titleEnd.MatchString(first) {
		next := strings.TrimSpace(n.Text[lines[1].Start:lines[1].End])
		if utf8.RuneCountInString(next) <= 60 && !strings.Contains(next, "。") &&
			(titleEnd.MatchString(next) || titleCut.MatchString(first)) {
			first += next
		}
	}
	// "弊社が運営する…において、…が" is a sentence the page wrapped, unless
	// it ends as titles do ("弊社が運営する「…」に関するお詫び").
	for _, c := range x.lex.orgs.cues {
		if c.key == "self" && strings.HasPrefix(first, c.text) && !titleEnd.MatchString(first) {
			return ""
		}
	}
	if r := utf8.RuneCountInString(first); r < 6 || r > 150 {
		return ""
	}
	return first
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
