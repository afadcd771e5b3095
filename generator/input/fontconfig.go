package input

// This file reads fonts.toml, which maps each font role to a font file.
// Unexported identifiers carry a "font" prefix: other files of the package are
// written separately.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// fontRoles are the roles in their fixed order.
var fontRoles = []string{"title", "body", "hei", "kai", "fallback"}

// fontRoleNames describe each role for messages.
var fontRoleNames = map[string]string{
	"title":    "小标宋，用于标题和发文机关标志",
	"body":     "仿宋，用于正文",
	"hei":      "黑体，用于一级标题",
	"kai":      "楷体，用于二级标题",
	"fallback": "备用字体，用于其他字体缺少的生僻字和页码",
}

// fontRoleShort are the short Chinese names of the roles.
var fontRoleShort = map[string]string{
	"title": "小标宋", "body": "仿宋", "hei": "黑体", "kai": "楷体", "fallback": "备用字体",
}

// fontRoleDefaults are the shipped default files, used in hints.
var fontRoleDefaults = map[string]string{
	"title":    "NotoSerifSC-Bold.ttf",
	"body":     "FandolFang-Regular.ttf",
	"hei":      "NotoSansSC-Regular.ttf",
	"kai":      "FandolKai-Regular.ttf",
	"fallback": "NotoSerifSC-Regular.ttf",
}

// fontRoleAliases map names a user may write instead of a role.
var fontRoleAliases = map[string]string{
	"小标宋": "title", "方正小标宋": "title", "标题": "title", "xbs": "title", "xiaobiaosong": "title",
	"仿宋": "body", "仿宋_gb2312": "body", "正文": "body", "fangsong": "body", "fang": "body", "simfang": "body",
	"黑体": "hei", "heiti": "hei", "simhei": "hei",
	"楷体": "kai", "楷体_gb2312": "kai", "kaiti": "kai", "simkai": "kai",
	"备用": "fallback", "备用字体": "fallback", "宋体": "fallback", "song": "fallback", "songti": "fallback", "simsun": "fallback",
}

// fontSpecKeys are the keys of one role's table.
var fontSpecKeys = []string{"file", "index"}

var fontSpecKeyAliases = map[string]string{
	"path": "file", "font": "file", "filename": "file", "文件": "file",
	"face": "index", "idx": "index", "序号": "index",
}

// LoadFontConfig reads fonts.toml and returns one FontSpec per role, in the
// fixed role order (title, body, hei, kai, fallback). Problems come back as a
// *diag.List with positions in the file.
func LoadFontConfig(path string) ([]model.FontSpec, error) {
	var errs diag.List
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		errs.Add(diag.Pos{File: path}, "找不到字体配置文件", "检查路径是否正确；默认的字体配置是程序目录下的 fonts/fonts.toml")
		return nil, errs.Err()
	}
	// As strict as the other inputs: a regular file of at most 1 MiB, UTF-8
	// (or GBK, decoded), no binary content; without a BOM; not nested deeply.
	text, ok := readText(path, &errs)
	if !ok || deepTOML(path, text, &errs) {
		return nil, errs.Err()
	}
	var doc map[string]any
	if _, err := toml.Decode(text, &doc); err != nil {
		syntaxProblems(path, text, err, &errs)
		return nil, errs.Err()
	}
	fc := &fontConfig{path: path, src: []byte(text), errs: &errs}
	fc.keys = fontKeyOffsets(fc.src)
	roles, ok := fc.roles(doc)
	if !ok {
		return nil, errs.Err()
	}
	specs := fc.specs(roles)
	errs.Cap(path, maxProblems)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return specs, nil
}

// fontConfig is fonts.toml while it is being read: its text, where each key
// sits, and the problems found so far.
type fontConfig struct {
	path string
	src  []byte
	keys map[string]int // key path joined by NUL → byte offset
	errs *diag.List
}

// at is the position of the longest prefix of keyPath written in the file,
// or the file itself.
func (fc *fontConfig) at(keyPath ...string) diag.Pos {
	for n := len(keyPath); n > 0; n-- {
		if off, ok := fc.keys[strings.Join(keyPath[:n], "\x00")]; ok {
			line, col := diag.LineCol(fc.src, off)
			return diag.Pos{File: fc.path, Line: line, Col: col}
		}
	}
	return diag.Pos{File: fc.path}
}

