package notice

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// A Template is one templates/<名称>.md: a 公文 whose wording the office
// edits. Its header block, between two lines of “---” at the top of the file
// (after the leading comment), declares the document; the paragraphs below it
// are the body, in the field syntax of the commendation notice (see Render):
//
//	---
//	文种：通知
//	标题：关于开展{{.Year}}年度市直机关创建模范机关考评工作的通知
//	发文字号：documents.考评通知
//	主送：市直和省部属驻焦各单位基层党组织
//	抄送：市委组织部
//	附件：考评要点、自评表
//	用印：是
//	生成：每年
//	---
//
// 文种 is one of model.DocumentKinds. 发文字号 names the year.toml table that
// gives the 文号 and 成文日期: “notice” (the [notice] of the commendation)
// or “documents.<名称>”. 标题, 主送 and 抄送 may use fields; 标题 may be left
// out where the table has a title ([notice]). 附件 lists attachment kinds
// (AttachmentKinds), 用印 is 是 (the sealed layout, the default) or 否, and
// 生成 says when the document is made (Whens).
type Template struct {
	Name string // the file name without .md: the output is <Name>.pdf (or <Name>/NN-<单位>.pdf)
	Path string

	Kind      string
	Title     model.Text // may be empty: the source table's title
	Addressee model.Text
	CC        model.Text
	Source    string // "notice" or "documents.<名称>"
	SourcePos diag.Pos
	Attach    []string
	AttachPos diag.Pos
	Sealed    bool
	When      string

	src []byte // the file with its header blanked out (positions unchanged)
	hdr []byte // the file as read
}

// The values of 生成.
const (
	WhenYearly    = "每年"
	WhenProposed  = "有拟表彰单位时"
	WhenCycle     = "三年总评年度"
	WhenEveryUnit = "每个单位一份"
)

// Whens lists the values of 生成.
var Whens = []string{WhenYearly, WhenProposed, WhenCycle, WhenEveryUnit}

// AttachmentKinds are the attachments a template may list, each made by the
// program from the year's data.
var AttachmentKinds = []string{"考评要点", "自评表", "拟表彰名单", "表彰名单", "三年总评名单", "得分明细"}

var headerKeys = []string{"文种", "标题", "发文字号", "主送", "抄送", "附件", "用印", "生成"}

// LoadTemplates reads every templates/*.md of dir, in name order. Every
// problem of every file is reported, as a *diag.List.
func LoadTemplates(dir string) ([]*Template, error) {
	var probs diag.List
	paths, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	sort.Strings(paths)
	if len(paths) == 0 {
		probs.Add(diag.Pos{File: dir}, "模板目录中没有 .md 模板", "用 --templates 指定模板目录")
		return nil, probs.Err()
	}
	var out []*Template
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			probs.Add(diag.Pos{File: p}, "无法读取模板", "")
			continue
		}
		t, err := ParseTemplate(p, src)
		if err != nil {
			probs.Append(err)
			continue
		}
		out = append(out, t)
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// HasHeader reports whether src has a header block.
func HasHeader(src []byte) bool {
	_, _, ok := headerLines(src)
	return ok
}

// headerLines finds the header block: the 0-based indices of its opening and
// closing “---” lines.
func headerLines(src []byte) (open, end int, ok bool) {
	lines := strings.Split(string(src), "\n")
	inComment := false
	open = -1
	for i, l := range lines {
		t := strings.TrimSpace(strings.TrimPrefix(l, "\ufeff"))
		switch {
		case open >= 0:
			if t == "---" {
				return open, i, true
			}
		case inComment:
			if strings.Contains(t, "-->") {
				inComment = false
			}
		case t == "":
		case strings.HasPrefix(t, "<!--"):
			inComment = !strings.Contains(t, "-->")
		case t == "---":
			open = i
		default:
			return -1, -1, false
		}
	}
	return -1, -1, false
}

