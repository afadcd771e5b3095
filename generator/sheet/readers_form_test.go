package sheet

import (
	"os"
	"path/filepath"
	"testing"

	"mofan/internal/readers"
)

// TestReadersSavedForm: a 自评表 opened and saved by each reader (as a unit
// might before returning it) is still read by ReadForm with its unit, rows,
// scores and evidence.
func TestReadersSavedForm(t *testing.T) {
	fx := newFixture(t)
	u := fx.units[unitPartial-1]
	data, err := SelfForm(fx.p, fx.y, u)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "自评表.xlsx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, r := range readers.All {
		t.Run(string(r), func(t *testing.T) {
			t.Parallel() // the readers are separate processes
			out := filepath.Join(t.TempDir(), "saved.xlsx")
			readers.SaveWith(t, r, in, out)
			got, err := ReadForm(out, 4<<20)
			if err != nil {
				t.Fatal(err)
			}
			if got.Unit != u.Name {
				t.Errorf("unit %q, want %s", got.Unit, u.Name)
			}
			if len(got.Rows) != len(fx.p.Points) {
				t.Fatalf("%d rows, want %d", len(got.Rows), len(fx.p.Points))
			}
			for i, row := range got.Rows {
				want := ""
				if u.Self[i].Has {
					want = u.Self[i].Score.String()
				}
				if row.ID != fx.p.Points[i].ID || row.Score != want || row.Evidence != u.Self[i].Evidence {
					t.Errorf("row %d: %q %q %q, want %s %q %q", row.Row, row.ID, row.Score, row.Evidence, fx.p.Points[i].ID, want, u.Self[i].Evidence)
				}
			}
			// The custom properties survive LibreOffice only: openpyxl 3.0 and
			// ExcelJS 4.4 drop them, SheetJS 0.18 writes non-ASCII values as
			// mojibake (市委 → å¸å§). The locked cells identify a form.
			if r == readers.LibreOffice && (got.Props["mofan.digest"] != FormDigest(fx.p, fx.y, u) || got.Props["mofan.unit"] != u.Name) {
				t.Errorf("properties after LibreOffice: %v", got.Props)
			}
			if got.Digest() != FormDigest(fx.p, fx.y, u) && r == readers.LibreOffice {
				t.Errorf("digest of the cells %s, want %s", got.Digest(), FormDigest(fx.p, fx.y, u))
			}
		})
	}
}
