package parse

import (
	"context"
	"testing"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

// benchNotice is a typical card-skimming notice of about 6 KB: dateline and
// signature, a history with dates, two lists of leaked items, the requests
// to customers, and the reports to the authorities.
const benchNotice = `当社ECサイトへの不正アクセスによる個人情報漏えいに関するお詫びとお知らせ

2024年10月4日
株式会社サンプル家具
代表取締役社長 中村 誠

このたび、株式会社サンプル家具(以下「当社」といいます。)が運営する「サンプル家具オンラインストア」(以下「本サイト」といいます。)におきまして、第三者による不正アクセスを受け、お客様のクレジットカード情報(8,215件)及び個人情報(12,604件)が漏洩した可能性があることが判明いたしました。

お客様をはじめ、関係者の皆様に多大なるご迷惑およびご心配をおかけする事態となりましたこと、深くお詫び申し上げます。

なお、個人情報が漏洩した可能性のあるお客様には、本日より、電子メールにて個別にご連絡申し上げております。また、配信不能等でメールがお届けできなかった方、メールアドレスが未登録の方には書状にてご連絡申し上げます。

本件に関する概要につきまして、下記のとおりご報告いたします。

1.経緯
2024年6月14日、一部のクレジットカード会社から、本サイトを利用したお客様のクレジットカード情報の漏洩懸念について連絡を受け、同日、本サイトでのカード決済を停止いたしました。
同時に、第三者調査機関による調査を開始いたしました。2024年8月23日、調査機関による調査が完了し、2023年11月2日から2024年6月14日までの期間に本サイトで購入されたお客様のクレジットカード情報が漏洩し、一部のお客様のクレジットカード情報が不正利用された可能性があることを確認いたしました。
以上の事実が確認できたため、本日の発表に至りました。

2.個人情報漏洩状況
(1)原因
本サイトのシステムの一部の脆弱性をついたことによる第三者の不正アクセスにより、ペイメントアプリケーションの改ざんが行われたため。

(2)クレジットカード情報漏洩の可能性があるお客様
2023年11月2日から2024年6月14日までの期間中に本サイトにおいてクレジットカード決済をされたお客様8,215名で、漏洩した可能性のある情報は以下のとおりです。
・カード名義人名
・クレジットカード番号
・有効期限
・セキュリティコード

(3)個人情報漏洩の可能性があるお客様
2024年6月14日までに本サイトに会員登録をされたお客様、及び本サイトで商品を購入されたお客様12,604名で、漏洩した可能性のある情報は以下のとおりです。
・氏名
・住所
・電話番号
・メールアドレス
・生年月日
・性別
・購入履歴
なお、本サイトのログインパスワードは暗号化して保存しており、復元される可能性は極めて低いと考えております。

上記に該当するお客様については、別途、電子メールまたは書状にて個別にご連絡申し上げます。

3.お客様へのお願い
(1)クレジットカード利用明細のご確認のお願い
既に当社では、クレジットカード会社と連携し、漏洩した可能性のあるクレジットカードによる取引のモニタリングを継続して実施し、不正利用の防止に努めております。
お客様におかれましても、誠に恐縮ではございますがクレジットカードのご利用明細書に身に覚えのない請求項目がないか、今一度ご確認をお願いいたします。万が一、身に覚えのない請求項目の記載があった場合は、たいへんお手数ですが同クレジットカードの裏面に記載のカード会社にお問い合わせいただきますよう、併せてお願い申し上げます。
なお、お客様がクレジットカードの差し替えをご希望される場合、カード再発行の手数料につきましてはお客様にご負担をお掛けしないよう、当社よりクレジットカード会社に依頼しております。

(2)不審なメール及び電話への注意喚起
身に覚えのない電子メールが届いた場合には、メールを開かずに削除していただくか、不審なリンクや添付ファイルをクリックしたりしないようお願いいたします。不審な電話がかかってきた場合には、お客様の重要な情報等は決してお伝えにならないようお願いいたします。

4.公表が遅れた経緯について
2024年6月14日の漏洩懸念から今回の案内に至るまで、時間を要しましたことを深くお詫び申し上げます。
本来であれば疑いがある時点でお客様にご連絡し、注意を喚起するとともにお詫び申し上げるところではございましたが、決済代行会社と協議し、不確定な情報の公開はいたずらに混乱を招き、お客様へのご迷惑を最小限に食い止める対応準備を整えてからの告知が不可欠であるとの説明を受け、発表は調査会社の調査結果、およびカード会社との連携を待ってから行うことといたしました。
今回の発表までお時間をいただきましたこと、重ねてお詫び申し上げます。

5.再発防止策ならびに本サイトの再開について
当社はこのたびの事態を厳粛に受け止め、調査結果を踏まえてシステムのセキュリティ対策および監視体制の強化を行い、再発防止を図ってまいります。
改修後の本サイトの再開日につきましては、決定次第、改めてWebサイト上にてお知らせいたします。

また、当社は今回の不正アクセスにつきまして、監督官庁である個人情報保護委員会には2024年6月18日に報告済みであり、また、所轄警察である架空県警察本部にも2024年6月20日に被害申告しており、今後捜査にも全面的に協力してまいります。

6.本件に関するお問い合わせ窓口
株式会社サンプル家具 お客様相談窓口
電話番号:0120-000-000
受付時間:10時から18時まで(土日祝日を除く)
`

// BenchmarkExtract measures a whole extraction of one notice: cleaning,
// kagome tokenization, and every extractor.
func BenchmarkExtract(b *testing.B) {
	a := testAnalyzer(b) // the dictionary loads once, outside the timing
	p := Page{Source: "bench.txt", Body: []byte(benchNotice)}
	ctx := context.Background()
	b.SetBytes(int64(len(p.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := a.Extract(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTokenize measures kagome alone on the same notice, as Extract
// tokenizes it: the floor under BenchmarkExtract.
func BenchmarkTokenize(b *testing.B) {
	a := testAnalyzer(b)
	text := fold(benchNotice)
	b.SetBytes(int64(len(benchNotice)))
	b.ReportAllocs()
	for b.Loop() {
		if toks := a.tok.Analyze(text, tokenizer.Normal); len(toks) == 0 {
			b.Fatal("no tokens")
		}
	}
}

// BenchmarkExtractParallel measures one Analyzer shared by GOMAXPROCS
// goroutines, as a crawl extracts pages.
func BenchmarkExtractParallel(b *testing.B) {
	a := testAnalyzer(b)
	p := Page{Source: "bench.txt", Body: []byte(benchNotice)}
	b.SetBytes(int64(len(p.Body)))
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		ctx := context.Background()
		for pb.Next() {
			if _, err := a.Extract(ctx, p); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// TestBenchNotice keeps the benchmark honest: the notice it times is read
// as a reader would read it.
func TestBenchNotice(t *testing.T) {
	in := extractOne(t, benchNotice)
	for _, c := range []check{
		wantOrg("株式会社サンプル家具"),
		wantPublished("2024-10-04"),
		wantDiscovered("2024-06-14"),
		wantCause("payment_tampering"),
		wantHasDataTypes("name", "address", "phone", "email", "birthdate", "gender", "card_number", "card_expiry", "card_security_code", "transaction"),
		wantPPC(true),
		wantPolice(true),
		wantNoSequence(),
	} {
		c(t, in)
	}
}
