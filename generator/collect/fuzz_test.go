package collect

import (
	"flag"
	"mofan/generator/model"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// FuzzCheck feeds arbitrary bytes to the returned-form reader as if a unit had
// sent them back as its 自评表. Properties: no panic; a refused file says why;
// an accepted one names a unit of 附件1 and holds only scores within 0..分值
// with at most one decimal; and the check is quick (forms are refused before
// the spreadsheet reader opens anything it cannot bound).
func FuzzCheck(f *testing.F) {
	root := seedsCopy(f)
	c := collector(f, root)
	p, y := c.Plan, c.Year
	blank := blankForm(f, p, y, 1, "")
	f.Add(blank)
	f.Add(filledForm(f, root))
	f.Add([]byte("%PDF-1.7\n"))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Add([]byte{})
	dir := f.TempDir()
	var accepted atomic.Int64
	f.Cleanup(func() {
		// Under -fuzz the inputs run in worker processes; this counts only
		// the seed run of plain go test.
		if fz := flag.Lookup("test.fuzz"); fz != nil && fz.Value.String() != "" {
			return
		}
		if accepted.Load() == 0 {
			f.Error("no input was accepted: the seeds do not reach the checks of an accepted form")
		}
	})
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "form.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		r := &Result{Path: path}
		c.check(r)
		if r.Outcome == Refused {
			if len(r.Problems) == 0 {
				t.Error("refused without a reason")
			}
			return
		}
		accepted.Add(1)
		if r.Form == nil || r.Unit == nil || p.Unit(r.Unit.Name) == nil {
			t.Fatalf("accepted without a unit of 附件1: %+v", r)
		}
		for i, a := range r.Form.Self {
			if a.Has && (a.Score < 0 || a.Score > y.Max[i]) {
				t.Errorf("accepted score %s for %s (分值 %s)", a.Score, p.Points[i].ID, y.Max[i])
			}
			if a.Has && a.Score != model.FromFloat(a.Score.Float()) {
				t.Errorf("score %v not in tenths", a.Score)
			}
		}
	})
}
