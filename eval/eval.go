// Package eval scores extracted incidents against gold labels in the
// format of the project's eval SCHEMA.md: per-field accuracy, micro
// precision/recall/F1 for causes and data types, and the list of misses.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/incidex/incidex/corpus"
)

// Gold is one labelled notice.
type Gold struct {
	ID                   string      `json:"id"`
	File                 string      `json:"file"`
	Title                *string     `json:"title"`
	Organization         *string     `json:"organization"`
	Published            corpus.Date `json:"published"`
	Discovered           corpus.Date `json:"discovered"`
	Causes               []string    `json:"causes"`
	ViaThirdParty        bool        `json:"via_third_party"`
	Affected             *int64      `json:"affected"`
	AffectedAlternatives []int64     `json:"affected_alternatives"`
	DataTypes            []string    `json:"data_types"`
	PPCReported          bool        `json:"ppc_reported"`
	PoliceReported       bool        `json:"police_reported"`
	Sequence             *int        `json:"sequence"`
}

// FileName is the text file the label is for: the "file" field, else the
// id's stem with ".txt".
func (g Gold) FileName() string {
	if g.File != "" {
		return g.File
	}
	stem, _, _ := strings.Cut(g.ID, "#")
	return stem + ".txt"
}

// Position is the 1-based position of the notice in its file ("#n" in the id).
func (g Gold) Position() int {
	_, n, ok := strings.Cut(g.ID, "#")
	if !ok {
		return 1
	}
	p, err := strconv.Atoi(n)
	if err != nil || p < 1 {
		return 1
	}
	return p
}

