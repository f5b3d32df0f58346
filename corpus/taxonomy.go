package corpus

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

//go:embed taxonomy.json
var taxonomyJSON []byte

// Category is one entry of a taxonomy: a stable id and its labels.
type Category struct {
	ID    string `json:"id"`
	Ja    string `json:"ja"`
	En    string `json:"en"`
	VERIS string `json:"veris,omitempty"`
}

// Taxonomy lists the cause and data-type categories, in display order.
type Taxonomy struct {
	Causes    []Category `json:"causes"`
	DataTypes []Category `json:"data_types"`
}

// CauseUnknown is the cause id of a notice that states no cause.
const CauseUnknown = "unknown"

// DataTypeOther is the data-type id of personal data no other id covers.
const DataTypeOther = "other"

var loadTaxonomy = sync.OnceValue(func() *Taxonomy {
	var t Taxonomy
	if err := json.Unmarshal(taxonomyJSON, &t); err != nil {
		panic(fmt.Sprintf("corpus: embedded taxonomy.json: %v", err)) // a build defect, caught by tests
	}
	return &t
})

// Taxonomies returns the embedded taxonomies. The result is shared; do not modify it.
func Taxonomies() *Taxonomy { return loadTaxonomy() }

// Cause returns the cause category with the given id.
func (t *Taxonomy) Cause(id string) (Category, bool) { return find(t.Causes, id) }

// DataType returns the data-type category with the given id.
func (t *Taxonomy) DataType(id string) (Category, bool) { return find(t.DataTypes, id) }

func find(cs []Category, id string) (Category, bool) {
	for _, c := range cs {
		if c.ID == id {
			return c, true
		}
	}
	return Category{}, false
}

// Rank returns the display position of a data-type id, for stable ordering.
func (t *Taxonomy) Rank(dataType string) int {
	for i, c := range t.DataTypes {
		if c.ID == dataType {
			return i
		}
	}
	return len(t.DataTypes)
}
