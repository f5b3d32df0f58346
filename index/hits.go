package index

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"golang.org/x/text/unicode/norm"

	"github.com/incidex/incidex/corpus"
)

// Snippet shape: up to maxSnippets passages, each about snippetContext
// runes either side of the first match it shows.
const (
	maxSnippets    = 3
	snippetContext = 40
	markOpen       = "【"
	markClose      = "】"
)

// result converts bleve's result. marks are the spellings, folded, that a
// run of matched bigrams must hold to be marked in a snippet; nil marks
// every match.
func result(res *bleve.SearchResult, marks []string) *Result {
	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits))}
	for _, dm := range res.Hits {
		h := hit(dm)
		if len(dm.Locations) > 0 {
			h.Snippets = hitSnippets(dm, marks)
		}
		out.Hits = append(out.Hits, h)
	}
	if len(res.Facets) > 0 {
		out.Facets = facets(res)
	}
	return out
}

func hit(dm *search.DocumentMatch) Hit {
	h := Hit{
		ID:           dm.ID,
		Score:        dm.Score,
		Title:        str(dm.Fields[fieldTitle]),
		Organization: str(dm.Fields[fieldOrganization]),
		Causes:       strs(dm.Fields[fieldCauses]),
	}
	if d, err := corpus.ParseDate(str(dm.Fields[fieldPublishedLabel])); err == nil {
		h.Published = d
	}
	if n, ok := dm.Fields[fieldAffected].(float64); ok {
		h.Affected = ptr(int64(n))
	}
	if n, ok := dm.Fields[fieldVersions].(float64); ok {
		h.Versions = int(n)
	}
	return h
}

func str(v interface{}) string {
	s, _ := v.(string)
	return s
}

// strs reads a stored list, which bleve returns as a bare value when it
// holds one element.
func strs(v interface{}) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []interface{}:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// hitSnippets marks the matches of both twins of a field — the kagome
// terms and the bigrams, whose offsets point into the same stored text —
// in the text, or in the title when only the title matched.
func hitSnippets(dm *search.DocumentMatch, marks []string) []string {
	text, title := str(dm.Fields[fieldText]), str(dm.Fields[fieldTitle])
	// The title indexed after a text that lacks it is shown as the title.
	text = strings.TrimSuffix(text, "\n"+title)
	if s := snippets(text, spans(dm, text, fieldText, fieldTextBigram, marks)); len(s) > 0 {
		return s
	}
	return snippets(title, spans(dm, title, fieldTitle, "", marks))
}

type span struct{ start, end int }

// spans are the matches of field and of its bigram twin in text, merged;
// of the bigrams, only the runs that hold one of marks (when given).
func spans(dm *search.DocumentMatch, text, field, bigram string, marks []string) []span {
	out := merge(locations(dm, field))
	for _, s := range merge(locations(dm, bigram)) {
		if marks == nil || s.end <= len(text) && holdsMark(text[s.start:s.end], marks) {
			out = append(out, s)
		}
	}
	return merge(out)
}

func locations(dm *search.DocumentMatch, field string) []span {
	var out []span
	for _, locs := range dm.Locations[field] {
		for _, l := range locs {
			out = append(out, span{int(l.Start), int(l.End)})
		}
	}
	return out
}

// merge sorts spans and joins the overlapping ones: overlapping bigrams
// (第三, 三者) mark as one 【第三者】.
func merge(ss []span) []span {
	sort.Slice(ss, func(i, j int) bool { return ss[i].start < ss[j].start })
	merged := ss[:0]
	for _, s := range ss {
		if n := len(merged); n > 0 && s.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// holdsMark reports whether s, folded as the bigram analyzer folds, holds
// one of marks.
func holdsMark(s string, marks []string) bool {
	s = strings.ToLower(norm.NFKC.String(s))
	for _, m := range marks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// snippets cuts passages around the spans, marking every span inside them.
func snippets(text string, ss []span) []string {
	var out []string
	covered := 0
	for i := 0; i < len(ss) && len(out) < maxSnippets; i++ {
		s := ss[i]
		if s.start < covered || s.end > len(text) {
			continue
		}
		from := back(text, s.start, snippetContext)
		to := forward(text, s.end, snippetContext)
		for j := i + 1; j < len(ss) && ss[j].start < to; j++ { // no cut match
			to = max(to, ss[j].end)
		}
		var b strings.Builder
		if from > 0 {
			b.WriteString("…")
		}
		at := from
		for j := i; j < len(ss) && ss[j].end <= to; j++ {
			if ss[j].start < at {
				continue
			}
			b.WriteString(text[at:ss[j].start])
			b.WriteString(markOpen + text[ss[j].start:ss[j].end] + markClose)
			at = ss[j].end
		}
		b.WriteString(text[at:to])
		if to < len(text) {
			b.WriteString("…")
		}
		out = append(out, strings.Join(strings.Fields(b.String()), " "))
		covered = to
	}
	return out
}

// back moves n runes left of i; forward n runes right.
func back(text string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(text[:i])
		i -= size
	}
	return i
}

func forward(text string, i, n int) int {
	for ; n > 0 && i < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return i
}
