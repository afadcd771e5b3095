package input

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"mofan/generator/diag"
	"mofan/generator/model"
	"mofan/generator/plan"
)

// checkList asserts the properties every loader error has: a *diag.List
// whose every line starts with the file's path.
func checkList(t *testing.T, path string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var l *diag.List
	if !errors.As(err, &l) {
		t.Fatalf("error is %T, not *diag.List: %v", err, err)
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, path) {
			t.Fatalf("line does not start with %q: %.200q", path, line)
		}
	}
}

// hostileTOML are texts of up to about 1 MiB built to be slow or to break a
// decoder: deep nesting, long dotted keys, many keys, long strings.
func hostileTOML() map[string]string {
	const n = 1<<20 - 100
	rep := func(s string, k int) string { return strings.Repeat(s, k/len(s)) }
	return map[string]string{
		"arrays":         "a = " + rep("[", n/2) + rep("]", n/2),
		"arrays-open":    "a = " + rep("[", n),
		"inline-tables":  "a = " + rep("{b=", n/2) + "1" + rep("}", n/6),
		"headers":        rep("[", n),
		"mixed":          "a = " + rep("[{b=", n/2),
		"dotted-key":     rep("a.", n) + "a = 1",
		"dotted-header":  "[" + rep("a.", n) + "a]",
		"dotted-inline":  "x = {" + rep("a.", n) + "a = 1}",
		"quoted-dotted":  rep(`"a".`, n) + `"a" = 1`,
		"spaced-dotted":  rep("a . ", n) + "a = 1",
		"unknown-keys":   rep("k1 = 1\n", n),
		"array-tables":   rep("[[self]]\n", n),
		"long-key":       rep("k", n) + " = 1",
		"long-string":    `name = "` + rep("长", n) + `"`,
		"long-number":    "name = " + rep("9", n),
		"escapes":        `name = "` + rep(`\u202e`, n) + `"`,
		"multiline":      `name = """` + rep("\n", n) + `"""`,
		"comments":       rep("# [[[[{{{{\n", n),
		"strings-nested": `a = "` + rep("[", n) + `"`,
		"floats":         "a = [" + rep("1.5, ", n) + "]",
	}
}

func TestLoadHostileBounded(t *testing.T) {
	p := seedPlan(t)
	dir := t.TempDir()
	for name, text := range hostileTOML() {
		if len(text) > maxFileSize {
			t.Fatalf("%s: %d bytes, over the limit", name, len(text))
		}
		path := filepath.Join(dir, "01-市委办公室.toml")
		must(t, os.WriteFile(path, []byte(text), 0o644))
		for _, load := range []struct {
			what string
			run  func() error
		}{
			{"unit", func() error {
				var probs diag.List
				LoadUnit(path, p, &model.Year{Max: DefaultMax(p)}, &probs)
				return probs.Err()
			}},
			{"year", func() error {
				var probs diag.List
				LoadYear(path, 2020, p, &probs)
				return probs.Err()
			}},
			{"fonts", func() error {
				_, err := LoadFontConfig(path)
				return err
			}},
		} {
			before := allocated()
			err := load.run()
			if a := allocated() - before; a > 64<<20+uint64(len(text))*1000 {
				t.Errorf("%s as %s: allocated %d MB", name, load.what, a>>20)
			}
			if err == nil {
				t.Errorf("%s as %s: no error", name, load.what)
			}
			checkList(t, path, err)
			if len(err.Error()) > 200_000 {
				t.Errorf("%s as %s: %d bytes of messages", name, load.what, len(err.Error()))
			}
		}
	}
}