// ReadGold reads gold labels, one JSON object a line.
func ReadGold(r io.Reader) ([]Gold, error) {
	var out []Gold
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for line := 1; sc.Scan(); line++ {
		b := strings.TrimSpace(sc.Text())
		if b == "" {
			continue
		}
		var g Gold
		if err := json.Unmarshal([]byte(b), &g); err != nil {
			return nil, fmt.Errorf("gold line %d: %w", line, err)
		}
		if g.ID == "" {
			return nil, fmt.Errorf("gold line %d: no id", line)
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	return out, nil
}

// Fields are the scored fields, in report order. The names are what
// --min accepts.
var Fields = []string{
	"organization", "title", "published", "discovered", "cause", "affected",
	"via_third_party", "ppc_reported", "police_reported", "sequence",
	"causes_f1", "data_types_f1",
}

// PRF is micro precision, recall and F1 over set labels.
type PRF struct {
	TP, FP, FN int
}

// Precision returns TP/(TP+FP), 1 when nothing was predicted.
func (p PRF) Precision() float64 { return ratio(p.TP, p.TP+p.FP) }

// Recall returns TP/(TP+FN), 1 when nothing was expected.
func (p PRF) Recall() float64 { return ratio(p.TP, p.TP+p.FN) }

// F1 returns the harmonic mean of precision and recall.
func (p PRF) F1() float64 {
	pr, rc := p.Precision(), p.Recall()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Miss is one field of one notice that disagrees with the gold label.
type Miss struct {
	ID       string `json:"id"`
	Field    string `json:"field"`
	Got      string `json:"got"`
	Expected string `json:"expected"`
}

// Report is the outcome of scoring.
type Report struct {
	N         int            `json:"n"`
	Correct   map[string]int `json:"correct"`
	Causes    PRF            `json:"causes"`
	DataTypes PRF            `json:"data_types"`
	Misses    []Miss         `json:"misses"`
}

// Score returns the score of field: accuracy, or micro F1 for the set fields.
func (r *Report) Score(field string) float64 {
	switch field {
	case "causes_f1":
		return r.Causes.F1()
	case "data_types_f1":
		return r.DataTypes.F1()
	}
	if r.N == 0 {
		return 0
	}
	return float64(r.Correct[field]) / float64(r.N)
}

// Score compares each gold label with the incident found at its position
// in its file; got maps a file name to the incidents extracted from it.
func Score(gold []Gold, got map[string][]corpus.Incident) *Report {
	r := &Report{Correct: map[string]int{}}
	for _, g := range gold {
		r.N++
		// A notice the extractor did not find misses every field, even
		// those whose gold value an empty incident would match.
		var in corpus.Incident
		incs := got[g.FileName()]
		absent := g.Position() > len(incs)
		if !absent {
			in = incs[g.Position()-1]
		}
		check := func(field string, ok bool, gotV, want string) {
			if ok && !absent {
				r.Correct[field]++
				return
			}
			if absent {
				gotV = "(no incident)"
			}
			r.Misses = append(r.Misses, Miss{ID: g.ID, Field: field, Got: gotV, Expected: want})
		}
		check("organization", SameName(in.Organization, deref(g.Organization)), in.Organization, deref(g.Organization))
		check("title", SameName(in.Title, deref(g.Title)), in.Title, deref(g.Title))
		check("published", in.Published == g.Published, in.Published.String(), g.Published.String())
		check("discovered", in.Discovered == g.Discovered, in.Discovered.String(), g.Discovered.String())
		check("cause", first(in.Causes) == first(g.Causes), first(in.Causes), first(g.Causes))
		check("affected", sameCount(in.Affected, g.Affected, g.AffectedAlternatives), count(in.Affected), count(g.Affected))
		check("via_third_party", in.ViaThirdParty == g.ViaThirdParty, strconv.FormatBool(in.ViaThirdParty), strconv.FormatBool(g.ViaThirdParty))
		check("ppc_reported", in.PPCReported == g.PPCReported, strconv.FormatBool(in.PPCReported), strconv.FormatBool(g.PPCReported))
		check("police_reported", in.PoliceReported == g.PoliceReported, strconv.FormatBool(in.PoliceReported), strconv.FormatBool(g.PoliceReported))
		check("sequence", sameInt(in.Sequence, g.Sequence), intString(in.Sequence), intString(g.Sequence))
		if c := compareSets(&r.Causes, in.Causes, g.Causes); c != "" {
			r.Misses = append(r.Misses, Miss{ID: g.ID, Field: "causes", Got: strings.Join(in.Causes, ","), Expected: strings.Join(g.Causes, ",")})
		}
		if c := compareSets(&r.DataTypes, in.DataTypes, g.DataTypes); c != "" {
			r.Misses = append(r.Misses, Miss{ID: g.ID, Field: "data_types", Got: strings.Join(in.DataTypes, ","), Expected: strings.Join(g.DataTypes, ",") + " (" + c + ")"})
		}
	}
	return r
}

// compareSets adds to p and returns "" when the sets agree, else a
// description of the difference (+extra −missing).
func compareSets(p *PRF, got, want []string) string {
	w := map[string]bool{}
	for _, x := range want {
		w[x] = true
	}
	g := map[string]bool{}
	var diff []string
	for _, x := range got {
		if g[x] {
			continue
		}
		g[x] = true
		if w[x] {
			p.TP++
		} else {
			p.FP++
			diff = append(diff, "+"+x)
		}
	}
	for x := range w {
		if !g[x] {
			p.FN++
			diff = append(diff, "-"+x)
		}
	}
	sort.Strings(diff)
	return strings.Join(diff, " ")
}

// SameName compares organization names or titles as a reader would: width,
// spacing and a legal form written or omitted (株式会社, (株)) do not matter.
func SameName(a, b string) bool {
	return nameKey(a) == nameKey(b)
}

func nameKey(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Join(strings.Fields(s), "")
	for _, f := range []string{"株式会社", "(株)", "有限会社", "(有)"} {
		s = strings.ReplaceAll(s, f, "")
	}
	return s
}

func sameCount(got, want *int64, alts []int64) bool {
	if got == nil {
		return want == nil
	}
	if want != nil && *got == *want {
		return true
	}
	for _, a := range alts {
		if *got == a {
			return true
		}
	}
	return false
}

func sameInt(a, b *int) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func count(p *int64) string {
	if p == nil {
		return "null"
	}
	return strconv.FormatInt(*p, 10)
}

func intString(p *int) string {
	if p == nil {
		return "null"
	}
	return strconv.Itoa(*p)
}
