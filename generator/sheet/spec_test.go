package sheet

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"mofan/generator/model"

	"github.com/xuri/excelize/v2"
)

// specCell names the cell of column k of a spec's columns in row.
func specCell(cs model.Columns, k model.ColumnKey, row int) string {
	return cell(cs.Index(k), row)
}

// TestSpecsWriterReaderAgree: for every spec, a workbook written by the
// writer, filled in through the spec (the cells its Input columns and fields
// name, nothing else), reads back with the same values, and the headers are
// where the spec puts them.
func TestSpecsWriterReaderAgree(t *testing.T) {
	p := testPlan(t)
	y := testYear(p)
	units := testUnits(p, y)
	dir := t.TempDir()

	t.Run("自评表", func(t *testing.T) {
		spec := &model.SelfFormSpec
		blank := &model.Unit{No: 3, Name: p.Units[2].Name, Self: make([]model.Assessment, len(p.Points)), Review: make([]model.Review, len(p.Points))}
		data, err := SelfForm(p, y, blank)
		must(t, err)
		f, err := excelize.OpenReader(bytes.NewReader(data))
		must(t, err)
		for i, c := range spec.Columns {
			if v, _ := f.GetCellValue(spec.Sheet, cell(i+1, spec.HeaderRow)); v != c.Head {
				t.Errorf("header %d: %q, want %q", i+1, v, c.Head)
			}
		}
		first := spec.HeaderRow + 1
		want := make([]model.Assessment, len(p.Points))
		for i := range p.Points {
			want[i] = model.Assessment{Has: true, Score: model.Tenths(i % 41), Evidence: fmt.Sprintf("第%d项：%s", i+1, strings.Repeat("佐证", i))}
			must(t, f.SetCellValue(spec.Sheet, specCell(spec.Columns, model.ColSelf, first+i), want[i].Score.Float()))
			must(t, f.SetCellValue(spec.Sheet, specCell(spec.Columns, model.ColEvidence, first+i), want[i].Evidence))
		}
		// The fields: each value cell is right of its label's merged range.
		fields := map[string]string{}
		merges, err := f.GetMergeCells(spec.Sheet)
		must(t, err)
		for _, m := range merges {
			for _, fd := range spec.Fields {
				if m.GetCellValue() != fd.Label {
					continue
				}
				c, r, err := excelize.CellNameToCoordinates(m.GetEndAxis())
				must(t, err)
				fields[fd.Key] = fd.Label + "值"
				must(t, f.SetCellValue(spec.Sheet, cell(c+1, r), fields[fd.Key]))
			}
		}
		path := filepath.Join(dir, "form.xlsx")
		must(t, f.SaveAs(path))
		if k := Kind(path, 1<<20); k != spec.Kind {
			t.Errorf("Kind %q", k)
		}
		r, err := ReadForm(path, 1<<20)
		must(t, err)
		if len(r.Rows) != len(p.Points) {
			t.Fatalf("%d rows", len(r.Rows))
		}
		if r.Unit != blank.Name {
			t.Errorf("unit %q", r.Unit)
		}
		if yr, ok := spec.YearOfTitle(r.Title); !ok || yr != y.Year {
			t.Errorf("title %q: year %d %v", r.Title, yr, ok)
		}
		for i, row := range r.Rows {
			got, ok, _ := model.ParseScore(row.Score)
			if !ok || got != want[i].Score || row.Evidence != want[i].Evidence || row.ID != p.Points[i].ID {
				t.Errorf("row %d: %q %q %q, want %s %s %q", row.Row, row.ID, row.Score, row.Evidence, p.Points[i].ID, want[i].Score, want[i].Evidence)
			}
		}
		got := map[string]string{"secretary": r.Secretary, "contact": r.Contact, "phone": r.Phone, "date": r.Date}
		for _, fd := range spec.Fields {
			if got[fd.Key] != fields[fd.Key] || fields[fd.Key] == "" {
				t.Errorf("field %s: %q, want %q", fd.Label, got[fd.Key], fields[fd.Key])
			}
		}
	})

	t.Run("考评要点", func(t *testing.T) {
		spec := &model.ChecklistSpec
		data, err := Checklist(p, y, units[0])
		must(t, err)
		f, err := excelize.OpenReader(bytes.NewReader(data))
		must(t, err)
		for i, c := range spec.Columns {
			if v, _ := f.GetCellValue(spec.Sheet, cell(i+1, spec.HeaderRow)); v != c.Head {
				t.Errorf("header %d: %q, want %q", i+1, v, c.Head)
			}
		}
		for i, pt := range p.Points {
			if v, _ := f.GetCellValue(spec.Sheet, specCell(spec.Columns, model.ColID, spec.HeaderRow+1+i)); v != pt.ID {
				t.Errorf("row %d: id %q, want %s", spec.HeaderRow+1+i, v, pt.ID)
			}
		}
		path := filepath.Join(dir, "checklist.xlsx")
		must(t, f.SaveAs(path))
		if k := Kind(path, 1<<20); k != spec.Kind {
			t.Errorf("Kind %q, want %q", k, spec.Kind)
		}
	})

	t.Run("审核评分表", func(t *testing.T) {
		spec := &model.ReviewBookSpec
		data, err := Review(p, y, units)
		must(t, err)
		f, err := excelize.OpenReader(bytes.NewReader(data))
		must(t, err)
		first := spec.HeaderRow + 1
		np := len(p.Points)
		// Every review cell, and every adjustment cell, filled through the spec.
		review := map[int]model.Tenths{}
		for k := 0; k < len(units)*np; k += 7 {
			review[k] = model.Tenths(k % 41)
			must(t, f.SetCellValue(spec.Sheet, specCell(spec.Columns, model.ColReview, first+k), review[k].Float()))
		}
		adj := map[model.ColumnKey]string{model.ColBonus: "1.5", model.ColBonusWhy: "加分原因", model.ColDeduct: "2",
			model.ColDeductWhy: "扣分原因", model.ColVeto: "巡视巡察", model.ColVetoWhy: "否决原因"}
		for k, v := range adj {
			var val any = v
			if n, err := strconv.ParseFloat(v, 64); err == nil {
				val = n
			}
			must(t, f.SetCellValue(spec.AdjustSheet, specCell(spec.AdjustColumns, k, first+6), val))
		}
		path := filepath.Join(dir, "review.xlsx")
		must(t, f.SaveAs(path))
		if k := Kind(path, 1<<20); k != spec.Kind {
			t.Errorf("Kind %q", k)
		}
		r, err := ReadReview(path, 8<<20)
		must(t, err)
		if len(r.Rows) != len(units)*np || len(r.Adjust) != len(units) {
			t.Fatalf("%d rows, %d adjustment rows", len(r.Rows), len(r.Adjust))
		}
		for k, row := range r.Rows {
			u, pt := units[k/np], p.Points[k%np]
			if row.UnitNo != strconv.Itoa(u.No) || row.Unit != u.Name || row.ID != pt.ID || row.Max != maxOf(y, k%np).String() {
				t.Fatalf("row %d: %q %q %q %q", row.Row, row.UnitNo, row.Unit, row.ID, row.Max)
			}
			want, has := review[k], false
			if _, has = review[k]; !has && k%np < len(u.Review) && u.Review[k%np].Has {
				want, has = u.Review[k%np].Score, true // prefilled
			}
			got, ok, _ := model.ParseScore(row.Score)
			if has != (row.Score != "") || has && (!ok || got != want) {
				t.Errorf("row %d: review %q, want %v %s", row.Row, row.Score, has, want)
			}
		}
		a := r.Adjust[6]
		for k, v := range adj {
			if a.Values[k] != v {
				t.Errorf("%s: %q, want %q", a.Refs[k], a.Values[k], v)
			}
		}
	})
}
