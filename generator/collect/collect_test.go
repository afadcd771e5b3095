package collect

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"mofan/generator/build"
	"mofan/generator/fontset"
	"mofan/generator/input"
	"mofan/generator/model"
	"mofan/generator/sheet"
)

// The cells of unit 01's 自评表: point rows 5–28, 合计 in row 29, the contact
// values in C31 (党组织书记), F31 (联系人) and C32 (联系电话).
const (
	firstRow = 5 // model.SelfFormSpec.HeaderRow + 1
	totalRow = 29
)

// entered are the scores the round trip enters: 2.5 and 3 alternating on the
// 4-point rows, then 4.5, 3.5, 5 and 0 on the 5-point rows; 68 in all.
func entered(n int) []string {
	out := make([]string, n)
	for i := range out {
		switch {
		case i < n-4 && i%2 == 0:
			out[i] = "2.5"
		case i < n-4:
			out[i] = "3"
		default:
			out[i] = []string{"4.5", "3.5", "5", "0"}[i-(n-4)]
		}
	}
	return out
}

const (
	evidenceFirst = "回填测试：第一议题学习12次，中心组学习8次。"
	evidenceLast  = "第一行佐证\n第二行佐证"
	secretary     = "王回填"
)

// filledForm is unit 01's blank form with the entered scores, two evidence
// cells and the contact fields filled in by editing the sheet XML.
func filledForm(t testing.TB, root string) []byte {
	t.Helper()
	p, y := source(t, root)
	cells := map[string]cellValue{}
	for i, s := range entered(len(p.Points)) {
		cells[fmt.Sprintf("E%d", firstRow+i)] = num(s)
	}
	cells[fmt.Sprintf("F%d", firstRow)] = text(evidenceFirst)
	cells[fmt.Sprintf("F%d", totalRow-1)] = text(evidenceLast)
	cells["C31"] = text(secretary)
	cells["F31"] = text("李联系")
	cells["C32"] = text("0391-1234567")
	return fill(t, blankForm(t, p, y, 1, ""), cells)
}

func one(t *testing.T, c *Collector, path string) *Result {
	t.Helper()
	rep := c.Run([]string{path})
	if len(rep.Results) != 1 {
		t.Fatalf("%d results", len(rep.Results))
	}
	return rep.Results[0]
}

