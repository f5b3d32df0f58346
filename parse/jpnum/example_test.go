package jpnum_test

import (
	"fmt"

	"github.com/incidex/incidex/parse/jpnum"
)

func ExampleCounts() {
	text := "氏名・住所最大で約1.2万件、クレジットカード情報のべ2,345件、法人会員3社（2024年3月15日時点）"
	for _, c := range jpnum.Counts(text) {
		fmt.Printf("%s: %d %s %q\n", text[c.Start:c.End], c.Value, c.Unit, c.Qualifier)
	}
	// Output:
	// 最大で約1.2万件: 12000 件 "最大"
	// のべ2,345件: 2345 件 "延べ"
	// 3社: 3 社 ""
}

func ExampleParse() {
	for _, s := range []string{"１，２３４", "一万二千三百四十五", "3万5千", "二〇二三", "十百"} {
		v, err := jpnum.Parse(s)
		fmt.Println(v, err)
	}
	// Output:
	// 1234 <nil>
	// 12345 <nil>
	// 35000 <nil>
	// 2023 <nil>
	// 0 jpnum: invalid number: "十百"
}
