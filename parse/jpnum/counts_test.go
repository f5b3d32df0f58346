package jpnum

import (
	"fmt"
	"strings"
	"testing"
)

// want describes one expected Count by the text it covers, so that the
// table checks the offsets without spelling out byte positions.
type want struct {
	span  string // text[Start:End]
	num   string // text[NumStart:NumEnd]
	value int64
	unit  string
	qual  string
}

var countsTests = []struct {
	name string
	text string
	want []want
}{
	// Separators and full width.
	{"comma", "お客様1,234名の氏名が", []want{{"1,234名", "1,234", 1234, "名", ""}}},
	{"full width", "対象者は１，２３４名です。", []want{{"１，２３４名", "１，２３４", 1234, "名", ""}}},
	{"full width comma", "1，234件の情報", []want{{"1，234件", "1，234", 1234, "件", ""}}},
	{"five digits", "合計12,345件となります。", []want{{"12,345件", "12,345", 12345, "件", ""}}},

	// Kanji.
	{"kanji thousands", "二千五百件の個人情報", []want{{"二千五百件", "二千五百", 2500, "件", ""}}},
	{"kanji man", "一万二千三百四十五名分のデータ", []want{{"一万二千三百四十五名分", "一万二千三百四十五", 12345, "名分", ""}}},
	{"kanji hundreds", "従業員三百人が利用", []want{{"三百人", "三百", 300, "人", ""}}},
	{"kanji ten", "十件の問い合わせ", []want{{"十件", "十", 10, "件", ""}}},
	{"kanji digits", "二〇二三件", []want{{"二〇二三件", "二〇二三", 2023, "件", ""}}},
	{"daiji", "壱万件", []want{{"壱万件", "壱万", 10000, "件", ""}}},

	// 万 and 億 with decimals and mixes.
	{"decimal man", "約1.2万件の情報", []want{{"約1.2万件", "1.2万", 12000, "件", "約"}}},
	{"man", "約5万件が流出", []want{{"約5万件", "5万", 50000, "件", "約"}}},
	{"man sen", "3万5千件", []want{{"3万5千件", "3万5千", 35000, "件", ""}}},
	{"man sen 2", "最大2万3千件に", []want{{"最大2万3千件", "2万3千", 23000, "件", "最大"}}},
	{"oku", "1億2000万件の", []want{{"1億2000万件", "1億2000万", 120000000, "件", ""}}},
	{"man ninbun", "12万人分の", []want{{"12万人分", "12万", 120000, "人分", ""}}},
	{"sen", "5千件", []want{{"5千件", "5千", 5000, "件", ""}}},

	// Qualifiers before and after.
	{"oyoso", "およそ300名の", []want{{"およそ300名", "300", 300, "名", "約"}}},
	{"ookune", "概ね300名", []want{{"概ね300名", "300", 300, "名", "約"}}},
	{"saidai", "最大2,345名の", []want{{"最大2,345名", "2,345", 2345, "名", "最大"}}},
	{"saidai de yaku", "最大で約1万件の", []want{{"最大で約1万件", "1万", 10000, "件", "最大"}}},
	{"saidai de space", "最大で 約 1万件", []want{{"最大で 約 1万件", "1万", 10000, "件", "最大"}}},
	{"jougen", "上限1,000件まで", []want{{"上限1,000件", "1,000", 1000, "件", "最大"}}},
	{"nobe hiragana", "のべ33件の", []want{{"のべ33件", "33", 33, "件", "延べ"}}},
	{"nobe kanji", "延べ33件の", []want{{"延べ33件", "33", 33, "件", "延べ"}}},
	{"ijou", "100件以上の", []want{{"100件以上", "100", 100, "件", "以上"}}},
	{"chou", "1万件超の", []want{{"1万件超", "1万", 10000, "件", "以上"}}},
	{"wo koeru", "1万人を超えるお客様", []want{{"1万人を超える", "1万", 10000, "人", "以上"}}},
	{"wo koe", "1万人を超え、", []want{{"1万人を超え", "1万", 10000, "人", "以上"}}},
	{"yaku teido", "約300件程度", []want{{"約300件程度", "300", 300, "件", "約"}}},
	{"hodo", "30件ほど", []want{{"30件ほど", "30", 30, "件", "約"}}},
	{"miman", "10件未満", []want{{"10件未満", "10", 10, "件", "未満"}}},
	{"ika", "10件以下", []want{{"10件以下", "10", 10, "件", "未満"}}},
	{"jaku", "1万件弱", []want{{"1万件弱", "1万", 10000, "件", "未満"}}},
	{"yaku ijou", "約1万件以上", []want{{"約1万件以上", "1万", 10000, "件", "以上"}}},
	{"yoyaku not yaku", "予約3件", []want{{"3件", "3", 3, "件", ""}}},
	{"keiyaku not yaku", "契約3件", []want{{"3件", "3", 3, "件", ""}}},
	{"keiyaku then yaku", "新規契約約5万件", []want{{"約5万件", "5万", 50000, "件", "約"}}},

	// Counters.
	{"mei", "15名", []want{{"15名", "15", 15, "名", ""}}},
	{"ken", "7,024件", []want{{"7,024件", "7,024", 7024, "件", ""}}},
	{"keiyaku", "14,657契約", []want{{"14,657契約", "14,657", 14657, "契約", ""}}},
	{"setai", "88世帯", []want{{"88世帯", "88", 88, "世帯", ""}}},
	{"account", "401アカウント", []want{{"401アカウント", "401", 401, "アカウント", ""}}},
	{"ninbun", "1466人分", []want{{"1466人分", "1466", 1466, "人分", ""}}},
	{"sha", "取引先3社", []want{{"3社", "3", 3, "社", ""}}},
	{"kou", "市内の12校", []want{{"12校", "12", 12, "校", ""}}},
	{"dantai", "5団体", []want{{"5団体", "5", 5, "団体", ""}}},
	{"kouza", "230口座", []want{{"230口座", "230", 230, "口座", ""}}},
	{"mai", "申込書45枚", []want{{"45枚", "45", 45, "枚", ""}}},
	{"tsuu", "メール2,000通", []want{{"2,000通", "2,000", 2000, "通", ""}}},
	{"dai", "パソコン1台", []want{{"1台", "1", 1, "台", ""}}},
	{"ko", "USBメモリ2個", []want{{"2個", "2", 2, "個", ""}}},
	{"kenbun", "3,000件分", []want{{"3,000件分", "3,000", 3000, "件分", ""}}},
	{"meibun", "500名分", []want{{"500名分", "500", 500, "名分", ""}}},
	{"id", "ログイン情報120ID", []want{{"120ID", "120", 120, "ID", ""}}},
	{"id full width", "１２０ＩＤ", []want{{"１２０ＩＤ", "１２０", 120, "ID", ""}}},

	// Spaces between number and counter.
	{"space", "15 名", []want{{"15 名", "15", 15, "名", ""}}},
	{"ideographic space", "15　名", []want{{"15　名", "15", 15, "名", ""}}},

	// Zero is a value, not an absence.
	{"zero", "二次被害は0件です", []want{{"0件", "0", 0, "件", ""}}},

	// Several in one sentence, in order.
	{"several", "氏名15名、メールアドレス7,024件、クレジットカード情報約300件",
		[]want{
			{"15名", "15", 15, "名", ""},
			{"7,024件", "7,024", 7024, "件", ""},
			{"約300件", "300", 300, "件", "約"},
		}},
	{"adjacent", "1件、2件", []want{{"1件", "1", 1, "件", ""}, {"2件", "2", 2, "件", ""}}},
	{"one person", "一人", []want{{"一人", "一", 1, "人", ""}}},

	// Not counts.
	{"year", "2024年", nil},
	{"date", "2月15日", nil},
	{"time", "13時30分", nil},
	{"phone", "099-813-8699", nil},
	{"phone then count", "099-813-8699件", nil},
	{"yen", "2,000円", nil},
	{"age", "30歳", nil},
	{"report number", "第2報", nil},
	{"ordinal count", "第3件", nil},
	{"heading", "1.経緯", nil},
	{"days", "3日間", nil},
	{"percent", "10%", nil},
	{"version", "v1.2", nil},
	{"version counter", "v1.2件", nil},
	{"glued id", "ABC123件", nil},
	{"glued full width", "ＡＢＣ１２３件", nil},
	{"card digits", "カード番号の下4桁", nil},
	{"noun between", "お客様1,234の情報件", nil},
	{"vague", "数百件", nil},
	{"vague man", "数万件", nil},
	{"vague ten", "数十名", nil},
	{"ways", "2通りの方法", nil},
	{"ordinal", "3件目の", nil},
	{"rate", "1件あたり500円", nil},
	{"rate kanji", "お一人様あたり", nil},
	{"per person", "1人当たり", nil},
	{"compensation", "お一人様につき500円分", nil},
	{"compensation 2", "1名様あたり500円分のQUOカード", nil},
	{"each one", "お客様一人ひとりに", nil},
	{"same person", "同一人物", nil},
	{"only one", "唯一の", nil},
	{"just in case", "万一", nil},
	{"unify", "統一件", nil},
	{"individual", "3個人", nil},
	{"fraction", "1.5件", nil},
	{"bad comma", "1,23件", nil},
	{"line break", "15\n名", nil},
	{"place name", "千葉県", nil},
	{"id glued", "3IDEA", nil},
	{"date slash", "2024/3/1件", nil},
	{"placeholder", "対象件数：〇〇件", nil},
	{"empty", "", nil},
}

