// Gen writes synthetic breach notices for scale benchmarks.
//
// Usage:
//
//	go run ./bench/gen -n 100000 -seed 1 -out DIR
//
// Notice i (from 0) is written to DIR/SSS/NNNNNN.txt, or .html for an HTML
// page, where NNNNNN is i+1 and SSS the shard of 1000 files it falls in.
// DIR/truth.jsonl holds one line per notice, in order: the planted values
// with the file name, and the file of the incident's first notice.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/incidex/incidex/bench/noticegen"
)

const shardSize = 1000

// record is one line of truth.jsonl.
type record struct {
	File string `json:"file"`
	noticegen.Truth
	IncidentFile string `json:"incident_file"`
}

func main() {
	n := flag.Int("n", 1000, "number of notices")
	seed := flag.Int64("seed", 1, "generator seed")
	out := flag.String("out", "", "output directory (required)")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "parallel writers")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	if *out == "" || *n < 0 || *workers < 1 {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	files, bytes, err := generate(noticegen.New(*seed), *n, *out, *workers)
	if err != nil {
		log.Fatal(err)
	}
	el := time.Since(start)
	fmt.Printf("wrote %d files, %d bytes (%.1f MB) to %s in %v (%.0f notices/s)\n",
		files, bytes, float64(bytes)/1e6, *out, el.Round(time.Millisecond), float64(files)/el.Seconds())
}

// name returns the file name of notice i, relative to the output directory.
func name(i int, html bool) string {
	ext := ".txt"
	if html {
		ext = ".html"
	}
	return fmt.Sprintf("%03d/%06d%s", i/shardSize, i+1, ext)
}

// generate writes notices 0…n-1 and truth.jsonl under dir.
func generate(g *noticegen.Generator, n int, dir string, workers int) (int, int64, error) {
	for s := 0; s*shardSize < n; s++ {
		if err := os.MkdirAll(filepath.Join(dir, fmt.Sprintf("%03d", s)), 0o755); err != nil {
			return 0, 0, err
		}
	}
	lines := make([][]byte, n)
	names := make([]string, n)
	var total atomic.Int64
	var once sync.Once
	var firstErr error
	next := make(chan int, 256)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				nt := g.Notice(i)
				names[i] = name(i, nt.HTML)
				if err := os.WriteFile(filepath.Join(dir, names[i]), []byte(nt.Text), 0o644); err != nil {
					once.Do(func() { firstErr = err })
					continue
				}
				total.Add(int64(len(nt.Text)))
				b, err := json.Marshal(record{File: names[i], Truth: nt.Truth})
				if err != nil {
					once.Do(func() { firstErr = err })
				}
				lines[i] = b
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return 0, 0, firstErr
	}
	return n, total.Load(), writeTruth(filepath.Join(dir, "truth.jsonl"), lines, names)
}

// writeTruth writes the truth lines in order, adding the incident's file,
// known only once every notice is named.
func writeTruth(path string, lines [][]byte, names []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, l := range lines {
		var r record
		if err := json.Unmarshal(l, &r); err != nil {
			f.Close()
			return err
		}
		r.IncidentFile = names[r.Incident]
		b, err := json.Marshal(r)
		if err != nil {
			f.Close()
			return err
		}
		w.Write(b)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
