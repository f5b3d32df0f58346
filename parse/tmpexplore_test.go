package parse

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestTmpExplore(t *testing.T) {
	dir := os.Getenv("DUMP")
	if dir == "" {
		t.Skip()
	}
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(dir)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		ins, err := a.Extract(context.Background(), Page{Source: f, Body: b, HTML: filepath.Ext(f) == ".html"})
		fmt.Println("=====", f, err)
		for _, in := range ins {
			m := map[string]any{"org": in.Organization, "title": in.Title, "pub": in.Published.String(), "disc": in.Discovered.String(), "causes": in.Causes, "3p": in.ViaThirdParty, "ppc": in.PPCReported, "police": in.PoliceReported, "dt": in.DataTypes}
			if in.Affected != nil {
				m["aff"] = *in.Affected
			}
			if in.Sequence != nil {
				m["seq"] = *in.Sequence
			}
			j, _ := json.Marshal(m)
			fmt.Println(string(j))
			if os.Getenv("TEXT") != "" {
				fmt.Println("--text--\n" + in.Text + "\n--end--")
			}
			if os.Getenv("EV") != "" {
				for _, e := range in.Evidence {
					fmt.Printf("  ev %s=%s [%d,%d] %q\n", e.Field, e.Value, e.Start, e.End, e.Quote)
				}
			}
		}
	}
}