// roles checks the top level (only [roles]) and the role names, and returns
// the [roles] table; false when there is none to read.
func (fc *fontConfig) roles(doc map[string]any) (map[string]any, bool) {
	for _, k := range fontSortedKeys(doc, fc.keys, nil) {
		if k == "roles" {
			continue
		}
		hint := "字体配置只有 [roles] 一个表"
		if fontRoleFor(k) != "" {
			hint = "角色要写在 [roles] 表之下：在这一行前加一行 [roles]"
		} else if s := fontSuggest(k, []string{"roles"}, nil); s != "" {
			hint = fmt.Sprintf("是不是 %s？%s", s, hint)
		}
		fc.errs.Add(fc.at(k), fmt.Sprintf("未知的配置项 %q", diag.Show(k)), hint)
	}
	rolesAny, ok := doc["roles"]
	if !ok {
		if !fc.errs.HasErrors() { // a warning (a GBK file) is no reason to keep quiet
			fc.errs.Add(fc.at(), "字体配置缺少 [roles] 表", fontExampleHint(fontRoles))
		}
		return nil, false
	}
	roles, ok := rolesAny.(map[string]any)
	if !ok {
		fc.errs.Add(fc.at("roles"), fmt.Sprintf("roles 应该是一个表，这里却是%s", fontTypeName(rolesAny)), fontExampleHint(fontRoles))
		return nil, false
	}
	known := map[string]bool{}
	for _, r := range fontRoles {
		known[r] = true
	}
	for _, k := range fontSortedKeys(roles, fc.keys, []string{"roles"}) {
		if known[k] {
			continue
		}
		hint := "可用的角色：" + fontRoleList()
		if s := fontSuggest(k, fontRoles, fontRoleAliases); s != "" {
			hint = fmt.Sprintf("是不是 %s（%s）？%s", s, fontRoleShort[s], hint)
		}
		fc.errs.Add(fc.at("roles", k), fmt.Sprintf("未知的字体角色 %q", diag.Show(k)), hint)
	}
	return roles, true
}

// specs reads every role of the [roles] table, in the fixed role order, and
// reports the roles that are missing.
func (fc *fontConfig) specs(roles map[string]any) []model.FontSpec {
	baseDir := filepath.Dir(fc.path)
	if abs, err := filepath.Abs(fc.path); err == nil {
		baseDir = filepath.Dir(abs)
	}
	var specs []model.FontSpec
	var missing []string
	for _, role := range fontRoles {
		v, ok := roles[role]
		if !ok {
			missing = append(missing, role)
			continue
		}
		if spec, ok := fc.spec(role, v, baseDir); ok {
			specs = append(specs, spec)
		}
	}
	if len(missing) > 0 {
		names := make([]string, len(missing))
		for i, r := range missing {
			names[i] = fmt.Sprintf("%s（%s）", r, fontRoleNames[r])
		}
		fc.errs.Add(fc.at("roles"), "字体配置缺少角色："+strings.Join(names, "、"), fontExampleHint(missing))
	}
	return specs
}

// spec reads one role's table { file = "…", index = N }; false when it has
// a problem.
func (fc *fontConfig) spec(role string, v any, baseDir string) (model.FontSpec, bool) {
	rolePos := fc.at("roles", role)
	spec := model.FontSpec{Role: model.Role(role), Pos: rolePos}
	tbl, ok := v.(map[string]any)
	if !ok {
		example := fontRoleDefaults[role]
		if s, isStr := v.(string); isStr && s != "" {
			example = diag.Show(s)
		}
		fc.errs.Add(rolePos, fmt.Sprintf("字体角色 %s 应该写成表，这里却是%s", role, fontTypeName(v)),
			fmt.Sprintf("写成 %s = { file = %q }", role, example))
		return spec, false
	}
	good := true
	for _, k := range fontSortedKeys(tbl, fc.keys, []string{"roles", role}) {
		if k == "file" || k == "index" {
			continue
		}
		hint := "可用的键：file（字体文件路径）、index（.ttc 字体集中的序号，从 0 数起）"
		if s := fontSuggest(k, fontSpecKeys, fontSpecKeyAliases); s != "" {
			hint = fmt.Sprintf("是不是 %s？%s", s, hint)
		}
		fc.errs.Add(fc.at("roles", role, k), fmt.Sprintf("字体角色 %s 中有未知的键 %q", role, diag.Show(k)), hint)
		good = false
	}
	file, fileOK := fc.file(role, tbl["file"], rolePos)
	spec.File = fontResolve(baseDir, file)
	index, indexOK := fc.index(role, tbl["index"])
	spec.Index = index
	return spec, good && fileOK && indexOK
}

