package cli

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"

	"mofan/generator/build"
	"mofan/generator/diag"
)

// demoMarker is the file mofan demo writes at the top of its folder; build
// knows demo data by it.
const demoMarker = "演示数据说明.txt"

const demoMarkerText = `本目录由 mofan demo 生成：实施方案中的单位和全部分数都是虚构的演示数据，不是真实考评结果。
mofan build 不会把演示数据写入默认的输出目录 output/（那里是正式文档），请用 --out 指定另一个目录。
`

// defaultOut is the default output folder of mofan build.
const defaultOut = "output"

// demoGuard refuses to build demo data into the default output folder when
// real seeds sit beside it (./seeds without the demo marker): there the
// real documents of the same year would be overwritten (a 2020 demo of
// 10,000 units replaces the real output/2020 with gigabytes of 示范单位).
// Demo data into any other folder, and real data anywhere, pass.
func demoGuard(seeds, out string) error {
	if !isDemo(seeds) || !samePath(out, defaultOut) {
		return nil
	}
	real := filepath.Join(filepath.Dir(defaultOut), "seeds")
	if fi, err := os.Stat(real); err != nil || !fi.IsDir() || isDemo(real) || samePath(real, seeds) {
		return nil
	}
	var l diag.List
	l.Add(diag.Pos{File: filepath.Join(seeds, demoMarker)},
		fmt.Sprintf("%s 是演示数据，不写入默认的输出目录 %s（那里是正式文档）", seeds, defaultOut),
		fmt.Sprintf("用 --out 指定另一个目录，如 --out %s", filepath.Join(seeds, "output")))
	return l.Err()
}

// isDemo reports whether seeds is a folder written by mofan demo.
func isDemo(seeds string) bool {
	_, err := os.Stat(filepath.Join(seeds, demoMarker))
	return err == nil
}

// samePath reports whether a and b name the same folder, whether or not it exists.
func samePath(a, b string) bool {
	if fa, err := os.Stat(a); err == nil {
		if fb, err := os.Stat(b); err == nil {
			return os.SameFile(fa, fb)
		}
	}
	aa, err1 := filepath.Abs(a)
	ab, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == ab
}

// checkUnits refuses unit numbers (--units) that a year's 附件1 does not have.
func checkUnits(units []int, years []*build.Year) string {
	for _, y := range years {
		var have []int
		for _, u := range y.In.Units {
			have = append(have, u.No)
		}
		for _, n := range units {
			if !slices.Contains(have, n) {
				msg := fmt.Sprintf("--units 的序号 %d 在 %d 年度附件1中没有", n, y.In.Year.Year)
				if len(have) > 0 {
					msg += fmt.Sprintf("（共 %d 个单位，序号 %d～%d）", len(have), slices.Min(have), slices.Max(have))
				}
				return msg
			}
		}
	}
	return ""
}

// interrupts turns the first Ctrl-C (SIGINT) or SIGTERM into a closed stop
// channel, so that the running build removes its temporary folder and keeps
// the previous output; a second signal ends the process at once. release
// stops listening.
func (e *env) interrupts() (stop <-chan struct{}, release func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	ch := make(chan struct{})
	quit := make(chan struct{})
	go func() {
		select {
		case <-sig:
			signal.Stop(sig) // a second Ctrl-C kills
			fmt.Fprintln(e.stderr, "\n正在中断：删除临时文件，保留原有输出……")
			close(ch)
		case <-quit:
		}
	}()
	return ch, func() {
		signal.Stop(sig)
		close(quit)
	}
}

// interrupted is the exit status of a build ended by a signal, as shells
// report it (128 + SIGINT).
const interrupted = 130
