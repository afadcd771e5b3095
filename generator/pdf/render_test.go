package pdf

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"mofan/generator/fontset"
	"mofan/generator/input"
	"mofan/generator/layout"
	"mofan/generator/model"
	"mofan/internal/gbcheck"
)

const fontsConfig = "../../fonts/fonts.toml"

var (
	fontsOnce sync.Once
	fontsSet  *fontset.Set
	fontsErr  error
	rendOnce  sync.Once
	rend      *Renderer
	rendErr   error
)

// inCI reports whether missing tools must fail the tests instead of skipping them.
func inCI() bool { return os.Getenv("CI") != "" }

func loadFonts(t testing.TB) *fontset.Set {
	t.Helper()
	fontsOnce.Do(func() { fontsSet, fontsErr = loadConfig(fontsConfig) })
	if fontsErr != nil {
		if inCI() {
			t.Fatalf("fonts: %v", fontsErr)
		}
		t.Skipf("fonts not available (%v): run fonts/fetch.sh", fontsErr)
	}
	return fontsSet
}

func renderer(t testing.TB) *Renderer {
	t.Helper()
	set := loadFonts(t)
	rendOnce.Do(func() { rend, rendErr = New(set) })
	if rendErr != nil {
		t.Fatal(rendErr)
	}
	return rend
}

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if inCI() {
				t.Fatalf("%s is missing (apt-get install poppler-utils qpdf)", tool)
			}
			t.Skipf("%s is missing: install poppler-utils and qpdf to run this test", tool)
		}
	}
}

const trapPara = "为深入贯彻落实习近平总书记在中央和国家机关党的建设工作会议上的重要讲话精神，根据中央《关于加强党的政治建设的意见》、中央和国家机关工委《关于创建“让党中央放心、让人民群众满意的模范机关”的意见》、省委直属机关工委《关于实施机关党建提质行动建设模范机关的意见》精神和全市机关党的建设工作会议各项部署——推动市直机关模范机关创建工作扎实开展……制定如下实施方案。"

// sampleDoc is a notice with every part of a 公文: 版头, title, 主送,
// paragraphs with punctuation traps, four heading levels, 附件说明, signature,
// an attachment with a table of about three pages, and a 版记.
func sampleDoc() *layout.Document {
	var rows []layout.Row
	groups := []string{"市直机关", "省部属驻焦单位", "市属企业", "学校医院"}
	for i := 1; i <= 56; i++ {
		name := fmt.Sprintf("中共焦作市第%d局机关委员会", i)
		if i%7 == 0 {
			name = fmt.Sprintf("焦作市第%d人民医院党委（含所属分院、社区卫生服务中心）", i)
		}
		if i == 9 {
			name = "焦作市王堃同志所在的第九局党支部"
		}
		rows = append(rows, layout.Row{Cells: []layout.Cell{
			{Text: fmt.Sprint(i)},
			{Text: name, Bold: i == 1},
			{Text: groups[(i-1)/15], Merge: (i-1)%15 != 0},
		}})
	}
	return &layout.Document{
		Info: layout.Info{Title: "关于命名表彰2020年度市直机关创建模范机关先进单位的决定", Author: "中共焦作市委市直机关工作委员会",
			Subject: "命名表彰", Created: time.Date(2021, 1, 20, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))},
		Head: &layout.Head{Issuer: "中共焦作市委市直机关工作委员会", Number: "焦直文〔2021〕5号"},
		Blocks: []layout.Block{
			{Kind: layout.Title, Text: "关于命名表彰2020年度市直机关创建模范机关先进单位的决定"},
			{Kind: layout.Addressee, Text: "市直和省部属驻焦各单位基层党组织："},
			{Kind: layout.Para, Text: trapPara},
			{Kind: layout.Heading1, Text: "一、总体要求"},
			{Kind: layout.Para, Text: strings.Repeat("坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实新时代党的建设总要求，以党的政治建设为统领，", 3) + "按照GB/T 9704-2012的要求，共有70家单位、占比30%。"},
			{Kind: layout.Heading2, Text: "（一）坚持政治统领。", Tail: "把加强党的政治建设部署要求贯穿于创建模范机关全过程，坚持旗帜鲜明讲政治，切实增强市直机关的政治功能，永葆政治本色。"},
			{Kind: layout.Heading3, Text: "1．理论武装强信念。", Tail: "深入学习贯彻习近平新时代中国特色社会主义思想，引导党员干部增强“四个意识”、坚定“四个自信”、做到“两个维护”。"},
			{Kind: layout.Heading4, Text: "（1）深化理论学习。", Tail: trapPara},
			{Kind: layout.Para, Text: trapPara},
			{Kind: layout.AttachNote, Items: []string{"2020年度市直机关创建模范机关先进单位名单", "市直机关创建模范机关考评要点（2020年度）"}},
			{Kind: layout.Signature, Text: "中共焦作市委市直机关工委", Date: "2021年1月20日"},
			{Kind: layout.Attachment, Label: "附件1", Text: "2020年度市直机关创建模范机关先进单位名单"},
			{Kind: layout.TableBlock, Table: &layout.Table{
				Columns: []layout.Column{
					{Title: "序号", Width: 18, Align: layout.Center},
					{Title: "单位名称", Width: 102},
					{Title: "类别", Width: 36, Align: layout.Center, Role: model.RoleKai},
				},
				FontSize: 14,
				Rows:     rows,
			}},
		},
		Colophon: &layout.Colophon{CC: "市委办公室，市人大常委会办公室，市政府办公室，市政协办公室", Printer: "中共焦作市委市直机关工委办公室", PrintDate: "2021年1月20日"},
	}
}

