package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"mofan/generator/diag"
	"mofan/generator/input"
	"mofan/generator/model"
	"mofan/generator/plan"
	"mofan/generator/sample"
)

const demoHelp = `用法：mofan demo --units N --out DIR [--seeds DIR] [--year Y]

生成一套虚构的演示数据（实施方案、年度配置和 N 个单位的文件，分数各不相同），供试用和性能测试。
实施方案取自 --seeds 下的 plan.md，附件1换成 N 个“示范单位”。DIR 已存在时拒绝覆盖。
之后可运行：mofan build --seeds DIR --out DIR/output
DIR 中的“演示数据说明.txt”标明这是演示数据：mofan build 拒绝把它写入默认的输出目录 output/，以免覆盖正式文档。
`

func (e *env) demo(args []string) int {
	var n int
	var out string
	o, code, ok := e.flags("demo", demoHelp, args, func(fs *flag.FlagSet, o *options) {
		fs.IntVar(&n, "units", 70, "")
		fs.StringVar(&out, "out", "", "")
	})
	if !ok {
		return code
	}
	if out == "" || n < 1 || n > 99999 {
		fmt.Fprintf(e.stderr, "mofan demo：须用 --out 指定目录，--units 为 1～99999\n\n%s", demoHelp)
		return ExitUsage
	}
	year := o.year
	if year == 0 {
		year = 2020
	}
	if _, err := os.Stat(out); err == nil {
		var l diag.List
		l.Add(diag.Pos{File: out}, "目录已存在，不会覆盖", "换一个目录，或先删除它")
		return e.report(l.Err(), nil)
	}
	src, err := os.ReadFile(filepath.Join(o.seeds, "plan.md"))
	if err != nil {
		var l diag.List
		l.Add(diag.Pos{File: filepath.Join(o.seeds, "plan.md")}, "无法读取实施方案", "用 --seeds 指定含 plan.md 的目录")
		return e.report(l.Err(), nil)
	}
	text, err := sample.DemoPlan(string(src), n)
	if err != nil {
		fmt.Fprintf(e.stderr, "mofan demo：%v\n", err)
		return ExitInput
	}
	p, err := plan.Parse("plan.md", []byte(text))
	if err != nil {
		return e.report(err, nil)
	}
	files := map[string]string{"plan.md": text, demoMarker: demoMarkerText}
	order := []string{demoMarker, "plan.md"}
	yd := fmt.Sprint(year)
	files[yd+"/year.toml"] = sample.YearFile(year, p)
	order = append(order, yd+"/year.toml")
	max := input.DefaultMax(p)
	for _, u := range p.Units {
		name := yd + "/units/" + model.FileName(u.No, u.Name) + ".toml"
		files[name] = sample.UnitFile(year, p, max, u)
		order = append(order, name)
	}
	if err := writeTree(out, order, files); err != nil {
		fmt.Fprintf(e.stderr, "mofan demo：写入失败：%v\n", err)
		return ExitInput
	}
	fmt.Fprintf(e.stdout, "已生成演示数据：%s（%d 个单位）。运行 mofan build --seeds %s --out %s 生成文档（演示文档不写入正式的 output/）。\n", out, n, out, filepath.Join(out, "output"))
	return ExitOK
}
