package input

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"mofan/generator/diag"
)

// This file turns what the TOML library says about a file it cannot parse
// into Chinese, at a position a clerk can find: line and column counted in
// characters, always on a character of the line. Before the library's message
// is translated, the text is scanned for the characters a Chinese input
// method, Word or a web page put into a file (full-width ＝ ： ， “ ” ［ ］,
// the ideographic space, the non-breaking space, zero-width characters), and
// each is reported where it is, with the character to type instead.

// syntaxProblems reports why text is not valid TOML: every input-method
// mistake the scan finds, and the library's error unless it is explained by
// one of them.
func syntaxProblems(path, text string, err error, probs *diag.List) {
	lines := diag.NewLines([]byte(text))
	mistakes := scanMistakes(text)
	for _, m := range mistakes {
		line, col := lines.LineCol(m.off)
		probs.Add(diag.Pos{File: path, Line: line, Col: col}, m.msg, m.hint)
	}
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		if len(mistakes) == 0 {
			probs.Add(diag.Pos{File: path}, "文件不是有效的 TOML 格式", plainHint)
		}
		return
	}
	off := min(max(pe.Position.Start, 0), len(text))
	line, _ := lines.LineCol(off)
	if len(mistakes) > 0 {
		if first, _ := lines.LineCol(mistakes[0].off); line >= first {
			return // the library stopped at (or after) a character reported above
		}
	}
	pos, msg, hint := translateParseError(path, text, off, pe.Message)
	probs.Add(pos, msg, hint)
}

// plainHint is the hint for a syntax error that has no more specific one.
const plainHint = "每行写一项：英文键名 = 值，文字放在英文双引号里，如 contact = \"张三\"；可参照示例文件"

// mistake is a character an input method or a copy from Word put where TOML
// needs something else.
type mistake struct {
	off       int // byte offset in the text
	msg, hint string
}

// fullWidth maps the full-width punctuation an input method types to what
// TOML needs; the rest of U+FF01..U+FF5E maps to ASCII by offset.
var fullWidth = map[rune]string{
	'：': "=", // key: value is not TOML; the clerk meant key = value
	'“': `"`, '”': `"`, '‘': `"`, '’': `"`, '〔': "[", '〕': "]", '【': "[", '】': "]",
	'。': ".", '、': ",", '—': "-",
}

// scanMistakes finds, outside strings and comments, the characters an input
// method or a copy from Word put into a TOML file. A pair of full-width
// quotes “…” is taken as a string the clerk meant, so its content is not
// scanned; after a Chinese character outside quotes the rest of the line is
// not scanned either (that is text without quotes, which the library's
// message covers).
func scanMistakes(text string) []mistake {
	var out []mistake
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '#':
			for i < len(text) && text[i] != '\n' {
				i++
			}
			continue
		case r == '"' || r == '\'':
			i = tomlStringEnd(text, i) + 1
			continue
		case diag.Hidden(r) != "":
			hint := "删去该字符"
			if r == '\u3000' || r == '\u00a0' || r >= '\u2002' && r <= '\u202f' && r != '\u200b' {
				hint = "删去该字符；需要空格时，把输入法切换到英文后按空格键"
			}
			out = append(out, mistake{i, "这里有一个" + diag.Hidden(r), hint})
		case r == '“' || r == '‘':
			closer := map[rune]rune{'“': '”', '‘': '’'}[r]
			end := strings.IndexByte(text[i:], '\n')
			if end < 0 {
				end = len(text) - i
			}
			if j := strings.IndexRune(text[i+n:i+end], closer); j >= 0 {
				out = append(out, mistake{i, fmt.Sprintf("文字两边用了中文引号 %c %c", r, closer), fmt.Sprintf("把中文引号 %c 和 %c 都改为英文双引号 \"，输入前把输入法切换到英文", r, closer)})
				i += n + j + utf8.RuneLen(closer)
				continue
			}
			out = append(out, mistake{i, fmt.Sprintf("文字开头用了中文引号 %c", r), fmt.Sprintf("把 %c 改为英文双引号 \"，输入前把输入法切换到英文", r)})
		case fullWidthFix(r) != "":
			want := fullWidthFix(r)
			msg := fmt.Sprintf("这里的“%c”是全角字符", r)
			hint := fmt.Sprintf("把全角“%c”改为半角“%s”，输入前把输入法切换到英文", r, want)
			if (r == '，' || r == '。' || r == '．' || r == '、' || r == ',') && isDigitAt(text, i-1, true) && isDigitAt(text, i+n, false) {
				msg = fmt.Sprintf("数字中间用了“%c”", r)
				hint = "小数点要用半角句点“.”，如 3.5"
			}
			if r == '：' {
				msg = "键名和值之间用了“：”"
				hint = "把“：”改为半角等号“=”，如 contact = \"张三\""
			}
			out = append(out, mistake{i, msg, hint})
		case unicode.Is(unicode.Han, r):
			for i < len(text) && text[i] != '\n' {
				i++
			}
			continue
		}
		i += n
	}
	return out
}