// ParseTemplate reads a template's header. The body is checked when the
// template is executed (Check, Compose).
func ParseTemplate(path string, src []byte) (*Template, error) {
	var probs diag.List
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	t := &Template{Name: name, Path: path, Sealed: true, When: WhenYearly, hdr: src}
	open, end, ok := headerLines(src)
	if !ok {
		probs.Add(diag.Pos{File: path, Line: 1, Col: 1}, "模板缺少头部（文种、发文字号等）",
			"在文件开头写“---”，其下逐行写“文种：通知”“发文字号：documents."+name+"”等，再写一行“---”")
		return nil, probs.Err()
	}
	lines := strings.Split(string(src), "\n")
	seen := map[string]bool{}
	for i := open + 1; i < end; i++ {
		raw := strings.TrimRight(lines[i], "\r")
		if strings.TrimSpace(raw) == "" || strings.HasPrefix(strings.TrimSpace(raw), "#") {
			continue
		}
		at := diag.Pos{File: path, Line: i + 1, Col: 1}
		k := strings.IndexAny(raw, ":：")
		if k < 0 {
			probs.Add(at, fmt.Sprintf("头部的这一行不是“键：值”：%s", diag.Show(raw)), "如 文种：通知")
			continue
		}
		key := strings.TrimSpace(raw[:k])
		sep := 1
		if strings.HasPrefix(raw[k:], "：") {
			sep = len("：")
		}
		val := strings.TrimSpace(raw[k+sep:])
		valPos := diag.Pos{File: path, Line: i + 1, Col: 1 + len([]rune(raw[:k+sep])) + leadingSpaces(raw[k+sep:])}
		keyPos := diag.Pos{File: path, Line: i + 1, Col: 1 + leadingSpaces(raw)}
		if !contains(headerKeys, key) {
			hint := "头部可写：" + strings.Join(headerKeys, "、")
			if s := diag.Nearest(key, headerKeys, -1); s != "" {
				hint = fmt.Sprintf("是不是“%s”？", s)
			}
			probs.Add(keyPos, fmt.Sprintf("头部有未知的项“%s”", diag.Show(key)), hint)
			continue
		}
		if seen[key] {
			probs.Add(keyPos, fmt.Sprintf("头部的“%s”写了两次", key), "只保留一行")
			continue
		}
		seen[key] = true
		t.set(key, val, valPos, &probs)
	}
	head := diag.Pos{File: path, Line: open + 1, Col: 1}
	for _, k := range []string{"文种", "发文字号"} {
		if !seen[k] {
			probs.Add(head, fmt.Sprintf("模板头部缺少“%s”", k), "在两行“---”之间加上一行“"+k+"：…”")
		}
	}
	if contains(t.Attach, "得分明细") && t.When != WhenEveryUnit {
		probs.Add(t.AttachPos, "“得分明细”只能用于每个单位一份的文件", "在头部写“生成：每个单位一份”")
	}
	if contains(t.Attach, "三年总评名单") && t.When != WhenCycle {
		probs.Add(t.AttachPos, "“三年总评名单”只能用于三年总评年度的文件", "在头部写“生成：三年总评年度”")
	}
	// blank the header out, keeping every line in place for positions
	body := make([]string, len(lines))
	copy(body, lines)
	for i := open; i <= end; i++ {
		body[i] = ""
	}
	t.src = []byte(strings.Join(body, "\n"))
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// set sets header item key of t to val, found at valPos, checking the
// value: a known 文种, the source of the 发文字号 (notice or documents.名称),
// known attachments, 是 or 否 for 用印, a known time for 生成.
func (t *Template) set(key, val string, valPos diag.Pos, probs *diag.List) {
	switch key {
	case "文种":
		if !contains(model.DocumentKinds, val) {
			probs.Add(valPos, fmt.Sprintf("文种“%s”不可用", diag.Show(val)), "可写："+strings.Join(model.DocumentKinds, "、"))
		}
		t.Kind = val
	case "标题":
		t.Title = model.Text{Text: val, Pos: valPos}
	case "发文字号":
		val = strings.TrimSuffix(strings.TrimPrefix(val, "["), "]")
		if val != "notice" && !strings.HasPrefix(val, "documents.") || val == "documents." {
			probs.Add(valPos, fmt.Sprintf("发文字号的来源“%s”不是 year.toml 中的表", diag.Show(val)),
				"写 notice（表彰通知的 [notice]）或 documents.名称（year.toml 中的 [documents.名称]）")
		}
		t.Source, t.SourcePos = val, valPos
	case "主送":
		t.Addressee = model.Text{Text: val, Pos: valPos}
	case "抄送":
		t.CC = model.Text{Text: val, Pos: valPos}
	case "附件":
		t.setAttach(val, valPos, probs)
	case "用印":
		switch val {
		case "是":
			t.Sealed = true
		case "否":
			t.Sealed = false
		default:
			probs.Add(valPos, fmt.Sprintf("用印应为“是”或“否”，实为“%s”", diag.Show(val)), "是：加盖印章的版式（GB/T 9704 7.3.5.1）；否：不加盖印章的版式")
		}
	case "生成":
		if !contains(Whens, val) {
			probs.Add(valPos, fmt.Sprintf("生成时机“%s”不可用", diag.Show(val)), "可写："+strings.Join(Whens, "、"))
		}
		t.When = val
	}
}

// setAttach sets the attachments of t from the list val (separated by 、，；
// or spaces), refusing unknown ones.
func (t *Template) setAttach(val string, valPos diag.Pos, probs *diag.List) {
	t.AttachPos = valPos
	for _, a := range strings.FieldsFunc(val, func(r rune) bool { return strings.ContainsRune("、，,；; ", r) }) {
		if !contains(AttachmentKinds, a) {
			hint := "可写：" + strings.Join(AttachmentKinds, "、")
			if s := diag.Nearest(a, AttachmentKinds, -1); s != "" {
				hint = fmt.Sprintf("是不是“%s”？", s)
			}
			probs.Add(valPos, fmt.Sprintf("没有名为“%s”的附件", diag.Show(a)), hint)
			continue
		}
		t.Attach = append(t.Attach, a)
	}
}

// leadingSpaces is the number of spaces, tabs and ideographic spaces s
// starts with, in characters.
func leadingSpaces(s string) int {
	n := 0
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '　' {
			break
		}
		n++
	}
	return n
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fieldKeys maps the fields that print a value of year.toml's [forms] or
// [publicity] to the keys of those values (as listed under unconfirmed).
var fieldKeys = []struct {
	field string
	keys  []string
}{
	{".IssueDate", []string{"forms.issue_date"}},
	{".Deadline", []string{"forms.deadline"}},
	{".PublicityFrom", []string{"publicity.from"}},
	{".PublicityTo", []string{"publicity.to"}},
	{".PublicityDays", []string{"publicity.from", "publicity.to"}},
}

// Unconfirmed returns the values that y still lists as unconfirmed (the
// 【请核对】 items, carried over from the previous year by mofan init) and
// that the document made from t prints: the 文号 and dates of the table its
// 发文字号 names, and the dates of [forms] and [publicity] its fields show.
// Such a document must not look official: it is a draft until they are
// confirmed.
func (t *Template) Unconfirmed(y *model.Year) []model.Confirm {
	var out []model.Confirm
	for _, c := range y.Unconfirmed {
		used := strings.HasPrefix(c.Key, t.Source+".")
		for _, f := range fieldKeys {
			if !used && contains(f.keys, c.Key) && bytes.Contains(t.hdr, []byte(f.field)) {
				used = true
			}
		}
		if used {
			out = append(out, c)
		}
	}
	return out
}
