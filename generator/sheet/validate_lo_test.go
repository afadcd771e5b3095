package sheet

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mofan/generator/model"
)

// loValidate reports, for each value, whether LibreOffice's data validation
// of cell ref on sheet accepts it, LibreOffice running with the profile
// folder given (testdata/lo_validate.py, through
// LibreOffice's own API: the values are entered, then Mark Invalid Data).
func loValidate(t *testing.T, profile string, book []byte, sheet, ref string, values ...string) map[string]string {
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
	path := filepath.Join(dir, "book.xlsx")
	must(t, os.WriteFile(path, book, 0o644))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"testdata/lo_validate.py", profile, path, sheet, ref}, values...)
	out, err := exec.CommandContext(ctx, py, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("lo_validate.py: %v\n%s", err, out)
	}
	got := map[string]string{}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for _, f := range strings.Fields(lines[len(lines)-1]) {
		v, verdict, _ := strings.Cut(f, ":")
		got[v] = verdict
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
	profile := t.TempDir() // shared: LibreOffice's first start with a new profile is the slow part
	want := map[string]string{"0": "valid", "3": "valid", "3.5": "valid", "4": "valid", "3.25": "invalid", "4.1": "invalid", "-1": "invalid"}
	var values []string
	for v := range want {
		values = append(values, v)
	}
	for _, tc := range []struct {
		name, sheet, ref string
		book             []byte
	}{
		{"自评表", formSheet, cell(formColScore, formHeaderRow+1), form},
		{"审核评分表", rs.Sheet, reviewRef, review},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := loValidate(t, profile, tc.book, tc.sheet, tc.ref, values...)
			for v, w := range want {
				if got[v] != w {
					t.Errorf("%s = %s: LibreOffice says %q, want %s", tc.ref, v, got[v], w)
				}
			}
		})
	}
}