func TestCounts(t *testing.T) {
	for _, tt := range countsTests {
		t.Run(tt.name, func(t *testing.T) {
			got := Counts(tt.text)
			var gotW []want
			for _, c := range got {
				gotW = append(gotW, want{
					span:  tt.text[c.Start:c.End],
					num:   tt.text[c.NumStart:c.NumEnd],
					value: c.Value,
					unit:  c.Unit,
					qual:  c.Qualifier,
				})
			}
			if fmt.Sprint(gotW) != fmt.Sprint(tt.want) {
				t.Errorf("Counts(%q)\n got %v\nwant %v", tt.text, gotW, tt.want)
			}
		})
	}
}

func TestVocabulary(t *testing.T) {
	if _, err := loadVocabulary(countersTSV); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		"counter\t件",
		"pre\t約\t約",
		"pre\t約\t約\tx",
		"noprefix\t数十",
		"bogus\tx",
		"counter",
		"# only a comment",
	} {
		if _, err := loadVocabulary(bad); err == nil {
			t.Errorf("loadVocabulary(%q) succeeded; want error", bad)
		}
	}
	// Every counter must survive a round trip through Counts.
	for _, c := range vocab.counters {
		got := Counts("合計12" + c.surface + "。")
		if len(got) != 1 || got[0].Unit != c.norm || got[0].Value != 12 {
			t.Errorf("counter %q: got %+v", c.surface, got)
		}
	}
	for _, ws := range [][]word{vocab.counters, vocab.pre, vocab.post} {
		for i := 1; i < len(ws); i++ {
			if len(ws[i].surface) > len(ws[i-1].surface) {
				t.Errorf("%q sorted after shorter %q", ws[i].surface, ws[i-1].surface)
			}
		}
	}
}

