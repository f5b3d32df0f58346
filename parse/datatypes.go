package parse

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/incidex/incidex/corpus"
)

// dataTypeExtractor reads the kinds of personal data that leaked or may
// have: from lists of items (bullets, "(氏名、住所、電話番号)") and from
// sentences about a leak, honouring negation — notices often say what did
// NOT leak, and that is not extracted.
type dataTypeExtractor struct{ lex *lexicons }

func (dataTypeExtractor) Name() string { return "data_types" }

// loginID is the lexicon key of a login or user ID, which is a credential
// when a password leaked with it and an identifier otherwise.
const loginID = "login_id"

// itemMarks start a list item.
const itemMarks = "・•●○◆◇▪▫-*+◎"

func isItem(line string) bool {
	line = strings.TrimLeft(line, " ")
	r, _ := utf8.DecodeRuneInString(line)
	if strings.ContainsRune(itemMarks, r) || (r >= '①' && r <= '⑳') {
		return true
	}
	// "(1) 氏名", "1. 氏名" with a short remainder
	if r == '(' || (r >= '0' && r <= '9') {
		if i := strings.IndexAny(line, ").、 "); i > 0 && i <= 4 && utf8.RuneCountInString(line) <= 40 {
			return true
		}
	}
	return false
}

func (x dataTypeExtractor) Extract(n *Notice, in *corpus.Incident) {
	found := map[string]Span{}
	add := func(id string, s Span) {
		if _, ok := found[id]; !ok {
			found[id] = s
		}
	}
	lines := n.Lines
	inList := make([]bool, len(lines))
	for i := 0; i < len(lines); {
		if !isItem(n.Text[lines[i].Start:lines[i].End]) {
			i++
			continue
		}
		// A list runs while the items keep one kind of mark: a numbered
		// heading over bulleted items leads them, it is not one of them.
		kind := bulleted(strings.TrimLeft(n.Text[lines[i].Start:lines[i].End], " "))
		j := i
		for j < len(lines) && isItem(n.Text[lines[j].Start:lines[j].End]) &&
			bulleted(strings.TrimLeft(n.Text[lines[j].Start:lines[j].End], " ")) == kind {
			inList[j] = true
			j++
		}
		x.list(n, lines, i, j, add)
		i = j
	}
	for _, s := range n.Sentences {
		k := sort.Search(len(lines), func(k int) bool { return lines[k].End > s.Start })
		if k < len(lines) && inList[k] {
			continue
		}
		x.sentence(n, s, add)
	}
	if s, ok := found[loginID]; ok {
		delete(found, loginID)
		if _, pw := found["credentials"]; !pw {
			add("customer_id", s)
		}
	}
	if len(found) == 0 {
		return
	}
	tax := corpus.Taxonomies()
	ids := make([]string, 0, len(found))
	for id := range found {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(a, b int) bool { return tax.Rank(ids[a]) < tax.Rank(ids[b]) })
	in.DataTypes = ids
	for _, id := range ids {
		cite(in, n, "data_types", id, found[id])
	}
}

// list reads the items lines[i:j]. The line above leads the list: when it
// is negated ("以下の情報は含まれておりません") the items are not leaked.
func (x dataTypeExtractor) list(n *Notice, lines []Span, i, j int, add func(string, Span)) {
	lead := ""
	if i > 0 {
		lead = n.Text[lines[i-1].Start:lines[i-1].End]
		if x.negated(n, lines[i-1].Start, lines[i-1].End) {
			return
		}
	}
	isData := false
	for _, w := range x.lex.context.words("list_lead") {
		if strings.Contains(lead, w) {
			isData = true
			break
		}
	}
	type item struct {
		span Span
		hits []hit
	}
	items := make([]item, 0, j-i)
	matched := 0
	for k := i; k < j; k++ {
		it := item{span: lines[k]}
		if !x.negated(n, lines[k].Start, lines[k].End) {
			it.hits = x.lex.dataTypes.find(n, lines[k].Start, lines[k].End)
		}
		if len(it.hits) > 0 {
			matched++
		}
		items = append(items, it)
	}
	// A list of something else (steps, dates, countermeasures) names no data.
	if matched == 0 || (!isData && matched*2 < len(items)) {
		return
	}
	for _, it := range items {
		for _, h := range it.hits {
			add(h.cue.key, it.span)
		}
		// A bulleted item naming no known kind is data of another kind; a
		// numbered line is more often a section heading, and a sentence is
		// not an item of data at all.
		text := strings.TrimSpace(n.Text[it.span.Start:it.span.End])
		if len(it.hits) == 0 && bulleted(text) && !strings.HasSuffix(text, "。") && utf8.RuneCountInString(text) <= 30 &&
			!n.holdsNumber(it.span) {
			add(corpus.DataTypeOther, it.span)
		}
	}
}

