package parse

import (
	"strings"
	"unicode"
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
		in.Organization = x.fullName(n, n.HeadOrg)
		if i := strings.Index(n.Heading, n.HeadOrg); i >= 0 {
			in.Evidence = append(in.Evidence, corpus.Evidence{Field: "organization", Value: n.HeadOrg, Start: -1, End: -1, Quote: n.Heading})
		}
		return
	}
	for _, find := range []func(*Notice) (string, Span){x.topSignature, x.alias, x.subject, x.bottomSignature, x.titleOrg, x.selfPlace} {
		if org, s := find(n); org != "" {
			in.Organization = org
			cite(in, n, "organization", org, s)
			return
		}
	}
}

// topSignature and bottomSignature look for a line that is only an
// organization name (with a head's title and name after it) near the top or
// the bottom of the notice.
func (x organizationExtractor) topSignature(n *Notice) (string, Span) {
	lines := n.Lines
	for i := 1; i < len(lines) && i < 8; i++ {
		if !runesAtMost(n.Text[lines[i].Start:lines[i].End], 60) {
			break // the body has begun
		}
		if org := x.signatureLine(n.Text[lines[i].Start:lines[i].End]); org != "" {
			return org, lines[i]
		}
	}
	return "", Span{}
}

func (x organizationExtractor) bottomSignature(n *Notice) (string, Span) {
	lines := n.Lines
	for i := len(lines) - 1; i >= 1 && i >= len(lines)-8; i-- {
		if org := x.signatureLine(n.Text[lines[i].Start:lines[i].End]); org != "" {
			return org, lines[i]
		}
	}
	return "", Span{}
}

func (x organizationExtractor) signatureLine(line string) string {
	line = strings.TrimSpace(strings.TrimLeft(line, itemMarks+" "))
	if !runesAtMost(line, 50) || strings.ContainsAny(line, "。、「©") ||
		strings.Contains(line, "Copyright") || strings.Contains(line, "(C)") {
		return ""
	}
	f := strings.Fields(line)
	for k := 1; k <= len(f); k++ {
		cand := x.stripHead(strings.Join(f[:k], " "))
		if !x.lex.orgName(cand) {
			continue
		}
		// "医療法人○○会 ○○病院": a legal person's facility is named after it.
		for k < len(f) && x.lex.legalPrefixed(cand) && x.lex.orgName(f[k]) && x.stripHead(f[k]) == f[k] {
			k++
			cand += " " + f[k-1]
		}
		return cand
	}
	return ""
}

// fullName returns the longest way the notice writes name: an aggregator's
// "日本学生支援機構" is "独立行政法人日本学生支援機構" in the notice itself.
func (x organizationExtractor) fullName(n *Notice, name string) string {
	for _, c := range x.lex.orgs.cues {
		if c.key == "legal" && !strings.Contains(name, c.text) && strings.Contains(n.Text, c.text+name) {
			return c.text + name
		}
	}
	return name
}

// alias finds "○○(以下「当社」)": the name a notice gives itself.
func (x organizationExtractor) alias(n *Notice) (string, Span) {
	for i, s := range n.Sentences {
		if i >= 8 {
			break
		}
		text := n.Text[s.Start:s.End]
		j := strings.Index(text, "(以下")
		if j <= 0 {
			continue
		}
		q := text[j:]
		a, b := strings.Index(q, "「"), strings.Index(q, "」")
		if a < 0 || b < a || !x.lex.selfWord(q[a+len("「"):b]) {
			continue
		}
		if org := x.leadingOrg(text[:j]); org != "" {
			return org, s
		}
	}
	return "", Span{}
}

