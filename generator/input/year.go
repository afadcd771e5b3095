package input

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// DefaultMax gives every point its default 分值, since the plan gives none:
// 4 for each 创建内容 and 推进措施 point, 5 for each 创建成效 point. For the
// 2020 plan (16 + 4 + 4 points) that sums to 100.
func DefaultMax(p *model.Plan) []model.Tenths {
	out := make([]model.Tenths, len(p.Points))
	for i, pt := range p.Points {
		out[i] = 40
		if pt.Category == model.Results {
			out[i] = 50
		}
	}
	return out
}

// DefaultRule is the commendation rule used where year.toml says nothing.
var DefaultRule = model.Rule{
	MinTotal:      900,
	MaxRatio:      0.30,
	BonusCap:      50,
	DeductionCap:  100,
	MissingReview: model.MissingRefuse,
	BoundaryTies:  "exclude",
}

// PlanPath returns the plan a year.toml names (default ../plan.md), without
// loading anything else, so the plan can be parsed before the year.
func PlanPath(yearFile string) string {
	var probs diag.List
	if d, ok := readTOML(yearFile, &probs); ok {
		if s, ok := d.data["plan"].(string); ok && strings.TrimSpace(s) != "" {
			return resolve(yearFile, s)
		}
	}
	return filepath.Join(filepath.Dir(yearFile), "..", "plan.md")
}

func resolve(from, rel string) string {
	if filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(filepath.Dir(from), filepath.FromSlash(rel))
}

// LoadYear reads year.toml. Problems go to probs; the result is usable only
// when probs holds no errors.
func LoadYear(path string, wantYear int, p *model.Plan, probs *diag.List) *model.Year {
	y := &model.Year{File: path, Max: DefaultMax(p), Rule: DefaultRule}
	defer probs.Cap(path, maxProblems)
	d, ok := readTOML(path, probs)
	if !ok {
		return y
	}
	top := d.table("", d.data, probs)
	top.only("year", "sample", "plan", "unconfirmed", "notice", "forms", "points", "rule", "documents", "record", "publicity", "contact", "seal")
	loadYearNumber(d, top, wantYear, y, probs)
	y.Sample = top.boolean("sample")
	if y.Sample {
		y.SamplePos = d.pos("sample")
	}
	y.PlanFile = filepath.Join(filepath.Dir(path), "..", "plan.md")
	if s := top.str("plan", false); s != "" {
		y.PlanFile = resolve(path, s)
	}

	if m, ok := top.subtable("notice"); ok {
		loadNotice(d.table("notice", m, probs), &y.Notice)
	} else {
		top.missingTable("notice")
	}
	if m, ok := top.subtable("forms"); ok {
		loadForms(d.table("forms", m, probs), &y.Forms, probs)
	} else {
		top.missingTable("forms")
	}
	if m, ok := top.subtable("points"); ok {
		loadPoints(d, d.table("points", m, probs), p, y, probs)
	}
	if m, ok := top.subtable("rule"); ok {
		loadRule(d.table("rule", m, probs), m, &y.Rule, probs)
	}
	loadGongwen(d, top, y, probs)
	y.Unconfirmed = unconfirmed(d, y, probs)
	return y
}

// loadYearNumber reads year, which must agree with the folder's year.
func loadYearNumber(d *doc, top *fields, wantYear int, y *model.Year, probs *diag.List) {
	if v, ok := d.data["year"]; !ok {
		top.missing("year", fmt.Sprint(wantYear))
	} else if s, ok := v.(string); ok {
		probs.Add(d.pos("year"), fmt.Sprintf("“year”应为四位年份，实为文字“%s”", diag.Show(s)), "年份不加引号，如 year = 2021")
	} else if n, ok := v.(int64); !ok || n < 2000 || n > 2200 {
		probs.Add(d.pos("year"), fmt.Sprintf("“year”应为四位年份，实为 %s", diag.Show(fmt.Sprint(v))), "")
	} else {
		y.Year = int(n)
		if wantYear != 0 && y.Year != wantYear {
			probs.Add(d.pos("year"), fmt.Sprintf("year = %d 与所在目录 %d 不一致", y.Year, wantYear), "目录名应为年份，如 seeds/2020/year.toml")
		}
	}
}

// loadNotice reads [notice], the commendation notice's header.
func loadNotice(f *fields, n *model.NoticeInfo) {
	f.only("title", "number", "issuer", "signature", "addressee", "date", "cc", "printer", "print_date",
		"kind", "meeting", "unordered", "dynamic") // the last four: see loadGongwen
	n.Title = f.str("title", true)
	n.Number = f.str("number", true)
	n.Issuer = f.str("issuer", true)
	n.Signature = f.str("signature", true)
	n.Addressee = f.str("addressee", true)
	n.Date = f.date("date", true)
	n.CC = f.str("cc", false)
	n.Printer = f.str("printer", true)
	n.PrintDate = f.date("print_date", false)
	if n.PrintDate.IsZero() {
		n.PrintDate = n.Date
	}
	checkNumber(f, "number", n.Number)
}

