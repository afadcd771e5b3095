package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"mofan/generator/diag"
	"mofan/generator/input"
	"mofan/generator/model"
	"mofan/generator/plan"
)

const initHelp = `用法：mofan init --year Y [--seeds DIR]

从上一年度开始新的年度：写入 seeds/<Y>/year.toml（年份、文号和日期按上一年度顺延，
表彰通知和各公文（[documents."名称"]）的文号、日期，公示期，自评表的日期，都列在 unconfirmed 中
【请核对】；核对前 mofan check 逐项提醒，mofan build 不生成正式的表彰通知、征求意见函和公示，
文号或日期未核对的考评通知、反馈意见每页标“草稿”）
和附件1中每个单位的文件（单位名称；上一年度是真实数据时保留党组织、书记、联系人和电话，
示例数据的人员信息不带入；分数留空，各单位为“未报送”）。新年度不带示例标记。
上一年度有自己的考评要点（seeds/<上一年度>/考评要点.md）时一并复制。
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
	banner := fmt.Sprintf("%d 年度创建模范机关考评配置，由 mofan init 从 %d 年度顺延生成。", o.year, prevYear)
	files := map[string]string{"year.toml": input.YearText(y, l.plan, banner)}
	order := []string{"year.toml"}
	// The previous year's own scoring points, if any, carry over.
	if b, err := os.ReadFile(filepath.Join(o.seeds, fmt.Sprint(prevYear), plan.YearPointsFile)); err == nil {
		files[plan.YearPointsFile] = string(b)
		order = append(order, plan.YearPointsFile)
	}
	for _, u := range l.in.Units {
		name := filepath.Join("units", model.FileName(u.No, u.Name)+".toml")
		id := *u
		id.Sample = id.Sample || l.in.Year.Sample // a sample year's people are made up
		files[name] = input.UnitIdentityText(&id, o.year)
		order = append(order, name)
	}
	if err := writeTree(dir, order, files); err != nil {
		fmt.Fprintf(e.stderr, "mofan init：写入失败：%v\n", err)
		return ExitInput
	}
	fmt.Fprintf(e.stdout, "已从 %d 年度顺延生成 %s（%d 个单位，均为未报送）。\n", prevYear, dir, len(l.in.Units))
	// The list to confirm, each value where it is written (read back from
	// the file just written, for its lines).
	var probs diag.List
	written := input.LoadYear(filepath.Join(dir, "year.toml"), o.year, l.plan, &probs)
	fmt.Fprintf(e.stdout, "下列 %d 项是按上一年度推算的，列在 year.toml 的 unconfirmed 中【请核对】，逐项核对（必要时修改）后从列表中删去；mofan check 会逐项提醒：\n", len(written.Unconfirmed))
	for _, c := range written.Unconfirmed {
		fmt.Fprintf(e.stdout, "  %s:%d  %s“%s”\n", c.Pos.File, c.Pos.Line, c.What, c.Value)
	}
	fmt.Fprintln(e.stdout, "核对前 mofan build 不生成正式的表彰通知、征求意见函和公示；考评通知、反馈意见的文号或日期未核对时每页标“草稿”。")
	if l.in.Year.Sample {
		fmt.Fprintf(e.stdout, "%d 年度是示例数据：新年度不带示例标记，单位的人员信息留空，请按实填写。\n", prevYear)
	}
	return ExitOK
}
