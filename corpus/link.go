package corpus

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Linking decides whether a newly stored report is another report of an
// incident the store already holds: a 第2報 or 続報, a final report, or the
// same notice reposted by an aggregator. Merging two different incidents
// loses one of them from every count, while a missed link only shows one
// incident twice, so the rule is strict: the organization must match, some
// positive signal must tie the two reports, and no known fact may contradict
// it.

// Thresholds of the link rule. SimilarityThreshold was calibrated on the 69
// extracted seed and dev notices (2,346 pairs): the three reports of the
// OLTA/INVOY incident score 0.67–0.82 against each other; different
// incidents score at most 0.35 (shared apology boilerplate), except notices
// written from one template (web-skimming notices, 0.68–0.78), which only
// the organization and the dates tell apart.
const (
	SimilarityThreshold = 0.5
	maxDiscoveredGap    = 3   // days
	maxPublishedGap     = 400 // days
)

// legalForms are the legal-person forms OrgKey drops, longest first so that
// 医療法人社団 goes before 医療法人 can leave 社団 behind. Forms that are
// part of a name's meaning (信用金庫, 協同組合) stay.
var legalForms = []string{
	"地方独立行政法人", "国立研究開発法人", "特定非営利活動法人",
	"独立行政法人", "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人",
	"医療法人社団", "医療法人財団", "社会福祉法人", "国立大学法人", "公立大学法人",
	"株式会社", "有限会社", "合同会社", "合資会社", "合名会社",
	"医療法人", "学校法人", "宗教法人", "社団法人", "財団法人", "npo法人",
	"co.,ltd.", "co.ltd.", "co.,ltd", "inc.", "ltd.",
	"(株)", "(有)", "(同)", "(医)", "(学)", "(社)", "(財)",
}

// OrgKey normalizes an organization name for comparison: NFKC (full-width
// letters and digits to half width, ㈱ to (株)), lowercase, spaces and middle
// dots removed, legal forms removed. "株式会社サンプル", "サンプル 株式会社"
// and "㈱サンプル" all give "サンプル". An empty or form-only name gives "".
func OrgKey(name string) string {
	s := strings.ToLower(norm.NFKC.String(name))
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '・' || r == '･' {
			return -1
		}
		return r
	}, s)
	for _, f := range legalForms {
		s = strings.ReplaceAll(s, f, "")
	}
	return s
}

// serialPattern finds an aggregator's incident number in a heading:
// 【セキュリティ事件簿#2023-446】. A bare #2022 is a year tag, not a number.
var serialPattern = regexp.MustCompile(`【[^】\n]{0,40}#\s*([0-9]{4}-[0-9]{1,6})[^】\n]{0,20}】`)

// Serial returns the aggregator's incident number in the first line of a
// notice text, or "" when there is none.
func Serial(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	if m := serialPattern.FindStringSubmatch(norm.NFKC.String(line)); m != nil {
		return m[1]
	}
	return ""
}

// gramSize is the n of the character n-grams texts are compared by; 3 keeps
// common two-kanji words (漏えい, 情報) from making unrelated notices alike.
const gramSize = 3

// Grams returns the set of character trigrams of a text after NFKC, with
// white space removed.
func Grams(text string) map[string]struct{} {
	rs := []rune(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, norm.NFKC.String(text)))
	set := make(map[string]struct{}, len(rs))
	for i := 0; i+gramSize <= len(rs); i++ {
		set[string(rs[i:i+gramSize])] = struct{}{}
	}
	return set
}

