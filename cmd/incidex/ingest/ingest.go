// Package ingest is the "incidex ingest" command: notices in, incidents
// stored in the corpus and indexed for search, idempotently.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/corpus"
	"github.com/incidex/incidex/crawl"
	"github.com/incidex/incidex/datadir"
	"github.com/incidex/incidex/index"
	"github.com/incidex/incidex/parse"
)

const synopsis = "[--data DIR] [--workers N] [--max-size BYTES] PATH... | -"

const about = `Extracts the incidents of notices (files, directories, or - for stdin), stores
them in the corpus of the data directory and indexes them for search. A WARC file
(.warc, .warc.gz) gives one input per page captured (2xx responses and resources),
stored under its URL; of a URL captured more than once, the latest. Re-ingesting
unchanged content changes nothing; a changed page updates its incidents, keeping
every earlier version; follow-up reports (第2報, 続報) join their incident.
Ends with a summary: inputs new, updated, unchanged, failed.`

// indexBatch is how many changed incidents are indexed at once: bleve's
// memory grows with the batch.
const indexBatch = 500

// Run runs the command.
func Run(ctx context.Context, env cli.Env, args []string) int {
	cmd := cli.NewCommand(env, "ingest", synopsis, about)
	in := cmd.InputFlags()
	args, code, ok := cmd.Parse(args)
	if !ok {
		return code
	}
	paths, missing, code, ok := cmd.Inputs(in, args)
	if !ok {
		return code
	}
	d, err := cli.OpenData(ctx, cmd.Data, datadir.Write, cli.NeedStore|cli.NeedIndex)
	if err != nil {
		return cmd.Fail(err)
	}
	defer d.Close()
	sum, err := ingest(ctx, env, d, paths, in.Workers, in.MaxSize)
	sum.inputs += missing
	sum.failed += missing
	fmt.Fprintf(env.Stderr, "incidex ingest: %s\n", sum)
	if err != nil {
		return cmd.Fail(err)
	}
	if sum.failed > 0 {
		return cli.ExitFailure
	}
	return cli.ExitOK
}

// summary counts what an ingest did, by input and by incident.
type summary struct {
	inputs, new, updated, unchanged, failed int
	notBreach                               int // read, but no breach notice
	cases                                   map[corpus.Outcome]int
	took                                    time.Duration
}

func (s summary) String() string {
	other := ""
	if s.notBreach > 0 {
		other = fmt.Sprintf(", %d not a breach notice", s.notBreach)
	}
	return fmt.Sprintf("%d inputs in %.1fs: %d new, %d updated, %d unchanged%s, %d failed; incidents: %d new, %d joined an earlier one, %d updated",
		s.inputs, s.took.Seconds(), s.new, s.updated, s.unchanged, other, s.failed,
		s.cases[corpus.New], s.cases[corpus.Linked], s.cases[corpus.Updated])
}

