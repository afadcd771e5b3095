package cli

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// progress reports how far a year's build has got: the current step (the
// kind of the file just written), the count, the percentage, the time spent
// and an estimate of the time left.
//
// On a terminal it redraws one line, at most ten times a second. The line is
// redrawn with a carriage return and cleared with spaces, never with escape
// codes, so cmd.exe shows it right even without virtual-terminal support; it
// is kept one column narrower than the terminal (COLUMNS, else 80) so that it
// never wraps, which would defeat the carriage return. Where a carriage
// return cannot be trusted (TERM=dumb, or output to a file or pipe such as
// a CI log), it prints a plain line every ten seconds instead. It is silent
// with --quiet and when the output is not a file at all (tests).
type progress struct {
	w     io.Writer
	label string
	mode  progressMode
	cols  int
	now   func() time.Time
	start time.Time
	last  time.Time // when the last line was drawn
	drawn int       // width in columns of the line on screen (line mode)
	step  string
}

// progressMode is how progress is shown.
type progressMode int

const (
	progressOff   progressMode = iota // nothing
	progressLine                      // one line, redrawn in place
	progressPlain                     // a new line now and then
)

// Redraw intervals.
const (
	lineEvery  = 100 * time.Millisecond
	plainEvery = 10 * time.Second
)

func newProgress(w io.Writer, label string, quiet bool) *progress {
	return startProgress(w, label, chooseMode(w, quiet, os.Getenv("TERM")), columns(os.Getenv("COLUMNS")), time.Now)
}

func startProgress(w io.Writer, label string, mode progressMode, cols int, now func() time.Time) *progress {
	t := now()
	return &progress{w: w, label: label, mode: mode, cols: cols, now: now, start: t, last: t}
}

// chooseMode picks the progress mode for output w.
func chooseMode(w io.Writer, quiet bool, term string) progressMode {
	f, ok := w.(*os.File)
	switch {
	case quiet || !ok:
		return progressOff
	case term == "dumb" || !isTerminal(f):
		return progressPlain
	}
	return progressLine
}

// columns is the terminal width from $COLUMNS, else 80.
func columns(env string) int {
	if n, err := strconv.Atoi(strings.TrimSpace(env)); err == nil && n >= 10 && n <= 1000 {
		return n
	}
	return 80
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// update is called after each file with the count so far, the total and the
// kind of the file.
func (p *progress) update(done, total int, kind string) {
	if kind != "" {
		p.step = kind
	}
	if p.mode == progressOff {
		return
	}
	t := p.now()
	switch p.mode {
	case progressLine:
		if done < total && t.Sub(p.last) < lineEvery {
			return
		}
		line := fitLine(p.label, p.step, done, total, t.Sub(p.start), p.cols-1)
		w := textWidth(line)
		fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", max(p.drawn-w, 0)))
		p.drawn = w
	case progressPlain:
		if t.Sub(p.last) < plainEvery {
			return
		}
		fmt.Fprintln(p.w, plainLine(p.label, p.step, done, total, t.Sub(p.start)))
	}
	p.last = t
}

// done clears the progress line.
func (p *progress) done() {
	if p.mode == progressLine && p.drawn > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.drawn))
		p.drawn = 0
	}
}

// plainLine is the periodic line: "2020 年度：自评表 120/358（33%），用时 0:10，预计还需 0:20".
func plainLine(label, step string, done, total int, elapsed time.Duration) string {
	return fmt.Sprintf("%s：%s %d/%d（%d%%），用时 %s，预计还需 %s", label, step, done, total, percent(done, total), clock(elapsed), eta(done, total, elapsed))
}

// fitLine is the progress line, at most cols columns wide. Parts are given
// up, least useful first, until it fits: the bar shrinks and goes, then the
// step, the label and the times; the count and percentage stay longest.
func fitLine(label, step string, done, total int, elapsed time.Duration, cols int) string {
	count := fmt.Sprintf("%d/%d %d%%", done, total, percent(done, total))
	times := fmt.Sprintf("用时 %s 剩余 %s", clock(elapsed), eta(done, total, elapsed))
	head := label
	if step != "" {
		head += " " + step
	}
	tail := count + " " + times
	// With a bar: "head [####....] tail".
	if room := cols - textWidth(head) - textWidth(tail) - 4; room >= 10 {
		n := min(room, 30)
		fill := n * done / max(total, 1)
		return fmt.Sprintf("%s [%s%s] %s", head, strings.Repeat("#", fill), strings.Repeat(".", n-fill), tail)
	}
	for _, s := range []string{head + " " + tail, label + " " + tail, tail, count + " 剩余 " + eta(done, total, elapsed), count} {
		if textWidth(s) <= cols {
			return s
		}
	}
	r := []rune(count)
	return string(r[:min(len(r), max(cols, 0))])
}

func percent(done, total int) int {
	if total <= 0 {
		return 100
	}
	return 100 * done / total
}

// eta estimates the time left from the pace so far; "--:--" until there is
// a pace to go by.
func eta(done, total int, elapsed time.Duration) string {
	if done <= 0 || elapsed < time.Second {
		return "--:--"
	}
	if done >= total {
		return clock(0)
	}
	return clock(elapsed * time.Duration(total-done) / time.Duration(done))
}

// clock formats d as m:ss, or h:mm:ss from an hour on.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// textWidth is the number of terminal columns s takes: two for East Asian
// wide characters (Chinese, full-width punctuation), one for the rest. The
// progress line uses no character of ambiguous width (such as █), which a
// Chinese console draws two columns wide.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

func wide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, CJK compatibility
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xA000 && r <= 0xA4CF, // Yi
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions B and later
		return true
	}
	return false
}
