// Package veristest checks VERIS records against the VERIS 1.4 JSON schema
// (verisc-merged.json, draft-04) for tests. The schema is not part of the
// module: it sits in ../shared/veris beside the repository root, and tests
// skip when it is absent.
package veristest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Dir returns the directory holding the VERIS schema files: ../shared/veris
// relative to the repository root, found by walking up from the working
// directory (a package's directory under go test) to go.mod.
func Dir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("veristest: no go.mod above the working directory")
		}
		dir = parent
	}
	veris := filepath.Join(dir, "..", "shared", "veris")
	if _, err := os.Stat(filepath.Join(veris, "verisc-merged.json")); err != nil {
		return "", fmt.Errorf("veristest: VERIS schema not found: %w", err)
	}
	return veris, nil
}

// File returns the path of one of the VERIS files (verisc-enum.json …),
// skipping the test when the directory is absent.
func File(t testing.TB, name string) string {
	t.Helper()
	dir, err := Dir()
	if err != nil {
		t.Skipf("VERIS schema not available (../shared/veris from the repository root): %v", err)
	}
	return filepath.Join(dir, name)
}

// compile reads and compiles the schema once per test binary.
var compile = sync.OnceValues(func() (*jsonschema.Schema, error) {
	dir, err := Dir()
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "verisc-merged.json")
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := jsonschema.NewCompiler()
	// The file declares draft-04; say so too in case a copy loses $schema.
	c.DefaultDraft(jsonschema.Draft4)
	if err := c.AddResource("file:///verisc-merged.json", doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	sch, err := c.Compile("file:///verisc-merged.json")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return sch, nil
})

// Schema returns the compiled VERIS schema, skipping the test when the
// schema is absent and failing it when the schema does not compile.
func Schema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	if _, err := Dir(); err != nil {
		t.Skipf("VERIS schema not available (../shared/veris from the repository root): %v", err)
	}
	sch, err := compile()
	if err != nil {
		t.Fatalf("VERIS schema: %v", err)
	}
	return sch
}

// Validate checks one JSON document against the schema.
func Validate(sch *jsonschema.Schema, doc []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return sch.Validate(v)
}

// ValidateValue marshals v to JSON and checks it against the schema.
func ValidateValue(sch *jsonschema.Schema, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return Validate(sch, b)
}
