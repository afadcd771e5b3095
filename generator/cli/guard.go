package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"

	"mofan/generator/diag"
)

// guard turns a panic in the running command into a message a user can pass
// on, and exit status 1, instead of a Go stack trace. Main defers it:
//
//	func Main(…) (code int) {
//		defer guard(stderr, &code)
//
// The message names the panic and the mofan function it came from. A panic in
// another goroutine (a build worker) cannot be caught here; it must be caught
// in that goroutine.
func guard(stderr io.Writer, code *int) {
	v := recover()
	if v == nil {
		return
	}
	msg := fmt.Sprint(v)
	if where := panicSite(); where != "" {
		msg += "，位于 " + where
	}
	// Formatted as a problem is, so that it stays on one line and shows no
	// control characters, whatever the panic value holds.
	p := diag.Problem{Msg: "内部错误：" + msg, Hint: "请把输入文件和这条消息发给维护人员"}
	line := strings.TrimPrefix(p.Error(), ": ")
	line = strings.Replace(line, "（提示：请把", "（请把", 1)
	fmt.Fprintf(stderr, "mofan：%s\n", line)
	*code = ExitInput
}

// panicSite returns the mofan function and line where the panic was raised,
// as "plan.parsePoints (plan.go:512)", or "".
func panicSite() string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(3, pcs) // skip Callers, panicSite, guard
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, "mofan/") && !strings.HasSuffix(f.Function, ".guard") {
			name := f.Function[strings.LastIndexByte(f.Function, '/')+1:]
			return fmt.Sprintf("%s (%s:%d)", name, filepath.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}
