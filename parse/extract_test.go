package parse

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/incidex/incidex/corpus"
)

// extractCases are fictional notices written in the shapes real ones take,
// one or more per cause, each checked on the fields it was written for.
var extractCases = []struct {
	name   string
	text   string
	checks []check
}{
	{
		name: "unauthorized_access/signature_block",
		text: `当社サーバーへの不正アクセスによる個人情報漏えいのお知らせとお詫び

2024年3月15日
株式会社サンプル商事
代表取締役社長 山田 太郎

このたび、当社が業務で利用しているファイルサーバーが第三者による不正アクセスを受け、お客様の個人情報が外部に漏えいした可能性があることが判明いたしました。お客様ならびに関係者の皆様に多大なるご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。

1.経緯
2024年2月20日、当社システム監視担当者がファイルサーバーの不審な通信を検知し、調査を開始しました。
2月22日、外部の専門調査会社による調査の結果、サーバーの脆弱性を悪用した不正アクセスであることが判明しました。
同日、当該サーバーをネットワークから遮断いたしました。

2.漏えいした可能性のある個人情報
対象件数:約1万2千件
漏えいした可能性のある情報は以下のとおりです。
・氏名
・住所
・電話番号
・メールアドレス

3.当局への報告
本件につきましては、個人情報保護委員会へ報告するとともに、所轄の警察署に相談しております。

4.再発防止策
外部専門家の助言のもと、システムの監視体制を強化し、再発防止に努めてまいります。

【本件に関するお問い合わせ先】
株式会社サンプル商事 お客様相談窓口
電話:0120-000-000(受付時間 平日10時~17時)
`,
		checks: []check{
			wantOrg("株式会社サンプル商事"),
			wantTitle("当社サーバーへの不正アクセスによる個人情報漏えいのお知らせとお詫び"),
			wantPublished("2024-03-15"),
			wantDiscovered("2024-02-20"),
			wantCause("unauthorized_access"),
			wantThirdParty(false),
			wantAffected(12000), // 約1万2千件
			wantDataTypes("name", "address", "phone", "email"),
			wantPPC(true),
			wantPolice(true),
			wantNoSequence(),
		},
	},
	{
		name: "payment_tampering/alias_wareki",
		text: `弊社が運営する「みらい雑貨オンラインショップ」への不正アクセスによる個人情報漏えいに関するお詫びとお知らせ

令和6年5月10日

このたび、株式会社みらい雑貨(以下「当社」といいます。)が運営する「みらい雑貨オンラインショップ」におきまして、第三者による不正アクセスを受け、決済画面が改ざんされたことにより、お客様のクレジットカード情報(2,345件)が漏洩した可能性があることが判明いたしました。

お客様をはじめ、関係者の皆様に多大なるご迷惑およびご心配をおかけする事態となりましたこと、深くお詫び申し上げます。

1.経緯
令和6年1月18日、一部のクレジットカード会社から、当社サイトを利用したお客様のクレジットカード情報の漏洩懸念について連絡を受け、同日、当社サイトでのカード決済を停止いたしました。
その後、第三者調査機関による調査を実施したところ、決済画面のプログラムが改ざんされていたことが原因であると判明しました。

2.個人情報漏洩状況
令和5年9月1日から令和6年1月18日までの期間に当社サイトでクレジットカード決済をされたお客様2,345名の、以下の情報が漏洩した可能性があります。
・カード名義人名
・クレジットカード番号
・有効期限
・セキュリティコード

3.公表が遅れた経緯
決済代行会社と協議のうえ、調査結果を待ってから公表することといたしました。

4.再発防止策
当社はこのたびの事態を厳粛に受け止め、システムのセキュリティ対策をさらに強化してまいります。
なお、個人情報保護委員会には報告済みであり、所轄の警察署にも被害申告を行っております。
`,
		checks: []check{
			wantOrg("株式会社みらい雑貨"),
			wantCited("organization", "(以下「当社」"),
			wantPublished("2024-05-10"),
			wantDiscovered("2024-01-18"),
			wantCause("payment_tampering"),
			wantAffected(2345),
			wantDataTypes("name", "card_number", "card_expiry", "card_security_code"),
			wantPPC(true),
			wantPolice(true),
		},
	},
	{
		name: "ransomware/hospital_dateline_last",
		text: `ランサムウェア被害による電子カルテシステム障害と個人情報漏えいの可能性について

医療法人社団ひかり会 ひかり病院
院長 佐藤 花子

当院の電子カルテシステムのサーバーが、令和6年8月3日にランサムウェアに感染し、データが暗号化される被害が発生しました。
同日早朝、システムにアクセスできないことに職員が気付き、調査したところ、サーバー内のファイルが暗号化され、身代金を要求する脅迫文が残されていることが判明しました。

現在、外部の専門機関の協力を得ながら調査を進めております。これまでの調査では、最大で約3万8千人分の患者さまの個人情報(氏名、住所、生年月日、病名)が外部に流出した可能性があることがわかりました。

当院では、個人情報保護委員会への報告を行うとともに、警察にも被害を相談しております。
患者さまには多大なご迷惑とご心配をおかけしますことを深くお詫び申し上げます。

令和6年8月20日
`,
		checks: []check{
			wantOrg("医療法人社団ひかり会 ひかり病院"),
			wantPublished("2024-08-20"),
			wantDiscovered("2024-08-03"),
			wantCause("ransomware"),
			wantAffected(38000), // 最大で約3万8千人分
			wantDataTypes("name", "address", "birthdate", "health"),
			wantPPC(true),
			wantPolice(true),
		},
	},
	{
		name: "malware/subject_staff_count",
		text: `本学園教職員のパソコンのマルウェア感染について

2024年6月12日

学校法人みどり学園は、本学園の職員3名が業務で使用するパソコンがマルウェア「Emotet(エモテット)」に感染し、当該パソコンに保存されていたメールアドレス等の情報が外部に流出した可能性があることを確認いたしました。関係者の皆様には多大なるご迷惑とご心配をおかけしますことを深くお詫び申し上げます。

1.概要
2024年5月28日、学外の取引先から、本学園職員を装った不審なメールが届いているとの連絡を受け、調査したところ、職員のパソコンがウイルスに感染していることが判明しました。
感染したパソコンは直ちにネットワークから切り離しました。

2.流出した可能性のある情報
感染したパソコンのメールソフトに保存されていた、学生、保護者及び取引先等の氏名、メールアドレス、メール本文 850件

3.今後の対応
全教職員にウイルス対策ソフトの更新を徹底させるとともに、不審なメールの添付ファイルを開かないよう注意喚起を行います。

学校法人みどり学園 事務局
`,
		checks: []check{
			wantOrg("学校法人みどり学園"),
			wantPublished("2024-06-12"),
			wantDiscovered("2024-05-28"),
			wantCause("malware"),
			wantAffected(850), // not 職員3名
			wantHasDataTypes("name", "email"),
			wantPPC(false),
			wantPolice(false),
		},
	},
	{
		name: "account_compromise/negated_card",
		text: `「ネクストポイント会員サイト」への不正ログインに関するお詫びとお知らせ

更新日:2024年9月2日

株式会社ネクストポイントは、当社が運営する会員サイトにおいて、第三者が他社サービスから入手したと思われるIDとパスワードを用いて不正にログインを試みる「リスト型攻撃」を受け、一部のお客様のアカウントに不正ログインされたことを確認いたしました。

1.発覚の経緯
2024年8月25日、システムの監視により、特定のIPアドレスから大量のログイン試行を検知し、調査を行ったところ、1,024件のアカウントに不正ログインされ、登録情報が閲覧された可能性があることが判明しました。

2.閲覧された可能性のある情報
不正ログインされたアカウントにおいて、以下の情報が閲覧された可能性があります。
・氏名
・メールアドレス
・保有ポイント数
なお、クレジットカード情報は含まれておりません。

3.対応
不正ログインが確認されたアカウントのパスワードを無効化し、該当するお客様には個別にご連絡しております。
`,
		checks: []check{
			wantOrg("株式会社ネクストポイント"),
			wantPublished("2024-09-02"),
			wantDiscovered("2024-08-25"),
			wantCause("account_compromise"),
			wantAffected(1024),
			wantHasDataTypes("name", "email"),
			wantLacksDataTypes("card_number"), // クレジットカード情報は含まれておりません
			wantPPC(false),
			wantPolice(false),
		},
	},
	{
		name: "phishing/kanji_count",
		text: `架空市職員のメールアカウントへのフィッシング被害について

架空市は、市職員がフィッシングメールにだまされ、メールアカウントのIDとパスワードを偽のサイトに入力したことにより、当該アカウントが第三者に不正に利用され、アカウント内に保存されていた市民の個人情報が閲覧された可能性があることが判明したと発表しました。

令和6年10月7日、市職員あてに、システム管理者を装ったメールが届き、職員がメールに記載されたリンク先の偽サイトにIDとパスワードを入力しました。
10月9日、当該アカウントから大量の迷惑メールが送信されていることを情報政策課が検知し、判明しました。

閲覧された可能性のある個人情報は、市民等 三百二十名分の氏名、住所、電話番号です。

市では、当該アカウントのパスワードを変更するとともに、全職員に対して注意喚起を行いました。

令和6年10月15日
架空市 総務部 情報政策課
`,
		checks: []check{
			wantOrg("架空市"),
			wantPublished("2024-10-15"),
			wantDiscovered("2024-10-09"),
			wantCause("phishing"),
			wantAffected(320), // 三百二十名分
			wantHasDataTypes("name", "address", "phone"),
		},
	},
	{
		name: "misdelivery/timeline_yearless",
		text: `電子メールの誤送信による個人情報の流出について

令和6年7月8日
架空市 市民生活部 地域振興課

このたび、架空市主催の「ふれあい地域フェスタ」の参加者の皆様へ連絡メールを送信する際、送信先のメールアドレスを「BCC」で送信すべきところ、誤って「TO」で送信したため、受信者の方が他の受信者のメールアドレスを閲覧できる状態となりました。
関係者の皆様に多大なご迷惑とご心配をおかけしましたことを深くお詫び申し上げます。

1 経緯
令和6年7月3日(水曜日)午後4時頃 担当職員がイベント参加者へ一斉メールを送信
7月4日(木曜日)午前9時頃 受信者の方から、他の方のメールアドレスが表示されているとの連絡を受け、誤送信が判明
7月4日(木曜日)午前11時頃 受信者の皆様に、お詫びとメールの削除をお願いするメールを送信

2 流出した個人情報
イベント参加者152名のメールアドレス

3 再発防止策
外部へメールを一斉送信する際は、必ず複数の職員で送信先の設定を確認することを徹底し、再発防止に努めます。
`,
		checks: []check{
			wantOrg("架空市"),
			wantPublished("2024-07-08"),
			wantDiscovered("2024-07-04"), // "7月4日", a year from the row above
			wantCause("misdelivery"),
			wantThirdParty(false),
			wantAffected(152),
			wantDataTypes("email"),
			wantPPC(false),
			wantPolice(false),
			wantNoSequence(),
		},
	},
	{
		name: "misdisplay/sequel",
		text: `会員向けマイページにおける他のお客様情報の誤表示について(続報)

2024年11月22日
株式会社サンプル通信

2024年11月15日にお知らせいたしました、当社会員向けマイページにおいて他のお客様の情報が表示される事象について、調査が完了しましたのでご報告いたします。

1.事象の概要
2024年11月14日午後3時頃から午後5時頃までの間、マイページにログインしたお客様の画面に、別のお客様の契約情報が表示される事象が発生しました。同日午後5時10分、お客様からのお問い合わせにより判明し、直ちにマイページを停止いたしました。

2.原因
同日実施したシステム更新において、キャッシュの設定にプログラムの不具合があったため、他のお客様の情報が表示されたものです。外部からの不正アクセスによるものではございません。

3.表示された可能性のある情報
対象となるお客様:合計 1,870名
表示された可能性のある情報:氏名、住所、電話番号、お客様番号、ご利用料金

4.今後の対応
システム更新時の検証手順を見直し、再発防止に努めてまいります。
`,
		checks: []check{
			wantOrg("株式会社サンプル通信"),
			wantPublished("2024-11-22"),
			wantDiscovered("2024-11-14"),
			wantCause("misdisplay"),
			wantSequence(2),    // (続報)
			wantAffected(1870), // 合計 1,870名
			wantDataTypes("name", "address", "phone", "customer_id", "transaction"),
		},
	},
	{
		name: "misconfiguration/contractor",
		text: `委託先における個人情報の誤公開について

一般財団法人架空文化振興財団(以下「当財団」といいます。)は、講座受講者の申込受付業務を委託している事業者が管理するウェブサーバーにおいて、受講者の個人情報を含むファイルがインターネット上で閲覧可能な状態となっていたことを確認いたしました。

委託先において、ファイルを保存したフォルダのアクセス権の設定を誤ったことが原因です。

1.経緯
2024年4月10日、受講者の方から、検索エンジンで自身の氏名を検索すると申込情報が表示されるとのご連絡をいただき、委託先に確認したところ、同日、当該ファイルが外部から閲覧可能な状態であったことが判明しました。
同日中に委託先においてファイルを削除し、外部から閲覧できないよう措置を講じました。

2.閲覧可能な状態であった個人情報
講座受講者 412名分
・氏名
・住所
・電話番号
・生年月日
・受講講座名

3.今後の対応
委託先に対し、個人情報の管理体制の再点検を求めるとともに、当財団においても委託先の監督を強化してまいります。

2024年4月19日
一般財団法人架空文化振興財団
`,
		checks: []check{
			wantOrg("一般財団法人架空文化振興財団"),
			wantPublished("2024-04-19"),
			wantDiscovered("2024-04-10"),
			wantCause("misconfiguration"),
			wantThirdParty(true),
			wantAffected(412),
			wantHasDataTypes("name", "address", "phone", "birthdate"),
		},
	},
	{
		name: "loss/lost_property_report",
		text: `児童の個人情報を含むUSBメモリの紛失について

令和6年2月9日
架空町教育委員会

架空町立さくら小学校において、教諭が児童の個人情報を保存したUSBメモリを紛失する事案が発生しました。児童、保護者の皆様をはじめ関係者の皆様に多大なご迷惑とご心配をおかけしますことを深くお詫び申し上げます。

1 事案の概要
令和6年2月5日(月曜日)午後、教諭が成績処理のため校内でUSBメモリを使用しようとしたところ、所在が分からなくなっていることに気付きました。校内を捜索しましたが発見に至らず、翌6日に校長へ報告しました。

2 USBメモリに保存されていた個人情報
5年生の児童48名分の氏名、テストの点数、通知表の所見

3 これまでの対応
2月7日に所轄の警察署へ遺失届を提出しました。
2月8日に対象児童の保護者に対し、説明とお詫びを行いました。
現在のところ、個人情報が第三者に悪用されたとの報告はありません。

4 再発防止策
個人情報を記録媒体で持ち運ぶことを禁止し、管理の徹底を図ります。
`,
		checks: []check{
			wantOrg("架空町教育委員会"),
			wantPublished("2024-02-09"),
			wantDiscovered("2024-02-05"),
			wantCause("loss"),
			wantAffected(48),
			wantPPC(false),
			wantPolice(true), // 遺失届
		},
	},
	{
		name: "theft/bottom_signature",
		text: `車上荒らしによる顧客情報の盗難について

当社の営業担当社員が、顧客訪問の途中に駐車場に停めていた社用車の窓ガラスを割られ、車内に置いていたお客様の個人情報を含む書類が入った鞄を盗まれる被害に遭いました。
お客様には多大なご迷惑とご心配をおかけしますことを深くお詫び申し上げます。

1.経緯
2024年11月28日午後6時頃、社員が車に戻ったところ、鞄が盗まれていることに気付き、直ちに警察に被害届を提出しました。

2.盗難にあった書類に記載されていた情報
お客様二百十五名分の氏名、住所、電話番号、契約番号

3.対応
対象となるお客様には、個別にご連絡とお詫びをしております。現時点で、お客様の個人情報が不正に利用されたという事実は確認されておりません。

4.再発防止策
個人情報を含む書類を車内に放置しないことを全社員に改めて徹底いたします。

以上

2024年12月3日
株式会社架空保険サービス
代表取締役 高橋 健
`,
		checks: []check{
			wantOrg("株式会社架空保険サービス"),
			wantCited("organization", "株式会社架空保険サービス"),
			wantPublished("2024-12-03"),
			wantDiscovered("2024-11-28"),
			wantCause("theft"),
			wantThirdParty(false),
			wantAffected(215),
			wantDataTypes("name", "address", "phone", "customer_id"),
			wantPolice(true),
		},
	},
	{
		name: "improper_disposal/parts_summed",
		text: `個人情報を含む書類の誤廃棄について

令和6年6月14日
架空市 福祉部

架空市福祉部において、保存期間中の個人情報を含む書類を誤って廃棄していたことが判明しました。

1 概要
令和6年6月3日、書類の保存状況を点検していた職員が、保存箱の一部が見当たらないことに気付き、調査したところ、令和6年3月の書庫整理の際に、保存期間満了の書類とともに古紙回収業者へ引き渡していたことが判明しました。

2 誤って廃棄し、外部に流出した可能性のある書類
・介護保険サービス利用申込書 120件
・高齢者見守り事業アンケート回答用紙 35件

3 記載されていた情報
氏名、住所、生年月日、電話番号

4 今後の対応
書類を廃棄する際は、複数の職員で保存期間を確認することを徹底いたします。
`,
		checks: []check{
			wantOrg("架空市"),
			wantPublished("2024-06-14"),
			wantDiscovered("2024-06-03"),
			wantCause("improper_disposal"),
			wantAffected(155), // 120件 + 35件, no total written
			wantDataTypes("name", "address", "phone", "birthdate"),
		},
	},
	{
		name: "insider/total_and_ppc_inquiry",
		text: `元従業員による顧客情報の不正持ち出しについて

株式会社サンプル不動産(以下「当社」)の元従業員が、在職中に業務上の必要がないにもかかわらず顧客情報を不正に持ち出し、名簿業者に売却していたことが判明いたしました。お客様には多大なるご迷惑とご心配をおかけしますことを深くお詫び申し上げます。

なお、本件に関し、当社は個人情報保護委員会から報告徴収を受領しております。

1.経緯
2024年10月2日、お客様から、当社にのみ登録した情報をもとに他社から営業の電話があったとのお問い合わせを受け、社内調査を開始しました。
調査の結果、2024年10月16日、元従業員が顧客情報を持ち出していたことが判明しました。

2.持ち出された顧客情報
・東京支店の顧客 8,000件
・大阪支店の顧客 12,500件
合計 20,500件
持ち出された情報は、氏名、住所、電話番号、物件の購入履歴です。

3.今後の対応
社内の情報管理体制を見直し、再発防止に努めてまいります。

2024年11月1日
株式会社サンプル不動産
`,
		checks: []check{
			wantOrg("株式会社サンプル不動産"),
			wantPublished("2024-11-01"),
			wantCause("insider"),
			wantAffected(20500), // 合計, not a part
			wantHasDataTypes("name", "address", "phone", "transaction"),
			wantPPC(false), // a 報告徴収 received from the PPC is no report to it
			wantPolice(false),
		},
	},
	{
		name: "unknown/second_report_no_count",
		text: `当社サービスにおける個人情報の取扱いに関するお知らせ(第2報)

2025年1月20日
株式会社サンプルライフ

2024年12月25日に公表いたしました、当社サービスにおけるお客様の個人情報の取扱いに関する事案について、その後の調査の状況をお知らせいたします。

本件は、2024年12月18日、お客様から、ご自身の情報が当社以外の事業者に知られているのではないかとのお問い合わせを受けたことから発覚したものです。
現在、外部の専門家の協力を得ながら事実関係の調査を進めておりますが、現時点で詳細は判明しておりません。対象となるお客様の範囲についても、引き続き調査中です。

お客様には多大なご心配をおかけしておりますことを深くお詫び申し上げます。
今後、新たな事実が判明した場合には、速やかにお知らせいたします。
`,
		checks: []check{
			wantOrg("株式会社サンプルライフ"),
			wantPublished("2025-01-20"),
			wantDiscovered("2024-12-18"),
			wantCause("unknown"),
			wantSequence(2),
			wantNoAffected(),
			wantDataTypes(),
		},
	},
	{
		name: "misdelivery/aggregator_heading",
		text: `【セキュリティ事件簿#2024-088】株式会社サンプル運輸 配送伝票の誤配布に関するお詫び 2024年4月2日

このたび、当社の営業所において、お客様の配送伝票の控えを、誤って別のお客様へお渡しする事案が発生いたしました。

3月28日、配送伝票の控えを受け取ったお客様から、他人の伝票が含まれているとのご連絡をいただき、判明いたしました。
誤ってお渡しした伝票は12件で、記載されていた情報は、お届け先の氏名、住所、電話番号です。

関係するお客様には個別にご説明とお詫びを行い、伝票を回収いたしました。
今後は、伝票のお渡し時に複数名による確認を徹底し、再発防止に努めてまいります。
`,
		checks: []check{
			wantOrg("株式会社サンプル運輸"),
			wantTitle("配送伝票の誤配布に関するお詫び"),
			wantPublished("2024-04-02"),
			wantDiscovered("2024-03-28"), // "3月28日" under a heading dated 2024
			wantCause("misdelivery"),
			wantAffected(12),
			wantDataTypes("name", "address", "phone"),
		},
	},
	{
		name: "ransomware/sequel_numbered",
		text: `ランサムウェア被害に関するお知らせ(続報2)

令和7年3月5日
学校法人みどり学園

本学園のネットワークがランサムウェアによる攻撃を受けた件について、第1報でお知らせした内容に続き、調査の結果をご報告いたします。

外部の専門調査会社による調査の結果、攻撃者によって暗号化されたサーバーには、学生及び卒業生の個人情報が保存されていたことを確認いたしました。流出した可能性のある個人情報は、学生及び卒業生 約4,600名分の氏名、学籍番号、成績情報です。現時点で、これらの情報が外部に公開された事実は確認されておりません。
`,
		checks: []check{
			wantOrg("学校法人みどり学園"),
			wantPublished("2025-03-05"),
			wantCause("ransomware"),
			wantSequence(3), // 続報2, not the 第1報 of the body
			wantAffected(4600),
			wantHasDataTypes("name", "customer_id"),
		},
	},
	{
		name: "ransomware/earlier_report_mentioned",
		text: `委託先のランサムウェア被害に伴う個人情報漏えいの可能性について

第1報でお知らせした、当市が業務を委託している事業者のサーバーがランサムウェアに感染した件について、調査の状況をお知らせいたします。

架空市は、令和6年9月12日、印刷業務を委託している株式会社サンプル印刷から、同社のサーバーがランサムウェアによる攻撃を受け、当市から預けていた納税通知書のデータが暗号化されたとの報告を受けました。

流出した可能性のある情報は、市民約5万件分の氏名、住所、税額です。

当市は、個人情報保護委員会に報告を行いました。

令和6年9月20日
架空市 財務部 税務課
`,
		checks: []check{
			wantOrg("架空市"),
			wantPublished("2024-09-20"),
			wantDiscovered("2024-09-12"),
			wantCause("ransomware"),
			wantThirdParty(true),
			wantNoSequence(),    // "第1報でお知らせした" numbers an earlier notice
			wantAffected(50000), // 約5万件分
			wantHasDataTypes("name", "address"),
			wantPPC(true),
			wantPolice(false),
		},
	},
	{
		name: "misdelivery/fax_staff_only",
		text: `診療情報提供書の誤送信(FAX)について

医療法人社団ひかり会 ひかり病院は、他の医療機関へ送信すべき診療情報提供書を、FAX番号を誤って無関係の事業者へ送信したことを公表しました。

令和6年11月6日、当院の医事課職員2名が、紹介先医療機関へ診療情報提供書をFAXで送信する際、番号の入力を誤り、市内の事業者へ送信しました。同日夕方、受信した事業者から連絡を受け、誤送信が判明しました。

誤送信した書類には、患者様の氏名、生年月日、病名及び検査結果が記載されていました。
受信した事業者には、書類の破棄をお願いし、破棄されたことを確認しております。
当該患者様には、経緯をご説明し、謝罪いたしました。

今後はFAX送信時に複数名で送信先を確認するなど、再発防止に努めてまいります。

令和6年11月12日
`,
		checks: []check{
			wantOrg("医療法人社団ひかり会 ひかり病院"),
			wantPublished("2024-11-12"),
			wantDiscovered("2024-11-06"),
			wantCause("misdelivery"),
			wantNoAffected(), // 職員2名 sent it; no patient count is given
			wantHasDataTypes("name", "birthdate", "health"),
		},
	},
	{
		name: "unauthorized_access/parts_with_total",
		text: `会員情報の流出に関するお詫び
公開日:2024年8月30日
株式会社サンプル旅行

このたび、当社の予約システムに対し、外部から不正アクセスがあり、会員様の情報が流出したことが発覚いたしました。

2024年8月19日、システム保守を委託しているベンダーから、予約システムのデータベースに不審なアクセスがあるとの報告を受け、調査したところ、8月21日、SQLインジェクションによる不正アクセスで会員情報が外部に流出したことが判明しました。

流出した会員情報は、国内会員 6,210名、海外会員 1,430名の合計 7,640名分で、氏名、メールアドレス、電話番号、生年月日、会員番号が含まれます。なお、パスワード及びクレジットカード情報は含まれておりません。

当社は、個人情報保護委員会に報告するとともに、警察に被害届を提出いたしました。
`,
		checks: []check{
			wantOrg("株式会社サンプル旅行"),
			wantTitle("会員情報の流出に関するお詫び"),
			wantPublished("2024-08-30"),
			wantDiscovered("2024-08-19"),
			wantCause("unauthorized_access"),
			wantAffected(7640), // the total, not 6,210 + 1,430 read again
			wantDataTypes("name", "phone", "email", "birthdate", "customer_id"),
			wantLacksDataTypes("card_number", "credentials"),
			wantPPC(true),
			wantPolice(true),
		},
	},
}

func TestExtract(t *testing.T) {
	for _, tc := range extractCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in := extractOne(t, tc.text)
			for _, c := range tc.checks {
				c(t, in)
			}
		})
	}
}

// TestExtractCauseCoverage keeps the table honest: every cause of the
// taxonomy is the primary cause of at least one case.
func TestExtractCauseCoverage(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range extractCases {
		covered[strings.SplitN(tc.name, "/", 2)[0]] = true
	}
	for _, c := range corpus.Taxonomies().Causes {
		if !covered[c.ID] {
			t.Errorf("no extract case for cause %q", c.ID)
		}
	}
}

func TestExtractCanceled(t *testing.T) {
	a := testAnalyzer(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := a.Extract(ctx, Page{Source: "canceled.txt", Body: []byte(extractCases[0].text)})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Extract with a canceled context: err = %v, want context.Canceled", err)
	}
	if !strings.Contains(err.Error(), "canceled.txt") {
		t.Errorf("error %q does not name the source", err)
	}
}
