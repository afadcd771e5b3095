package input

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// fields reads typed values out of one table of a decoded file, reporting
// every problem with the key's position.
type fields struct {
	d     *doc
	base  string // dotted path of the table, "" for the top level
	m     map[string]any
	probs *diag.List
}

func (d *doc) table(base string, m map[string]any, probs *diag.List) *fields {
	return &fields{d: d, base: base, m: m, probs: probs}
}

func (f *fields) path(key string) string {
	if f.base == "" {
		return key
	}
	return f.base + "." + key
}

func (f *fields) pos(key string) diag.Pos { return f.d.pos(f.path(key)) }

// only reports the keys of the table that are not in allowed, with a did-you-mean.
func (f *fields) only(allowed ...string) {
	keys := make([]string, 0, len(f.m))
	for k := range f.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if contains(allowed, k) {
			continue
		}
		hint := "可用的键：" + strings.Join(allowed, "、")
		if s := nearest(k, allowed); s != "" {
			hint = fmt.Sprintf("是不是“%s”？", s)
		}
		where := "顶层"
		if f.base != "" {
			where = "[" + f.base + "]"
		}
		if (f.base == "self" || f.base == "review" || f.base == "points") && rePointID.MatchString(k) {
			// A point the year does not have (its own 考评要点.md may differ from the plan's).
			f.probs.Add(f.pos(k), fmt.Sprintf("%s中的“%s”不是本年度的考评要点", where, diag.Show(k)), hint)
			continue
		}
		f.probs.Add(f.pos(k), fmt.Sprintf("%s中有未知的键“%s”", where, diag.Show(k)), hint)
	}
}

// rePointID matches what looks like a point id: NR-1-2, CS-3, CX-4.
var rePointID = regexp.MustCompile(`^[A-Z]{2}(-\d+){1,2}$`)

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "文字"
	case int64:
		return "整数"
	case float64:
		return "小数"
	case bool:
		return "是/否（true/false）"
	case time.Time:
		return "日期"
	case map[string]any:
		return "表"
	case []any, []map[string]any:
		return "数组"
	}
	return fmt.Sprintf("%T", v)
}

// str reads a string; required strings must not be blank.
func (f *fields) str(key string, required bool) string {
	v, ok := f.m[key]
	if !ok {
		if required {
			f.missing(key, `"…"`)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		f.probs.Add(f.pos(key), fmt.Sprintf("“%s”应为文字，实为%s", f.path(key), typeName(v)), "文字要放在英文双引号里，如 "+key+` = "…"`)
		return ""
	}
	s = strings.TrimSpace(s)
	if required && s == "" {
		f.probs.Add(f.pos(key), fmt.Sprintf("“%s”不能为空", f.path(key)), "")
	}
	if n := utf8.RuneCountInString(s); n > maxText {
		// Reported as limit does; the value is cut so that limit, called
		// after str for the long texts, does not report it twice.
		f.probs.Add(f.pos(key), fmt.Sprintf("“%s”过长（%d 字，上限 %d 字）", f.path(key), n, maxText), "请精简，详细材料另附")
		s = string([]rune(s)[:maxText])
	}
	if bad := badChar(s); bad >= 0 {
		f.probs.Add(f.pos(key), fmt.Sprintf("“%s”含有不可见的控制字符 U+%04X", f.path(key), bad), "删去该字符后重新输入")
	}
	return s
}

// badChar returns the first control or bidirectional-formatting character of
// s other than a line break or a tab, or -1. (Not 0: that is NUL, which a
// TOML string may hold as \u0000.)
func badChar(s string) rune {
	for _, r := range s {
		if r != '\n' && r != '\t' && diag.Unsafe(r) {
			return r
		}
	}
	return -1
}

func (f *fields) missing(key, example string) {
	where := "文件"
	p := diag.Pos{File: f.d.path, Line: 1, Col: 1}
	if f.base != "" {
		where = "[" + f.base + "]"
		p = f.d.pos(f.base)
	}
	f.probs.Add(p, fmt.Sprintf("%s缺少“%s”", where, key), fmt.Sprintf("加上一行 %s = %s", key, example))
}

// missingTable reports a missing [key] table of the top level.
func (f *fields) missingTable(key string) {
	f.probs.Add(diag.Pos{File: f.d.path, Line: 1, Col: 1}, fmt.Sprintf("文件缺少 [%s] 表", key), "参照示例文件补上 ["+key+"] 及其下各行")
}

// boolean reads an optional true/false.
func (f *fields) boolean(key string) bool {
	v, ok := f.m[key]
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		f.probs.Add(f.pos(key), fmt.Sprintf("“%s”应为 true 或 false，实为%s", f.path(key), typeName(v)), "不加引号：true 或 false")
	}
	return b
}

