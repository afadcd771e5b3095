// Package arch holds the test that keeps the package graph as
// docs/ARCHITECTURE.md draws it.
package arch

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// pkg is what go list says of a package.
type pkg struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
	Deps       []string
	Standard   bool
}

func list(t *testing.T) map[string]pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "-json", "mofan/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]pkg{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs[p.ImportPath] = p
	}
	return pkgs
}

// module reports whether path is a third-party module's package (not the
// standard library, not mofan).
func thirdParty(p pkg) bool {
	return !p.Standard && !strings.HasPrefix(p.ImportPath, "mofan/") && !strings.HasPrefix(p.ImportPath, "vendor/")
}

// owner maps each third-party module to the one mofan package allowed to import it.
var owner = map[string]string{
	"github.com/yuin/goldmark":    "mofan/generator/plan",
	"github.com/BurntSushi/toml":  "mofan/generator/input",
	"github.com/xuri/excelize/v2": "mofan/generator/sheet",
	"golang.org/x/image":          "mofan/generator/fontset",
	"golang.org/x/text":           "mofan/generator/textenc",
	// every deflate stream mofan writes goes through internal/deflate
	"github.com/klauspost/compress": "mofan/internal/deflate",
}

func moduleOf(path string) string {
	for m := range owner {
		if path == m || strings.HasPrefix(path, m+"/") {
			return m
		}
	}
	return path
}

// TestThirdPartyImportedOnce: each third-party library is imported by
// exactly one mofan package, and only libraries listed in owner are used.
func TestThirdPartyImportedOnce(t *testing.T) {
	pkgs := list(t)
	importers := map[string]map[string]bool{}
	for _, p := range pkgs {
		if !strings.HasPrefix(p.ImportPath, "mofan/") {
			continue
		}
		for _, imp := range p.Imports {
			if q, ok := pkgs[imp]; ok && thirdParty(q) {
				m := moduleOf(imp)
				if importers[m] == nil {
					importers[m] = map[string]bool{}
				}
				importers[m][p.ImportPath] = true
			}
		}
	}
	for m, by := range importers {
		want, known := owner[m]
		var got []string
		for p := range by {
			got = append(got, p)
		}
		sort.Strings(got)
		switch {
		case !known:
			t.Errorf("%s is imported by %v but is not an approved dependency (README, dependency section)", m, got)
		case len(got) != 1 || got[0] != want:
			t.Errorf("%s is imported by %v, want only %s", m, got, want)
		}
	}
}

// TestCentreLinksNoParser: the model imports only the standard library and
// diag; layout and score link no parser or file-format library at all.
func TestCentreLinksNoParser(t *testing.T) {
	pkgs := list(t)
	for _, name := range []string{"mofan/generator/model", "mofan/generator/diag", "mofan/generator/layout", "mofan/generator/score"} {
		p, ok := pkgs[name]
		if !ok {
			t.Fatalf("%s not found", name)
		}
		for _, d := range p.Deps {
			q := pkgs[d]
			if thirdParty(q) {
				t.Errorf("%s links %s", name, d)
			}
			if strings.HasPrefix(d, "mofan/") && d != "mofan/generator/model" && d != "mofan/generator/diag" {
				t.Errorf("%s links %s: only model and diag may sit below it", name, d)
			}
		}
	}
}

// zipWriterVar finds a variable holding a new zip.Writer.
var zipWriterVar = regexp.MustCompile(`(\w+) :?= zip\.NewWriter\(`)

// TestOneDeflateEngine: every deflate stream goes through internal/deflate.
// No other package imports a standard-library compressor, and code that
// writes deflated zip entries registers internal/deflate's compressor
// (archive/zip would otherwise use compress/flate): a file that makes a
// zip.Writer and lets it compress (its Create, or its CreateHeader with
// zip.Deflate; CreateRaw takes entries compressed already) registers it.
func TestOneDeflateEngine(t *testing.T) {
	for _, p := range list(t) {
		if !strings.HasPrefix(p.ImportPath, "mofan/") || p.ImportPath == "mofan/internal/deflate" {
			continue
		}
		for _, imp := range p.Imports {
			if imp == "compress/flate" || imp == "compress/zlib" || imp == "compress/gzip" {
				t.Errorf("%s imports %s: compress through mofan/internal/deflate", p.ImportPath, imp)
			}
		}
		for _, f := range p.GoFiles {
			src, err := os.ReadFile(filepath.Join(p.Dir, f))
			if err != nil {
				t.Fatal(err)
			}
			compresses := false
			for _, m := range zipWriterVar.FindAllSubmatch(src, -1) {
				zw := regexp.QuoteMeta(string(m[1]))
				create := regexp.MustCompile(`\b` + zw + `\.Create\(`)
				header := regexp.MustCompile(`\b` + zw + `\.CreateHeader\(`)
				if create.Match(src) || header.Match(src) && bytes.Contains(src, []byte("zip.Deflate")) {
					compresses = true
				}
			}
			if compresses && !bytes.Contains(src, []byte("RegisterCompressor(zip.Deflate,")) {
				t.Errorf("%s writes zip.Deflate entries without registering deflate.Compressor", filepath.Join(p.ImportPath, f))
			}
		}
	}
}
