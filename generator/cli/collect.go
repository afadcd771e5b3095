package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"mofan/generator/collect"
	"mofan/generator/diag"
	"mofan/generator/fontset"
	"mofan/generator/input"
	"mofan/generator/plan"
)

const collectHelp = `用法：mofan collect [--seeds DIR] [--year Y] 文件或目录…

收录各单位报回的自评表（.xlsx，Excel、WPS、LibreOffice 或网页系统保存的均可）和工委填好的
审核评分表（output/<年度>/评审/审核评分表.xlsx）。给出目录时收录其中全部 .xlsx 文件。
每份表格都会检查：是否为本年度、附件1中单位的自评表；考评要点、分值等锁定内容是否被改动；
自评得分是否为 0 至分值之间、最多一位小数的数；合计按各项重新计算。
通过检查的表格记录在 seeds/<年度>/returned/序号-单位名称.toml（不改动 units/ 下的单位文件），
mofan build 生成文档时以其中的自评得分和完成情况为准。同一份表格重复收录不会改变任何文件；
同一单位报回多份时，采用保存时间较新的一份；保存时间相同或无法读出时，采用后收录的一份（命令行中靠后的），
并给出提示。审核评分表记录在 seeds/<年度>/reviewed/序号-单位名称.toml，其中的审核得分、加扣分和一票否决
优先于单位文件中的内容（两者不一致时 mofan check 给出警告）。

最后列出尚未报回的单位。有表格被拒收时退出状态为 1，否则为 0。
`

func (e *env) collect(args []string) int {
	o, fs, files, code, ok := e.collectArgs(args)
	if !ok {
		return code
	}
	seedsBesideExe(fs, o)
	if len(files) == 0 {
		fmt.Fprintf(e.stderr, "mofan collect：请指定要收录的自评表文件或目录\n\n%s", collectHelp)
		return ExitUsage
	}
	year, err := resolveYear(o)
	if err != nil {
		return e.report(err, nil)
	}
	dir := filepath.Join(o.seeds, fmt.Sprint(year))
	yearFile := filepath.Join(dir, "year.toml")
	p, err := plan.Load(input.PlanPath(yearFile))
	if err == nil {
		p, err = plan.ForYear(p, dir) // the year's own 考评要点.md, if any
	}
	if err != nil {
		return e.report(err, nil)
	}
	var probs diag.List
	y := input.LoadYear(yearFile, year, p, &probs)
	if err := probs.Err(); err != nil {
		return e.report(err, nil)
	}
	c := &collect.Collector{Dir: dir, Plan: p, Year: y}
	// The fonts tell which characters the build could not print; without
	// them collect still checks everything else.
	if specs, err := input.LoadFontConfig(findFile(filepath.Join("fonts", "fonts.toml"))); err == nil {
		if set, err := fontset.Load(specs); err == nil {
			c.Fonts = set
		}
	}
	if c.Fonts == nil {
		fmt.Fprintln(e.stderr, "注意：无法读取 fonts/fonts.toml 中的字体，本次不检查字体中缺少的字符（mofan check 会检查）。")
	}
	rep := c.Run(files)
	rep.Write(e.stdout)
	e.collected(rep, dir)
	if rep.Count(collect.Refused) > 0 {
		return ExitInput
	}
	return ExitOK
}

// collectArgs parses collect's command line: flags may come before, between
// or after the files. ok is false when the command is done (help, or a usage
// error, with code its exit status).
func (e *env) collectArgs(args []string) (o *options, fs *flag.FlagSet, files []string, code int, ok bool) {
	o = &options{}
	fs = flag.NewFlagSet("collect", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.seeds, "seeds", "seeds", "")
	fs.IntVar(&o.year, "year", 0, "")
	for {
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			fmt.Fprint(e.stdout, collectHelp)
			return nil, nil, nil, ExitOK, false
		case err != nil:
			fmt.Fprintf(e.stderr, "mofan collect：%s\n\n%s", flagError(err, fs), collectHelp)
			return nil, nil, nil, ExitUsage, false
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			files = append(files, rest...)
			rest = nil
		}
		if len(rest) == 0 {
			break
		}
		files, args = append(files, rest[0]), rest[1:]
	}
	return o, fs, files, ExitOK, true
}

// collected says where the accepted forms were recorded.
func (e *env) collected(rep *collect.Report, dir string) {
	if rep.Count(collect.Added)+rep.Count(collect.Replaced) > 0 {
		where := filepath.Join(dir, input.ReturnedDir)
		for _, r := range rep.Results {
			if r.Reviewed != nil && r.Written > 0 {
				where = filepath.Join(dir, input.ReviewedDir)
				if rep.Count(collect.Added)+rep.Count(collect.Replaced) > 1 {
					where = filepath.Join(dir, input.ReturnedDir) + " 和 " + where
				}
			}
		}
		fmt.Fprintf(e.stdout, "已记录在 %s；mofan build 生成文档时采用，可先运行 mofan check 检查。\n", where)
	}
}
