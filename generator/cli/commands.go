package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"mofan/generator/build"
	"mofan/generator/diag"
	"mofan/generator/input"
	"mofan/generator/model"
	"mofan/generator/plan"
	"mofan/generator/sample"
)

const checkHelp = `用法：mofan check [--seeds DIR] [--year Y | --all] [--fonts FILE] [--templates DIR]

检查实施方案、年度配置、各单位文件、报回的表格、文字模板和字体，一次列出全部问题（文件:行:列: 问题），
不写任何文件。检查的内容与 mofan build 生成前的检查完全相同：检查通过，生成就不会因输入出错。
没有问题时退出状态为 0，有问题时为 1。

  --all            检查 seeds 下的每个年度（make check 即此）
  --fonts FILE     字体配置（默认 fonts/fonts.toml）
  --templates DIR  文字模板目录（默认 templates）
`

func (e *env) check(args []string) int {
	var all bool
	var fonts, templates string
	o, code, ok := e.flags("check", checkHelp, args, func(fs *flag.FlagSet, o *options) {
		fs.BoolVar(&all, "all", false, "")
		fs.StringVar(&fonts, "fonts", filepath.Join("fonts", "fonts.toml"), "")
		fs.StringVar(&templates, "templates", "templates", "")
	})
	if !ok {
		return code
	}
	if all && o.year != 0 {
		fmt.Fprintf(e.stderr, "mofan check：--all 与 --year 不能同时使用\n\n%s", checkHelp)
		return ExitUsage
	}
	run, err := build.Load(loadConfig(o, all, fonts, templates))
	if err != nil {
		return e.report(err, nil)
	}
	e.report(nil, run.Warnings)
	for _, y := range run.Years {
		missing := 0
		for _, u := range y.In.Units {
			if u.Missing {
				missing++
			}
		}
		fmt.Fprintf(e.stdout, "检查通过：%d 年度，%d 个单位（%d 个缺少文件），%d 个考评要点。\n", y.In.Year.Year, len(y.In.Units), missing, len(y.Plan.Points))
		// What build would withhold, check says first.
		switch gaps := y.Gaps(); {
		case y.In.Year.Sample:
			fmt.Fprintln(e.stdout, "示例数据：表彰通知和考评汇总只生成草稿，每页标有“草稿”。")
		case len(gaps) > 0:
			fmt.Fprintf(e.stdout, "表彰通知：数据尚不完整（%d 项，见上面的警告），mofan build 不生成正式通知，--draft 时生成草稿；考评汇总每页标“草稿”。\n", len(gaps))
		}
		e.unconfirmedDrafts(y)
		e.tablesToAdd(y)
	}
	return ExitOK
}

const planHelp = `用法：mofan plan [--seeds DIR] [--json]

显示 seeds/plan.md 解析后的实施方案：通知、创建原则、创建标准、创建内容、单位名单和考评要点。
--json 以 JSON 输出，供其他程序使用。
`

// planJSON is the shape of mofan plan --json.
type planJSON struct {
	Notice      noticeJSON    `json:"notice"`
	Title       string        `json:"title"`
	Principles  []itemJSON    `json:"principles"`
	Goal        string        `json:"goal"`
	Standards   []itemJSON    `json:"standards"`
	Sections    []sectionJSON `json:"sections"`
	Measures    []itemJSON    `json:"measures"`
	Attachments []string      `json:"attachments"`
	Units       []unitJSON    `json:"units"`
	Points      []pointJSON   `json:"points"`
}

type noticeJSON struct {
	Issuer    string `json:"issuer"`
	Number    string `json:"number"`
	Title     string `json:"title"`
	Addressee string `json:"addressee"`
	Signature string `json:"signature"`
	Date      string `json:"date"`
}

type itemJSON struct {
	No   int    `json:"no"`
	Name string `json:"name"`
	Text string `json:"text"`
}

