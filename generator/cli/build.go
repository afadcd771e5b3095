package cli

import (
	"flag"
	"fmt"
	"path/filepath"
	"time"

	"mofan/generator/build"
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
		oy := *o
		oy.year = y
		l, err := load(&oy)
		if err != nil {
			failed = err
			e.report(err, nil)
			continue
		}
		e.report(nil, l.in.Warnings)
		todo = append(todo, &build.Year{Plan: l.plan, In: l.in, Template: filepath.Join(templates, "表彰通知.md")})
	}
	if failed != nil {
		return ExitInput
	}
	if len(todo) == 0 {
		_, err := resolveYear(o)
		return e.report(err, nil)
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
		fmt.Fprintf(e.stdout, "已生成 %d 年度文档：%d 个文件，%.1f MB → %s\n", y.In.Year.Year, len(res.Files), float64(res.Bytes)/(1<<20), res.Dir)
	}
	fmt.Fprintf(e.stdout, "用时 %.2f 秒。\n", time.Since(start).Seconds())
	return ExitOK
}
