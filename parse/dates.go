package parse

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/parse/jpdate"
)

// dateExtractor reads the publication and discovery dates, the exposure
// period and a timeline of dated events.
type dateExtractor struct{ lex *lexicons }

func (dateExtractor) Name() string { return "dates" }

func (x dateExtractor) Extract(n *Notice, in *corpus.Incident) {
	var dateline Span
	if d, s, ok := x.published(n); ok {
		in.Published, dateline = d, s
		if s.End > s.Start {
			cite(in, n, "published", d.String(), s)
		}
	}
	if d, s, ok := x.discovered(n, in.Published, dateline, in.ViaThirdParty); ok {
		in.Discovered = d
		cite(in, n, "discovered", d.String(), s)
	}
	if p, s, ok := x.exposure(n); ok {
		in.Exposure = &p
		cite(in, n, "exposure", p.From.String()+"/"+p.To.String(), s)
	}
	in.Timeline = x.timeline(n, dateline)
	if !in.Published.IsZero() && !slices.ContainsFunc(in.Timeline, func(e corpus.Event) bool {
		return e.Kind == corpus.EventPublished && e.Date == in.Published
	}) {
		// The notice's own words where it gives its date; a heading's date
		// has none.
		text := "公表文の日付"
		for _, e := range in.Evidence {
			if e.Field == "published" && e.Quote != "" {
				text = e.Quote
			}
		}
		in.Timeline = append(in.Timeline, corpus.Event{Date: in.Published, Kind: corpus.EventPublished, Text: text})
		sort.SliceStable(in.Timeline, func(i, j int) bool { return in.Timeline[i].Date.Before(in.Timeline[j].Date) })
	}
}

func toDate(d jpdate.Date) corpus.Date { return corpus.Date{Year: d.Year, Month: d.Month, Day: d.Day} }

// published is the date the notice carries: an aggregator's heading date,
// a dateline (a line holding only a date, or a labelled 公開日/更新日), or
// the date of a "○○は2024年1月5日、…と発表した" opening.
func (x dateExtractor) published(n *Notice) (corpus.Date, Span, bool) {
	if n.HeadDate.Complete() {
		return toDate(n.HeadDate), Span{}, true
	}
	// In the first and last lines: a date labelled as the page's (公開日,
	// 更新日), else a line holding only a date, else a date marked 更新.
	lines := n.Lines
	var found [3]*jpdate.Mention
	var spans [3]Span
	const (
		dayLabel = iota
		alone
		suffixLabel
	)
	for i, l := range lines {
		if i >= 12 && i < len(lines)-12 {
			continue
		}
		ms := x.mentionsIn(n, l)
		if len(ms) != 1 || !ms[0].Date.Complete() || !ms[0].YearStated {
			continue
		}
		m := ms[0]
		before := strings.Trim(n.Text[l.Start:m.Start], "()[]:：【】 ")
		after := strings.Trim(n.Text[m.End:l.End], "()[]:：【】 ")
		kind := -1
		switch {
		case before == "" && after == "":
			if i == 0 || !x.labelsOther(n.Text[lines[i-1].Start:lines[i-1].End]) { // not under "判明日時"
				kind = alone
			}
		default:
			for _, lb := range x.lex.context.words("publish_label") {
				if strings.HasSuffix(strings.TrimSuffix(before, "時"), lb) || strings.HasPrefix(after, lb) {
					kind = suffixLabel
					if strings.HasSuffix(lb, "日") {
						kind = dayLabel
					}
					break
				}
			}
		}
		if kind >= 0 && found[kind] == nil {
			found[kind], spans[kind] = &m, l
		}
	}
	for k, m := range found {
		if m != nil {
			return toDate(m.Date), spans[k], true
		}
	}
	for i, s := range n.Sentences {
		if i >= 6 {
			break
		}
		for _, m := range x.mentionsIn(n, s) {
			if !m.Date.Complete() {
				continue
			}
			// "○○は2019年11月1日、…と発表した"; "本日(4月21日)、…"
			today := strings.HasSuffix(strings.TrimRight(n.Text[s.Start:m.Start], "( "), "本日")
			if today || (m.YearStated && x.lex.context.has(n, m.End, s.End, "publish")) {
				return toDate(m.Date), s, true
			}
		}
	}
	return corpus.Date{}, Span{}, false
}

