package cli

import (
	"fmt"

	"mofan/generator/input"
)

// checkAll checks every year under o.seeds, the years build --all builds,
// and reports the problems of all of them; the status is the worst.
func (e *env) checkAll(o *options) int {
	if o.year != 0 {
		fmt.Fprintf(e.stderr, "mofan check：--all 与 --year 不能同时使用\n\n%s", checkHelp)
		return ExitUsage
	}
	years := input.Years(o.seeds)
	if len(years) == 0 {
		_, err := resolveYear(o) // the message for a folder with no year
		return e.report(err, nil)
	}
	code := ExitOK
	for _, y := range years {
		oy := *o
		oy.year = y
		code = max(code, e.checkYear(&oy))
	}
	if code == ExitOK && len(years) > 1 {
		fmt.Fprintf(e.stdout, "全部 %d 个年度（%d—%d）检查通过。\n", len(years), years[0], years[len(years)-1])
	}
	return code
}
