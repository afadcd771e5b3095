package input

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"mofan/generator/diag"
	"mofan/generator/textenc"
)

// maxFileSize bounds any TOML input; real files are a few kilobytes.
const maxFileSize = 1 << 20

// maxProblems is how many problems of one file are reported one by one.
const maxProblems = 100

// readText reads a text file as UTF-8. A UTF-8 BOM is dropped. A file saved
// as GBK/GB18030 (Notepad's "ANSI") is decoded with a warning when the result
// is plausible Chinese text, and refused otherwise, so that no garbled text
// ever reaches a document.
func readText(path string, probs *diag.List) (string, bool) {
	fi, err := os.Stat(path)
	if err != nil {
		probs.Add(diag.Pos{File: path}, "无法读取文件："+osReason(err), "检查文件是否存在、是否有读取权限")
		return "", false
	}
	if !fi.Mode().IsRegular() {
		// A folder, or a device or pipe (perhaps behind a link) that would
		// never end or never answer.
		probs.Add(diag.Pos{File: path}, "不是普通文件", "应是用记事本可以打开的 .toml 文本文件")
		return "", false
	}
	if fi.Size() > maxFileSize {
		probs.Add(diag.Pos{File: path}, fmt.Sprintf("文件过大（%d 字节，上限 %d 字节）", fi.Size(), maxFileSize), "检查是否选错了文件")
		return "", false
	}
	raw, err := readAtMost(path, maxFileSize)
	if err != nil {
		probs.Add(diag.Pos{File: path}, "无法读取文件："+osReason(err), "")
		return "", false
	}
	if len(raw) > maxFileSize { // it grew since Stat
		probs.Add(diag.Pos{File: path}, fmt.Sprintf("文件过大（超过 %d 字节）", maxFileSize), "检查是否选错了文件")
		return "", false
	}
	return decodeText(path, raw, probs)
}

// decodeText turns the bytes of a text file into UTF-8 text with LF line
// endings. UTF-8 (with or without BOM) is taken as it is; UTF-16 with a BOM
// (Notepad's "Unicode" and "Unicode big endian") and GBK/GB18030 (Notepad's
// "ANSI") are converted with a warning; anything else is refused with a
// message that says which encoding to save in. CRLF and lone CR line endings
// become LF, so that no invisible U+000D reaches a value. A NUL is reported
// at its line and column.
func decodeText(path string, raw []byte, probs *diag.List) (string, bool) {
	file := diag.Pos{File: path}
	switch {
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe, 0, 0}), bytes.HasPrefix(raw, []byte{0, 0, 0xfe, 0xff}):
		probs.Add(file, "文件是 UTF-32 编码，无法读取", "用记事本打开，选择“另存为”，编码选“UTF-8”后保存")
		return "", false
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}), bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
		text, ok := fromUTF16(raw[2:], raw[0] == 0xfe)
		if !ok {
			probs.Add(file, "文件是 UTF-16（Unicode）编码，但内容不完整或已损坏", "用记事本打开，选择“另存为”，编码选“UTF-8”后保存")
			return "", false
		}
		probs.Warn(file, "文件是 UTF-16（记事本中的“Unicode”）编码，已自动转换读取", "建议用记事本“另存为”，编码选“UTF-8”")
		raw = []byte(text)
	case binaryKind(raw) != "":
		probs.Add(file, "文件是"+binaryKind(raw)+"，不是文本文件", "检查是否选错了文件；这里需要用记事本可以打开的 .toml 文本文件")
		return "", false
	case utf16NoBOM(raw) != 0:
		probs.Add(file, "文件是 UTF-16 编码但缺少开头的编码标记（BOM），无法可靠读取", "用记事本打开，选择“另存为”，编码选“UTF-8”后保存")
		return "", false
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	raw = normalizeNewlines(raw)
	if len(bytes.TrimSpace(raw)) == 0 {
		probs.Add(diag.Pos{File: path, Line: 1, Col: 1}, "文件是空的", "参照示例文件填写，或删除该文件")
		return "", false
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		line, col := diag.LineCol(raw, i)
		pos := diag.Pos{File: path, Line: line, Col: col}
		if bytes.Count(raw, []byte{0}) > maxNUL || hasControl(raw) {
			probs.Add(pos, "文件含有二进制内容，不是文本文件", "用记事本打开检查，或从示例文件重新填写")
		} else {
			probs.Add(pos, "这里有一个不可见的空字符（NUL，U+0000），文本文件中不能有", "删去该字符：把光标放在这一位置前后，按删除键，直到前后文字相连")
		}
		return "", false
	}
	if utf8.Valid(raw) {
		return string(raw), true
	}
	dec, err := textenc.DecodeGB18030(raw)
	line, col := firstInvalidUTF8(raw)
	pos := diag.Pos{File: path, Line: line, Col: col}
	if err != nil || !plausibleChinese(string(dec)) {
		probs.Add(pos, "文件不是 UTF-8 编码，也不是可识别的 GBK/GB18030 编码（可能是繁体 Big5 或其他编码）", "用记事本打开，选择“另存为”，编码选“UTF-8”后保存")
		return "", false
	}
	probs.Warn(pos, "文件是 GBK/GB18030（ANSI）编码，已自动转换读取", "建议用记事本“另存为”，编码选“UTF-8”")
	return string(dec), true
}

