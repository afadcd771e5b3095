// Package diag collects input problems with their positions, so that a run can
// report every problem at once as "path:line:col: 消息（提示）".
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is where a problem lies in an input file. Line and Col count from 1;
// zero means unknown.
type Pos struct {
	File      string
	Line, Col int
}

// String formats p as "file:line:col", leaving out unknown parts.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
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

// Error formats the problem as "path:line:col: 消息（提示：…）".
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.Pos.String())
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString("警告：")
	}
	b.WriteString(p.Msg)
	if p.Hint != "" {
		b.WriteString("（提示：")
		b.WriteString(p.Hint)
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

// LineCol returns the 1-based line and column (in runes) of byte offset off in src.
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
