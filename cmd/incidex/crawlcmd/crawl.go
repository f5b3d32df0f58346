// Package crawlcmd is the "incidex crawl" command: notices fetched from the
// web (politely, resumably), stored as WARC captures in the data
// directory, then ingested so that search finds them at once.
package crawlcmd

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/incidex/incidex/cmd/incidex/cli"
	"github.com/incidex/incidex/cmd/incidex/ingest"
	"github.com/incidex/incidex/crawl"
	"github.com/incidex/incidex/datadir"
)

const synopsis = "[--source NAME]... [--since DATE] [--max-pages N] [--dry-run] [--print-sources] [--format text|json] [URL...]"

const about = `Fetches notices from the web, stores every page as a WARC capture in the data
directory and ingests the new captures, so 'incidex search' finds them at once.

What to crawl: the URLs given (each a site or page whose sitemaps, feeds and
pagination are discovered), the sources named with --source, or else every
source of the sources file: the built-in ones (incidex crawl --dry-run lists
them) and those of DIR/sources.yaml, which adds sources and replaces built-in
ones by name ('incidex crawl --print-sources' prints the built-in file, with
its format, as a start).

Politeness: robots.txt and its Crawl-delay are obeyed; one request at a time
per host, --delay apart; 429 and 503 answers are retried after Retry-After.
A page fetched before costs one conditional GET; a feed is read until an item
an earlier run had. An interrupted crawl (Ctrl-C, a kill, a lost network)
continues where it stopped on the next run. PDFs are turned into text with
pdftotext (Debian: apt-get install poppler-utils).`

// defaultContact is the contact URL of the User-Agent unless the sources
// file or --contact gives another.
const defaultContact = "https://github.com/incidex/incidex"

// stateDir is where the crawl keeps its state inside the data directory.
func stateDir(data string) string { return filepath.Join(data, "crawl") }

type flags struct {
	sources            list
	since              string
	maxPages           int
	dryRun, noIngest   bool
	printSources       bool
	verbose            bool
	delay, timeout     time.Duration
	parallel           int
	maxSize            int64
	userAgent, contact string
	sourcesFile        string
}

// list is a repeatable string flag.
type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(s string) error { *l = append(*l, strings.Split(s, ",")...); return nil }

// Run runs "incidex crawl".
func Run(ctx context.Context, env cli.Env, args []string) int {
	cmd := cli.NewCommand(env, "crawl", synopsis, about)
	var f flags
	cmd.Flags.Var(&f.sources, "source", "crawl the source `NAME` of the sources file (repeatable)")
	cmd.Flags.StringVar(&f.since, "since", "", "skip feed, sitemap and listing items dated before `DATE` (YYYY-MM-DD)")
	cmd.Flags.IntVar(&f.maxPages, "max-pages", 0, "fetch at most `N` pages, feeds and listings this run (0: no limit); the rest waits for the next run")
	cmd.Flags.BoolVar(&f.dryRun, "dry-run", false, "list what would be fetched, fetch nothing")
	cmd.Flags.BoolVar(&f.printSources, "print-sources", false, "print the built-in sources file (a start for DIR/sources.yaml) and exit")
	cmd.Flags.BoolVar(&f.noIngest, "no-ingest", false, "store the captures only; the next crawl (or 'incidex ingest DIR/captures') ingests them")
	cmd.Flags.DurationVar(&f.delay, "delay", crawl.DefaultDelay, "least time between two requests to one host (robots.txt Crawl-delay may raise it)")
	cmd.Flags.IntVar(&f.parallel, "parallel", crawl.DefaultParallel, "hosts crawled at once")
	cmd.Flags.DurationVar(&f.timeout, "timeout", crawl.DefaultTimeout, "time allowed for one request, body included")
	cmd.Flags.Int64Var(&f.maxSize, "max-size", crawl.DefaultMaxSize, "largest answer read, in `bytes`; a larger page fails")
	cmd.Flags.StringVar(&f.contact, "contact", "", "contact `URL` sent in the User-Agent (default: the sources file's contact, else "+defaultContact+")")
	cmd.Flags.StringVar(&f.userAgent, "user-agent", "", "the whole User-Agent `string` (default: incidex/1 (+CONTACT))")
	cmd.Flags.StringVar(&f.sourcesFile, "sources", "", "sources `file` (default: DIR/sources.yaml when it exists, over the built-in sources)")
	cmd.Flags.BoolVar(&f.verbose, "verbose", false, "log every URL to stderr")
	format := cmd.FormatFlag("text", "json")
	urls, code, ok := cmd.Parse(args)
	if !ok {
		return code
	}
	if f.printSources {
		env.Stdout.Write(crawl.BuiltinSources())
		return cli.ExitOK
	}
	opts, err := f.options()
	if err != nil {
		return cmd.Usagef("%v", err)
	}
	file := f.sourcesFile
	if file == "" {
		file = filepath.Join(cmd.Data, "sources.yaml")
	} else if _, err := os.Stat(file); err != nil {
		return cmd.Usagef("--sources: %v", err)
	}
	all, err := crawl.LoadSources(file)
	if err != nil {
		return cmd.Fail(err)
	}
	chosen, err := choose(all, f.sources, urls)
	if err != nil {
		return cmd.Usagef("%v", err)
	}
	if f.dryRun {
		return dryRun(env, cmd, chosen, format.Value)
	}
	opts.UserAgent = f.userAgent
	if opts.UserAgent == "" {
		contact := cmp(f.contact, all.Contact, defaultContact)
		opts.UserAgent = "incidex/1 (+" + contact + ")"
	}
	if f.verbose {
		opts.Logger = slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	} else {
		opts.Logger = slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	}
	return run(ctx, env, cmd, chosen, opts, f.noIngest, format.Value)
}