// file checks a role's file value.
func (fc *fontConfig) file(role string, v any, rolePos diag.Pos) (string, bool) {
	switch f := v.(type) {
	case nil:
		fc.errs.Add(rolePos, fmt.Sprintf("字体角色 %s 缺少 file", role),
			fmt.Sprintf("写成 %s = { file = %q }", role, fontRoleDefaults[role]))
		return "", false
	case string:
		if strings.TrimSpace(f) == "" {
			fc.errs.Add(fc.at("roles", role, "file"), fmt.Sprintf("字体角色 %s 的 file 为空", role),
				fmt.Sprintf("填写字体文件路径，例如 %q", fontRoleDefaults[role]))
			return f, false
		}
		return f, true
	default:
		fc.errs.Add(fc.at("roles", role, "file"), fmt.Sprintf("字体角色 %s 的 file 应该是字符串，这里却是%s", role, fontTypeName(f)),
			fmt.Sprintf("路径要加引号，例如 file = %q", fontRoleDefaults[role]))
		return "", false
	}
}

// index checks a role's index value (absent means 0).
func (fc *fontConfig) index(role string, v any) (int, bool) {
	switch ix := v.(type) {
	case nil:
		return 0, true
	case int64:
		if ix < 0 || ix > 1<<16 {
			fc.errs.Add(fc.at("roles", role, "index"), fmt.Sprintf("字体角色 %s 的 index 为 %d，超出范围", role, ix),
				"index 是 .ttc 字体集中的字体序号，从 0 数起；普通 .ttf 文件不用写 index")
			return int(ix), false
		}
		return int(ix), true
	default:
		fc.errs.Add(fc.at("roles", role, "index"), fmt.Sprintf("字体角色 %s 的 index 应该是整数，这里却是%s", role, fontTypeName(ix)),
			"写成 index = 0（不加引号），从 0 数起")
		return 0, false
	}
}

// fontResolve makes file absolute: "~/" is the home folder, a relative path
// is taken from the folder of fonts.toml.
func fontResolve(baseDir, file string) string {
	file = strings.TrimSpace(file)
	if rest, ok := strings.CutPrefix(file, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	if filepath.IsAbs(file) {
		return filepath.Clean(file)
	}
	return filepath.Join(baseDir, file)
}

func fontRoleList() string {
	parts := make([]string, len(fontRoles))
	for i, r := range fontRoles {
		parts[i] = fmt.Sprintf("%s（%s）", r, fontRoleShort[r])
	}
	return strings.Join(parts, "、")
}

func fontExampleHint(roles []string) string {
	lines := make([]string, len(roles))
	for i, r := range roles {
		lines[i] = fmt.Sprintf("%s = { file = %q }", r, fontRoleDefaults[r])
	}
	return "在 [roles] 下写：" + strings.Join(lines, "；")
}

// fontRoleFor returns the role that key names or means, or "".
func fontRoleFor(key string) string {
	for _, r := range fontRoles {
		if key == r {
			return r
		}
	}
	return fontRoleAliases[strings.ToLower(key)]
}

// fontTypeName names the TOML type of v in Chinese.
func fontTypeName(v any) string {
	switch v.(type) {
	case string:
		return "字符串"
	case int64:
		return "整数"
	case float64:
		return "小数"
	case bool:
		return "布尔值"
	case map[string]any:
		return "表"
	case []any, []map[string]any:
		return "数组"
	}
	return "日期或时间"
}

// fontSortedKeys returns the keys of m in the order they appear in the file.
func fontSortedKeys(m map[string]any, offsets map[string]int, prefix []string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	off := func(k string) int {
		if o, ok := offsets[strings.Join(append(append([]string(nil), prefix...), k), "\x00")]; ok {
			return o
		}
		return 1 << 30
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := off(keys[i]), off(keys[j])
		if a != b {
			return a < b
		}
		return keys[i] < keys[j]
	})
	return keys
}

// fontSuggest returns the candidate that word most likely means: an alias,
// a case-insensitive match, or one within a small edit distance; else "".
func fontSuggest(word string, cands []string, aliases map[string]string) string {
	low := strings.ToLower(strings.TrimSpace(word))
	if a, ok := aliases[low]; ok {
		return a
	}
	best, bestD := "", 1<<30
	limit := 2
	n := len([]rune(low))
	if n <= 3 {
		limit = 1
	}
	for _, c := range cands {
		if abs(n-len([]rune(c))) > limit {
			continue // too far apart in length; and a long word would be slow
		}
		d := diag.EditDistance(low, c)
		if d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= limit {
		return best
	}
	return ""
}

// fontKeyOffsets scans TOML source for keys and returns the byte offset of
// each key, by its full path joined with "\x00" (e.g. "roles\x00body\x00file").
// The TOML decoder gives no key positions; this scanner is tolerant and only
// runs on source the decoder has accepted. The first occurrence wins.
func fontKeyOffsets(src []byte) map[string]int {
	s := &fontKeyScanner{src: src, keys: map[string]int{}}
	var table []string
	for {
		s.skipBlank(true)
		if s.i >= len(s.src) {
			break
		}
		start := s.i
		if s.src[s.i] == '[' {
			s.i++
			if s.i < len(s.src) && s.src[s.i] == '[' {
				s.i++
			}
			table = s.keyPath(nil)
		} else {
			s.keyValue(table)
		}
		s.skipLine()
		if s.i == start {
			s.i++
		}
	}
	return s.keys
}

type fontKeyScanner struct {
	src  []byte
	i    int
	keys map[string]int
}

// skipBlank skips spaces and tabs, and with lines also newlines and comments.
func (s *fontKeyScanner) skipBlank(lines bool) {
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t':
			s.i++
		case lines && (c == '\n' || c == '\r'):
			s.i++
		case lines && c == '#':
			s.skipLine()
		default:
			return
		}
	}
}

