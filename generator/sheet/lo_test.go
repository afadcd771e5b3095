package sheet

// LibreOffice as an independent reader. The workbooks are written once into a
// temporary directory and converted in one soffice call per format (CSV of
// every sheet, PDF of the forms): soffice takes 1.5–2 s a call, so the tests
// share the batch. Run them alone with
//
//	go test -run LibreOffice ./generator/sheet/
//
// They skip when soffice or pdftotext is missing, and fail instead when the
// environment variable CI is set.

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"html"
	"mofan/generator/model"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var xmlUnmarshal = xml.Unmarshal

// loBatch is the shared conversion.
var loBatch struct {
	once sync.Once
	dir  string
	fx   *fixture
	err  error
	took time.Duration
}

// The files of the batch, by name without extension.
var (
	loCSVFiles  = []string{"单位名单", "考评要点-01", "自评表-01", "自评表-10", "自评表-69", "考评汇总", "表彰通知", "三年总评"}
	loPDFFiles  = []string{"考评要点-01", "自评表-01", "单位名单", "考评汇总", "三年总评", "考评汇总-草稿", "表彰通知-草稿"}
	loXLSXFiles = []string{"自评表-10", "考评汇总"} // saved back by LibreOffice, as a unit might
)

func TestMain(m *testing.M) {
	code := m.Run()
	if loBatch.dir != "" {
		os.RemoveAll(loBatch.dir)
	}
	os.Exit(code)
}

// needTool skips (or, under CI, fails) the test when a program is missing.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		msg := fmt.Sprintf("%s not found: install %s (apt-get install -y %s) to run the LibreOffice tests", name, pkg, pkg)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}

// libreOffice returns the batch directory after building and converting
// every workbook of the batch once.
func libreOffice(t *testing.T) (string, *fixture) {
	t.Helper()
	soffice := needTool(t, "soffice", "libreoffice-calc-nogui")
	needTool(t, "pdftotext", "poppler-utils")
	loBatch.once.Do(func() {
		loBatch.err = func() error {
			dir, err := os.MkdirTemp("", "mofan-sheet-lo-")
			if err != nil {
				return err
			}
			loBatch.dir = dir
			fx := newFixture(t)
			loBatch.fx = fx
			builds := map[string]func() ([]byte, error){
				"单位名单":    func() ([]byte, error) { return UnitList(fx.p, fx.y) },
				"考评要点-01": func() ([]byte, error) { return Checklist(fx.p, fx.y, fx.units[0]) },
				"自评表-01":  func() ([]byte, error) { return SelfForm(fx.p, fx.y, fx.units[0]) },
				"自评表-10":  func() ([]byte, error) { return SelfForm(fx.p, fx.y, fx.units[unitPartial-1]) },
				"自评表-69":  func() ([]byte, error) { return SelfForm(fx.p, fx.y, fx.units[unitMissing-1]) },
				"考评汇总":    func() ([]byte, error) { return Summary(fx.p, fx.y, fx.r, false) },
				"表彰通知":    func() ([]byte, error) { return CommendList(fx.p, fx.y, fx.r, false) },
				"三年总评":    func() ([]byte, error) { return Overall(fx.p, fx.y, fx.o, false) },
				"考评汇总-草稿": func() ([]byte, error) { return Summary(fx.p, fx.y, fx.r, true) },
				"表彰通知-草稿": func() ([]byte, error) { return CommendList(fx.p, fx.y, fx.r, true) },
			}
			for name, build := range builds {
				data, err := build()
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				if err := os.WriteFile(filepath.Join(dir, name+".xlsx"), data, 0o644); err != nil {
					return err
				}
			}
			start := time.Now()
			if err := convert(soffice, dir, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", loCSVFiles); err != nil {
				return err
			}
			if err := convert(soffice, dir, "pdf", loPDFFiles); err != nil {
				return err
			}
			if err := convert(soffice, dir, "xlsx:Calc MS Excel 2007 XML", loXLSXFiles); err != nil {
				return err
			}
			loBatch.took = time.Since(start)
			return nil
		}()
	})
	if loBatch.err != nil {
		t.Fatal(loBatch.err)
	}
	return loBatch.dir, loBatch.fx
}

