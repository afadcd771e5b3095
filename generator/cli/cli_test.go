package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Main(args, &o, &e)
	return code, o.String(), e.String()
}

func TestUsage(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{nil, ExitUsage, "用法"},
		{[]string{"--help"}, ExitOK, "命令"},
		{[]string{"frobnicate"}, ExitUsage, "未知命令“frobnicate”"},
		{[]string{"check", "--nope"}, ExitUsage, "未知选项 -nope"},
		{[]string{"check", "--year"}, ExitUsage, "选项缺少值"},
		{[]string{"check", "--year", "abc"}, ExitUsage, "选项的值无效"},
		{[]string{"check", "extra"}, ExitUsage, "多余的参数"},
		{[]string{"check", "--help"}, ExitOK, "用法：mofan check"},
		{[]string{"build", "--help"}, ExitOK, "用法：mofan build"},
		{[]string{"sample"}, ExitUsage, "必须用 --year"},
		{[]string{"check", "--seeds", "/nonexistent"}, ExitInput, "没有年度数据"},
	}
	for _, c := range cases {
		code, out, errOut := run(c.args...)
		if code != c.code || !strings.Contains(out+errOut, c.want) {
			t.Errorf("%v: code %d, output %q; want %d and %q", c.args, code, out+errOut, c.code, c.want)
		}
	}
}

func TestPlanJSON(t *testing.T) {
	code, out, errOut := run("plan", "--seeds", "../../seeds", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var j struct {
		Units []struct {
			Name string `json:"name"`
		} `json:"units"`
		Points []struct {
			ID, Category, Group, Text string
		} `json:"points"`
		Sections []struct {
			Items []any `json:"items"`
		} `json:"sections"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Units) != 70 || j.Units[0].Name != "市委办公室" || j.Units[69].Name != "市红十字会" {
		t.Errorf("units: %d", len(j.Units))
	}
	n := map[string]int{}
	ids := map[string]bool{}
	for _, p := range j.Points {
		n[p.Category]++
		ids[p.ID] = true
		if p.Text == "" {
			t.Errorf("point %s has no text", p.ID)
		}
	}
	if n["创建内容"] != 16 || n["推进措施"] != 4 || n["创建成效"] != 4 || len(ids) != 24 {
		t.Errorf("points: %v, %d ids", n, len(ids))
	}
	var sizes []int
	for _, s := range j.Sections {
		sizes = append(sizes, len(s.Items))
	}
	if len(sizes) != 5 || sizes[0] != 3 || sizes[1] != 4 || sizes[2] != 3 || sizes[3] != 3 || sizes[4] != 3 {
		t.Errorf("sections: %v", sizes)
	}
}

func TestCheckSeeds(t *testing.T) {
	code, out, errOut := run("check", "--seeds", "../../seeds", "--year", "2020", "--fonts", "../../fonts/fonts.toml", "--templates", "../../templates")
	if code != ExitOK || !strings.Contains(out, "检查通过") || errOut != "" {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
}

func TestCheckReportsProblems(t *testing.T) {
	root := t.TempDir()
	b, err := os.ReadFile("../../seeds/plan.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "plan.md"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run("sample", "--seeds", root, "--year", "2020"); code != ExitOK {
		t.Fatalf("sample: %d %s", code, errOut)
	}
	if code, _, _ := run("sample", "--seeds", root, "--year", "2020"); code != ExitInput {
		t.Errorf("sample over an existing year: exit %d, want 1", code)
	}
	unit := filepath.Join(root, "2020", "units", "05-市纪委监委机关.toml")
	src, _ := os.ReadFile(unit)
	bad := strings.Replace(string(src), "phone =", "phon =", 1)
	if err := os.WriteFile(unit, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(root, "2020", "units", "06-市委组织部.toml"))
	code, _, errOut := run("check", "--seeds", root, "--fonts", "../../fonts/fonts.toml", "--templates", "../../templates")
	if code != ExitInput {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(errOut, unit+":8:1: 顶层中有未知的键“phon”（提示：是不是“phone”？）") {
		t.Errorf("stderr:\n%s", errOut)
	}
	if !strings.Contains(errOut, "警告：缺少单位“市委组织部”的文件") || !strings.Contains(errOut, "共 1 个问题，未生成任何文件。") {
		t.Errorf("stderr:\n%s", errOut)
	}
}
