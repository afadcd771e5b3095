// Package cli is the mofan command line: it parses arguments, runs a command
// and turns every outcome into a message in Chinese and an exit status:
// 0 success, 1 input problems, 2 usage errors.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"mofan/generator/diag"
	"mofan/generator/input"
	"mofan/generator/model"
	"mofan/generator/plan"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitInput = 1
	ExitUsage = 2
)

const usage = `mofan：创建模范机关年度文档生成工具

用法：
  mofan <命令> [选项]

命令：
  build    生成全部文档到 output/<年度>/（make docs 即运行此命令）
  check    只检查输入文件，一次列出全部问题，不写任何文件
  plan     显示解析后的实施方案（单位名单、考评要点等）；--json 输出 JSON
  init     从上一年度开始新的年度：--year Y（已存在时拒绝覆盖）
  collect  收录各单位报回的自评表（文件或目录），检查后记录到 seeds/<年度>/returned/
  status   各单位的报送和审核状态，以及需要催报的单位和电话
  sample   在 seeds/<年度>/ 写入示例数据（已存在时拒绝覆盖）
  demo     生成 N 个单位的演示数据：--units N --out DIR（试用和性能测试）
  version  显示版本、Go 版本和操作系统

通用选项：
  --seeds DIR   输入目录（默认 seeds）
  --year Y      年度（默认 seeds 下最新的年度）
  --out DIR     输出目录（默认 output，仅 build）

退出状态：0 成功；1 输入有问题；2 命令用法有误。
用 “mofan <命令> --help” 查看某个命令的说明。
`

// env is what a command needs from the outside world.
type env struct {
	stdout, stderr io.Writer
}

// Main runs mofan with args (without the program name) and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) (code int) {
	defer guard(stderr, &code)
	e := &env{stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "-h", "--help", "-help", "help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	case "build":
		return e.build(rest)
	case "check":
		return e.check(rest)
	case "plan":
		return e.plan(rest)
	case "sample":
		return e.sample(rest)
	case "init":
		return e.init(rest)
	case "collect":
		return e.collect(rest)
	case "status":
		return e.status(rest)
	case "demo":
		return e.demo(rest)
	case "version", "--version", "-version":
		return e.version(rest)
	}
	fmt.Fprintf(stderr, "mofan：未知命令“%s”\n\n%s", diag.Show(cmd), usage)
	return ExitUsage
}

// options are the flags the commands share.
type options struct {
	seeds string
	year  int
	out   string
	json  bool
	force bool
}

// flags parses the flags of one command; ok is false after --help or a usage error.
func (e *env) flags(name, help string, args []string, setup func(*flag.FlagSet, *options)) (*options, int, bool) {
	o := &options{}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.seeds, "seeds", "seeds", "")
	fs.IntVar(&o.year, "year", 0, "")
	if setup != nil {
		setup(fs, o)
	}
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(e.stdout, help)
		return nil, ExitOK, false
	case err != nil:
		fmt.Fprintf(e.stderr, "mofan %s：%s\n\n%s", name, flagError(err, fs), help)
		return nil, ExitUsage, false
	case fs.NArg() > 0:
		fmt.Fprintf(e.stderr, "mofan %s：多余的参数“%s”\n\n%s", name, strings.Join(fs.Args(), " "), help)
		return nil, ExitUsage, false
	}
	seedsBesideExe(fs, o)
	return o, ExitOK, true
}

func translateFlagError(err error) string {
	s := err.Error()
	switch {
	case strings.HasPrefix(s, "flag provided but not defined: "):
		return "未知选项 " + strings.TrimPrefix(s, "flag provided but not defined: ")
	case strings.HasPrefix(s, "flag needs an argument: "):
		return "选项缺少值：" + strings.TrimPrefix(s, "flag needs an argument: ")
	case strings.HasPrefix(s, "invalid value "):
		return "选项的值无效：" + strings.TrimPrefix(s, "invalid value ")
	}
	return s
}

// report prints problems (errors and warnings) to stderr and returns the exit status for err.
func (e *env) report(err error, warnings []*diag.Problem) int {
	for _, w := range warnings {
		fmt.Fprintln(e.stderr, w.Error())
	}
	if err == nil {
		return ExitOK
	}
	var l *diag.List
	if errors.As(err, &l) {
		ps := l.Problems()
		for _, p := range ps {
			fmt.Fprintln(e.stderr, p.Error())
		}
		n := 0
		for _, p := range ps {
			if p.Severity == diag.Error {
				n++
			}
		}
		fmt.Fprintf(e.stderr, "共 %d 个问题，未生成任何文件。\n", n)
		return ExitInput
	}
	var p *diag.Problem
	if errors.As(err, &p) {
		fmt.Fprintln(e.stderr, p.Error())
		return ExitInput
	}
	fmt.Fprintf(e.stderr, "mofan：%s\n", diag.Escape(err.Error()))
	return ExitInput
}

// resolveYear picks the year to work on: the flag, or the latest under seeds.
func resolveYear(o *options) (int, error) {
	if o.year != 0 {
		return o.year, nil
	}
	ys := input.Years(o.seeds)
	if len(ys) == 0 {
		var l diag.List
		l.Add(diag.Pos{File: o.seeds}, "输入目录下没有年度数据（如 seeds/2020/year.toml）", "用 --seeds 指定输入目录，或用 mofan sample 生成示例数据")
		return 0, l.Err()
	}
	return ys[len(ys)-1], nil
}

// loaded is a year's inputs with the plan they apply.
type loaded struct {
	plan *model.Plan
	in   *model.Inputs
}

// load reads the plan and one year's inputs, reporting every problem at once.
func load(o *options) (*loaded, error) {
	year, err := resolveYear(o)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(o.seeds, fmt.Sprint(year))
	yearFile := filepath.Join(dir, "year.toml")
	p, err := plan.Load(input.PlanPath(yearFile))
	if err != nil {
		return nil, err
	}
	if p, err = plan.ForYear(p, dir); err != nil { // the year's own 考评要点.md, if any
		return nil, err
	}
	in, err := input.Load(dir, year, p)
	if err != nil {
		return nil, err
	}
	return &loaded{plan: p, in: in}, nil
}
