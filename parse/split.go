package parse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/incidex/incidex/parse/jpdate"
)

// aggregatorHeading matches the heading an aggregator blog puts on each
// notice it reposts: 【セキュリティ事件簿#2023-446】OLTA 【INVOY】… 2023年1月11日.
var aggregatorHeading = regexp.MustCompile(`^【[^】\n]{0,40}(?:#|事件簿)[^】\n]{0,20}】\s*`)

// textNotices splits a page's text into notices and strips the wrapping:
// navigation, footers, contact blocks and a commentary page's own additions.
func (a *Analyzer) textNotices(raw string) []*Notice {
	text := fold(raw)
	lines := strings.Split(text, "\n")
	var starts []int
	for i, l := range lines {
		if aggregatorHeading.MatchString(l) {
			starts = append(starts, i)
		}
	}
	if len(starts) == 0 {
		starts = []int{0}
	}
	var out []*Notice
	for k, s := range starts {
		e := len(lines)
		if k+1 < len(starts) {
			e = starts[k+1]
		}
		if n := a.notice(lines[s:e]); n != nil {
			out = append(out, n)
		}
	}
	return out
}

// notice builds one Notice from its lines, or nil when nothing is left.
func (a *Analyzer) notice(lines []string) *Notice {
	n := &Notice{}
	if len(lines) > 0 {
		if loc := aggregatorHeading.FindStringIndex(lines[0]); loc != nil {
			n.Heading = lines[0]
			n.HeadOrg, n.Title, n.HeadDate = a.splitHeading(lines[0][loc[1]:])
			if n.Title != "" {
				lines = append([]string{n.Title}, lines[1:]...)
			} else {
				lines = lines[1:]
			}
		} else if org, title, date, ok := a.splitTitleLine(lines[0]); ok {
			n.HeadOrg, n.Title, n.HeadDate = org, title, date
			lines = append([]string{n.Title}, lines[1:]...)
		}
	}
	n.Text = strings.Trim(strings.Join(a.unwrap(n, lines), "\n"), "\n ")
	if !japanese(n.Text, 10) {
		return nil // not a Japanese notice: nothing to extract
	}
	return n
}

// unwrap returns the lines of the notice itself: navigation lines are
// dropped, and the page's own material after the notice (a footer, a
// commentary's analysis after its "引用元 …") is cut.
func (a *Analyzer) unwrap(n *Notice, lines []string) []string {
	var kept []string
	for _, l := range lines {
		role, rest := a.wrapRole(strings.TrimSpace(l))
		switch role {
		case "drop":
			continue
		case "source": // 引用元 ○○: the quoted notice's issuer
			if n.HeadOrg == "" {
				n.HeadOrg = strings.TrimSpace(rest)
			}
			return kept
		case "end":
			if len(kept) > 3 { // an end marker in the first lines is a menu, not an end
				return kept
			}
		}
		kept = append(kept, l)
	}
	return kept
}

// wrapRole tells whether a line is page wrapping (see lexicon/wrap.tsv):
// "drop" for a line to skip, "end" for one that ends the notice, "source" for
// a quoting page's attribution; rest is the line after the cue.
func (a *Analyzer) wrapRole(line string) (role, rest string) {
	for _, c := range a.lex.wrap.cues {
		switch c.key {
		case "drop":
			if line == c.text {
				return c.key, ""
			}
		case "end", "source":
			if r, ok := strings.CutPrefix(line, c.text); ok {
				return c.key, r
			}
		}
	}
	return "", ""
}

// splitHeading reads "ORG TITLE DATE" after an aggregator's 【…】 tag.
func (a *Analyzer) splitHeading(h string) (org, title string, date jpdate.Date) {
	h = strings.TrimSpace(h)
	if ms := jpdate.Find(h, jpdate.Date{}); len(ms) > 0 {
		if m := ms[len(ms)-1]; m.YearStated && strings.TrimSpace(h[m.End:]) == "" {
			date = m.Date
			h = strings.TrimSpace(h[:m.Start])
		}
	}
	f := strings.Fields(h)
	if len(f) < 2 {
		return "", h, date
	}
	// The organization is the first field, joined with a bare legal form
	// written apart from the name: "一般財団法人 国際…協会", "SHIGETA 株式会社".
	k := 1
	if a.isLegalForm(f[0]) || (len(f) > 2 && a.isLegalForm(f[1])) {
		k = 2
	}
	// "医療法人社団○○会 ○○病院": a legal person's facility is part of the name.
	if k < len(f)-1 && a.lex.legalPrefixed(f[k-1]) && a.lex.orgName(f[k]) {
		k++
	}
	if !a.orgLike(strings.Join(f[:k], " ")) && utf8.RuneCountInString(f[0]) > 30 {
		return "", h, date
	}
	return strings.Join(f[:k], " "), strings.Join(f[k:], " "), date
}

// splitTitleLine reads a first line that carries the title with a date
// (and an organization) around it: "令和4年6月20日 ○○について(第1報)",
// "○○大学 ○○について 2022年11月22日".
func (a *Analyzer) splitTitleLine(line string) (org, title string, date jpdate.Date, ok bool) {
	line = strings.TrimSpace(line)
	if utf8.RuneCountInString(line) > 150 || strings.Contains(line, "。") {
		return "", "", date, false
	}
	ms := jpdate.Find(line, jpdate.Date{})
	if len(ms) != 1 || !ms[0].YearStated || !ms[0].Date.Complete() {
		return "", "", date, false
	}
	m := ms[0]
	switch {
	case m.Start == 0 && strings.HasPrefix(line[m.End:], " "):
		title = strings.TrimSpace(line[m.End:])
	case strings.TrimSpace(line[m.End:]) == "" && strings.HasSuffix(line[:m.Start], " "):
		title = strings.TrimSpace(line[:m.Start])
	default:
		return "", "", date, false
	}
	if f := strings.Fields(title); len(f) > 1 && a.lex.orgName(f[0]) {
		org, title = f[0], strings.Join(f[1:], " ")
	}
	return org, title, m.Date, title != ""
}

// isLegalForm reports whether s is only a legal form such as 株式会社.
func (a *Analyzer) isLegalForm(s string) bool {
	for _, c := range a.lex.orgs.cues {
		if c.key == "legal" && s == c.text {
			return true
		}
	}
	return false
}

// orgLike reports whether s carries an organization prefix or suffix.
func (a *Analyzer) orgLike(s string) bool {
	for _, c := range a.lex.orgs.cues {
		switch c.key {
		case "legal", "prefix":
			if strings.Contains(s, c.text) {
				return true
			}
		case "suffix":
			if strings.HasSuffix(s, c.text) {
				return true
			}
		}
	}
	return false
}

// japanese reports whether text holds at least min kana or kanji.
func japanese(text string, min int) bool {
	for _, r := range text {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			if min--; min <= 0 {
				return true
			}
		}
	}
	return false
}
