package input

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// ReviewedDir is the folder under seeds/<year> where mofan collect records
// the committee's review workbook (评审/审核评分表.xlsx), one file per unit:
// reviewed/NN-<单位>.toml, holding that unit's review scores, 加分, 扣分 and
// 一票否决 as the workbook gave them.
//
// The rule when a unit file and the workbook disagree: the workbook, which
// is collected after the unit files were written (it is prefilled from
// them), wins. A unit with a reviewed record takes its review scores,
// adjustments and veto from the record alone; every value of the unit file
// that differs is reported as a warning by mofan check and mofan build,
// naming both files.
const ReviewedDir = "reviewed"

// Reviewed is seeds/<year>/reviewed/NN-<单位>.toml.
type Reviewed struct {
	File   string
	Year   int
	Name   string
	Review []model.Review // in plan.Points order
	Adjust []model.Adjustment
	Veto   *model.Veto
	Source FormSource
	Pos    map[string]diag.Pos
}

// readReview reads the [review], [[adjust]] and [veto] tables of a unit or
// reviewed file into u.
func readReview(d *doc, top *fields, p *model.Plan, y *model.Year, ids []string, u *model.Unit) {
	if m, ok := top.subtable("review"); ok {
		f := d.table("review", m, top.probs)
		f.only(ids...)
		for i, pt := range p.Points {
			if t, ok := f.number(pt.ID, 0, y.Max[i]); ok {
				u.Review[i] = model.Review{Has: true, Score: t}
			}
		}
	}
	if v, ok := d.data["adjust"]; ok {
		list, ok := v.([]map[string]any)
		if !ok {
			top.probs.Add(d.pos("adjust"), "“adjust”应写成 [[adjust]] 表数组", "每一项加分或扣分写一个 [[adjust]]，含 kind、points、reason")
		}
		for i, m := range list {
			base := fmt.Sprintf("adjust.%d", i)
			f := d.table(base, m, top.probs)
			f.only("kind", "points", "reason")
			a := model.Adjustment{Pos: d.pos(base)}
			switch k := f.str("kind", true); k {
			case string(model.Bonus), string(model.Deduction):
				a.Kind = model.AdjustKind(k)
			case "":
			default:
				top.probs.Add(f.pos("kind"), fmt.Sprintf("“kind”只能是“加分”或“扣分”，实为“%s”", diag.Show(k)), "")
			}
			if _, has := m["points"]; !has {
				f.missing("points", "1")
			} else if t, ok := f.number("points", 1, 1000); ok {
				a.Points = t
			}
			a.Reason = f.str("reason", true)
			f.limit("reason", a.Reason)
			u.Adjust = append(u.Adjust, a)
		}
	}
	if m, ok := top.subtable("veto"); ok {
		f := d.table("veto", m, top.probs)
		f.only("source", "reason")
		v := &model.Veto{Pos: d.pos("veto"), Source: f.str("source", true), Reason: f.str("reason", true)}
		if v.Source != "" && !contains(model.VetoSources, v.Source) {
			hint := "来源只能是：" + strings.Join(model.VetoSources, "、")
			if s := model.VetoSuggestion(v.Source); s != "" {
				hint = fmt.Sprintf("是不是“%s”？", s)
			}
			top.probs.Add(f.pos("source"), fmt.Sprintf("一票否决的来源“%s”无效", diag.Show(v.Source)), hint)
		}
		u.Veto = v
	}
}

// LoadReviewed reads one reviewed file as strictly as a unit file.
func LoadReviewed(path string, p *model.Plan, y *model.Year, probs *diag.List) *Reviewed {
	d, ok := readTOML(path, probs)
	if !ok {
		return nil
	}
	top := d.table("", d.data, probs)
	top.only("name", "year", "source", "review", "adjust", "veto")
	r := &Reviewed{File: path, Pos: keptPositions(d.where)}
	r.Name = top.str("name", true)
	r.Year = readYearKey(d, top, y, probs, "审核评分记录只能放在本年度的 reviewed 目录中")
	r.Source = readSource(d, top, probs)
	ids := make([]string, len(p.Points))
	for i, pt := range p.Points {
		ids[i] = pt.ID
	}
	u := &model.Unit{Review: make([]model.Review, len(p.Points))}
	readReview(d, top, p, y, ids, u)
	r.Review, r.Adjust, r.Veto = u.Review, u.Adjust, u.Veto
	return r
}

