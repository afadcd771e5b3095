package release

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

const root = "../.."

// tarOf is a tar stream of the given files.
func tarOf(t *testing.T, files map[string]string) io.Reader {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if err := tw.WriteHeader(&tar.Header{Name: n, Mode: 0o644, Size: int64(len(files[n])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(files[n]))
	}
	tw.Close()
	return &b
}

func TestSelectAndZip(t *testing.T) {
	tree := map[string]string{
		"README.md":                         "说明",
		"fonts/fonts.toml":                  "[roles]",
		"templates/表彰通知.md":                 "模板",
		"seeds/plan.md":                     "方案",
		"seeds/2020/units/01-市委办公室.toml":    "单位",
		"seeds/2020/returned/01-市委办公室.toml": "收回的表格",
		"packaging/windows/生成文档.bat":        "@echo off\r\n",
		"packaging/windows/notes.txt":       "not packed",
		"generator/cli/cli.go":              "package cli",
		"output/2020/单位名单.pdf":              "%PDF",
	}
	exe := File{Name: "mofan.exe", Mode: 0o755, Data: []byte("MZ")}
	for _, windows := range []bool{false, true} {
		files, err := Select(tarOf(t, tree), exe, windows)
		if err != nil {
			t.Fatal(err)
		}
		var z1, z2 bytes.Buffer
		if err := Zip(&z1, "mofan-v1-os", files); err != nil {
			t.Fatal(err)
		}
		slices.Reverse(files) // the order given does not matter
		if err := Zip(&z2, "mofan-v1-os", files); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(z1.Bytes(), z2.Bytes()) {
			t.Errorf("windows=%v: two packings of the same files differ", windows)
		}
		zr, err := zip.NewReader(bytes.NewReader(z1.Bytes()), int64(z1.Len()))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, strings.TrimPrefix(f.Name, "mofan-v1-os/"))
			if f.Flags&utf8Flag == 0 || f.NonUTF8 {
				t.Errorf("%s: no UTF-8 flag (flags %#x)", f.Name, f.Flags)
			}
			if !f.Modified.Equal(Stamp) {
				t.Errorf("%s: time %v, want %v", f.Name, f.Modified, Stamp)
			}
		}
		want := []string{"README.md", "fonts/fonts.toml", "mofan.exe", "seeds/2020/units/01-市委办公室.toml", "seeds/plan.md", "templates/表彰通知.md"}
		if windows {
			want = append(want, "生成文档.bat")
		}
		slices.Sort(want)
		if !slices.Equal(names, want) {
			t.Errorf("windows=%v: entries %q, want %q", windows, names, want)
		}
		if m := zr.File[slices.Index(names, "mofan.exe")].Mode(); m != 0o755 {
			t.Errorf("mofan.exe mode %v", m)
		}
	}
	if err := Zip(io.Discard, "x", []File{{Name: "../evil"}}); err == nil {
		t.Error("a name with .. was packed")
	}
	if err := Zip(io.Discard, "x", []File{{Name: "a"}, {Name: "a"}}); err == nil {
		t.Error("a name packed twice")
	}
}

// TestLaunchers checks the bytes of the .bat files: ASCII only (read the
// same in code pages 936 and 65001), CRLF line ends, and the commands.
func TestLaunchers(t *testing.T) {
	want := map[string]string{
		"生成文档.bat":   "mofan.exe build --all",
		"检查输入.bat":   "mofan.exe check --all",
		"查看报送情况.bat": "mofan.exe status",
		"收录报回表格.bat": "mofan.exe collect %*",
	}
	paths, _ := filepath.Glob(filepath.Join(root, "packaging", "windows", "*.bat"))
	if len(paths) != len(want) {
		t.Errorf("%d launchers, want %d: %v", len(paths), len(want), paths)
	}
	for _, p := range paths {
		name := filepath.Base(p)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range b {
			if c >= 0x80 || c < 0x20 && c != '\r' && c != '\n' {
				t.Errorf("%s: byte %#x at %d; launchers must be plain ASCII", name, c, i)
				break
			}
			if c == '\n' && (i == 0 || b[i-1] != '\r') || c == '\r' && (i+1 == len(b) || b[i+1] != '\n') {
				t.Errorf("%s: line end at %d is not CRLF", name, i)
				break
			}
		}
		lines := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
		var cmds []string
		for _, l := range lines {
			if !strings.HasPrefix(l, "rem ") {
				cmds = append(cmds, l)
			}
		}
		wantCmds := []string{"@echo off", "chcp 65001 >nul", `cd /d "%~dp0"`, want[name], "pause"}
		if !slices.Equal(cmds, wantCmds) {
			t.Errorf("%s: commands %q, want %q", name, cmds, wantCmds)
		}
	}
}

