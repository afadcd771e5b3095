package collect

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"mofan/generator/diag"
	"mofan/generator/input"
	"mofan/generator/model"
	"mofan/generator/sheet"
)

// checkReview checks a returned review workbook (评审/审核评分表.xlsx, see
// model.ReviewBookSpec) the way check checks a form: its year from the
// locked title, every locked cell that identifies a row (the unit's number
// and name, the point's 编号 and 分值) compared with the plan, every entered
// value re-validated. A workbook that passes fills r.Reviewed, one record
// per unit in 附件1 order.
func (c *Collector) checkReview(r *Result, data []byte, mtime time.Time) {
	spec := &model.ReviewBookSpec
	limit := c.MaxBytes
	if limit <= 0 {
		limit = MaxBytes
	}
	f, err := sheet.ReadReview(r.Path, limit)
	if err != nil {
		r.refuse("无法读取审核评分表：%v", err)
		return
	}
	year, ok := 0, false
	if t := strings.TrimSpace(f.Title); strings.HasSuffix(t, strings.TrimPrefix(spec.TitleText, "%d")) {
		year, ok = atoi(strings.TrimSuffix(t, strings.TrimPrefix(spec.TitleText, "%d")))
	}
	if !ok {
		year, ok = atoi(f.Props["mofan.year"])
	}
	switch {
	case !ok:
		r.refuse("无法确定审核评分表的年度：A1 标题不是“%s”", spec.Title(c.Year.Year))
		return
	case year != c.Year.Year:
		r.refuse("这是 %d 年度的审核评分表，本次收录的是 %d 年度（收录该年度的表格请加 --year %d）", year, c.Year.Year, year)
		return
	}
	sum := sha256.Sum256(data)
	src := input.FormSource{File: filepath.Base(r.Path), SHA256: hex.EncodeToString(sum[:])}
	src.Modified, src.DateFrom = saved(&sheet.Returned{Created: f.Created, Modified: f.Modified}, mtime)
	recs := make([]*input.Reviewed, len(c.Plan.Units))
	for i, u := range c.Plan.Units {
		recs[i] = &input.Reviewed{Year: year, Name: u.Name, Review: make([]model.Review, len(c.Plan.Points)), Source: src}
	}
	c.reviewScores(r, f, recs)
	c.reviewAdjust(r, f, recs)
	if r.Outcome == Refused {
		return
	}
	r.Reviewed = recs
}

// lockedUnit compares a row's locked unit number and name with unit i of
// 附件1.
func (c *Collector) lockedUnit(r *Result, sheetName string, row int, no, name string, i int) bool {
	u := c.Plan.Units[i]
	if n, err := strconv.Atoi(no); err != nil || n != u.No || strings.TrimSpace(name) != u.Name {
		r.refuse("%s 第 %d 行：单位“%s %s”与生成的表格不一致（应为“%d %s”；序号和单位名称已锁定，请用生成的审核评分表填写）", sheetName, row, no, name, u.No, u.Name)
		return false
	}
	return true
}

// reviewScores checks the scores sheet: a row per unit and point.
func (c *Collector) reviewScores(r *Result, f *sheet.ReturnedReview, recs []*input.Reviewed) {
	spec := &model.ReviewBookSpec
	np := len(c.Plan.Points)
	if want := len(c.Plan.Units) * np; len(f.Rows) != want {
		r.refuse("“%s”表中有 %d 行，生成的表格有 %d 行（表格结构被改动，请用生成的审核评分表填写）", spec.Sheet, len(f.Rows), want)
		return
	}
	what := spec.Columns.Get(model.ColReview).Head
	for k, row := range f.Rows {
		ui, pi := k/np, k%np
		if !c.lockedUnit(r, spec.Sheet, row.Row, row.UnitNo, row.Unit, ui) {
			return
		}
		pt := c.Plan.Points[pi]
		if row.ID != pt.ID {
			r.refuse("%s 第 %d 行：编号“%s”与生成的表格不一致（应为“%s”）", spec.Sheet, row.Row, row.ID, pt.ID)
			return
		}
		max := c.Year.Max[pi]
		if m, ok, _ := model.ParseScore(row.Max); !ok || m != max {
			r.refuse("%s 第 %d 行：分值“%s”与生成的表格不一致（应为 %s）", spec.Sheet, row.Row, row.Max, max)
			continue
		}
		if row.Score == "" {
			continue
		}
		if t, msg := model.CheckScore(what, row.Score, max); msg != "" {
			r.refuse("%s!%s：%s", spec.Sheet, row.Ref, msg)
		} else {
			recs[ui].Review[pi] = model.Review{Has: true, Score: t}
			r.Scored++
		}
	}
}