// ReviewedText writes r as a reviewed file, with a header saying mofan
// collect wrote it.
func ReviewedText(r *Reviewed, p *model.Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %d 年度审核评分（工委审核评分表）。\n", r.Name, r.Year)
	b.WriteString("# 本文件由 mofan collect 根据审核评分表写入，请勿手工修改；需要更正时改审核评分表后重新收录。\n")
	b.WriteString("# 本文件的审核得分、加扣分和一票否决优先于 units/ 下单位文件中的内容。\n")
	fmt.Fprintf(&b, "name = %s\n", Quote(r.Name))
	fmt.Fprintf(&b, "year = %d\n", r.Year)
	writeSource(&b, r.Source, "收录的审核评分表")
	b.WriteString("\n# 审核得分\n[review]\n")
	for i, pt := range p.Points {
		if i < len(r.Review) && r.Review[i].Has {
			fmt.Fprintf(&b, "%s = %s\n", pt.ID, r.Review[i].Score)
		}
	}
	for _, a := range r.Adjust {
		fmt.Fprintf(&b, "\n[[adjust]]\nkind = %s\npoints = %s\nreason = %s\n", Quote(string(a.Kind)), a.Points, Quote(a.Reason))
	}
	if v := r.Veto; v != nil {
		fmt.Fprintf(&b, "\n[veto]\nsource = %s\nreason = %s\n", Quote(v.Source), Quote(v.Reason))
	}
	return b.String()
}

// applyReviewed reads seeds/<year>/reviewed/*.toml and lets each replace the
// review, adjustments and veto of its unit in byName, warning where the
// unit file said otherwise.
func applyReviewed(dir string, p *model.Plan, y *model.Year, byName map[string]*model.Unit, probs *diag.List) {
	rdir := filepath.Join(dir, ReviewedDir)
	entries, err := os.ReadDir(rdir)
	if err != nil {
		if !os.IsNotExist(err) {
			probs.Add(diag.Pos{File: rdir}, "无法读取审核评分记录目录", "")
		}
		return
	}
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(rdir, name)
		if e.IsDir() || !strings.HasSuffix(strings.ToLower(name), ".toml") {
			continue
		}
		if reUnitFile.FindStringSubmatch(name) == nil {
			probs.Add(diag.Pos{File: path}, "审核评分记录的文件名应为“序号-单位名称.toml”", "这些文件由 mofan collect 写入，请勿手工添加")
			continue
		}
		r := LoadReviewed(path, p, y, probs)
		if r == nil || r.Name == "" {
			continue
		}
		pu := p.Unit(r.Name)
		if pu == nil {
			probs.Add(posOf(r.Pos, r.File, "name"), fmt.Sprintf("单位“%s”不在实施方案附件1的名单中", diag.Show(r.Name)), "单位名称须与实施方案附件1完全一致")
			continue
		}
		u, ok := byName[r.Name]
		if !ok {
			u = &model.Unit{File: path, No: pu.No, Name: r.Name, Missing: true, Self: make([]model.Assessment, len(p.Points)), Review: make([]model.Review, len(p.Points)), Pos: map[string]diag.Pos{}}
			byName[r.Name] = u
		}
		mergeReviewed(u, r, p, probs)
	}
}

// mergeReviewed puts r's review, adjustments and veto in place of u's,
// warning about each difference from the unit file.
func mergeReviewed(u *model.Unit, r *Reviewed, p *model.Plan, probs *diag.List) {
	at := diag.Pos{File: r.File, Line: 1, Col: 1}
	if u.File != "" && u.File != r.File {
		for i, pt := range p.Points {
			if i >= len(u.Review) || !u.Review[i].Has {
				continue
			}
			if !r.Review[i].Has || r.Review[i].Score != u.Review[i].Score {
				got := "空"
				if r.Review[i].Has {
					got = r.Review[i].Score.String()
				}
				probs.Warn(at, fmt.Sprintf("“%s”的 %s 审核得分：审核评分表为%s，单位文件 %s 中为 %s，以审核评分表为准", u.Name, pt.ID, got, u.File, u.Review[i].Score),
					"在审核评分表中改好后重新收录，或删去单位文件中的 review."+pt.ID)
			}
		}
		if adjustSum(u.Adjust, model.Bonus) != adjustSum(r.Adjust, model.Bonus) || adjustSum(u.Adjust, model.Deduction) != adjustSum(r.Adjust, model.Deduction) {
			probs.Warn(at, fmt.Sprintf("“%s”的加扣分与单位文件 %s 不一致，以审核评分表为准", u.Name, u.File), "在审核评分表中改好后重新收录，或删去单位文件中的 [[adjust]]")
		}
		if (u.Veto == nil) != (r.Veto == nil) || u.Veto != nil && u.Veto.Source != r.Veto.Source {
			probs.Warn(at, fmt.Sprintf("“%s”的一票否决与单位文件 %s 不一致，以审核评分表为准", u.Name, u.File), "在审核评分表中改好后重新收录，或删去单位文件中的 [veto]")
		}
	}
	u.Review = append([]model.Review(nil), r.Review...)
	u.Adjust = append([]model.Adjustment(nil), r.Adjust...)
	u.Veto = r.Veto
}