// renderSample lays out and renders the sample into a temporary file.
func renderSample(t *testing.T) (path string, pages []layout.Page, data []byte) {
	t.Helper()
	r := renderer(t)
	doc := sampleDoc()
	pages, err := layout.Layout(doc, loadFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	data, err = r.Render(doc, pages)
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("MOFAN_PDF_OUT") // keep the file for a look: MOFAN_PDF_OUT=/tmp go test
	if dir == "" {
		dir = t.TempDir()
	}
	path = filepath.Join(dir, "sample.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, pages, data
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestQpdfCheckAndFonts(t *testing.T) {
	needTools(t, "qpdf", "pdffonts")
	path, _, _ := renderSample(t)
	run(t, "qpdf", "--check", path)
	out := run(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
		if f[len(f)-4] != "yes" || !regexp.MustCompile(`^[A-Z]{6}\+`).MatchString(f[0]) {
			t.Errorf("font not named as a subset: %s", l)
		}
		if f[len(f)-3] != "yes" {
			t.Errorf("font without ToUnicode: %s", l)
		}
	}
	if n := len(lines) - 2; n < 5 {
		t.Errorf("%d fonts, want all 5 roles used by the sample:\n%s", n, out)
	}
	if _, err := exec.LookPath("pdfinfo"); err == nil {
		info := run(t, "pdfinfo", path)
		for _, want := range []string{"关于命名表彰2020年度市直机关创建模范机关先进单位的决定", "中共焦作市委市直机关工作委员会", "(A4)"} {
			if !strings.Contains(info, want) {
				t.Errorf("pdfinfo lacks %q:\n%s", want, info)
			}
		}
	}
}

func TestTextInOrder(t *testing.T) {
	needTools(t, "pdftotext")
	path, _, _ := renderSample(t)
	out := run(t, "pdftotext", "-enc", "UTF-8", path, "-")
	flat := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\f' {
			return -1
		}
		return r
	}, out)
	want := []string{
		"中共焦作市委市直机关工作委员会", "焦直文〔2021〕5号",
		"关于命名表彰2020年度市直机关", "市直和省部属驻焦各单位基层党组织：",
		strings.ReplaceAll(trapPara, " ", ""),
		"一、总体要求", "（一）坚持政治统领。把加强党的政治建设", "1．理论武装强信念。", "（1）深化理论学习。",
		"附件：1．2020年度市直机关创建模范机关先进单位名单", "2．市直机关创建模范机关考评要点（2020年度）",
		"中共焦作市委市直机关工委", "2021年1月20日", "附件1", "序号", "单位名称", "中共焦作市第1局机关委员会",
		"焦作市王堃同志所在的第九局党支部", "中共焦作市第55局机关委员会",
		"抄送：市委办公室，市人大常委会办公室，市政府办公室，市政协办公室。", "中共焦作市委市直机关工委办公室", "2021年1月20日印发",
	}
	at := 0
	for _, w := range want {
		k := strings.Index(flat[at:], w)
		if k < 0 {
			t.Errorf("text %q not found in order after offset %d", w, at)
			continue
		}
		at += k + len(w)
	}
	for _, pn := range []string{"—1—", "—2—", "—3—"} {
		if !strings.Contains(flat, pn) {
			t.Errorf("page number %s missing", pn)
		}
	}
	if t.Failed() {
		t.Logf("pdftotext:\n%s", out)
	}
}

// pdfLine is the words of one baseline on a page, measured from the PDF.
type pdfLine = gbcheck.Line