// labelsOther reports a short line that labels the date below it as some
// other event's: "1 判明日時", "発生日".
func (x dateExtractor) labelsOther(line string) bool {
	line = strings.TrimSpace(line)
	if !runesAtMost(line, 15) {
		return false
	}
	for _, lb := range x.lex.context.words("publish_label") {
		if strings.Contains(line, lb) {
			return false
		}
	}
	return strings.HasSuffix(line, "日時") || strings.HasSuffix(line, "日") || strings.HasSuffix(line, "時期")
}

// mentionsIn returns the date mentions inside s.
func (x dateExtractor) mentionsIn(n *Notice, s Span) []jpdate.Mention {
	i := sort.Search(len(n.Dates), func(i int) bool { return n.Dates[i].Start >= s.Start })
	j := i
	for j < len(n.Dates) && n.Dates[j].End <= s.End {
		j++
	}
	return n.Dates[i:j]
}

// clause returns what is said of the k-th date: the text after it up to
// the next date or the end of the sentence, plus a short label before it
// on its line or the line above ("判明日時\n令和4年11月20日").
func (n *Notice) clause(k int) Span {
	m := n.Dates[k]
	end := len(n.Text)
	for j := k + 1; j < len(n.Dates) && j <= k+50; j++ {
		if n.Dates[j].Date.Complete() {
			end = n.Dates[j].Start
			// The next date's label ("判明日時:") belongs to it, not to this one.
			if i := n.lineOf(end); i >= 0 && n.Lines[i].Start > m.End {
				end = n.Lines[i].Start
			}
			break
		}
	}
	// A date with its event on the same line (a 経緯 row "2月6日 案内を発送")
	// says no more than that line; a date alone on its line is followed by
	// its event on the next lines, as tables are flattened.
	if i := n.lineOf(m.Start); i >= 0 && m.End < n.Lines[i].End && n.Lines[i].End < end &&
		strings.TrimSpace(n.Text[m.End:n.Lines[i].End]) != "" {
		end = n.Lines[i].End
	}
	if i := strings.Index(n.Text[m.End:end], "。"); i >= 0 {
		end = m.End + i
	}
	if end-m.End > 450 {
		end = m.End + 450
		for !utf8.RuneStart(n.Text[end]) {
			end--
		}
	}
	start := m.Start
	if i := n.lineOf(m.Start); i >= 0 {
		l := n.Lines[i]
		if prefix := n.Text[l.Start:m.Start]; runesAtMost(prefix, 15) {
			start = l.Start
			// The line above labels the date only when it reads as a label
			// ("判明日時", "発生日:"), not as a heading ("1.発覚の経緯").
			if above := strings.TrimSpace(n.Text[n.Lines[max(i-1, 0)].Start:n.Lines[max(i-1, 0)].End]); strings.TrimSpace(prefix) == "" && i > 0 &&
				runesAtMost(above, 15) && (strings.HasSuffix(above, "日時") || strings.HasSuffix(above, "日") || strings.HasSuffix(above, "時期") || strings.HasSuffix(above, ":")) {
				start = n.Lines[i-1].Start
			}
		}
	}
	return Span{start, end}
}

// fromSomeone reports a より or から after a name ("委託先より", "警察から"),
// not after a date ("6月24日より順次ご連絡"), which starts a period.
func fromSomeone(text string) bool {
	for _, p := range []string{"より", "から"} {
		for i := strings.Index(text, p); i >= 0; {
			before := strings.TrimRight(text[:i], " ")
			if !strings.HasSuffix(before, "日") && !strings.HasSuffix(before, ")") && !strings.HasSuffix(before, "頃") &&
				!strings.HasSuffix(before, "時") && !strings.HasSuffix(before, "分") && !strings.HasSuffix(before, "月") {
				return true
			}
			j := strings.Index(text[i+len(p):], p)
			if j < 0 {
				break
			}
			i += len(p) + j
		}
	}
	return false
}

