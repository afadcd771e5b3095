package readers

import (
	"archive/zip"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// A small workbook written by hand, part by part: two worksheets and what the
// readers must agree on (a merged title, shared and inline strings, integer
// and decimal numbers, a boolean, a formula with its cached value, a blank
// cell between values).
var tinyParts = []struct{ name, body string }{
	{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
	{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
	{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="甲" sheetId="1" r:id="rId1"/><sheet name="乙 表" sheetId="2" r:id="rId2"/></sheets><calcPr calcId="191029"/></workbook>`},
	{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
	{"xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>考评汇总</t></si><si><t>市委办公室</t></si></sst>`},
	{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D3"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"/><c r="C1"/></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>86.5</v></c><c r="D2"><v>86</v></c></row><row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3"><f>B2+D2</f><v>172.5</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>`},
	{"xl/worksheets/sheet2.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="B2"/><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>说明，含逗号</t></is></c></row></sheetData></worksheet>`},
}

// tinyWant is what every reader must return for the tiny workbook.
var tinyWant = []Sheet{
	{Name: "甲", Rows: [][]string{{"考评汇总"}, {"市委办公室", "86.5", "", "86"}, {"TRUE", "172.5"}}},
	{Name: "乙 表", Rows: [][]string{nil, {"", "说明，含逗号"}}},
}

func writeTiny(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "小.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, p := range tinyParts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadTiny(t *testing.T) {
	path := writeTiny(t)
	for _, r := range All {
		t.Run(string(r), func(t *testing.T) {
			t.Parallel() // the readers are separate processes
			b := Read(t, r, path)
			if !reflect.DeepEqual(b.Sheets, tinyWant) {
				t.Errorf("read\n%v\nwant\n%v", b.Sheets, tinyWant)
			}
			if got := b.Sheet("甲").Cell("B2"); got != "86.5" {
				t.Errorf("B2 = %q", got)
			}
		})
	}
}

// TestSaveWith: a workbook saved back by each reader keeps its values, as
// openpyxl reads them.
func TestSaveWith(t *testing.T) {
	Need(t, OpenPyXL)
	path := writeTiny(t)
	for _, r := range All {
		t.Run(string(r), func(t *testing.T) {
			t.Parallel() // the readers are separate processes
			out := filepath.Join(t.TempDir(), "saved.xlsx")
			SaveWith(t, r, path, out)
			b := Read(t, OpenPyXL, out)
			want := tinyWant
			if r == OpenPyXL { // it keeps the formula, not its value
				want = []Sheet{{Name: "甲", Rows: [][]string{tinyWant[0].Rows[0], tinyWant[0].Rows[1], {"TRUE"}}}, tinyWant[1]}
			}
			if !reflect.DeepEqual(b.Sheets, want) {
				t.Errorf("after saving with %s:\n%v\nwant\n%v", r, b.Sheets, want)
			}
		})
	}
}

func TestWorksheetNames(t *testing.T) {
	names, err := WorksheetNames(writeTiny(t))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"甲", "乙 表"}; !reflect.DeepEqual(names, want) {
		t.Errorf("got %q, want %q", names, want)
	}
}

func TestParseRef(t *testing.T) {
	for _, c := range []struct {
		ref      string
		col, row int
		ok       bool
	}{
		{"A1", 1, 1, true}, {"AB73", 28, 73, true}, {"Z9", 26, 9, true}, {"A0", 1, 0, false}, {"1", 0, 1, false}, {"B", 2, 0, false},
	} {
		col, row, ok := parseRef(c.ref)
		if ok != c.ok || ok && (col != c.col || row != c.row) {
			t.Errorf("%s: (%d, %d, %v), want (%d, %d, %v)", c.ref, col, row, ok, c.col, c.row, c.ok)
		}
	}
}