// sentence reads the data named in one running sentence. Broad words
// (weight < 1) count only inside an enumeration such as "(氏名、住所、年齢)".
func (x dataTypeExtractor) sentence(n *Notice, s Span, add func(string, Span)) {
	hits := x.lex.dataTypes.find(n, s.Start, s.End)
	if len(hits) == 0 {
		return
	}
	ctx := x.lex.context
	aboutLeak := ctx.has(n, s.Start, s.End, "leak") || ctx.has(n, s.Start, s.End, "possible") ||
		strings.Contains(n.Text[s.Start:s.End], "含まれ") || strings.Contains(n.Text[s.Start:s.End], "記載")
	// "今後は送信前にFAX番号を確認し再発防止に努めます": a countermeasure names data it protects.
	if ctx.has(n, s.Start, s.End, "prevention") && !ctx.has(n, s.Start, s.End, "leak") && !ctx.has(n, s.Start, s.End, "possible") {
		return
	}
	enum := x.enumerated(n, hits)
	anyEnum := false
	for _, e := range enum {
		anyEnum = anyEnum || e
	}
	if !aboutLeak && !anyEnum {
		return
	}
	// A credential in the sentence telling how the attacker got in
	// ("…から入手したIDとパスワードを用いた不正ログイン") is the means, not leaked data.
	means := x.lex.causes.has(n, s.Start, s.End, "account_compromise") || x.lex.causes.has(n, s.Start, s.End, "phishing")
	for i, h := range hits {
		if h.cue.weight < 1 && !enum[i] {
			continue
		}
		if x.used(n, h) || x.negated(n, h.start, s.End) {
			continue
		}
		if means && (h.cue.key == "credentials" || h.cue.key == loginID) {
			continue
		}
		add(h.cue.key, s)
	}
	x.inlineOther(n, s, add)
}

// inlineOther reads an inline list in parentheses, "(氏名、住所、保有ポイント数)",
// as a bulleted list: an item naming no known kind is "other".
func (x dataTypeExtractor) inlineOther(n *Notice, s Span, add func(string, Span)) {
	text := n.Text[s.Start:s.End]
	for off := 0; ; {
		i := strings.Index(text[off:], "(")
		if i < 0 {
			return
		}
		open := off + i + 1
		j := strings.Index(text[open:], ")")
		if j < 0 {
			return
		}
		close := open + j
		off = close
		items := strings.Split(text[open:close], "、")
		if len(items) < 3 || x.negated(n, s.Start+close, s.End) {
			continue
		}
		known, unknown := 0, 0
		pos := s.Start + open
		var spans []Span
		for _, it := range items {
			sp := Span{pos, pos + len(it)}
			pos += len(it) + len("、")
			if len(x.lex.dataTypes.find(n, sp.Start, sp.End)) > 0 {
				known++
			} else if r := utf8.RuneCountInString(strings.TrimSpace(it)); r > 0 && r <= 20 {
				unknown++
				spans = append(spans, sp)
			}
		}
		if known >= 2 && unknown > 0 && known+unknown == len(items) {
			add(corpus.DataTypeOther, spans[0])
		}
	}
}

// enumerated marks the hits that are items of an enumeration: next to
// another hit with only a separator between ("氏名、住所", "IDとパスワード").
func (x dataTypeExtractor) enumerated(n *Notice, hits []hit) []bool {
	out := make([]bool, len(hits))
	for i := 1; i < len(hits); i++ {
		gap := strings.TrimSpace(n.Text[hits[i-1].end:hits[i].start])
		if gap == "" || x.isSep(gap) {
			out[i-1], out[i] = true, true
		}
	}
	return out
}

func (x dataTypeExtractor) isSep(s string) bool {
	for _, c := range x.lex.context.cues {
		if c.key == "sep" && c.text == s {
			return true
		}
	}
	return false
}

// used reports data named as a channel or acted on, not leaked:
// "メールアドレス宛に", "パスワードをリセット", "IDとパスワードが推測され".
func (x dataTypeExtractor) used(n *Notice, h hit) bool {
	end := h.end + len(near(n.Text, h.end, 6, true))
	for _, c := range x.lex.context.find(n, h.end, end) {
		if c.cue.key == "use" && c.start == h.end {
			return true
		}
	}
	return false
}

// holdsNumber reports whether a date or a count is written in s: such an
// item ("・件数: 88件", "○令和4年5月10日") is not a kind of data.
func (n *Notice) holdsNumber(s Span) bool {
	for _, m := range n.Dates {
		if m.Start >= s.Start && m.End <= s.End {
			return true
		}
	}
	for _, c := range n.Counts {
		if c.Start >= s.Start && c.End <= s.End {
			return true
		}
	}
	return false
}

// bulleted reports an item marked with a bullet rather than a number.
func bulleted(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	return strings.ContainsRune(itemMarks, r)
}

// negated reports whether the clause from start (up to end) is denied:
// "クレジットカード情報は含まれておりません". A clause ends at "が、" or
// "ものの", so "氏名が流出しましたが、口座情報は含まれません" denies only
// the second part.
func (x dataTypeExtractor) negated(n *Notice, start, end int) bool {
	text := n.Text[start:end]
	for _, sep := range []string{"が、", "ものの", "。"} {
		if i := strings.Index(text, sep); i >= 0 {
			end = start + i
			text = text[:i]
		}
	}
	for _, h := range x.lex.context.find(n, start, end) {
		if h.cue.key == "neg" {
			return true
		}
	}
	return false
}
