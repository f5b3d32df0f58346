package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/incidex/incidex/corpus"
)

func runSearch(t *testing.T, ix *Index, q Query) *Result {
	t.Helper()
	if q.Limit == 0 {
		q.Limit = 100
	}
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return res
}

// ids are the hit IDs, sorted unless the order is the point.
func ids(res *Result, sorted bool) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	if sorted {
		slices.Sort(out)
	}
	return out
}

func TestSearchText(t *testing.T) {
	ix := openFixtures(t)
	leaks := []string{"leak-1", "leak-2", "leak-3", "misdelivery-1", "ransom-1"}
	tests := []struct {
		text string
		want []string
	}{
		{"誤表示", []string{"misdisplay-1", "misdisplay-2"}},
		{"漏洩", leaks},
		{"漏えい", leaks},
		{"流出", leaks},
		{"メモリー", []string{"loss-1", "loss-2"}},
		{"メモリ", []string{"loss-1", "loss-2"}},
		{"USBメモリー", []string{"loss-1", "loss-2"}},
		// 個人情報 is a phrase: ransom-1 says 個人 and 情報 apart, outage-1 only 情報.
		{"個人情報", []string{"leak-1", "leak-2", "leak-3", "misdelivery-1"}},
		{"情報", []string{"leak-1", "leak-2", "leak-3", "loss-1", "loss-2", "misdelivery-1", "misdisplay-1", "misdisplay-2", "outage-1", "ransom-1"}},
		// kagome splits 第三者 after による but not in 第三者調査機関 / 第三者機関:
		// the bigram field finds all three.
		{"第三者", []string{"leak-1", "leak-2", "leak-3"}},
		{"誤送付", []string{"misdelivery-1", "misdelivery-2"}},
		{"ランサムウェア", []string{"leak-2", "ransom-1"}},
		{"紛失", []string{"loss-1", "loss-2"}},
		{"漏えい 委託先", []string{"leak-3"}}, // every word must match
		{"ＵＳＢ", []string{"loss-1", "loss-2"}},
		{"存在しない語句", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			res := runSearch(t, ix, Query{Text: tt.text})
			if got := ids(res, true); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %v, want %v", tt.text, got, tt.want)
			}
			if res.Total != uint64(len(tt.want)) {
				t.Errorf("Total = %d, want %d", res.Total, len(tt.want))
			}
		})
	}
}

func TestSearchSnippets(t *testing.T) {
	ix := openFixtures(t)
	tests := []struct{ text, id, mark string }{
		{"誤表示", "misdisplay-1", "【誤表示】"},
		{"漏洩", "leak-1", "【漏えい】"},   // a synonym is marked as written
		{"第三者", "leak-2", "【第三者】"},  // found through the bigrams alone
		{"メモリー", "loss-2", "【メモリ】"}, // katakana stem
		{"ＵＳＢ", "loss-1", "【USB】"},
	}
	for _, tt := range tests {
		res := runSearch(t, ix, Query{Text: tt.text})
		var hit *Hit
		for i := range res.Hits {
			if res.Hits[i].ID == tt.id {
				hit = &res.Hits[i]
			}
		}
		if hit == nil {
			t.Errorf("%q: no hit %s", tt.text, tt.id)
			continue
		}
		if !slices.ContainsFunc(hit.Snippets, func(s string) bool { return strings.Contains(s, tt.mark) }) {
			t.Errorf("%q: snippets of %s = %q, want one with %s", tt.text, tt.id, hit.Snippets, tt.mark)
		}
	}
}

// TestSearchSnippetsMarkWholeWords checks that a word matched through its
// bigrams (個人情報: 個人, 人情, 情報) is marked where it is written, and its
// bigrams elsewhere (情報 alone) are not.
func TestSearchSnippetsMarkWholeWords(t *testing.T) {
	ix := openFixtures(t)
	res := runSearch(t, ix, Query{Text: "個人情報"})
	for _, h := range res.Hits {
		if h.ID != "leak-1" {
			continue
		}
		all := strings.Join(h.Snippets, " ")
		if !strings.Contains(all, "【個人情報】") {
			t.Errorf("snippets %q do not mark 個人情報", h.Snippets)
		}
		if strings.Contains(all, "【情報】") {
			t.Errorf("snippets %q mark 情報 on its own", h.Snippets)
		}
		return
	}
	t.Fatalf("no hit leak-1 among %v", res.Hits)
}

