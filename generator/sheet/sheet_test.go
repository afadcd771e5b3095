package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"mofan/generator/model"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// workbook is one kind of workbook built from the fixture.
type workbook struct {
	name  string
	build func(*fixture) ([]byte, error)
}

func workbooks() []workbook {
	return []workbook{
		{"单位名单", func(fx *fixture) ([]byte, error) { return UnitList(fx.p, fx.y) }},
		{"考评要点", func(fx *fixture) ([]byte, error) { return Checklist(fx.p, fx.y, fx.units[0]) }},
		{"自评表", func(fx *fixture) ([]byte, error) { return SelfForm(fx.p, fx.y, fx.units[0]) }},
		{"自评表-未报送", func(fx *fixture) ([]byte, error) { return SelfForm(fx.p, fx.y, fx.units[unitMissing-1]) }},
		{"考评汇总", func(fx *fixture) ([]byte, error) { return Summary(fx.p, fx.y, fx.r, false) }},
		{"表彰通知", func(fx *fixture) ([]byte, error) { return CommendList(fx.p, fx.y, fx.r, false) }},
		{"三年总评", func(fx *fixture) ([]byte, error) { return Overall(fx.p, fx.y, fx.o, false) }},
	}
}

// unzipParts returns the parts of an xlsx by name, and their order.
func unzipParts(t testing.TB, data []byte) (map[string][]byte, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	var order []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = b
		order = append(order, f.Name)
	}
	return parts, order
}

func TestDeterministic(t *testing.T) {
	fx := newFixture(t)
	for _, wb := range workbooks() {
		t.Run(wb.name, func(t *testing.T) {
			a, err := wb.build(fx)
			if err != nil {
				t.Fatal(err)
			}
			b, err := wb.build(newFixture(t))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Fatalf("two builds differ (%d and %d bytes)", len(a), len(b))
			}
			zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range zr.File {
				if !f.Modified.Equal(zipTime) {
					t.Errorf("%s: modified %v, want the fixed time", f.Name, f.Modified)
				}
			}
			parts, order := unzipParts(t, a)
			ct := string(parts["[Content_Types].xml"])
			for _, want := range []string{`Extension="rels"`, `PartName="/xl/workbook.xml"`, `PartName="/xl/worksheets/sheet1.xml"`} {
				if !strings.Contains(ct, want) {
					t.Errorf("[Content_Types].xml lacks %s", want)
				}
			}
			if order[0] != "[Content_Types].xml" {
				t.Errorf("first entry %q, want [Content_Types].xml", order[0])
			}
			for i := 2; i < len(order); i++ {
				if order[i-1] > order[i] {
					t.Errorf("entries out of order: %q before %q", order[i-1], order[i])
				}
			}
		})
	}
}

// TestDatesFromInputs: the document properties carry the issue date, not the clock.
func TestDatesFromInputs(t *testing.T) {
	fx := newFixture(t)
	data, err := UnitList(fx.p, fx.y)
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzipParts(t, data)
	core := string(parts["docProps/core.xml"])
	if n := strings.Count(core, "2020-11-02T00:00:00Z"); n != 2 {
		t.Errorf("core.xml has the issue date %d times, want 2 (created, modified):\n%s", n, core)
	}
	if strings.Contains(core, fmt.Sprint(time.Now().Year())+"-") && time.Now().Year() != 2020 {
		t.Errorf("core.xml mentions the current year:\n%s", core)
	}
}

