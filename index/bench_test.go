package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/incidex/incidex/corpus"
)

// Notice sentences the benchmark documents are assembled from.
var sentences = []string{
	"このたび、当社が運営するオンラインショップにおいて、第三者による不正アクセスを受け、お客様の個人情報が漏えいした可能性があることが判明いたしました。",
	"お客様をはじめ関係者の皆様に多大なるご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。",
	"当社は、外部の専門調査機関に依頼し、不正アクセスの原因および影響範囲について調査を行ってまいりました。",
	"調査の結果、決済画面が改ざんされ、入力されたクレジットカード情報が外部へ送信される状態であったことが分かりました。",
	"漏洩した可能性のある情報は、氏名、住所、電話番号、メールアドレス、クレジットカード番号、有効期限、セキュリティコードです。",
	"社内のファイルサーバーがランサムウェアに感染し、保存されていたデータが暗号化されました。",
	"従業員が業務用のUSBメモリーを帰宅途中に紛失し、警察に遺失届を提出いたしました。",
	"セミナーのご案内メールを送信する際、宛先をBCCではなくTOに設定したため、受信者のメールアドレスが他の受信者に表示されました。",
	"委託先の配送業者において、お客様宛ての書類が別のお客様へ誤送付されていたことが判明しました。",
	"会員向けウェブサイトのシステム改修に伴う不具合により、ログインした会員に他の会員の登録情報が誤表示される事象が発生しました。",
	"本件につきましては、個人情報保護委員会へ報告するとともに、所轄の警察署にも相談しております。",
	"現時点において、本件に起因する個人情報の不正利用等の二次被害は確認されておりません。",
	"対象となるお客様には、本日より順次、電子メールおよび書面にてご連絡を差し上げております。",
	"当社では、今回の事態を厳粛に受け止め、システムのセキュリティ対策および監視体制の強化を図り、再発防止に努めてまいります。",
	"不審なメールや電話にはご注意いただき、カードのご利用明細に身に覚えのない請求がないかご確認ください。",
	"なお、本件に関するお問い合わせは、下記の専用窓口までご連絡くださいますようお願い申し上げます。",
	"設定の不備により、本来は非公開であるべきファイルがインターネット上から閲覧可能な状態となっておりました。",
	"元従業員が在職中に顧客情報を不正に持ち出し、外部の事業者に提供していたことが判明いたしました。",
	"標的型攻撃メールの添付ファイルを開いたことにより、端末がマルウェアに感染したことが原因と考えられます。",
	"廃棄予定の書類を保管していた段ボール箱を、誤って一般ごみとして廃棄していたことが分かりました。",
}

var (
	benchCauses    = []string{"unauthorized_access", "payment_tampering", "ransomware", "malware", "misdelivery", "misdisplay", "misconfiguration", "loss", "insider"}
	benchDataTypes = []string{"name", "address", "phone", "email", "birthdate", "card_number", "card_expiry"}
	benchOrgs      = []string{"株式会社サンプル商事", "架空電機株式会社", "みなと精密工業", "さくら書店", "北斗保険サービス（株）", "東西大学", "市立なぎさ病院"}
	benchTitles    = []string{"不正アクセスによる個人情報漏えいのお知らせ", "ランサムウェア被害に関するお知らせ", "USBメモリーの紛失について", "メール誤送信に関するお詫び", "会員情報の誤表示について"}
)

// genDocs makes n documents of about 3 KB each, deterministic for a seed.
func genDocs(seed uint64, n int) []Doc {
	r := rand.New(rand.NewPCG(seed, 1))
	docs := make([]Doc, n)
	for i := range docs {
		var b strings.Builder
		for b.Len() < 3000 {
			b.WriteString(sentences[r.IntN(len(sentences))])
		}
		in := corpus.Incident{
			Organization:  fmt.Sprintf("%s%d", benchOrgs[r.IntN(len(benchOrgs))], r.IntN(500)),
			Title:         benchTitles[r.IntN(len(benchTitles))],
			Published:     corpus.Date{Year: 2019 + r.IntN(7), Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)},
			Causes:        []string{benchCauses[r.IntN(len(benchCauses))]},
			DataTypes:     []string{"name", benchDataTypes[1+r.IntN(len(benchDataTypes)-1)]},
			ViaThirdParty: r.IntN(3) == 0,
			Text:          b.String(),
		}
		if r.IntN(10) > 0 {
			in.Affected = ptr(int64(1 + r.IntN(200000)))
		}
		docs[i] = Doc{ID: fmt.Sprintf("bench-%d", i), Incident: in, Versions: 1}
	}
	return docs
}

func openBench(b *testing.B) *Index {
	b.Helper()
	ix, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	return ix
}

func BenchmarkPut(b *testing.B) {
	ctx := context.Background()
	ix := openBench(b)
	docs := genDocs(1, batchSize)
	if err := ix.Put(ctx, docs[:1]); err != nil { // load kagome outside the timer
		b.Fatal(err)
	}
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		batch := make([]Doc, len(docs))
		for j, d := range docs {
			d.ID = fmt.Sprintf("put-%d-%d", i, j)
			batch[j] = d
		}
		if err := ix.Put(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/time.Since(start).Seconds(), "docs/s")
}

func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	ix := openBench(b)
	if err := ix.Put(ctx, genDocs(2, 10000)); err != nil {
		b.Fatal(err)
	}
	queries := []struct {
		name string
		q    Query
	}{
		{"match+2filters+facets", Query{Text: "不正アクセス", Causes: []string{"unauthorized_access", "payment_tampering"},
			Since: corpus.Date{Year: 2022}, Facets: true, Limit: 10}},
		{"two words", Query{Text: "個人情報 漏洩", Limit: 10}},
		{"filters+facets", Query{DataTypes: []string{"card_number"}, MinAffected: ptr(int64(1000)), Facets: true, Limit: 10}},
	}
	for _, bq := range queries {
		b.Run(bq.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := ix.Search(ctx, bq.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("similar", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := ix.Similar(ctx, "bench-42", 10); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkAnalyze(b *testing.B) {
	text := genDocs(3, 1)[0].Incident.Text
	if _, err := Analyze(text); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Analyze(text); err != nil {
			b.Fatal(err)
		}
	}
}