// TestRoundTrip: issue → fill with another writer → save through LibreOffice
// → collect → build; the summary and the unit's PDF form show the scores.
func TestRoundTrip(t *testing.T) {
	needTool(t, "soffice", "libreoffice-calc-nogui")
	needTool(t, "pdftotext", "poppler-utils")
	root := seedsCopy(t)
	work := t.TempDir()
	in := write(t, work, "01-市委办公室.xlsx", filledForm(t, root))
	saved := filepath.Join(work, "saved")
	start := time.Now()
	soffice(t, "xlsx:Calc MS Excel 2007 XML", saved, in)
	t.Logf("LibreOffice re-save: %v", time.Since(start))

	c := collector(t, root)
	start = time.Now()
	rep := c.Run([]string{saved})
	t.Logf("collect one LibreOffice-saved form: %v", time.Since(start))
	var out bytes.Buffer
	rep.Write(&out)
	t.Log(out.String())
	r := rep.Results[0]
	if r.Outcome != Added {
		t.Fatalf("outcome %s: %v", r.Outcome.Label(), r.Problems)
	}
	if r.Total != 680 || r.Scored != 24 {
		t.Errorf("total %s, %d scored; want 68, 24", r.Total, r.Scored)
	}
	if !strings.Contains(strings.Join(r.Notes, "\n"), "重新计算为 68") {
		t.Errorf("the stale cached total is not reported: %v", r.Notes)
	}

	// The record is read back by input.Load and replaces the unit file's self-assessment.
	p, _ := source(t, root)
	inputs, err := input.Load(filepath.Join(root, "2020"), 2020, p)
	must(t, err)
	u := inputs.Units[0]
	for i, s := range entered(len(p.Points)) {
		want, _ := number(s)
		if !u.Self[i].Has || u.Self[i].Score != want {
			t.Errorf("%s: self %v %s, want %s", p.Points[i].ID, u.Self[i].Has, u.Self[i].Score, s)
		}
	}
	if u.Self[0].Evidence != evidenceFirst || u.Self[len(p.Points)-1].Evidence != evidenceLast || u.Self[1].Evidence != "" {
		t.Errorf("evidence %q / %q / %q", u.Self[0].Evidence, u.Self[len(p.Points)-1].Evidence, u.Self[1].Evidence)
	}
	if u.Secretary != "刘淑芳" {
		t.Errorf("the unit file's secretary was replaced: %q", u.Secretary)
	}

	// Build, then read the summary through LibreOffice and the PDF through pdftotext.
	eng, err := build.NewEngine("../../fonts/fonts.toml")
	must(t, err)
	outDir := t.TempDir()
	start = time.Now()
	res, err := eng.Build(&build.Year{Plan: p, In: inputs, Template: "../../templates/表彰通知.md"}, outDir, build.Options{})
	must(t, err)
	t.Logf("build: %v", time.Since(start))
	csvDir := filepath.Join(work, "csv")
	soffice(t, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", csvDir, filepath.Join(res.Dir, "考评汇总.xlsx"))
	f, err := os.ReadFile(filepath.Join(csvDir, "考评汇总-自评得分.csv"))
	must(t, err)
	recs, err := csv.NewReader(bytes.NewReader(f)).ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v", err)
	}
	var row []string
	for _, rec := range recs {
		if len(rec) > 1 && rec[1] == "市委办公室" {
			row = rec
		}
	}
	if row == nil {
		t.Fatalf("市委办公室 not in 自评得分:\n%s", f)
	}
	// The summary shows scores with one decimal (0.0 format).
	var want []string
	for _, s := range append(entered(len(p.Points)), "68") {
		t, _, _ := model.ParseScore(s)
		want = append(want, fmt.Sprintf("%.1f", t.Float()))
	}
	if got := row[2 : 2+len(want)]; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("summary 自评得分 row:\n got %v\nwant %v", got, want)
	}
	txt, err := exec.Command("pdftotext", "-layout", filepath.Join(res.Dir, "自评表", "01-市委办公室.pdf"), "-").Output()
	must(t, err)
	pdf := string(txt)
	for _, s := range []string{"回填测试：第一议题学", "第一行佐证", "第二行佐证"} {
		if !strings.Contains(pdf, s) {
			t.Errorf("PDF form lacks %q", s)
		}
	}
	// On the line of each point: its 分值, then the entered score.
	lines := strings.Split(pdf, "\n")
	for i, s := range entered(len(p.Points)) {
		re := regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(p.Points[i].ID) + `\s.*\s` + inputs.Year.Max[i].String() + `\s+` + regexp.QuoteMeta(s) + `(\s|$)`)
		found := false
		for _, l := range lines {
			found = found || re.MatchString(l)
		}
		if !found {
			t.Errorf("PDF form: no line with %s … %s %s", p.Points[i].ID, inputs.Year.Max[i], s)
		}
	}
	if !regexp.MustCompile(`合计\s+100\s+68(\s|$)`).MatchString(pdf) {
		t.Errorf("PDF form: no 合计 100 68:\n%s", pdf)
	}
}