func TestContentTypesNormalised(t *testing.T) {
	in := []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="b"></Default><Default Extension="png" ContentType="a"/><Override PartName="/z" ContentType="c"/><Override PartName="/a" ContentType="c"></Override><Default Extension="png" ContentType="a"/></Types>`)
	want := xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="png" ContentType="a"></Default><Default Extension="xml" ContentType="b"></Default><Override PartName="/a" ContentType="c"></Override><Override PartName="/z" ContentType="c"></Override></Types>`
	got, err := normaliseContentTypes(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// unlockedStyles returns the cellXfs indices whose protection is unlocked.
func unlockedStyles(t *testing.T, styles string) map[int]bool {
	var ss struct {
		CellXfs struct {
			Xf []struct {
				Protection *struct {
					Locked *bool `xml:"locked,attr"`
				} `xml:"protection"`
			} `xml:"xf"`
		} `xml:"cellXfs"`
	}
	if err := xml.Unmarshal([]byte(styles), &ss); err != nil {
		t.Fatal(err)
	}
	out := map[int]bool{}
	for i, xf := range ss.CellXfs.Xf {
		if xf.Protection != nil && xf.Protection.Locked != nil && !*xf.Protection.Locked {
			out[i] = true
		}
	}
	return out
}

type sheetCell struct {
	R string `xml:"r,attr"`
	S int    `xml:"s,attr"`
	T string `xml:"t,attr"`
	F string `xml:"f"`
	V string `xml:"v"`
}

type worksheetXML struct {
	Protection *struct {
		Algorithm string `xml:"algorithmName,attr"`
		Hash      string `xml:"hashValue,attr"`
		Salt      string `xml:"saltValue,attr"`
		Spin      int    `xml:"spinCount,attr"`
		Sheet     bool   `xml:"sheet,attr"`
	} `xml:"sheetProtection"`
	Rows []struct {
		C []sheetCell `xml:"c"`
	} `xml:"sheetData>row"`
	Validations []struct {
		Type     string `xml:"type,attr"`
		Operator string `xml:"operator,attr"`
		Sqref    string `xml:"sqref,attr"`
		Prompt   string `xml:"prompt,attr"`
		Error    string `xml:"error,attr"`
		F1       string `xml:"formula1"`
		F2       string `xml:"formula2"`
	} `xml:"dataValidations>dataValidation"`
}

func TestSelfFormXML(t *testing.T) {
	fx := newFixture(t)
	u := fx.units[0]
	data, err := SelfForm(fx.p, fx.y, u)
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzipParts(t, data)
	var ws worksheetXML
	if err := xml.Unmarshal(parts["xl/worksheets/sheet1.xml"], &ws); err != nil {
		t.Fatal(err)
	}
	n := len(fx.p.Points)
	first, total := formHeaderRow+1, formHeaderRow+1+n

	t.Run("protection", func(t *testing.T) {
		pr := ws.Protection
		if pr == nil || !pr.Sheet {
			t.Fatal("sheet not protected")
		}
		if pr.Algorithm != "SHA-512" || pr.Spin != spinCount || pr.Salt == "" || pr.Hash == "" {
			t.Fatalf("protection %+v, want SHA-512 with salt and hash", *pr)
		}
		// excelize verifies the hash against the password.
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.UnprotectSheet(formSheet, "wrong"); err == nil {
			t.Error("a wrong password unprotected the sheet")
		}
		if err := f.UnprotectSheet(formSheet, FormPassword); err != nil {
			t.Errorf("FormPassword does not unprotect the sheet: %v", err)
		}
		// The salt is the same for every unit of the year, different for another year.
		other, err := SelfForm(fx.p, fx.y, fx.units[1])
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(unzipSheet(t, other)), pr.Salt) {
			t.Error("salt differs between units of one year")
		}
		y2 := *fx.y
		y2.Year = 2021
		next, err := SelfForm(fx.p, &y2, u)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(unzipSheet(t, next)), pr.Salt) {
			t.Error("salt is the same for another year")
		}
	})

	t.Run("unlocked cells", func(t *testing.T) {
		unlocked := unlockedStyles(t, string(parts["xl/styles.xml"]))
		got := map[string]bool{}
		for _, r := range ws.Rows {
			for _, c := range r.C {
				if unlocked[c.S] {
					got[c.R] = true
				}
			}
		}
		want := map[string]bool{}
		for r := first; r < total; r++ {
			want[cell(formColScore, r)] = true
			want[cell(6, r)] = true
		}
		cr := total + 2
		for _, ref := range []string{cell(3, cr), cell(6, cr), cell(3, cr+1), cell(6, cr+1)} {
			want[ref] = true
		}
		for ref := range want {
			if !got[ref] {
				t.Errorf("%s is locked, want unlocked", ref)
			}
		}
		for ref := range got {
			if !want[ref] {
				t.Errorf("%s is unlocked, want locked", ref)
			}
		}
	})

	t.Run("validation", func(t *testing.T) {
		byRef := map[string]int{}
		for i, v := range ws.Validations {
			byRef[v.Sqref] = i
		}
		// One a score cell, one over the evidence cells.
		if len(ws.Validations) != n+1 {
			t.Errorf("%d validations, want %d", len(ws.Validations), n+1)
		}
		proof := cell(formColProof, first) + ":" + cell(formColProof, first+n-1)
		if k, ok := byRef[proof]; !ok {
			t.Errorf("%s: no validation", proof)
		} else if v := ws.Validations[k]; v.Type != "textLength" || v.F2 != strconv.Itoa(model.MaxEvidence) {
			t.Errorf("%s: validation %s %s..%s, want textLength 0..%d", proof, v.Type, v.F1, v.F2, model.MaxEvidence)
		}
		for i := range fx.p.Points {
			ref := cell(formColScore, first+i)
			k, ok := byRef[ref]
			if !ok {
				t.Errorf("%s: no validation", ref)
				continue
			}
			v := ws.Validations[k]
			if want := scoreFormula(ref, fx.y.Max[i]); v.Type != "custom" || v.F1 != want {
				t.Errorf("%s: validation %s %s, want custom %s", ref, v.Type, v.F1, want)
			}
			if !strings.Contains(v.Prompt, "分值"+fx.y.Max[i].String()+"分") || !strings.Contains(v.Error, "0～"+fx.y.Max[i].String()) {
				t.Errorf("%s: prompt %q, error %q", ref, v.Prompt, v.Error)
			}
		}
	})

	t.Run("total", func(t *testing.T) {
		var sum model.Tenths
		for _, a := range u.Self {
			if a.Has {
				sum += a.Score
			}
		}
		ref := cell(formColScore, total)
		var c *sheetCell
		for _, r := range ws.Rows {
			for k := range r.C {
				if r.C[k].R == ref {
					c = &r.C[k]
				}
			}
		}
		if c == nil {
			t.Fatalf("no cell %s", ref)
		}
		wantF := fmt.Sprintf("SUM(E%d:E%d)", first, total-1)
		if c.F != wantF {
			t.Errorf("%s formula %q, want %q", ref, c.F, wantF)
		}
		if c.T != "" {
			t.Errorf("%s type %q, want a number", ref, c.T)
		}
		got, err := strconv.ParseFloat(c.V, 64)
		if err != nil || model.FromFloat(got) != sum {
			t.Errorf("%s cached value %q, want %s", ref, c.V, sum)
		}
		// The stored score cells add up to the cached value.
		var stored model.Tenths
		for _, r := range ws.Rows {
			for _, c := range r.C {
				col, row, _ := excelize.CellNameToCoordinates(c.R)
				if col == formColScore && row >= first && row < total && c.V != "" {
					f, _ := strconv.ParseFloat(c.V, 64)
					stored += model.FromFloat(f)
				}
			}
		}
		if stored != sum {
			t.Errorf("score cells sum to %s, cached %s", stored, sum)
		}
	})

	t.Run("properties", func(t *testing.T) {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		props, err := f.GetCustomProps()
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, p := range props {
			got[p.Name] = fmt.Sprint(p.Value)
		}
		want := map[string]string{"mofan.unit": u.Name, "mofan.unit_no": "1", "mofan.year": "2020",
			"mofan.digest": FormDigest(fx.p, fx.y, u), "mofan.kind": "自评表"}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %q, want %q", k, got[k], v)
			}
		}
		if len(want["mofan.digest"]) != 64 {
			t.Errorf("digest %q is not sha256 hex", want["mofan.digest"])
		}
	})
}

