package index

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/incidex/incidex/corpus"
)

// Query is what an analyst asks for. Every set field narrows the result.
type Query struct {
	// Text is the analyst's words, separated by spaces; every word must
	// occur (as a phrase, in any spelling of synonyms.tsv). "" lists by the
	// filters alone.
	Text string
	// Causes and DataTypes match incidents with any of the ids.
	Causes, DataTypes []string
	// Org matches the organization after NormalizeOrg on both sides.
	Org string
	// Since and Until bound the notice's date (the discovery date when the
	// notice has none), inclusively; partial dates cover their whole month
	// or year.
	Since, Until             corpus.Date
	MinAffected, MaxAffected *int64
	ThirdParty               *bool
	// Sort is "relevance" (the default; newest first when there is no
	// Text), "date" (newest first) or "affected" (largest first).
	Sort          string
	Limit, Offset int
	// Facets asks for counts by cause, data type, year and affected bucket.
	Facets bool
}

// Hit is one incident found.
type Hit struct {
	ID           string
	Score        float64
	Title        string
	Organization string
	Published    corpus.Date
	Causes       []string
	Affected     *int64
	Versions     int
	// Snippets are passages of the text (or the title) with the matches
	// marked 【…】.
	Snippets []string
}

// Facet is one value of a facet and how many hits have it.
type Facet struct {
	Name  string
	Count int
}

// Facet names in Result.Facets.
const (
	FacetCauses    = "causes"
	FacetDataTypes = "data_types"
	FacetYear      = "year"
	FacetAffected  = "affected"
)

// Result is one page of hits, the total and, if asked, the facets.
type Result struct {
	Total  uint64
	Hits   []Hit
	Facets map[string][]Facet
	Took   time.Duration
}

// defaultLimit is the page size when Query.Limit is 0.
const defaultLimit = 20

// affectedBuckets are the ranges of the affected facet; incidents with no
// count are counted as "unknown" (and the rare count of 0 as "1-99").
var affectedBuckets = []struct {
	name string
	max  int64 // exclusive; the last bucket has none
}{
	{"1-99", 100}, {"100-999", 1000}, {"1k-9,999", 10000},
	{"10k-99,999", 100000}, {"100k+", math.MaxInt64},
}

// affectedBucket names the bucket of n.
func affectedBucket(n int64) string {
	for _, b := range affectedBuckets {
		if n < b.max {
			return b.name
		}
	}
	return affectedBuckets[len(affectedBuckets)-1].name
}

// storedFields are what a hit shows: a search needs no database.
var storedFields = []string{fieldTitle, fieldOrganization, fieldPublishedLabel, fieldCauses, fieldAffected, fieldVersions}

// Search runs q.
func (ix *Index) Search(ctx context.Context, q Query) (*Result, error) {
	start := time.Now()
	req, text, err := ix.request(q)
	if err != nil {
		return nil, fmt.Errorf("index %s: search: %w", ix.dir, err)
	}
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index %s: search: %w", ix.dir, err)
	}
	var marks []string
	if text != nil && len(res.Hits) > 0 {
		if err := ix.locate(ctx, text, res.Hits); err != nil {
			return nil, fmt.Errorf("index %s: search: %w", ix.dir, err)
		}
		for _, w := range queryWords(q.Text) {
			marks = append(marks, ix.bigramVariants(w)...)
		}
	}
	out := result(res, marks)
	out.Took = time.Since(start)
	return out, nil
}

// locate fills in the match locations and stored text of hits, for the
// snippets. Asking the first search for them would gather the locations of
// every document matched, not just of the page shown: 40% of the time of
// a word found in most documents. The relaxed query finds the bigrams of a
// word wherever they are; the snippets mark only the runs that spell it.
func (ix *Index) locate(ctx context.Context, text query.Query, hits search.DocumentMatchCollection) error {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), text), len(ids), 0, false)
	req.Fields = []string{fieldText}
	req.IncludeLocations = true
	req.SortBy([]string{"_id"})
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return err
	}
	byID := make(map[string]*search.DocumentMatch, len(res.Hits))
	for _, h := range res.Hits {
		byID[h.ID] = h
	}
	for _, h := range hits {
		if l, ok := byID[h.ID]; ok {
			h.Locations = l.Locations
			if h.Fields == nil {
				h.Fields = map[string]interface{}{}
			}
			h.Fields[fieldText] = l.Fields[fieldText]
		}
	}
	return nil
}

// request builds q's search and returns its text part alone (nil when q
// has no text), to locate the matches of the hits afterwards.
func (ix *Index) request(q Query) (*bleve.SearchRequest, query.Query, error) {
	words := queryWords(q.Text)
	filters, err := filterQueries(q)
	if err != nil {
		return nil, nil, err
	}
	var text, top query.Query
	if len(words) > 0 {
		must := make([]query.Query, len(words))
		for i, w := range words {
			must[i] = ix.wordQuery(w)
		}
		text = bleve.NewConjunctionQuery(must...)
	}
	switch {
	case text != nil:
		// With text, the filters join it in one conjunction rather than a
		// BooleanQuery filter: bleve runs a filter after the text query has
		// matched (phrase checks included) every document, while a
		// conjunction lets the rarest clause lead: 17 ms instead of 38–47
		// for a phrase in 90% of 10k documents and a 5% filter. Boost 0
		// keeps them out of the score.
		for _, f := range filters {
			f.SetBoost(0)
		}
		top = bleve.NewConjunctionQuery(append([]query.Query{text}, asQueries(filters)...)...)
	case len(filters) > 0:
		// A conjunction, not a BooleanQuery filter: bleve would run the
		// filter over a match-all, visiting every document.
		top = bleve.NewConjunctionQuery(asQueries(filters)...)
	default:
		top = bleve.NewMatchAllQuery()
	}

	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	req := bleve.NewSearchRequestOptions(top, limit, max(q.Offset, 0), false)
	req.Fields = storedFields
	if text == nil {
		req.Score = "none" // sorted by date or affected: scores are unused
	}
	order := sortOrder(q.Sort, len(words) > 0)
	if order == nil {
		return nil, nil, fmt.Errorf("unknown sort %q (want relevance, date or affected)", q.Sort)
	}
	req.SortByCustom(order)
	if q.Facets {
		addFacets(req)
	}
	return req, text, nil
}

