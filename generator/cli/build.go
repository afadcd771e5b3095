package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"mofan/generator/build"
	"mofan/generator/compose"
	"mofan/generator/diag"
	"mofan/generator/input"
)

func (e *env) build(args []string) int {
	var all bool
	var fonts, templates string
	o, code, ok := e.flags("build", buildHelp, args, func(fs *flag.FlagSet, o *options) {
		fs.StringVar(&o.out, "out", "output", "")
		fs.BoolVar(&all, "all", false, "")
		fs.StringVar(&fonts, "fonts", filepath.Join("fonts", "fonts.toml"), "")
		fs.StringVar(&templates, "templates", "templates", "")
	})
	if !ok {
		return code
	}
	start := time.Now()
	years := []int{o.year}
	if all {
		if o.year != 0 {
			fmt.Fprintf(e.stderr, "mofan build：--all 与 --year 不能同时使用\n\n%s", buildHelp)
			return ExitUsage
		}
		years = input.Years(o.seeds)
	}
	// Load and check every year first: all problems at once, before anything is written.
	var todo []*build.Year
	var failed error
	for _, y := range years {
		if y == 0 {
			var err error
			if y, err = resolveYear(o); err != nil {
				return e.report(err, nil)
			}
		}
		oy := *o
		oy.year = y
		l, err := load(&oy)
		if err != nil {
			failed = err
			e.report(err, nil)
			continue
		}
		e.report(nil, l.in.Warnings)
		by := &build.Year{Plan: l.plan, In: l.in, Template: filepath.Join(templates, "表彰通知.md")}
		if py := compose.ParseDate(l.plan.Notice.Date).Year(); build.CycleEnd(py, y) {
			by.Earlier, err = e.earlier(o, y)
			if err != nil {
				failed = err
				continue
			}
		}
		todo = append(todo, by)
	}
	if failed != nil {
		return ExitInput
	}
	if len(todo) == 0 {
		var l diag.List
		l.Add(diag.Pos{File: o.seeds}, "输入目录下没有年度数据（如 seeds/2020/year.toml）", "用 --seeds 指定输入目录")
		return e.report(l.Err(), nil)
	}
	eng, err := build.NewEngine(fonts)
	if err != nil {
		return e.report(err, nil)
	}
	for _, y := range todo {
		res, err := eng.Build(y, o.out)
		if err != nil {
			return e.report(err, nil)
		}
		if len(y.Earlier) == 2 {
			fmt.Fprintf(e.stdout, "%d 年是三年一总评之年，已生成三年总评（%d—%d 年）。\n", y.In.Year.Year, y.In.Year.Year-2, y.In.Year.Year)
		}
		fmt.Fprintf(e.stdout, "已生成 %d 年度文档：%d 个文件，%.1f MB → %s\n", y.In.Year.Year, len(res.Files), float64(res.Bytes)/(1<<20), res.Dir)
	}
	fmt.Fprintf(e.stdout, "用时 %.2f 秒。\n", time.Since(start).Seconds())
	return ExitOK
}

// earlier loads the two years before year for the three-year evaluation; a
// missing year is a warning (no evaluation), a broken one an error.
func (e *env) earlier(o *options, year int) ([]*build.Year, error) {
	var out []*build.Year
	for _, y := range []int{year - 2, year - 1} {
		if _, err := os.Stat(filepath.Join(o.seeds, fmt.Sprint(y), "year.toml")); err != nil {
			var l diag.List
			l.Warn(diag.Pos{File: filepath.Join(o.seeds, fmt.Sprint(y))}, fmt.Sprintf("%d 年是三年一总评之年，但缺少 %d 年度数据，不生成三年总评", year, y), "")
			e.report(nil, l.Warnings())
			return nil, nil
		}
		oy := *o
		oy.year = y
		l, err := load(&oy)
		if err != nil {
			e.report(err, nil)
			return nil, err
		}
		out = append(out, &build.Year{Plan: l.plan, In: l.in})
	}
	return out, nil
}
