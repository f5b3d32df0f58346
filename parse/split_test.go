package parse

import (
	"strings"
	"testing"
)

// aggregatorPage is a blog page reposting three notices, newest first, each
// under a heading "【事件簿#serial】ORG TITLE DATE"; the blog's own lines
// come before the first.
const aggregatorPage = `架空セキュリティニュース(まとめブログ)
最新の事件簿をお届けします

【セキュリティ事件簿#2024-103】株式会社サンプル食品 通販サイトへの不正アクセスに関するお詫び 2024年6月10日

このたび、当社が運営する通販サイトが第三者による不正アクセスを受け、決済画面が改ざんされたことにより、お客様のクレジットカード情報が流出した可能性があることが判明いたしました。
5月30日、クレジットカード会社からの連絡を受け、判明いたしました。流出した可能性があるのは、お客様 1,312名分のカード番号、有効期限、セキュリティコードです。

【セキュリティ事件簿#2024-102】架空県 県立高校における生徒の成績一覧の誤送信について 2024年6月7日

県立架空高等学校において、教諭が生徒の成績一覧を添付したメールを、誤って保護者42名に送信する事案が発生しました。
6月5日、保護者からの連絡により判明しました。メールには生徒の氏名と成績が記載されていました。

【セキュリティ事件簿#2024-101】一般社団法人架空観光協会 会員情報を保存したノートパソコンの盗難について 2024年6月3日

当協会の職員が、会員情報を保存したノートパソコンを自宅に持ち帰った際、空き巣の被害に遭い、ノートパソコンが盗まれました。
5月29日に職員が盗難に気付き、同日、警察に被害届を提出しました。パソコンには会員 230名の氏名、住所、電話番号が保存されていました。
`

func TestExtractAggregatorPage(t *testing.T) {
	ins := extract(t, Page{Source: "aggregator.txt", Body: []byte(aggregatorPage)})
	want := []struct {
		org, title, published, discovered, cause string
		text                                     string // a line of this notice only
	}{
		{"株式会社サンプル食品", "通販サイトへの不正アクセスに関するお詫び", "2024-06-10", "2024-05-30", "payment_tampering", "決済画面が改ざんされた"},
		{"架空県", "県立高校における生徒の成績一覧の誤送信について", "2024-06-07", "2024-06-05", "misdelivery", "成績一覧を添付したメール"},
		{"一般社団法人架空観光協会", "会員情報を保存したノートパソコンの盗難について", "2024-06-03", "2024-05-29", "theft", "空き巣の被害"},
	}
	if len(ins) != len(want) {
		t.Fatalf("Extract returned %d incidents, want %d", len(ins), len(want))
	}
	for i, w := range want {
		in := &ins[i]
		t.Run(w.org, func(t *testing.T) {
			for _, c := range []check{wantOrg(w.org), wantTitle(w.title), wantPublished(w.published), wantDiscovered(w.discovered), wantCause(w.cause)} {
				c(t, in)
			}
			if !strings.Contains(in.Text, w.text) {
				t.Errorf("text lacks its own %q:\n%s", w.text, in.Text)
			}
			for j, o := range want {
				if j != i && strings.Contains(in.Text, o.text) {
					t.Errorf("text holds %q of notice %d", o.text, j)
				}
			}
			for _, wrap := range []string{"【セキュリティ事件簿", "まとめブログ", "最新の事件簿"} {
				if strings.Contains(in.Text, wrap) {
					t.Errorf("text holds the page's %q", wrap)
				}
			}
		})
	}
	// The counts, data and flags of each notice stay with it.
	for _, c := range []check{wantAffected(1312), wantDataTypes("card_number", "card_expiry", "card_security_code"), wantPolice(false)} {
		c(t, &ins[0])
	}
	for _, c := range []check{wantAffected(230), wantDataTypes("name", "address", "phone"), wantPolice(true)} {
		c(t, &ins[2])
	}
}

// commentaryPage quotes a notice inside a consultancy's write-up: a lead-in
// (事故から学ぶ, 事故概要 and a summary table), the notice, its attribution
// (引用元) and then the consultancy's own analysis and advertising.
const commentaryPage = `事故から学ぶ

会員向けメールマガジンの誤送信について

事故概要

業種 株式会社サンプル出版
発生時期 2024/02/14
漏えい人数 386人
事故概要

2024年2月14日、当社が配信した会員向けメールマガジンにおいて、配信システムの設定を誤り、会員様386名のメールアドレスが他の会員様に表示される状態で送信されたことが判明いたしました。
メールアドレス以外の情報の流出はございません。会員様には多大なご迷惑をおかけしましたことを深くお詫び申し上げます。
今後は配信前の確認手順を見直し、再発防止に努めてまいります。

引用元 株式会社サンプル出版

■ 事故原因

事故の原因はチェックリストの下記項目が該当すると推察します。

チェックリストコード:
B-12 メール送信前の宛先確認

■ 推奨対策

一斉配信では配信システムの宛先設定を二人で確認すべきである。

ご入会のお手続きはこちら
`

func TestExtractCommentaryPage(t *testing.T) {
	in := extractOne(t, commentaryPage)
	for _, c := range []check{
		wantOrg("株式会社サンプル出版"),
		wantTitle("会員向けメールマガジンの誤送信について"),
		wantDiscovered("2024-02-14"),
		wantCause("misdelivery"),
		wantAffected(386),
		wantDataTypes("email"),
	} {
		c(t, in)
	}
	if !strings.Contains(in.Text, "会員様386名のメールアドレスが他の会員様に表示される状態") {
		t.Errorf("text lacks the quoted notice:\n%s", in.Text)
	}
	for _, wrap := range []string{"事故から学ぶ", "事故概要", "引用元", "事故原因", "チェックリスト", "B-12", "推奨対策", "二人で確認すべき", "ご入会"} {
		if strings.Contains(in.Text, wrap) {
			t.Errorf("text holds the commentary's %q:\n%s", wrap, in.Text)
		}
	}
}

func TestExtractNoNotice(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
		html bool
	}{
		{"empty", "", false},
		{"blank lines", "\n\n \u3000\n\t\r\n", false},
		{"short binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", false},
		{"navigation only", "ページ最上部へ\nメニュー\n閉じる\n本文へ", false},
		{"empty html", "", true},
		{"empty document", "<!DOCTYPE html><html><head><title></title></head><body></body></html>", true},
		{"chrome only", "<html><body><nav>トップ 新着情報 組織から探す サイトマップ お問い合わせ</nav><script>var s = 'あいうえおかきくけこさしすせそたちつてと';</script><footer>Copyright</footer></body></html>", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			source := "garbage-" + strings.ReplaceAll(tc.name, " ", "-")
			ins, err := testAnalyzer(t).Extract(t.Context(), Page{Source: source, Body: []byte(tc.body), HTML: tc.html})
			if err == nil {
				t.Fatalf("Extract = %d incidents, nil error; want an error", len(ins))
			}
			if !strings.Contains(err.Error(), source) {
				t.Errorf("error %q does not name the source %q", err, source)
			}
		})
	}
}
