package fontset

// Tests of input.LoadFontConfig (fonts.toml), kept here so that this
// package's owner does not add files to package input.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mofan/generator/input"
	"mofan/generator/model"
)

const goodRoles = `[roles]
title    = { file = "NotoSerifSC-Bold.ttf" }
body     = { file = "FandolFang-Regular.ttf" }
hei      = { file = "NotoSansSC-Regular.ttf" }
kai      = { file = "FandolKai-Regular.ttf" }
fallback = { file = "NotoSerifSC-Regular.ttf" }
`

func writeTOML(t *testing.T, text string) (path, dir string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, "fonts.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, dir
}

func TestLoadFontConfigShipped(t *testing.T) {
	path := filepath.Join(fontsDir, "fonts.toml")
	specs, err := input.LoadFontConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(specs) != len(model.Roles) {
		t.Fatalf("%d specs, want %d", len(specs), len(model.Roles))
	}
	for i, sp := range specs {
		if model.Role(sp.Role) != model.Roles[i] {
			t.Errorf("spec %d: role %q, want %q", i, sp.Role, model.Roles[i])
		}
		if !filepath.IsAbs(sp.File) {
			t.Errorf("%s: file %q not absolute", sp.Role, sp.File)
		}
		if _, err := os.Stat(sp.File); err != nil {
			t.Errorf("%s: %v", sp.Role, err)
		}
		if sp.Pos.File != path || sp.Pos.Line == 0 || sp.Pos.Col != 1 {
			t.Errorf("%s: pos %v", sp.Role, sp.Pos)
		}
	}
}