// isDigitAt reports whether a digit (half- or full-width) ends at byte
// offset i of text (before is true) or starts there.
func isDigitAt(text string, i int, before bool) bool {
	var r rune
	switch {
	case before && i >= 0:
		r, _ = utf8.DecodeLastRuneInString(text[:i+1])
	case !before && i < len(text):
		r, _ = utf8.DecodeRuneInString(text[i:])
	}
	return r >= '0' && r <= '9' || r >= '０' && r <= '９'
}

// fullWidthFix returns the ASCII character a full-width one stands for, or "".
func fullWidthFix(r rune) string {
	if s, ok := fullWidth[r]; ok {
		return s
	}
	if r >= 0xff01 && r <= 0xff5e {
		return string(r - 0xfee0)
	}
	return ""
}

// describe names a character for a message: “x” for a visible one, a name for
// a space, a tab, a line end or an invisible one.
func describe(r rune) string {
	switch {
	case r == ' ':
		return "空格"
	case r == '\t':
		return "制表符（Tab）"
	case r == '\n':
		return "行尾"
	case diag.Hidden(r) != "":
		return diag.Hidden(r)
	case diag.Unsafe(r):
		return fmt.Sprintf("控制字符 U+%04X", r)
	}
	return fmt.Sprintf("“%c”", r)
}

// unlessEOL says which character the library found, unless it is the end of
// the line (which the message already implies).
func unlessEOL(q string) string {
	if r, ok := gotRune(q); ok && r == '\n' || q == "end of file" {
		return ""
	}
	return "，这里是" + quoted(q)
}

// startsHan reports whether a quoted character or text begins with a Chinese character.
func startsHan(q string) bool {
	u, err := strconv.Unquote(q)
	if err != nil {
		return false
	}
	r, _ := utf8.DecodeRuneInString(u)
	return unicode.Is(unicode.Han, r)
}

// gotRune reads the character a library message quotes as %q ('x', '\u00a0'
// or "end of file").
func gotRune(s string) (rune, bool) {
	if s == "end of file" || s == "" {
		return 0, false
	}
	if u, err := strconv.Unquote(s); err == nil {
		if r, n := utf8.DecodeRuneInString(u); n == len(u) && n > 0 {
			return r, true
		}
	}
	return 0, false
}

var (
	reDateLine = regexp.MustCompile(`^\s*([A-Za-z0-9_.\-]+)\s*=\s*"?\s*(\d{4})\s*(?:年|/|\.|-|－|／|．)\s*(\d{1,2})\s*(?:月|/|\.|-|－|／|．)\s*(\d{1,2})\s*日?`)
)

