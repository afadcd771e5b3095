package collect

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mofan/generator/build"
	"mofan/generator/input"
	"mofan/generator/model"
	"mofan/generator/plan"
	"mofan/generator/sheet"

	"github.com/xuri/excelize/v2"
)

// reviewEdits fills a review workbook as the committee's clerk would: the
// review scores of unit 01 (3.5 on every point) and NR-1-1 of unit 02 (2),
// a 加分 for unit 01 and a 一票否决 for unit 03.
func reviewEdits(t *testing.T, path string, p *model.Plan, extra map[string]any) {
	t.Helper()
	spec := &model.ReviewBookSpec
	f, err := excelize.OpenFile(path)
	must(t, err)
	defer f.Close()
	rc := colOf(spec.Columns, model.ColReview)
	first := spec.HeaderRow + 1
	for i := range p.Points {
		must(t, f.SetCellValue(spec.Sheet, fmt.Sprintf("%s%d", rc, first+i), 3.5))
	}
	must(t, f.SetCellValue(spec.Sheet, fmt.Sprintf("%s%d", rc, first+len(p.Points)), 2))
	ac := spec.AdjustColumns
	set := func(unit int, k model.ColumnKey, v any) {
		must(t, f.SetCellValue(spec.AdjustSheet, fmt.Sprintf("%s%d", colOf(ac, k), first+unit-1), v))
	}
	set(1, model.ColBonus, 1.5)
	set(1, model.ColBonusWhy, "获全市机关党建创新案例")
	set(3, model.ColVeto, "审计")
	set(3, model.ColVetoWhy, "审计发现违规问题")
	for ref, v := range extra {
		sheet, cell, _ := strings.Cut(ref, "!")
		must(t, f.SetCellValue(sheet, cell, v))
	}
	must(t, f.Save())
}

func colOf(cs model.Columns, k model.ColumnKey) string {
	n, _ := excelize.ColumnNumberToName(cs.Index(k))
	return n
}