func measure(t *testing.T, path string) [][]pdfLine {
	t.Helper()
	pages, err := gbcheck.Measure(path)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

const mm = 72 / 25.4

func TestMeasuredGeometry(t *testing.T) {
	needTools(t, "pdftotext")
	path, pages, _ := renderSample(t)
	measured := measure(t, path)
	if len(measured) != len(pages) {
		t.Fatalf("pdftotext sees %d pages, layout made %d", len(measured), len(pages))
	}
	isBody := func(l pdfLine) bool {
		return l.Size == 16 && l.Base > layout.BlockTop && l.Base < layout.BlockBottom
	}
	// page 2 is a full page of body text
	var bl []pdfLine
	for _, l := range measured[1] {
		if isBody(l) {
			bl = append(bl, l)
		}
	}
	if len(bl) != layout.GridLines {
		for _, l := range measured[1] {
			t.Logf("base %.2f size %.1f x %.2f–%.2f %s", l.Base, l.Size, l.XMin, l.XMax, l.Text)
		}
		t.Fatalf("page 2 holds %d body lines, want %d", len(bl), layout.GridLines)
	}
	for i := 1; i < len(bl); i++ {
		if d := bl[i].Base - bl[i-1].Base; math.Abs(d-28.99) > 0.2 {
			t.Errorf("line pitch %.3f pt between lines %d and %d, want 28.99 ± 0.2", d, i, i+1)
		}
	}
	t.Logf("page 2: %d lines, pitch %.3f pt (first to last / 21)", len(bl), (bl[len(bl)-1].Base-bl[0].Base)/21)
	// the first body line sits in the first grid cell below 37 mm
	top := bl[0].Base - 16*0.88
	if top < 37*mm-0.5 || bl[0].Base+16*0.12 > 37*mm+28.99+0.5 {
		t.Errorf("first line: em box %.2f–%.2f mm, want within the first grid cell %.2f–%.2f mm",
			top/mm, (bl[0].Base+16*0.12)/mm, 37.0, 37+28.99/mm)
	}
	t.Logf("first body line baseline %.2f mm from the top (grid cell 37.00–%.2f mm)", bl[0].Base/mm, 37+28.99/mm)
	// left edge and full lines
	full := 0
	for _, l := range bl {
		left := l.XMin / mm
		if math.Abs(left-28) > 0.5 && math.Abs(left-28-2*layout.CharPitch/mm) > 0.5 {
			t.Errorf("line starts at %.2f mm: %s", left, l.Text)
		}
		n := len([]rune(l.Text))
		if math.Abs(left-28) <= 0.5 && n == 28 && isCJKOnly(l.Text) {
			full++
			if right := l.XMax / mm; math.Abs(right-184) > 0.5 {
				t.Errorf("full line ends at %.2f mm, want 184: %s", right, l.Text)
			}
		}
	}
	if full == 0 {
		t.Errorf("no full line of 28 CJK characters on page 2")
	}
	t.Logf("page 2: %d full lines of exactly 28 characters from 28.00 mm to 184.00 mm", full)
	// page numbers
	for i, p := range measured {
		var num *pdfLine
		for k := range p {
			if strings.HasPrefix(p[k].Text, "—") {
				num = &p[k]
			}
		}
		if !pages[i].ShowNumber {
			if num != nil {
				t.Errorf("page %d: unexpected number %s", i+1, num.Text)
			}
			continue
		}
		if num == nil {
			t.Errorf("page %d: no page number", i+1)
			continue
		}
		want := fmt.Sprintf("—%d—", i+1)
		if strings.ReplaceAll(num.Text, " ", "") != want {
			t.Errorf("page %d: number %q, want %q", i+1, num.Text, want)
		}
		if (i+1)%2 == 1 {
			if d := (layout.BlockRight - 14 - num.XMax) / mm; math.Abs(d) > 0.5 {
				t.Errorf("page %d: number ends %.2f mm from one character in from the right", i+1, d)
			}
		} else if d := (num.XMin - layout.BlockLeft - 14) / mm; math.Abs(d) > 0.5 {
			t.Errorf("page %d: number starts %.2f mm from one character in from the left", i+1, d)
		}
		// the top of the dash line (0.30 em above the baseline) 7 mm below the block
		dash := num.Base - 0.30*14
		if d := (dash - layout.BlockBottom) / mm; math.Abs(d-7) > 0.5 {
			t.Errorf("page %d: dash %.2f mm below the block, want 7", i+1, d)
		}
	}
}

func isCJKOnly(s string) bool {
	for _, r := range s {
		if r < 0x2E80 {
			return false
		}
	}
	return true
}

func TestDeterministicAndConcurrent(t *testing.T) {
	r := renderer(t)
	set := loadFonts(t)
	doc := sampleDoc()
	pages, err := layout.Layout(doc, set)
	if err != nil {
		t.Fatal(err)
	}
	first, err := r.Render(doc, pages)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	errs := make([]error, 4)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ps, err := layout.Layout(doc, set)
			if err != nil {
				errs[i] = err
				return
			}
			outs[i], errs[i] = r.Render(doc, ps)
		}()
	}
	wg.Wait()
	for i := range outs {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !bytes.Equal(outs[i], first) {
			t.Errorf("render %d differs from the first (%d vs %d bytes)", i+2, len(outs[i]), len(first))
		}
	}
	if bytes.Contains(first, []byte("/CreationDate(D:20210120000000+08'00')")) == false {
		t.Errorf("CreationDate is not the document's date")
	}
}

