package cli

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"mofan/generator/model"
	"mofan/internal/readers"

	"github.com/xuri/excelize/v2"
)

// The units the year walk-through has return their forms: 附件1 numbers.
var cycleReturns = []int{1, 2, 3, 10, 20}

// TestYearCycle walks a year as the office does, from a clean copy of the
// shipped seeds: init → build (70 blank forms, every unit 未报送, no notice)
// → five units return their forms (filled by another writer, saved by
// LibreOffice) → collect → status (65 未报送, with phones) → the committee's
// review, partly, in 评审/审核评分表.xlsx → collect → build (no notice; the
// gaps named per unit) → build --draft (the notice marked 草稿 on every
// page) → the review completed in the workbook → collect, the 【请核对】 items
// confirmed → build (the real notice, no 草稿). It checks
// the statuses in the cells of 考评汇总.xlsx and 报送情况.xlsx.
func TestYearCycle(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a year four times")
	}
	seeds := t.TempDir()
	for _, y := range []string{"2020", "2021", "2022"} {
		copyTree(t, filepath.Join("../../seeds", y), filepath.Join(seeds, y))
	}
	copyFileTo(t, "../../seeds/plan.md", filepath.Join(seeds, "plan.md"))
	out := t.TempDir()
	build := func(extra ...string) (int, string, string) {
		args := append([]string{"build", "--seeds", seeds, "--year", "2023", "--out", out, "--quiet=false",
			"--fonts", "../../fonts/fonts.toml", "--templates", "../../templates"}, extra...)
		return run(args...)
	}
	year := filepath.Join(out, "2023")

	// 1. init: a real year, every unit 未报送.
	code, stdout, stderr := run("init", "--seeds", seeds, "--year", "2023")
	if code != ExitOK {
		t.Fatalf("init: %d %s%s", code, stdout, stderr)
	}
	yearToml := readText(t, filepath.Join(seeds, "2023", "year.toml"))
	if strings.Contains(yearToml, "sample") || !strings.Contains(yearToml, "unconfirmed = [") {
		t.Fatalf("year.toml of a real year:\n%s", yearToml)
	}
	unit1 := readText(t, filepath.Join(seeds, "2023", "units", "01-市委办公室.toml"))
	if strings.Contains(unit1, "sample") || strings.Contains(unit1, "邓国庆") || strings.Contains(unit1, "0391-3856015") {
		t.Errorf("the sample's people or marker carried over:\n%s", unit1)
	}
	// check warns about every 【请核对】 item, at its line.
	code, stdout, stderr = run("check", "--seeds", seeds, "--year", "2023", "--fonts", "../../fonts/fonts.toml", "--templates", "../../templates")
	if code != ExitOK || strings.Count(stderr, "【请核对】") != 18 || !strings.Contains(stderr, "year.toml:31:1: 警告：【请核对】发文字号") ||
		!strings.Contains(stderr, "警告：【请核对】考评通知的发文字号“焦直文〔2023〕150号”") || !strings.Contains(stdout, "考评通知每页标有“草稿”") {
		t.Fatalf("check after init: %d\n%s%s", code, stdout, stderr)
	}

	// The clerk records each unit's contact (the sample's were made up).
	units, _ := filepath.Glob(filepath.Join(seeds, "2023", "units", "*.toml"))
	if len(units) != 70 {
		t.Fatalf("%d unit files", len(units))
	}
	for i, f := range units {
		s := readText(t, f)
		s = strings.Replace(s, `contact = ""`, fmt.Sprintf(`contact = "联系人%02d"`, i+1), 1)
		s = strings.Replace(s, `phone = ""`, fmt.Sprintf(`phone = "0391-20000%02d"`, i+1), 1)
		writeText(t, f, s)
	}

	// 2. build: 70 blank forms, every unit 未报送, no notice.
	code, stdout, stderr = build()
	if code != ExitOK {
		t.Fatalf("first build: %d %s%s", code, stdout, stderr)
	}
	forms, _ := filepath.Glob(filepath.Join(year, "自评表", "*.xlsx"))
	if len(forms) != 70 {
		t.Fatalf("%d blank forms, want 70", len(forms))
	}
	assertNoFile(t, filepath.Join(year, "表彰通知.pdf"))
	if !strings.Contains(stdout, "未生成表彰通知") {
		t.Errorf("build does not say the notice was withheld:\n%s", stdout)
	}
	checkStatuses(t, year, map[string]int{"未报送": 70})
	// The 考评通知 carries last year's 文号 and dates until they are
	// confirmed: a draft, 草稿 on every page.
	for i, p := range pdfPages(t, filepath.Join(year, "考评通知.pdf")) {
		if !strings.Contains(p, "草稿") {
			t.Errorf("考评通知 with unconfirmed 文号, page %d has no 草稿:\n%s", i+1, p)
		}
	}
	if !strings.Contains(stdout, "考评通知：报送截止日期、发文字号、成文日期是按上一年度推算的") {
		t.Errorf("build does not say why the 考评通知 is a draft:\n%s", stdout)
	}

	// 3. Five units return their forms: filled by another writer, saved by
	// LibreOffice (three) and by ExcelJS, as web systems do (two).
	filled := t.TempDir()
	var paths []string
	for _, no := range cycleReturns {
		base := filepath.Base(forms[no-1])
		if !strings.HasPrefix(base, fmt.Sprintf("%02d-", no)) {
			t.Fatalf("form %d is %s", no, base)
		}
		data, err := os.ReadFile(forms[no-1])
		if err != nil {
			t.Fatal(err)
		}
		// The cells of the 自评表 (model.SelfFormSpec): 24 point rows under
		// the header, 合计, a blank row, then the contact fields.
		first := model.SelfFormSpec.HeaderRow + 1
		contact := first + 24 + 2
		cells := map[string]string{fmt.Sprintf("C%d", contact): "t:书记" + strconv.Itoa(no), fmt.Sprintf("F%d", contact): "t:报送人" + strconv.Itoa(no),
			fmt.Sprintf("C%d", contact+1): "t:0391-30000" + strconv.Itoa(no)}
		for i := range 24 {
			s := "4"
			if i >= 20 {
				s = "5"
			}
			cells[fmt.Sprintf("E%d", first+i)] = s
		}
		cells[fmt.Sprintf("F%d", first)] = "t:全年第一议题学习12次。"
		paths = append(paths, writeBytes(t, filepath.Join(filled, base), fillCells(t, data, cells)))
	}
	saved := t.TempDir()
	libreOffice(t, "xlsx", saved, paths[:3]...)
	for _, p := range paths[3:] {
		readers.SaveWith(t, readers.ExcelJS, p, filepath.Join(saved, filepath.Base(p)))
	}
	code, stdout, stderr = run("collect", "--seeds", seeds, "--year", "2023", saved)
	if code != ExitOK || strings.Count(stdout, "[收录]") != 5 {
		t.Fatalf("collect: %d\n%s%s", code, stdout, stderr)
	}

	// 4. status: 5 returned, 65 未报送, with their phones in the 催报 list.
	code, stdout, _ = run("status", "--seeds", seeds, "--year", "2023")
	if code != ExitOK || !strings.Contains(stdout, "未报送 65 个") || !strings.Contains(stdout, "已报回 5 个") || !strings.Contains(stdout, "催报名单（尚未报回自评表 65 个") {
		t.Fatalf("status: %d\n%s", code, stdout)
	}
	chase := stdout[strings.Index(stdout, "催报名单"):]
	if strings.Count(chase, "0391-20000") != 65 || strings.Contains(chase, "市委办公室") {
		t.Errorf("催报 list:\n%s", chase)
	}

	// 5. The committee's review, partly, in the review workbook the build
	// wrote: units 01–03 completely, 10 and 20 half, a 加分 for 10 and a
	// 一票否决 for 03; then mofan collect records it under reviewed/.
	book := filepath.Join(year, "评审", "审核评分表.xlsx")
	np := len(pointIDs(t, seeds))
	fillReview(t, book, np, []reviewRun{
		{unit: 1, to: np, score: 4},   // 96
		{unit: 2, to: np, score: 3.5}, // 84: below 90
		{unit: 3, to: np, score: 4},
		{unit: 10, to: 12, score: 4},
		{unit: 20, to: 12, score: 4},
	}, map[string]map[int]any{
		"加分": {10: 2}, "加分原因": {10: "获省级表彰"},
		"一票否决来源": {3: "审计"}, "否决原因": {3: "审计发现违规问题"},
	})
	if code, stdout, stderr := run("collect", "--seeds", seeds, "--year", "2023", book); code != ExitOK {
		t.Fatalf("collect the review workbook: %d\n%s%s", code, stdout, stderr)
	}

	code, stdout, _ = build("--only", "考评汇总,报送情况,表彰通知")
	if code != ExitOK {
		t.Fatalf("build with the review incomplete: %d %s", code, stdout)
	}
	assertNoFile(t, filepath.Join(year, "表彰通知.pdf"))
	for _, want := range []string{"未生成表彰通知", "“市委市直机关工委”已报回自评，审核未完成：12 个考评要点缺审核分", "--draft"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("build output lacks %q:\n%s", want, stdout)
		}
	}
	checkStatuses(t, year, map[string]int{"未报送": 65, "已审核": 2, "已报回": 2, "一票否决": 1})

	// 6. build --draft: the notice, 草稿 on every page.
	code, stdout, _ = build("--only", "考评汇总,报送情况,表彰通知", "--draft")
	if code != ExitOK {
		t.Fatalf("build --draft: %d %s", code, stdout)
	}
	pages := pdfPages(t, filepath.Join(year, "表彰通知.pdf"))
	for i, p := range pages {
		if !strings.Contains(p, "草稿") {
			t.Errorf("draft notice page %d has no 草稿:\n%s", i+1, p)
		}
	}
	if h := xlsxPart(t, filepath.Join(year, "表彰通知.docx"), "word/header1.xml"); !strings.Contains(h, "草稿") {
		t.Errorf("the Word copy of the draft is not marked: %s", h)
	}

	// 7. The review completed (in the workbook, rebuilt with what is
	// recorded already), the 【请核对】 items confirmed: the real notice.
	if code, stdout, stderr := build("--only", "审核评分表"); code != ExitOK {
		t.Fatalf("rebuild the review workbook: %d %s%s", code, stdout, stderr)
	}
	fillReview(t, book, np, []reviewRun{{unit: 10, from: 12, to: np, score: 4}, {unit: 20, from: 12, to: np, score: 4}}, nil)
	if code, stdout, stderr := run("collect", "--seeds", seeds, "--year", "2023", book); code != ExitOK {
		t.Fatalf("collect the completed review workbook: %d\n%s%s", code, stdout, stderr)
	}
	yf := filepath.Join(seeds, "2023", "year.toml")
	writeText(t, yf, regexp.MustCompile(`(?ms)^unconfirmed = \[.*?^\]\n`).ReplaceAllString(readText(t, yf), ""))
	if code, stdout, stderr := run("check", "--seeds", seeds, "--year", "2023", "--fonts", "../../fonts/fonts.toml", "--templates", "../../templates"); code != ExitOK || strings.Contains(stdout+stderr, "尚不完整") {
		t.Errorf("check with complete data: %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = build("--only", "考评汇总,报送情况,表彰通知,考评通知")
	if code != ExitOK {
		t.Fatalf("final build: %d %s%s", code, stdout, stderr)
	}
	pages = pdfPages(t, filepath.Join(year, "表彰通知.pdf"))
	text := strings.Join(pages, "\n")
	if strings.Contains(text, "草稿") || !strings.Contains(text, "焦直文〔2024〕9号") {
		t.Errorf("the real notice:\n%s", text)
	}
	if text := strings.Join(pdfPages(t, filepath.Join(year, "考评通知.pdf")), "\n"); strings.Contains(text, "草稿") {
		t.Errorf("the 考评通知, its 文号 confirmed, is still a draft:\n%s", text)
	}
	if b, err := os.ReadFile(filepath.Join(year, "表彰通知.docx")); err != nil || bytes.Contains(b, []byte("header1.xml")) {
		t.Errorf("the Word copy of the real notice: %v, or it has a running header", err)
	}
	// Commended: 01 (96), 10 (96 + 2) and 20 (96); not 02 (84, below 90)
	// nor 03 (96, vetoed).
	var list []string
	for _, rows := range readXLSX(t, filepath.Join(year, "表彰通知.xlsx")) {
		for _, r := range rows {
			list = append(list, r...)
		}
	}
	names := "\x00" + strings.Join(list, "\x00") + "\x00"
	for _, name := range []string{"市委办公室", "市委市直机关工委", "市工商联"} {
		if !strings.Contains(names, "\x00"+name+"\x00") {
			t.Errorf("the notice's list does not commend %s: %q", name, list)
		}
	}
	for _, name := range []string{"市人大机关", "市政府办公室"} {
		if strings.Contains(names, "\x00"+name+"\x00") {
			t.Errorf("the notice's list commends %s", name)
		}
	}
	checkStatuses(t, year, map[string]int{"未报送": 65, "已审核": 4, "一票否决": 1})
	summary := readXLSX(t, filepath.Join(year, "考评汇总.xlsx"))
	adj := summary["加减分与否决"]
	if !tableHas(adj, "市政府办公室", "一票否决", "审计") || !tableHas(adj, "市委市直机关工委", "加分", "获省级表彰") {
		t.Errorf("加减分与否决 sheet: %q", adj)
	}
	if !strings.Contains(pdfText(t, filepath.Join(year, "考评汇总.pdf")), "内部资料") {
		t.Error("考评汇总.pdf shows a veto reason without 内部资料")
	}
	if !strings.Contains(xlsxPart(t, filepath.Join(year, "考评汇总.xlsx"), "xl/worksheets/sheet1.xml"), "&amp;R内部资料</oddHeader>") {
		t.Error("the 汇总 sheet shows a veto reason without 内部资料 in its page header")
	}
}

// reviewRun is one unit's review scores to enter: points from..to-1 (in
// the order of the year's points), each given score.
type reviewRun struct {
	unit, from, to int
	score          float64
}

// fillReview fills the review workbook as the committee's clerk does, found
// through its spec: the review scores of runs on the first sheet, and on the
// adjustments sheet the values of adjust (column head → unit number → value).
func fillReview(t *testing.T, path string, np int, runs []reviewRun, adjust map[string]map[int]any) {
	t.Helper()
	spec := &model.ReviewBookSpec
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	col := func(cs model.Columns, k model.ColumnKey) string {
		n, _ := excelize.ColumnNumberToName(cs.Index(k))
		return n
	}
	first := spec.HeaderRow + 1
	rc := col(spec.Columns, model.ColReview)
	for _, r := range runs {
		for i := r.from; i < r.to; i++ {
			if err := f.SetCellValue(spec.Sheet, fmt.Sprintf("%s%d", rc, first+(r.unit-1)*np+i), r.score); err != nil {
				t.Fatal(err)
			}
		}
	}
	for head, byUnit := range adjust {
		var key model.ColumnKey
		for _, c := range spec.AdjustColumns {
			if c.Head == head {
				key = c.Key
			}
		}
		if key == "" {
			t.Fatalf("no column %s on the adjustments sheet", head)
		}
		for unit, v := range byUnit {
			if err := f.SetCellValue(spec.AdjustSheet, fmt.Sprintf("%s%d", col(spec.AdjustColumns, key), first+unit-1), v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// checkStatuses reads the 考评状态 column of 考评汇总.xlsx and the 状态
// column of 报送情况.xlsx and compares the counts of each status.
func checkStatuses(t *testing.T, year string, want map[string]int) {
	t.Helper()
	for _, c := range []struct{ file, sheet, head string }{
		{"考评汇总.xlsx", "汇总", "考评状态"},
		{"报送情况.xlsx", "报送情况", "状态"},
	} {
		rows := readXLSX(t, filepath.Join(year, c.file))[c.sheet]
		if len(rows) < 4 {
			t.Fatalf("%s: %d rows", c.file, len(rows))
		}
		col := -1
		for i, h := range rows[2] {
			if h == c.head {
				col = i
			}
		}
		if col < 0 {
			t.Fatalf("%s: no column %s in %q", c.file, c.head, rows[2])
		}
		got := map[string]int{}
		for _, r := range rows[3:] {
			if col < len(r) && r[col] != "" {
				got[r[col]]++
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: statuses %v, want %v", c.file, got, want)
		}
	}
}

func tableHas(rows [][]string, cells ...string) bool {
	for _, r := range rows {
		line := strings.Join(r, "\x00")
		ok := true
		for _, c := range cells {
			ok = ok && strings.Contains(line, c)
		}
		if ok {
			return true
		}
	}
	return false
}

// pointIDs are the ids of the plan's points, in order.
func pointIDs(t *testing.T, seeds string) []string {
	t.Helper()
	code, stdout, stderr := run("plan", "--seeds", seeds, "--json")
	if code != ExitOK {
		t.Fatalf("plan: %s", stderr)
	}
	var ids []string
	for _, m := range regexp.MustCompile(`"id":\s*"([A-Z0-9-]+)"`).FindAllStringSubmatch(stdout, -1) {
		ids = append(ids, m[1])
	}
	if len(ids) != 24 {
		t.Fatalf("%d points", len(ids))
	}
	return ids
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeText(t *testing.T, path, s string) {
	t.Helper()
	writeBytes(t, path, []byte(s))
}

func writeBytes(t *testing.T, path string, b []byte) string {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func copyFileTo(t *testing.T, from, to string) {
	t.Helper()
	writeBytes(t, to, []byte(readText(t, from)))
}

func assertNoFile(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		t.Errorf("%s was written", filepath.Base(path))
	}
}

// needProgram skips (or, under CI, fails) the test when a program is missing.
func needProgram(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		msg := fmt.Sprintf("%s not found: install %s to run this test", name, pkg)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}

// libreOffice converts files with LibreOffice headless into outDir (through
// the test binary's one LibreOffice, see readers.Convert).
func libreOffice(t *testing.T, format, outDir string, files ...string) {
	t.Helper()
	needProgram(t, "soffice", "libreoffice-calc-nogui")
	if err := readers.Convert(format, outDir, files...); err != nil {
		t.Fatal(err)
	}
}

// pdfPages returns the text of each page of a PDF (pdftotext).
func pdfPages(t *testing.T, path string) []string {
	t.Helper()
	pages := strings.Split(strings.TrimRight(pdfText(t, path), "\f\n"), "\f")
	if len(pages) == 0 {
		t.Fatalf("%s: no pages", path)
	}
	return pages
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	bin := needProgram(t, "pdftotext", "poppler-utils")
	out, err := exec.Command(bin, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// fillCells writes values into cells of the first worksheet by editing its
// XML, as another writer would: "t:…" is a text, anything else a number.
func fillCells(t *testing.T, data []byte, cells map[string]string) []byte {
	t.Helper()
	refs := make([]string, 0, len(cells))
	for r := range cells {
		refs = append(refs, r)
	}
	sort.Strings(refs)
	return rezipParts(t, data, func(name string, b []byte) []byte {
		if name != "xl/worksheets/sheet1.xml" {
			return b
		}
		for _, ref := range refs {
			v := cells[ref]
			re := regexp.MustCompile(`<c r="` + ref + `"([^>]*?)(/>|>.*?</c>)`)
			m := re.FindSubmatch(b)
			if m == nil {
				t.Fatalf("no cell %s in the sheet", ref)
			}
			style := regexp.MustCompile(` s="\d+"`).Find(m[1])
			var c string
			if s, ok := strings.CutPrefix(v, "t:"); ok {
				c = fmt.Sprintf(`<c r="%s"%s t="inlineStr"><is><t>%s</t></is></c>`, ref, style, html.EscapeString(s))
			} else {
				c = fmt.Sprintf(`<c r="%s"%s><v>%s</v></c>`, ref, style, v)
			}
			b = re.ReplaceAllLiteral(b, []byte(c))
		}
		return b
	})
}

func rezipParts(t *testing.T, data []byte, edit func(string, []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		b := readPart(t, f)
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(edit(f.Name, b)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func readPart(t *testing.T, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// xlsxPart returns one part of a workbook's package as text.
func xlsxPart(t *testing.T, path, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			return string(readPart(t, f))
		}
	}
	t.Fatalf("%s has no %s", path, name)
	return ""
}

// readXLSX reads every sheet of a workbook as rows of cell texts, with
// archive/zip and encoding/xml only (a reader independent of the writer).
func readXLSX(t *testing.T, path string) map[string][][]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts := map[string][]byte{}
	for _, f := range zr.File {
		parts[f.Name] = readPart(t, f)
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
			R []struct {
				T string `xml:"t"`
			} `xml:"r"`
		} `xml:"si"`
	}
	xml.Unmarshal(parts["xl/sharedStrings.xml"], &sst)
	shared := make([]string, len(sst.SI))
	for i, si := range sst.SI {
		shared[i] = si.T
		for _, r := range si.R {
			shared[i] += r.T
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		R []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(parts["xl/workbook.xml"], &wb); err != nil {
		t.Fatal(err)
	}
	xml.Unmarshal(parts["xl/_rels/workbook.xml.rels"], &rels)
	out := map[string][][]string{}
	for _, s := range wb.Sheets {
		target := ""
		for _, r := range rels.R {
			if r.ID == s.RID {
				target = "xl/" + strings.TrimPrefix(r.Target, "/xl/")
			}
		}
		var ws struct {
			Rows []struct {
				R int `xml:"r,attr"`
				C []struct {
					Ref string `xml:"r,attr"`
					T   string `xml:"t,attr"`
					V   string `xml:"v"`
					Is  struct {
						T string `xml:"t"`
					} `xml:"is"`
				} `xml:"c"`
			} `xml:"sheetData>row"`
		}
		if err := xml.Unmarshal(parts[target], &ws); err != nil {
			t.Fatalf("%s %s: %v", path, s.Name, err)
		}
		var rows [][]string
		for _, r := range ws.Rows {
			for len(rows) < r.R {
				rows = append(rows, nil)
			}
			var cells []string
			for _, c := range r.C {
				col := 0
				for _, ch := range c.Ref {
					if ch >= 'A' && ch <= 'Z' {
						col = col*26 + int(ch-'A'+1)
					}
				}
				for len(cells) < col {
					cells = append(cells, "")
				}
				v := c.V
				switch c.T {
				case "s":
					n, _ := strconv.Atoi(c.V)
					if n < len(shared) {
						v = shared[n]
					}
				case "inlineStr":
					v = c.Is.T
				}
				cells[col-1] = v
			}
			rows[r.R-1] = cells
		}
		out[s.Name] = rows
	}
	return out
}