// TestReviewRoundTrip: build → fill the review workbook → save it with
// LibreOffice → collect → check (input.Load) → build: the summary shows the
// review, the bonus and the veto.
func TestReviewRoundTrip(t *testing.T) {
	needTool(t, "soffice", "libreoffice-calc-nogui")
	root := seedsCopy(t)
	p, err := plan.Load(filepath.Join(root, "plan.md"))
	must(t, err)
	inputs, err := input.Load(filepath.Join(root, "2020"), 2020, p)
	must(t, err)
	eng, err := build.NewEngine("../../fonts/fonts.toml")
	must(t, err)
	res, err := eng.Build(&build.Year{Plan: p, In: inputs, Template: "../../templates/表彰通知.md"}, t.TempDir(), build.Options{})
	must(t, err)
	work := t.TempDir()
	book := write(t, work, "审核评分表.xlsx", read(t, filepath.Join(res.Dir, model.ReviewBookSpec.Path)))
	reviewEdits(t, book, p, nil)
	saved := filepath.Join(work, "saved")
	soffice(t, "xlsx:Calc MS Excel 2007 XML", saved, book)

	c := collector(t, root)
	c.Fonts = eng.Fonts
	units := treeHash(t, filepath.Join(root, "2020", "units"))
	rep := c.Run([]string{filepath.Join(saved, "审核评分表.xlsx")})
	var out bytes.Buffer
	rep.Write(&out)
	r := rep.Results[0]
	if r.Outcome != Added || r.Written == 0 {
		t.Fatalf("outcome %s, %d written: %v\n%s", r.Outcome.Label(), r.Written, r.Problems, out.String())
	}
	if !strings.Contains(out.String(), "审核评分表") {
		t.Errorf("report:\n%s", out.String())
	}
	if treeHash(t, filepath.Join(root, "2020", "units")) != units {
		t.Error("collect rewrote a unit file")
	}

	// check: the records load, and a unit file that disagrees is warned about.
	again, err := input.Load(filepath.Join(root, "2020"), 2020, p)
	must(t, err)
	u1, u2, u3 := again.Units[0], again.Units[1], again.Units[2]
	for i := range p.Points {
		if !u1.Review[i].Has || u1.Review[i].Score != 35 {
			t.Fatalf("unit 01 %s: review %v %s, want 3.5", p.Points[i].ID, u1.Review[i].Has, u1.Review[i].Score)
		}
	}
	if !u2.Review[0].Has || u2.Review[0].Score != 20 {
		t.Errorf("unit 02 NR-1-1: review %v %s, want 2", u2.Review[0].Has, u2.Review[0].Score)
	}
	if len(u1.Adjust) != 1 || u1.Adjust[0].Kind != model.Bonus || u1.Adjust[0].Points != 15 || u1.Adjust[0].Reason != "获全市机关党建创新案例" {
		t.Errorf("unit 01 adjustments %+v", u1.Adjust)
	}
	if u3.Veto == nil || u3.Veto.Source != "审计" || u3.Veto.Reason != "审计发现违规问题" {
		t.Errorf("unit 03 veto %+v", u3.Veto)
	}
	var warned bool
	for _, w := range again.Warnings {
		warned = warned || strings.Contains(w.Error(), "以审核评分表为准")
	}
	if inputs.Units[0].Review[0].Has && inputs.Units[0].Review[0].Score != 35 && !warned {
		t.Errorf("no warning that unit 01's file disagrees with the review workbook: %v", again.Warnings)
	}

	// The same workbook again changes nothing.
	before := treeHash(t, root)
	if r := one(t, c, filepath.Join(saved, "审核评分表.xlsx")); r.Outcome != Unchanged || r.Written != 0 {
		t.Errorf("second collect: %s, %d written %v", r.Outcome.Label(), r.Written, r.Problems)
	}
	if treeHash(t, root) != before {
		t.Error("collecting the same review workbook twice changed the seeds")
	}

	// build: the summary shows the review (3.5 × 24 = 84, plus 1.5), and
	// unit 03 is vetoed.
	res, err = eng.Build(&build.Year{Plan: p, In: again, Template: "../../templates/表彰通知.md"}, t.TempDir(), build.Options{})
	must(t, err)
	csvDir := filepath.Join(work, "csv")
	soffice(t, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", csvDir, filepath.Join(res.Dir, "考评汇总.xlsx"))
	rows := readCSVFile(t, filepath.Join(csvDir, "考评汇总-评审得分.csv"))
	row := rowOf(rows, u1.Name)
	if row == nil || strings.Join(row[2:2+len(p.Points)], ",") != strings.TrimSuffix(strings.Repeat("3.5,", len(p.Points)), ",") { // 0.0 format
		t.Errorf("summary 评审得分 row of unit 01: %v", row)
	}
	main := readCSVFile(t, filepath.Join(csvDir, "考评汇总-汇总.csv"))
	if row := rowOf(main, u1.Name); row == nil || !strings.Contains(strings.Join(row, ","), "85.5") {
		t.Errorf("summary row of unit 01 lacks the total 85.5: %v", row)
	}
	if row := rowOf(main, u3.Name); row == nil || !strings.Contains(strings.Join(row, ","), "一票否决") {
		t.Errorf("summary row of unit 03 lacks the veto: %v", row)
	}
}

// TestReviewRefused: tampered locked cells, scores out of range or with two
// decimals, a reason without points and an unknown veto source are each
// refused with the cell named, and nothing is recorded.
func TestReviewRefused(t *testing.T) {
	root := seedsCopy(t)
	p, err := plan.Load(filepath.Join(root, "plan.md"))
	must(t, err)
	inputs, err := input.Load(filepath.Join(root, "2020"), 2020, p)
	must(t, err)
	spec := &model.ReviewBookSpec
	c := collector(t, root)
	rc := colOf(spec.Columns, model.ColReview)
	first := spec.HeaderRow + 1
	ac := spec.AdjustColumns
	for _, tc := range []struct {
		name  string
		edits map[string]any
		want  string
	}{
		{"three and a quarter", map[string]any{fmt.Sprintf("%s!%s%d", spec.Sheet, rc, first+1): 3.25}, fmt.Sprintf("%s!%s%d：审核得分 3.25 最多保留一位小数", spec.Sheet, rc, first+1)},
		{"over 分值", map[string]any{fmt.Sprintf("%s!%s%d", spec.Sheet, rc, first+1): 9}, "审核得分 9 超出范围 0～4"},
		{"tampered unit", map[string]any{fmt.Sprintf("%s!B%d", spec.Sheet, first+30): "改过的单位"}, fmt.Sprintf("%s 第 %d 行：单位“2 改过的单位”与生成的表格不一致", spec.Sheet, first+30)},
		{"tampered 分值", map[string]any{fmt.Sprintf("%s!%s%d", spec.Sheet, colOf(spec.Columns, model.ColMax), first+2): 10}, "分值“10”与生成的表格不一致"},
		{"reason without points", map[string]any{fmt.Sprintf("%s!%s%d", spec.AdjustSheet, colOf(ac, model.ColDeductWhy), first+4): "迟报"}, "写了扣分原因但没有填扣分"},
		{"veto source as clerks say it", map[string]any{fmt.Sprintf("%s!%s%d", spec.AdjustSheet, colOf(ac, model.ColVeto), first+5): "纪委", fmt.Sprintf("%s!%s%d", spec.AdjustSheet, colOf(ac, model.ColVetoWhy), first+5): "x"},
			fmt.Sprintf("%s!%s%d：一票否决来源“纪委”无效（是不是“纪检监察”？请从下拉列表中选择：纪检监察、巡视巡察、审计、其他）", spec.AdjustSheet, colOf(ac, model.ColVeto), first+5)},
		{"veto source misspelt", map[string]any{fmt.Sprintf("%s!%s%d", spec.AdjustSheet, colOf(ac, model.ColVeto), first+5): "其它", fmt.Sprintf("%s!%s%d", spec.AdjustSheet, colOf(ac, model.ColVetoWhy), first+5): "x"},
			"一票否决来源“其它”无效（是不是“其他”？"},
		{"unknown veto source", map[string]any{fmt.Sprintf("%s!%s%d", spec.AdjustSheet, colOf(ac, model.ColVeto), first+5): "组织部", fmt.Sprintf("%s!%s%d", spec.AdjustSheet, colOf(ac, model.ColVetoWhy), first+5): "x"},
			"一票否决来源“组织部”无效（请从下拉列表中选择：纪检监察、巡视巡察、审计、其他）"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := reviewBook(p, inputs)
			must(t, err)
			path := write(t, t.TempDir(), "审核评分表.xlsx", data)
			reviewEdits(t, path, p, tc.edits)
			before := treeHash(t, root)
			r := one(t, c, path)
			if r.Outcome != Refused || !strings.Contains(strings.Join(r.Problems, "\n"), tc.want) {
				t.Fatalf("%s %v, want %q", r.Outcome.Label(), r.Problems, tc.want)
			}
			if treeHash(t, root) != before {
				t.Error("a refused review workbook changed the seeds")
			}
		})
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	return b
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(read(t, path))).ReadAll()
	must(t, err)
	return recs
}

func rowOf(rows [][]string, name string) []string {
	for _, r := range rows {
		if len(r) > 1 && r[1] == name {
			return r
		}
	}
	return nil
}

func reviewBook(p *model.Plan, in *model.Inputs) ([]byte, error) {
	return sheet.Review(p, in.Year, in.Units)
}