// loadForms reads [forms], when the forms go out and are due back.
func loadForms(f *fields, fm *model.FormsInfo, probs *diag.List) {
	f.only("issue_date", "deadline")
	fm.IssueDate = f.date("issue_date", true)
	fm.Deadline = f.date("deadline", true)
	if !fm.Deadline.IsZero() && fm.Deadline.Before(fm.IssueDate) {
		probs.Add(f.pos("deadline"), "报送截止日期早于下发日期", "")
	}
}

// loadPoints reads [points], the year's maximum score of each point.
func loadPoints(d *doc, f *fields, p *model.Plan, y *model.Year, probs *diag.List) {
	ids := make([]string, len(p.Points))
	for i, pt := range p.Points {
		ids[i] = pt.ID
	}
	f.only(ids...)
	for i, pt := range p.Points {
		if t, ok := f.number(pt.ID, 0, 1000); ok {
			y.Max[i] = t
		}
	}
	var sum model.Tenths
	for _, t := range y.Max {
		sum += t
	}
	if sum != 1000 {
		probs.Add(d.pos("points"), fmt.Sprintf("各考评要点分值合计为 %s 分，应为 100 分", sum), "调整 [points] 中的分值")
	}
	for i, t := range y.Max {
		if t == 0 {
			probs.Add(f.pos(p.Points[i].ID), fmt.Sprintf("考评要点 %s 的分值为 0", p.Points[i].ID), "分值应大于 0")
		}
	}
}

// loadRule reads [rule], how scores become commendations.
func loadRule(f *fields, m map[string]any, r *model.Rule, probs *diag.List) {
	f.only("min_total", "max_ratio", "bonus_cap", "deduction_cap", "missing_review", "boundary_ties")
	if t, ok := f.number("min_total", 0, 1000); ok {
		r.MinTotal = t
	}
	if v, ok := m["max_ratio"]; ok {
		x, isNum := v.(float64)
		if n, isInt := v.(int64); isInt {
			x, isNum = float64(n), true
		}
		if !isNum || x <= 0 || x > 1 {
			probs.Add(f.pos("max_ratio"), fmt.Sprintf("“rule.max_ratio”应为 0～1 之间的小数，实为 %s", diag.Show(fmt.Sprint(v))), "如 0.30 表示不超过 30%")
		} else {
			r.MaxRatio = x
		}
	}
	if t, ok := f.number("bonus_cap", 0, 1000); ok {
		r.BonusCap = t
	}
	if t, ok := f.number("deduction_cap", 0, 1000); ok {
		r.DeductionCap = t
	}
	if s := f.str("missing_review", false); s != "" {
		if s != model.MissingRefuse && s != model.MissingSelf && s != model.MissingZero {
			probs.Add(f.pos("missing_review"), fmt.Sprintf("“rule.missing_review”只能是 \"refuse\"、\"self\" 或 \"zero\"，实为“%s”", diag.Show(s)), "refuse：审核未完成的单位不予表彰、表彰通知只生成草稿；self：缺审核分时采用自评分；zero：按 0 分计")
		} else {
			r.MissingReview = s
		}
	}
	if s := f.str("boundary_ties", false); s != "" {
		if s != "exclude" && s != "include" {
			probs.Add(f.pos("boundary_ties"), fmt.Sprintf("“rule.boundary_ties”只能是 \"exclude\" 或 \"include\"，实为“%s”", diag.Show(s)), "exclude：名额边界同分者都不表彰；include：都表彰")
		} else {
			r.BoundaryTies = s
		}
	}
}

// Confirmable are the keys of year.toml that mofan init derives from the
// previous year and lists under unconfirmed (the 【请核对】 items); besides
// these, each value of a [documents."名称"] table may be listed as
// documents.<名称>.<key>, key one of DocConfirmable. confirmable says what
// each is called in messages.
var Confirmable = []string{"notice.title", "notice.number", "notice.date", "notice.print_date",
	"forms.issue_date", "forms.deadline", "publicity.from", "publicity.to"}

// DocConfirmable are the keys of a [documents."名称"] table that may be
// listed under unconfirmed.
var DocConfirmable = []string{"number", "date", "print_date", "reply_by"}