// TestTwice: the same form collected again changes nothing; a newer form
// replaces it; the older one then is left out.
func TestTwice(t *testing.T) {
	root := seedsCopy(t)
	work := t.TempDir()
	form := filledForm(t, root)
	first := write(t, work, "a.xlsx", setModified(t, form, "2020-12-01T08:00:00Z"))
	c := collector(t, root)
	if r := one(t, c, first); r.Outcome != Added {
		t.Fatalf("first: %s %v", r.Outcome.Label(), r.Problems)
	}
	record := filepath.Join(root, "2020", "returned", "01-市委办公室.toml")
	b1, err := os.ReadFile(record)
	must(t, err)
	fi1, _ := os.Stat(record)
	for _, txt := range []string{"mofan collect", `file = "a.xlsx"`, "modified = 2020-12-01T08:00:00Z", `date_from = "workbook"`, "sha256 = ", `secretary = "王回填"`, "[self.CX-4]\nscore = 0\n"} {
		if !bytes.Contains(b1, []byte(txt)) {
			t.Errorf("record lacks %q:\n%s", txt, b1)
		}
	}
	before := treeHash(t, root)
	time.Sleep(10 * time.Millisecond)
	r := one(t, c, first)
	if r.Outcome != Unchanged {
		t.Fatalf("second: %s %v", r.Outcome.Label(), r.Problems)
	}
	var out bytes.Buffer
	(&Report{Year: 2020, Results: []*Result{r}}).Write(&out)
	if !strings.Contains(out.String(), "已收录，无变化") {
		t.Errorf("report: %s", out.String())
	}
	b2, _ := os.ReadFile(record)
	fi2, _ := os.Stat(record)
	if !bytes.Equal(b1, b2) || !fi1.ModTime().Equal(fi2.ModTime()) || treeHash(t, root) != before {
		t.Error("collecting the same form twice changed the seeds")
	}

	// A newer form with another score replaces the record.
	newer := write(t, work, "b.xlsx", setModified(t, fill(t, form, map[string]cellValue{"E5": num("4")}), "2020-12-20T08:00:00Z"))
	r = one(t, c, newer)
	if r.Outcome != Replaced || r.Previous == nil || r.Previous.File != "a.xlsx" {
		t.Fatalf("newer: %s %v", r.Outcome.Label(), r.Problems)
	}
	if !strings.Contains(strings.Join(r.Notes, "\n"), "晚于报送截止日期 2020-12-15") {
		t.Errorf("no note that the form is late: %v", r.Notes)
	}
	b3, _ := os.ReadFile(record)
	if !bytes.Contains(b3, []byte("[self.NR-1-1]\nscore = 4\n")) || !bytes.Contains(b3, []byte(`file = "b.xlsx"`)) {
		t.Errorf("record not replaced:\n%s", b3)
	}
	// The older one again: left out, record unchanged.
	before = treeHash(t, root)
	if r = one(t, c, first); r.Outcome != Older {
		t.Fatalf("older again: %s %v", r.Outcome.Label(), r.Problems)
	}
	if treeHash(t, root) != before {
		t.Error("an older form changed the seeds")
	}
	// Same date, other content: which is newer cannot be told, so the one
	// collected later wins, with a note.
	same := write(t, work, "c.xlsx", setModified(t, fill(t, form, map[string]cellValue{"E5": num("1")}), "2020-12-20T08:00:00Z"))
	if r = one(t, c, same); r.Outcome != Replaced || !strings.Contains(strings.Join(r.Notes, "\n"), "无法按保存时间判断先后（保存时间相同") {
		t.Fatalf("same date: %s %v %v", r.Outcome.Label(), r.Problems, r.Notes)
	}
	if b, _ := os.ReadFile(record); !bytes.Contains(b, []byte(`file = "c.xlsx"`)) {
		t.Errorf("the later of two forms saved at the same time is not recorded:\n%s", b)
	}
}

// TestTwoWithoutDates: two forms of one unit without a save date of their
// own (as issued: created = modified) in one run: the later on the command
// line wins, with a note.
func TestTwoWithoutDates(t *testing.T) {
	root := seedsCopy(t)
	work := t.TempDir()
	form := filledForm(t, root)
	a := write(t, work, "a.xlsx", form)
	b := write(t, work, "b.xlsx", fill(t, form, map[string]cellValue{"E5": num("1")}))
	rep := collector(t, root).Run([]string{b, a})
	if len(rep.Results) != 2 || rep.Results[0].Outcome != Added || rep.Results[1].Outcome != Replaced {
		t.Fatalf("outcomes %s, %s", rep.Results[0].Outcome.Label(), rep.Results[1].Outcome.Label())
	}
	if !strings.Contains(strings.Join(rep.Results[1].Notes, "\n"), "至少一份没有记录保存时间") {
		t.Errorf("notes %v", rep.Results[1].Notes)
	}
	got, _ := os.ReadFile(filepath.Join(root, "2020", "returned", "01-市委办公室.toml"))
	if !bytes.Contains(got, []byte(`file = "a.xlsx"`)) {
		t.Errorf("the later file on the command line is not recorded:\n%s", got)
	}
}

