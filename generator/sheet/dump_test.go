package sheet

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteSamples writes the fixture's workbooks into $MOFAN_SHEET_SAMPLES,
// to open them in a spreadsheet program or convert them by hand.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("MOFAN_SHEET_SAMPLES")
	if dir == "" {
		t.Skip("set MOFAN_SHEET_SAMPLES=DIR to write sample workbooks")
	}
	fx := newFixture(t)
	for _, wb := range workbooks() {
		data, err := wb.build(fx)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, wb.name+".xlsx"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