// confirmable returns what the unconfirmed item key is called and its value
// in y; ok is false when key names nothing y holds that could be confirmed.
func confirmable(y *model.Year, key string) (what, value string, ok bool) {
	switch key {
	case "notice.title":
		return "通知标题", y.Notice.Title, true
	case "notice.number":
		return "发文字号", y.Notice.Number, true
	case "notice.date":
		return "成文日期", compDate(y.Notice.Date), true
	case "notice.print_date":
		return "印发日期", compDate(y.Notice.PrintDate), true
	case "forms.issue_date":
		return "自评表下发日期", compDate(y.Forms.IssueDate), true
	case "forms.deadline":
		return "报送截止日期", compDate(y.Forms.Deadline), true
	case "publicity.from":
		return "公示开始日期", compDate(y.Gongwen.Publicity.From), y.Gongwen.Publicity.Has
	case "publicity.to":
		return "公示结束日期", compDate(y.Gongwen.Publicity.To), y.Gongwen.Publicity.Has
	}
	rest, isDoc := strings.CutPrefix(key, "documents.")
	i := strings.LastIndexByte(rest, '.')
	if !isDoc || i < 0 {
		return "", "", false
	}
	di, has := y.Gongwen.Docs[rest[:i]]
	if !has {
		return "", "", false
	}
	what = rest[:i] + "的"
	switch rest[i+1:] {
	case "number":
		return what + "发文字号", di.Number, di.Number != ""
	case "date":
		return what + "成文日期", compDate(di.Date), true
	case "print_date":
		return what + "印发日期", compDate(di.PrintDate), true
	case "reply_by":
		return what + "回复截止日期", compDate(di.ReplyBy), !di.ReplyBy.IsZero()
	}
	return "", "", false
}

// confirmKeys lists every item y could list under unconfirmed, in the order
// of year.toml as mofan init writes it: [notice], [forms], [publicity], then
// the [documents."名称"] tables by name, each with the keys it has.
func confirmKeys(y *model.Year) []string {
	var keys []string
	for _, k := range Confirmable {
		if _, _, ok := confirmable(y, k); ok {
			keys = append(keys, k)
		}
	}
	names := make([]string, 0, len(y.Gongwen.Docs))
	for name := range y.Gongwen.Docs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		di := y.Gongwen.Docs[name]
		for _, key := range DocConfirmable {
			if key == "print_date" && di.PrintDate.Equal(di.Date) {
				continue // not written: it is the 成文日期
			}
			k := "documents." + name + "." + key
			if _, _, ok := confirmable(y, k); ok {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// unconfirmed reads the top-level list unconfirmed = ["notice.number", …]:
// the values a person has still to confirm. Each is reported where the value
// is written, with the value, by model.OfficialGaps.
func unconfirmed(d *doc, y *model.Year, probs *diag.List) []model.Confirm {
	v, ok := d.data["unconfirmed"]
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		probs.Add(d.pos("unconfirmed"), fmt.Sprintf("“unconfirmed”应为文字列表，实为%s", typeName(v)), "如 unconfirmed = [\"notice.number\", \"notice.date\"]；全部核对后删去整个列表")
		return nil
	}
	var out []model.Confirm
	for _, item := range list {
		k, isStr := item.(string)
		what, value, ok := confirmable(y, k)
		if !isStr || !ok {
			keys := confirmKeys(y)
			hint := "可列出：" + strings.Join(keys, "、")
			if s := nearest(k, keys); isStr && s != "" {
				hint = fmt.Sprintf("是不是“%s”？", s)
			}
			probs.Add(d.pos("unconfirmed"), fmt.Sprintf("“unconfirmed”中的“%s”不是需要核对的项", diag.Show(fmt.Sprint(item))), hint)
			continue
		}
		c := model.Confirm{Key: k, What: what, Value: value, Pos: d.pos(k)}
		if c.Pos.Line == 0 {
			c.Pos = d.pos("unconfirmed")
		}
		out = append(out, c)
	}
	return out
}

// reNoSerial matches a 发文字号 that ends at its year: 焦直文〔2021〕号.
var reNoSerial = regexp.MustCompile(`〕\s*号?\s*$`)

// checkNumber checks the 发文字号 number of f's key: its year in 〔〕 and a
// 序号 after it (the example that mofan prints for a missing table leaves
// the 序号 to fill in).
func checkNumber(f *fields, key, number string) {
	switch {
	case number == "":
	case !strings.Contains(number, "〔"):
		f.probs.Add(f.pos(key), fmt.Sprintf("发文字号“%s”的年份应放在六角括号〔〕中", diag.Show(number)), "如 焦直文〔2021〕3号")
	case reNoSerial.MatchString(number):
		f.probs.Add(f.pos(key), fmt.Sprintf("发文字号“%s”缺少序号", diag.Show(number)), "在“〕”和“号”之间填上序号，如 焦直文〔2021〕3号")
	}
}

func compDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}
