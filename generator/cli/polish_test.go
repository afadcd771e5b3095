package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run mofan as a subprocess: with MOFAN_CLI_ARGS set
// (a JSON list of arguments) the test binary is mofan.
func TestMain(m *testing.M) {
	if args := os.Getenv("MOFAN_CLI_ARGS"); args != "" {
		var a []string
		if err := json.Unmarshal([]byte(args), &a); err != nil {
			panic(err)
		}
		os.Exit(Main(a, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// The fonts and templates of the repository, for commands run from this folder.
var (
	fonts     = filepath.Join("..", "..", "fonts", "fonts.toml")
	templates = filepath.Join("..", "..", "templates")
)

func TestPolishUsage(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"check", "--sedes", "x"}, ExitUsage, "未知选项 -sedes（是不是 --seeds？）"},
		{[]string{"build", "--unit", "3"}, ExitUsage, "未知选项 -unit（是不是 --units？）"},
		{[]string{"build", "--qiuet"}, ExitUsage, "（是不是 --quiet？）"},
		{[]string{"collect", "--yaer", "2020", "x.xlsx"}, ExitUsage, "（是不是 --year？）"},
		{[]string{"check", "--zzzzzz"}, ExitUsage, "未知选项 -zzzzzz\n"},
		{[]string{"build", "--seeds", "../../seeds", "--fonts", fonts, "--templates", templates, "--year", "2020", "--units", "71"}, ExitUsage,
			"--units 的序号 71 在 2020 年度附件1中没有（共 70 个单位，序号 1～70）"},
		{[]string{"build", "--seeds", "../../seeds", "--all", "--units", "3,70,0"}, ExitUsage, "--units 的值“0”无效"},
		{[]string{"build", "--seeds", "../../seeds", "--fonts", fonts, "--templates", templates, "--all", "--units", "3,99"}, ExitUsage, "序号 99 在 2020 年度附件1中没有"},
		{[]string{"check", "--seeds", "../../seeds", "--all", "--year", "2020"}, ExitUsage, "--all 与 --year 不能同时使用"},
		{[]string{"version"}, ExitOK, "mofan dev"},
		{[]string{"version"}, ExitOK, runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH},
		{[]string{"--version"}, ExitOK, "mofan "},
	}
	for _, c := range cases {
		code, out, errOut := run(c.args...)
		if code != c.code || !strings.Contains(out+errOut, c.want) {
			t.Errorf("%v: code %d, output %q; want %d and %q", c.args, code, out+errOut, c.code, c.want)
		}
	}
}

func TestCheckAll(t *testing.T) {
	code, out, errOut := run("check", "--seeds", "../../seeds", "--fonts", fonts, "--templates", templates, "--all")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"检查通过：2020 年度", "检查通过：2021 年度", "检查通过：2022 年度"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// A broken later year fails the whole check.
	seeds := t.TempDir()
	copyTree(t, "../../seeds", seeds)
	year := filepath.Join(seeds, "2021", "year.toml")
	b, err := os.ReadFile(year)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(year, append(b, []byte("\nnonsense = 1\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run("check", "--seeds", seeds, "--fonts", fonts, "--templates", templates, "--all")
	if code != ExitInput || !strings.Contains(errOut, filepath.Join("2021", "year.toml")+":") {
		t.Errorf("broken 2021: exit %d\n%s%s", code, out, errOut)
	}
}

// TestDemoGuard: demo data never goes into the default output/ beside real
// seeds; it goes anywhere else, and real data goes to output/ as before.
func TestDemoGuard(t *testing.T) {
	plan, err := filepath.Abs("../../seeds")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	code, out, errOut := run("demo", "--seeds", plan, "--units", "3", "--out", "demo")
	if code != ExitOK || !strings.Contains(out, "mofan build --seeds demo --out "+filepath.Join("demo", "output")) {
		t.Fatalf("demo: exit %d, %s%s", code, out, errOut)
	}
	if err := os.MkdirAll(filepath.Join("seeds", "2020"), 0o755); err != nil { // the real seeds
		t.Fatal(err)
	}
	if err := os.MkdirAll("elsewhere", 0o755); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs("output")
	cases := []struct {
		seeds, out string
		refused    bool
	}{
		{"demo", "output", true},
		{"demo", "./output/", true},
		{"demo", abs, true},
		{"demo", filepath.Join("demo", "output"), false},
		{"demo", "elsewhere", false},
		{"seeds", "output", false},
	}
	for _, c := range cases {
		err := demoGuard(c.seeds, c.out)
		if (err != nil) != c.refused {
			t.Errorf("demoGuard(%q, %q) = %v, want refused %v", c.seeds, c.out, err, c.refused)
		}
	}
	// From inside the demo folder, whose output/ has no real seeds beside it.
	if err := demoGuard(".", "output"); err != nil {
		t.Errorf("inside the demo folder: %v", err)
	}
	code, _, errOut = run("build", "--seeds", "demo")
	if code != ExitInput || !strings.Contains(errOut, "demo 是演示数据，不写入默认的输出目录 output（那里是正式文档）") || !strings.Contains(errOut, "--out "+filepath.Join("demo", "output")) {
		t.Errorf("build of demo into output/: exit %d, %s", code, errOut)
	}
	if _, err := os.Stat("output"); !os.IsNotExist(err) {
		t.Errorf("refused build created output/: %v", err)
	}
}

// TestInterrupt sends SIGINT to a build running in a subprocess: it must
// end with status 130, remove its temporary folder and leave the previous
// output as it was.
func TestInterrupt(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT to send on Windows")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	demo, out := filepath.Join(dir, "demo"), filepath.Join(dir, "out")
	// Enough units that the build is still running when the signal comes.
	if code, _, errOut := run("demo", "--seeds", filepath.Join(root, "seeds"), "--units", "400", "--out", demo); code != ExitOK {
		t.Fatal(errOut)
	}
	prev := filepath.Join(out, "2020", "上次的文件.txt")
	if err := os.MkdirAll(filepath.Dir(prev), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(prev, []byte("上次的输出"), 0o644); err != nil {
		t.Fatal(err)
	}
	args, _ := json.Marshal([]string{"build", "--seeds", demo, "--out", out,
		"--fonts", filepath.Join(root, "fonts", "fonts.toml"), "--templates", filepath.Join(root, "templates")})
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "MOFAN_CLI_ARGS="+string(args))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Wait for the temporary folder to hold files, then interrupt.
	deadline := time.After(2 * time.Minute)
	for sent := false; !sent; {
		select {
		case err := <-exited:
			t.Fatalf("build ended before the signal: %v\n%s%s", err, stdout.String(), stderr.String())
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("no temporary folder with files appeared")
		case <-time.After(10 * time.Millisecond):
		}
		tmps, _ := filepath.Glob(filepath.Join(out, ".2020.tmp-*", "*"))
		if len(tmps) > 0 {
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			sent = true
		}
	}
	err = <-exited
	if cmd.ProcessState.ExitCode() != interrupted {
		t.Fatalf("exit %v, want %d\n%s", err, interrupted, stderr.String())
	}
	if !strings.Contains(stderr.String(), "2020 年度生成已中断，原有输出未改动") {
		t.Errorf("stderr: %s", stderr.String())
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 || entries[0].Name() != "2020" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("output folder holds %v, want only 2020", names)
	}
	year, _ := os.ReadDir(filepath.Join(out, "2020"))
	if b, err := os.ReadFile(prev); err != nil || string(b) != "上次的输出" || len(year) != 1 {
		t.Errorf("previous output changed: %d entries, %q, %v", len(year), b, err)
	}
}