// TestPackage builds the Linux package from the committed tree, unpacks it
// into a folder whose path has Chinese characters and spaces, and runs the
// binary from another folder: it must find seeds/, fonts/ and templates/
// beside itself and build the sample year.
func TestPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds mofan and a release package")
	}
	for _, tool := range []string{"git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is required under CI", tool)
			}
			t.Skipf("%s not installed", tool)
		}
	}
	tmp := t.TempDir()
	exe := filepath.Join(tmp, "mofan")
	cmd := exec.Command("go", "build", "-ldflags", "-X mofan/generator/cli.version=v9.9-测试-dirty", "-o", exe, "./cmd/mofan")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd = exec.Command("git", append([]string{"archive", "--format=tar", "HEAD", "--"}, Tracked...)...)
	cmd.Dir = root
	tree, err := cmd.Output()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("git archive: %v", err)
		}
		t.Skipf("git archive (not a git checkout?): %v", err)
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Select(bytes.NewReader(tree), File{Name: "mofan", Mode: 0o755, Data: b}, false)
	if err != nil {
		t.Fatal(err)
	}
	var zb bytes.Buffer
	if err := Zip(&zb, "mofan-test-linux-amd64", files); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(zb.Bytes()), int64(zb.Len()))
	if err != nil {
		t.Fatal(err)
	}
	chinese := 0
	for _, f := range zr.File {
		if f.Flags&utf8Flag == 0 {
			t.Errorf("%s: no UTF-8 flag", f.Name)
		}
		if !utf8.ValidString(f.Name) {
			t.Errorf("%q: not UTF-8", f.Name)
		}
		if strings.ContainsFunc(f.Name, func(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }) {
			chinese++
		}
		if strings.Contains(f.Name, "/returned/") || strings.Contains(f.Name, "/output/") || strings.HasSuffix(f.Name, ".go") {
			t.Errorf("%s should not be packed", f.Name)
		}
	}
	if chinese < 70 {
		t.Errorf("only %d entries with Chinese names", chinese)
	}
	// Unpack as a user would, into a path with Chinese characters and spaces.
	dest := filepath.Join(tmp, "测试 目录", "模范 机关")
	for _, f := range zr.File {
		path := filepath.Join(dest, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, f.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dest, "mofan-test-linux-amd64", "mofan")
	work := filepath.Join(tmp, "另一个 目录")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	mofan := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = work
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("mofan %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	if out := mofan("version"); !strings.HasPrefix(out, "mofan v9.9-测试-dirty\n"+runtime.Version()) {
		t.Errorf("mofan version: %q", out)
	}
	if out := mofan("check", "--all"); !strings.Contains(out, "检查通过：2020 年度") {
		t.Errorf("mofan check --all: %s", out)
	}
	mofan("build", "--year", "2020", "--quiet")
	sums, err := os.ReadFile(filepath.Join(work, "output", "2020", "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(sums)), "\n")
	for _, want := range []string{"  实施方案.pdf", "  考评汇总.xlsx", "  表彰通知.pdf", "  分发/01-市委办公室.zip", "  自评表/70-市红十字会.pdf"} {
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasSuffix(l, want) }) {
			t.Errorf("SHA256SUMS lacks %q", want)
		}
	}
	if len(lines) < 300 {
		t.Errorf("%d files built", len(lines))
	}
	if _, err := os.Stat(filepath.Join(dest, "mofan-test-linux-amd64", "output")); !os.IsNotExist(err) {
		t.Errorf("the build wrote beside the binary, not in the current folder: %v", err)
	}
}
