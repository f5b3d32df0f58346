package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
)

// ErrNotFound is returned by Similar for an ID the index does not hold.
var ErrNotFound = errors.New("no such incident in the index")

// Similarity weights: a shared cause says more about how an incident
// happened than a shared data type; key terms carry the rest.
const (
	keyTerms       = 25
	causeBoost     = 2.0
	dataTypeBoost  = 0.5
	keyTermBoost   = 1.0
	minKeyTermRune = 2 // single characters (数, 名) say nothing
)

// Similar returns the incidents most like the one with id, best first and
// without it: the same causes and data types boost, and the seed's key
// terms (its text's kagome terms weighed by tf·idf over the index, the
// more-like-this bleve lacks) match the rest.
func (ix *Index) Similar(ctx context.Context, id string, limit int) (*Result, error) {
	start := time.Now()
	seedReq := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{id}), 1, 0, false)
	seedReq.Fields = []string{fieldTitle, fieldText, fieldCauses, fieldDataTypes}
	seed, err := ix.idx.SearchInContext(ctx, seedReq)
	if err != nil {
		return nil, fmt.Errorf("index %s: similar to %s: %w", ix.dir, id, err)
	}
	if len(seed.Hits) == 0 {
		return nil, fmt.Errorf("index %s: similar to %s: %w", ix.dir, id, ErrNotFound)
	}
	f := seed.Hits[0].Fields
	terms, err := ix.keyTerms(ctx, str(f[fieldTitle])+"\n"+str(f[fieldText]))
	if err != nil {
		return nil, fmt.Errorf("index %s: similar to %s: %w", ix.dir, id, err)
	}

	var should []query.Query
	add := func(field, term string, boost float64) {
		t := bleve.NewTermQuery(term)
		t.SetField(field)
		t.SetBoost(boost)
		should = append(should, t)
	}
	for _, c := range strs(f[fieldCauses]) {
		add(fieldCauses, c, causeBoost)
	}
	for _, d := range strs(f[fieldDataTypes]) {
		add(fieldDataTypes, d, dataTypeBoost)
	}
	for _, t := range terms {
		add(fieldText, t.term, keyTermBoost*t.weight)
	}
	if len(should) == 0 {
		return &Result{Took: time.Since(start)}, nil
	}
	bq := bleve.NewBooleanQuery()
	bq.AddShould(should...)
	bq.AddMustNot(bleve.NewDocIDQuery([]string{id}))
	if limit <= 0 {
		limit = defaultLimit
	}
	req := bleve.NewSearchRequestOptions(bq, limit, 0, false)
	req.Fields = storedFields
	req.SortByCustom(sortOrder("relevance", true))
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index %s: similar to %s: %w", ix.dir, id, err)
	}
	out := result(res, nil)
	out.Took = time.Since(start)
	return out, nil
}

type keyTerm struct {
	term   string
	weight float64 // tf·idf, scaled so the best term weighs 1
}

// keyTerms analyzes text as the index does and keeps the terms that best
// tell it apart: frequent in the text, rare in the index, and present in
// at least one other document.
func (ix *Index) keyTerms(ctx context.Context, text string) ([]keyTerm, error) {
	an := ix.idx.Mapping().AnalyzerNamed(AnalyzerName)
	if an == nil {
		return nil, fmt.Errorf("no analyzer %s", AnalyzerName)
	}
	tf := map[string]int{}
	for _, tok := range an.Analyze([]byte(text)) {
		if t := string(tok.Term); utf8.RuneCountInString(t) >= minKeyTermRune && tok.Type != analysis.Numeric {
			tf[t]++
		}
	}
	adv, err := ix.idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	var out []keyTerm
	for t, f := range tf {
		tfr, err := r.TermFieldReader(ctx, []byte(t), fieldText, false, false, false)
		if err != nil {
			return nil, err
		}
		df := tfr.Count()
		tfr.Close()
		if df < 2 { // only the seed has it
			continue
		}
		idf := math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5)) // BM25's
		out = append(out, keyTerm{t, float64(f) * idf})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].weight != out[j].weight {
			return out[i].weight > out[j].weight
		}
		return out[i].term < out[j].term
	})
	out = out[:min(len(out), keyTerms)]
	if len(out) > 0 {
		best := out[0].weight
		for i := range out {
			out[i].weight /= best
		}
	}
	return out, nil
}
