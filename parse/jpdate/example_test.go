package jpdate_test

import (
	"fmt"

	"github.com/incidex/incidex/parse/jpdate"
)

func ExampleFind() {
	text := "令和6年2月15日（木）13時30分頃、不正アクセスを検知しました。" +
		"同月20日に外部専門機関へ調査を依頼し、3月1日～8日に対象のお客様へ通知しました。"
	for _, m := range jpdate.Find(text, jpdate.Date{}) {
		fmt.Printf("%s %s", m.Date, text[m.Start:m.End])
		if m.HasTime {
			fmt.Printf(" time=%02d:%02d", m.Hour, m.Minute)
		}
		if m.RangeEnd {
			fmt.Print(" (range end)")
		}
		fmt.Println()
	}
	// Output:
	// 2024-02-15 令和6年2月15日（木）13時30分頃 time=13:30
	// 2024-02-20 同月20日
	// 2024-03-01 3月1日
	// 2024-03-08 8日 (range end)
}

func ExampleParse() {
	d, err := jpdate.Parse("令和五年十月十二日(木)")
	fmt.Println(d, err)
	// Output: 2023-10-12 <nil>
}
