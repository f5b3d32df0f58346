package parse

import (
	"context"
	"errors"
	"math/rand"
	"testing"
)

// regressionCases are phrasings the extractors once got wrong, each kept
// as a short fictional notice checked on the field that failed.
var regressionCases = []struct {
	name   string
	text   string
	checks []check
}{
	{
		name: "affected/accounts_without_leak_word",
		text: "不正ログインに関するお知らせ\n2024年4月2日\n株式会社サンプル電機\n" +
			"このたび、当社会員サイトにおいて、1,024件のアカウントについて第三者による不正ログインが行われていたことが判明いたしました。",
		checks: []check{wantAffected(1024), wantCause("account_compromise")},
	},
	{
		name: "affected/parts_under_a_disposal_heading",
		text: "個人情報を含む書類の誤廃棄について\n更新日:2024年6月3日\n架空町役場において、個人情報を含む書類を誤って廃棄する事案が発生しました。\n" +
			"1 経緯\n令和6年5月28日、書庫の整理中に保存期間内の書類を廃棄したことが判明しました。\n" +
			"2 誤って廃棄した書類\n・令和5年度児童手当申込書 120件\n・令和5年度住所変更届 35件\n",
		checks: []check{wantAffected(155), wantCause("improper_disposal")},
	},
	{
		name: "third_party/informant_is_not_the_place",
		text: "メールアドレス流出に関するお詫び\n2024年7月1日\n株式会社架空フーズ\n" +
			"2024年6月27日、学外の取引先から、当社のお知らせメールに他のお客様のメールアドレスが表示されているとの連絡を受け、調査したところ、当社担当者が宛先をBCCではなくTOで送信していたことが判明しました。",
		checks: []check{wantThirdParty(false), wantCause("misdelivery"), wantDiscovered("2024-06-27")},
	},
	{
		name: "title/after_a_dateline",
		text: "公開日:2024年8月30日\n株式会社サンプル旅行 会員情報の流出に関するお詫び\n" +
			"このたび、当社の会員情報が外部から閲覧可能な状態となっていたことが判明しました。",
		checks: []check{wantTitle("株式会社サンプル旅行 会員情報の流出に関するお詫び"), wantPublished("2024-08-30")},
	},
	{
		name: "organization/signatory_title_is_not_one",
		text: "個人情報の紛失について\n\n当社は、お客様の個人情報を記載した書類を紛失したことを2024年2月5日に確認いたしました。深くお詫び申し上げます。\n" +
			"対象のお客様には個別にご連絡いたします。\n再発防止に努めてまいります。\n以上\n\n" +
			"2024年2月9日\n株式会社架空保険サービス\n代表取締役社長 高橋 健\n",
		checks: []check{wantOrg("株式会社架空保険サービス")},
	},
	{
		name:   "data_types/policy_number_is_an_identifier",
		text:   "お客様情報の誤送付について\n株式会社架空保険サービスは、お客様の保険証券番号および氏名が記載された書類を別のお客様に誤って送付したことが判明しました。",
		checks: []check{wantHasDataTypes("customer_id", "name"), wantLacksDataTypes("government_id")},
	},
	{
		name: "organization/phrase_ending_in_self_word",
		text: "個人情報が記載された書類の紛失に関するお詫び\n\nこのたび弊社の従業員が、お客様の名簿を紛失する事案が発生いたしました。\n" +
			"現時点で判明している事実と弊社の対応について、以下のとおりお知らせいたします。\n" +
			"1. 対象となる情報\n・氏名\n・住所\n・電話番号\n2. 経緯\n2025年1月10日 名簿の所在不明が発覚\n2025年1月11日 社内の捜索を実施\n" +
			"3. 原因\n書類の保管場所が定められていなかったためです。\n4. 再発防止策\n保管場所と貸出記録の管理を徹底いたします。\n" +
			"5. お問い合わせ\nご不明な点は下記窓口までご連絡ください。\n以上\n" +
			"2025年1月20日\n\n株式会社架空ライン通信\n",
		checks: []check{wantOrg("株式会社架空ライン通信"), wantCause("loss")},
	},
	{
		name: "organization/city_calling_itself_tou_shi",
		text: "メールアドレスの流出について\n\n 市民課において、過去に小樽市へ講座を申し込まれた方に案内を送付した際、誤って宛先欄に入力して送信したため、メールアドレスが流出する事故が発生しました。\n" +
			"なお、当市のメールサーバーからの送信は停止しております。\n今後、このようなことがないよう、情報管理を徹底してまいります。\n",
		checks: []check{wantOrg("小樽市"), wantCause("misdelivery")},
	},
	{
		name:   "organization/department_after_the_city",
		text:   "個人情報を含むメールの誤送信について\n架空市市民課において、転入手続きの案内メールを送信する際、誤って別の方のメールアドレスに送信する事案が発生しました。",
		checks: []check{wantOrg("架空市"), wantCause("misdelivery")},
	},
	{
		name:   "organization/self_reference_is_not_a_name",
		text:   "メールアドレスの流出事故について\n本市職員課が実施した説明会において、案内メールを一斉送信した際に、参加者のメールアドレスが他の参加者に表示される事故が発生しました。",
		checks: []check{wantOrg("")},
	},
}

func TestExtractRegressions(t *testing.T) {
	for _, tc := range regressionCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in := extractOne(t, tc.text)
			for _, c := range tc.checks {
				c(t, in)
			}
		})
	}
}

// TestExtractNotJapanese: bytes that hold no Japanese are not a notice, so
// Extract says so rather than returning an incident with a garbage title.
func TestExtractNotJapanese(t *testing.T) {
	a := testAnalyzer(t)
	rng := rand.New(rand.NewSource(1))
	noise := make([]byte, 2048)
	rng.Read(noise)
	for _, p := range []Page{
		{Source: "noise.txt", Body: noise},
		{Source: "noise.html", Body: noise, HTML: true},
		{Source: "english.txt", Body: []byte("Notice of unauthorized access to our web store. We apologize for the inconvenience.")},
	} {
		if _, err := a.Extract(context.Background(), p); err == nil || errors.Is(err, context.Canceled) {
			t.Errorf("%s: err = %v, want an error naming the input", p.Source, err)
		}
	}
}
