package cli

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

func TestGuard(t *testing.T) {
	var stderr bytes.Buffer
	code := func() (code int) {
		defer guard(&stderr, &code)
		var names []string
		_ = names[len(stderr.String())+3] // index out of range
		return ExitOK
	}()
	if code != ExitInput {
		t.Errorf("exit %d, want 1", code)
	}
	re := regexp.MustCompile(`^mofan：内部错误：runtime error: index out of range \[3\] with length 0，位于 cli\.TestGuard\.func1 \(guard_test\.go:\d+\)（请把输入文件和这条消息发给维护人员）\n$`)
	if !re.MatchString(stderr.String()) {
		t.Errorf("stderr: %q", stderr.String())
	}

	// A panic value with control characters and line breaks stays one escaped line.
	stderr.Reset()
	func() (code int) {
		defer guard(&stderr, &code)
		panic("bad\u202e\nvalue\x1b[2J")
	}()
	if got := stderr.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, "bad<U+202E><U+000A>value<U+001B>[2J") {
		t.Errorf("stderr: %q", got)
	}

	// No panic: the status is left alone and nothing is printed.
	stderr.Reset()
	if code := func() (code int) {
		defer guard(&stderr, &code)
		return ExitUsage
	}(); code != ExitUsage || stderr.Len() != 0 {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

// TestMainRecovers panics inside a command (help written to a nil stdout)
// and expects the message, not a crash.
func TestMainRecovers(t *testing.T) {
	var stderr bytes.Buffer
	code := Main([]string{"--help"}, nil, &stderr)
	if code != ExitInput || !strings.HasPrefix(stderr.String(), "mofan：内部错误：") || !strings.HasSuffix(stderr.String(), "（请把输入文件和这条消息发给维护人员）\n") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