// reviewAdjust checks the 加扣分和否决 sheet: a row per unit.
func (c *Collector) reviewAdjust(r *Result, f *sheet.ReturnedReview, recs []*input.Reviewed) {
	spec := &model.ReviewBookSpec
	if len(f.Adjust) != len(c.Plan.Units) {
		r.refuse("“%s”表中有 %d 行，生成的表格有 %d 行（表格结构被改动，请用生成的审核评分表填写）", spec.AdjustSheet, len(f.Adjust), len(c.Plan.Units))
		return
	}
	cs := spec.AdjustColumns
	for i, row := range f.Adjust {
		if !c.lockedUnit(r, spec.AdjustSheet, row.Row, row.UnitNo, row.Unit, i) {
			return
		}
		at := func(k model.ColumnKey) string { return spec.AdjustSheet + "!" + row.Refs[k] }
		for _, kind := range []struct {
			k           model.AdjustKind
			points, why model.ColumnKey
		}{{model.Bonus, model.ColBonus, model.ColBonusWhy}, {model.Deduction, model.ColDeduct, model.ColDeductWhy}} {
			pc, wc := cs.Get(kind.points), cs.Get(kind.why)
			reason := c.text(r, at(kind.why)+"："+wc.Head, row.Values[kind.why], wc.Max)
			s := row.Values[kind.points]
			if s == "" {
				if reason != "" {
					r.refuse("%s：写了%s但没有填%s", at(kind.points), wc.Head, pc.Head)
				}
				continue
			}
			t, msg := model.CheckScore(pc.Head, s, pc.ScoreMax)
			switch {
			case msg != "":
				r.refuse("%s：%s", at(kind.points), msg)
			case t == 0:
			case reason == "":
				r.refuse("%s：填了%s，请写明%s", at(kind.why), pc.Head, wc.Head)
			default:
				recs[i].Adjust = append(recs[i].Adjust, model.Adjustment{Kind: kind.k, Points: t, Reason: reason})
			}
		}
		vc, wc := cs.Get(model.ColVeto), cs.Get(model.ColVetoWhy)
		source := row.Values[model.ColVeto]
		reason := c.text(r, at(model.ColVetoWhy)+"："+wc.Head, row.Values[model.ColVetoWhy], wc.Max)
		switch {
		case source == "" && reason == "":
		case source == "":
			r.refuse("%s：写了%s但没有选择%s", at(model.ColVeto), wc.Head, vc.Head)
		case !contains(vc.Choices, source):
			hint := ""
			if s := model.VetoSuggestion(source); s != "" {
				hint = fmt.Sprintf("是不是“%s”？", s)
			}
			r.refuse("%s：%s“%s”无效（%s请从下拉列表中选择：%s）", at(model.ColVeto), vc.Head, source, hint, strings.Join(vc.Choices, "、"))
		case reason == "":
			r.refuse("%s：选择了一票否决，请写明%s", at(model.ColVetoWhy), wc.Head)
		default:
			recs[i].Veto = &model.Veto{Source: source, Reason: reason}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// reviewedPath is where the review of u is recorded.
func (c *Collector) reviewedPath(u model.UnitEntry) string {
	return filepath.Join(c.Dir, input.ReviewedDir, model.FileName(u.No, u.Name)+".toml")
}

// recordReview writes the reviewed record of every unit whose review,
// adjustments or veto differ from what is recorded (a unit with nothing
// entered and nothing recorded gets no file). Of two review workbooks, the
// one saved later wins when both carry a save date; otherwise the one
// collected later, with a note.
func (c *Collector) recordReview(r *Result) {
	for i, rec := range r.Reviewed {
		u := c.Plan.Units[i]
		path := c.reviewedPath(u)
		rec.File = path
		empty := rec.Veto == nil && len(rec.Adjust) == 0
		for _, x := range rec.Review {
			empty = empty && !x.Has
		}
		var prev *input.Reviewed
		if _, err := os.Stat(path); err == nil {
			var probs diag.List
			prev = input.LoadReviewed(path, c.Plan, c.Year, &probs)
			if probs.HasErrors() || prev == nil {
				r.refuse("已收录的记录 %s 有问题，不能替换：%s（删除该文件后重新收录）", path, firstError(&probs))
				continue
			}
		} else if empty {
			continue
		}
		if prev != nil {
			same := input.ReviewedText(&input.Reviewed{Name: prev.Name, Year: prev.Year, Review: prev.Review, Adjust: stripPos(prev.Adjust), Veto: stripVeto(prev.Veto), Source: rec.Source}, c.Plan) ==
				input.ReviewedText(rec, c.Plan)
			if same {
				r.Unchanged++
				continue
			}
			ps := prev.Source
			if ps.DateFrom == input.DateWorkbook && rec.Source.DateFrom == input.DateWorkbook && rec.Source.Modified.Before(ps.Modified) {
				r.Notes = append(r.Notes, fmt.Sprintf("%s：已收录的审核评分表 %s 保存得更晚（%s），保留已收录的", model.FileName(u.No, u.Name), ps.File, local(ps.Modified)))
				continue
			}
			if ps.DateFrom != input.DateWorkbook || rec.Source.DateFrom != input.DateWorkbook || rec.Source.Modified.Equal(ps.Modified) {
				r.Notes = append(r.Notes, fmt.Sprintf("%s：与已收录的 %s 无法按保存时间判断先后（%s），按收录顺序采用本份", model.FileName(u.No, u.Name), ps.File, undecided(ps, rec.Source)))
			}
		}
		if err := c.writeReviewed(path, input.ReviewedText(rec, c.Plan)); err != nil {
			r.refuse("无法写入 %s：%v", path, err)
			continue
		}
		r.Written++
	}
	switch {
	case r.Outcome == Refused:
	case r.Written == 0:
		r.Outcome = Unchanged
	default:
		r.Outcome = Added
	}
}

func stripPos(as []model.Adjustment) []model.Adjustment {
	out := make([]model.Adjustment, len(as))
	for i, a := range as {
		out[i] = model.Adjustment{Kind: a.Kind, Points: a.Points, Reason: a.Reason}
	}
	return out
}

func stripVeto(v *model.Veto) *model.Veto {
	if v == nil {
		return nil
	}
	return &model.Veto{Source: v.Source, Reason: v.Reason}
}

// writeReviewed writes a reviewed record atomically, read back as strictly
// as mofan build reads it.
func (c *Collector) writeReviewed(path, text string) error {
	return c.writeChecked(path, text, func(tmp string, probs *diag.List) {
		input.LoadReviewed(tmp, c.Plan, c.Year, probs)
	})
}