// zipBomb is a package with the parts of a workbook and a worksheet of n
// bytes of spaces (compressing about 1000:1).
func zipBomb(t *testing.T, n int) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte("<x/>"))
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	must(t, err)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < n>>20; i++ {
		w.Write(chunk)
	}
	must(t, zw.Close())
	return out.Bytes()
}

// forgeSizes rewrites the uncompressed sizes of every entry in the central
// directory to 100 bytes, as a bomb lying about its size would.
func forgeSizes(t *testing.T, data []byte) []byte {
	t.Helper()
	b := append([]byte(nil), data...)
	sig := []byte("PK\x01\x02")
	for i := bytes.Index(b, sig); i >= 0; {
		binary.LittleEndian.PutUint32(b[i+24:], 100)
		j := bytes.Index(b[i+4:], sig)
		if j < 0 {
			break
		}
		i += 4 + j
	}
	return b
}

// TestRefused: each bad file is refused with its message, fast, and leaves the seeds as they were.
func TestRefused(t *testing.T) {
	root := seedsCopy(t)
	p, y := source(t, root)
	work := t.TempDir()
	blank := blankForm(t, p, y, 1, "")
	good := filledForm(t, root)
	y2021 := *y
	y2021.Year = 2021
	bomb := zipBomb(t, 256<<20)
	cases := []struct {
		name string
		data []byte
		want []string
	}{
		{"tampered point text", fill(t, good, map[string]cellValue{"C8": text("改过的考评要点")}), []string{"C8：考评要点与下发的表格不一致"}},
		{"tampered 分值", fill(t, good, map[string]cellValue{"D10": num("10")}), []string{"D10：分值“10”与下发的表格不一致（应为 4）"}},
		{"tampered unit cell", fill(t, good, map[string]cellValue{"C2": text("市人大机关")}), []string{"C2：单位名称“市人大机关”与表格文档属性中的单位“市委办公室”不一致"}},
		{"another year", fill(t, blankForm(t, p, &y2021, 1, ""), map[string]cellValue{"E5": num("3")}), []string{"这是 2021 年度的自评表，本次收录的是 2020 年度"}},
		{"unknown unit", fill(t, blankForm(t, p, y, 71, "市委办公厅"), map[string]cellValue{"E5": num("3")}), []string{"单位“市委办公厅”不在实施方案附件1的名单中"}},
		{"zip bomb", bomb, []string{"zip 炸弹"}},
		{"zip bomb with forged sizes", forgeSizes(t, bomb), []string{"无法读取工作簿"}},
		{"oversized worksheet", padSheet(t, good, 3<<20), []string{"解压后过大"}},
		{"PDF renamed .xlsx", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), []string{"这是 PDF 文件，不是 Excel 工作簿"}},
		{"empty file", nil, []string{"文件是空的"}},
		{"text file", []byte("单位：市委办公室\n自评得分：95\n"), []string{"这是文本文件，不是 Excel 工作簿"}},
		{"Word document", wordDoc(t), []string{"这是 Word 文档"}},
		{"score out of range", fill(t, good, map[string]cellValue{"E6": num("4.5"), "E7": num("-1")}), []string{"E6：自评得分 4.5 超出范围 0～4", "E7：自评得分 -1 超出范围 0～4"}},
		{"two decimals", fill(t, good, map[string]cellValue{"E6": num("3.25")}), []string{"E6：自评得分 3.25 最多保留一位小数"}},
		{"score as text", fill(t, good, map[string]cellValue{"E6": text("优秀")}), []string{"E6：自评得分“优秀”不是数字"}},
		{"nothing entered", blank, []string{"没有填写任何自评得分"}},
		{"control character", fill(t, good, map[string]cellValue{"F6": text("佐证\u202e材料")}), []string{"F6：完成情况/佐证材料含有不可见的控制字符 U+202E"}},
		{"evidence too long", fill(t, good, map[string]cellValue{"F7": text(strings.Repeat("长", model.MaxEvidence+1))}), []string{fmt.Sprintf("F7：完成情况/佐证材料过长（%d 字，上限 %d 字）", model.MaxEvidence+1, model.MaxEvidence)}},
		{"contact too long", fill(t, good, map[string]cellValue{"F31": text(strings.Repeat("长", model.MaxContact+1))}), []string{"F31：“联系人”栏过长"}},
		{"a character no font has", fill(t, good, map[string]cellValue{"F8": text("完成\U0001F600了")}), []string{"F8：完成情况/佐证材料含有字体中没有的字符 “😀”（U+1F600）"}},
		{"the checklist returned", checklist(t, p, y), []string{"这是考评要点表", "不是自评表"}},
		{"a zip of the form", zipOf(t, "01-市委办公室.xlsx", good), []string{"请先解压，再收录其中的自评表"}},
	}
	before := treeHash(t, root)
	c := collector(t, root)
	c.Fonts = testFonts(t)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := write(t, work, fmt.Sprintf("%02d.xlsx", i), tc.data)
			r := one(t, c, path)
			if r.Outcome != Refused {
				t.Fatalf("outcome %s, want refused", r.Outcome.Label())
			}
			all := strings.Join(r.Problems, "\n")
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("no %q in:\n%s", w, all)
				}
			}
			t.Logf("refused: %s", all)
		})
	}
	if treeHash(t, root) != before {
		t.Error("refused forms changed the seeds")
	}
	if _, err := os.Stat(filepath.Join(root, "2020", "returned")); !os.IsNotExist(err) {
		t.Error("returned/ was created")
	}
}

