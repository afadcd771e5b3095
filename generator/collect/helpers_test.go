package collect

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"mofan/generator/diag"
	"mofan/generator/input"
	"mofan/generator/model"
	"mofan/generator/plan"
	"mofan/generator/sheet"
	"mofan/internal/readers"
)

const shippedSeeds = "../../seeds"

// seedsCopy copies the shipped plan and 2020 inputs into a temporary seeds
// folder and returns it.
func seedsCopy(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	copyTree(t, filepath.Join(shippedSeeds, "2020"), filepath.Join(root, "2020"))
	copyFile(t, filepath.Join(shippedSeeds, "plan.md"), filepath.Join(root, "plan.md"))
	return root
}

func copyTree(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if filepath.Ext(path) != ".toml" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	must(t, err)
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	must(t, err)
	must(t, os.WriteFile(to, b, 0o644))
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// source loads the plan and year.toml of a seeds copy.
func source(t testing.TB, root string) (*model.Plan, *model.Year) {
	t.Helper()
	p, err := plan.Load(filepath.Join(root, "plan.md"))
	must(t, err)
	var probs diag.List
	y := input.LoadYear(filepath.Join(root, "2020", "year.toml"), 2020, p, &probs)
	must(t, probs.Err())
	return p, y
}

// collector collects into the seeds copy.
func collector(t testing.TB, root string) *Collector {
	t.Helper()
	p, y := source(t, root)
	return &Collector{Dir: filepath.Join(root, "2020"), Plan: p, Year: y}
}

// blankForm is the 自评表 mofan issues to unit no, with nothing entered.
func blankForm(t testing.TB, p *model.Plan, y *model.Year, no int, name string) []byte {
	t.Helper()
	if name == "" {
		name = p.Units[no-1].Name
	}
	u := &model.Unit{No: no, Name: name, Self: make([]model.Assessment, len(p.Points)), Review: make([]model.Review, len(p.Points))}
	b, err := sheet.SelfForm(p, y, u)
	must(t, err)
	return b
}

// rezip rewrites the parts of a zip package with edit (nil: keep the part),
// independently of excelize: archive/zip and the raw XML. Parts named in add
// are appended.
func rezip(t testing.TB, data []byte, edit func(name string, b []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		must(t, err)
		b, err := io.ReadAll(rc)
		must(t, err)
		rc.Close()
		if edit != nil {
			if nb := edit(f.Name, b); nb != nil {
				b = nb
			}
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
		must(t, err)
		_, err = w.Write(b)
		must(t, err)
	}
	must(t, zw.Close())
	return out.Bytes()
}

// cellValue is what fill writes into a cell: a number or a text.
type cellValue struct {
	num  string
	text string
}

func num(s string) cellValue  { return cellValue{num: s} }
func text(s string) cellValue { return cellValue{text: s} }

// fill writes values into cells of the first worksheet by editing its XML,
// as a second, independent writer would; each cell keeps its style.
func fill(t testing.TB, data []byte, cells map[string]cellValue) []byte {
	t.Helper()
	return rezip(t, data, func(name string, b []byte) []byte {
		if name != "xl/worksheets/sheet1.xml" {
			return nil
		}
		refs := make([]string, 0, len(cells))
		for ref := range cells {
			refs = append(refs, ref)
		}
		sort.Strings(refs)
		for _, ref := range refs {
			v := cells[ref]
			re := regexp.MustCompile(`<c r="` + ref + `"([^>]*?)(/>|>.*?</c>)`)
			m := re.FindSubmatch(b)
			if m == nil {
				t.Fatalf("no cell %s in the sheet XML", ref)
			}
			style := regexp.MustCompile(` s="\d+"`).Find(m[1])
			var c string
			if v.text != "" {
				c = fmt.Sprintf(`<c r="%s"%s t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, style, html.EscapeString(v.text))
			} else {
				c = fmt.Sprintf(`<c r="%s"%s><v>%s</v></c>`, ref, style, v.num)
			}
			b = re.ReplaceAllLiteral(b, []byte(c))
		}
		return b
	})
}

// setModified sets the modification date of docProps/core.xml.
func setModified(t *testing.T, data []byte, when string) []byte {
	t.Helper()
	re := regexp.MustCompile(`(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)`)
	return rezip(t, data, func(name string, b []byte) []byte {
		if name != "docProps/core.xml" {
			return nil
		}
		if !re.Match(b) {
			t.Fatal("no dcterms:modified in core.xml")
		}
		return re.ReplaceAll(b, []byte("${1}"+when+"${2}"))
	})
}

// needTool skips (or, under CI, fails) the test when a program is missing.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		msg := fmt.Sprintf("%s not found: install %s (apt-get install -y %s) to run this test", name, pkg, pkg)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}

// soffice converts files with LibreOffice headless into outDir (through
// the test binary's one LibreOffice, see readers.Convert).
func soffice(t *testing.T, format, outDir string, files ...string) {
	t.Helper()
	needTool(t, "soffice", "libreoffice-calc-nogui")
	if err := readers.Convert(format, outDir, files...); err != nil {
		t.Fatal(err)
	}
}

// treeHash is a digest of every path and file content under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		fmt.Fprintf(h, "%s\x00%v\x00", rel, d.IsDir())
		if !d.IsDir() {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			h.Write(b)
		}
		return nil
	})
	must(t, err)
	return hex.EncodeToString(h.Sum(nil))
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	must(t, os.WriteFile(path, data, 0o644))
	return path
}
