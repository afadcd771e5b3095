package sheet

import (
	"bytes"
	"compress/flate"
	"io"
	"strings"
	"testing"
)

// TestTailPatches writes a worksheet part in pieces of many sizes, so that
// the end of sheetData falls inside a piece, at its edges and across two,
// and checks that the patches see exactly what follows the rows and that
// the part comes out as if patched whole.
func TestTailPatches(t *testing.T) {
	rows := strings.Repeat(`<row r="1"><c r="A1" t="inlineStr"><is><t>&lt;sheetProtection x</t></is></c></row>`, 40)
	for _, tc := range []struct {
		name, head, end, after string
	}{
		{"rows", `<worksheet><dimension ref="A1"/><sheetData>`, `</sheetData>`, `<sheetProtection sheet="1"/><pageMargins/></worksheet>`},
		{"no rows", `<worksheet><dimension ref="A1"/>`, `<sheetData/>`, `<sheetProtection sheet="1"/></worksheet>`},
	} {
		body := rows
		if tc.end == "<sheetData/>" {
			body = ""
		}
		whole := tc.head + body + tc.end + tc.after
		want := strings.Replace(whole, "<sheetProtection ", `<sheetProtection hash="h" `, 1)
		var sizes []int
		for n := 1; n <= 130; n++ {
			sizes = append(sizes, n)
		}
		for _, size := range append(sizes, 1000, len(whole)) {
			for _, direct := range []bool{false, true} { // through the sheet rewriter, or straight to take
				var seen []string
				w := newPartWriter("xl/worksheets/sheet1.xml", false, "")
				w.patches = []patchFunc{func(data []byte) ([]byte, error) {
					seen = append(seen, string(data))
					return bytes.Replace(data, []byte("<sheetProtection "), []byte(`<sheetProtection hash="h" `), 1), nil
				}}
				for i := 0; i < len(whole); i += size {
					piece := []byte(whole[i:min(i+size, len(whole))])
					var err error
					if direct {
						err = w.take(piece)
					} else {
						_, err = w.Write(piece)
					}
					if err != nil {
						t.Fatal(err)
					}
				}
				if direct {
					w.rw = nil
				}
				p, err := w.part()
				if err != nil {
					t.Fatal(err)
				}
				got, err := io.ReadAll(flate.NewReader(bytes.NewReader(p.comp)))
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != want {
					t.Errorf("%s, pieces of %d: got\n%s\nwant\n%s", tc.name, size, got, want)
				}
				if len(seen) != 1 || seen[0] != tc.after {
					t.Errorf("%s, pieces of %d: the patch saw %q, want %q", tc.name, size, seen, tc.after)
				}
			}
		}
	}
}