// convert runs one soffice conversion of several files, with its own profile.
func convert(soffice, dir, format string, names []string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	profile := filepath.Join(dir, "profile")
	args := []string{"--headless", "-env:UserInstallation=file://" + profile, "--convert-to", format, "--outdir", filepath.Join(dir, "out")}
	for _, n := range names {
		args = append(args, filepath.Join(dir, n+".xlsx"))
	}
	cmd := exec.CommandContext(ctx, soffice, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("soffice --convert-to %s: %v\n%s", format, err, out.String())
	}
	return nil
}

// readCSV reads the CSV LibreOffice wrote for one sheet of a workbook.
func readCSV(t *testing.T, dir, book, sheet string) [][]string {
	t.Helper()
	path := filepath.Join(dir, "out", book+"-"+sheet+".csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("LibreOffice wrote no %s: %v", filepath.Base(path), err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// findRow returns the first row whose column col is v, or nil.
func findRow(rows [][]string, col int, v string) []string {
	for _, r := range rows {
		if col < len(r) && r[col] == v {
			return r
		}
	}
	return nil
}

func TestLibreOfficeCSVUnitList(t *testing.T) {
	dir, fx := libreOffice(t)
	rows := readCSV(t, dir, "单位名单", "单位名单")
	if rows[0][0] != "2020年度市直机关创建模范机关单位名单" {
		t.Errorf("title %q", rows[0][0])
	}
	for _, u := range fx.p.Units {
		r := findRow(rows, 0, strconv.Itoa(u.No))
		if r == nil || r[1] != u.Name {
			t.Errorf("unit %d: row %q, want %q", u.No, r, u.Name)
		}
	}
}

func TestLibreOfficeCSVChecklist(t *testing.T) {
	dir, fx := libreOffice(t)
	rows := readCSV(t, dir, "考评要点-01", "考评要点")
	if want := "2020年市直机关创建模范机关考评要点（市委办公室）"; rows[0][0] != want {
		t.Errorf("title %q, want %q", rows[0][0], want)
	}
	for i, pt := range fx.p.Points {
		r := findRow(rows, 2, pt.ID)
		if r == nil || r[3] != pt.Text || r[4] != fx.y.Max[i].String() {
			t.Errorf("%s: row %q", pt.ID, r)
		}
	}
	if r := findRow(rows, 0, "合计"); r == nil || r[4] != "100" {
		t.Errorf("合计 row %q, want 100", r)
	}
	if r := findRow(rows, 0, "创建\n内容"); r == nil {
		t.Error("no 类型 cell 创建内容")
	}
}

func TestLibreOfficeCSVSelfForm(t *testing.T) {
	dir, fx := libreOffice(t)
	for _, no := range []int{1, unitPartial, unitMissing} {
		u := fx.units[no-1]
		t.Run(u.Name, func(t *testing.T) {
			rows := readCSV(t, dir, fmt.Sprintf("自评表-%02d", no), formSheet)
			if rows[1][2] != u.Name {
				t.Errorf("unit cell %q, want %q", rows[1][2], u.Name)
			}
			var sum, want model.Tenths
			for i, pt := range fx.p.Points {
				r := findRow(rows, 0, pt.ID)
				if r == nil {
					t.Fatalf("no row %s", pt.ID)
				}
				if r[2] != pt.Text || r[3] != fx.y.Max[i].String() {
					t.Errorf("%s: %q", pt.ID, r)
				}
				if r[4] != "" {
					f, err := strconv.ParseFloat(r[4], 64)
					if err != nil {
						t.Errorf("%s: score %q", pt.ID, r[4])
					}
					sum += model.FromFloat(f)
				}
				if i < len(u.Self) && u.Self[i].Has {
					want += u.Self[i].Score
					if r[4] != u.Self[i].Score.String() || r[5] != u.Self[i].Evidence {
						t.Errorf("%s: score %q evidence %q, want %s %q", pt.ID, r[4], r[5], u.Self[i].Score, u.Self[i].Evidence)
					}
				}
			}
			r := findRow(rows, 0, "合计")
			if r == nil {
				t.Fatal("no 合计 row")
			}
			if r[4] != sum.String() || sum != want {
				t.Errorf("合计 %q; the scores sum to %s, want %s", r[4], sum, want)
			}
			for _, label := range []string{"党组织书记", "联系人", "联系电话", "填报日期"} {
				found := false
				for _, r := range rows {
					found = found || slices.Contains(r, label)
				}
				if !found {
					t.Errorf("no field %s", label)
				}
			}
		})
	}
}

func TestLibreOfficeCSVSummary(t *testing.T) {
	dir, fx := libreOffice(t)
	rows := readCSV(t, dir, "考评汇总", sumMain)
	for _, u := range fx.r.Units {
		r := findRow(rows, 1, u.Unit.Name)
		if r == nil {
			t.Fatalf("no row for %s", u.Unit.Name)
		}
		if u.Unit.Missing {
			if r[10] != "未报送" || r[8] != "" {
				t.Errorf("%s: %q, want 未报送 without scores", u.Unit.Name, r)
			}
			continue
		}
		status := "未表彰"
		if u.Commended {
			status = "表彰"
		}
		if r[8] != shown(u.Total) || r[9] != strconv.Itoa(u.Rank) || r[10] != status || r[11] != u.Reason {
			t.Errorf("%s: %q, want total %s rank %d %s %q", u.Unit.Name, r[8:], u.Total, u.Rank, status, u.Reason)
		}
	}
	for _, sheet := range []string{sumFinal, sumSelf, sumReview} {
		rows := readCSV(t, dir, "考评汇总", sheet)
		if len(rows[2]) < 2+len(fx.p.Points) || rows[2][2] != "NR-1-1\n4分" {
			t.Errorf("%s: header %q", sheet, rows[2])
		}
		u := fx.r.Units[0]
		r := findRow(rows, 1, u.Unit.Name)
		for j, ps := range u.Points {
			want := map[string]model.Tenths{sumFinal: ps.Final, sumSelf: ps.Self, sumReview: ps.Review}[sheet]
			has := map[string]bool{sumFinal: true, sumSelf: ps.HasSelf, sumReview: ps.HasReview}[sheet]
			got := r[2+j]
			if has && got != shown(want) || !has && got != "" {
				t.Errorf("%s %s %s: %q, want %s (has %v)", sheet, u.Unit.Name, fx.p.Points[j].ID, got, want, has)
			}
		}
	}
	rows = readCSV(t, dir, "考评汇总", sumRank)
	for k, idx := range fx.r.ByRank {
		u := fx.r.Units[idx]
		if rows[3+k][1] != u.Unit.Name {
			t.Errorf("rank row %d: %q, want %s", k+1, rows[3+k][1], u.Unit.Name)
		}
	}
}

func TestLibreOfficeCSVCommendList(t *testing.T) {
	dir, fx := libreOffice(t)
	rows := readCSV(t, dir, "表彰通知", "表彰名单")
	if len(fx.r.Commended) == 0 {
		t.Fatal("the fixture commends nobody")
	}
	for k, idx := range fx.r.Commended {
		u := fx.r.Units[idx]
		r := rows[3+k]
		if r[0] != strconv.Itoa(k+1) || r[1] != u.Unit.Name || r[2] != shown(u.Total) || r[3] != strconv.Itoa(u.Rank) {
			t.Errorf("row %d: %q, want %s %s %d", k+1, r, u.Unit.Name, u.Total, u.Rank)
		}
	}
	if len(rows) != 3+len(fx.r.Commended) {
		t.Errorf("%d rows, want %d", len(rows), 3+len(fx.r.Commended))
	}
}

func TestLibreOfficeCSVOverall(t *testing.T) {
	dir, fx := libreOffice(t)
	rows := readCSV(t, dir, "三年总评", "三年总评")
	if rows[0][0] != "2018—2020年度市直机关创建模范机关三年总评" {
		t.Errorf("title %q", rows[0][0])
	}
	commended := 0
	for i, u := range fx.o.Units {
		r := rows[3+i]
		if r[1] != u.Name || r[8] != shown(u.Mean) || r[9] != strconv.Itoa(u.Rank) || r[11] != u.Reason {
			t.Errorf("row %d: %q, want %s mean %s rank %d %q", 4+i, r, u.Name, u.Mean, u.Rank, u.Reason)
		}
		for k := range 3 {
			if u.Has[k] && r[2+2*k] != shown(u.Totals[k]) || !u.Has[k] && r[2+2*k] != "未报送" {
				t.Errorf("%s year %d: %q", u.Name, k, r[2+2*k])
			}
		}
		if u.Commended {
			commended++
			if r[10] != "表彰" {
				t.Errorf("%s: status %q", u.Name, r[10])
			}
		}
	}
	if commended == 0 {
		t.Error("the fixture commends nobody over three years")
	}
}

// pdfWord is a word pdftotext found, with its box in points.
type pdfWord struct {
	page                   int
	xMin, yMin, xMax, yMax float64
	text                   string
}

func (w pdfWord) center() float64 { return (w.yMin + w.yMax) / 2 }

var (
	rePage = regexp.MustCompile(`<page `)
	reWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>`)
)

// pdfWords runs pdftotext -bbox on a converted PDF, in the order the words
// are drawn (-raw): LibreOffice draws a cell's text in one go, while the
// reading order would interleave neighbouring cells' lines.
func pdfWords(t *testing.T, dir, name string) []pdfWord {
	t.Helper()
	out, err := exec.Command("pdftotext", "-raw", "-bbox", filepath.Join(dir, "out", name+".pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", name, err)
	}
	var words []pdfWord
	page := 0
	for _, line := range strings.Split(string(out), "\n") {
		if rePage.MatchString(line) {
			page++
			continue
		}
		m := reWord.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
		words = append(words, pdfWord{page, f(m[1]), f(m[2]), f(m[3]), f(m[4]), html.UnescapeString(m[5])})
	}
	return words
}

// findBlock returns the consecutive words that spell text (ignoring white
// space), or nil.
func findBlock(words []pdfWord, text string) []pdfWord {
	want := strings.Join(strings.Fields(text), "")
	for i := range words {
		if !strings.HasPrefix(want, words[i].text) {
			continue
		}
		got := ""
		for j := i; j < len(words) && len(got) < len(want); j++ {
			got += words[j].text
			if !strings.HasPrefix(want, got) {
				break
			}
			if got == want {
				return words[i : j+1]
			}
		}
	}
	return nil
}

// rowCheck checks one PDF of a table with one row per point: every point's
// text (and any other cell text given) is there in full and lies within its
// row, and the header row repeats on page 2.
//
// Row bounds come from the PDF itself: the 编号 cell is centred vertically in
// its row, so the ids give the row centres; the scale of the printout is the
// distance between centres over the mean of the two row heights of the
// workbook. A row LibreOffice clips has its text centred too, so the text
// spills out of those bounds above and below.
func rowCheck(t *testing.T, words []pdfWord, xlsx, sheet string, firstRow int, ids []string, cells [][]string, header []string) {
	t.Helper()
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type rowPos struct {
		page   int
		center float64
		height float64 // in the workbook, points
	}
	pos := make([]rowPos, len(ids))
	for i, id := range ids {
		k := slices.IndexFunc(words, func(w pdfWord) bool { return w.text == id })
		if k < 0 {
			t.Fatalf("id %s not in the PDF", id)
		}
		h, err := f.GetRowHeight(sheet, firstRow+i)
		if err != nil {
			t.Fatal(err)
		}
		pos[i] = rowPos{words[k].page, words[k].center(), h}
	}
	// The scale: median over neighbouring rows on one page.
	var scales []float64
	for i := 1; i < len(pos); i++ {
		if pos[i].page == pos[i-1].page {
			scales = append(scales, (pos[i].center-pos[i-1].center)/((pos[i].height+pos[i-1].height)/2))
		}
	}
	if len(scales) == 0 {
		t.Fatal("no two rows on one page")
	}
	slices.Sort(scales)
	scale := scales[len(scales)/2]
	if scale < 0.3 || scale > 1.05 {
		t.Fatalf("implausible print scale %.3f", scale)
	}
	const tol = 1.0 // points
	for i, texts := range cells {
		top := pos[i].center - scale*pos[i].height/2
		bottom := pos[i].center + scale*pos[i].height/2
		for _, text := range texts {
			if text == "" {
				continue
			}
			b := findBlock(words, text)
			if b == nil {
				t.Errorf("%s: text not found in full: %q", ids[i], text)
				continue
			}
			for _, w := range b {
				if w.page != pos[i].page || w.yMin < top-tol || w.yMax > bottom+tol {
					t.Errorf("%s: %q at page %d y %.1f–%.1f, outside its row (page %d y %.1f–%.1f): clipped",
						ids[i], w.text, w.page, w.yMin, w.yMax, pos[i].page, top, bottom)
				}
			}
		}
	}
	// The header row on page 2, above the first row there.
	pages := map[int]bool{}
	for _, p := range pos {
		pages[p.page] = true
	}
	if !pages[2] {
		t.Fatalf("the table does not reach page 2")
	}
	first := slices.IndexFunc(pos, func(p rowPos) bool { return p.page == 2 })
	for _, h := range header {
		k := slices.IndexFunc(words, func(w pdfWord) bool { return w.page == 2 && w.text == h })
		if k < 0 {
			t.Errorf("header %q not repeated on page 2", h)
		} else if words[k].yMax > pos[first].center {
			t.Errorf("header %q on page 2 is below the first row", h)
		}
	}
}

func TestLibreOfficePDFChecklist(t *testing.T) {
	dir, fx := libreOffice(t)
	words := pdfWords(t, dir, "考评要点-01")
	var ids []string
	var cells [][]string
	for _, pt := range fx.p.Points {
		ids = append(ids, pt.ID)
		cells = append(cells, []string{pt.Text, pt.Note})
	}
	rowCheck(t, words, filepath.Join(dir, "考评要点-01.xlsx"), "考评要点", 4, ids, cells, []string{"类型", "考评内容", "编号", "考评要点", "分值", "备注"})
	// The groups are there in full.
	for _, g := range runs(fx.p.Points, true) {
		if g.group != "" && findBlock(words, g.group) == nil {
			t.Errorf("group %q not in the PDF", g.group)
		}
	}
	checkPageFurniture(t, words, fx.units[0].Name, "2020年度考评要点")
}

func TestLibreOfficePDFSelfForm(t *testing.T) {
	dir, fx := libreOffice(t)
	words := pdfWords(t, dir, "自评表-01")
	u := fx.units[0]
	var ids []string
	var cells [][]string
	for i, pt := range fx.p.Points {
		ids = append(ids, pt.ID)
		cells = append(cells, []string{pt.Text, u.Self[i].Evidence})
	}
	rowCheck(t, words, filepath.Join(dir, "自评表-01.xlsx"), formSheet, formHeaderRow+1, ids, cells, []string{"编号", "考评内容", "考评要点", "分值", "自评得分", "完成情况/佐证材料"})
	for _, text := range []string{"填报单位（盖章）：", u.Name, "党组织书记", "联系人", "联系电话", "填报日期", "合计", formNotes(fx.y)} {
		if findBlock(words, text) == nil {
			t.Errorf("%q not in the PDF", text)
		}
	}
	checkPageFurniture(t, words, u.Name, "2020年度自评表")
}

func TestLibreOfficePDFUnitList(t *testing.T) {
	dir, fx := libreOffice(t)
	words := pdfWords(t, dir, "单位名单")
	for _, u := range fx.p.Units {
		if findBlock(words, u.Name) == nil {
			t.Errorf("%s not in the PDF", u.Name)
		}
	}
	k := slices.IndexFunc(words, func(w pdfWord) bool { return w.page == 2 && w.text == "单位名称" })
	if k < 0 {
		t.Error("header not repeated on page 2")
	}
}

// checkPageFurniture checks the page header and the footer 第 N 页，共 M 页 of every page.
func checkPageFurniture(t *testing.T, words []pdfWord, left, right string) {
	t.Helper()
	pages := words[len(words)-1].page
	all := map[int]string{}
	for _, w := range words {
		all[w.page] += w.text
	}
	for p := 1; p <= pages; p++ {
		for _, want := range []string{left, right, fmt.Sprintf("第%d页，共%d页", p, pages)} {
			if !strings.Contains(all[p], want) {
				t.Errorf("page %d lacks %q", p, want)
			}
		}
	}
}

func TestLibreOfficeTiming(t *testing.T) {
	libreOffice(t)
	t.Logf("soffice: %d files to CSV, %d to PDF and %d to xlsx in %v", len(loCSVFiles), len(loPDFFiles), len(loXLSXFiles), loBatch.took.Round(time.Millisecond))
}

// TestLibreOfficeSavedForm reads a form that LibreOffice saved back: the
// properties, the rows, the scores and the digest survive.
func TestLibreOfficeSavedForm(t *testing.T) {
	dir, fx := libreOffice(t)
	u := fx.units[unitPartial-1]
	path := filepath.Join(dir, "out", "自评表-10.xlsx")
	r, err := ReadForm(path, 4<<20)
	if err != nil {
		t.Fatal(err)
	}
	if r.Props["mofan.digest"] != FormDigest(fx.p, fx.y, u) || r.Digest() != r.Props["mofan.digest"] {
		t.Errorf("digest: property %s, recomputed %s, want %s", r.Props["mofan.digest"], r.Digest(), FormDigest(fx.p, fx.y, u))
	}
	if r.Unit != u.Name || r.Props["mofan.unit"] != u.Name || r.Props["mofan.unit_no"] != "10" || r.Props["mofan.year"] != "2020" {
		t.Errorf("unit %q, props %v", r.Unit, r.Props)
	}
	if len(r.Rows) != len(fx.p.Points) {
		t.Fatalf("%d rows, want %d", len(r.Rows), len(fx.p.Points))
	}
	var sum model.Tenths
	for i, row := range r.Rows {
		want := ""
		if u.Self[i].Has {
			want = u.Self[i].Score.String()
			sum += u.Self[i].Score
		}
		if row.ID != fx.p.Points[i].ID || row.Score != want || row.Evidence != u.Self[i].Evidence {
			t.Errorf("row %d: %q %q %q, want %s %q %q", row.Row, row.ID, row.Score, row.Evidence, fx.p.Points[i].ID, want, u.Self[i].Evidence)
		}
	}
	if r.Total != sum.String() {
		t.Errorf("total %q, want %s", r.Total, sum)
	}
	if r.Secretary != u.Secretary || r.Contact != u.Contact || r.Phone != u.Phone {
		t.Errorf("contacts %q %q %q", r.Secretary, r.Contact, r.Phone)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ws worksheetXML
	if err := xmlUnmarshal(unzipSheet(t, data), &ws); err != nil {
		t.Fatal(err)
	}
	if ws.Protection == nil || !ws.Protection.Sheet || ws.Protection.Algorithm == "" {
		t.Errorf("protection lost: %+v", ws.Protection)
	}
	if len(ws.Validations) != len(fx.p.Points)+1 {
		t.Errorf("%d validations after saving, want %d", len(ws.Validations), len(fx.p.Points)+1)
	}
	// The one-decimal rule survives LibreOffice's saving.
	custom := 0
	for _, v := range ws.Validations {
		if v.Type == "custom" && strings.Contains(v.F1, "ROUND(") {
			custom++
		}
	}
	if custom != len(fx.p.Points) {
		t.Errorf("%d custom score validations after saving, want %d", custom, len(fx.p.Points))
	}
}

// TestLibreOfficeSummaryFilter: LibreOffice reads the auto-filters of the
// summary's stream sheets and the chart of every ranked unit, and keeps them when it
// saves the workbook.
func TestLibreOfficeSummaryFilter(t *testing.T) {
	dir, fx := libreOffice(t)
	data, err := os.ReadFile(filepath.Join(dir, "out", "考评汇总.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzipParts(t, data)
	wb := string(parts["xl/workbook.xml"])
	for i, last := range []string{"M", "AB", "AB", "AB"} {
		ws := string(parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)])
		if want := `<autoFilter ref="A3:` + last + `73"`; !strings.Contains(ws, want) {
			t.Errorf("sheet%d.xml lacks %s after LibreOffice", i+1, want)
		}
		name := []string{sumMain, sumFinal, sumSelf, sumReview}[i]
		if want := `name="_xlnm._FilterDatabase" vbProcedure="false">` + name + "!$A$3:$" + last + "$73<"; !strings.Contains(wb, want) {
			t.Errorf("workbook.xml lacks %s after LibreOffice", want)
		}
	}
	var chart string
	for name, b := range parts {
		if strings.HasPrefix(name, "xl/charts/chart") {
			chart += string(b)
		}
	}
	// Fewer than chartAll units: the chart keeps every ranked unit.
	ranked := 0
	for _, u := range fx.r.Units {
		if !missing(&u) {
			ranked++
		}
	}
	for _, want := range []string{fmt.Sprintf("$B$4:$B$%d", 3+ranked), fmt.Sprintf("$E$4:$E$%d", 3+ranked), fmt.Sprintf("$F$4:$F$%d", 3+ranked)} {
		if !strings.Contains(chart, want) {
			t.Errorf("chart after LibreOffice lacks %s", want)
		}
	}
	if strings.Contains(chart, "前50名") {
		t.Errorf("chart of %d units cut to the top 50", ranked)
	}
}
