package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"mofan/generator/diag"
	"mofan/generator/input"
	"mofan/generator/model"
)

const initHelp = `用法：mofan init --year Y [--seeds DIR]

从上一年度开始新的年度：写入 seeds/<Y>/year.toml（年份、文号和日期按上一年度顺延，请核对）
和附件1中每个单位的文件（保留单位名称、党组织、书记和联系人，分数留空）。
<Y> 已存在时拒绝覆盖。
`

func (e *env) init(args []string) int {
	o, code, ok := e.flags("init", initHelp, args, nil)
	if !ok {
		return code
	}
	if o.year == 0 {
		fmt.Fprintf(e.stderr, "mofan init：必须用 --year 指定新的年度\n\n%s", initHelp)
		return ExitUsage
	}
	dir := filepath.Join(o.seeds, fmt.Sprint(o.year))
	if _, err := os.Stat(dir); err == nil {
		var l diag.List
		l.Add(diag.Pos{File: dir}, fmt.Sprintf("%d 年度已存在，不会覆盖", o.year), "要重新开始，先删除或改名该目录")
		return e.report(l.Err(), nil)
	}
	prevYear := 0
	for _, y := range input.Years(o.seeds) {
		if y < o.year {
			prevYear = y
		}
	}
	if prevYear == 0 {
		var l diag.List
		l.Add(diag.Pos{File: o.seeds}, fmt.Sprintf("找不到 %d 年之前的年度数据", o.year), "mofan init 从上一年度顺延；没有上一年度时可用 mofan sample 生成示例后修改")
		return e.report(l.Err(), nil)
	}
	po := *o
	po.year = prevYear
	l, err := load(&po)
	if err != nil {
		fmt.Fprintf(e.stderr, "上一年度（%d）的数据有问题，请先修正：\n", prevYear)
		return e.report(err, nil)
	}
	y := input.NextYear(l.in.Year, o.year)
	banner := fmt.Sprintf("%d 年度创建模范机关考评配置，由 mofan init 从 %d 年度顺延生成。\n【请核对】发文字号、成文日期、下发和截止日期是按上一年度推算的，核对无误后删除本行。", o.year, prevYear)
	files := map[string]string{"year.toml": input.YearText(y, l.plan, banner)}
	order := []string{"year.toml"}
	for _, u := range l.in.Units {
		name := filepath.Join("units", model.FileName(u.No, u.Name)+".toml")
		files[name] = input.UnitIdentityText(u, o.year)
		order = append(order, name)
	}
	if err := writeTree(dir, order, files); err != nil {
		fmt.Fprintf(e.stderr, "mofan init：写入失败：%v\n", err)
		return ExitInput
	}
	fmt.Fprintf(e.stdout, "已从 %d 年度顺延生成 %s（%d 个单位）。请核对 year.toml 中的文号和日期。\n", prevYear, dir, len(l.in.Units))
	return ExitOK
}
