package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"mofan/generator/build"
)

// build runs mofan build: the Load phase over the years asked for, then
// the build of each year into the output directory, with a progress bar
// and a summary per year unless quiet; an interrupt stops it cleanly.
func (e *env) build(args []string) int {
	var all, quiet, draft bool
	var fonts, templates, only, units, cpuprof, memprof string
	o, code, ok := e.flags("build", buildHelp, args, func(fs *flag.FlagSet, o *options) {
		fs.StringVar(&o.out, "out", "output", "")
		fs.BoolVar(&all, "all", false, "")
		fs.StringVar(&fonts, "fonts", filepath.Join("fonts", "fonts.toml"), "")
		fs.StringVar(&templates, "templates", "templates", "")
		fs.BoolVar(&quiet, "quiet", false, "")
		fs.BoolVar(&draft, "draft", false, "")
		fs.StringVar(&only, "only", "", "")
		fs.StringVar(&units, "units", "", "")
		fs.StringVar(&cpuprof, "cpuprofile", "", "")
		fs.StringVar(&memprof, "memprofile", "", "")
	})
	if !ok {
		return code
	}
	start := time.Now()
	// A large build makes much short-lived garbage (every document's
	// buffers); a soft limit makes the collector keep the process under
	// half a gigabyte instead of letting the heap double. GOMEMLIMIT, when
	// set, decides instead. Under the limit, the heap may grow to three
	// times what is live rather than two (GOGC=200): the live heap is
	// small (the fonts are mapped, not read), and collecting half as often
	// saved 7 % of a 1,000-unit build's time for 50 MB more memory. GOGC,
	// when set, decides instead.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if stop := profile(cpuprof, memprof); stop != nil {
		defer stop()
	}
	opt, msg := buildOptions(only, units)
	if msg != "" {
		fmt.Fprintf(e.stderr, "mofan build：%s\n\n%s", msg, buildHelp)
		return ExitUsage
	}
	if all && o.year != 0 {
		fmt.Fprintf(e.stderr, "mofan build：--all 与 --year 不能同时使用\n\n%s", buildHelp)
		return ExitUsage
	}
	if err := demoGuard(o.seeds, o.out); err != nil {
		return e.report(err, nil)
	}
	// The Load phase: every input of every year, the templates and the
	// fonts, checked at once before anything is written (mofan check runs
	// exactly this).
	run, err := build.Load(loadConfig(o, all, fonts, templates))
	if err != nil {
		return e.report(err, nil)
	}
	e.report(nil, run.Warnings)
	eng, todo := run.Engine, run.Years
	for _, y := range todo {
		y.Draft = draft // the official documents, from incomplete data, as drafts
	}
	if msg := checkUnits(opt.Units, todo); msg != "" {
		fmt.Fprintf(e.stderr, "mofan build：%s\n\n%s", msg, buildHelp)
		return ExitUsage
	}
	stop, release := e.interrupts()
	defer release()
	opt.Stop = stop
	written := 0
	for _, y := range todo {
		n, code := e.buildYear(eng, y, o.out, opt, quiet)
		if code != ExitOK {
			return code
		}
		written += n
	}
	if !quiet {
		fmt.Fprintf(e.stdout, "完成：共写入 %d 个文件，用时 %.2f 秒。\n", written, time.Since(start).Seconds())
	}
	return ExitOK
}

// buildYear builds year y into out with a progress bar and, unless quiet,
// says what it wrote. It returns the number of files written, and an exit
// code other than ExitOK when the build was interrupted or failed.
func (e *env) buildYear(eng *build.Engine, y *build.Year, out string, opt build.Options, quiet bool) (int, int) {
	bar := newProgress(e.stderr, fmt.Sprintf("%d 年度", y.In.Year.Year), quiet)
	opt.Progress = bar.update
	res, err := eng.Build(y, out, opt)
	bar.done()
	if errors.Is(err, build.ErrStopped) {
		fmt.Fprintf(e.stderr, "mofan build：%d 年度%s。\n", y.In.Year.Year, build.ErrStopped)
		return 0, interrupted
	}
	if err != nil {
		return 0, e.report(err, nil)
	}
	if !quiet {
		e.yearSummary(y, res, opt.Units == nil)
	}
	return res.Written, ExitOK
}

// yearSummary says what the build of year y wrote (res): the three-year
// evaluation when one was made for all units (allUnits), why there is no
// 表彰通知 or why it is a draft, and the count and size of the files.
func (e *env) yearSummary(y *build.Year, res *build.Result, allUnits bool) {
	if len(y.Earlier) == 2 && allUnits {
		fmt.Fprintf(e.stdout, "%d 年是三年一总评之年，已生成三年总评（%d—%d 年）。\n", y.In.Year.Year, y.In.Year.Year-2, y.In.Year.Year)
	}
	switch {
	case res.Withheld:
		e.withheld(y)
	case !slices.Contains(res.Files, "表彰通知.pdf"):
		fmt.Fprintf(e.stdout, "%d 年度没有符合表彰条件的单位，未生成表彰通知。\n", y.In.Year.Year)
	case res.Draft && y.In.Year.Sample:
		fmt.Fprintf(e.stdout, "%d 年度是示例数据，表彰通知和考评汇总为草稿，每页标有“草稿”。\n", y.In.Year.Year)
	case res.Draft:
		fmt.Fprintf(e.stdout, "%d 年度数据尚不完整（%d 项，见上面的警告），表彰通知和考评汇总为草稿，每页标有“草稿”。\n", y.In.Year.Year, len(y.Gaps()))
	}
	e.unconfirmedDrafts(y)
	e.tablesToAdd(y)
	fmt.Fprintf(e.stdout, "%d 年度：写入 %d 个文件（%.1f MB），目录中共 %d 个文件 → %s\n", y.In.Year.Year, res.Written, float64(res.Bytes)/(1<<20), len(res.Files), res.Dir)
}

