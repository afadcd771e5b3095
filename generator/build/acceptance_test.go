package build

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"mofan/internal/gbcheck"
)

// The acceptance tests read the documents of one build of the shipped 2020
// seeds the way a reader would: through pdftotext and qpdf, and by opening
// the workbooks' XML, never through mofan's own types.

var (
	seedOnce sync.Once
	seedDir  string
	seedErr  error
)

// seedBuild builds the shipped 2020 seeds once per test run and returns the
// year's output folder.
func seedBuild(t *testing.T) string {
	t.Helper()
	seedOnce.Do(func() {
		e := engine(t)
		y := loadYear(t, filepath.Join(root, "seeds"), 2020)
		out, err := os.MkdirTemp("", "mofan-acceptance")
		if err != nil {
			seedErr = err
			return
		}
		_, seedErr = e.Build(y, out, Options{})
		seedDir = filepath.Join(out, "2020")
	})
	if seedErr != nil {
		t.Fatal(seedErr)
	}
	return seedDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if seedDir != "" {
		os.RemoveAll(filepath.Dir(seedDir))
	}
	os.Exit(code)
}

// pdfs lists the PDFs of a built year: the whole-year documents and every
// unit's checklist and form. 打印.pdf is left out: it holds documents listed
// here, each numbered on its own (print_test.go checks it).
func pdfs(t *testing.T, dir string) []string {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".pdf") && d.Name() != "打印.pdf" {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// sampled keeps what the measurements must see of a year's PDFs: every
// whole-year document, and of each per-unit kind (checklists, forms) the
// first and last unit, the unit with the longest name and the four largest
// files (the most text: long evidence, rare characters). The per-unit
// documents of a kind share one layout and differ only in their text, so
// these stand for all 140 at a tenth of the tool runs.
func sampled(files []string) []string {
	var out []string
	byKind := map[string][]string{}
	for _, f := range files {
		kind := filepath.Base(filepath.Dir(f))
		if kind == "考评要点" || kind == "自评表" {
			byKind[kind] = append(byKind[kind], f)
			continue
		}
		out = append(out, f)
	}
	for _, kind := range []string{"考评要点", "自评表"} {
		fs := byKind[kind] // sorted by unit number
		if len(fs) == 0 {
			continue
		}
		pick := map[string]bool{fs[0]: true, fs[len(fs)-1]: true}
		longest := fs[0]
		for _, f := range fs {
			if len([]rune(filepath.Base(f))) > len([]rune(filepath.Base(longest))) {
				longest = f
			}
		}
		pick[longest] = true
		bySize := append([]string(nil), fs...)
		sort.SliceStable(bySize, func(i, j int) bool { return fileSize(bySize[i]) > fileSize(bySize[j]) })
		for _, f := range bySize[:min(4, len(bySize))] {
			pick[f] = true
		}
		for _, f := range fs {
			if pick[f] {
				out = append(out, f)
			}
		}
	}
	sort.Strings(out)
	return out
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// TestDocumentsFollowGBT9704 measures the PDFs of the build (see sampled): body lines on
// the grid and inside the text block, page numbers where the standard puts
// them, and no line (of a paragraph or a table cell) starting or ending with
// a forbidden mark or splitting a —— or …….
func TestDocumentsFollowGBT9704(t *testing.T) {
	gbcheck.NeedTools(t, "pdftotext", "qpdf", "pdffonts")
	dir := seedBuild(t)
	files := pdfs(t, dir)
	// 实施方案, 单位名单, 考评汇总, 表彰通知, 考评通知, 征求意见函, 公示,
	// 分发/实施方案.pdf, and each unit's checklist, form and feedback letter
	if want := 8 + 3*70; len(files) != want {
		t.Fatalf("%d PDFs, want %d", len(files), want)
	}
	files = sampled(files)
	type result struct {
		file string
		errs []string
	}
	results := make([]result, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r := &results[i]
				r.file = files[i]
				lines, err := gbcheck.Measure(files[i])
				if err != nil {
					r.errs = []string{err.Error()}
					continue
				}
				segs, err := gbcheck.Segments(files[i])
				if err != nil {
					r.errs = []string{err.Error()}
					continue
				}
				r.errs = append(gbcheck.GeometryViolations(lines), gbcheck.BreakViolations(segs)...)
				if out, err := exec.Command("qpdf", "--check", files[i]).CombinedOutput(); err != nil {
					r.errs = append(r.errs, "qpdf --check: "+lastLine(string(out)))
				}
				if out, err := exec.Command("pdffonts", files[i]).Output(); err != nil || !allEmbedded(string(out)) {
					r.errs = append(r.errs, "pdffonts: a font is not embedded:\n"+string(out))
				}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	bad := 0
	for _, r := range results {
		for _, e := range r.errs {
			if bad < 40 {
				rel, _ := filepath.Rel(dir, r.file)
				t.Errorf("%s: %s", rel, e)
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%d problems in %d PDFs", bad, len(files))
	}
}

// TestNoticeReadsAsIssued: the notice shows no template syntax, no
// placeholder and no Latin letters, carries the year's 文号 and title, and
// its attachment page lists the commended.
func TestNoticeReadsAsIssued(t *testing.T) {
	gbcheck.NeedTools(t, "pdftotext")
	dir := seedBuild(t)
	text := pdftotext(t, filepath.Join(dir, "表彰通知.pdf"))
	for _, bad := range []string{"{{", "}}", "<no value>", "%!", "nil"} {
		if strings.Contains(text, bad) {
			t.Errorf("notice contains %q", bad)
		}
	}
	if m := regexp.MustCompile(`[A-Za-z]+`).FindString(text); m != "" {
		t.Errorf("notice contains Latin text %q", m)
	}
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{"焦直文〔2021〕7号", "关于命名表彰2020年度市直机关创建模范机关先进单位的通知", "市直和省部属驻焦各单位基层党组织：", "附件", "抄送", "印发"} {
		if !strings.Contains(flat, want) {
			t.Errorf("notice lacks %q", want)
		}
	}
}

func pdftotext(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// sampleUnit is what an independent reading of a unit file finds.
type sampleUnit struct {
	no      int
	name    string
	self    map[string]float64
	review  map[string]float64
	bonus   float64
	deduct  float64
	vetoed  bool
	total   float64
	eligibe bool
}

var (
	reName   = regexp.MustCompile(`(?m)^name = "([^"]+)"`)
	reSelf   = regexp.MustCompile(`(?m)^\[self\.([A-Z]+-[0-9-]+)\]\nscore = ([0-9.]+)`)
	reRow    = regexp.MustCompile(`^([A-Z]+-[0-9-]+) = ([0-9.]+)`)
	reAdjust = regexp.MustCompile(`(?m)^kind = "(加分|扣分)"\npoints = ([0-9.]+)`)
)

// readUnitIndependently reads a unit file with regular expressions, not with
// mofan's loader.
func readUnitIndependently(t *testing.T, path string) sampleUnit {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	u := sampleUnit{self: map[string]float64{}, review: map[string]float64{}}
	u.no, _ = strconv.Atoi(strings.SplitN(filepath.Base(path), "-", 2)[0])
	if m := reName.FindStringSubmatch(s); m != nil {
		u.name = m[1]
	}
	for _, m := range reSelf.FindAllStringSubmatch(s, -1) {
		u.self[m[1]], _ = strconv.ParseFloat(m[2], 64)
	}
	if i := strings.Index(s, "\n[review]\n"); i >= 0 {
		for _, line := range strings.Split(s[i+len("\n[review]\n"):], "\n") {
			if strings.HasPrefix(line, "[") {
				break
			}
			if m := reRow.FindStringSubmatch(line); m != nil {
				u.review[m[1]], _ = strconv.ParseFloat(m[2], 64)
			}
		}
	}
	for _, m := range reAdjust.FindAllStringSubmatch(s, -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		if m[1] == "加分" {
			u.bonus += v
		} else {
			u.deduct += v
		}
	}
	u.vetoed = strings.Contains(s, "\n[veto]\n")
	return u
}

// TestCommendedSetRecomputed recomputes the commendation of the shipped 2020
// sample from the TOML files alone, by the rules of year.toml as documented
// (review score, else the self-assessment; bonus ≤ 5, deduction ≤ 10; total ≥
// 90; no veto; at most ⌊30% × 70⌋ = 21, a tied group straddling the quota left
// out), and finds the same units in the notice PDF and in 表彰通知.xlsx.
func TestCommendedSetRecomputed(t *testing.T) {
	gbcheck.NeedTools(t, "pdftotext")
	files, _ := filepath.Glob(filepath.Join(root, "seeds", "2020", "units", "*.toml"))
	if len(files) != 70 {
		t.Fatalf("%d unit files", len(files))
	}
	var units []sampleUnit
	for _, f := range files {
		u := readUnitIndependently(t, f)
		for id, s := range u.self {
			if r, ok := u.review[id]; ok {
				u.total += r
			} else {
				u.total += s
			}
		}
		u.total += math.Min(u.bonus, 5) - math.Min(u.deduct, 10)
		u.eligibe = !u.vetoed && u.total >= 90-1e-9
		units = append(units, u)
	}
	var eligible []sampleUnit
	for _, u := range units {
		if u.eligibe {
			eligible = append(eligible, u)
		}
	}
	sort.SliceStable(eligible, func(i, j int) bool { return eligible[i].total > eligible[j].total })
	quota := 70 * 3 / 10
	var chosen []sampleUnit
	for i := 0; i < len(eligible); {
		j := i
		for j < len(eligible) && math.Abs(eligible[j].total-eligible[i].total) < 1e-9 {
			j++
		}
		if len(chosen)+(j-i) > quota {
			break
		}
		chosen = append(chosen, eligible[i:j]...)
		i = j
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].no < chosen[j].no })
	var want []string
	for _, u := range chosen {
		want = append(want, u.name)
	}
	if len(want) == 0 {
		t.Fatal("the sample commends nobody")
	}
	t.Logf("independently: %d commended of %d eligible (quota %d)", len(want), len(eligible), quota)

	dir := seedBuild(t)
	// The notice's attachment: the names after the attachment title, in order.
	text := pdftotext(t, filepath.Join(dir, "表彰通知.pdf"))
	att := text[strings.LastIndex(text, "先进单位名单"):]
	if k := strings.Index(att, "抄送"); k >= 0 { // the 版记 names organs too
		att = att[:k]
	}
	var inPDF []string
	for _, u := range units {
		if strings.Contains(att, u.name) {
			inPDF = append(inPDF, u.name)
		}
	}
	sort.Slice(inPDF, func(i, j int) bool { return strings.Index(att, inPDF[i]) < strings.Index(att, inPDF[j]) })
	if strings.Join(inPDF, "、") != strings.Join(want, "、") {
		t.Errorf("notice PDF lists\n%v\nwant\n%v", inPDF, want)
	}
	if !strings.Contains(strings.Join(strings.Fields(text), ""), fmt.Sprintf("等%d个单位", len(want))) {
		t.Errorf("notice body does not say 等%d个单位", len(want))
	}
	inBook := xlsxColumn(t, filepath.Join(dir, "表彰通知.xlsx"), "B", 4)
	if strings.Join(inBook, "、") != strings.Join(want, "、") {
		t.Errorf("表彰通知.xlsx lists\n%v\nwant\n%v", inBook, want)
	}
}

// xlsxColumn reads the strings of one column of the first sheet, from a row
// on, by opening the workbook's XML directly.
func xlsxColumn(t *testing.T, path, col string, from int) []string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	read := func(name string) []byte {
		f, err := z.Open(name)
		if err != nil {
			return nil // e.g. no shared strings: the text is in the cells
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		return b
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
			R []struct {
				T string `xml:"t"`
			} `xml:"r"`
		} `xml:"si"`
	}
	if b := read("xl/sharedStrings.xml"); len(b) > 0 {
		if err := xml.Unmarshal(b, &sst); err != nil {
			t.Fatal(err)
		}
	}
	var ws struct {
		Rows []struct {
			C []struct {
				R  string `xml:"r,attr"`
				T  string `xml:"t,attr"`
				V  string `xml:"v"`
				IS struct {
					T string `xml:"t"`
				} `xml:"is"`
			} `xml:"c"`
		} `xml:"sheetData>row"`
	}
	if err := xml.Unmarshal(read("xl/worksheets/sheet1.xml"), &ws); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, row := range ws.Rows {
		for _, c := range row.C {
			n, _ := strconv.Atoi(strings.TrimLeft(c.R, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
			if !strings.HasPrefix(c.R, col) || n < from || strings.ContainsAny(c.R[len(col):len(col)+1], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				continue
			}
			switch c.T {
			case "s":
				i, _ := strconv.Atoi(c.V)
				si := sst.SI[i]
				s := si.T
				for _, r := range si.R {
					s += r.T
				}
				out = append(out, s)
			case "inlineStr":
				out = append(out, c.IS.T)
			default:
				out = append(out, c.V)
			}
		}
	}
	return out
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// allEmbedded reads pdffonts' table: every font row says "yes" in the emb column.
func allEmbedded(out string) bool {
	rows := 0
	for _, line := range strings.Split(out, "\n")[2:] {
		f := strings.Fields(line)
		if len(f) < 5 {
			continue
		}
		rows++
		// name type [type…] encoding emb sub uni object ID: emb is the 5th field from the end
		if f[len(f)-5] != "yes" {
			return false
		}
	}
	return rows > 0
}

// flat removes all white space, so that text can be compared across line breaks.
func flat(s string) string { return strings.Join(strings.Fields(s), "") }

// TestTextExtractsInOrder: pdftotext gives back the plan's every paragraph,
// unit and scoring point in order, and a form's every point id, point text
// and evidence, each whole and in order.
func TestTextExtractsInOrder(t *testing.T) {
	gbcheck.NeedTools(t, "pdftotext", "qpdf")
	dir := seedBuild(t)
	y := loadYear(t, filepath.Join(root, "seeds"), 2020)
	p := y.Plan
	var want []string
	for _, b := range p.Notice.Body {
		want = append(want, b.Text)
	}
	want = append(want, p.Program.Title)
	for _, b := range p.Program.Blocks {
		want = append(want, b.Text)
	}
	for _, u := range p.Units {
		want = append(want, u.Name)
	}
	plan := filepath.Join(dir, "实施方案.pdf")
	inOrder(t, "实施方案.pdf", flat(columns(t, plan, nil)[0]), want)
	var ids, texts []string
	for _, pt := range p.Points {
		ids = append(ids, pt.ID)
		texts = append(texts, pt.Text)
	}
	// 附件2's table: 类型 | 考评内容 | 考评要点 | 备注 (compose's widths, mm).
	// A mark squeezed at a cell line's end may come out of pdftotext on a
	// line of its own, where it cannot be told from a stray of the column
	// before: the table's text is compared without those marks.
	var bare []string
	for _, x := range texts {
		bare = append(bare, noMarks(x))
	}
	inOrder(t, "实施方案.pdf 附件2", noMarks(flat(columns(t, plan, []float64{20, 34, 90, 12})[2])), bare)

	// A form's cells stand side by side: read it column by column.
	u := y.In.Units[2]
	var evidence []string
	for i := range p.Points {
		if e := u.Self[i].Evidence; e != "" {
			evidence = append(evidence, e)
		}
	}
	form := columns(t, filepath.Join(dir, "自评表", "03-市政府办公室.pdf"), []float64{15, 22, 56, 10, 13, 40})
	inOrder(t, "自评表 编号", flat(form[0]), ids)
	inOrder(t, "自评表 考评要点", flat(form[2]), texts)
	inOrder(t, "自评表 完成情况", flat(form[5]), evidence)
}

// noMarks drops the marks reStray may drop.
func noMarks(s string) string { return reMarks.ReplaceAllString(s, "") }

var reMarks = regexp.MustCompile(`[、，。：；！？]`)

var reStray = regexp.MustCompile(`(?m)^[、，。：；！？]\s+`)

// tableHeads are the header cells repeated on every page of a table.
var tableHeads = []string{"完成情况/佐证材料", "考评内容", "考评要点", "自评得分", "编号", "类型", "备注", "分值", "自评", "得分"}

// columns reads, with pdftotext cropping to each column of the text block
// (widths in mm from its left edge; nil gives the whole block), the text of
// every column page by page, top to bottom, without the running header, the
// page numbers (both outside the block) or the repeated table headers.
func columns(t *testing.T, path string, widths []float64) []string {
	t.Helper()
	if widths == nil {
		widths = []float64{156}
	}
	var out []string
	x := 28.0
	top, height := float64(gbcheck.BlockTop)-2, float64(gbcheck.BlockBottom-gbcheck.BlockTop)+4
	for _, w := range widths {
		args := []string{"-enc", "UTF-8", "-x", fmt.Sprint(int(x * gbcheck.MM)), "-y", fmt.Sprint(int(top)),
			"-W", fmt.Sprint(int(w*gbcheck.MM) + 1), "-H", fmt.Sprint(int(height)), path, "-"}
		b, err := exec.Command("pdftotext", args...).Output()
		if err != nil {
			t.Fatalf("pdftotext %v: %v", args, err)
		}
		// A mark squeezed to half width at the end of a cell's line keeps its
		// full advance, which reaches into the next column: drop such strays.
		text := reStray.ReplaceAllString(string(b), "")
		for _, h := range tableHeads {
			text = strings.ReplaceAll(text, h, "")
		}
		out = append(out, text)
		x += w
	}
	return out
}

// inOrder checks that every text of want occurs in got after the previous one.
func inOrder(t *testing.T, what, got string, want []string) {
	t.Helper()
	at := 0
	for _, w := range want {
		k := strings.Index(got[at:], flat(w))
		if k < 0 {
			t.Errorf("%s: %q missing or out of order", what, w)
			continue
		}
		at += k + len(flat(w))
	}
}

// gongwen lists the 公文 of a 2020 build: the documents the committee
// stamps, each with its sealed signature.
func gongwen(dir string) []string {
	files := []string{"实施方案.pdf", "表彰通知.pdf", "考评通知.pdf", "征求意见函.pdf", "公示.pdf",
		"反馈意见/01-市委办公室.pdf", "反馈意见/03-市政府办公室.pdf", "反馈意见/70-市红十字会.pdf"}
	for i := range files {
		files[i] = filepath.Join(dir, filepath.FromSlash(files[i]))
	}
	return files
}

// TestSealedLayout measures the signature of every 公文 from outside
// (GB/T 9704-2012 7.3.5.1): the date ends four characters in from the
// block's right edge, the signature is centred over it, and the 42 mm seal
// area, centred on them, holds no other text, its top within one line below
// the text above it.
func TestSealedLayout(t *testing.T) {
	gbcheck.NeedTools(t, "pdftotext", "qpdf")
	dir := seedBuild(t)
	for _, f := range gongwen(dir) {
		rel, _ := filepath.Rel(dir, f)
		t.Run(rel, func(t *testing.T) {
			if _, err := os.Stat(f); err != nil {
				t.Fatal(err)
			}
			pages, err := gbcheck.Measure(f)
			if err != nil {
				t.Fatal(err)
			}
			s, ok := gbcheck.FindSeal(pages)
			if !ok {
				t.Fatal("no signature with a date below it")
			}
			const char = 156 * gbcheck.MM / 28
			t.Logf("page %d: date ends %.2f mm from the right edge (four characters: %.2f mm); signature centre %.2f mm off",
				s.Page, (gbcheck.BlockRight-s.Date.XMax)/gbcheck.MM, 4*char/gbcheck.MM, ((s.Sig.XMin+s.Sig.XMax)/2-s.CX)/gbcheck.MM)
			for _, e := range gbcheck.SealViolations(pages, s) {
				t.Error(e)
			}
			// the signature's page holds body text too (7.3.5.4)
			if n := len(pages[s.Page-1]); n < 5 {
				t.Errorf("page %d holds %d lines: the signature stands nearly alone", s.Page, n)
			}
		})
	}
}

// TestPageNumberDashes renders the page numbers and measures their dashes:
// 一字线 of 4号, one em (4.94 mm) each.
func TestPageNumberDashes(t *testing.T) {
	gbcheck.NeedTools(t, "pdftoppm")
	dir := seedBuild(t)
	const em = 14 / gbcheck.MM
	for _, c := range []struct {
		file string
		page int
	}{{"表彰通知.pdf", 1}, {"表彰通知.pdf", 2}, {"实施方案.pdf", 12}, {"单位名单.pdf", 1}, {"自评表/01-市委办公室.pdf", 1}} {
		lens, err := gbcheck.DashLengths(filepath.Join(dir, filepath.FromSlash(c.file)), c.page)
		if err != nil {
			t.Fatal(err)
		}
		if len(lens) != 2 {
			t.Errorf("%s page %d: %d dashes (%v), want 2", c.file, c.page, len(lens), lens)
			continue
		}
		for _, l := range lens {
			if math.Abs(l-em) > 0.15 {
				t.Errorf("%s page %d: a dash is %.2f mm long, want %.2f (one em of 4号)", c.file, c.page, l, em)
			}
		}
		t.Logf("%s page %d: dashes %.2f and %.2f mm", c.file, c.page, lens[0], lens[1])
	}
}

// TestWordingFollowsTheRecord: the 2020 sample year.toml records the
// opinions sought and a 公示 without objection, but no other assessments
// combined: the notice says the first two and not the third.
func TestWordingFollowsTheRecord(t *testing.T) {
	gbcheck.NeedTools(t, "pdftotext")
	dir := seedBuild(t)
	text := flat(pdftotext(t, filepath.Join(dir, "表彰通知.pdf")))
	for claim, want := range map[string]bool{
		"并征求了纪检监察、巡视巡察、审计等部门意见": true,
		"经公示无异议": true,
		"进行综合考评": false,
		"动态管理":   false,
	} {
		if got := strings.Contains(text, claim); got != want {
			t.Errorf("notice says %q: %v, want %v (seeds/2020/year.toml)", claim, got, want)
		}
	}
	for _, f := range []string{"考评通知.pdf", "征求意见函.pdf", "公示.pdf"} {
		text := flat(pdftotext(t, filepath.Join(dir, f)))
		for _, bad := range []string{"{{", "}}", "<no value>", "%!"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s contains %q", f, bad)
			}
		}
	}
	if text := flat(pdftotext(t, filepath.Join(dir, "考评通知.pdf"))); !strings.Contains(text, "于2020年12月15日前报送") || !strings.Contains(text, "联系人：王明") {
		t.Errorf("考评通知 lacks the deadline or the contact")
	}
	if text := flat(pdftotext(t, filepath.Join(dir, "公示.pdf"))); !strings.Contains(text, "公示期为2021年1月11日至2021年1月15日") || !strings.Contains(text, "0391-1234567") {
		t.Errorf("公示 lacks its period or telephone")
	}
}
