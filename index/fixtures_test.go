package index

import (
	"context"
	"testing"

	"github.com/incidex/incidex/corpus"
)

// The notices below are written for these tests; every organization is
// fictional.
var fixtures = []Doc{
	{ID: "misdisplay-1", Versions: 1, Incident: corpus.Incident{
		Organization: "株式会社サンプル商事",
		Title:        "会員ページにおける他のお客様情報の誤表示に関するお詫び",
		Published:    corpus.Date{Year: 2024, Month: 3, Day: 15},
		Causes:       []string{"misdisplay"}, DataTypes: []string{"name", "address", "email"},
		Affected: ptr(int64(120)),
		Text: "このたび、当社が運営する通販サイトにおいて、システム改修の不具合により、" +
			"一部のお客様がマイページにログインした際、他のお客様の氏名、住所、メールアドレスが誤表示される事象が発生いたしました。" +
			"対象となるお客様は120名です。現在、原因となったキャッシュ設定は修正済みです。",
	}},
	{ID: "misdisplay-2", Versions: 2, Incident: corpus.Incident{
		Organization: "テスト運輸（株）",
		Title:        "配送アプリにおける配送先の誤表示について（第2報）",
		Published:    corpus.Date{Year: 2023, Month: 11, Day: 2},
		Causes:       []string{"misdisplay"}, DataTypes: []string{"name", "address"},
		Affected: ptr(int64(35)), ViaThirdParty: true,
		Text: "委託先が開発した配送アプリの不具合により、別のお客様の配送先住所が誤表示されておりました。" +
			"表示された情報は氏名と住所であり、35件が対象です。委託先とともに再発防止に取り組んでまいります。",
	}},
	{ID: "leak-1", Versions: 1, Incident: corpus.Incident{
		Organization: "架空電機株式会社",
		Title:        "不正アクセスによる個人情報漏えいに関するお知らせ",
		Published:    corpus.Date{Year: 2024, Month: 6, Day: 10},
		Causes:       []string{"unauthorized_access"}, DataTypes: []string{"name", "email", "card_number"},
		Affected: ptr(int64(28000)), PPCReported: true, PoliceReported: true,
		Text: "当社のオンラインショップが第三者による不正アクセスを受け、お客様の個人情報が漏えいした可能性があることが判明いたしました。" +
			"漏えいした可能性のある情報は、氏名、メールアドレス、クレジットカード番号で、最大28,000件です。" +
			"個人情報保護委員会へ報告するとともに、警察にも相談しております。",
	}},
	{ID: "leak-2", Versions: 1, Incident: corpus.Incident{
		Organization: "みなと精密工業株式会社",
		Title:        "ランサムウェア感染による情報漏洩の可能性について",
		Discovered:   corpus.Date{Year: 2024, Month: 1, Day: 20},
		Causes:       []string{"ransomware"}, DataTypes: []string{"name", "phone"},
		Affected: ptr(int64(4500)),
		Text: "社内サーバーがランサムウェアに感染し、取引先および従業員の個人情報が漏洩した可能性がございます。" +
			"当社における第三者調査機関による調査の結果、4,500名分の氏名と電話番号が含まれていることが分かりました。",
	}},
	{ID: "leak-3", Versions: 1, Incident: corpus.Incident{
		Organization: "さくら書店",
		Title:        "お客様情報の流出について",
		Published:    corpus.Date{Year: 2022, Month: 9, Day: 1},
		Causes:       []string{"unauthorized_access"}, DataTypes: []string{"name", "address"},
		Affected: ptr(int64(800)), ViaThirdParty: true,
		Text: "外部の第三者機関の調査により、委託先のサーバーからお客様の個人情報が流出していたことが確認されました。" +
			"流出したのは氏名と住所、800件です。",
	}},
	{ID: "misdelivery-1", Versions: 1, Incident: corpus.Incident{
		Organization: "北斗保険サービス株式会社",
		Title:        "メール誤送信による個人情報の漏えいについて",
		Published:    corpus.Date{Year: 2024, Month: 2, Day: 5},
		Causes:       []string{"misdelivery"}, DataTypes: []string{"name", "email"},
		Affected: ptr(int64(250)),
		Text: "セミナー案内メールを送信する際、本来BCCで送信すべきところを誤ってTOに入力したため、" +
			"受信者250名のメールアドレスが他の受信者に表示される誤送信が発生しました。",
	}},
	{ID: "misdelivery-2", Versions: 1, Incident: corpus.Incident{
		Organization: "有限会社ひかり薬局",
		Title:        "書類の誤送付に関するお詫び",
		Published:    corpus.Date{Year: 2023, Month: 7, Day: 7},
		Causes:       []string{"misdelivery"}, DataTypes: []string{"name", "address"},
		Affected: ptr(int64(1)),
		Text:     "お客様宛ての書類を、封入作業の誤りにより別のお客様へ誤送付いたしました。対象は1名です。",
	}},
	{ID: "loss-1", Versions: 1, Incident: corpus.Incident{
		Organization: "市立なぎさ病院",
		Title:        "患者情報を含むUSBメモリーの紛失について",
		Published:    corpus.Date{Year: 2021, Month: 12, Day: 20},
		Causes:       []string{"loss"}, DataTypes: []string{"name", "birthdate"},
		Affected: ptr(int64(3100)),
		Text: "職員が患者様の氏名と生年月日を記録したUSBメモリーを院外で紛失いたしました。" +
			"3,100名分の情報が含まれております。警察に遺失届を提出しました。",
	}},
	{ID: "loss-2", Versions: 1, Incident: corpus.Incident{
		Organization: "東西大学",
		Title:        "学生情報を保存したUSBメモリの所在不明について",
		Published:    corpus.Date{Year: 2024, Month: 9, Day: 30},
		Causes:       []string{"loss"}, DataTypes: []string{"name"},
		Affected: ptr(int64(95)),
		Text:     "教員が学生95名の氏名を保存したUSBメモリを学内で紛失したことが判明しました。",
	}},
	{ID: "outage-1", Versions: 1, Incident: corpus.Incident{
		Organization: "ひまわりネット",
		Title:        "配信システム障害のお知らせ",
		Published:    corpus.Date{Year: 2024, Month: 4, Day: 1},
		Causes:       []string{"unknown"},
		Text:         "配信システムの障害により、運行情報とお知らせ情報の配信が遅延しました。現在は復旧しております。",
	}},
	{ID: "ransom-1", Versions: 1, Incident: corpus.Incident{
		Organization: "オーシャン物流株式会社",
		Title:        "ランサム攻撃によるシステム障害と情報流出の可能性",
		Published:    corpus.Date{Year: 2025, Month: 1, Day: 15},
		Causes:       []string{"ransomware"}, DataTypes: []string{"name", "address", "phone"},
		Affected: ptr(int64(150000)),
		Text: "当社の物流システムのサーバーがランサム攻撃を受け、データが暗号化されました。" +
			"取引先および個人のお客様約15万件の情報が流出した可能性があります。",
	}},
}

// openFixtures is an index in a temporary directory holding fixtures.
func openFixtures(t testing.TB) *Index {
	t.Helper()
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := ix.Close(); err != nil {
			t.Error(err)
		}
	})
	if err := ix.Put(context.Background(), fixtures); err != nil {
		t.Fatal(err)
	}
	return ix
}

func fixture(id string) Doc {
	for _, d := range fixtures {
		if d.ID == id {
			return d
		}
	}
	panic("no fixture " + id)
}
