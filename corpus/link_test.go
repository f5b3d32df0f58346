package corpus

import (
	"strings"
	"testing"
)

func TestOrgKey(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"株式会社サンプル", "サンプル"},
		{"サンプル株式会社", "サンプル"},
		{"サンプル 株式会社", "サンプル"},
		{"㈱サンプル", "サンプル"},
		{"(株)サンプル", "サンプル"},
		{"（株）サンプル", "サンプル"},
		{"ｻﾝﾌﾟﾙ株式会社", "サンプル"},
		{"有限会社キャプテントム", "キャプテントム"},
		{"(有)キャプテントム", "キャプテントム"},
		{"独立行政法人日本学生支援機構", "日本学生支援機構"},
		{"一般財団法人 国際ビジネスコミュニケーション協会", "国際ビジネスコミュニケーション協会"},
		{"医療法人社団 サンプル会 サンプル病院", "サンプル会サンプル病院"},
		{"ＳＨＩＧＥＴＡ　株式会社", "shigeta"},
		{"SHIGETA 株式会社", "shigeta"},
		{"Sample Co., Ltd.", "sample"},
		{"サンプル・ホールディングス株式会社", "サンプルホールディングス"},
		{"城南信用金庫", "城南信用金庫"}, // part of the name, not a legal form
		{"株式会社", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := OrgKey(tt.in); got != tt.want {
			t.Errorf("OrgKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSerial(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"【セキュリティ事件簿#2023-446】OLTA 【INVOY】顧客情報流出に関するご報告とお詫び\n本文", "2023-446"},
		{"【セキュリティ事件簿＃２０２３－４４６】OLTA お詫び", "2023-446"},
		{"【セキュリティ事件簿#2022】株式会社バンタン 不正アクセス", ""}, // a year tag, not a number
		{"【INVOY】顧客情報流出に関するご報告とお詫び", ""},
		{"お知らせ\n【セキュリティ事件簿#2023-446】", ""}, // only the heading line counts
	}
	for _, tt := range tests {
		if got := Serial(tt.text); got != tt.want {
			t.Errorf("Serial(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestGap(t *testing.T) {
	tests := []struct {
		a, b Date
		want int
	}{
		{Date{2024, 5, 10}, Date{2024, 5, 10}, 0},
		{Date{2024, 5, 10}, Date{2024, 5, 14}, 4},
		{Date{2024, 5, 14}, Date{2024, 5, 10}, 4},
		{Date{2024, 5, 0}, Date{2024, 5, 31}, 0},
		{Date{2024, 5, 0}, Date{2024, 6, 3}, 3},
		{Date{2024, 0, 0}, Date{2025, 1, 2}, 2},
		{Date{}, Date{2024, 5, 10}, 0},
	}
	for _, tt := range tests {
		if got := gap(tt.a, tt.b); got != tt.want {
			t.Errorf("gap(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// Fictional notices of one organization's incidents.
const (
	ransom1 = "当社サーバーへの不正アクセスについて(第1報)\n" +
		"このたび、当社サーバーがランサムウェアに感染し、ファイルが暗号化されていることを確認しました。" +
		"現在、外部専門機関の協力のもと調査を進めております。お客様には多大なるご迷惑をおかけし、深くお詫び申し上げます。"
	ransom2 = "当社サーバーへの不正アクセスについて(第2報)\n" +
		"このたび、当社サーバーがランサムウェアに感染し、ファイルが暗号化されていることを確認しました。" +
		"調査の結果、お客様の氏名、住所、電話番号 約1,200件が流出した可能性があることが判明しました。" +
		"対象のお客様には個別にご連絡いたします。お客様には多大なるご迷惑をおかけし、深くお詫び申し上げます。"
	misdelivery = "メール誤送信に関するお詫び\n" +
		"当社担当者が顧客向けのご案内メールを送信する際、宛先をBCCではなくTOに設定したため、" +
		"メールアドレス152件が他の受信者に表示されました。お客様には多大なるご迷惑をおかけし、深くお詫び申し上げます。"
	intrusion = "当社ウェブサイトへの不正アクセスに関するお知らせ\n" +
		"当社ウェブサイトの脆弱性を突いた第三者からの不正アクセスにより、会員情報が閲覧された可能性があることが判明しました。" +
		"お客様には多大なるご迷惑をおかけし、深くお詫び申し上げます。"
)

func seqp(n int) *int { return &n }

func notice(org, text, cause string, published, discovered Date, sequence *int) Incident {
	title, _, _ := strings.Cut(text, "\n")
	return Incident{Organization: org, Title: title, Text: text, Causes: []string{cause},
		Published: published, Discovered: discovered, Sequence: sequence}
}

func TestLink(t *testing.T) {
	may10, may14 := Date{2024, 5, 10}, Date{2024, 5, 14}
	tests := []struct {
		name string
		held Incident // the report already in a case
		new  Incident
		want bool
	}{
		{"第1報 and 第2報, same discovery day",
			notice("株式会社サンプル", ransom1, "ransomware", Date{2024, 5, 12}, may10, seqp(1)),
			notice("株式会社サンプル", ransom2, "ransomware", Date{2024, 5, 30}, may10, seqp(2)), true},
		{"第1報 and 第2報, dates unknown, similar text",
			notice("株式会社サンプル", ransom1, "ransomware", Date{}, Date{}, seqp(1)),
			notice("株式会社サンプル", ransom2, "ransomware", Date{}, Date{}, seqp(2)), true},
		{"株式会社サンプル and サンプル",
			notice("株式会社サンプル", ransom1, "ransomware", Date{}, may10, nil),
			notice("サンプル", ransom2, "ransomware", Date{}, may10, seqp(2)), true},
		{"㈱ and half-width kana",
			notice("㈱サンプル", ransom1, "ransomware", Date{}, may10, nil),
			notice("ｻﾝﾌﾟﾙ 株式会社", ransom2, "ransomware", Date{}, may10, nil), true},
		{"first report says intrusion, second ransomware: one family",
			notice("株式会社サンプル", ransom1, "unauthorized_access", Date{}, may10, seqp(1)),
			notice("株式会社サンプル", ransom2, "ransomware", Date{}, may10, seqp(2)), true},
		{"same serial, little text in common",
			notice("OLTA", "【セキュリティ事件簿#2023-446】OLTA お詫び\n"+ransom1, "misdisplay", Date{}, Date{}, nil),
			notice("OLTA", "【セキュリティ事件簿#2023-446】OLTA 続報\n"+misdelivery, "misconfiguration", Date{}, Date{}, nil), true},
		{"same organization, incidents months apart",
			notice("株式会社サンプル", ransom1, "ransomware", Date{2024, 5, 12}, may10, nil),
			notice("株式会社サンプル", intrusion, "unauthorized_access", Date{2024, 11, 8}, Date{2024, 11, 2}, nil), false},
		{"same organization, discoveries four days apart, similar text",
			notice("株式会社サンプル", ransom1, "ransomware", Date{}, may10, nil),
			notice("株式会社サンプル", ransom2, "ransomware", Date{}, may14, nil), false},
		{"same organization and day, different causes",
			notice("株式会社サンプル", ransom1, "ransomware", Date{}, may10, nil),
			notice("株式会社サンプル", misdelivery, "misdelivery", Date{}, may10, nil), false},
		{"same organization, template text, published years apart",
			notice("株式会社サンプル", ransom1, "ransomware", Date{2022, 3, 1}, Date{}, nil),
			notice("株式会社サンプル", ransom1, "ransomware", Date{2024, 5, 12}, Date{}, nil), false},
		{"same organization, different serials",
			notice("OLTA", "【セキュリティ事件簿#2023-446】OLTA お詫び\n"+ransom1, "ransomware", Date{}, may10, nil),
			notice("OLTA", "【セキュリティ事件簿#2024-012】OLTA お詫び\n"+ransom1, "ransomware", Date{}, may10, nil), false},
		{"same organization, no signal",
			notice("株式会社サンプル", ransom1, "ransomware", Date{}, Date{}, nil),
			notice("株式会社サンプル", intrusion, "unauthorized_access", Date{}, Date{}, nil), false},
		{"different organizations, same text",
			notice("株式会社サンプル", ransom1, "ransomware", Date{}, may10, nil),
			notice("株式会社レイ", ransom1, "ransomware", Date{}, may10, nil), false},
		{"organization unknown",
			notice("", ransom1, "ransomware", Date{}, may10, nil),
			notice("", ransom2, "ransomware", Date{}, may10, nil), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cands := []Candidate{{ID: "held", Reports: []Report{NewReport(tt.held)}}}
			id, ok := Link(NewReport(tt.new), cands)
			if ok != tt.want || (ok && id != "held") {
				t.Errorf("Link = %q, %v; want %v (conflict %q, score %.2f)", id, ok, tt.want,
					Conflict(NewReport(tt.held), NewReport(tt.new)), Score(NewReport(tt.held), NewReport(tt.new)))
			}
		})
	}
}

func TestLinkPicksBestCase(t *testing.T) {
	may10 := Date{2024, 5, 10}
	r := NewReport(notice("サンプル", ransom2, "ransomware", Date{}, may10, seqp(2)))
	weak := Candidate{ID: "weak", Reports: []Report{NewReport(notice("サンプル", intrusion, "ransomware", Date{}, may10, nil))}}
	strong := Candidate{ID: "strong", Reports: []Report{NewReport(notice("サンプル", ransom1, "ransomware", Date{}, may10, seqp(1)))}}
	conflicting := Candidate{ID: "conflicting", Reports: []Report{
		NewReport(notice("サンプル", ransom1, "ransomware", Date{}, may10, seqp(1))),
		NewReport(notice("サンプル", ransom1, "misdelivery", Date{}, may10, nil)),
	}}
	for _, cands := range [][]Candidate{{weak, strong, conflicting}, {conflicting, strong, weak}} {
		if id, ok := Link(r, cands); !ok || id != "strong" {
			t.Errorf("Link = %q, %v; want strong", id, ok)
		}
	}
	if id, ok := Link(r, []Candidate{conflicting}); ok {
		t.Errorf("Link = %q; want no case: one of its reports conflicts", id)
	}
}

func TestContainment(t *testing.T) {
	a, b := Grams("あいうえおか"), Grams("あいうえおかきくけこ")
	if got := Containment(a, b); got != 1 {
		t.Errorf("Containment(prefix, whole) = %v, want 1", got)
	}
	if got := Containment(Grams("あい"), b); got != 0 {
		t.Errorf("Containment(too short) = %v, want 0", got)
	}
	if got := Containment(Grams("さしすせそ"), b); got != 0 {
		t.Errorf("Containment(disjoint) = %v, want 0", got)
	}
}