func ingest(ctx context.Context, env cli.Env, d *cli.Data, paths []string, workers int, maxSize int64) (summary, error) {
	start := time.Now()
	reader := &crawl.Reader{MaxSize: maxSize, Stdin: env.Stdin}
	// A WARC file is as many inputs as it holds captures, each stored
	// under its URL.
	inputs := reader.Expand(ctx, paths)
	sum := summary{inputs: len(inputs), cases: map[corpus.Outcome]int{}}
	// An earlier run that stopped between storing and indexing left the
	// flag: the index is rebuilt from the store, which has everything.
	if d.Dirty() {
		fmt.Fprintln(env.Stderr, "incidex ingest: the index lags the store (an interrupted ingest, or an index of an older layout); rebuilding it from the store")
		if _, err := d.Reindex(ctx, nil); err != nil {
			return sum, fmt.Errorf("reindex: %w", err)
		}
	}
	if err := d.MarkDirty(); err != nil {
		return sum, err
	}
	bar, wait := progress(ctx, env, len(inputs))
	pending := map[string]bool{}
	// tokens keeps parse's segmentation of the texts stored since the last
	// flush, so the index reuses it instead of segmenting them again.
	tokens := map[string][]corpus.Token{}
	// bleve indexes a batch while the next is extracted and stored: one
	// batch in flight, applied in order. Measured on 100k notices, the
	// store and the extraction waited on the index a fifth of the time.
	batches := make(chan []index.Doc, 1)
	indexed := make(chan error, 1)
	var indexErr atomic.Pointer[error] // set once the index failed: stop early
	go func() {
		var err error
		for docs := range batches {
			if err == nil {
				if err = d.Index.Put(ctx, docs); err != nil {
					indexErr.Store(&err)
				}
			}
		}
		indexed <- err
	}()
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		docs := make([]index.Doc, 0, len(pending))
		for id := range pending {
			c, err := d.Store.Case(ctx, id)
			if err != nil {
				return err
			}
			c.Current.Tokens = tokens[c.Current.Text]
			docs = append(docs, cli.Doc(c))
		}
		clear(pending)
		clear(tokens)
		batches <- docs
		return nil
	}
	var firstErr error
	seen := func(source, hash string) bool {
		if source == "-" {
			source = "stdin:" + hash[:16]
		}
		ok, err := d.Store.Seen(ctx, source, hash)
		return err == nil && ok
	}
	// Results come in input order, and the store takes them one page (one
	// transaction) at a time in that order, so an interrupted run resumed
	// ends as an uninterrupted one.
	cli.ExtractInputs(ctx, lazyAnalyzer{sync.OnceValues(parse.New)}, reader, inputs, workers, seen, func(r cli.Result) {
		defer bar.Increment()
		if r.Warning != "" {
			env.Errorf("ingest", "warning: %s", r.Warning)
		}
		notBreach := errors.Is(r.Err, parse.ErrNotBreach)
		if r.Err != nil && !notBreach {
			sum.failed++
			env.Errorf("ingest", "%v", r.Err)
			return
		}
		if r.Skipped || firstErr != nil {
			sum.unchanged++
			return
		}
		source := r.Source // the path, or a WARC capture's URL
		if source == "-" {
			// Each text piped in is its own page: named by its content, so
			// piping it again changes nothing and piping another adds one.
			source = "stdin:" + r.Hash[:16]
		}
		if notBreach {
			// Stored with no incident: seen, so not read again unchanged.
			sum.notBreach++
			if _, err := d.Store.Ingest(ctx, corpus.Page{Source: source, Hash: r.Hash, MediaType: r.MediaType, Charset: r.Charset}); err != nil {
				sum.failed++
				firstErr = err
			}
			return
		}
		for i, in := range r.Incidents {
			r.Incidents[i].Source = source
			tokens[in.Text] = in.Tokens
		}
		changes, err := d.Store.Ingest(ctx, corpus.Page{Source: source, Hash: r.Hash, MediaType: r.MediaType, Charset: r.Charset, Incidents: r.Incidents})
		if err != nil {
			sum.failed++
			firstErr = err
			return
		}
		// A page is new when all its reports are; updated when any of them
		// changed or was added to a page seen before.
		added, kept, changed := 0, 0, 0
		for _, c := range changes {
			sum.cases[c.Outcome]++
			switch c.Outcome {
			case corpus.Unchanged:
				kept++
			case corpus.Updated:
				changed++
				pending[c.CaseID] = true
			default:
				added++
				pending[c.CaseID] = true
			}
		}
		switch {
		case added+changed == 0:
			sum.unchanged++
		case kept+changed == 0:
			sum.new++
		default:
			sum.updated++
		}
		if len(pending) >= indexBatch {
			if err := flush(); err != nil && firstErr == nil {
				firstErr = err
			}
		}
		if e := indexErr.Load(); e != nil && firstErr == nil {
			firstErr = *e
		}
	})
	wait()
	err := firstErr
	if err == nil {
		err = flush()
	}
	close(batches)
	if ierr := <-indexed; err == nil {
		err = ierr
	}
	if err != nil {
		return sum, err
	}
	sum.took = time.Since(start)
	return sum, d.ClearDirty()
}

// progress returns a bar on a terminal (stderr when stdout is one) and a
// no-op elsewhere, and the function that waits for it to finish drawing.
func progress(ctx context.Context, env cli.Env, total int) (interface{ Increment() }, func()) {
	if !env.StdoutIsTTY || total < 2 {
		return nop{}, func() {}
	}
	p := mpb.NewWithContext(ctx, mpb.WithOutput(env.Stderr), mpb.WithWidth(40))
	bar := p.AddBar(int64(total),
		mpb.PrependDecorators(decor.Name("ingest "), decor.CountersNoUnit("%d/%d")),
		mpb.AppendDecorators(decor.Percentage(decor.WC{W: 5}), decor.Name(" "), decor.AverageETA(decor.ET_STYLE_GO)),
	)
	return bar, func() { p.Wait() }
}

// lazyAnalyzer loads the dictionary (about a second) only when an input
// is new or changed: re-ingesting what is stored costs no more than reading it.
type lazyAnalyzer struct {
	get func() (*parse.Analyzer, error)
}

func (l lazyAnalyzer) Extract(ctx context.Context, p parse.Page) ([]corpus.Incident, error) {
	a, err := l.get()
	if err != nil {
		return nil, err
	}
	return a.Extract(ctx, p)
}

type nop struct{}

func (nop) Increment() {}
