package index_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/index"
)

func Example() {
	dir, err := os.MkdirTemp("", "incidex-index")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	ix, err := index.Open(dir)
	if err != nil {
		log.Fatal(err) // errors.Is(err, index.ErrBusy) when another process has it
	}
	defer ix.Close()

	ctx := context.Background()
	err = ix.Put(ctx, []index.Doc{{ID: "n1", Incident: corpus.Incident{
		Organization: "株式会社れいわ商会",
		Title:        "顧客情報漏洩のお詫び",
		Causes:       []string{"unauthorized_access"},
		Text:         "第三者による不正アクセスにより、顧客情報が流出した可能性があります。",
	}}})
	if err != nil {
		log.Fatal(err)
	}

	// 漏えい finds 漏洩 and 流出; the organization matches without 株式会社.
	res, err := ix.Search(ctx, index.Query{Text: "漏えい", Org: "れいわ商会"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range res.Hits {
		fmt.Println(h.ID, h.Title)
		fmt.Println(h.Snippets[0])
	}
	// Output:
	// n1 顧客情報漏洩のお詫び
	// 第三者による不正アクセスにより、顧客情報が【流出】した可能性があります。
}

func ExampleAnalyze() {
	terms, err := index.Analyze("USBメモリーを紛失しました")
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range terms {
		if t.Field == "text" {
			fmt.Printf("%s %d-%d\n", t.Term, t.Start, t.End)
		}
	}
	// Output:
	// usb 0-3
	// メモリ 3-15
	// 紛失 18-24
}
