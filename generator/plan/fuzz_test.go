package plan

import (
	"os"
	"runtime/metrics"
	"strings"
	"testing"

	"mofan/generator/diag"
	"mofan/internal/corpus"
)

// allocated returns the bytes allocated on the heap so far.
func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// FuzzParse parses arbitrary bytes as plan.md. It must not panic, must
// answer within a bounded time and memory, must report any problem as a
// *diag.List whose every line starts with the file's name, and a plan it
// accepts must be one the later stages can use.
func FuzzParse(f *testing.F) {
	seed, err := os.ReadFile(seedPlan)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	for _, n := range []int{0, 1, 200, len(seed) / 3, len(seed) / 2, len(seed) * 5 / 6} {
		f.Add(seed[:n])
	}
	seeds, err := corpus.Seeds(corpus.Dir, "../../seeds", "plan.md", 64<<10)
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		before := allocated()
		p, err := Parse("plan.md", src)
		if a := allocated() - before; a > 64<<20+uint64(len(src))*1000 {
			t.Fatalf("allocated %d bytes for %d bytes", a, len(src))
		}
		checkErr(t, "plan.md", err)
		if err != nil {
			if p != nil {
				t.Fatal("a plan and an error")
			}
			return
		}
		if len(p.Units) == 0 || len(p.Points) == 0 {
			t.Fatalf("accepted a plan with %d units and %d points", len(p.Units), len(p.Points))
		}
		ids := map[string]bool{}
		for _, pt := range p.Points {
			if pt.ID == "" || ids[pt.ID] {
				t.Fatalf("point id %q empty or repeated", pt.ID)
			}
			ids[pt.ID] = true
		}
		names := map[string]bool{}
		for _, u := range p.Units {
			if msg := unsafeName(u.Name); msg != "" || u.Name == "" || names[u.Name] {
				t.Fatalf("accepted unit name %q: %s", u.Name, msg)
			}
			if strings.ContainsFunc(u.Name, diag.Unsafe) {
				t.Fatalf("accepted unit name %q with a control character", u.Name)
			}
			names[u.Name] = true
		}
	})
}
