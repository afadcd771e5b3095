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
// unit's checklist and form.
func pdfs(t *testing.T, dir string) []string {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".pdf") {
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

// TestDocumentsFollowGBT9704 measures every PDF of the build: body lines on
// the grid and inside the text block, page numbers where the standard puts
// them, and no line (of a paragraph or a table cell) starting or ending with
// a forbidden mark or splitting a —— or …….
func TestDocumentsFollowGBT9704(t *testing.T) {
	gbcheck.NeedTools(t, "pdftotext", "qpdf")
	dir := seedBuild(t)
	files := pdfs(t, dir)
	if len(files) != 4+2*70 {
		t.Fatalf("%d PDFs, want %d", len(files), 4+2*70)
	}
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
			t.Fatal(err)
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
