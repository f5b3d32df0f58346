package report_test

import (
	"fmt"
	"io"

	"github.com/incidex/incidex/checklist"
	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/report"
)

// A set report is built one case at a time, then rendered; here its
// counts and the items covering the most incidents are read from the model.
func ExampleNewSet() {
	cl, err := checklist.Load()
	if err != nil {
		panic(err)
	}
	b := report.NewSet("全件", cl)
	for i, cause := range []string{"misdelivery", "misdelivery", "loss"} {
		b.Add(&corpus.Case{ID: fmt.Sprint("c", i), Current: corpus.Incident{Causes: []string{cause}}})
	}
	doc := b.Doc()
	for _, c := range doc.Set.ByCause {
		fmt.Println(c.Label, c.Incidents)
	}
	for _, it := range doc.Set.Items[:2] {
		fmt.Printf("%s %d/%d\n", it.Title, it.Incidents, doc.Set.Incidents)
	}
	// Output:
	// 誤送信・誤送付 2
	// 紛失・置き忘れ 1
	// 従業者への定期教育 3/3
	// 送付前の宛先・内容確認 2/3
}

// A report on one incident lists the items it maps to, with why, and
// renders as Markdown, HTML or JSON.
func ExampleIncident() {
	cl, err := checklist.Load()
	if err != nil {
		panic(err)
	}
	c := &corpus.Case{ID: "abc123", Current: corpus.Incident{
		Organization: "株式会社サンプル商事",
		Causes:       []string{"misdelivery"},
		DataTypes:    []string{"email"},
	}}
	doc := report.Incident(c, nil, cl)
	for _, it := range doc.Incident.Items {
		fmt.Println(it.ID, it.Title)
	}
	if err := doc.HTML(io.Discard); err != nil {
		panic(err)
	}
	// Output:
	// 10-3-2-send-check 送付前の宛先・内容確認
	// 10-4-training 従業者への定期教育
	// 10-6-4-mail-control メール誤送信防止の仕組み
}