// leadingOrg returns the organization name that ends text, if any:
// "この度、日本赤十字社" → "日本赤十字社".
func (x organizationExtractor) leadingOrg(text string) string {
	for _, sep := range []string{"、", "。", " "} {
		if i := strings.LastIndex(text, sep); i >= 0 {
			text = text[i+len(sep):]
		}
	}
	if x.lex.orgName(text) {
		return text
	}
	return ""
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

// subject finds an organization opening one of the first sentences.
func (x organizationExtractor) subject(n *Notice) (string, Span) {
	for i, s := range n.Sentences {
		if i >= 6 {
			break
		}
		text := n.Text[s.Start:s.End]
		skip := len(text) - len(strings.TrimLeft(text, " "))
		for _, p := range []string{"この度、", "このたび、", "この度", "このたび", "本日、", "今般、"} {
			if strings.HasPrefix(text[skip:], p) {
				skip += len(p)
				break
			}
		}
		if org, k := x.subjectAt(n, s.Start+skip, s.End); org != "" {
			return org, Span{s.Start + skip, s.Start + skip + k}
		}
		if org, sp := x.announcer(n, s); org != "" {
			return org, sp
		}
	}
	return "", Span{}
}

// subjectAt returns the organization that text[off:] opens with and where
// it ends. Candidates end where a particle token does (は, が, の, において …),
// so a name holding one in kana (株式会社しろがね書房) is not cut; asides in
// parentheses (所在地, 証券コード) are not part of the name. "群馬県の○○病院で"
// is the hospital: a place before の is where the organization is.
func (x organizationExtractor) subjectAt(n *Notice, off, end int) (string, int) {
	limit := min(end, off+200)
	toks := n.tokensIn(off+1, limit)
	for i, t := range toks {
		if !strings.HasPrefix(t.POS, "助詞") {
			continue
		}
		cand := x.withoutDept(n, off, t.Start)
		if !x.lex.orgName(cand) {
			continue
		}
		// A kana name may hold what kagome reads as a particle
		// (株式会社ほしぞら…): the name runs on to a later particle while only
		// nouns come between and the longer span is a name too.
		stop := t
		caseParticle := t.POS == "助詞-格助詞" || t.POS == "助詞-係助詞" || t.POS == "助詞-連体化"
		for _, u := range toks[i+1:] {
			if caseParticle {
				break
			}
			if strings.HasPrefix(u.POS, "動詞") || strings.HasPrefix(u.POS, "助動詞") || u.Surface == "、" {
				break
			}
			if strings.HasPrefix(u.POS, "助詞") {
				if longer := x.withoutDept(n, off, u.Start); x.lex.orgName(longer) {
					cand, stop = longer, u
				}
				break
			}
		}
		// "○○が提供するサービス": perhaps a vendor, perhaps the issuer's own
		// service; a signature at the bottom decides.
		if x.lex.orgs.hasPrefixAt(n.Text[stop.Start:], "vendor_next") {
			if _, s := x.bottomSignature(n); s.End > s.Start {
				return "", 0
			}
		}
		if stop.Surface == "の" {
			if inner, j := x.subjectAt(n, stop.End, end); inner != "" {
				return inner, stop.End - off + j
			}
		}
		return cand, stop.Start - off
	}
	return "", 0
}

// announcer reads news style: "○○は5月13日、…と発表した" — the noun run
// before は is the organization even without a legal form or suffix.
func (x organizationExtractor) announcer(n *Notice, s Span) (string, Span) {
	if !x.lex.context.has(n, s.Start, s.End, "publish") {
		return "", Span{}
	}
	for _, m := range n.Dates {
		if m.Start < s.Start || m.Start >= s.End {
			continue
		}
		pre := strings.TrimRight(n.Text[s.Start:m.Start], " ")
		if !strings.HasSuffix(pre, "は") {
			return "", Span{}
		}
		end := s.Start + len(pre) - len("は")
		start := end
		toks := n.tokensIn(s.Start, end)
		for k := len(toks) - 1; k >= 0; k-- {
			t := toks[k]
			if t.End != start && stripParens(n.Text[t.End:start]) != "" {
				break
			}
			if !strings.HasPrefix(t.POS, "名詞") || t.POS == "名詞-代名詞" || t.POS == "名詞-非自立" {
				break
			}
			start = t.Start
		}
		org := stripParens(n.Text[start:end])
		if r := utf8.RuneCountInString(org); r >= 2 && r <= 30 && !x.lex.selfWord(org) {
			return org, Span{start, end}
		}
		return "", Span{}
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

// withoutDept returns the organization a department belongs to when
// text[start:end] is one written after it: "架空市市民課" → "架空市",
// "東京大学情報基盤センター" → "東京大学". The cut falls on a kagome token
// boundary, so "架空市市民課" is not read as "架空市市".
func (x organizationExtractor) withoutDept(n *Notice, start, end int) string {
	s := stripParens(n.Text[start:end])
	if x.lex.orgName(s) || !strings.Contains(n.Text[start:end], s) {
		return s
	}
	for _, d := range x.lex.orgs.words("dept") {
		if !strings.HasSuffix(s, d) {
			continue
		}
		toks := n.tokensIn(start, end)
		for i := len(toks) - 1; i > 0; i-- {
			if cand := n.Text[start:toks[i].Start]; x.lex.orgName(cand) {
				return cand
			}
		}
	}
	return s
}

// legalPrefixed reports whether s opens with a legal form (医療法人…).
func (l *lexicons) legalPrefixed(s string) bool {
	for _, c := range l.orgs.cues {
		if c.key == "legal" && strings.HasPrefix(s, c.text) {
			return true
		}
	}
	return false
}

// selfWord reports whether s is how a notice names its own issuer (当社, 本学 …).
func (l *lexicons) selfWord(s string) bool {
	for _, c := range l.orgs.cues {
		if c.key == "self" && c.text == s {
			return true
		}
	}
	return false
}

// orgName reports whether s reads as an organization's name.
func (l *lexicons) orgName(s string) bool {
	s = strings.TrimSpace(s)
	r := utf8.RuneCountInString(s)
	if r < 2 || r > 40 || strings.ContainsAny(s, "。、「」『』:\n") {
		return false
	}
	for _, w := range l.orgs.words("notorg") {
		if strings.Contains(s, w) {
			return false
		}
	}
	if l.selfWord(s) { // 本市, 当社: the notice naming itself, not a name
		return false
	}
	for _, w := range l.orgs.words("self") {
		if !strings.ContainsAny(w[:3], "当弊本同") {
			continue
		}
		if strings.HasPrefix(s, w) { // "本市の教育委員会", "弊社のコールセンター"
			return false
		}
		// "…判明している事実と弊社": a phrase ending with the notice's word
		// for itself after a particle (と, や) is no name; "○○本社" may be.
		if rest, ok := strings.CutSuffix(s, w); ok {
			if r, _ := utf8.DecodeLastRuneInString(rest); unicode.Is(unicode.Hiragana, r) {
				return false
			}
		}
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
		}
	}
	return false
}

// stripParens removes parenthesized asides: "学校法人○○(所在地、理事長 …)",
// "○○ホールディングス<3664>".
func stripParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '（', '<', '〈':
			depth++
		case ')', '）', '>', '〉':
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

// selfPlace names a municipality that calls itself 当市, 本町 … and signs
// nowhere: the place of that kind its text names most ("網走市へ寄附を
// いただいた方", "当市のメールサーバー" → 網走市).
func (x organizationExtractor) selfPlace(n *Notice) (string, Span) {
	kind := ""
	for _, w := range x.lex.orgs.words("self") {
		if k, _ := utf8.DecodeLastRuneInString(w); strings.ContainsRune("市町村県区", k) &&
			strings.ContainsAny(w[:3], "当本") && strings.Contains(n.Text, w) {
			kind = string(k)
			break
		}
	}
	if kind == "" {
		return "", Span{}
	}
	count := map[string]int{}
	first := map[string]Span{}
	best := ""
	for i, t := range n.Tokens[:max(len(n.Tokens)-1, 0)] {
		next := n.Tokens[i+1]
		if t.Sub != "地域" || next.Surface != kind || next.Start != t.End {
			continue
		}
		name := t.Surface + kind
		if count[name]++; count[name] == 1 {
			first[name] = Span{t.Start, next.End}
		}
		if best == "" || count[name] > count[best] {
			best = name
		}
	}
	return best, first[best]
}
