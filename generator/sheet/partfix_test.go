package sheet

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPartsAsExcelWrites: every kind of workbook has its parts as Excel
// writes them (see partfix.go).
func TestPartsAsExcelWrites(t *testing.T) {
	fx := newFixture(t)
	reColMins := regexp.MustCompile(`<col min="(\d+)"`)
	for _, wb := range workbooks() {
		t.Run(wb.name, func(t *testing.T) {
			data, err := wb.build(fx)
			if err != nil {
				t.Fatal(err)
			}
			parts, _ := unzipParts(t, data)
			core := string(parts["docProps/core.xml"])
			for _, want := range []string{`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"`,
				`<cp:keywords>创建模范机关</cp:keywords>`, `<cp:lastModifiedBy>`, `<cp:revision>1</cp:revision>`, `</cp:coreProperties>`} {
				if !strings.Contains(core, want) {
					t.Errorf("core.xml lacks %s: %s", want, core)
				}
			}
			var props struct {
				XMLName  xml.Name `xml:"http://schemas.openxmlformats.org/package/2006/metadata/core-properties coreProperties"`
				Keywords string   `xml:"http://schemas.openxmlformats.org/package/2006/metadata/core-properties keywords"`
				Title    string   `xml:"http://purl.org/dc/elements/1.1/ title"`
			}
			if err := xml.Unmarshal([]byte(core), &props); err != nil || props.Keywords != "创建模范机关" || props.Title == "" {
				t.Errorf("core.xml: %v %+v", err, props)
			}
			if wbXML := string(parts["xl/workbook.xml"]); !strings.Contains(wbXML, `<calcPr calcId="`+excelCalcID+`"`) {
				t.Errorf("workbook.xml: %s", regexp.MustCompile(`<calcPr[^>]*>`).FindString(wbXML))
			}
			sheets := 0
			for name, body := range parts {
				if bytes.Contains(body, []byte("relationships:id")) {
					t.Errorf("%s writes relationships:id", name)
				}
				if !strings.HasPrefix(name, "xl/worksheets/sheet") {
					continue
				}
				sheets++
				s := string(body)
				if strings.Contains(s, "filterMode") {
					t.Errorf("%s: filterMode", name)
				}
				prev := 0
				for _, m := range reColMins.FindAllStringSubmatch(s, -1) {
					n, _ := strconv.Atoi(m[1])
					if n <= prev {
						t.Errorf("%s: <col min=%d> after min=%d", name, n, prev)
					}
					prev = n
				}
				var ws worksheetXML
				if err := xml.Unmarshal(body, &ws); err != nil {
					t.Fatal(err)
				}
				want := "A1"
				minC, minR, maxC, maxR := 0, 0, 0, 0
				for _, r := range ws.Rows {
					for _, c := range r.C {
						col, row := cellCoords(t, c.R)
						if minC == 0 {
							minC, minR, maxC, maxR = col, row, col, row
						}
						minC, minR, maxC, maxR = min(minC, col), min(minR, row), max(maxC, col), max(maxR, row)
					}
				}
				if minC > 0 {
					want = cell(minC, minR) + ":" + cell(maxC, maxR)
				}
				if got := regexp.MustCompile(`<dimension ref="([^"]*)"`).FindStringSubmatch(s); got == nil || got[1] != want {
					t.Errorf("%s: dimension %q, want %s", name, got, want)
				}
			}
			if sheets == 0 {
				t.Error("no worksheet")
			}
		})
	}
}

func cellCoords(t *testing.T, ref string) (col, row int) {
	t.Helper()
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	row, err := strconv.Atoi(ref[i:])
	if err != nil || col == 0 {
		t.Fatalf("cell %q", ref)
	}
	return col, row
}

// TestSheetRewriter: the rewriter gives the same bytes however the part is
// cut into writes, and rewrites what excelize writes oddly.
func TestSheetRewriter(t *testing.T) {
	drawing := `<drawing xmlns:relationships="http://schemas.openxmlformats.org/officeDocument/2006/relationships" relationships:id="rId1"></drawing>`
	in := `<?xml version="1.0"?><worksheet xmlns:r="r"><sheetPr filterMode="true"><pageSetUpPr fitToPage="true"></pageSetUpPr></sheetPr>` +
		`<dimension ref="A1"></dimension><cols><col min="3" max="3" width="9" customWidth="1"/><col min="2" max="2" width="26" customWidth="1"/>` +
		`<col min="1" max="1" width="5.5" customWidth="1"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row>` +
		strings.Repeat(`<row r="2"><c r="C2"><v>2</v></c></row>`, 50) + `</sheetData>` + drawing + drawing + `</worksheet>`
	want := `<?xml version="1.0"?><worksheet xmlns:r="r"><sheetPr><pageSetUpPr fitToPage="true"></pageSetUpPr></sheetPr>` +
		`<dimension ref="A1:C2"/><cols><col min="1" max="1" width="5.5" customWidth="1"/><col min="2" max="2" width="26" customWidth="1"/>` +
		`<col min="3" max="3" width="9" customWidth="1"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row>` +
		strings.Repeat(`<row r="2"><c r="C2"><v>2</v></c></row>`, 50) + `</sheetData>` +
		strings.Repeat(`<drawing r:id="rId1"></drawing>`, 2) + `</worksheet>`
	for _, size := range []int{1, 2, 3, 7, 13, 64, 98, 99, 100, 101, 150, 1000, len(in)} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			rw := newSheetRewriter("xl/worksheets/sheet1.xml", "A1:C2")
			var out bytes.Buffer
			emit := func(p []byte) error { out.Write(p); return nil }
			for i := 0; i < len(in); i += size {
				if err := rw.write([]byte(in[i:min(i+size, len(in))]), emit); err != nil {
					t.Fatal(err)
				}
			}
			if err := rw.close(emit); err != nil {
				t.Fatal(err)
			}
			if out.String() != want {
				t.Errorf("got\n%s\nwant\n%s", out.String(), want)
			}
		})
	}
}

func TestFixCoreProps(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<coreProperties xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="d"><dc:title>T</dc:title><keywords>K</keywords><lastModifiedBy>L</lastModifiedBy><revision>1</revision><category/></coreProperties>`,
			`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="d"><dc:title>T</dc:title><cp:keywords>K</cp:keywords><cp:lastModifiedBy>L</cp:lastModifiedBy><cp:revision>1</cp:revision><cp:category/></cp:coreProperties>`},
		// Already as Excel writes it: unchanged.
		{`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"><cp:keywords>K</cp:keywords></cp:coreProperties>`,
			`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"><cp:keywords>K</cp:keywords></cp:coreProperties>`},
	} {
		got, err := fixCoreProps([]byte(c.in))
		if err != nil || string(got) != c.want {
			t.Errorf("fixCoreProps(%s) = %s, %v\nwant %s", c.in, got, err, c.want)
		}
	}
}
