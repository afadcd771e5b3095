package cli

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// fakeClock advances by step on every reading.
func fakeClock(step time.Duration) func() time.Time {
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(step)
		return t
	}
}

func TestFitLine(t *testing.T) {
	for _, cols := range []int{9, 19, 39, 59, 79, 199} {
		for _, c := range []struct {
			done, total int
			elapsed     time.Duration
		}{{0, 358, 0}, {1, 358, 50 * time.Millisecond}, {179, 358, 5 * time.Second}, {358, 358, 10 * time.Second}, {12345, 50008, 75 * time.Minute}} {
			line := fitLine("2020 年度", "自评表", c.done, c.total, c.elapsed, cols)
			if w := textWidth(line); w > cols {
				t.Errorf("cols %d: %q is %d columns wide", cols, line, w)
			}
			if cols >= 19 && !strings.Contains(line, fmt.Sprintf("%d/%d %d%%", c.done, c.total, percent(c.done, c.total))) {
				t.Errorf("cols %d: %q lacks the count and percentage", cols, line)
			}
			if cols >= 79 && !strings.Contains(line, "自评表") || cols >= 79 && !strings.Contains(line, "用时 ") || cols >= 79 && !strings.Contains(line, "剩余 ") {
				t.Errorf("cols %d: %q lacks the step or times", cols, line)
			}
			if cols >= 79 && !strings.Contains(line, "[") {
				t.Errorf("cols %d: %q has no bar", cols, line)
			}
		}
	}
}

func TestEtaAndClock(t *testing.T) {
	cases := []struct {
		done, total int
		elapsed     time.Duration
		want        string
	}{
		{0, 100, time.Minute, "--:--"},
		{10, 100, 500 * time.Millisecond, "--:--"},
		{50, 100, 10 * time.Second, "0:10"},
		{25, 100, 10 * time.Second, "0:30"},
		{1, 1000, 10 * time.Second, "2:46:30"},
		{100, 100, time.Minute, "0:00"},
	}
	for _, c := range cases {
		if got := eta(c.done, c.total, c.elapsed); got != c.want {
			t.Errorf("eta(%d, %d, %v) = %q, want %q", c.done, c.total, c.elapsed, got, c.want)
		}
	}
	if got := clock(3725 * time.Second); got != "1:02:05" {
		t.Errorf("clock = %q", got)
	}
}

func TestTextWidth(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "年度": 4, "（33%）": 7, "2020 年度 [##..]": 16} {
		if got := textWidth(s); got != want {
			t.Errorf("textWidth(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestProgressLine: redrawn in place with carriage returns, never an escape
// code, at most every 100 ms, and cleared with spaces at the end.
func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := startProgress(&b, "2020 年度", progressLine, 60, fakeClock(30*time.Millisecond))
	for i := 1; i <= 100; i++ {
		p.update(i, 100, "自评表")
	}
	p.done()
	out := b.String()
	if strings.ContainsRune(out, 0x1b) || strings.Contains(out, "\n") {
		t.Errorf("line mode wrote an escape code or a newline: %q", out)
	}
	draws := strings.Split(out, "\r")
	// 100 updates 30 ms apart: one draw per 4 updates, plus the last; then the clearing.
	if len(draws) < 20 || len(draws) > 30 {
		t.Errorf("%d draws for 100 updates 30 ms apart", len(draws)-1)
	}
	for _, d := range draws {
		if textWidth(d) > 59 {
			t.Errorf("draw %q is wider than 59 columns", d)
		}
	}
	if !strings.Contains(out, "100/100 100%") || strings.TrimSpace(draws[len(draws)-2]) != "" || draws[len(draws)-1] != "" {
		t.Errorf("last draws %q, want the full count then a blank line", draws[len(draws)-3:])
	}
}

// TestProgressPlain: a whole line every ten seconds, nothing more often.
func TestProgressPlain(t *testing.T) {
	var b bytes.Buffer
	p := startProgress(&b, "2020 年度", progressPlain, 80, fakeClock(time.Second))
	for i := 1; i <= 35; i++ {
		p.update(i, 35, "考评要点")
	}
	p.done()
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	want := []string{
		"2020 年度：考评要点 10/35（28%），用时 0:10，预计还需 0:25",
		"2020 年度：考评要点 20/35（57%），用时 0:20，预计还需 0:15",
		"2020 年度：考评要点 30/35（85%），用时 0:30，预计还需 0:05",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("plain lines:\n%s\nwant:\n%s", b.String(), strings.Join(want, "\n"))
	}
}

func TestChooseMode(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	cases := []struct {
		name  string
		w     any
		quiet bool
		term  string
		want  progressMode
	}{
		{"buffer", &bytes.Buffer{}, false, "xterm", progressOff},
		{"quiet pipe", w, true, "xterm", progressOff},
		{"pipe", w, false, "xterm", progressPlain},
		{"pipe, dumb", w, false, "dumb", progressPlain},
	}
	for _, c := range cases {
		out, _ := c.w.(interface{ Write([]byte) (int, error) })
		if got := chooseMode(out, c.quiet, c.term); got != c.want {
			t.Errorf("%s: mode %d, want %d", c.name, got, c.want)
		}
	}
	for env, want := range map[string]int{"": 80, "abc": 80, "120": 120, " 40 ": 40, "3": 80} {
		if got := columns(env); got != want {
			t.Errorf("columns(%q) = %d, want %d", env, got, want)
		}
	}
}