// cmp returns the first non-empty string.
func cmp(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// options checks the flags and turns them into crawl options.
func (f *flags) options() (crawl.Options, error) {
	o := crawl.Options{
		Delay: f.delay, Parallel: f.parallel, Timeout: f.timeout, MaxBody: f.maxSize, MaxPages: f.maxPages,
	}
	switch {
	case f.delay < 0 || f.timeout <= 0:
		return o, errors.New("--delay must be >= 0 and --timeout > 0")
	case f.parallel < 1 || f.maxPages < 0 || f.maxSize <= 0:
		return o, errors.New("--parallel must be >= 1, --max-pages >= 0 and --max-size > 0")
	}
	if f.delay == 0 {
		o.Delay = time.Nanosecond // 0 means the default to crawl; the user asked for none
	}
	if f.since != "" {
		var err error
		for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
			if o.Since, err = time.Parse(layout, f.since); err == nil {
				break
			}
		}
		if err != nil {
			return o, fmt.Errorf("--since %q: want YYYY-MM-DD", f.since)
		}
	}
	if f.contact != "" {
		if _, err := crawl.ParseURL(f.contact); err != nil {
			return o, fmt.Errorf("--contact: %v", err)
		}
	}
	return o, nil
}

// choose returns the sources to crawl: the URLs given and the named
// sources, or every enabled source when neither is given.
func choose(all *crawl.Sources, names, urls []string) ([]crawl.Source, error) {
	var out []crawl.Source
	for _, u := range urls {
		s, err := crawl.SourceForURL(u)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	for _, n := range names {
		s, ok := all.Lookup(n)
		if !ok {
			var known []string
			for _, s := range all.List {
				known = append(known, s.Name)
			}
			return nil, fmt.Errorf("no source %q (known: %s)", n, strings.Join(known, ", "))
		}
		out = append(out, s)
	}
	if len(urls) == 0 && len(names) == 0 {
		for _, s := range all.List {
			if !s.Disabled {
				out = append(out, s)
			}
		}
	}
	if len(out) == 0 {
		return nil, errors.New("nothing to crawl: every source is disabled; give URLs or --source")
	}
	return out, nil
}

// dryRun lists what a crawl would fetch first.
func dryRun(env cli.Env, cmd *cli.Command, chosen []crawl.Source, format string) int {
	var st *crawl.State
	if _, err := os.Stat(filepath.Join(stateDir(cmd.Data), crawl.StateFile)); err == nil {
		d, err := datadir.Open(cmd.Data, datadir.Read)
		if err != nil {
			return cmd.Fail(err)
		}
		defer d.Close()
		if st, err = crawl.OpenState(stateDir(cmd.Data), true); err != nil {
			return cmd.Fail(err)
		}
		defer st.Close()
	}
	plan, err := crawl.Plan(st, chosen)
	if err != nil {
		return cmd.Fail(err)
	}
	return printPlan(env, plan, format)
}

// run crawls, then ingests what the crawl (and any earlier one that
// stopped before ingesting) stored.
func run(ctx context.Context, env cli.Env, cmd *cli.Command, chosen []crawl.Source, opts crawl.Options, noIngest bool, format string) int {
	d, err := datadir.Open(cmd.Data, datadir.Write)
	if err != nil {
		return cmd.Fail(err)
	}
	st, err := crawl.OpenState(stateDir(d.Path), false)
	if err != nil {
		d.Close()
		return cmd.Fail(err)
	}
	defer st.Close()
	opts.Sources = chosen
	opts.CaptureDir = d.Captures()
	bar := newProgress(ctx, env)
	opts.Progress = bar.update
	sum, err := crawl.Crawl(ctx, st, opts)
	bar.done()
	rep := report{Summary: sum}
	if err != nil {
		d.Close()
		if sum != nil && ctx.Err() != nil {
			rep.Interrupted = true
			printReport(env, &rep, format)
			env.Errorf("crawl", "interrupted: run it again to continue where it stopped")
		}
		return cmd.Fail(err)
	}
	files, err := st.Uningested(d.Captures())
	// The ingest takes the data directory's lock itself.
	d.Close()
	if err != nil {
		return cmd.Fail(err)
	}
	var local []string
	for _, s := range chosen {
		local = append(local, s.Paths...)
	}
	inputs := append(local, files...)
	if !noIngest && len(inputs) > 0 {
		rep.Ingest = runIngest(ctx, env, cmd.Data, inputs)
		if rep.Ingest.Ran && len(files) > 0 {
			if err := st.MarkIngested(files); err != nil {
				return cmd.Fail(err)
			}
		}
	}
	printReport(env, &rep, format)
	if len(sum.Failures) > 0 || (rep.Ingest != nil && rep.Ingest.ExitCode != cli.ExitOK) {
		return cli.ExitFailure
	}
	return cli.ExitOK
}

// runIngest ingests inputs with the ingest command's own code, its output
// passed through; it notes whether the ingest ran to its summary (a busy
// data directory or a usage error does not), so that captures it read are
// not offered again.
func runIngest(ctx context.Context, env cli.Env, data string, inputs []string) *ingestReport {
	watch := &summaryWatch{w: env.Stderr}
	ienv := env
	ienv.Stderr = watch
	code := ingest.Run(ctx, ienv, append([]string{"--data", data, "--"}, inputs...))
	return &ingestReport{Inputs: inputs, ExitCode: code, Ran: watch.seen, Summary: watch.line}
}
