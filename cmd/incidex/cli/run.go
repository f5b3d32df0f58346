package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/crawl"
	"github.com/incidex/incidex/parse"
)

// Result is what one input gave: its incidents, or the error that stopped it.
type Result struct {
	Input     string // the input's name: its path, or "FILE#record-N (URI)" for a WARC capture
	Source    string // where the content came from: the path, or a WARC capture's URL ("" when it could not be read)
	Incidents []corpus.Incident
	Err       error
	Warning   string

	Hash               string // sha256 of the decoded content, hex
	MediaType, Charset string
	Skipped            bool // the skip function said the content is known: not extracted
}

// ExtractAll reads and extracts the inputs on workers goroutines (all cores
// when 0) and calls emit with each result in input order, as soon as it
// and every earlier one are done. One Analyzer serves every goroutine.
func ExtractAll(ctx context.Context, a *parse.Analyzer, r *crawl.Reader, inputs []string, workers int, emit func(Result)) {
	ExtractNew(ctx, a, r, inputs, workers, nil, emit)
}

// Extractor is what extracts the incidents of a page: a *parse.Analyzer,
// or one made on first use.
type Extractor interface {
	Extract(ctx context.Context, p parse.Page) ([]corpus.Incident, error)
}

// ExtractNew is ExtractAll that does not extract an input whose content
// skip reports as already known (skip may be nil): the result is Skipped.
// A WARC file gives one result per capture (see [crawl.Reader.Expand]).
func ExtractNew(ctx context.Context, a Extractor, r *crawl.Reader, inputs []string, workers int, skip func(source, hash string) bool, emit func(Result)) {
	ExtractInputs(ctx, a, r, r.Expand(ctx, inputs), workers, skip, emit)
}

// ExtractInputs is ExtractNew over inputs already expanded, for callers
// that need their number first (a progress bar).
func ExtractInputs(ctx context.Context, a Extractor, r *crawl.Reader, inputs []crawl.Input, workers int, skip func(source, hash string) bool, emit func(Result)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]chan Result, len(inputs))
	for i := range results {
		results[i] = make(chan Result, 1)
	}
	// The readers may run ahead of emit by a few inputs only: emit (the
	// store, the index) is often the slower side, and results waiting for
	// it hold whole notices in memory.
	ahead := make(chan struct{}, 4*workers)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] <- extractOne(ctx, a, r, inputs[i], skip)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range inputs {
			select {
			case ahead <- struct{}{}:
			case <-ctx.Done():
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				for ; i < len(inputs); i++ {
					results[i] <- Result{Input: inputs[i].String(), Err: fmt.Errorf("%s: %w", inputs[i], ctx.Err())}
				}
				return
			}
		}
	}()
	for i := range results {
		emit(<-results[i])
		select {
		case <-ahead:
		default:
		}
	}
	wg.Wait()
}

func extractOne(ctx context.Context, a Extractor, r *crawl.Reader, in crawl.Input, skip func(source, hash string) bool) (res Result) {
	input := in.String()
	res.Input = input
	defer func() {
		// A bug in one extractor must not take the other inputs down with it.
		if p := recover(); p != nil {
			res.Err = fmt.Errorf("%s: internal error: %v", input, p)
		}
	}()
	c, err := r.ReadInput(ctx, in)
	if err != nil {
		res.Err = err
		return res
	}
	sum := sha256.Sum256(c.Body)
	res.Source, res.Hash, res.MediaType, res.Charset = c.Source, hex.EncodeToString(sum[:]), c.MediaType, c.Charset
	if skip != nil && skip(c.Source, res.Hash) {
		res.Skipped = true
		return res
	}
	if c.MediaType == crawl.MediaPDF {
		// After the skip check: an unchanged PDF costs no conversion.
		text, err := crawl.PDFText(ctx, c.Body)
		if err != nil {
			res.Err = fmt.Errorf("%s: %w", input, err)
			return res
		}
		c.Body, c.MediaType = text, "text/plain"
	}
	if c.Truncated {
		res.Warning = input + ": HTML ends mid-document; extracted what was there"
	}
	html := strings.Contains(c.MediaType, "html")
	res.Incidents, res.Err = a.Extract(ctx, parse.Page{Source: c.Source, Body: c.Body, HTML: html})
	return res
}
