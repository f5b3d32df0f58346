package checklist_test

import (
	"fmt"

	"github.com/incidex/incidex/checklist"
	"github.com/incidex/incidex/corpus"
)

func Example() {
	c, err := checklist.Load()
	if err != nil {
		panic(err)
	}
	in := &corpus.Incident{
		Organization: "株式会社サンプル商事",
		Causes:       []string{"misdelivery"},
		DataTypes:    []string{"name", "email"},
	}
	for _, m := range c.Map(in) {
		fmt.Println(m.Item.ID, m.Item.Title)
		fmt.Println("  ", m.Reasons[0])
	}
	fmt.Printf("%+v\n", checklist.VERIS(in))
	// Output:
	// 10-3-2-send-check 送付前の宛先・内容確認
	//    誤送信・誤送付: 宛先や添付の確認が不十分なまま送った（外部宛て一斉送信でBCCを使わなかった、封入物を取り違えた等）
	// 10-4-training 従業者への定期教育
	//    誤送信・誤送付: 宛先や添付の確認が不十分なまま送った（外部宛て一斉送信でBCCを使わなかった、封入物を取り違えた等）
	// 10-6-4-mail-control メール誤送信防止の仕組み
	//    誤送信・誤送付: 宛先や添付の確認が不十分なまま送った（外部宛て一斉送信でBCCを使わなかった、封入物を取り違えた等）
	// {Actions:[{Category:error Variety:Misdelivery}] Actors:[internal]}
}
