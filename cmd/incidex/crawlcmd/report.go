package crawlcmd

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/crawl"
)

// report is the command's summary: the crawl's and the ingest's.
type report struct {
	*crawl.Summary
	Interrupted bool          `json:"interrupted,omitempty"`
	Ingest      *ingestReport `json:"ingest,omitempty"`
}

type ingestReport struct {
	Inputs   []string `json:"inputs"`
	ExitCode int      `json:"exit_code"`
	Ran      bool     `json:"ran"`
	Summary  string   `json:"summary"` // the ingest's summary line
}

// printReport writes the summary: JSON on stdout, or lines on stderr next
// to the ingest's own summary line.
func printReport(env cli.Env, r *report, format string) {
	if format == "json" {
		b, _ := json.MarshalIndent(r, "", "  ")
		fmt.Fprintf(env.Stdout, "%s\n", b)
		return
	}
	s := r.Summary
	failed := 0
	for _, n := range s.Failed {
		failed += n
	}
	fmt.Fprintf(env.Stderr, "incidex crawl: %d requests in %.1fs: %d fetched, %d not modified, %d feeds/listings/sitemaps read, %d redirects; skipped: %d by robots.txt, %d not a notice, %d off-site, %d before --since; %d failed, %d pending\n",
		s.Requests, s.Seconds, s.Fetched, s.NotModified, s.Read, s.Redirects,
		s.SkippedRobots, s.NotNotice, s.Offsite, s.BeforeSince, failed, s.Pending)
	for _, reason := range slices.Sorted(maps.Keys(s.Failed)) {
		fmt.Fprintf(env.Stderr, "incidex crawl: failed (%s): %d\n", reason, s.Failed[reason])
	}
	for _, f := range s.Failures {
		fmt.Fprintf(env.Stderr, "incidex crawl: %s: %s\n", f.URL, f.Reason)
	}
	if s.Resumed {
		fmt.Fprintf(env.Stderr, "incidex crawl: continued an interrupted crawl\n")
	}
	if s.Pending > 0 && !r.Interrupted {
		fmt.Fprintf(env.Stderr, "incidex crawl: %d URLs wait for the next run\n", s.Pending)
	}
	for _, c := range s.Captures {
		fmt.Fprintf(env.Stderr, "incidex crawl: captures stored in %s\n", c)
	}
}

// printPlan writes a dry run's list.
func printPlan(env cli.Env, plan []crawl.Planned, format string) int {
	if format == "json" {
		b, _ := json.MarshalIndent(plan, "", "  ")
		fmt.Fprintf(env.Stdout, "%s\n", b)
		return cli.ExitOK
	}
	for _, p := range plan {
		fmt.Fprintf(env.Stdout, "%s  %s  %s\n    %s\n", p.Source, p.Kind, p.URL, p.Note)
	}
	return cli.ExitOK
}

// summaryWatch passes the ingest's stderr through and notes its summary
// line ("incidex ingest: N inputs in …").
type summaryWatch struct {
	w    io.Writer
	buf  bytes.Buffer
	seen bool
	line string
}

var ingestSummary = regexp.MustCompile(`^incidex ingest: \d+ inputs in `)

func (s *summaryWatch) Write(p []byte) (int, error) {
	s.buf.Write(p)
	for {
		i := bytes.IndexByte(s.buf.Bytes(), '\n')
		if i < 0 {
			break
		}
		line := string(s.buf.Next(i + 1))
		if ingestSummary.MatchString(line) {
			s.seen, s.line = true, strings.TrimSpace(line)
		}
	}
	return s.w.Write(p)
}

// progress is a bar on a terminal whose total grows as links are found.
type progress struct {
	p   *mpb.Progress
	bar *mpb.Bar
}

func newProgress(ctx context.Context, env cli.Env) *progress {
	if !env.StdoutIsTTY {
		return &progress{}
	}
	p := mpb.NewWithContext(ctx, mpb.WithOutput(env.Stderr), mpb.WithWidth(40))
	bar := p.AddBar(0,
		mpb.PrependDecorators(decor.Name("crawl "), decor.CountersNoUnit("%d/%d")),
		mpb.AppendDecorators(decor.Percentage(decor.WC{W: 5}), decor.Name(" "), decor.Elapsed(decor.ET_STYLE_GO)),
	)
	return &progress{p: p, bar: bar}
}

func (p *progress) update(pr crawl.Progress) {
	if p.bar == nil {
		return
	}
	p.bar.SetTotal(int64(pr.Done+pr.Queued), false)
	p.bar.SetCurrent(int64(pr.Done))
}

func (p *progress) done() {
	if p.bar == nil {
		return
	}
	p.bar.SetTotal(-1, true) // the total is now what was done
	p.p.Wait()
}
