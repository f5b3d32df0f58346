package report

import (
	"slices"
	"strconv"
	"strings"

	"github.com/incidex/incidex/corpus"
)

// The report's Japanese wording of the record's enumerations. Causes and
// data types take their labels from corpus/taxonomy.json.
var (
	eventLabels = map[corpus.EventKind]string{
		corpus.EventOccurred:     "発生",
		corpus.EventDiscovered:   "発覚",
		corpus.EventContained:    "封じ込め・停止",
		corpus.EventPPCReport:    "個人情報保護委員会へ報告",
		corpus.EventPoliceReport: "警察へ相談・届出",
		corpus.EventPublished:    "公表",
		corpus.EventRestored:     "復旧",
		corpus.EventNotified:     "本人へ通知",
	}
	leakLabels = map[corpus.LeakStatus]string{
		corpus.LeakConfirmed: "漏えいを確認",
		corpus.LeakPossible:  "漏えいのおそれ",
		corpus.LeakUnknown:   "不明",
	}
	damageLabels = map[corpus.SecondaryDamage]string{
		corpus.DamageConfirmed:     "二次被害あり",
		corpus.DamagePossible:      "二次被害のおそれ",
		corpus.DamageNoneConfirmed: "二次被害は確認されていない",
		corpus.DamageNotStated:     "記載なし",
	}
	// fieldLabels name the facts, in the order a report lists them.
	fieldLabels = []struct{ field, label string }{
		{"title", "件名"},
		{"organization", "組織"},
		{"published", "公表日"},
		{"discovered", "発覚日"},
		{"causes", "原因"},
		{"affected", "対象件数"},
		{"data_types", "漏えい等した情報"},
		{"exposure", "対象期間"},
		{"via_third_party", "委託先・外部サービス経由"},
		{"ppc_reported", "個人情報保護委員会への報告"},
		{"police_reported", "警察への相談・届出"},
		{"sequence", "報数"},
		{"leak_status", "漏えいの状況"},
		{"secondary_damage", "二次被害"},
	}
)

// unknownYear is the key of incidents without a date in counts by year.
const unknownYear = "unknown"

func causeLabel(id string) Label {
	if c, ok := corpus.Taxonomies().Cause(id); ok {
		return Label{ID: id, Label: c.Ja}
	}
	return Label{ID: id, Label: id}
}

func dataTypeLabel(id string) Label {
	if c, ok := corpus.Taxonomies().DataType(id); ok {
		return Label{ID: id, Label: c.Ja}
	}
	return Label{ID: id, Label: id}
}

func causeLabels(in *corpus.Incident) []Label {
	ids := in.Causes
	if len(ids) == 0 {
		ids = []string{corpus.CauseUnknown}
	}
	out := make([]Label, len(ids))
	for i, id := range ids {
		out[i] = causeLabel(id)
	}
	return out
}

func dataTypeLabels(ids []string) []Label {
	out := make([]Label, len(ids))
	for i, id := range ids {
		out[i] = dataTypeLabel(id)
	}
	return out
}

func primaryCause(in *corpus.Incident) Label {
	if len(in.Causes) == 0 {
		return causeLabel(corpus.CauseUnknown)
	}
	return causeLabel(in.Causes[0])
}

func eventLabel(k corpus.EventKind) string {
	if l, ok := eventLabels[k]; ok {
		return l
	}
	return string(k)
}

func leakLabel(s corpus.LeakStatus) Label {
	if s == "" {
		s = corpus.LeakUnknown
	}
	return Label{ID: string(s), Label: leakLabels[s]}
}

func damageLabel(s corpus.SecondaryDamage) Label {
	if s == "" {
		s = corpus.DamageNotStated
	}
	return Label{ID: string(s), Label: damageLabels[s]}
}

// affectedText writes the count as the notice qualified it: 約7,024名,
// 1,000件以上; "不明" when not stated.
func affectedText(in *corpus.Incident) string {
	if in.Affected == nil {
		return "不明"
	}
	n := groupDigits(*in.Affected) + in.AffectedUnit
	switch q := in.AffectedQualifier; q {
	case "以上", "未満":
		return n + q
	default:
		return q + n
	}
}

// groupDigits writes n with thousands separators.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// triggerTexts puts the checklist's PPC reporting triggers
// ("data_type:card_number", "cause:insider", "affected_over") in words,
// one phrase per kind of trigger.
func triggerTexts(triggers []string) []string {
	var types, causes []string
	out := []string{}
	for _, t := range triggers {
		switch {
		case strings.HasPrefix(t, "data_type:"):
			types = append(types, dataTypeLabel(strings.TrimPrefix(t, "data_type:")).Label)
		case strings.HasPrefix(t, "cause:"):
			causes = append(causes, causeLabel(strings.TrimPrefix(t, "cause:")).Label)
		case t == "affected_over":
			out = append(out, "1,000人を超える規模")
		default:
			out = append(out, t)
		}
	}
	if len(causes) > 0 {
		out = slices.Insert(out, 0, "不正の目的によるおそれ（"+strings.Join(causes, "、")+"）")
	}
	if len(types) > 0 {
		out = slices.Insert(out, 0, "要配慮個人情報・財産的被害のおそれのある情報（"+strings.Join(types, "、")+"）")
	}
	return out
}

func yesNo(b bool) string {
	if b {
		return "あり"
	}
	return "なし"
}

// incidentDate is when an incident is counted: its notice's date, else its
// discovery (as incidex stats and search count).
func incidentDate(in *corpus.Incident) corpus.Date {
	if !in.Published.IsZero() {
		return in.Published
	}
	return in.Discovered
}
