package index

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/incidex/incidex/corpus"
)

// Field names in the index. The text fields each have a bigram twin.
const (
	fieldTitle        = "title"
	fieldText         = "text"
	fieldTextBigram   = "text_bigram"
	fieldOrganization = "organization" // as written, stored for display
	fieldOrg          = "org"          // NormalizeOrg, for filtering
	fieldCauses       = "causes"       // keyword, stored
	fieldCause        = "cause"        // the primary cause, for the cause facet
	fieldDataTypes    = "data_types"   // keyword, stored
	fieldAffected     = "affected"     // number, stored
	// fieldDay is the day of the incident's date (published, else
	// discovered), counted from 1970-01-01, for the date filters: a small
	// number needs far fewer terms for a range than a datetime, whose
	// nanoseconds spread over every precision level.
	fieldDay  = "day"
	fieldYear = "year" // of date, for the year facet
	// Sorts and the affected facet read keywords, one term a document:
	// bleve keeps a number's doc values as all its prefix-coded terms, and
	// decompressing them was most of a filtered search's time.
	fieldDateKey        = "date_key"        // date as YYYY-MM-DD, to sort by
	fieldAffectedKey    = "affected_key"    // affected, zero-padded, to sort by
	fieldAffectedBucket = "affected_bucket" // for the affected facet
	fieldPublishedLabel = "published_label" // YYYY[-MM[-DD]], stored for display
	fieldThirdParty     = "via_third_party"
	fieldPPC            = "ppc_reported"
	fieldPolice         = "police_reported"
	fieldVersions       = "versions"
)

// mappingVersion changes whenever the mapping or the analyzers change in a
// way that needs a rebuild; Open refuses an index built with another one.
const mappingVersion = "7"

var mappingVersionKey = []byte("incidex.mapping")

func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	if err := addAnalyzers(im); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = AnalyzerName
	im.StoreDynamic, im.IndexDynamic, im.DocValuesDynamic = false, false, false

	dm := bleve.NewDocumentStaticMapping()
	text := func(analyzer, name string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer, f.Name, f.Store = analyzer, name, store
		f.IncludeInAll, f.DocValues = false, false // phrases need the term vectors
		return f
	}
	// The stored text serves the snippets; its bigram twin only matches,
	// its offsets point into the same stored text.
	// The title has no bigram twin: the text holds it (see indexedText).
	dm.AddFieldMappingsAt(fieldTitle, text(AnalyzerName, "", true))
	dm.AddFieldMappingsAt(fieldText, text(AnalyzerName, "", true), text(BigramAnalyzerName, fieldTextBigram, false))

	kw := func(store, index bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store, f.Index, f.IncludeInAll, f.IncludeTermVectors = store, index, false, false
		f.DocValues = index
		return f
	}
	dm.AddFieldMappingsAt(fieldOrganization, kw(true, false))
	dm.AddFieldMappingsAt(fieldPublishedLabel, kw(true, false))
	dm.AddFieldMappingsAt(fieldOrg, kw(false, true))
	dm.AddFieldMappingsAt(fieldCauses, kw(true, true))
	dm.AddFieldMappingsAt(fieldCause, kw(false, true))
	dm.AddFieldMappingsAt(fieldDataTypes, kw(true, true))
	dm.AddFieldMappingsAt(fieldYear, kw(false, true))
	dm.AddFieldMappingsAt(fieldDateKey, kw(false, true))
	dm.AddFieldMappingsAt(fieldAffectedKey, kw(false, true))
	dm.AddFieldMappingsAt(fieldAffectedBucket, kw(false, true))

	num := bleve.NewNumericFieldMapping()
	num.IncludeInAll, num.DocValues = false, false
	dm.AddFieldMappingsAt(fieldAffected, num)
	dm.AddFieldMappingsAt(fieldVersions, num)

	day := bleve.NewNumericFieldMapping()
	day.Store, day.IncludeInAll, day.DocValues = false, false, false
	dm.AddFieldMappingsAt(fieldDay, day)

	flag := bleve.NewBooleanFieldMapping()
	flag.Store, flag.IncludeInAll = false, false
	for _, f := range []string{fieldThirdParty, fieldPPC, fieldPolice} {
		dm.AddFieldMappingsAt(f, flag)
	}
	im.DefaultMapping = dm
	return im, nil
}

// primary is an incident's first cause, "unknown" when it has none: each
// incident counts once in the cause facet.
func primary(causes []string) string {
	if len(causes) == 0 {
		return corpus.CauseUnknown
	}
	return causes[0]
}

// record is what bleve indexes for a Doc: the fields above, flat, so the
// mapping and the document cannot drift apart through reflection.
func record(d Doc) map[string]interface{} {
	in := d.Incident
	r := map[string]interface{}{
		fieldTitle:        in.Title,
		fieldText:         indexedText(in),
		fieldOrganization: in.Organization,
		fieldOrg:          NormalizeOrg(in.Organization),
		fieldCauses:       in.Causes,
		fieldCause:        primary(in.Causes),
		fieldDataTypes:    in.DataTypes,
		fieldThirdParty:   in.ViaThirdParty,
		fieldPPC:          in.PPCReported,
		fieldPolice:       in.PoliceReported,
		fieldVersions:     float64(d.Versions),
	}
	if in.Affected != nil {
		r[fieldAffected] = float64(*in.Affected)
		r[fieldAffectedKey] = fmt.Sprintf("%019d", max(*in.Affected, 0))
		r[fieldAffectedBucket] = affectedBucket(*in.Affected)
	}
	if !in.Published.IsZero() {
		r[fieldPublishedLabel] = in.Published.String()
	}
	if eff := effectiveDate(in); !eff.IsZero() {
		r[fieldDay] = float64(dayNumber(dayOf(eff)))
		r[fieldDateKey] = dayOf(eff).Format(time.DateOnly)
		r[fieldYear] = strconv.Itoa(eff.Year)
	}
	return r
}

// indexedText is the text indexed for an incident: its Text, with the
// title after it when the text does not hold it (an aggregator's heading),
// so a search of the text fields finds what the title says too.
func indexedText(in corpus.Incident) string {
	if in.Title == "" || strings.Contains(in.Text, in.Title) {
		return in.Text
	}
	return in.Text + "\n" + in.Title
}

// effectiveDate is when the incident is placed in time: the notice's date,
// or the discovery date when the notice carries none.
func effectiveDate(in corpus.Incident) corpus.Date {
	if in.Published.IsZero() {
		return in.Discovered
	}
	return in.Published
}

// dayOf is the first day a (possibly partial) date covers.
func dayOf(d corpus.Date) time.Time {
	return time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
}

// dayNumber counts the days from 1970-01-01 to t.
func dayNumber(t time.Time) int64 { return t.Unix() / 86400 }

// dayAfter is the first day after the period a (possibly partial) date
// covers, so Until 2024-03 includes all of March.
func dayAfter(d corpus.Date) time.Time {
	switch {
	case d.Month == 0:
		return time.Date(d.Year+1, 1, 1, 0, 0, 0, 0, time.UTC)
	case d.Day == 0:
		return time.Date(d.Year, time.Month(d.Month)+1, 1, 0, 0, 0, 0, time.UTC)
	}
	return dayOf(d).AddDate(0, 0, 1)
}