// binaryKind names the kind of a binary file a clerk may save under a
// text file's name, or returns "".
func binaryKind(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return "一个压缩包或 Excel/Word 文件（.zip、.xlsx、.docx）"
	case bytes.HasPrefix(b, []byte("%PDF")):
		return "一个 PDF 文件"
	case bytes.HasPrefix(b, []byte{0xd0, 0xcf, 0x11, 0xe0}):
		return "一个旧版 Excel/Word 文件（.xls、.doc）"
	}
	return ""
}

// hasControl reports whether b holds a C0 control character other than NUL,
// tab and line breaks: with a NUL, the mark of a binary file.
func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != 0 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			return true
		}
	}
	return false
}

// maxNUL is how many NUL characters a text file may hold before it is called
// binary rather than a text with a stray NUL.
const maxNUL = 3

// normalizeNewlines turns CRLF and lone CR line endings into LF.
func normalizeNewlines(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
}

// fromUTF16 decodes UTF-16 (little-endian unless be) into UTF-8. It fails on
// an odd number of bytes or an unpaired surrogate.
func fromUTF16(b []byte, be bool) (string, bool) {
	if len(b)%2 != 0 {
		return "", false
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		if be {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			units[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	var sb strings.Builder
	for i := 0; i < len(units); i++ {
		u := rune(units[i])
		switch {
		case utf16.IsSurrogate(u):
			if i+1 >= len(units) {
				return "", false
			}
			r := utf16.DecodeRune(u, rune(units[i+1]))
			if r == utf8.RuneError {
				return "", false
			}
			sb.WriteRune(r)
			i++
		default:
			sb.WriteRune(u)
		}
	}
	return sb.String(), true
}

// utf16NoBOM reports whether b looks like UTF-16 text saved without a BOM:
// mostly ASCII characters, each followed (little-endian, 1) or preceded
// (big-endian, 2) by a zero byte. It returns 0 otherwise.
func utf16NoBOM(b []byte) int {
	n := min(len(b), 200) &^ 1
	if n < 16 {
		return 0
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	switch {
	case odd*10 >= n/2*4 && even*10 <= odd:
		return 1
	case even*10 >= n/2*4 && odd*10 <= even:
		return 2
	}
	return 0
}

// readAtMost reads up to n+1 bytes of a file, so a caller can tell a file
// longer than n without reading all of it. It reads into a buffer of the
// file's size (io.ReadAll's growing from 512 bytes was a tenth of loading
// 10,000 unit files).
func readAtMost(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(512)
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 {
		size = fi.Size() + 1 // + 1: the end is seen without growing
	}
	b := make([]byte, 0, min(size, n+1))
	for int64(len(b)) <= n {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // it grew since Stat
		}
		k, err := f.Read(b[len(b):min(int64(cap(b)), n+1)])
		b = b[:len(b)+k]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	return b, nil
}

func osReason(err error) string {
	switch {
	case os.IsNotExist(err):
		return "文件不存在"
	case os.IsPermission(err):
		return "没有读取权限"
	}
	return "读取出错"
}

// firstInvalidUTF8 locates the first byte that is not valid UTF-8.
func firstInvalidUTF8(b []byte) (line, col int) {
	line, col = 1, 1
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		b = b[n:]
	}
	return line, col
}

// plausibleChinese reports whether decoded text looks like real Chinese text:
// mostly ASCII, common CJK ideographs and CJK punctuation, with no private-use
// or control characters (which a wrong guess of the encoding produces).
func plausibleChinese(s string) bool {
	var odd, total int
	for _, r := range s {
		total++
		switch {
		case r == '\n' || r == '\r' || r == '\t':
		case r < 0x20 || r == 0x7f || unicode.Is(unicode.Co, r) || r == utf8.RuneError:
			return false
		case r < 0x80, r >= 0x4e00 && r <= 0x9fff, r >= 0x3000 && r <= 0x303f, r >= 0xff00 && r <= 0xffef, r >= 0x2010 && r <= 0x206f:
		default:
			odd++
		}
	}
	return odd*20 <= total
}

// doc is a decoded TOML file: its values as generic maps, and where its keys are.
type doc struct {
	path  string
	text  string
	data  map[string]any
	where map[string]diag.Pos // dotted key path → position of the key
}

// readTOML reads and decodes a TOML file (readText, then parseTOML).
func readTOML(path string, probs *diag.List) (*doc, bool) {
	text, ok := readText(path, probs)
	if !ok {
		return nil, false
	}
	return parseTOML(path, text, probs)
}

// parseTOML decodes text into generic values; a syntax error is reported with its position.
func parseTOML(path, text string, probs *diag.List) (*doc, bool) {
	if deepTOML(path, text, probs) {
		return nil, false
	}
	var data map[string]any
	if _, err := toml.Decode(text, &data); err != nil {
		syntaxProblems(path, text, err, probs)
		return nil, false
	}
	return &doc{path: path, text: text, data: data, where: locateKeys(path, text)}, true
}

// pos returns the position of a dotted key, or of its nearest located parent.
func (d *doc) pos(key string) diag.Pos {
	for k := key; k != ""; {
		if p, ok := d.where[k]; ok {
			return p
		}
		i := strings.LastIndexByte(k, '.')
		if i < 0 {
			break
		}
		k = k[:i]
	}
	return diag.Pos{File: d.path, Line: 1, Col: 1}
}

// The TOML decoder recurses for every level of [ ] and { } and for every part
// of a dotted key, and its time grows with the square of the depth: 10,000
// nested inline tables take seconds, a megabyte of them minutes. mofan's files
// need two or three levels, so deeper text is refused before decoding.
const (
	maxDepth = 32 // nested [ ] and { }
	maxDots  = 32 // dots in one dotted key
)

// deepTOML reports text nested deeper than maxDepth or with a dotted key of
// more than maxDots dots, and returns true when it found such a place.
func deepTOML(path, text string, probs *diag.List) bool {
	off, dots := tomlDepth(text)
	if off < 0 {
		return false
	}
	line, col := diag.LineCol([]byte(text), off)
	pos := diag.Pos{File: path, Line: line, Col: col}
	if dots {
		probs.Add(pos, fmt.Sprintf("键中的“.”超过 %d 个", maxDots), "键名中的“.”表示下一层，如 [self.NR-1-1]；检查这一行")
	} else {
		probs.Add(pos, fmt.Sprintf("方括号或花括号嵌套超过 %d 层", maxDepth), "mofan 的文件只用一两层 [ ] 和 { }；检查是否多写了括号")
	}
	return true
}

// tomlDepth scans TOML text, skipping strings and comments, for the first
// place where [ ] and { } nest deeper than maxDepth (dots false) or a dotted
// key has more than maxDots dots (dots true). It returns -1 when there is none.
// It reads any text, valid TOML or not, in one pass.
func tomlDepth(text string) (off int, dots bool) {
	depth, chain := 0, 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '#':
			for i+1 < len(text) && text[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			i = tomlStringEnd(text, i)
		case '[', '{':
			chain = 0
			if depth++; depth > maxDepth {
				return i, false
			}
		case ']', '}':
			chain = 0
			if depth > 0 {
				depth--
			}
		case '.':
			if chain++; chain > maxDots {
				return i, true
			}
		case '=', ',', '\n':
			chain = 0
		}
	}
	return -1, false
}

// tomlStringEnd returns the offset of the last byte of the string starting
// with the quote at text[i]: a basic or literal string ends at its closing
// quote or at the end of the line, a multi-line one at its closing triple
// quote or at the end of the text.
func tomlStringEnd(text string, i int) int {
	q := text[i]
	if strings.HasPrefix(text[i:], strings.Repeat(string(q), 3)) {
		for j := i + 3; j < len(text); j++ {
			switch {
			case q == '"' && text[j] == '\\':
				j++
			case strings.HasPrefix(text[j:], strings.Repeat(string(q), 3)):
				return j + 2
			}
		}
		return len(text) - 1
	}
	for j := i + 1; j < len(text); j++ {
		switch {
		case q == '"' && text[j] == '\\':
			if j+1 < len(text) && text[j+1] != '\n' {
				j++
			}
		case text[j] == q:
			return j
		case text[j] == '\n':
			return j - 1
		}
	}
	return len(text) - 1
}