func TestSearchFilters(t *testing.T) {
	ix := openFixtures(t)
	yes, no := true, false
	n := func(v int64) *int64 { return &v }
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"cause", Query{Causes: []string{"misdelivery"}}, []string{"misdelivery-1", "misdelivery-2"}},
		{"causes any of", Query{Causes: []string{"loss", "ransomware"}}, []string{"leak-2", "loss-1", "loss-2", "ransom-1"}},
		{"data type", Query{DataTypes: []string{"card_number"}}, []string{"leak-1"}},
		{"data types any of", Query{DataTypes: []string{"phone", "birthdate"}}, []string{"leak-2", "loss-1", "ransom-1"}},
		{"org without 株式会社", Query{Org: "サンプル商事"}, []string{"misdisplay-1"}},
		{"org with (株) for 株式会社", Query{Org: "（株）サンプル商事"}, []string{"misdisplay-1"}},
		{"org with 株式会社 for （株）", Query{Org: "テスト運輸株式会社"}, []string{"misdisplay-2"}},
		{"since", Query{Since: corpus.Date{Year: 2024, Month: 6}}, []string{"leak-1", "loss-2", "ransom-1"}},
		{"until a month, inclusive", Query{Until: corpus.Date{Year: 2022, Month: 9}}, []string{"leak-3", "loss-1"}},
		{"since until, discovered when not published", Query{Since: corpus.Date{Year: 2024, Month: 1, Day: 1}, Until: corpus.Date{Year: 2024, Month: 2, Day: 5}}, []string{"leak-2", "misdelivery-1"}},
		{"min affected", Query{MinAffected: n(4500)}, []string{"leak-1", "leak-2", "ransom-1"}},
		{"max affected", Query{MaxAffected: n(35)}, []string{"misdelivery-2", "misdisplay-2"}},
		{"min and max affected", Query{MinAffected: n(100), MaxAffected: n(999)}, []string{"leak-3", "misdelivery-1", "misdisplay-1"}},
		{"third party", Query{ThirdParty: &yes}, []string{"leak-3", "misdisplay-2"}},
		{"not third party, with text", Query{ThirdParty: &no, Text: "誤表示"}, []string{"misdisplay-1"}},
		{"text and cause", Query{Text: "漏えい", Causes: []string{"unauthorized_access"}}, []string{"leak-1", "leak-3"}},
		{"nothing matches", Query{Causes: []string{"theft"}}, nil},
		{"no text, no filters lists all", Query{}, ids(&Result{Hits: hitsOf(fixtures)}, true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(runSearch(t, ix, tt.q), true); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := ix.Search(context.Background(), Query{Sort: "size"}); err == nil {
		t.Error("unknown sort: no error")
	}
	if _, err := ix.Search(context.Background(), Query{Since: corpus.Date{Year: 2025}, Until: corpus.Date{Year: 2024}}); err == nil {
		t.Error("since after until: no error")
	}
}

func hitsOf(docs []Doc) []Hit {
	var hs []Hit
	for _, d := range docs {
		hs = append(hs, Hit{ID: d.ID})
	}
	return hs
}

func TestSearchSort(t *testing.T) {
	ix := openFixtures(t)
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"date, newest first, discovered standing in", Query{Sort: "date", Causes: []string{"ransomware", "loss", "unauthorized_access"}},
			[]string{"ransom-1", "loss-2", "leak-1", "leak-2", "leak-3", "loss-1"}},
		{"no text lists newest first", Query{Causes: []string{"misdelivery", "misdisplay"}},
			[]string{"misdisplay-1", "misdelivery-1", "misdisplay-2", "misdelivery-2"}},
		{"affected, largest first, unknown last", Query{Sort: "affected", Text: "情報", Limit: 4},
			[]string{"ransom-1", "leak-1", "leak-2", "loss-1"}},
		{"paging", Query{Sort: "date", Causes: []string{"ransomware", "loss", "unauthorized_access"}, Limit: 2, Offset: 2},
			[]string{"leak-1", "leak-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(runSearch(t, ix, tt.q), false); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	res := runSearch(t, ix, Query{Sort: "affected"})
	if last := res.Hits[len(res.Hits)-1]; last.ID != "outage-1" || last.Affected != nil {
		t.Errorf("affected sort: last = %+v, want outage-1 with no count", last)
	}
	// Relevance: the match in title and text ranks first.
	if got := ids(runSearch(t, ix, Query{Text: "個人情報"}), false); len(got) == 0 || got[0] != "leak-1" {
		t.Errorf("relevance: %v, want leak-1 first", got)
	}
}

func TestSearchFacets(t *testing.T) {
	ix := openFixtures(t)
	res := runSearch(t, ix, Query{Facets: true})
	wantCauses := map[string]int{}
	wantYears := map[string]int{}
	for _, d := range fixtures {
		for _, c := range d.Incident.Causes {
			wantCauses[c]++
		}
		wantYears[effectiveDateYear(d)]++
	}
	check := func(name string, want map[string]int) {
		got := map[string]int{}
		for _, f := range res.Facets[name] {
			got[f.Name] = f.Count
		}
		if len(got) != len(want) {
			t.Errorf("facet %s = %v, want %v", name, got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("facet %s[%s] = %d, want %d", name, k, got[k], v)
			}
		}
	}
	check(FacetCauses, wantCauses)
	check(FacetYear, wantYears)
	check(FacetAffected, map[string]int{"1-99": 3, "100-999": 3, "1k-9,999": 2, "10k-99,999": 1, "100k+": 1, "unknown": 1})
	if dt := res.Facets[FacetDataTypes]; len(dt) == 0 || dt[0] != (Facet{"name", 10}) {
		t.Errorf("data type facet = %v, want name: 10 first", dt)
	}
	if y := res.Facets[FacetYear]; y[0].Name != "2025" {
		t.Errorf("years not newest first: %v", y)
	}
	// Facets follow the query.
	res = runSearch(t, ix, Query{Text: "紛失", Facets: true})
	if got := res.Facets[FacetCauses]; !slices.Equal(got, []Facet{{"loss", 2}}) {
		t.Errorf("facets of 紛失 = %v", got)
	}
}

func effectiveDateYear(d Doc) string {
	return effectiveDate(d.Incident).String()[:4]
}

func TestSearchHitFields(t *testing.T) {
	ix := openFixtures(t)
	res := runSearch(t, ix, Query{Text: "誤表示", Sort: "date"})
	if len(res.Hits) != 2 {
		t.Fatalf("hits = %v", ids(res, false))
	}
	h := res.Hits[1]
	want := fixture("misdisplay-2").Incident
	if h.ID != "misdisplay-2" || h.Title != want.Title || h.Organization != want.Organization ||
		h.Published != want.Published || !slices.Equal(h.Causes, want.Causes) ||
		h.Affected == nil || *h.Affected != *want.Affected || h.Versions != 2 || h.Score <= 0 {
		t.Errorf("hit = %+v, want the fields of %+v", h, want)
	}
}