// skipLine moves past the end of the current line.
func (s *fontKeyScanner) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
	if s.i < len(s.src) {
		s.i++
	}
}

// keyPath reads a dotted key, records every prefix under prefix, and
// returns the full path.
func (s *fontKeyScanner) keyPath(prefix []string) []string {
	path := append([]string(nil), prefix...)
	for {
		s.skipBlank(false)
		start := s.i
		seg, ok := s.keySegment()
		if !ok {
			return path
		}
		path = append(path, seg)
		k := strings.Join(path, "\x00")
		if _, seen := s.keys[k]; !seen {
			s.keys[k] = start
		}
		s.skipBlank(false)
		if s.i < len(s.src) && s.src[s.i] == '.' {
			s.i++
			continue
		}
		return path
	}
}

// keySegment reads one bare or quoted key.
func (s *fontKeyScanner) keySegment() (string, bool) {
	if s.i >= len(s.src) {
		return "", false
	}
	switch s.src[s.i] {
	case '"', '\'':
		return s.quoted(), true
	}
	start := s.i
	for s.i < len(s.src) {
		c := s.src[s.i]
		if c == ' ' || c == '\t' || c == '.' || c == '=' || c == ']' || c == '\n' || c == '\r' ||
			c == '#' || c == ',' || c == '{' || c == '}' || c == '[' || c == '"' || c == '\'' {
			break
		}
		s.i++
	}
	return string(s.src[start:s.i]), s.i > start
}

// quoted reads a basic or literal string, single- or multi-line, starting at
// its opening quote, and returns its raw content (escapes left as written).
func (s *fontKeyScanner) quoted() string {
	q := s.src[s.i]
	if s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q {
		s.i += 3
		start := s.i
		for s.i < len(s.src) {
			if q == '"' && s.src[s.i] == '\\' {
				s.i += 2
				continue
			}
			if s.i+2 < len(s.src) && s.src[s.i] == q && s.src[s.i+1] == q && s.src[s.i+2] == q {
				end := s.i
				s.i += 3
				for s.i < len(s.src) && s.src[s.i] == q { // up to two extra quotes belong to the content
					s.i++
				}
				return string(s.src[start:end])
			}
			s.i++
		}
		return string(s.src[start:])
	}
	s.i++
	start := s.i
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		c := s.src[s.i]
		if q == '"' && c == '\\' {
			s.i += 2
			continue
		}
		if c == q {
			end := s.i
			s.i++
			return string(s.src[start:end])
		}
		s.i++
	}
	return string(s.src[start:min(s.i, len(s.src))])
}

// keyValue reads "key = value" under table.
func (s *fontKeyScanner) keyValue(table []string) {
	path := s.keyPath(table)
	s.skipBlank(false)
	if s.i < len(s.src) && s.src[s.i] == '=' {
		s.i++
		s.value(path)
	}
}

// value reads one value; keys of inline tables are recorded under path.
func (s *fontKeyScanner) value(path []string) {
	s.skipBlank(false)
	if s.i >= len(s.src) {
		return
	}
	switch s.src[s.i] {
	case '"', '\'':
		s.quoted()
	case '{':
		s.i++
		for s.i < len(s.src) {
			s.skipBlank(true)
			if s.i >= len(s.src) {
				return
			}
			switch s.src[s.i] {
			case '}':
				s.i++
				return
			case ',':
				s.i++
				continue
			}
			start := s.i
			s.keyValue(path)
			if s.i == start {
				return
			}
		}
	case '[':
		s.i++
		for s.i < len(s.src) {
			s.skipBlank(true)
			if s.i >= len(s.src) {
				return
			}
			switch s.src[s.i] {
			case ']':
				s.i++
				return
			case ',':
				s.i++
				continue
			}
			start := s.i
			s.value(path)
			if s.i == start {
				return
			}
		}
	default:
		for s.i < len(s.src) {
			c := s.src[s.i]
			if c == ',' || c == ']' || c == '}' || c == '\n' || c == '\r' || c == '#' {
				return
			}
			s.i++
		}
	}
}