// notice is a realistic breach notice paragraph, about 2 KB, used by the
// benchmark and the fuzz corpus.
const notice = `このたび、当社が運営するオンラインショップ「サンプルストア」において、第三者による不正アクセスを受け、お客様の個人情報が流出した可能性があることが判明いたしました。
1.経緯
2024年3月15日13時30分頃、当社システムの監視において不審な通信を検知し、直ちに外部の専門調査会社に調査を依頼いたしました。調査の結果、2023年11月1日から2024年3月15日までの期間に、ウェブアプリケーションの脆弱性を悪用した不正アクセスが行われていたことが確認されました。
2.流出した可能性のある情報
(1)対象：2023年11月1日から2024年3月15日までに当サイトで商品を購入されたお客様、最大で約12,345名
(2)項目：氏名、住所、電話番号、メールアドレス、クレジットカード番号（下4桁）、有効期限
なお、クレジットカード情報については、のべ7,024件、うちセキュリティコードを含むもの約1.2万件程度が含まれている可能性があります。また、会員登録情報として401アカウント、法人会員14,657契約、取引先3社の担当者情報88世帯分が対象となります。
3.二次被害の状況
現時点で、不正利用の報告は0件ですが、一部のお客様から不審なメールを受け取ったとのお問い合わせを30件ほど頂いております。
4.今後の対応
対象となるお客様には、2024年4月1日より順次、メール2,000通および郵送1466人分にてご連絡いたします。お客様一人ひとりに多大なるご迷惑とご心配をおかけいたしますことを深くお詫び申し上げます。
お問い合わせ窓口：099-813-8699（受付時間 平日10時～17時）
`

func TestNotice(t *testing.T) {
	var got []string
	for _, c := range Counts(notice) {
		got = append(got, fmt.Sprintf("%s=%d%s/%s", notice[c.Start:c.End], c.Value, c.Unit, c.Qualifier))
	}
	wantS := strings.Join([]string{
		"最大で約12,345名=12345名/最大",
		"のべ7,024件=7024件/延べ",
		"約1.2万件程度=12000件/約",
		"401アカウント=401アカウント/",
		"14,657契約=14657契約/",
		"3社=3社/",
		"88世帯=88世帯/",
		"0件=0件/",
		"30件ほど=30件/約",
		"2,000通=2000通/",
		"1466人分=1466人分/",
	}, "\n")
	if g := strings.Join(got, "\n"); g != wantS {
		t.Errorf("Counts(notice):\n%s\nwant:\n%s", g, wantS)
	}
}

func BenchmarkCounts(b *testing.B) {
	b.SetBytes(int64(len(notice)))
	b.ReportAllocs()
	for b.Loop() {
		Counts(notice)
	}
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		Parse("一万二千三百四十五")
		Parse("1億2,000万")
	}
}
