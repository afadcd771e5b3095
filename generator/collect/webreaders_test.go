package collect

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mofan/generator/input"
	"mofan/generator/model"
	"mofan/generator/plan"
	"mofan/internal/readers"
)

// jsReaders are the web libraries as internal/readers names them.
var jsReaders = map[string]readers.Reader{"exceljs": readers.ExcelJS, "sheetjs": readers.SheetJS}

// jsSave opens in with lib (exceljs or sheetjs) through node, sets cells
// ("sheet!A1" → a number or a text) as a web system filling the form would,
// and saves the workbook as out. The npm packages are internal/readers'
// (installed by .ci/run); without them the test skips, or fails when CI is
// set.
func jsSave(t *testing.T, lib, in, out string, cells map[string]any) {
	t.Helper()
	readers.Need(t, jsReaders[lib])
	modules, err := filepath.Abs("../../internal/readers/node_modules")
	must(t, err)
	js, err := json.Marshal(cells)
	must(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "testdata/fill.js", lib, in, out, string(js))
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	var msg bytes.Buffer
	cmd.Stdout, cmd.Stderr = &msg, &msg
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s could not open and save the workbook: %v\n%s", lib, err, msg.String())
	}
}

// TestSavedByWebLibraries: a 自评表 and the review workbook, filled in and
// saved by ExcelJS and by SheetJS, are collected with the values entered.
func TestSavedByWebLibraries(t *testing.T) {
	for _, lib := range []string{"sheetjs", "exceljs"} {
		t.Run(lib, func(t *testing.T) {
			root := seedsCopy(t)
			p, y := source(t, root)
			work := t.TempDir()
			spec := &model.SelfFormSpec
			form := write(t, work, "blank.xlsx", blankForm(t, p, y, 1, ""))
			cells := map[string]any{}
			for i, s := range entered(len(p.Points)) {
				n, _, _ := model.ParseScore(s)
				cells[fmt.Sprintf("%s!E%d", spec.Sheet, firstRow+i)] = n.Float()
			}
			cells[fmt.Sprintf("%s!F%d", spec.Sheet, firstRow)] = evidenceFirst
			cells[fmt.Sprintf("%s!C%d", spec.Sheet, totalRow+2)] = secretary
			saved := filepath.Join(work, "01-市委办公室.xlsx")
			jsSave(t, lib, form, saved, cells)
			c := collector(t, root)
			r := one(t, c, saved)
			if r.Outcome != Added || r.Total != 680 || r.Scored != 24 {
				t.Fatalf("%s: %s total %s, %d scored: %v", lib, r.Outcome.Label(), r.Total, r.Scored, r.Problems)
			}
			if r.Form.Self[0].Evidence != evidenceFirst || r.Form.Secretary != secretary {
				t.Errorf("evidence %q, secretary %q", r.Form.Self[0].Evidence, r.Form.Secretary)
			}

			// The review workbook, as the clerk would fill it in a web system.
			pl, err := plan.Load(filepath.Join(root, "plan.md"))
			must(t, err)
			inputs, err := input.Load(filepath.Join(root, "2020"), 2020, pl)
			must(t, err)
			data, err := reviewBook(pl, inputs)
			must(t, err)
			book := write(t, work, "blank-review.xlsx", data)
			rs := &model.ReviewBookSpec
			first := rs.HeaderRow + 1
			rc := colOf(rs.Columns, model.ColReview)
			rcells := map[string]any{}
			for i := range pl.Points {
				rcells[fmt.Sprintf("%s!%s%d", rs.Sheet, rc, first+len(pl.Points)+i)] = 2.5 // unit 02
			}
			rcells[fmt.Sprintf("%s!%s%d", rs.AdjustSheet, colOf(rs.AdjustColumns, model.ColDeduct), first+1)] = 1
			rcells[fmt.Sprintf("%s!%s%d", rs.AdjustSheet, colOf(rs.AdjustColumns, model.ColDeductWhy), first+1)] = "材料迟报"
			reviewed := filepath.Join(work, "审核评分表.xlsx")
			jsSave(t, lib, book, reviewed, rcells)
			rr := one(t, c, reviewed)
			if rr.Outcome != Added {
				t.Fatalf("review workbook: %s %v", rr.Outcome.Label(), rr.Problems)
			}
			again, err := input.Load(filepath.Join(root, "2020"), 2020, pl)
			must(t, err)
			u2 := again.Units[1]
			for i := range pl.Points {
				if !u2.Review[i].Has || u2.Review[i].Score != 25 {
					t.Fatalf("unit 02 %s: review %v %s, want 2.5", pl.Points[i].ID, u2.Review[i].Has, u2.Review[i].Score)
				}
			}
			var deducted bool
			for _, a := range u2.Adjust {
				deducted = deducted || a.Kind == model.Deduction && a.Points == 10 && a.Reason == "材料迟报"
			}
			if !deducted {
				t.Errorf("unit 02 adjustments %+v: no 扣分 1 材料迟报", u2.Adjust)
			}
			if s := strings.Join(rr.Problems, ""); s != "" {
				t.Error(s)
			}
		})
	}
}