func unzipSheet(t *testing.T, data []byte) []byte {
	parts, _ := unzipParts(t, data)
	return parts["xl/worksheets/sheet1.xml"]
}

func TestFormDigest(t *testing.T) {
	fx := newFixture(t)
	u := fx.units[0]
	d := FormDigest(fx.p, fx.y, u)
	if d != FormDigest(fx.p, fx.y, u) {
		t.Fatal("digest not stable")
	}
	y2 := *fx.y
	y2.Max = append([]model.Tenths(nil), fx.y.Max...)
	y2.Max[0] = 35
	if FormDigest(fx.p, &y2, u) == d {
		t.Error("digest ignores 分值")
	}
	if FormDigest(fx.p, fx.y, fx.units[1]) == d {
		t.Error("digest ignores the unit")
	}
	y3 := *fx.y
	y3.Year = 2021
	if FormDigest(fx.p, &y3, u) == d {
		t.Error("digest ignores the year")
	}
	// Evidence and scores are not locked content.
	u2 := *u
	u2.Self = nil
	if FormDigest(fx.p, fx.y, &u2) != d {
		t.Error("digest depends on the unit's answers")
	}
}

func TestReadFormRoundTrip(t *testing.T) {
	fx := newFixture(t)
	dir := t.TempDir()
	for _, u := range []*model.Unit{fx.units[0], fx.units[unitPartial-1], fx.units[unitMissing-1]} {
		data, err := SelfForm(fx.p, fx.y, u)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, fmt.Sprintf("%02d.xlsx", u.No))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := ReadForm(path, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if r.Unit != u.Name || r.Props["mofan.unit"] != u.Name || r.Props["mofan.unit_no"] != strconv.Itoa(u.No) || r.Props["mofan.year"] != "2020" {
			t.Errorf("unit %q, props %v", r.Unit, r.Props)
		}
		if r.Props["mofan.digest"] != FormDigest(fx.p, fx.y, u) || r.Digest() != r.Props["mofan.digest"] {
			t.Errorf("%s: digest read %s, recomputed %s, want %s", u.Name, r.Props["mofan.digest"], r.Digest(), FormDigest(fx.p, fx.y, u))
		}
		if len(r.Rows) != len(fx.p.Points) {
			t.Fatalf("%d rows, want %d", len(r.Rows), len(fx.p.Points))
		}
		var sum model.Tenths
		for i, row := range r.Rows {
			pt := fx.p.Points[i]
			if row.ID != pt.ID || row.Text != pt.Text || row.Max != fx.y.Max[i].String() {
				t.Errorf("row %d: %q %q %q", row.Row, row.ID, row.Max, row.Text)
			}
			wantContent := pt.Group
			if wantContent == "" {
				wantContent = string(pt.Category)
			}
			if row.Content != wantContent {
				t.Errorf("row %d: content %q, want %q", row.Row, row.Content, wantContent)
			}
			want, wantEv := "", ""
			if i < len(u.Self) {
				if u.Self[i].Has {
					want = u.Self[i].Score.String()
					sum += u.Self[i].Score
				}
				wantEv = u.Self[i].Evidence
			}
			if row.Score != want || row.Evidence != wantEv {
				t.Errorf("row %d: score %q evidence %q, want %q %q", row.Row, row.Score, row.Evidence, want, wantEv)
			}
		}
		if r.Total != sum.String() {
			t.Errorf("total %q, want %s", r.Total, sum)
		}
		if r.Secretary != u.Secretary || r.Contact != u.Contact || r.Phone != u.Phone || r.Date != "" {
			t.Errorf("contacts %q %q %q %q", r.Secretary, r.Contact, r.Phone, r.Date)
		}
		for _, fd := range model.SelfFormSpec.Fields {
			if l := fd.Label; !r.Found[l] {
				t.Errorf("label %s not found", l)
			}
		}
	}
}

