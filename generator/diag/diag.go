// Package diag collects input problems with their positions, so that a run can
// report every problem at once as "path:line:col: 消息（提示）".
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Pos is where a problem lies in an input file. Line and Col count from 1;
// zero means unknown.
type Pos struct {
	File      string
	Line, Col int
}

// String formats p as "file:line:col", leaving out unknown parts. Control
// and bidirectional-formatting characters in the file name are escaped.
func (p Pos) String() string {
	file := escape(p.File)
	switch {
	case p.Line == 0:
		return file
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// Severity tells an error (the run stops) from a warning (the run goes on).
type Severity int

const (
	Error Severity = iota
	Warning
)

// Problem is one input problem: where, what, and what to do about it.
type Problem struct {
	Pos      Pos
	Severity Severity
	Msg      string // what is wrong, in Chinese
	Hint     string // what to do, in Chinese; may be empty
}

// Error formats the problem as "path:line:col: 消息（提示：…）", always on one
// line: control characters (line breaks included) and bidirectional-formatting
// characters are escaped as <U+XXXX>, so that text quoted from an input file
// can neither break the line nor reorder it on a terminal; an overlong
// message or hint is cut.
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.Pos.String())
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString("警告：")
	}
	b.WriteString(clip(escape(p.Msg), maxMessage))
	if p.Hint != "" {
		b.WriteString("（提示：")
		b.WriteString(clip(escape(p.Hint), maxMessage))
		b.WriteString("）")
	}
	return b.String()
}

// List collects the problems of a run. The zero value is ready to use.
type List struct {
	items []*Problem
}

// Add records an error at pos with a message and a hint.
func (l *List) Add(pos Pos, msg, hint string) {
	l.items = append(l.items, &Problem{Pos: pos, Msg: msg, Hint: hint})
}

// Addf records an error at pos with a formatted message and no hint.
func (l *List) Addf(pos Pos, format string, args ...any) {
	l.Add(pos, fmt.Sprintf(format, args...), "")
}

// Warn records a warning: reported, but the run goes on.
func (l *List) Warn(pos Pos, msg, hint string) {
	l.items = append(l.items, &Problem{Pos: pos, Severity: Warning, Msg: msg, Hint: hint})
}

// Append adds the problems of another list, or err itself if it is not a list.
func (l *List) Append(err error) {
	if err == nil {
		return
	}
	var other *List
	if errors.As(err, &other) {
		l.items = append(l.items, other.items...)
		return
	}
	var p *Problem
	if errors.As(err, &p) {
		l.items = append(l.items, p)
		return
	}
	l.items = append(l.items, &Problem{Msg: err.Error()})
}

// Cap keeps at most n problems of one file, the first in sorted order, and
// replaces the others with one problem that says how many were left out, so
// that a garbled file does not bury the terminal in messages.
func (l *List) Cap(file string, n int) {
	var mine []*Problem
	for _, p := range l.items {
		if p.Pos.File == file {
			mine = append(mine, p)
		}
	}
	if len(mine) <= n {
		return
	}
	sub := List{items: mine}
	keep := map[*Problem]bool{}
	for _, p := range sub.Problems()[:n] {
		keep[p] = true
	}
	dropped, severity := 0, Warning
	out := l.items[:0]
	for _, p := range l.items {
		if p.Pos.File != file || keep[p] {
			out = append(out, p)
			continue
		}
		dropped++
		if p.Severity == Error {
			severity = Error
		}
	}
	l.items = append(out, &Problem{Pos: Pos{File: file}, Severity: severity,
		Msg:  fmt.Sprintf("问题过多，只列出前 %d 个，另有 %d 个未列出", n, dropped),
		Hint: "先改正列出的问题，再重新检查"})
}

// Len is the number of problems, warnings included.
func (l *List) Len() int { return len(l.items) }

