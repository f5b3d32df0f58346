package extract

import (
	"strings"
	"testing"

	"github.com/incidex/incidex/corpus"
)

func TestText(t *testing.T) {
	n, seq := int64(50000), 3
	tests := []struct {
		name  string
		in    corpus.Incident
		index int
		has   []string
		not   []string
	}{
		{
			name:  "known values",
			index: 1,
			in: corpus.Incident{
				Source: "notice.html", Organization: "株式会社サンプル", Title: "お詫び",
				Published: corpus.Date{Year: 2024, Month: 3, Day: 1}, Discovered: corpus.Date{Year: 2024, Month: 2},
				Causes: []string{"ransomware", "not_an_id"}, DataTypes: []string{"name", "card_number"},
				Affected: &n, AffectedQualifier: "約", AffectedUnit: "件", Sequence: &seq,
				ViaThirdParty: true, PPCReported: true, LeakStatus: corpus.LeakPossible,
				SecondaryDamage: corpus.DamageNoneConfirmed,
				Exposure:        &corpus.Period{From: corpus.Date{Year: 2023, Month: 11, Day: 1}},
				Timeline:        []corpus.Event{{Date: corpus.Date{Year: 2024, Month: 2}, Kind: corpus.EventDiscovered, Text: "判明"}},
				Evidence: []corpus.Evidence{
					{Field: "causes", Value: "ransomware", Quote: "暗号化"},
					{Field: "data_types", Value: "name", Quote: "氏名A"},
					{Field: "data_types", Value: "name", Quote: "氏名B"},
					{Field: "data_types", Value: "name", Quote: "氏名C"},
					{Field: "data_types", Value: "name", Quote: "氏名D"},
					{Field: "data_types", Value: "name", Quote: "氏名E"},
				},
			},
			has: []string{
				"#2  notice.html", "株式会社サンプル", "お詫び", "2024-03-01", "2024-02",
				"ランサムウェア (ransomware)", "not_an_id", "約50000件", "第3報",
				"氏名", "クレジットカード番号", "「ransomware: 暗号化」", "「name: 氏名A」",
				"(+2 more)", "possible", "none_confirmed", "exposure", "2023-11-01",
				"timeline", "discovered",
			},
			not: []string{"氏名D", "氏名E"},
		},
		{
			name: "unknown values",
			in:   corpus.Incident{Source: "-", Causes: []string{"unknown"}},
			has:  []string{"#1  -", "不明 (unknown)", "不明 (not stated)", "—", "no"},
			not:  []string{"第", "exposure", "timeline", "yes"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := Text(&tt.in, tt.index)
			for _, h := range tt.has {
				if !strings.Contains(out, h) {
					t.Errorf("output does not contain %q:\n%s", h, out)
				}
			}
			for _, h := range tt.not {
				if strings.Contains(out, h) {
					t.Errorf("output contains %q:\n%s", h, out)
				}
			}
			if !strings.HasSuffix(out, "\n\n") {
				t.Errorf("output does not end with a blank line")
			}
		})
	}
}