// dateFix returns a TOML date for a date written another way (2021年1月20日,
// 2021/01/20, 2021.1.20, 2021-1-20); ok is false when s is not such a date
// or names no real day.
func dateFix(y, m, d string) (string, bool) {
	t, err := time.Parse("2006-1-2", y+"-"+m+"-"+d)
	if err != nil {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// translation is one of the library's messages, matched by a pattern, with
// what to tell the clerk instead. got is the character the library quotes,
// if any; key is the key it names.
type translation struct {
	re   *regexp.Regexp
	text func(m []string) (msg, hint string)
}

func quoted(s string) string {
	if r, ok := gotRune(s); ok {
		return describe(r)
	}
	if s == "end of file" {
		return "文件结尾"
	}
	if u, err := strconv.Unquote(s); err == nil {
		s = u
	}
	return "“" + diag.Show(s) + "”"
}

// translations covers every message BurntSushi/toml v1.6.0 gives for a file
// it cannot parse into map[string]any (lex.go, parse.go, error.go). The
// patterns are compiled when a file first fails to parse, not when mofan
// starts (a tenth of its start-up).
var translations = sync.OnceValue(func() []translation {
	return []translation{
		{regexp.MustCompile(`^expected '\.' or '=', but got (.+) instead$`), func(m []string) (string, string) {
			if r, ok := gotRune(m[1]); ok && (r > 0x7f && !unicode.IsSpace(r) || r == '"') && unicode.IsPrint(r) {
				return fmt.Sprintf("键名中不能有%s", describe(r)), "键名只能用英文字母、数字、“-”和“_”，写在等号左边，如 contact = \"张三\"；键名写错时可参照示例文件"
			}
			return fmt.Sprintf("键名后面应是等号“=”，这里却是%s", quoted(m[1])), "每行写成 键名 = 值，如 contact = \"张三\""
		}},
		{regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got (.+) instead$`), func(m []string) (string, string) {
			return fmt.Sprintf("值后面多出了内容（从%s开始）", quoted(m[1])), "一行只写一项；文字要整个放在一对英文双引号里，数字和日期不加引号；注释以 # 开头"
		}},
		{regexp.MustCompile(`^expected end of table array name delimiter ']', but got (.+) instead$`), func(m []string) (string, string) {
			return "[[表名]] 缺少结尾的“]]”" + unlessEOL(m[1]), "写成 [[adjust]] 这样，两边各两个半角方括号"
		}},
		{regexp.MustCompile(`^unexpected (end of table name|table separator) \(table names cannot be empty\)$`), func(m []string) (string, string) {
			return "方括号里的表名是空的", "写成 [self.NR-1-1] 这样，方括号里写表名，“.”两边都不能为空"
		}},
		{regexp.MustCompile(`^expected '\.' or '\]' to end table name, but got (.+) instead$`), func(m []string) (string, string) {
			return "表名缺少右方括号“]”" + unlessEOL(m[1]), "写成 [self.NR-1-1] 这样，表名只用英文字母、数字、“-”和“_”，以半角“]”结束"
		}},
		{regexp.MustCompile(`^unexpected EOF; expected value$`), func(m []string) (string, string) {
			return "等号后面缺少值", "在等号后写上值，如 score = 3.5；不填就删去这一行"
		}},
		{regexp.MustCompile(`^expected value but found (.+) instead$`), func(m []string) (string, string) {
			r, ok := gotRune(m[1])
			switch {
			case ok && r == '\n':
				return "等号后面缺少值", "在等号后写上值，如 score = 3.5；不填就删去这一行"
			case startsHan(m[1]):
				return "文字没有放在英文双引号里", "文字两边加上英文双引号，如 contact = \"张三\""
			}
			return fmt.Sprintf("等号后面应是一个值，这里却是%s", quoted(m[1])), "文字放在英文双引号里（\"张三\"），数字（3.5）、日期（2021-01-20）和 true/false 不加引号"
		}},
		{regexp.MustCompile(`^unexpected '=': key name appears blank$`), func(m []string) (string, string) {
			return "等号前面缺少键名", "每行写成 键名 = 值，如 contact = \"张三\""
		}},
		{regexp.MustCompile(`^unexpected '\.': keys cannot start with a '\.'$`), func(m []string) (string, string) {
			return "键名不能以“.”开头", "删去开头的“.”"
		}},
		{regexp.MustCompile(`^unexpected '(=|\.)'$`), func(m []string) (string, string) {
			return fmt.Sprintf("键名中的“.”后面缺少名称，却遇到“%s”", m[1]), "“.”用来分隔两层名称，两边都要有名称，如 self.NR-1-1"
		}},
		{regexp.MustCompile(`^unexpected EOF; expected key separator '='$`), func(m []string) (string, string) {
			return "键名后面缺少等号“=”和值", "写成 键名 = 值，或删去这一行"
		}},
		{regexp.MustCompile(`^floats must start with a digit, not '\.'$`), func(m []string) (string, string) {
			return "小数不能以“.”开头", "在“.”前补上 0，如 0.5"
		}},
		{regexp.MustCompile(`^unexpected comma$`), func(m []string) (string, string) {
			return "这里多了一个逗号", "删去多余的逗号；逗号只用在两项之间"
		}},
		{regexp.MustCompile(`^expected a comma \(','\) or array terminator \('\]'\), but got (.+)$`), func(m []string) (string, string) {
			return fmt.Sprintf("数组中这里应是半角逗号“,”或右方括号“]”，却是%s", quoted(m[1])), "数组写成 [1, 2, 3]：各项之间用半角逗号分隔，以半角“]”结束"
		}},
		{regexp.MustCompile(`^expected a comma or an inline table terminator '\}', but got (.+) instead$`), func(m []string) (string, string) {
			return fmt.Sprintf("花括号中这里应是半角逗号“,”或右花括号“}”，却是%s", quoted(m[1])), "写成 { a = 1, b = 2 }：各项之间用半角逗号分隔，以半角“}”结束"
		}},
		{regexp.MustCompile(`^unexpected EOF; expected ('"'|"'")$`), func(m []string) (string, string) {
			return "文字缺少结尾的引号", "在文字末尾补上引号，开头和结尾的引号要相同"
		}},
		{regexp.MustCompile(`^unexpected EOF; expected ('"""'|"'''")$`), func(m []string) (string, string) {
			q := m[1][1 : len(m[1])-1]
			return fmt.Sprintf("多行文字从这里开始，到文件结尾也没有结束的 %s", q), fmt.Sprintf("在文字末尾补上 %s；多行文字以 %s 开始，也要以 %s 结束", q, q, q)
		}},
		{regexp.MustCompile(`^unexpected ('""""""'|"''''''")$`), func(m []string) (string, string) {
			return "多行文字结尾的引号过多", "多行文字以三个引号结束，删去多余的引号"
		}},
		{regexp.MustCompile(`^strings cannot contain newlines$`), func(m []string) (string, string) {
			return "文字缺少结尾的引号（一对英文双引号要在同一行内）", "在行末补上英文双引号 \"；文字需要分行时，开头和结尾各用三个双引号 \"\"\""
		}},
		{regexp.MustCompile(`^invalid escape in string '\\(.+)'$|^invalid escape: '\\(.+)'$`), func(m []string) (string, string) {
			c := m[1] + m[2]
			return fmt.Sprintf("文字中的“\\%s”无效：反斜杠“\\”在双引号中有特殊含义", diag.Show(c)), "要写反斜杠本身就写两个（\\\\），或把文字改放在单引号 ' ' 里"
		}},
		{regexp.MustCompile(`^expected (two|four|eight) hexadecimal digits after '\\(x|u|U)', but got (.+) instead$`), func(m []string) (string, string) {
			n := map[string]string{"two": "2", "four": "4", "eight": "8"}[m[1]]
			return fmt.Sprintf("文字中的“\\%s”后面应有 %s 位十六进制数字", m[2], n), "要写反斜杠本身就写两个（\\\\）"
		}},
		{regexp.MustCompile(`^Escaped character '\\u(.+)' is not valid UTF-8\.$`), func(m []string) (string, string) {
			return fmt.Sprintf("文字中的“\\u%s”不是有效的字符", diag.Show(m[1])), "直接写出该字符，或删去“\\u…”"
		}},
		{regexp.MustCompile(`^TOML files cannot contain control characters: '0x([0-9a-f]+)'$`), func(m []string) (string, string) {
			return fmt.Sprintf("这里有一个不可见的控制字符 U+%04s", strings.ToUpper(m[1])), "删去该字符；从其他文档复制的文字可能带有这类字符"
		}},
		{regexp.MustCompile(`^invalid UTF-8 byte: 0x([0-9a-f]+)$`), func(m []string) (string, string) {
			return "这里有无法识别的字符（不是 UTF-8 编码）", "用记事本打开，选择“另存为”，编码选“UTF-8”后保存"
		}},
		{regexp.MustCompile(`^newlines not allowed within inline tables$`), func(m []string) (string, string) {
			return "花括号 { } 中的内容不能分行", "写在同一行内，或改用 [表名] 加多行 键 = 值"
		}},
		{regexp.MustCompile(`^(.+) is out of range for (int64|float64|.+)$`), func(m []string) (string, string) {
			return fmt.Sprintf("数字 %s 太大", diag.Show(m[1])), "检查是否多写了数字"
		}},
		{regexp.MustCompile(`^(.+) is out of the safe (.+) range$`), func(m []string) (string, string) {
			return fmt.Sprintf("数字 %s 超出范围", diag.Show(m[1])), "检查是否多写了数字"
		}},
		{regexp.MustCompile(`^invalid duration: (.+)$`), func(m []string) (string, string) {
			return fmt.Sprintf("时长 %s 无效", diag.Show(m[1])), ""
		}},
		{regexp.MustCompile(`^invalid datetime: (.+)$`), func(m []string) (string, string) {
			if u, err := strconv.Unquote(m[1]); err == nil && !reYearDash.MatchString(u) {
				return fmt.Sprintf("“%s”不是数字，也不是日期", diag.Show(u)), fmt.Sprintf("电话号码等文字要放在英文双引号里，如 \"%s\"", diag.Show(u))
			}
			return fmt.Sprintf("日期%s无效", quoted(m[1])), "日期写成 2021-01-20：四位年、两位月、两位日，用半角“-”连接，不加引号"
		}},
		{regexp.MustCompile(`^Invalid (integer|float) "(.+)": cannot have leading zeroes$`), func(m []string) (string, string) {
			return fmt.Sprintf("数字“%s”不能以 0 开头", diag.Show(m[2])), "删去开头的 0，如 03 写成 3；电话号码等要放在英文双引号里，如 phone = \"0391-1234567\""
		}},
		{regexp.MustCompile(`^Invalid (integer|float) "(.+)": underscores must be surrounded by digits$`), func(m []string) (string, string) {
			return fmt.Sprintf("数字“%s”中的“_”位置不对", diag.Show(m[2])), "删去数字中的“_”"
		}},
		{regexp.MustCompile(`^Invalid float "(.+)": '\.' must be followed by one or more digits$`), func(m []string) (string, string) {
			return fmt.Sprintf("小数“%s”的小数点后缺少数字", diag.Show(m[1])), "如 3.5；整数不写小数点"
		}},
		{regexp.MustCompile(`^Invalid float value: (.+)$|^invalid float: '(.+)'$`), func(m []string) (string, string) {
			return fmt.Sprintf("数字“%s”无效", diag.Show(m[1]+m[2])), "写成 3 或 3.5"
		}},
		{regexp.MustCompile(`^cannot use sign with non-decimal numbers: '(.+)'$`), func(m []string) (string, string) {
			return fmt.Sprintf("数字“%s”无效", diag.Show(m[1])), "写成 3 或 3.5"
		}},
		{regexp.MustCompile(`^expected a digit but got (.+)$`), func(m []string) (string, string) {
			return fmt.Sprintf("这里应是数字，却是%s", quoted(m[1])), "写成 3 或 3.5；文字要放在英文双引号里"
		}},
		{regexp.MustCompile(`^not an? (binary|octal|hexadecimal) number: '(.+)'$`), func(m []string) (string, string) {
			return fmt.Sprintf("数字“%s”无效", diag.Show(m[2])), "写成 3 或 3.5；以 0 开头的编号、电话要放在英文双引号里"
		}},
		{regexp.MustCompile(`^Key '(.+)' has already been defined\.$`), func(m []string) (string, string) {
			return fmt.Sprintf("“%s”重复出现", diag.Show(m[1])), "同一个键或 [表] 只能写一次：删去其中一处，或把两处的内容合并"
		}},
		{regexp.MustCompile(`^Key '(.+)' was already created as a hash\.$`), func(m []string) (string, string) {
			return fmt.Sprintf("“%s”前面已经作为表写过", diag.Show(m[1])), "同一个表只能写一次：删去其中一处，或把两处的内容合并"
		}},
		{regexp.MustCompile(`^Key '(.+)' was already created and cannot be used as an array\.$`), func(m []string) (string, string) {
			return fmt.Sprintf("“%s”前面已经写过，不能再作为 [[%s]] 数组", diag.Show(m[1]), diag.Show(m[1])), "同一个名称不能既用 [表] 又用 [[数组]]"
		}},
		{regexp.MustCompile(`^"(.*)" is not a table$|^\[(.*)\] is not a table$`), func(m []string) (string, string) {
			return fmt.Sprintf("“%s”前面已经写成一个值，不能再作为表", diag.Show(strings.ReplaceAll(m[1]+m[2], `" "`, "."))), "同一个名称不能既是 键 = 值 又是 [表]"
		}},
		{regexp.MustCompile(`^files cannot contain NULL bytes`), func(m []string) (string, string) {
			return "文件含有空字符（NUL），不是文本文件", "用记事本打开，选择“另存为”，编码选“UTF-8”后保存"
		}},
		{regexp.MustCompile(`^unexpected EOF$`), func(m []string) (string, string) {
			return "文件在这里意外结束", "检查引号、方括号和花括号是否成对"
		}},
	}
})

// translateParseError says in Chinese what the library's message says, at
// byte offset off of text (where the library located the error).
func translateParseError(path, text string, off int, message string) (diag.Pos, string, string) {
	e := locateParseError(path, text, off, message)
	msg, hint := "", ""
	for _, t := range translations() {
		if m := t.re.FindStringSubmatch(message); m != nil {
			msg, hint = t.text(m)
			break
		}
	}
	if msg == "" { // a message this table does not know: never show it in English alone
		msg, hint = "这一行不符合 TOML 格式（"+diag.Show(message)+"）", plainHint
	}
	if pos, ok := e.unclosedMultiline(); ok {
		return pos, msg, hint
	}
	for _, special := range []func() (diag.Pos, string, string, bool){e.openAtLineEnd, e.chineseQuote} {
		if pos, m, h, ok := special(); ok {
			return pos, m, h
		}
	}
	msg, hint = e.chineseKey(msg, hint)
	if pos, m, h, ok := e.date(); ok {
		return pos, m, h
	}
	// A tab where TOML needs "=": a row pasted from a spreadsheet.
	if strings.Contains(e.lineText, "\t") && !strings.Contains(e.lineText, "=") {
		hint = "这一行有制表符（Tab），可能是从表格复制来的：键名和值之间要用半角等号“=”连接，如 score = 3.5"
	}
	pos, msg := e.duplicate(msg)
	return pos, msg, hint
}

// parseErrorSpot is where a TOML syntax error is, in the file's text.
type parseErrorSpot struct {
	path, text, message string
	off                 int // the offending character's byte offset
	lineStart, lineEnd  int
	lineText            string
	pos                 diag.Pos // of off
}

// locateParseError finds the character a syntax error is about: the
// library's offset moved to a character's start, inside its line, and onto
// the character its message names when that is near.
func locateParseError(path, text string, off int, message string) *parseErrorSpot {
	lineStart := strings.LastIndexByte(text[:off], '\n') + 1
	lineEnd := strings.IndexByte(text[off:], '\n')
	if lineEnd < 0 {
		lineEnd = len(text)
	} else {
		lineEnd += off
	}
	if off == lineEnd && off > lineStart {
		off-- // at the end of the line: point at its last character
	}
	for off > lineStart && !utf8.RuneStart(text[off]) {
		off-- // inside a character: point at its start
	}
	// The library's offset may be a character or two away from the one its
	// message names: point at that character, searching forward on the line,
	// then back.
	if target := offender(message); target != "" {
		if i := strings.Index(text[off:lineEnd], target); i >= 0 {
			off += i
		} else if i := strings.LastIndex(text[lineStart:off], target); i >= 0 {
			off = lineStart + i
		}
	}
	e := &parseErrorSpot{path: path, text: text, message: message, off: off,
		lineStart: lineStart, lineEnd: lineEnd, lineText: text[lineStart:lineEnd]}
	e.pos = e.at(off)
	return e
}

// at is the position of byte offset i of the text.
func (e *parseErrorSpot) at(i int) diag.Pos {
	l, c := diag.LineCol([]byte(e.text), i)
	return diag.Pos{File: e.path, Line: l, Col: c}
}

// unclosedMultiline points an unclosed multi-line string at where it opens.
func (e *parseErrorSpot) unclosedMultiline() (diag.Pos, bool) {
	if !strings.HasPrefix(e.message, "unexpected EOF; expected ") || !(strings.Contains(e.message, `"""`) || strings.Contains(e.message, "'''")) {
		return diag.Pos{}, false
	}
	q := `"""`
	if strings.Contains(e.message, "'''") {
		q = "'''"
	}
	if i := strings.LastIndex(e.text[:e.off], q); i >= 0 {
		return e.at(i), true
	}
	return diag.Pos{}, false
}

// openAtLineEnd: an inline table or array left open at the end of a line.
// The library finds out on the next line; the "}" or "]" is missing on the
// last non-blank line before it.
func (e *parseErrorSpot) openAtLineEnd() (diag.Pos, string, string, bool) {
	if !strings.HasPrefix(e.message, "expected a comma or an inline table terminator") && !strings.HasPrefix(e.message, "expected a comma (',') or array terminator") {
		return diag.Pos{}, "", "", false
	}
	closer, opener := "}", "{"
	if strings.Contains(e.message, "array") {
		closer, opener = "]", "["
	}
	text := e.text
	if strings.TrimSpace(text[e.lineStart:e.off]) != "" || e.lineStart == 0 {
		return diag.Pos{}, "", "", false
	}
	end := e.lineStart - 1 // the line break before this line
	for end > 0 && strings.TrimSpace(text[strings.LastIndexByte(text[:end], '\n')+1:end]) == "" {
		end = strings.LastIndexByte(text[:end], '\n')
	}
	prevStart := strings.LastIndexByte(text[:end], '\n') + 1
	prev := strings.TrimRight(text[prevStart:end], " \t")
	if prev == "" {
		return diag.Pos{}, "", "", false
	}
	_, last := utf8.DecodeLastRuneInString(prev)
	return e.at(prevStart + len(prev) - last), fmt.Sprintf("这一行缺少结尾的“%s”", closer),
		fmt.Sprintf("在行末补上半角“%s”，与前面的“%s”配对", closer, opener), true
}

// chineseQuote: a string closed with a Chinese quotation mark.
func (e *parseErrorSpot) chineseQuote() (diag.Pos, string, string, bool) {
	if e.message != "strings cannot contain newlines" {
		return diag.Pos{}, "", "", false
	}
	open := strings.IndexAny(e.lineText, `"'`)
	if open < 0 {
		return diag.Pos{}, "", "", false
	}
	j := strings.IndexAny(e.lineText[open+1:], "”’")
	if j < 0 {
		return diag.Pos{}, "", "", false
	}
	r, _ := utf8.DecodeRuneInString(e.lineText[open+1+j:])
	return e.at(e.lineStart + open + 1 + j), "文字结尾用了中文引号，缺少英文引号",
		fmt.Sprintf("把 %c 改为英文双引号 \"，输入前把输入法切换到英文", r), true
}

// chineseKey names a key written in Chinese, and the English one when it is
// plain.
func (e *parseErrorSpot) chineseKey(msg, hint string) (string, string) {
	if !strings.HasPrefix(msg, "键名中不能有") {
		return msg, hint
	}
	if eq := strings.IndexAny(e.lineText, "=＝"); eq > 0 {
		key := strings.TrimSpace(e.lineText[:eq])
		msg = fmt.Sprintf("键名“%s”不能用中文", diag.Show(key))
		if en, ok := englishKeys[key]; ok {
			hint = fmt.Sprintf("改为 %s；键名只能用英文字母、数字、“-”和“_”，可参照示例文件", en)
		}
	}
	return msg, hint
}

// date: a date written the Chinese or another way, where the library stopped.
func (e *parseErrorSpot) date() (diag.Pos, string, string, bool) {
	lineText := e.lineText
	m := reDateLine.FindStringSubmatchIndex(lineText)
	if m == nil {
		return diag.Pos{}, "", "", false
	}
	y, mo, d := lineText[m[4]:m[5]], lineText[m[6]:m[7]], lineText[m[8]:m[9]]
	key := lineText[m[2]:m[3]]
	eq := strings.IndexByte(lineText, '=') + 1
	value := lineText[eq:]
	written := strings.TrimSpace(strings.Trim(strings.TrimSpace(value), `"`))
	if i := strings.IndexAny(written, "#"); i >= 0 {
		written = strings.TrimSpace(written[:i])
	}
	fixed, ok := dateFix(y, mo, d)
	switch {
	case ok && written != fixed:
		vcol := utf8.RuneCountInString(lineText[:eq])
		vcol += utf8.RuneCountInString(value) - utf8.RuneCountInString(strings.TrimLeft(value, " \t")) + 1
		return diag.Pos{File: e.path, Line: e.pos.Line, Col: vcol},
			fmt.Sprintf("日期“%s”的写法不对", diag.Show(written)),
			fmt.Sprintf("日期写成四位年、两位月、两位日，用半角“-”连接，不加引号：%s = %s", key, fixed), true
	case !ok && strings.HasPrefix(e.message, "invalid datetime"):
		return e.pos, fmt.Sprintf("日期“%s”不存在", diag.Show(written)), "检查月份和日期，写成 2021-01-20", true
	}
	return diag.Pos{}, "", "", false
}

var reDuplicateKey = regexp.MustCompile(`^Key '(.+)' (has already been defined|was already created)`)

// duplicate: a key defined twice; say where the first one is.
func (e *parseErrorSpot) duplicate(msg string) (diag.Pos, string) {
	m := reDuplicateKey.FindStringSubmatch(e.message)
	if m == nil {
		return e.pos, msg
	}
	pos := keyPos(e.path, e.text, e.lineStart, e.lineText, e.pos.Line, m[1])
	if first, ok := locateKeys(e.path, e.text[:e.lineStart])[m[1]]; ok {
		msg += fmt.Sprintf("，第一次出现在第 %d 行", first.Line)
	}
	return pos, msg
}

// englishKeys maps what a clerk may write for a key of mofan's files to the key.
var englishKeys = map[string]string{
	"名称": "name", "单位": "name", "单位名称": "name", "党组织": "party_org", "党组织名称": "party_org",
	"书记": "secretary", "党组织书记": "secretary", "联系人": "contact", "电话": "phone", "联系电话": "phone",
	"得分": "score", "分数": "score", "自评得分": "score", "完成情况": "evidence", "佐证材料": "evidence",
	"原因": "reason", "来源": "source", "分值": "points",
}

// reYearDash matches the start of a date written with hyphens.
var reYearDash = regexp.MustCompile(`^\d{4}-\d{1,2}-\d{1,2}`)

var (
	reGot     = regexp.MustCompile(`(?:but got|but found) ('(?:[^'\\]|\\.)+'|"(?:[^"\\]|\\.)*")`)
	reEscape  = regexp.MustCompile(`^invalid escape in string '(\\.+)'$|^invalid escape: '(\\.+)'$|^expected \w+ hexadecimal digits after '(\\[xuU])'`)
	reControl = regexp.MustCompile(`^TOML files cannot contain control characters: '0x([0-9a-f]+)'$`)
)

// offender returns the text a library message names as the mistake (the
// character it "got", the escape, the control character), or "" when it
// names none or names the end of a line.
func offender(message string) string {
	if m := reGot.FindStringSubmatch(message); m != nil {
		if r, ok := gotRune(m[1]); ok && r != '\n' {
			return string(r)
		}
		if u, err := strconv.Unquote(m[1]); err == nil && u != "" && !strings.Contains(u, "\n") {
			return u
		}
		return ""
	}
	if m := reEscape.FindStringSubmatch(message); m != nil {
		return m[1] + m[2] + m[3]
	}
	if m := reControl.FindStringSubmatch(message); m != nil {
		n, err := strconv.ParseUint(m[1], 16, 32)
		if err == nil {
			return string(rune(n))
		}
	}
	return ""
}

// keyPos finds the column of the last part of a dotted key on its line, or
// the line's first non-blank character.
func keyPos(path, text string, lineStart int, lineText string, line int, key string) diag.Pos {
	last := key
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		last = key[i+1:]
	}
	col := 1 + utf8.RuneCountInString(lineText) - utf8.RuneCountInString(strings.TrimLeft(lineText, " \t"))
	if i := strings.Index(lineText, key); i >= 0 {
		col = 1 + utf8.RuneCountInString(lineText[:i])
	} else if i := strings.Index(lineText, last); i >= 0 && last != "" {
		col = 1 + utf8.RuneCountInString(lineText[:i])
	}
	return diag.Pos{File: path, Line: line, Col: col}
}