// withheld says why the official documents of y were not written, per unit,
// and how to get a draft.
func (e *env) withheld(y *build.Year) {
	gaps := y.Gaps()
	fmt.Fprintf(e.stdout, "%d 年度数据尚不完整，未生成表彰通知（%d 项）：\n", y.In.Year.Year, len(gaps))
	for _, g := range gaps {
		fmt.Fprintf(e.stdout, "  - %s\n", g.Msg)
	}
	fmt.Fprintln(e.stdout, "考评汇总照常生成，每页标有“草稿”。补齐后重新运行 mofan build；要先看表彰通知的草稿（每页标“草稿”），运行 mofan build --draft。")
}

// unconfirmedDrafts says, for check and build alike, which 公文 are drafts
// because values they print are still to be confirmed in year.toml.
func (e *env) unconfirmedDrafts(y *build.Year) {
	for _, d := range y.Unconfirmed() {
		var what []string
		for _, c := range d.Items {
			what = append(what, strings.TrimPrefix(c.What, d.Name+"的"))
		}
		fmt.Fprintf(e.stdout, "%s：%s是按上一年度推算的，尚未核对（见上面的警告），%s每页标有“草稿”；核对后从 unconfirmed 中删去，重新生成即为正式文件。\n",
			d.Name, strings.Join(what, "、"), d.Name)
	}
}

// tablesToAdd says, for check and build alike, which 公文 were left out
// because year.toml has no table for their 文号 and date, and prints the
// tables to paste.
func (e *env) tablesToAdd(y *build.Year) {
	if len(y.Untabled) == 0 {
		return
	}
	names := make([]string, len(y.Untabled))
	for i, t := range y.Untabled {
		names[i] = t.Name
	}
	fmt.Fprintf(e.stdout, "%d 年度的 year.toml 中没有%s的发文字号和成文日期，暂不生成。在 year.toml 末尾加上以下几行，填上发文字号的序号、改为实际日期后重新运行：\n\n%s\n",
		y.In.Year.Year, strings.Join(names, "、"), y.TablesToAdd())
}

// loadConfig gathers the inputs of the Load phase from the flags.
func loadConfig(o *options, all bool, fonts, templates string) build.Config {
	cfg := build.Config{Seeds: o.seeds, All: all, Fonts: findFile(fonts), Templates: findFile(templates)}
	if o.year != 0 {
		cfg.Years = []int{o.year}
	}
	return cfg
}

// memoryLimit is the soft memory limit of a build (see runtime/debug.SetMemoryLimit).
const memoryLimit = 400 << 20

// gcPercent is the collector's target of a build (see runtime/debug.SetGCPercent).
const gcPercent = 200

// buildOptions parses --only and --units; msg is a usage error, if any.
func buildOptions(only, units string) (build.Options, string) {
	var opt build.Options
	for _, k := range splitList(only) {
		if !slices.Contains(build.Kinds, k) {
			return opt, fmt.Sprintf("--only 的值“%s”无效，可选：%s", k, strings.Join(build.Kinds, "、"))
		}
		opt.Only = append(opt.Only, k)
	}
	for _, u := range splitList(units) {
		n, err := strconv.Atoi(u)
		if err != nil || n <= 0 {
			return opt, fmt.Sprintf("--units 的值“%s”无效，应为附件1中的序号，如 --units 01,07", u)
		}
		opt.Units = append(opt.Units, n)
	}
	return opt, ""
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' }) {
		out = append(out, strings.TrimSpace(f))
	}
	return out
}

// findFile returns path if it exists, else the same relative path beside the
// executable (where a release unpacks fonts/ and templates/), else path.
func findFile(path string) string { return findBesideExe(path) }

// profile starts a CPU profile and arranges a heap profile, for developers
// (--cpuprofile, --memprofile); it returns the function that finishes them.
func profile(cpu, mem string) func() {
	if cpu == "" && mem == "" {
		return nil
	}
	var cf *os.File
	if cpu != "" {
		if f, err := os.Create(cpu); err == nil && pprof.StartCPUProfile(f) == nil {
			cf = f
		}
	}
	return func() {
		if cf != nil {
			pprof.StopCPUProfile()
			cf.Close()
		}
		if mem != "" {
			if f, err := os.Create(mem); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}
	}
}
