package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMissingDocumentTables: a year.toml without some [documents."名称"]
// tables is not refused. check and build warn alike, naming each table, and
// print the tables to paste; the 公文 without a table are not written (no
// document from missing data, not even a draft), everything else is. The
// example pasted with its 序号 filled in makes them.
func TestMissingDocumentTables(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a year twice per case")
	}
	docs := []string{"考评通知", "征求意见函", "公示", "反馈意见"}
	for _, c := range []struct {
		name    string
		cut     *regexp.Regexp // what is taken out of the shipped year.toml
		missing []string
	}{
		{"every table", regexp.MustCompile(`(?s)# templates/ 下各公文.*`), docs},
		{"the 考评通知's", regexp.MustCompile(`(?s)\[documents\."考评通知"\]\n.*?\n\n`), []string{"考评通知"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			seeds := copySeeds(t)
			yf := filepath.Join(seeds, "2020", "year.toml")
			b, err := os.ReadFile(yf)
			if err != nil {
				t.Fatal(err)
			}
			if !c.cut.Match(b) {
				t.Fatalf("nothing to cut in %s", yf)
			}
			if err := os.WriteFile(yf, c.cut.ReplaceAll(b, nil), 0o644); err != nil {
				t.Fatal(err)
			}
			common := []string{"--seeds", seeds, "--year", "2020", "--fonts", "../../fonts/fonts.toml", "--templates", "../../templates"}
			out := t.TempDir()
			build := func() (int, string, string) {
				return run(append([]string{"build", "--out", out, "--quiet=false"}, common...)...)
			}
			code, checkOut, checkErr := run(append([]string{"check"}, common...)...)
			if code != ExitOK {
				t.Fatalf("check: exit %d\n%s", code, checkErr)
			}
			code, buildOut, buildErr := build()
			if code != ExitOK {
				t.Fatalf("build: exit %d\n%s", code, buildErr)
			}
			warned := regexp.MustCompile(`(?m)^.*警告：没有 \[documents\..*$`)
			if w, bw := warned.FindAllString(checkErr, -1), warned.FindAllString(buildErr, -1); strings.Join(w, "\n") != strings.Join(bw, "\n") || len(w) != len(c.missing) {
				t.Errorf("check warns\n%s\nbuild warns\n%s\nwant one warning for each of %v", strings.Join(w, "\n"), strings.Join(bw, "\n"), c.missing)
			}
			for _, name := range c.missing {
				want := yf + `: 警告：没有 [documents."` + name + `"]`
				if !strings.Contains(checkErr, want) {
					t.Errorf("check does not warn %q:\n%s", want, checkErr)
				}
				if _, err := os.Stat(filepath.Join(out, "2020", name+".pdf")); err == nil {
					t.Errorf("%s.pdf written without its 文号 and date", name)
				}
				if files, _ := filepath.Glob(filepath.Join(out, "2020", name, "*.pdf")); len(files) > 0 {
					t.Errorf("%d %s written without its 文号 and date", len(files), name)
				}
			}
			if _, err := os.Stat(filepath.Join(out, "2020", "自评表", "01-市委办公室.xlsx")); err != nil {
				t.Errorf("the rest of the year is not built: %v", err)
			}
			// The tables to paste, as both commands print them.
			example, buildExample := tablesPrinted(checkOut), tablesPrinted(buildOut)
			if example == "" || example != buildExample {
				t.Fatalf("no tables to paste, or check's and build's differ:\n%s\n----\n%s", checkOut, buildOut)
			}
			for _, name := range c.missing {
				if !strings.Contains(example, `[documents."`+name+`"]`) {
					t.Errorf("the example lacks %s:\n%s", name, example)
				}
			}
			// Pasted as it is, the example is refused: its 文号 has no 序号.
			b, _ = os.ReadFile(yf)
			if err := os.WriteFile(yf, append(b, "\n"+example...), 0o644); err != nil {
				t.Fatal(err)
			}
			if code, _, errOut := run(append([]string{"check"}, common...)...); code != ExitInput || !strings.Contains(errOut, "缺少序号") {
				t.Errorf("the example pasted as it is: exit %d\n%s", code, errOut)
			}
			// With the 序号 filled in, the documents are made.
			if err := os.WriteFile(yf, append(b, "\n"+strings.ReplaceAll(example, "〕号", "〕8号")...), 0o644); err != nil {
				t.Fatal(err)
			}
			if code, _, errOut := build(); code != ExitOK || strings.Contains(errOut, "没有 [documents.") {
				t.Fatalf("build with the tables pasted: exit %d\n%s", code, errOut)
			}
			for _, name := range c.missing {
				files, _ := filepath.Glob(filepath.Join(out, "2020", name+"*"))
				if len(files) == 0 {
					t.Errorf("%s not written with its table pasted", name)
				}
			}
		})
	}
}

// tablesPrinted returns the year.toml tables that check or build printed to
// paste: the lines after the one that asks for them, up to the first line
// that is not part of a table.
func tablesPrinted(out string) string {
	_, after, ok := strings.Cut(out, "重新运行：\n")
	if !ok {
		return ""
	}
	var b strings.Builder
	for _, l := range strings.Split(after, "\n") {
		if l != "" && !strings.HasPrefix(l, "[documents.") && !strings.HasPrefix(l, "number = ") && !strings.HasPrefix(l, "date = ") {
			break
		}
		b.WriteString(l + "\n")
	}
	return strings.TrimSpace(b.String()) + "\n"
}
