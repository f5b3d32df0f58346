package parse

import (
	"slices"
	"testing"
)

func TestCountermeasures(t *testing.T) {
	const head = "個人情報を含むメールの誤送信について\n2024年10月2日\n架空市\n" +
		"架空市市民課において、講座の案内メールを送信する際、宛先を誤って送信する事案が発生しました。\n"
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"bulleted section, a wrapped bullet", head +
			"再発防止策\n" +
			"・外部への一斉送信はBCCとし、送信前に他の職員が宛先を確認します。\n" +
			"・全職員を対象に、個人情報の取扱いに関する研修を\n実施します。\n" +
			"お問い合わせ先\n架空市市民課 電話 000-000-0000\n",
			[]string{"外部への一斉送信はBCCとし、送信前に他の職員が宛先を確認します。", "全職員を対象に、個人情報の取扱いに関する研修を実施します。"}},
		{"numbered heading, a paragraph", head +
			"4.再発防止に向けた取り組みについて\n" +
			"メール配信システムを導入し、個別の送信を行わない運用に改めます。\n" +
			"5.お問い合わせ\n",
			[]string{"メール配信システムを導入し、個別の送信を行わない運用に改めます。"}},
		{"a sentence that introduces them", head +
			"本市では再発防止策として、送信前のダブルチェックを義務付けました。ご迷惑をおかけしました。\n",
			[]string{"本市では再発防止策として、送信前のダブルチェックを義務付けました。"}},
		{"a promise with nothing in it", head +
			"今後はこのようなことのないよう、再発防止に努めてまいります。\n",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := extractOne(t, tt.text)
			if !slices.Equal(in.Countermeasures, tt.want) {
				t.Errorf("countermeasures = %q, want %q", in.Countermeasures, tt.want)
			}
		})
	}
}