// paragraphFrom extends c over up to max more sentences of its paragraph,
// stopping at a line end or at the next full date.
func (n *Notice) paragraphFrom(c Span, max int) Span {
	limit := len(n.Text)
	i := sort.Search(len(n.Dates), func(i int) bool { return n.Dates[i].Start >= c.End })
	for j := i; j < len(n.Dates) && j < i+50; j++ {
		if n.Dates[j].Date.Complete() {
			limit = n.Dates[j].Start
			break
		}
	}
	// c ends at a 。 or a line end; each step takes the next sentence of
	// the same line.
	for k := 0; k < max && c.End < limit; k++ {
		rest, ok := strings.CutPrefix(n.Text[c.End:limit], "。")
		if !ok {
			break
		}
		j := strings.IndexAny(rest, "。\n")
		if j < 0 {
			break
		}
		c.End = limit - len(rest) + j
		if rest[j] == '\n' {
			break
		}
	}
	return c
}

// inRange reports whether the k-th date bounds a period (an exposure or
// investigation period), which is not an event. A date that only starts
// something ("4日午前9時ごろから問い合わせがあった") is an event.
func (n *Notice) inRange(k int) bool {
	if n.Dates[k].RangeEnd || (k+1 < len(n.Dates) && n.Dates[k+1].RangeEnd) {
		return true
	}
	rest := strings.TrimLeft(n.Text[n.Dates[k].End:], " ")
	for _, p := range []string{"以降", "~", "〜", "-", "以前", "まで", "の期間", "の間", "にかけて"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	// "平成30年2月(導入時点)から令和3年2月12日": the end of a period.
	before := strings.TrimRight(stripParens(near(n.Text, n.Dates[k].Start, 12, false)), " ")
	return strings.HasSuffix(before, "から") || strings.HasSuffix(before, "~") || strings.HasSuffix(before, "〜")
}

// discovered is the earliest date said to be when the organization learned
// of the incident: a strong cue (判明, 発覚, 連絡を受け, "委託先から報告") wins
// over a weak one (確認), and either over the date the incident happened,
// which is when most errors are noticed. Period bounds and dates after
// publication are not events; a cue denied ("発見できなかった") is none.
// Discovery ranks: what a date's clause says of the organization learning.
const (
	none             = iota
	occurred         // the incident happened then (most errors are noticed at once)
	weak             // 確認: also used of later findings
	strong           // 判明, 発覚, 連絡を受け
	toldByThirdParty // a contractor or vendor told the organization
)

func (x dateExtractor) discovered(n *Notice, published corpus.Date, dateline Span, viaThirdParty bool) (corpus.Date, Span, bool) {
	var best *jpdate.Mention
	var bestSpan Span
	bestRank := none
	for k := range n.Dates {
		m := &n.Dates[k]
		if !m.Date.Complete() || n.Dates[k].RangeEnd || (k+1 < len(n.Dates) && n.Dates[k+1].RangeEnd) {
			continue
		}
		if !published.IsZero() && published.Before(toDate(m.Date)) {
			continue
		}
		if m.Start >= dateline.Start && m.End <= dateline.End {
			continue // the notice's own date
		}
		c := n.clause(k)
		rank := x.discoveryRank(n, c, viaThirdParty)
		if rank == none {
			// The discovery is often told after the circumstances, in the
			// same paragraph: "…網棚に置きました。…ないことに気づきました".
			if pc := n.paragraphFrom(c, 2); x.discoveryRank(n, pc, viaThirdParty) >= strong {
				c, rank = pc, strong
			}
		}
		// "2022年12月27日付の依頼": the date of a document, not an event.
		if n.inRange(k) || strings.HasPrefix(n.Text[m.End:], "付") {
			continue
		}
		// "2023年1月8日から発生し": when it began, not when it was learned.
		if strings.HasPrefix(strings.TrimLeft(n.Text[m.End:], " "), "から") && x.lex.context.has(n, c.Start, c.End, "occurred") {
			rank = min(rank, occurred)
		}
		if rank == none {
			continue
		}
		if rank > bestRank || (rank == bestRank && m.Date.Before(best.Date)) {
			best, bestSpan, bestRank = m, c, rank
		}
	}
	if best == nil {
		return corpus.Date{}, Span{}, false
	}
	return toDate(best.Date), bestSpan, true
}

// discoveryRank rates what a date's clause says of discovery.
func (x dateExtractor) discoveryRank(n *Notice, c Span, viaThirdParty bool) int {
	hits := x.lex.context.find(n, c.Start, c.End)
	rank := 0
	found := map[string]bool{}
	for i, h := range hits {
		found[h.cue.key] = true
		if h.cue.key != "discover" && h.cue.key != "discover_weak" {
			continue
		}
		if i+1 < len(hits) && hits[i+1].cue.key == "notfound" && hits[i+1].start-h.end <= 6 {
			continue
		}
		r := 2
		if h.cue.key == "discover" {
			r = 3
		}
		rank = max(rank, r)
	}
	// "委託先より報告", "警察から連絡": told by someone else. A report made
	// to an authority ("委員会に報告") is not a discovery. When the incident
	// happened at a third party, being told is when the organization
	// learned of it, whatever the third party found before.
	text := n.Text[c.Start:c.End]
	told := found["told"] || (found["report"] && !strings.Contains(text, "に報告") && !strings.Contains(text, "へ報告") &&
		fromSomeone(text))
	switch {
	case told && viaThirdParty:
		rank = toldByThirdParty
	case told:
		rank = max(rank, 3)
	}
	if rank == 0 && found["occurred"] && x.lex.causes.find(n, c.Start, c.End) != nil {
		rank = occurred
	}
	// "類似の事象と思われる内容について問い合わせ", "…にも同様の不正アクセス":
	// a sign of something else, weaker than this incident's own discovery.
	if found["other_event"] {
		rank = min(rank, weak)
	}
	return rank
}

// exposure is the first period said to be when data was exposed: a range
// in a sentence about a 期間 or a leak, not about the investigation.
func (x dateExtractor) exposure(n *Notice) (corpus.Period, Span, bool) {
	var fallback *corpus.Period
	var fallbackSpan Span
	for k := 1; k < len(n.Dates); k++ {
		if !n.Dates[k].RangeEnd {
			continue
		}
		s := n.sentenceAt(n.Dates[k-1].Start)
		text := n.Text[s.Start:s.End]
		if strings.Contains(text, "調査") {
			continue
		}
		p := corpus.Period{From: toDate(n.Dates[k-1].Date), To: toDate(n.Dates[k].Date)}
		if strings.Contains(text, "期間") || strings.Contains(text, "発生") {
			return p, s, true
		}
		if fallback == nil && x.lex.context.has(n, s.Start, s.End, "leak") {
			fallback, fallbackSpan = &p, s
		}
	}
	if fallback != nil {
		return *fallback, fallbackSpan, true
	}
	return corpus.Period{}, Span{}, false
}

// eventCues are checked in order; the first whose cue is in a date's
// clause names the event.
var eventCues = []struct {
	kind corpus.EventKind
	keys []string // all must be present
}{
	{corpus.EventPPCReport, []string{"ppc", "report"}},
	{corpus.EventPoliceReport, []string{"police", "report"}},
	{corpus.EventDiscovered, []string{"discover"}},
	{corpus.EventContained, []string{"contain"}},
	{corpus.EventRestored, []string{"restore"}},
	{corpus.EventPublished, []string{"publish"}},
	{corpus.EventNotified, []string{"notify"}},
}

// timeline lists each dated event once, in date order.
func (x dateExtractor) timeline(n *Notice, dateline Span) []corpus.Event {
	var out []corpus.Event
	seen := map[string]bool{}
	for k := range n.Dates {
		m := n.Dates[k]
		if !m.Date.Complete() || n.inRange(k) || (m.Start >= dateline.Start && m.End <= dateline.End) {
			continue
		}
		c := n.clause(k)
		// What precedes a date in its sentence names the event too:
		// "個人情報保護委員会には2023年12月8日に報告済み".
		s := n.sentenceAt(m.Start)
		if k > 0 && n.Dates[k-1].End > s.Start {
			s.Start = n.Dates[k-1].End
		}
		c.Start = min(c.Start, max(s.Start, m.Start-len(near(n.Text, m.Start, 30, false))))
		found := map[string]bool{}
		for _, h := range x.lex.context.find(n, c.Start, c.End) {
			found[h.cue.key] = true
		}
		for _, ev := range eventCues {
			ok := true
			for _, key := range ev.keys {
				ok = ok && found[key]
			}
			if !ok {
				continue
			}
			key := m.Date.String() + string(ev.kind)
			if !seen[key] {
				seen[key] = true
				out = append(out, corpus.Event{Date: toDate(m.Date), Kind: ev.kind, Text: shorten(n.quote(c), 80)})
			}
			break
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// shorten cuts s to at most max runes.
func shorten(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}