// padSheet appends rows to the worksheet of a form until its XML holds n bytes more.
func padSheet(t *testing.T, data []byte, n int) []byte {
	t.Helper()
	return rezip(t, data, func(name string, b []byte) []byte {
		if name != "xl/worksheets/sheet1.xml" {
			return nil
		}
		var extra bytes.Buffer
		for r := 100; extra.Len() < n; r++ {
			fmt.Fprintf(&extra, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>`, r, r)
		}
		i := bytes.Index(b, []byte("</sheetData>"))
		return slices.Concat(b[:i], extra.Bytes(), b[i:])
	})
}

// wordDoc is a zip package of a Word document.
func wordDoc(t *testing.T) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte("<x/>"))
	}
	must(t, zw.Close())
	return out.Bytes()
}

// TestTamperedThroughLibreOffice: a locked cell changed and then saved by
// LibreOffice (which rewrites the XML and shares strings anew) is still caught.
func TestTamperedThroughLibreOffice(t *testing.T) {
	needTool(t, "soffice", "libreoffice-calc-nogui")
	root := seedsCopy(t)
	work := t.TempDir()
	in := write(t, work, "01-市委办公室.xlsx", fill(t, filledForm(t, root), map[string]cellValue{"C8": text("改过的考评要点"), "E10": num("7")}))
	soffice(t, "xlsx:Calc MS Excel 2007 XML", filepath.Join(work, "saved"), in)
	before := treeHash(t, root)
	r := one(t, collector(t, root), filepath.Join(work, "saved", "01-市委办公室.xlsx"))
	all := strings.Join(r.Problems, "\n")
	if r.Outcome != Refused || !strings.Contains(all, "C8：考评要点与下发的表格不一致") || !strings.Contains(all, "E10：自评得分 7 超出范围 0～4") {
		t.Fatalf("%s: %s", r.Outcome.Label(), all)
	}
	if treeHash(t, root) != before {
		t.Error("seeds changed")
	}
}

// TestFolder: a folder is collected in name order, other files skipped,
// and the units still missing listed.
func TestFolder(t *testing.T) {
	root := seedsCopy(t)
	p, y := source(t, root)
	work := t.TempDir()
	write(t, work, "01.xlsx", filledForm(t, root))
	write(t, work, "02.xlsx", fill(t, blankForm(t, p, y, 2, ""), map[string]cellValue{"E5": num("3")}))
	write(t, work, "02.xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))
	write(t, work, "~$01.xlsx", []byte("lock"))
	rep := collector(t, root).Run([]string{work})
	var out bytes.Buffer
	rep.Write(&out)
	if rep.Count(Added) != 2 || rep.Count(Skipped) != 1 || len(rep.Results) != 3 || len(rep.Missing) != 68 {
		t.Fatalf("report:\n%s", out.String())
	}
	for _, s := range []string{"[收录]", "01-市委办公室：合计 68 分", "[跳过]", "02.xls", "尚未报回自评表的单位（68 个）", "03-市政府办公室"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, out.String())
		}
	}
	if !strings.Contains(out.String(), "只填写了 1/24 项自评得分") {
		t.Errorf("partial form not noted:\n%s", out.String())
	}
}

// TestSpeed logs the time to read and check one form (TestRefused logs the
// time to refuse each bad file, a 256 MB zip bomb among them).
func TestSpeed(t *testing.T) {
	root := seedsCopy(t)
	work := t.TempDir()
	path := write(t, work, "01.xlsx", filledForm(t, root))
	c := collector(t, root)
	const n = 20
	start := time.Now()
	for i := 0; i < n; i++ {
		r := &Result{Path: path}
		c.check(r)
		if r.Outcome == Refused {
			t.Fatal(r.Problems)
		}
	}
	t.Logf("check one form: %.1f ms", float64(time.Since(start).Microseconds())/1000/n)
}

// TestWithoutProperties: a form whose custom document properties were lost
// is told by its title and unit cell, and accepted with a note.
func TestWithoutProperties(t *testing.T) {
	root := seedsCopy(t)
	form := rezip(t, filledForm(t, root), func(name string, b []byte) []byte {
		if name != "docProps/custom.xml" {
			return nil
		}
		return regexp.MustCompile(`<property .*</property>`).ReplaceAll(b, nil)
	})
	r := one(t, collector(t, root), write(t, t.TempDir(), "x.xlsx", form))
	if r.Outcome != Added || r.Unit == nil || r.Unit.No != 1 {
		t.Fatalf("%s %v", r.Outcome.Label(), r.Problems)
	}
	if !strings.Contains(strings.Join(r.Notes, "\n"), "缺少 mofan.digest") {
		t.Errorf("notes: %v", r.Notes)
	}
}

// TestGarbledProperties: SheetJS writes non-ASCII custom properties as
// mojibake; the form's locked cells still identify it, and the form is
// accepted with a note.
func TestGarbledProperties(t *testing.T) {
	root := seedsCopy(t)
	form := rezip(t, filledForm(t, root), func(name string, b []byte) []byte {
		if name != "docProps/custom.xml" {
			return nil
		}
		// UTF-8 bytes read as Latin-1 and written back as UTF-8.
		garble := func(s string) string {
			var out []rune
			for _, c := range []byte(s) {
				out = append(out, rune(c))
			}
			return string(out)
		}
		return bytes.ReplaceAll(b, []byte("市委办公室"), []byte(garble("市委办公室")))
	})
	r := one(t, collector(t, root), write(t, t.TempDir(), "x.xlsx", form))
	if r.Outcome != Added || r.Unit == nil || r.Unit.No != 1 {
		t.Fatalf("%s %v", r.Outcome.Label(), r.Problems)
	}
	if !strings.Contains(strings.Join(r.Notes, "\n"), "文档属性中的单位名称无法识别") {
		t.Errorf("notes: %v", r.Notes)
	}
}

// TestSkippedHints: in a folder, zips, PDFs and Word documents are skipped
// with a hint.
func TestSkippedHints(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.zip", "b.pdf", "c.docx"} {
		write(t, dir, n, []byte("x"))
	}
	rs := expand(dir)
	want := []string{"请先解压", "收录需要 .xlsx 格式", "收录需要 .xlsx 格式"}
	for i, r := range rs {
		if r.Outcome != Skipped || !strings.Contains(strings.Join(r.Notes, ""), want[i]) {
			t.Errorf("%s: %s %v", r.Path, r.Outcome.Label(), r.Notes)
		}
	}
}

func checklist(t *testing.T, p *model.Plan, y *model.Year) []byte {
	t.Helper()
	b, err := sheet.Checklist(p, y, &model.Unit{No: 1, Name: p.Units[0].Name})
	must(t, err)
	return b
}

func zipOf(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	must(t, err)
	_, err = w.Write(data)
	must(t, err)
	must(t, zw.Close())
	return buf.Bytes()
}

// testFonts are the shipped fonts.
func testFonts(t *testing.T) Glyphs {
	t.Helper()
	specs, err := input.LoadFontConfig("../../fonts/fonts.toml")
	must(t, err)
	set, err := fontset.Load(specs)
	must(t, err)
	return set
}
