package crawl

import (
	"cmp"
	"slices"
)

// Planned is one thing a crawl would start with.
type Planned struct {
	Source string `json:"source"`
	Kind   string `json:"kind"` // an entry kind, "path", "resume" or "retry"
	URL    string `json:"url"`  // or the local path
	Note   string `json:"note"`
}

// kindNotes say what a crawl does with each kind of entry.
var kindNotes = map[Kind]string{
	KindFeed:    "feed: its items, then its next pages until an item an earlier run had",
	KindListing: "listing: its notice-looking links, then its next pages until a link an earlier run had",
	KindSitemap: "sitemap: the pages (or sitemaps) it lists; notice-looking ones unless follow: all",
	KindPage:    "single page",
	KindSite:    "discover: robots.txt Sitemap: lines, <link rel=alternate> feeds, pagination and notice links",
}

// Plan lists what a crawl of the sources would fetch first, without
// fetching anything: each entry (noting the ones an earlier run fetched,
// which cost a conditional GET), the URLs an interrupted run left pending
// and the failures a run tries again. st may be nil (no crawl yet).
func Plan(st *State, sources []Source) ([]Planned, error) {
	var urls map[string]*urlState
	if st != nil {
		var err error
		if urls, err = st.urls(); err != nil {
			return nil, err
		}
	}
	chosen := map[string]bool{}
	var out []Planned
	for _, s := range sources {
		chosen[s.Name] = true
		for _, e := range s.Entries {
			note := kindNotes[e.Kind]
			if u := urls[e.URL]; u != nil && u.Hash != "" {
				note += "; fetched before: conditional GET"
			}
			out = append(out, Planned{Source: s.Name, Kind: string(e.Kind), URL: e.URL, Note: note})
		}
		for _, p := range s.Paths {
			out = append(out, Planned{Source: s.Name, Kind: "path", URL: p, Note: "local file or directory: ingested as it is"})
		}
	}
	var left []*urlState
	for _, u := range urls {
		if chosen[u.Source] && (u.State == statePending || u.State == stateRetry && u.Attempts < maxAttempts) {
			left = append(left, u)
		}
	}
	slices.SortFunc(left, func(a, b *urlState) int { return cmp.Compare(a.Seq, b.Seq) })
	for _, u := range left {
		p := Planned{Source: u.Source, Kind: "resume", URL: u.URL, Note: "left pending by an earlier run (" + string(u.Kind) + ")"}
		if u.State == stateRetry {
			p.Kind, p.Note = "retry", "failed last time: "+u.Reason
		}
		if !slices.ContainsFunc(out, func(q Planned) bool { return q.URL == u.URL }) {
			out = append(out, p)
		}
	}
	return out, nil
}
