package input

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// hiddenIn returns the first character of s that cannot be seen, or that
// looks like a space but is not one (zero-width characters, U+FEFF, the
// non-breaking and the ideographic space), with its byte offset; -1 when none.
func hiddenIn(s string) (rune, int) {
	for i, r := range s {
		if diag.Hidden(r) != "" || diag.Unsafe(r) {
			return r, i
		}
	}
	return 0, -1
}

// hiddenName names a character hiddenIn finds.
func hiddenName(r rune) string {
	if h := diag.Hidden(r); h != "" {
		return h
	}
	return fmt.Sprintf("不可见的控制字符（U+%04X）", r)
}

// withoutHidden drops the characters hiddenIn finds.
func withoutHidden(s string) string {
	return strings.Map(func(r rune) rune {
		if diag.Hidden(r) != "" || diag.Unsafe(r) {
			return -1
		}
		return r
	}, s)
}

// halfWidth folds full-width ASCII forms (（）, Ａ, １) to their half-width ones.
func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xff01 && r <= 0xff5e {
			return r - 0xfee0
		}
		return r
	}, s)
}

// reNumbering matches a list number at the start of text: 71、 71. 71．（71） 71)
var reNumbering = regexp.MustCompile(`^\s*(?:\d+\s*[、.．)）]|[（(]\d+[）)])`)

// unknownUnit explains why name, read from a unit or returned file at pos,
// is not a unit of 附件1. When the cause is in plan.md (an invisible character
// in a name, or two units glued into one name), the message says so and
// points at plan.md's line; when it is in the unit file (an invisible
// character, a half-width parenthesis), it points at the character.
func unknownUnit(name string, pos diag.Pos, line string, p *model.Plan) (diag.Pos, string, string) {
	msg := fmt.Sprintf("单位“%s”不在实施方案附件1的名单中", diag.Show(name))
	// The unit file's name holds an invisible character.
	if r, i := hiddenIn(name); i >= 0 {
		if pu := p.Unit(withoutHidden(name)); pu != nil {
			at := pos
			if j := strings.Index(line, name); j >= 0 {
				at.Col = utf8.RuneCountInString(line[:j+i]) + 1
			}
			return at, fmt.Sprintf("单位名称“%s”中有一个%s", pu.Name, hiddenName(r)), "把光标移到这里，按删除键删去该字符"
		}
	}
	for _, pu := range p.Units {
		// plan.md's name holds an invisible character.
		if pu.Name != name && withoutHidden(pu.Name) == withoutHidden(name) {
			r, _ := hiddenIn(pu.Name)
			return pos, msg + fmt.Sprintf("：实施方案附件1第 %d 行的名称中有一个%s", pu.Pos.Line, hiddenName(r)),
				fmt.Sprintf("删去 %s 中的该字符", pu.Pos)
		}
		// plan.md glued the next unit onto this one's name.
		if rest, ok := strings.CutPrefix(pu.Name, name); ok && reNumbering.MatchString(rest) {
			return pos, msg + fmt.Sprintf("：实施方案附件1第 %d 行把两个单位连成了一个名称“%s”", pu.Pos.Line, diag.Show(pu.Name)),
				fmt.Sprintf("在 %s 把“%s”另起一行，编号写成与上面各行相同的“数字. ”格式", pu.Pos, diag.Show(strings.TrimSpace(rest)))
		}
	}
	for _, pu := range p.Units {
		// Half-width parentheses or digits where 附件1 has full-width ones, or the reverse.
		if halfWidth(pu.Name) == halfWidth(name) {
			return pos, msg, fmt.Sprintf("附件1中写作“%s”（注意全角、半角的括号和数字），请照此改正", pu.Name)
		}
	}
	names := make([]string, len(p.Units))
	for i, x := range p.Units {
		names[i] = x.Name
	}
	hint := "单位名称须与实施方案附件1完全一致"
	if s := nearest(name, names); s != "" {
		hint = fmt.Sprintf("是不是“%s”？", s)
	}
	return pos, msg, hint
}

// textLine returns line n (from 1) of text, or "".
func textLine(text string, n int) string {
	for i := 1; i < n; i++ {
		j := strings.IndexByte(text, '\n')
		if j < 0 {
			return ""
		}
		text = text[j+1:]
	}
	if j := strings.IndexByte(text, '\n'); j >= 0 {
		return text[:j]
	}
	return text
}