func TestLoadFontConfig(t *testing.T) {
	tests := []struct {
		name string
		text string
		// On success check runs; on failure parts are substrings of the
		// error ("@" stands for the file's path).
		ok    bool
		check func(t *testing.T, specs []model.FontSpec, dir string)
		parts []string
	}{
		{name: "good", text: goodRoles, ok: true, check: func(t *testing.T, specs []model.FontSpec, dir string) {
			if specs[1].File != filepath.Join(dir, "FandolFang-Regular.ttf") || specs[1].Pos.Line != 3 || specs[1].Pos.Col != 1 {
				t.Errorf("body: %+v", specs[1])
			}
		}},
		{name: "BOM, comments, ttc index, absolute and relative paths", ok: true,
			text: "\uFEFF# 注释\n[roles] # 角色\n" + strings.NewReplacer(
				`{ file = "NotoSerifSC-Regular.ttf" }`, `{ file = "/usr/share/fonts/simsun.ttc", index = 1 } # 宋体`,
				`"FandolKai-Regular.ttf"`, `'sub/楷体.ttf'`).Replace(strings.TrimPrefix(goodRoles, "[roles]\n")),
			check: func(t *testing.T, specs []model.FontSpec, dir string) {
				if fb := specs[4]; fb.File != filepath.Clean("/usr/share/fonts/simsun.ttc") || fb.Index != 1 || fb.Pos.Line != 7 {
					t.Errorf("fallback: %+v", fb)
				}
				if kai := specs[3]; kai.File != filepath.Join(dir, "sub", "楷体.ttf") {
					t.Errorf("kai: %+v", kai)
				}
			}},
		{name: "dotted tables", ok: true,
			text: strings.Replace(goodRoles, `body     = { file = "FandolFang-Regular.ttf" }`+"\n", "", 1) +
				"\n[roles.body]\nfile = \"my.ttf\"\nindex = 0\n",
			check: func(t *testing.T, specs []model.FontSpec, dir string) {
				if b := specs[1]; b.Role != "body" || b.File != filepath.Join(dir, "my.ttf") || b.Pos.Line != 7 || b.Pos.Col != 8 {
					t.Errorf("body: %+v", b)
				}
			}},
		{name: "typo in a role",
			text:  strings.Replace(goodRoles, "body    ", "boyd    ", 1),
			parts: []string{`@:3:1: 未知的字体角色 "boyd"`, "是不是 body（仿宋）", "@:1:2: 字体配置缺少角色：body（仿宋"}},
		{name: "Chinese role name",
			text:  strings.Replace(goodRoles, "hei     ", `"黑体"  `, 1),
			parts: []string{`@:4:1: 未知的字体角色 "黑体"`, "是不是 hei（黑体）", "缺少角色：hei"}},
		{name: "typo in a key",
			text:  strings.Replace(goodRoles, `kai      = { file`, `kai      = { fiel`, 1),
			parts: []string{`@:5:14: 字体角色 kai 中有未知的键 "fiel"`, "是不是 file？", "@:5:1: 字体角色 kai 缺少 file"}},
		{name: "path for file",
			text:  strings.Replace(goodRoles, `title    = { file`, `title    = { path`, 1),
			parts: []string{`@:2:14: 字体角色 title 中有未知的键 "path"`, "是不是 file？"}},
		{name: "missing roles",
			text:  "# 字体\n[roles]\ntitle = { file = \"a.ttf\" }\n",
			parts: []string{"@:2:2: 字体配置缺少角色：body（仿宋，用于正文）、hei", `fallback = { file = "NotoSerifSC-Regular.ttf" }`}},
		{name: "string instead of table",
			text:  strings.Replace(goodRoles, `{ file = "FandolFang-Regular.ttf" }`, `"simfang.ttf"`, 1),
			parts: []string{"@:3:1: 字体角色 body 应该写成表，这里却是字符串", `写成 body = { file = "simfang.ttf" }`}},
		{name: "file not a string",
			text:  strings.Replace(goodRoles, `file = "FandolFang-Regular.ttf"`, `file = 12`, 1),
			parts: []string{"@:3:14: 字体角色 body 的 file 应该是字符串，这里却是整数"}},
		{name: "empty file",
			text:  strings.Replace(goodRoles, `file = "FandolFang-Regular.ttf"`, `file = " "`, 1),
			parts: []string{"@:3:14: 字体角色 body 的 file 为空"}},
		{name: "index as a string",
			text:  strings.Replace(goodRoles, `"FandolFang-Regular.ttf" }`, `"simsun.ttc", index = "1" }`, 1),
			parts: []string{"@:3:35: 字体角色 body 的 index 应该是整数，这里却是字符串"}},
		{name: "negative index",
			text:  strings.Replace(goodRoles, `"FandolFang-Regular.ttf" }`, `"simsun.ttc", index = -1 }`, 1),
			parts: []string{"@:3:35: 字体角色 body 的 index 为 -1，超出范围"}},
		{name: "roles not a table",
			text:  "roles = \"fonts\"\n",
			parts: []string{"@:1:1: roles 应该是一个表，这里却是字符串"}},
		{name: "roles outside [roles]",
			text:  "body = { file = \"a.ttf\" }\n" + goodRoles,
			parts: []string{`@:1:1: 未知的配置项 "body"`, "在这一行前加一行 [roles]"}},
		{name: "typo in the table name",
			text:  strings.Replace(goodRoles, "[roles]", "[role]", 1),
			parts: []string{`@:1:2: 未知的配置项 "role"`, "是不是 roles？"}},
		{name: "no roles",
			text:  "# 空\n",
			parts: []string{"@: 字体配置缺少 [roles] 表", `title = { file = "NotoSerifSC-Bold.ttf" }`}},
		{name: "syntax error",
			text:  strings.Replace(goodRoles, `"FandolKai-Regular.ttf" }`, `"FandolKai-Regular.ttf"`, 1),
			parts: []string{"@:5:43:", "这一行缺少结尾的“}”", "补上半角“}”"}},
		{name: "duplicate role",
			text:  goodRoles + "body = { file = \"b.ttf\" }\n",
			parts: []string{"@:7:10:", "“roles.body.file”重复出现"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, dir := writeTOML(t, tt.text)
			specs, err := input.LoadFontConfig(path)
			if tt.ok {
				if err != nil {
					t.Fatal(err)
				}
				if len(specs) != 5 {
					t.Fatalf("%d specs", len(specs))
				}
				tt.check(t, specs, dir)
				return
			}
			if err == nil {
				t.Fatalf("no error; specs %+v", specs)
			}
			parts := make([]string, len(tt.parts))
			for i, p := range tt.parts {
				parts[i] = strings.ReplaceAll(p, "@", path)
			}
			problem(t, err, parts...)
		})
	}
}

func TestLoadFontConfigMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.toml")
	_, err := input.LoadFontConfig(path)
	problem(t, err, path+": 找不到字体配置文件")
	_, err = LoadConfig(path)
	problem(t, err, "找不到字体配置文件")
}

// LoadConfig reads fonts.toml through the TOML adapter and loads its fonts,
// as the build does.
func LoadConfig(path string) (*Set, error) {
	specs, err := input.LoadFontConfig(path)
	if err != nil {
		return nil, err
	}
	return Load(specs)
}
