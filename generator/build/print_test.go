package build

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mofan/generator/model"
	"mofan/internal/gbcheck"
)

// TestPrintFile: 打印.pdf holds the notice with its attachment, the summary
// and the unit list, in that order, page for page as their own files (each
// starting on an odd page), with a bookmark for each document.
func TestPrintFile(t *testing.T) {
	gbcheck.NeedTools(t, "pdftotext", "qpdf", "mutool")
	dir := seedBuild(t)
	path := filepath.Join(dir, "打印.pdf")
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	var want []string
	for _, f := range []string{"表彰通知.pdf", "考评汇总.pdf", "单位名单.pdf"} {
		pages := strings.Split(strings.TrimSuffix(pdftotext(t, filepath.Join(dir, f)), "\f"), "\f")
		if len(pages)%2 == 1 {
			pages = append(pages, "")
		}
		want = append(want, pages...)
	}
	got := strings.Split(strings.TrimSuffix(pdftotext(t, path), "\f"), "\f")
	if len(got) != len(want) {
		t.Fatalf("打印.pdf has %d pages, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("page %d differs from its document:\n%s\n---\n%s", i+1, got[i], want[i])
		}
	}
	out, err := exec.Command("mutool", "show", path, "outline").Output()
	if err != nil {
		t.Fatal(err)
	}
	at := 0
	for _, w := range []string{"关于命名表彰2020年度市直机关创建模范机关先进单位的通知", "附件", "考评汇总表", "单位名单"} {
		k := strings.Index(string(out[at:]), w)
		if k < 0 {
			t.Errorf("outline lacks %q after offset %d:\n%s", w, at, out)
			continue
		}
		at += k
	}
}

// TestUnitZips: a unit's zip holds its checklist and form, PDF and
// workbook, byte for byte, and not the plan, which goes out once as
// 分发/实施方案.pdf.
func TestUnitZips(t *testing.T) {
	dir := seedBuild(t)
	y := loadYear(t, filepath.Join(root, "seeds"), 2020)
	u := y.In.Units[4]
	base := model.FileName(u.No, u.Name)
	z, err := zip.OpenReader(filepath.Join(dir, "分发", base+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	want := []string{"考评要点/" + base + ".pdf", "考评要点/" + base + ".xlsx", "自评表/" + base + ".pdf", "自评表/" + base + ".xlsx"}
	if _, err := os.Stat(filepath.Join(dir, "考评通知.pdf")); err == nil {
		want = append([]string{"考评通知.pdf"}, want...)
	}
	if len(z.File) != len(want) {
		t.Fatalf("zip holds %d files, want %v", len(z.File), want)
	}
	for i, f := range z.File {
		if f.Name != want[i] {
			t.Errorf("entry %d is %s, want %s", i, f.Name, want[i])
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(r)
		r.Close()
		orig, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Name)))
		if err != nil || !bytes.Equal(orig, b.Bytes()) {
			t.Errorf("%s in the zip differs from the file (%v)", f.Name, err)
		}
	}
	a, err1 := os.ReadFile(filepath.Join(dir, "实施方案.pdf"))
	b, err2 := os.ReadFile(filepath.Join(dir, "分发", "实施方案.pdf"))
	if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
		t.Errorf("分发/实施方案.pdf is not the plan (%v, %v)", err1, err2)
	}
}
