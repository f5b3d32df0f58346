package parse_test

import (
	"context"
	"fmt"
	"log"

	"github.com/incidex/incidex/parse"
)

func ExampleAnalyzer_Extract() {
	a, err := parse.New() // loads the dictionary: create one Analyzer and reuse it
	if err != nil {
		log.Fatal(err)
	}
	notice := `メールの誤送信による個人情報の流出について

令和6年4月12日
架空市 こども未来課

架空市こども未来課において、子育て講座の参加者へ案内メールを送信する際、BCCで送信すべきところを誤ってTOで送信し、参加者58名のメールアドレスが他の受信者に表示される状態となりました。
4月10日、受信者からの連絡により判明しました。なお、氏名や住所等の情報は含まれておりません。
`
	incidents, err := a.Extract(context.Background(), parse.Page{Source: "notice.txt", Body: []byte(notice)})
	if err != nil {
		log.Fatal(err)
	}
	for _, in := range incidents {
		fmt.Println("organization:", in.Organization)
		fmt.Println("published:", in.Published)
		fmt.Println("discovered:", in.Discovered)
		fmt.Println("causes:", in.Causes)
		fmt.Println("affected:", *in.Affected)
		fmt.Println("data_types:", in.DataTypes)
	}
	// Output:
	// organization: 架空市
	// published: 2024-04-12
	// discovered: 2024-04-10
	// causes: [misdelivery]
	// affected: 58
	// data_types: [email]
}