func asQueries(fs []query.BoostableQuery) []query.Query {
	qs := make([]query.Query, len(fs))
	for i, f := range fs {
		qs[i] = f
	}
	return qs
}

func filterQueries(q Query) ([]query.BoostableQuery, error) {
	var fs []query.BoostableQuery
	anyOf := func(field string, values []string) {
		if len(values) == 0 {
			return
		}
		d := bleve.NewDisjunctionQuery()
		for _, v := range values {
			t := bleve.NewTermQuery(v)
			t.SetField(field)
			d.AddQuery(t)
		}
		fs = append(fs, d)
	}
	anyOf(fieldCauses, q.Causes)
	anyOf(fieldDataTypes, q.DataTypes)
	if org := NormalizeOrg(q.Org); org != "" {
		anyOf(fieldOrg, []string{org})
	}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		var from, to time.Time
		if !q.Since.IsZero() {
			from = dayOf(q.Since)
		}
		if !q.Until.IsZero() {
			to = dayAfter(q.Until)
		}
		if !from.IsZero() && !to.IsZero() && !from.Before(to) {
			return nil, fmt.Errorf("since %s is after until %s", q.Since, q.Until)
		}
		// Open ends are closed at the epoch and far in the future: a
		// bounded range of small numbers is a few terms.
		lo, hi := float64(0), float64(dayNumber(time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)))
		if !from.IsZero() {
			lo = float64(dayNumber(from))
		}
		if !to.IsZero() {
			hi = float64(dayNumber(to))
		}
		in, out := true, false
		d := bleve.NewNumericRangeInclusiveQuery(&lo, &hi, &in, &out)
		d.SetField(fieldDay)
		fs = append(fs, d)
	}
	if q.MinAffected != nil || q.MaxAffected != nil {
		var lo, hi *float64
		if q.MinAffected != nil {
			lo = ptr(float64(*q.MinAffected))
		}
		if q.MaxAffected != nil {
			hi = ptr(float64(*q.MaxAffected))
		}
		in := true
		n := bleve.NewNumericRangeInclusiveQuery(lo, hi, &in, &in)
		n.SetField(fieldAffected)
		fs = append(fs, n)
	}
	if q.ThirdParty != nil {
		b := bleve.NewBoolFieldQuery(*q.ThirdParty)
		b.SetField(fieldThirdParty)
		fs = append(fs, b)
	}
	return fs, nil
}

func ptr[T any](v T) *T { return &v }

// sortOrder returns nil for an unknown sort. Ties fall to the newer
// incident, then the ID, so pages are stable — except under relevance,
// where a tie keeps index order: reading every match's date to break ties
// took 40% of a search for a word found in most documents.
func sortOrder(name string, scored bool) search.SortOrder {
	byDate := &search.SortField{Field: fieldDateKey, Type: search.SortFieldAsString, Desc: true, Missing: search.SortFieldMissingLast}
	byID := &search.SortDocID{}
	switch name {
	case "", "relevance":
		if scored {
			return search.SortOrder{&search.SortScore{Desc: true}}
		}
		return search.SortOrder{byDate, byID}
	case "date":
		return search.SortOrder{byDate, byID}
	case "affected":
		return search.SortOrder{&search.SortField{Field: fieldAffectedKey, Type: search.SortFieldAsString, Desc: true, Missing: search.SortFieldMissingLast}, byDate, byID}
	}
	return nil
}

func addFacets(req *bleve.SearchRequest) {
	// By primary cause, so the counts add up to the incidents found; the
	// --cause filter still matches any of an incident's causes.
	req.AddFacet(FacetCauses, bleve.NewFacetRequest(fieldCause, 100))
	req.AddFacet(FacetDataTypes, bleve.NewFacetRequest(fieldDataTypes, 100))
	req.AddFacet(FacetYear, bleve.NewFacetRequest(fieldYear, 200))
	req.AddFacet(FacetAffected, bleve.NewFacetRequest(fieldAffectedBucket, len(affectedBuckets)))
}

func facets(res *bleve.SearchResult) map[string][]Facet {
	out := map[string][]Facet{}
	for name, fr := range res.Facets {
		var fs []Facet
		if fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				fs = append(fs, Facet{Name: t.Term, Count: t.Count})
			}
		}
		switch name {
		case FacetYear:
			sort.Slice(fs, func(i, j int) bool { return fs[i].Name > fs[j].Name })
		case FacetAffected:
			counts := map[string]int{}
			for _, f := range fs {
				counts[f.Name] = f.Count
			}
			fs = fs[:0]
			for _, b := range affectedBuckets { // every bucket, in order, zeros too
				fs = append(fs, Facet{Name: b.name, Count: counts[b.name]})
			}
		}
		if fr.Missing > 0 {
			fs = append(fs, Facet{Name: "unknown", Count: fr.Missing})
		}
		out[name] = fs
	}
	return out
}
