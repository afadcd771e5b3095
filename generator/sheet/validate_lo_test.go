package sheet

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mofan/generator/model"
)

// loCell is a cell whose data validation loValidate asks about.
type loCell struct {
	book       []byte
	sheet, ref string
}

// loValidate reports, for each cell and each value, whether LibreOffice's
// data validation of the cell accepts the value (testdata/lo_validate.py,
// through LibreOffice's own API, one LibreOffice for every cell: the values
// are entered, then Mark Invalid Data).
func loValidate(t *testing.T, cells []loCell, values ...string) []map[string]string {
	t.Helper()
	needTool(t, "soffice", "libreoffice-calc-nogui")
	py := needTool(t, "/usr/bin/python3", "python3")
	if err := exec.Command(py, "-c", "import uno").Run(); err != nil {
		msg := "python3-uno not installed (apt-get install -y python3-uno) to run this test"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	args := []string{"testdata/lo_validate.py", filepath.Join(dir, "profile")}
	for i, c := range cells {
		path := filepath.Join(dir, fmt.Sprintf("book%d.xlsx", i))
		must(t, os.WriteFile(path, c.book, 0o644))
		if i > 0 {
			args = append(args, "--")
		}
		args = append(append(args, path, c.sheet, c.ref), values...)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, py, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("lo_validate.py: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < len(cells) {
		t.Fatalf("lo_validate.py printed %d lines for %d cells:\n%s", len(lines), len(cells), out)
	}
	var got []map[string]string
	for _, line := range lines[len(lines)-len(cells):] {
		m := map[string]string{}
		for _, f := range strings.Fields(line) {
			v, verdict, _ := strings.Cut(f, ":")
			m[v] = verdict
		}
		got = append(got, m)
	}
	return got
}

// TestLibreOfficeEnforcesOneDecimal: LibreOffice's validation of a 自评表
// score cell and of a review cell accepts 0..分值 with one decimal and
// refuses 3.25, 4.1 and -1 (Excel evaluates the same custom formula).
func TestLibreOfficeEnforcesOneDecimal(t *testing.T) {
	p := testPlan(t)
	y := testYear(p)
	units := testUnits(p, y)
	form, err := SelfForm(p, y, units[0])
	must(t, err)
	review, err := Review(p, y, units)
	must(t, err)
	rs := &model.ReviewBookSpec
	// The review cell of the second unit's first point: its own row's 分值 (4).
	reviewRef := specCell(rs.Columns, model.ColReview, rs.HeaderRow+1+len(p.Points))
	want := map[string]string{"0": "valid", "3": "valid", "3.5": "valid", "4": "valid", "3.25": "invalid", "4.1": "invalid", "-1": "invalid"}
	var values []string
	for v := range want {
		values = append(values, v)
	}
	cases := []struct {
		name string
		cell loCell
	}{
		{"自评表", loCell{form, formSheet, cell(formColScore, formHeaderRow+1)}},
		{"审核评分表", loCell{review, rs.Sheet, reviewRef}},
	}
	var cells []loCell
	for _, tc := range cases {
		cells = append(cells, tc.cell)
	}
	verdicts := loValidate(t, cells, values...) // one LibreOffice start for both
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := verdicts[i]
			for v, w := range want {
				if got[v] != w {
					t.Errorf("%s = %s: LibreOffice says %q, want %s", tc.cell.ref, v, got[v], w)
				}
			}
		})
	}
}
