package parse

import (
	"errors"
	"testing"
)

// TestNotBreach checks that pages which say お知らせ or お詫び about
// something else than a data breach yield no incident, and that the
// thinnest real notices still do.
func TestNotBreach(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		breach bool
	}{
		{"product launch", "新商品「ひだまりブレンド」発売のお知らせ\n2024年5月20日\n株式会社架空珈琲\n" +
			"いつも当社製品をご愛顧いただき誠にありがとうございます。春の新商品を2024年6月1日より全国の店舗およびオンラインショップにて発売いたします。\n皆様のご来店をお待ちしております。", false},
		{"holiday hours", "年末年始の営業についてのお知らせ\n2024年12月1日\n架空町役場\n" +
			"12月29日から1月3日までは閉庁いたします。お急ぎの手続きは1月6日以降にお願いいたします。", false},
		{"outage apology", "システム障害によるサービス停止のお詫び\n2024年9月3日\n株式会社サンプルネット\n" +
			"9月2日10時から14時まで、機器の故障によりオンラインサービスがご利用いただけない状態となりました。ご不便をおかけし、深くお詫び申し上げます。", false},
		{"unexplained follow-up", "お客様情報の取扱いに関するお知らせ(第2報)\n2025年1月20日\n株式会社サンプルライフ\n" +
			"2025年1月10日に公表いたしました事案について、調査の状況をお知らせいたします。現時点で詳細は判明しておりません。", true},
		{"breach without a stated cause", "お客様情報に関するお詫び\n2024年3月1日\n株式会社架空商事\n" +
			"お客様の氏名とメールアドレスが外部から閲覧できる状態であった可能性があることが判明しました。", true},
	}
	a := testAnalyzer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ins, err := a.Extract(t.Context(), Page{Source: tt.name, Body: []byte(tt.text)})
			if tt.breach {
				if err != nil || len(ins) != 1 {
					t.Fatalf("Extract = %d incidents, %v; want the notice", len(ins), err)
				}
				return
			}
			if !errors.Is(err, ErrNotBreach) || len(ins) != 0 {
				t.Fatalf("Extract = %d incidents (%v), %v; want ErrNotBreach", len(ins), ins, err)
			}
		})
	}
}