// HasErrors reports whether any problem is an error rather than a warning.
func (l *List) HasErrors() bool {
	for _, p := range l.items {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// Problems returns the problems sorted by file, line and column; problems at
// the same place keep the order they were added in.
func (l *List) Problems() []*Problem {
	out := append([]*Problem(nil), l.items...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return out
}

// Warnings returns only the warnings, sorted.
func (l *List) Warnings() []*Problem {
	var out []*Problem
	for _, p := range l.Problems() {
		if p.Severity == Warning {
			out = append(out, p)
		}
	}
	return out
}

// Err returns the list as an error when it holds at least one error, else nil.
// Warnings alone do not make an error.
func (l *List) Err() error {
	if l == nil || !l.HasErrors() {
		return nil
	}
	return l
}

// Error prints every problem, one a line, sorted.
func (l *List) Error() string {
	var b strings.Builder
	for i, p := range l.Problems() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// maxShow is how many characters of an input value a message quotes.
const maxShow = 40

// maxMessage bounds the message and the hint of one problem, in characters.
const maxMessage = 1000

// Show returns text from an input file as a message may quote it: control and
// bidirectional-formatting characters escaped as <U+XXXX>, invalid UTF-8 as
// U+FFFD, and anything beyond 40 characters cut and marked with "…".
func Show(s string) string {
	return clip(escape(s), maxShow)
}

// Escape returns s with control and bidirectional-formatting characters
// escaped as <U+XXXX>, line by line: line breaks are kept, and nothing is cut.
func Escape(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = escape(l)
	}
	return strings.Join(lines, "\n")
}

// Unsafe reports whether r must not reach a terminal or a document raw: a C0
// or C1 control character (tab and line breaks included), DEL, or a character
// that changes the direction of text (LRM, RLM, ALM, the embeddings,
// overrides and isolates), or a line or paragraph separator.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// escape replaces every Unsafe rune with <U+XXXX> and invalid UTF-8 with U+FFFD.
func escape(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || Unsafe(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s { // invalid bytes come out as utf8.RuneError
		if Unsafe(r) {
			fmt.Fprintf(&b, "<U+%04X>", r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// clip cuts s to n characters, marking the cut with "…".
func clip(s string, n int) string {
	if len(s) <= n { // fewer bytes than n: fewer characters too
		return s
	}
	i := 0
	for k := range s {
		if i == n {
			return s[:k] + "…"
		}
		i++
	}
	return s
}

// LineCol returns the 1-based line and column (in runes) of byte offset off in
// src. It scans src from the start: for many offsets into one source, use Lines.
func LineCol(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	line, col = 1, 1
	for _, r := range string(src[:off]) {
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// Lines finds the line and column of byte offsets in one source quickly: by
// binary search for the line, and counting runes forward from the previous
// offset when offsets come in increasing order on one line, so that locating
// every node of a large file takes linear rather than quadratic time.
type Lines struct {
	src    []byte
	starts []int // byte offset where each line begins
	// The previous answer, to continue from.
	lastOff, lastLine, lastCol int
}

// NewLines indexes the lines of src.
func NewLines(src []byte) *Lines {
	l := &Lines{src: src, starts: []int{0}}
	for i, c := range src {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// LineCol returns the 1-based line and column (in runes) of byte offset off,
// as the function LineCol does.
func (l *Lines) LineCol(off int) (line, col int) {
	off = max(0, min(off, len(l.src)))
	line = sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) // 1-based
	from, col := l.starts[line-1], 1
	if l.lastLine == line && l.lastOff <= off {
		from, col = l.lastOff, l.lastCol
	}
	col += utf8.RuneCount(l.src[from:off])
	l.lastOff, l.lastLine, l.lastCol = off, line, col
	return line, col
}

// Hidden names a character that cannot be seen, or that looks like an
// ordinary space but is not one: the ideographic space an input method types,
// the non-breaking space of Word and web pages, zero-width characters and
// U+FEFF. It returns "" for any other character.
func Hidden(r rune) string {
	switch r {
	case '\u3000':
		return "全角空格"
	case '\u00a0':
		return "不间断空格（U+00A0，常见于从 Word 或网页复制的文字）"
	case '\u200b':
		return "零宽空格（U+200B）"
	case '\u200c', '\u200d', '\u2060', '\u00ad':
		return fmt.Sprintf("不可见字符（U+%04X）", r)
	case '\ufeff':
		return "不可见字符（U+FEFF，字节顺序标记）"
	case '\u2002', '\u2003', '\u2009', '\u202f':
		return fmt.Sprintf("特殊空格（U+%04X）", r)
	}
	return ""
}
