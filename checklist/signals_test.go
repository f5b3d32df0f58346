package checklist

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/incidex/incidex/corpus"
)

// TestEveryItemHasRule: an item no rule names never reaches a report.
func TestEveryItemHasRule(t *testing.T) {
	c := mustLoad(t)
	named := map[string]bool{}
	for _, r := range c.rules.Rules {
		for _, id := range r.Items {
			named[id] = true
		}
	}
	for _, it := range c.Items() {
		if !named[it.ID] {
			t.Errorf("item %s (%s) has no rule", it.ID, it.Section)
		}
	}
}

// TestMapTextSignals covers the items only the notice's wording can reach
// (10-1, 10-2, 10-7): each sentence must map, or must not map, to the item.
// The negatives are the stock phrases of apology notices, which mention
// recurrence, rules and foreign places without meaning these signals.
func TestMapTextSignals(t *testing.T) {
	c := mustLoad(t)
	cases := []struct {
		item, cause, text string
		want              bool
	}{
		{"10-7-foreign", "unauthorized_access", "当社が利用している海外のクラウドサービス事業者のサーバーが不正アクセスを受けました。", true},
		{"10-7-foreign", "misconfiguration", "ベトナムの開発委託先が検証環境にデータを複製しておりました。", true},
		{"10-7-foreign", "unknown", "顧客データは外国にある第三者に提供されておりました。", true},
		{"10-7-foreign", "unauthorized_access", "海外に設置されたサーバーに保存していた会員情報が閲覧された可能性があります。", true},
		{"10-7-foreign", "unauthorized_access", "海外からの不正アクセスにより、当社サーバーの情報が窃取されました。", false},
		{"10-7-foreign", "unauthorized_access", "海外のIPアドレスから大量のログイン試行がありました。", false},
		{"10-7-foreign", "misdelivery", "外国人のお客様を含む42名にメールを送信しました。", false},
		{"10-7-foreign", "loss", "中国地方の営業所で書類を紛失しました。", false},
		{"10-7-foreign", "unauthorized_access", "海外サーバーを経由した攻撃を受けました。", false},
		{"10-7-foreign", "insider", "米国子会社の従業員が顧客情報を持ち出しました。", true},

		{"10-2-rules", "misdelivery", "社内ルールではBCCで送信することとしておりましたが、担当者がルールに反してTOに入力しました。", true},
		{"10-2-rules", "loss", "定められた持出し手順が守られていなかったことが原因です。", true},
		{"10-2-rules", "improper_disposal", "廃棄に関するマニュアルを見直し、全職員に周知いたします。", true},
		{"10-2-rules", "misdelivery", "今後は送信前の確認手順を徹底し、再発防止に努めてまいります。", false},
		{"10-2-rules", "misdelivery", "当社規程に基づき調査した結果、二次被害は確認されておりません。", false},
		{"10-2-rules", "ransomware", "VPN機器の運用ルールに反した設定が残っていました。", false}, // an attack: 10-2 is for procedure failures

		{"10-1-policy", "misdelivery", "昨年にも同様の事案が発生しており、重ねてお詫び申し上げます。", true},
		{"10-1-policy", "loss", "度重なる事故によりご迷惑をおかけしております。", true},
		{"10-1-policy", "misdelivery", "再びこのような事案を発生させてしまい、誠に申し訳ございません。", true},
		{"10-1-policy", "insider", "個人情報保護方針に反して顧客情報が持ち出されました。", true},
		{"10-1-policy", "unauthorized_access", "情報セキュリティ基本方針を見直し、管理体制を強化いたします。", true},
		{"10-1-policy", "misdelivery", "今後、同様の事案が再び発生しないよう、再発防止に努めてまいります。", false},
		{"10-1-policy", "misdelivery", "再度このような事態を起こさないよう、重ねてお詫び申し上げます。", false},
		{"10-1-policy", "misdelivery", "二度とこのような事案を発生させてはならないと考えております。", false},
		{"10-1-policy", "misdelivery", "当社の個人情報保護方針はウェブサイトに掲載しております。", false},
	}
	for _, tc := range cases {
		in := &corpus.Incident{Causes: []string{tc.cause}, Text: "個人情報に関するお詫び\n" + tc.text}
		got := reasonsFor(c.Map(in), tc.item) != nil
		if got != tc.want {
			t.Errorf("%s: %q (%s) mapped=%v, want %v", tc.item, tc.text, tc.cause, got, tc.want)
		}
	}
	// The title counts too; an incident without text maps nothing from it.
	if reasonsFor(c.Map(&corpus.Incident{Causes: []string{"unknown"}, Title: "海外子会社への不正アクセスについて"}), "10-7-foreign") == nil {
		t.Error("10-7-foreign: title not read")
	}
	if reasonsFor(c.Map(&corpus.Incident{Causes: []string{"misdelivery"}}), "10-2-rules") != nil {
		t.Error("10-2-rules mapped without any text")
	}
}

func TestConditionErrors(t *testing.T) {
	var base Rules
	if err := json.Unmarshal(rulesJSON, &base); err != nil {
		t.Fatal(err)
	}
	var items []Item
	if err := json.Unmarshal(itemsJSON, &items); err != nil {
		t.Fatal(err)
	}
	// A broken pattern fails when the rules are read, naming the pattern.
	_, err := Parse(itemsJSON, []byte(`{"rules":[{"when":{"text_matches":"(海外"},"items":["10-7-foreign"],"reason":"x"}]}`))
	if err == nil || !strings.Contains(err.Error(), "(海外") {
		t.Errorf("Parse with a broken pattern = %v", err)
	}
	_, err = Parse(itemsJSON, []byte(`{"rules":[{"when":{"text_matches":" "},"items":["10-7-foreign"],"reason":"x"}]}`))
	if err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("Parse with an empty pattern = %v", err)
	}
	r := base
	r.Rules = append(slices.Clone(base.Rules), Rule{When: Condition{CausesAny: []string{"loss", "alien"}}, Items: []string{"10-2-rules"}, Reason: "x"})
	if err := Validate(items, &r, corpus.Taxonomies()); err == nil || !strings.Contains(err.Error(), `unknown cause "alien"`) {
		t.Errorf("Validate with an unknown cause in causes_any = %v", err)
	}
	// causes_any does not stand in for a cause's own rule.
	r.Rules = slices.DeleteFunc(slices.Clone(base.Rules), func(ru Rule) bool { return ru.When.Cause == "theft" })
	r.Rules = append(r.Rules, Rule{When: Condition{CausesAny: []string{"theft"}}, Items: []string{"10-2-rules"}, Reason: "x"})
	if err := Validate(items, &r, corpus.Taxonomies()); err == nil || !strings.Contains(err.Error(), `cause "theft" has no rule`) {
		t.Errorf("Validate = %v", err)
	}
}