func TestDeepTOMLMessages(t *testing.T) {
	cases := []struct{ text, want string }{
		{"a = " + strings.Repeat("[", 40), "f:1:37: 方括号或花括号嵌套超过 32 层"},
		{"a = 1\nb = " + strings.Repeat("{c=", 40), "f:2:101: 方括号或花括号嵌套超过 32 层"},
		{strings.Repeat("a.", 40) + "a = 1", "f:1:66: 键中的“.”超过 32 个"},
		// Not too deep: brackets and dots in strings and comments, floats, dates.
		{`a = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[.........................................."` + "\n" +
			`b = '''` + strings.Repeat("{", 40) + `'''` + "\n# " + strings.Repeat("[.", 40) + "\n" +
			"c = [" + strings.Repeat("1.5, ", 40) + "]\nd = 2021-01-20T10:00:00.5\n[a.b.c]\n[[d.e]]\nx.y.z = {a.b = [[1]]}\n", ""},
	}
	for _, c := range cases {
		var probs diag.List
		deepTOML("f", c.text, &probs)
		if got := probs.Error(); !strings.HasPrefix(got, c.want) || (c.want == "") != (got == "") {
			t.Errorf("%.30q: got %q, want %q", c.text, got, c.want)
		}
	}
}

func TestReadTextRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "01-市委办公室.toml")
	fifo := filepath.Join(dir, "02-市人大机关.toml")
	sub := filepath.Join(dir, "03-市政府办公室.toml")
	must(t, os.Mkdir(sub, 0o755))
	paths := []string{sub}
	if _, err := os.Stat("/dev/zero"); err == nil && os.Symlink("/dev/zero", link) == nil {
		paths = append(paths, link)
	}
	if syscall.Mkfifo(fifo, 0o644) == nil {
		paths = append(paths, fifo)
	}
	for _, path := range paths {
		// A reader that blocked here would hang the test until go test's
		// own timeout: that, not a clock in the test, is the failure.
		var probs diag.List
		if _, ok := readText(path, &probs); ok || !strings.Contains(probs.Error(), path+": 不是普通文件") {
			t.Errorf("%s: %v %s", path, ok, probs.Error())
		}
	}
	// plan = "/dev/zero" in year.toml names the plan; plan.Load refuses it.
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := plan.Load("/dev/zero"); err == nil || !strings.Contains(err.Error(), "不是普通文件") {
			t.Errorf("plan /dev/zero: %v", err)
		}
	}
}

func TestLongValues(t *testing.T) {
	p := seedPlan(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "01-市委办公室.toml")
	long := strings.Repeat("长", 3000)
	text := `name = "市委` + long + `"` + "\ncontact = \"" + long + "\"\n[self.NR-1-1]\nscore = 3\nevidence = \"" + long + "\"\n[veto]\nsource = \"" + long + "\"\nreason = \"x\"\n" +
		"[review]\nNR-1-2 = \"" + long + "\"\n"
	must(t, os.WriteFile(path, []byte(text), 0o644))
	var probs diag.List
	LoadUnit(path, p, &model.Year{Max: DefaultMax(p)}, &probs)
	got := probs.Error()
	for _, want := range []string{
		":1:1: “name”过长（3002 字，上限 2000 字）",
		":2:1: “contact”过长（3000 字，上限 2000 字）",
		":2:1: “contact”过长（3000 字）（提示：不超过 100 字）",
		":5:1: “self.NR-1-1.evidence”过长（3000 字，上限 2000 字）",
		"“review.NR-1-2”应为数字，实为文字“" + strings.Repeat("长", 40) + "…”",
		"一票否决的来源“" + strings.Repeat("长", 40) + "…”无效",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Count(got, "evidence”过长") != 1 {
		t.Errorf("evidence reported more than once:\n%s", got)
	}
	if len(got) > 5000 {
		t.Errorf("%d bytes of messages", len(got))
	}
}

// TestReadAtMost checks that a file is read whole up to the limit, and one
// byte past it when it is longer, whatever its size.
func TestReadAtMost(t *testing.T) {
	const limit = 10
	dir := t.TempDir()
	for _, size := range []int{0, 1, 9, 10, 11, 12, 600, 5000} {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte('a' + i%26)
		}
		path := filepath.Join(dir, fmt.Sprint(size))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readAtMost(path, limit)
		if want := data[:min(size, limit+1)]; err != nil || !bytes.Equal(got, want) {
			t.Errorf("%d bytes: got %q, %v; want %q", size, got, err, want)
		}
		if got, err := readAtMost(path, 1<<20); err != nil || !bytes.Equal(got, data) {
			t.Errorf("%d bytes, no limit reached: got %d bytes, %v", size, len(got), err)
		}
	}
}
