package jpdate

import (
	"strconv"
	"strings"
	"testing"
)

// benchNotice is a made-up notice of about 2 KB, dense with dates and with
// the numbers that must be rejected (phone numbers, counts, durations).
const benchNotice = `個人情報漏えいのお知らせ（第2報）
令和6年3月15日
株式会社サンプル商事

このたび、当社が運営するオンラインショップ「サンプルストア」のサーバーに対し、第三者による不正アクセスが行われ、お客様の個人情報（最大15,230名分）が漏えいした可能性があることが判明いたしました。お客様には多大なるご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。

1.経緯
2024年2月15日（木）13時30分頃、当社システムの監視担当者が、通常とは異なる通信を検知しました。同日18時、当該サーバーをネットワークから遮断し、翌日には外部の専門調査機関へ調査を依頼しました。同月20日、調査機関より、2023年12月8日-2024年2月16日の期間にわたり不正なプログラムが設置されていたとの報告を受けました。3月1日に個人情報保護委員会へ報告し、同年3月5日に所轄警察署へ相談いたしました。

2.漏えいした可能性のある情報
2021年3月2日から2022年8月3日までに会員登録されたお客様の氏名、住所、電話番号、メールアドレス、生年月日。クレジットカード情報は、2022年7月24日～2022年7月26日の3日間に決済されたもの（約1,200件）が含まれます。

3.対応状況
2024/3/10 までに対象のお客様へ電子メールにて順次ご連絡しております。また、2024年4月1日〜30日の期間、専用窓口を設置いたします。今後10年以上にわたりログを保存し、2024年度中にシステムを刷新する予定です。

4.お問い合わせ先
専用窓口 電話：0120-123-456（受付時間 平日9時～17時、土日祝を除く）
メール：support@example.jp
バージョン1.2.3以前のアプリをご利用の方は、最新版へ更新してください。`

func BenchmarkFind(b *testing.B) {
	for _, n := range []int{1, 5, 15} {
		text := strings.Repeat(benchNotice, n)
		b.Run(sizeName(len(text)), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				Find(text, Date{})
			}
		})
	}
}

func sizeName(n int) string { return strconv.Itoa(n) + "B" }
