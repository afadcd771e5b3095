package notice

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
	"unicode/utf8"

	"mofan/generator/diag"
	"mofan/generator/model"
	"mofan/generator/plan"
)

// Body is a rendered notice template.
type Body struct {
	Paras  []model.Text // body paragraphs, with their positions in the template
	Attach model.Text   // the 附件说明 without “附件：”: the attachment's title
}

// funcs are the functions a template may call besides text/template's own.
var funcs = template.FuncMap{
	"join": strings.Join, // {{join .Names "、"}}
}

const attachPrefix = "附件："

// fieldHint lists the fields for hints: “.Year（考评年度）、…”.
func fieldHint() string {
	var b strings.Builder
	b.WriteString("可用字段：")
	for i, f := range fieldDocs {
		if i > 0 {
			b.WriteString("、")
		}
		b.WriteString("." + f.Name + "（" + f.Doc + "）")
	}
	return b.String()
}

// Render executes the notice template src (read from path) with data. Every
// problem is reported, as a *diag.List, with its position in the template.
func Render(path string, src []byte, data *Data) (*Body, error) {
	var probs diag.List
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	body := &Body{}
	seenAttach := false
	for _, b := range plan.ParseBlocks(path, src) {
		if b.Kind != plan.MDPara {
			probs.Add(b.Pos, "通知模板中只能写段落，不能有标题、列表、表格或其他标记",
				"每段正文之间空一行；标题、主送机关等在 year.toml 的 [notice] 中设置")
			continue
		}
		text, ok := execPara(path, src, b, data, &probs)
		if !ok {
			continue
		}
		text = strings.TrimSpace(text)
		if text == "" { // e.g. a paragraph entirely inside a false {{if}}
			continue
		}
		if rest, isAttach := strings.CutPrefix(text, attachPrefix); isAttach {
			if seenAttach {
				probs.Add(b.Pos, "通知模板中有多个附件说明", "只保留一段以“附件：”开头的段落")
				continue
			}
			seenAttach = true
			rest = strings.TrimSpace(rest)
			if rest == "" {
				probs.Add(b.Pos, "附件说明“附件：”之后没有附件标题", "写成“附件：{{.AttachTitle}}”")
			}
			body.Attach = model.Text{Text: rest, Pos: b.Pos}
			continue
		}
		if seenAttach {
			probs.Add(b.Pos, "附件说明之后不应再有正文段落", "把“附件：”段落移到最后")
			continue
		}
		body.Paras = append(body.Paras, model.Text{Text: text, Pos: b.Pos})
	}
	end := diag.Pos{File: path, Line: bytes.Count(src, []byte("\n")) + 1, Col: 1}
	if len(body.Paras) == 0 && !probs.HasErrors() {
		probs.Add(end, "通知模板没有正文段落", "")
	}
	if !seenAttach && !probs.HasErrors() {
		probs.Add(end, "通知模板缺少附件说明", "在最后写一段“附件：{{.AttachTitle}}”")
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return body, nil
}

// execPara parses and executes one paragraph of the template.
func execPara(path string, src []byte, b plan.MDBlock, data *Data, probs *diag.List) (string, bool) {
	at := func(off int) diag.Pos { return locate(src, b.Pos, b.Text, off) }
	key := paraKey{b.Pos.Line, b.Text}
	var t *template.Template
	if v, ok := parsedParas.Load(key); ok {
		t = v.(*template.Template)
	} else {
		var err error
		t, err = template.New(strconv.Itoa(b.Pos.Line)).Funcs(funcs).Option("missingkey=error").Parse(b.Text)
		if err != nil {
			off, msg := syntaxError(b.Text, err)
			probs.Add(at(off), msg, fieldHint())
			return "", false
		}
		if bad := checkFields(t.Tree.Root, reflect.TypeOf(Data{})); len(bad) > 0 {
			for _, f := range bad {
				probs.Add(at(f.off), fmt.Sprintf("通知模板中没有字段“.%s”", f.name), didYouMean(f.name))
			}
			return "", false
		}
		parsedParas.Store(key, t)
	}
	var out strings.Builder
	if err := t.Execute(&out, data); err != nil {
		off, msg := execError(b.Text, err)
		probs.Add(at(off), msg, fieldHint())
		return "", false
	}
	return out.String(), true
}

// parsedParas holds every paragraph template parsed and checked without
// error in this process, by its line (the template's name, which execution
// errors carry) and text: a 反馈意见 is made for every unit from the same
// paragraphs, and parsing them again for each unit was a fifth of loading
// 10,000 units. A parsed template is safe to execute concurrently.
var parsedParas sync.Map // paraKey → *template.Template

type paraKey struct {
	line int
	text string
}

// locate maps byte offset off of a paragraph's flattened text (which starts
// at start in src) back to a position in src. Flattening drops line breaks
// and indentation, so the two are walked side by side.
func locate(src []byte, start diag.Pos, text string, off int) diag.Pos {
	s := offsetOf(src, start.Line, start.Col)
	if s < 0 {
		return start
	}
	for i, r := range text {
		for s < len(src) {
			sr, size := utf8.DecodeRune(src[s:])
			if sr == r {
				break
			}
			s += size
		}
		if s >= len(src) {
			return start
		}
		if i >= off {
			break // s is at the rune at off
		}
		_, size := utf8.DecodeRune(src[s:])
		s += size
	}
	line, col := diag.LineCol(src, s)
	return diag.Pos{File: start.File, Line: line, Col: col}
}

// offsetOf returns the byte offset of 1-based line and rune column in src, or -1.
func offsetOf(src []byte, line, col int) int {
	if line < 1 || col < 1 {
		return -1
	}
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	for c := 1; c < col && off < len(src); c++ {
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off
}

// action is one {{…}} of a paragraph.
type action struct {
	off, end int    // byte offsets of “{{” and just after “}}”
	text     string // the action, delimiters included
	word     string // its keyword: if, range, end, …; "" for a plain action
}

// scanActions splits text into its actions. When an action is not closed it
// returns the offset of its “{{” as unclosed, else -1.
func scanActions(text string) (acts []action, unclosed int) {
	for i := 0; ; {
		k := strings.Index(text[i:], "{{")
		if k < 0 {
			return acts, -1
		}
		start := i + k
		j := start + 2
		inner := strings.TrimLeft(strings.TrimPrefix(text[j:], "-"), " \t\n")
		if strings.HasPrefix(inner, "/*") {
			e := strings.Index(text[j:], "*/")
			if e < 0 {
				return acts, start
			}
			c := strings.Index(text[j+e:], "}}")
			if c < 0 {
				return acts, start
			}
			i = j + e + c + 2
			continue // a comment
		}
		end := -1
		for j < len(text) {
			switch text[j] {
			case '"', '\'':
				q := text[j]
				j++
				for j < len(text) && text[j] != q {
					if text[j] == '\\' {
						j++
					}
					j++
				}
				j++
			case '`':
				e := strings.IndexByte(text[j+1:], '`')
				if e < 0 {
					return acts, start
				}
				j += e + 2
			case '}':
				if strings.HasPrefix(text[j:], "}}") {
					end = j + 2
				}
				j++
			default:
				j++
			}
			if end >= 0 {
				break
			}
		}
		if end < 0 {
			return acts, start
		}
		a := action{off: start, end: end, text: text[start:end]}
		body := strings.TrimSuffix(strings.TrimPrefix(a.text, "{{"), "}}")
		body = strings.Trim(body, "- \t\n")
		if f := strings.Fields(body); len(f) > 0 {
			switch f[0] {
			case "if", "range", "with", "block", "define", "else", "end", "break", "continue", "template":
				a.word = f[0]
			}
		}
		acts = append(acts, a)
		i = end
	}
}

// syntaxError finds the action that makes text fail to parse and says what
// is wrong with it, in Chinese. text/template reports only a line, and a
// Chinese paragraph is one line, so the actions are checked one by one.
func syntaxError(text string, perr error) (off int, msg string) {
	acts, unclosed := scanActions(text)
	if unclosed >= 0 {
		return unclosed, "“{{”没有对应的“}}”"
	}
	try := func(s string) error {
		_, err := template.New("x").Funcs(funcs).Parse(s)
		return err
	}
	for _, a := range acts {
		var err error
		switch a.word {
		case "end":
			continue
		case "if", "range", "with", "block", "define":
			err = try(a.text + "{{end}}")
		case "else":
			err = try("{{if true}}" + a.text + "{{end}}")
		case "break", "continue":
			err = try("{{range .}}" + a.text + "{{end}}")
		default:
			err = try(a.text)
		}
		if err != nil {
			return a.off, actionMessage(a, err)
		}
	}
	// Every action parses alone: the nesting is wrong.
	var stack []action
	for _, a := range acts {
		switch a.word {
		case "if", "range", "with", "block", "define":
			stack = append(stack, a)
		case "else":
			if len(stack) == 0 {
				return a.off, "“" + a.text + "”不在 {{if}}、{{range}} 或 {{with}} 之内"
			}
		case "end":
			if len(stack) == 0 {
				return a.off, "多余的“" + a.text + "”"
			}
			stack = stack[:len(stack)-1]
		case "break", "continue":
			inRange := false
			for _, s := range stack {
				inRange = inRange || s.word == "range"
			}
			if !inRange {
				return a.off, "“" + a.text + "”只能用在 {{range}} 之内"
			}
		}
	}
	if len(stack) > 0 {
		a := stack[len(stack)-1]
		return a.off, "“" + a.text + "”缺少对应的“{{end}}”（同一段内须成对出现）"
	}
	return 0, "通知模板语法错误"
}

var reUndefinedFunc = regexp.MustCompile(`function "([^"]+)" not defined`)

// actionMessage translates the parse error of one action.
func actionMessage(a action, err error) string {
	if m := reUndefinedFunc.FindStringSubmatch(err.Error()); m != nil {
		return fmt.Sprintf("“%s”中的函数“%s”不存在（可用函数：join）", a.text, m[1])
	}
	return "无法识别“" + a.text + "”"
}

// badField is an unknown field found by checkFields.
type badField struct {
	name string
	off  int
}

// checkFields finds the fields of Data that node uses but Data lacks: .X
// where dot is the Data (outside {{range}} and {{with}} bodies), and $.X
// everywhere. Fields inside range and with bodies are checked when executed.
func checkFields(root *parse.ListNode, typ reflect.Type) []badField {
	var bad []badField
	known := func(name string) bool {
		_, ok := typ.FieldByName(name)
		return ok
	}
	var pipe func(*parse.PipeNode, bool)
	var list func(*parse.ListNode, bool)
	arg := func(n parse.Node, dotIsData bool) {
		switch n := n.(type) {
		case *parse.FieldNode:
			if dotIsData && !known(n.Ident[0]) {
				bad = append(bad, badField{n.Ident[0], int(n.Pos)})
			}
		case *parse.VariableNode:
			if len(n.Ident) > 1 && n.Ident[0] == "$" && !known(n.Ident[1]) {
				bad = append(bad, badField{n.Ident[1], int(n.Pos)})
			}
		case *parse.PipeNode:
			pipe(n, dotIsData)
		case *parse.ChainNode:
			if p, ok := n.Node.(*parse.PipeNode); ok {
				pipe(p, dotIsData)
			}
		}
	}
	pipe = func(p *parse.PipeNode, dotIsData bool) {
		if p == nil {
			return
		}
		for _, c := range p.Cmds {
			for _, a := range c.Args {
				arg(a, dotIsData)
			}
		}
	}
	branch := func(b *parse.BranchNode, dotIsData, bodyKeepsDot bool) {
		pipe(b.Pipe, dotIsData)
		list(b.List, dotIsData && bodyKeepsDot)
		list(b.ElseList, dotIsData)
	}
	list = func(l *parse.ListNode, dotIsData bool) {
		if l == nil {
			return
		}
		for _, n := range l.Nodes {
			switch n := n.(type) {
			case *parse.ActionNode:
				pipe(n.Pipe, dotIsData)
			case *parse.IfNode:
				branch(&n.BranchNode, dotIsData, true)
			case *parse.RangeNode:
				branch(&n.BranchNode, dotIsData, false)
			case *parse.WithNode:
				branch(&n.BranchNode, dotIsData, false)
			case *parse.TemplateNode:
				pipe(n.Pipe, dotIsData)
			}
		}
	}
	list(root, true)
	return bad
}

// didYouMean suggests the field nearest to name.
func didYouMean(name string) string {
	best, dist := "", 3
	for _, f := range fieldDocs {
		if d := diag.EditDistance(strings.ToLower(name), strings.ToLower(f.Name)); d < dist {
			best, dist = f.Name, d
		}
	}
	if best != "" {
		return fmt.Sprintf("是不是“.%s”（%s）？", best, docOf(best))
	}
	return fieldHint()
}

func docOf(name string) string {
	for _, f := range fieldDocs {
		if f.Name == name {
			return f.Doc
		}
	}
	return ""
}

var (
	reExecLoc   = regexp.MustCompile(`^template: [^:]*:(\d+):(\d+): executing "[^"]*" at <(.*?)>: (.*)$`)
	reNoField   = regexp.MustCompile(`can't evaluate field (\w+)`)
	reCallError = regexp.MustCompile(`error calling (\w+)|wrong number of args for (\w+)|wrong type for value; expected (\S+); got (\S+)`)
)

// execError locates an execution error and says what went wrong, in Chinese.
func execError(text string, err error) (off int, msg string) {
	m := reExecLoc.FindStringSubmatch(err.Error())
	if m == nil {
		return 0, "通知模板执行出错"
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2]) // text/template counts bytes from the start of the line, from 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	off = min(off+col, len(text))
	ctx, detail := m[3], m[4]
	if f := reNoField.FindStringSubmatch(detail); f != nil {
		return off, fmt.Sprintf("此处没有字段“.%s”（在 {{range}}、{{with}} 之内“.”指当前的一项，通知的字段要写成“$.%s”）", f[1], f[1])
	}
	if c := reCallError.FindStringSubmatch(detail); c != nil {
		if name := c[1] + c[2]; name != "" {
			return off, fmt.Sprintf("函数“%s”的参数不对（在“%s”处）", name, ctx)
		}
		return off, fmt.Sprintf("“%s”的类型不符合函数的要求", ctx)
	}
	return off, fmt.Sprintf("执行“%s”时出错", ctx)
}