func adjustSum(as []model.Adjustment, k model.AdjustKind) model.Tenths {
	var t model.Tenths
	for _, a := range as {
		if a.Kind == k {
			t += a.Points
		}
	}
	return t
}

// posOf is the position of a top-level key, or line 1 of file.
func posOf(pos map[string]diag.Pos, file, key string) diag.Pos {
	if p, ok := pos[key]; ok {
		return p
	}
	return diag.Pos{File: file, Line: 1, Col: 1}
}

// readYearKey reads the year key of a recorded file, which must be the
// directory's year.
func readYearKey(d *doc, top *fields, y *model.Year, probs *diag.List, hint string) int {
	v, ok := d.data["year"]
	if !ok {
		top.missing("year", strconv.Itoa(y.Year))
		return 0
	}
	n, isInt := v.(int64)
	if !isInt {
		probs.Add(d.pos("year"), fmt.Sprintf("“year”应为四位年份，实为%s", typeName(v)), "")
		return 0
	}
	if y.Year != 0 && int(n) != y.Year {
		probs.Add(d.pos("year"), fmt.Sprintf("year = %d 与所在目录的年度 %d 不一致", n, y.Year), hint)
	}
	return int(n)
}

// readSource reads the [source] table of a recorded file.
func readSource(d *doc, top *fields, probs *diag.List) FormSource {
	var s FormSource
	m, ok := top.subtable("source")
	if !ok {
		top.missing("source", "（表）")
		return s
	}
	f := d.table("source", m, probs)
	f.only("file", "sha256", "modified", "date_from")
	s.File = f.str("file", true)
	if s.SHA256 = f.str("sha256", true); s.SHA256 != "" && !reSHA256.MatchString(s.SHA256) {
		probs.Add(f.pos("sha256"), "“source.sha256”应为 64 位小写十六进制数", "")
	}
	switch v, ok := m["modified"]; {
	case !ok:
		f.missing("modified", "2021-01-10T09:30:00Z")
	default:
		t, isTime := v.(time.Time)
		if !isTime || strings.HasSuffix(t.Location().String(), "-local") { // the decoder's zone for a time without offset
			probs.Add(f.pos("modified"), fmt.Sprintf("“source.modified”应为带时区的时间，实为%s", typeName(v)), "写成 2021-01-10T09:30:00Z")
		} else {
			s.Modified = t.UTC()
		}
	}
	switch s.DateFrom = f.str("date_from", true); s.DateFrom {
	case DateWorkbook, DateFile, "":
	default:
		probs.Add(f.pos("date_from"), fmt.Sprintf("“source.date_from”只能是“%s”或“%s”，实为“%s”", DateWorkbook, DateFile, s.DateFrom), "")
	}
	return s
}

// writeSource writes the [source] table of a recorded file.
func writeSource(b *strings.Builder, s FormSource, what string) {
	fmt.Fprintf(b, "\n# %s\n[source]\n", what)
	fmt.Fprintf(b, "file = %s  # 收到的文件名\n", Quote(s.File))
	fmt.Fprintf(b, "sha256 = %s\n", Quote(s.SHA256))
	fmt.Fprintf(b, "modified = %s  # 表格最后保存的时间（UTC）\n", s.Modified.UTC().Format(time.RFC3339Nano))
	fmt.Fprintf(b, "date_from = %s  # workbook＝表格文档属性中的保存时间；file＝文件的修改时间\n", Quote(s.DateFrom))
}