// Containment is |a ∩ b| / min(|a|, |b|): how much of the shorter text the
// longer one holds. It suits follow-ups, which repeat a first report and add
// to it, better than Jaccard, which the additions would dilute.
func Containment(a, b map[string]struct{}) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	n := 0
	for g := range a {
		if _, ok := b[g]; ok {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// causeFamily groups causes an extractor, or a first report written before
// the investigation ended, easily confuses: a 第1報's 不正アクセス is often a
// 第2報's ランサムウェア, 紛失 turns out to be 盗難, a screen showing others'
// data is a bug to one report and a setting to the next. Causes of different
// families are different incidents.
var causeFamily = map[string]string{
	"unauthorized_access": "attack", "payment_tampering": "attack", "ransomware": "attack",
	"malware": "attack", "account_compromise": "attack", "phishing": "attack",
	"misdisplay": "exposure", "misconfiguration": "exposure",
	"loss": "physical", "theft": "physical", "improper_disposal": "physical",
	"misdelivery": "misdelivery",
	"insider":     "insider",
}

// Report is what linking reads of one report: build it with NewReport once
// per report, as the n-gram set is costly.
type Report struct {
	OrgKey     string
	Serial     string
	Cause      string // primary cause, "" when unknown
	Discovered Date
	Published  Date
	grams      map[string]struct{}
}

// NewReport extracts the link signals of an incident.
func NewReport(in Incident) Report {
	if in.Serial == "" {
		in.Serial = Serial(in.Text)
	}
	r := Report{
		OrgKey:     OrgKey(in.Organization),
		Serial:     in.Serial,
		Discovered: in.Discovered,
		Published:  in.Published,
		grams:      Grams(in.Text),
	}
	if len(in.Causes) > 0 && in.Causes[0] != CauseUnknown {
		r.Cause = in.Causes[0]
	}
	return r
}

// Conflict returns why a and b cannot be reports of one incident, or "".
func Conflict(a, b Report) string {
	switch {
	case a.OrgKey == "" || a.OrgKey != b.OrgKey:
		return "organization"
	case a.Serial != "" && b.Serial != "" && a.Serial != b.Serial:
		return "serial"
	case a.Cause != "" && b.Cause != "" && family(a.Cause) != family(b.Cause):
		return "cause"
	case gap(a.Discovered, b.Discovered) > maxDiscoveredGap:
		return "discovered"
	case gap(a.Published, b.Published) > maxPublishedGap:
		return "published"
	}
	return ""
}

func family(cause string) string {
	if f, ok := causeFamily[cause]; ok {
		return f
	}
	return cause
}

// Score returns how strongly a and b look like reports of one incident:
// 2 for the same aggregator number, 1 for the same day of discovery, plus
// the text similarity when it reaches SimilarityThreshold. Zero means no
// positive signal; Score does not check Conflict.
func Score(a, b Report) float64 {
	s := 0.0
	if a.Serial != "" && a.Serial == b.Serial {
		s += 2
	}
	if complete(a.Discovered) && a.Discovered == b.Discovered {
		s++
	}
	if c := Containment(a.grams, b.grams); c >= SimilarityThreshold {
		s += c
	}
	return s
}

// Candidate is a case linking may choose: its id and its reports.
type Candidate struct {
	ID      string
	Reports []Report
}

// Link picks the case a new report belongs to: among the candidates none
// of whose reports conflicts with it, the one with the best score of any of
// its reports; ties go to the earlier candidate. ok is false when no case
// qualifies.
func Link(r Report, cands []Candidate) (id string, ok bool) {
	best := 0.0
	for _, c := range cands {
		if slices.ContainsFunc(c.Reports, func(o Report) bool { return Conflict(r, o) != "" }) {
			continue
		}
		for _, o := range c.Reports {
			if s := Score(r, o); s > best {
				best, id, ok = s, c.ID, true
			}
		}
	}
	return id, ok
}

func complete(d Date) bool { return d.Year != 0 && d.Month != 0 && d.Day != 0 }

// gap returns the days between two dates, reading a partial date as the
// span it covers (2023-11 is 11/1–11/30), so a month-only date conflicts only
// with days outside its month; 0 when either is unknown or they overlap.
func gap(a, b Date) int {
	if a.IsZero() || b.IsZero() {
		return 0
	}
	aFrom, aTo := span(a)
	bFrom, bTo := span(b)
	switch {
	case aTo.Before(bFrom):
		return int(bFrom.Sub(aTo).Hours() / 24)
	case bTo.Before(aFrom):
		return int(aFrom.Sub(bTo).Hours() / 24)
	}
	return 0
}

func span(d Date) (from, to time.Time) {
	switch {
	case d.Month == 0:
		from = time.Date(d.Year, 1, 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(1, 0, -1)
	case d.Day == 0:
		from = time.Date(d.Year, time.Month(d.Month), 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(0, 1, -1)
	}
	from = time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	return from, from
}
