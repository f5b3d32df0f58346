// Command querybench measures warm search latency over a fixed query set on
// an existing data directory: each query runs once to warm up, then -n
// times; it prints p50 and p99 per query and over all, as JSON.
//
//	go run ./bench/querybench -data DIR -n 50
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"sort"
	"syscall"
	"time"

	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/index"
)

// queries is the fixed set: words, synonyms, filters, facets, sorts.
var queries = []struct {
	name string
	q    index.Query
}{
	{"word", index.Query{Text: "漏洩", Limit: 20}},
	{"phrase", index.Query{Text: "個人情報 流出", Limit: 20}},
	{"word+filters+facets", index.Query{Text: "不正アクセス", Causes: []string{"unauthorized_access", "payment_tampering"}, Since: corpus.Date{Year: 2022}, Limit: 20, Facets: true}},
	{"filters+facets", index.Query{Causes: []string{"misdelivery"}, MinAffected: ptr(100), Limit: 20, Facets: true}},
	{"sort affected", index.Query{DataTypes: []string{"card_number"}, Sort: "affected", Limit: 20}},
	{"katakana", index.Query{Text: "メモリー", Limit: 20}},
	{"rare", index.Query{Text: "ランサムウェア 暗号化", ThirdParty: ptrB(true), Limit: 20}},
}

func ptr(v int64) *int64 { return &v }
func ptrB(v bool) *bool  { return &v }

func main() {
	data := flag.String("data", "", "data directory (its index/ is opened)")
	n := flag.Int("n", 50, "runs per query")
	only := flag.String("query", "", "run only the query of this name")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the timed runs to this file")
	flag.Parse()
	if *data == "" {
		fmt.Fprintln(os.Stderr, "querybench: -data is required")
		os.Exit(2)
	}
	ix, err := index.Open(*data + "/index")
	if err != nil {
		fmt.Fprintln(os.Stderr, "querybench:", err)
		os.Exit(1)
	}
	defer ix.Close()
	ctx := context.Background()
	type row struct {
		Query    string  `json:"query"`
		Total    uint64  `json:"total"`
		P50ms    float64 `json:"p50_ms"`
		P99ms    float64 `json:"p99_ms"`
		MaxMs    float64 `json:"max_ms"`
		Warmupms float64 `json:"first_ms"`
		// CPUms is the process CPU time per run (all threads): steadier
		// than wall time on a busy machine.
		CPUms float64 `json:"cpu_ms"`
	}
	var rows []row
	var all []time.Duration
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "querybench:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	for _, q := range queries {
		if *only != "" && q.name != *only {
			continue
		}
		start := time.Now()
		res, err := ix.Search(ctx, q.q)
		if err != nil {
			fmt.Fprintln(os.Stderr, "querybench:", q.name, err)
			os.Exit(1)
		}
		first := time.Since(start)
		var ds []time.Duration
		cpu0 := cpuTime()
		for i := 0; i < *n; i++ {
			start := time.Now()
			if _, err := ix.Search(ctx, q.q); err != nil {
				fmt.Fprintln(os.Stderr, "querybench:", q.name, err)
				os.Exit(1)
			}
			ds = append(ds, time.Since(start))
		}
		all = append(all, ds...)
		p50, p99, mx := pct(ds)
		cpu := (cpuTime() - cpu0) / time.Duration(max(*n, 1))
		rows = append(rows, row{q.name, res.Total, ms(p50), ms(p99), ms(mx), ms(first), ms(cpu)})
	}
	p50, p99, mx := pct(all)
	rows = append(rows, row{"ALL", 0, ms(p50), ms(p99), ms(mx), 0, 0})
	b, _ := json.MarshalIndent(rows, "", "  ")
	fmt.Println(string(b))
}

func pct(ds []time.Duration) (p50, p99, max time.Duration) {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2], ds[min(len(ds)-1, len(ds)*99/100)], ds[len(ds)-1]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