// date reads a TOML date (2021-01-20).
func (f *fields) date(key string, required bool) time.Time {
	v, ok := f.m[key]
	if !ok {
		if required {
			f.missing(key, "2021-01-20")
		}
		return time.Time{}
	}
	t, ok := v.(time.Time)
	if !ok {
		hint := "日期写成 2021-01-20，不加引号"
		if s, isStr := v.(string); isStr {
			if m := reDate.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
				if fixed, ok := dateFix(m[1], m[2], m[3]); ok {
					hint = fmt.Sprintf("去掉引号，写成 2021-01-20 的形式：%s = %s", key, fixed)
				}
			}
		}
		f.probs.Add(f.pos(key), fmt.Sprintf("“%s”应为日期，实为%s", f.path(key), typeName(v)), hint)
		return time.Time{}
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// reDate matches a date written 2021-01-20, 2021年1月20日, 2021/1/20 or 2021.1.20.
var reDate = regexp.MustCompile(`^(\d{4})\s*(?:年|/|\.|-|－|／|．)\s*(\d{1,2})\s*(?:月|/|\.|-|－|／|．)\s*(\d{1,2})\s*日?$`)

// number reads a number of points with at most one decimal place within [lo, hi].
func (f *fields) number(key string, lo, hi model.Tenths) (model.Tenths, bool) {
	v, ok := f.m[key]
	if !ok {
		return 0, false
	}
	return f.value(f.path(key), f.pos(key), v, lo, hi)
}

// value checks one numeric value; name is the key shown in messages.
func (f *fields) value(name string, pos diag.Pos, v any, lo, hi model.Tenths) (model.Tenths, bool) {
	var x float64
	switch n := v.(type) {
	case int64:
		x = float64(n)
	case float64:
		x = n
	case string:
		hint := "分数不加引号，如 3.5"
		if strings.TrimSpace(n) == "" {
			hint = "不打分就删去这一行"
		}
		f.probs.Add(pos, fmt.Sprintf("“%s”应为数字，实为文字“%s”", name, diag.Show(n)), hint)
		return 0, false
	default:
		f.probs.Add(pos, fmt.Sprintf("“%s”应为数字，实为%s", name, typeName(v)), "写成 3 或 3.5")
		return 0, false
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		f.probs.Add(pos, fmt.Sprintf("“%s”不是有效的数字", name), "")
		return 0, false
	}
	t := model.FromFloat(x)
	if math.Abs(float64(t)-x*10) > 1e-6 {
		f.probs.Add(pos, fmt.Sprintf("“%s”为 %v，最多保留一位小数", name, x), "如 3.5")
		return 0, false
	}
	if t < lo || t > hi {
		f.probs.Add(pos, fmt.Sprintf("“%s”为 %s，超出范围 %s～%s", name, t, lo, hi), "")
		return 0, false
	}
	return t, true
}

// subtable reads an optional table.
func (f *fields) subtable(key string) (map[string]any, bool) {
	v, ok := f.m[key]
	if !ok {
		return nil, false
	}
	m, ok := v.(map[string]any)
	if !ok {
		f.probs.Add(f.pos(key), fmt.Sprintf("“%s”应为表（[%s]），实为%s", f.path(key), f.path(key), typeName(v)), "")
		return nil, false
	}
	return m, true
}

// nearest returns the candidate closest to s, or "" when none is close.
func nearest(s string, candidates []string) string { return diag.Nearest(s, candidates, -1) }

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