// TestReadFormEdited: a form filled in by excelize (as a unit's spreadsheet
// program would) reads back what was entered.
func TestReadFormEdited(t *testing.T) {
	fx := newFixture(t)
	u := fx.units[unitMissing-1]
	data, err := SelfForm(fx.p, fx.y, u)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	first := formHeaderRow + 1
	n := len(fx.p.Points)
	must(t, f.SetCellValue(formSheet, cell(formColScore, first), 3.5))
	must(t, f.SetCellValue(formSheet, cell(6, first), "已完成"))
	must(t, f.SetCellValue(formSheet, cell(3, first+n+2), "王五"))
	must(t, f.SetCellValue(formSheet, cell(6, first+n+3), "2021年1月10日"))
	must(t, f.SetCellValue(formSheet, cell(3, first+1), "改过的要点"))
	path := filepath.Join(t.TempDir(), "edited.xlsx")
	must(t, f.SaveAs(path))
	r, err := ReadForm(path, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if r.Rows[0].Score != "3.5" || r.Rows[0].Evidence != "已完成" || r.Secretary != "王五" || r.Date != "2021年1月10日" {
		t.Errorf("read %+v, secretary %q, date %q", r.Rows[0], r.Secretary, r.Date)
	}
	if r.Digest() == r.Props["mofan.digest"] {
		t.Error("an edited 考评要点 leaves the digest unchanged")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestReadFormLimits(t *testing.T) {
	fx := newFixture(t)
	data, err := SelfForm(fx.p, fx.y, fx.units[0])
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "form.xlsx")
	must(t, os.WriteFile(path, data, 0o644))
	if _, err := ReadForm(path, int64(len(data)-1)); err == nil || !strings.Contains(err.Error(), "文件过大") {
		t.Errorf("oversized file: err = %v", err)
	}
	// A zip bomb: one sheet part that unzips to 100 MB.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	for name, content := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
	} {
		w, _ := zw.Create(name)
		io.WriteString(w, content)
	}
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < 100; i++ {
		w.Write(chunk)
	}
	zw.Close()
	bp := filepath.Join(t.TempDir(), "bomb.xlsx")
	must(t, os.WriteFile(bp, bomb.Bytes(), 0o644))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := ReadForm(bp, 1<<20); err == nil {
		t.Error("zip bomb read without error")
	}
	runtime.ReadMemStats(&after)
	if a := after.TotalAlloc - before.TotalAlloc; a > 16<<20 {
		t.Errorf("zip bomb: allocated %d MB before refusing", a>>20)
	}
	if _, err := ReadForm(filepath.Join(t.TempDir(), "none.xlsx"), 1<<20); err == nil {
		t.Error("missing file: no error")
	}
}

func TestTextLines(t *testing.T) {
	tests := []struct {
		text  string
		width float64
		size  float64
		want  int
	}{
		{"", 10, 11, 1},
		{"短", 10, 11, 1},
		{strings.Repeat("字", 8), 20, 11, 1},
		{strings.Repeat("字", 30), 20, 11, 4},
		{"一\n二\n三", 40, 11, 3},
		{strings.Repeat("a", 200), 20, 11, 12},
	}
	for _, tt := range tests {
		if got := textLines(tt.text, tt.width, tt.size); got != tt.want {
			t.Errorf("textLines(%q, %v, %v) = %d, want %d", tt.text, tt.width, tt.size, got, tt.want)
		}
	}
	// A wider column never needs more lines.
	long := strings.Repeat("推动本单位机关党建工作创新发展，营造浓厚的学的氛围。", 5)
	prev := 1 << 30
	for w := 10.0; w <= 80; w += 5 {
		n := textLines(long, w, 11)
		if n > prev {
			t.Errorf("width %v: %d lines, more than %d at a narrower width", w, n, prev)
		}
		prev = n
	}
}

func TestYearTitle(t *testing.T) {
	for in, want := range map[string]string{
		"2020年市直机关创建模范机关考评要点": "2021年市直机关创建模范机关考评要点",
		"市直机关创建模范机关考评要点":      "2021年市直机关创建模范机关考评要点",
	} {
		if got := yearTitle(in, 2021); got != want {
			t.Errorf("yearTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSummaryContent reads the summary back with excelize.
func TestSummaryContent(t *testing.T) {
	fx := newFixture(t)
	data, err := Summary(fx.p, fx.y, fx.r, false)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "汇总,得分明细,自评得分,评审得分,总分排名,排名图表,考评要点,加减分与否决" {
		t.Errorf("sheets %s", got)
	}
	rows, err := f.GetRows(sumMain)
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range fx.r.Units {
		row := rows[3+i]
		if row[1] != u.Unit.Name {
			t.Fatalf("row %d: %q, want %q", 4+i, row[1], u.Unit.Name)
		}
		if u.Unit.Missing {
			if st := row[10]; st != "未报送" {
				t.Errorf("%s: status %q, want 未报送", u.Unit.Name, st)
			}
			continue
		}
		if row[8] != shown(u.Total) || row[9] != strconv.Itoa(u.Rank) {
			t.Errorf("%s: total %q rank %q, want %s %d", u.Unit.Name, row[8], row[9], u.Total, u.Rank)
		}
		want := "未表彰"
		if u.Commended {
			want = "表彰"
		}
		if row[10] != want {
			t.Errorf("%s: status %q, want %q", u.Unit.Name, row[10], want)
		}
	}
	// Frozen panes, filter, chart.
	parts, _ := unzipParts(t, data)
	s1 := string(parts["xl/worksheets/sheet1.xml"])
	for _, want := range []string{`state="frozen"`, `topLeftCell="C4"`, `<autoFilter ref="$A$3:$M$73"`, `orientation="landscape"`, `fitToWidth="1"`} {
		if !strings.Contains(s1, want) {
			t.Errorf("sheet1.xml lacks %s", want)
		}
	}
	if len(regexp.MustCompile(`xl/charts/chart\d+\.xml`).FindAllString(strings.Join(keys(parts), " "), -1)) != 1 {
		t.Error("no chart part")
	}
}

// shown is a score as a 0.0 cell shows it.
func shown(t model.Tenths) string { return fmt.Sprintf("%.1f", t.Float()) }

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