type sectionJSON struct {
	No    int        `json:"no"`
	Title string     `json:"title"`
	Items []itemJSON `json:"items"`
}

type unitJSON struct {
	No   int    `json:"no"`
	Name string `json:"name"`
}

type pointJSON struct {
	ID       string `json:"id"`
	Category string `json:"category"`
	Group    string `json:"group"`
	No       int    `json:"no"`
	Text     string `json:"text"`
	Note     string `json:"note"`
}

func items(in []model.Item) []itemJSON {
	out := []itemJSON{}
	for _, it := range in {
		out = append(out, itemJSON{it.No, it.Name, it.Text})
	}
	return out
}

func (e *env) plan(args []string) int {
	o, code, ok := e.flags("plan", planHelp, args, func(fs *flag.FlagSet, o *options) {
		fs.BoolVar(&o.json, "json", false, "")
	})
	if !ok {
		return code
	}
	path := filepath.Join(o.seeds, "plan.md")
	if ys := input.Years(o.seeds); o.year != 0 || len(ys) > 0 {
		if y, err := resolveYear(o); err == nil {
			path = input.PlanPath(filepath.Join(o.seeds, fmt.Sprint(y), "year.toml"))
		}
	}
	p, err := plan.Load(path)
	if err != nil {
		return e.report(err, nil)
	}
	if o.json {
		j := planJSON{
			Notice:     noticeJSON{p.Notice.Issuer, p.Notice.Number, p.Notice.Title, p.Notice.Addressee, p.Notice.Signature, p.Notice.Date},
			Title:      p.Program.Title,
			Principles: items(p.Program.Principles),
			Goal:       p.Program.Goal.Text,
			Standards:  items(p.Program.Standards),
			Measures:   items(p.Program.Measures),
		}
		for _, s := range p.Program.Sections {
			j.Sections = append(j.Sections, sectionJSON{s.No, s.Title, items(s.Items)})
		}
		for _, a := range p.Attachments {
			j.Attachments = append(j.Attachments, a.Title)
		}
		for _, u := range p.Units {
			j.Units = append(j.Units, unitJSON{u.No, u.Name})
		}
		for _, pt := range p.Points {
			j.Points = append(j.Points, pointJSON{pt.ID, string(pt.Category), pt.Group, pt.No, pt.Text, pt.Note})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(j); err != nil {
			fmt.Fprintf(e.stderr, "mofan plan：输出失败：%v\n", err)
			return ExitInput
		}
		return ExitOK
	}
	w := e.stdout
	fmt.Fprintf(w, "%s\n%s（%s，%s）\n\n", p.Notice.Title, p.Notice.Number, p.Notice.Issuer, p.Notice.Date)
	fmt.Fprintf(w, "%s\n\n创建原则：\n", p.Program.Title)
	for _, it := range p.Program.Principles {
		fmt.Fprintf(w, "  %d. %s\n", it.No, it.Name)
	}
	fmt.Fprintln(w, "创建标准：")
	for _, it := range p.Program.Standards {
		fmt.Fprintf(w, "  %d. %s\n", it.No, it.Name)
	}
	fmt.Fprintln(w, "创建内容：")
	for _, s := range p.Program.Sections {
		fmt.Fprintf(w, "  （%s）%s：%d 条\n", model.Numeral(s.No), s.Title, len(s.Items))
	}
	fmt.Fprintf(w, "\n%s：%d 家\n", p.UnitsTitle, len(p.Units))
	for _, u := range p.Units {
		fmt.Fprintf(w, "  %2d %s\n", u.No, u.Name)
	}
	fmt.Fprintf(w, "\n%s：%d 条\n", p.PointsTitle, len(p.Points))
	for _, pt := range p.Points {
		text := []rune(pt.Text)
		if len(text) > 30 {
			text = append(text[:30], []rune("……")...)
		}
		fmt.Fprintf(w, "  %-7s %s  %s\n", pt.ID, pt.Category, string(text))
	}
	return ExitOK
}

const sampleHelp = `用法：mofan sample --year Y [--seeds DIR]

在 seeds/<Y>/ 写入示例数据：year.toml 和附件1中每个单位的文件，分数和佐证材料均为虚构，
并明确标注为示例数据。目录已存在时拒绝覆盖。相同的参数总是生成相同的内容。
`

func (e *env) sample(args []string) int {
	o, code, ok := e.flags("sample", sampleHelp, args, nil)
	if !ok {
		return code
	}
	if o.year == 0 {
		fmt.Fprintf(e.stderr, "mofan sample：必须用 --year 指定年度\n\n%s", sampleHelp)
		return ExitUsage
	}
	dir := filepath.Join(o.seeds, fmt.Sprint(o.year))
	if _, err := os.Stat(dir); err == nil {
		var l diag.List
		l.Add(diag.Pos{File: dir}, "目录已存在，不会覆盖", "先删除或改名该目录")
		return e.report(l.Err(), nil)
	}
	p, err := plan.Load(filepath.Join(o.seeds, "plan.md"))
	if err != nil {
		return e.report(err, nil)
	}
	files := map[string]string{"year.toml": sample.YearFile(o.year, p)}
	order := []string{"year.toml"}
	max := input.DefaultMax(p)
	for _, u := range p.Units {
		name := filepath.Join("units", model.FileName(u.No, u.Name)+".toml")
		files[name] = sample.UnitFile(o.year, p, max, u)
		order = append(order, name)
	}
	if err := writeTree(dir, order, files); err != nil {
		fmt.Fprintf(e.stderr, "mofan sample：写入失败：%v\n", err)
		return ExitInput
	}
	fmt.Fprintf(e.stdout, "已写入示例数据：%s（%d 个单位）\n", dir, len(p.Units))
	return ExitOK
}

// writeTree writes files under a new folder dir, all or nothing: into a
// temporary folder first, renamed into place at the end.
func writeTree(dir string, order []string, files map[string]string) error {
	tmp := dir + ".tmp"
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	for _, name := range order {
		path := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(files[name]), 0o644); err != nil {
			os.RemoveAll(tmp)
			return err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return errors.New("无法移入 " + dir)
	}
	return nil
}

const buildHelp = `用法：mofan build [--seeds DIR] [--year Y | --all] [--out DIR] [--only KIND] [--units NN,…] [--draft] [--quiet]

读取实施方案和年度数据，生成全部文档到 <out>/<年度>/：单位名单、各单位考评要点和自评表（PDF 和 Excel）、
考评汇总、报送情况、表彰通知、实施方案、每个单位的分发压缩包（分发/NN-单位.zip），以及校验清单 SHA256SUMS。
先检查全部输入，有问题时不写任何文件；生成失败时保留原有输出不变。

表彰通知（和三年总评）只在数据完整时生成：年度配置已核对（没有【请核对】项）、不是示例数据、
每个已报回且未被一票否决的单位审核完毕。否则逐项列出缺什么，不生成通知；
加 --draft 时生成每页标有“草稿”的通知。示例数据总是生成草稿。

  --all            生成 seeds 下的每个年度
  --only KIND      只重新生成某类文件，其余保留上次的结果：实施方案、单位名单、考评要点、
                   自评表、考评汇总、报送情况、表彰通知、三年总评、审核评分表、分发（可用逗号分隔多个）
  --units 01,07    只重新生成这些单位（附件1序号）的文件
  --draft          数据不完整时也生成表彰通知和三年总评，每页标“草稿”
  --quiet          不显示进度和结果摘要
  --cpuprofile F, --memprofile F   写出性能剖析文件（开发用，go tool pprof 查看）
  --fonts FILE     字体配置（默认 fonts/fonts.toml）
  --templates DIR  文字模板目录（默认 templates）
`