func BenchmarkRender(b *testing.B) {
	r := renderer(b)
	set := loadFonts(b)
	fs := set
	doc := sampleDoc()
	for b.Loop() {
		pages, err := layout.Layout(doc, fs)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.Render(doc, pages); err != nil {
			b.Fatal(err)
		}
	}
}

// formDoc is a one-to-two-page checklist like the 70 per-unit forms of a run.
func formDoc(unit int) *layout.Document {
	var rows []layout.Row
	for i := 1; i <= 24; i++ {
		rows = append(rows, layout.Row{Cells: []layout.Cell{
			{Text: fmt.Sprintf("%d", i)},
			{Text: "理论武装强信念：深入学习贯彻习近平新时代中国特色社会主义思想，落实“第一议题”制度", Merge: false},
			{Text: ""}, {Text: ""},
		}})
	}
	name := fmt.Sprintf("中共焦作市第%d局机关委员会", unit)
	return &layout.Document{
		Info:   layout.Info{Title: name + "自评表", Author: "中共焦作市委市直机关工作委员会"},
		Header: name,
		Blocks: []layout.Block{
			{Kind: layout.Title, Text: "2020年度市直机关创建模范机关自评表"},
			{Kind: layout.Subtitle, Text: "（" + name + "）"},
			{Kind: layout.TableBlock, Table: &layout.Table{
				Columns: []layout.Column{{Title: "序号", Width: 14, Align: layout.Center}, {Title: "考评要点", Width: 92},
					{Title: "自评分", Width: 20, Align: layout.Center}, {Title: "佐证材料", Width: 30}},
				Rows: rows,
			}},
			{Kind: layout.Lines, Items: []string{"填报单位（盖章）：________  书记签字：________  填报日期：________"}},
		},
	}
}

// Benchmark70Forms lays out and renders 70 forms on two goroutines, as a run does.
func Benchmark70Forms(b *testing.B) {
	r := renderer(b)
	fs := loadFonts(b)
	docs := make([]*layout.Document, 70)
	for i := range docs {
		docs[i] = formDoc(i + 1)
	}
	for b.Loop() {
		var wg sync.WaitGroup
		next := make(chan *layout.Document)
		for w := 0; w < 2; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for doc := range next {
					pages, err := layout.Layout(doc, fs)
					if err != nil {
						b.Error(err)
						continue
					}
					if _, err := r.Render(doc, pages); err != nil {
						b.Error(err)
					}
				}
			}()
		}
		for _, d := range docs {
			next <- d
		}
		close(next)
		wg.Wait()
	}
}

// loadConfig reads fonts.toml through the TOML adapter and loads its fonts.
func loadConfig(path string) (*fontset.Set, error) {
	specs, err := input.LoadFontConfig(path)
	if err != nil {
		return nil, err
	}
	return fontset.Load(specs)
}

// TestSameBytesWhateverCameBefore: a document's bytes do not depend on what
// the renderer drew before (the glyph chunks it cached).
func TestSameBytesWhateverCameBefore(t *testing.T) {
	set := loadFonts(t)
	render := func(r *Renderer, d *layout.Document) []byte {
		pages, err := layout.Layout(d, set)
		if err != nil {
			t.Fatal(err)
		}
		b, err := r.Render(d, pages)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	r1, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	render(r1, sampleDoc())
	render(r1, formDoc(1))
	after := render(r1, formDoc(2))
	r2, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	alone := render(r2, formDoc(2))
	if !bytes.Equal(after, alone) {
		t.Errorf("the same document gives %d bytes after others, %d alone", len(after), len(alone))
	}
	if r1.cached.Load() == 0 {
		t.Errorf("no glyph chunk was cached")
	}
}
