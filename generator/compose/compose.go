// Package compose turns the plan and a year's inputs into layout documents:
// the plan as issued (实施方案), the unit list (单位名单), and each unit's
// checklist (考评要点) and self-assessment form (自评表). It is pure: plain
// values in, a *layout.Document out; laying out and drawing happen later.
package compose

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"mofan/generator/diag"
	"mofan/generator/layout"
	"mofan/generator/model"
)

var reDate = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})日$`)

var reRunIn = regexp.MustCompile(`^((?:（[一二三四五六七八九十]+）|\d+\.)[^。]{1,40}。)(.*)$`)

// Plan returns the plan as issued: the covering notice with its red head, the
// programme on a new page, 附件1 (the unit list as issued, one run of names)
// and 附件2 (the scoring-point table).
func Plan(p *model.Plan) *layout.Document {
	n := p.Notice
	doc := &layout.Document{
		Info: layout.Info{Title: n.Title, Author: n.Issuer, Subject: p.Program.Title, Created: n.Issued},
		Head: &layout.Head{Issuer: n.Issuer, Number: n.Number},
	}
	add := func(b layout.Block) { doc.Blocks = append(doc.Blocks, b) }
	add(layout.Block{Kind: layout.Title, Text: n.Title})
	add(layout.Block{Kind: layout.Addressee, Text: n.Addressee + "："})
	for _, t := range n.Body {
		add(layout.Block{Kind: layout.Para, Text: t.Text, Pos: t.Pos})
	}
	add(layout.Block{Kind: layout.Signature, Text: n.Signature, Date: n.Date})
	add(layout.Block{Kind: layout.PageBreak})
	add(layout.Block{Kind: layout.Title, Text: p.Program.Title})
	for _, b := range p.Program.Blocks {
		switch b.Level {
		case 1:
			add(layout.Block{Kind: layout.Heading1, Text: b.Text, Pos: b.Pos})
		case 2:
			add(layout.Block{Kind: layout.Heading2, Text: b.Text, Pos: b.Pos})
		default:
			// Run-in headings “1.……。” and “（一）……。” lead their paragraph.
			if m := reRunIn.FindStringSubmatch(b.Text); m != nil {
				kind := layout.Heading3
				if strings.HasPrefix(m[1], "（") {
					kind = layout.Heading2
				}
				add(layout.Block{Kind: kind, Text: m[1], Tail: m[2], Pos: b.Pos})
				continue
			}
			add(layout.Block{Kind: layout.Para, Text: b.Text, Pos: b.Pos})
		}
	}
	var items []string
	for _, a := range p.Attachments {
		items = append(items, a.Title)
	}
	add(layout.Block{Kind: layout.AttachNote, Items: items})
	names := make([]string, len(p.Units))
	for i, u := range p.Units {
		names[i] = u.Name
	}
	add(layout.Block{Kind: layout.Attachment, Label: "附件1", Text: p.UnitsTitle})
	if p.UnitsNote != "" {
		add(layout.Block{Kind: layout.Subtitle, Text: p.UnitsNote})
	}
	add(layout.Block{Kind: layout.Para, Text: strings.Join(names, "、"), Pos: p.Units[0].Pos})
	add(layout.Block{Kind: layout.Attachment, Label: "附件2", Text: p.PointsTitle})
	add(layout.Block{Kind: layout.TableBlock, Table: pointsTable(p, nil)})
	return doc
}

// pointsTable is the 附件2 table: 类型 | 考评内容 | 考评要点 | 备注, with
// group cells merged. With max set (a unit's checklist), it gains the point
// id and the 分值 instead of 备注.
func pointsTable(p *model.Plan, max []model.Tenths) *layout.Table {
	t := &layout.Table{FontSize: 12}
	if max == nil {
		t.Columns = []layout.Column{
			// 类型 holds “创建内容” on one line: 4 × 12 pt and the padding
			{Title: "类型", Width: 20, Align: layout.Center},
			{Title: "考评内容", Width: 34, Align: layout.Left, Role: model.RoleKai},
			{Title: "考评要点", Width: 90, Align: layout.Left},
			{Title: "备注", Width: 12, Align: layout.Center},
		}
	} else {
		t.FontSize = 10.5
		t.Columns = []layout.Column{
			{Title: "编号", Width: 17, Align: layout.Center},
			{Title: "类型", Width: 12, Align: layout.Center},
			{Title: "考评内容", Width: 30, Align: layout.Left, Role: model.RoleKai},
			{Title: "考评要点", Width: 85, Align: layout.Left},
			{Title: "分值", Width: 12, Align: layout.Center},
		}
	}
	var head []string
	for _, c := range t.Columns {
		head = append(head, c.Title)
	}
	t.Header = [][]string{head}
	for i, pt := range p.Points {
		prev := model.Point{}
		if i > 0 {
			prev = p.Points[i-1]
		}
		cat := layout.Cell{Text: string(pt.Category), Merge: i > 0 && prev.Category == pt.Category}
		group := layout.Cell{Text: pt.Group, Merge: i > 0 && prev.Category == pt.Category && prev.Group == pt.Group}
		if pt.Group == "" {
			group.Merge = i > 0 && prev.Category == pt.Category
		}
		var row []layout.Cell
		if max == nil {
			row = []layout.Cell{cat, group, {Text: pt.Text}, {Text: pt.Note}}
		} else {
			row = []layout.Cell{{Text: pt.ID}, cat, group, {Text: pt.Text}, {Text: max[i].String()}}
		}
		t.Rows = append(t.Rows, layout.Row{Cells: row, Pos: pt.Pos})
	}
	return t
}

// UnitList is 单位名单.pdf: the numbered list of the units, two to a row,
// numbered along the rows (1 2 / 3 4 / …) so that the reading order holds
// on every page however the table breaks.
func UnitList(p *model.Plan, y *model.Year) *layout.Document {
	doc := &layout.Document{
		Info: layout.Info{Title: p.UnitsTitle, Author: p.Notice.Issuer, Subject: fmt.Sprintf("%d年度", y.Year), Created: y.Forms.IssueDate},
	}
	t := &layout.Table{FontSize: 14, Columns: []layout.Column{
		{Title: "序号", Width: 16, Align: layout.Center},
		{Title: "单位名称", Width: 62, Align: layout.Left},
		{Title: "序号", Width: 16, Align: layout.Center},
		{Title: "单位名称", Width: 62, Align: layout.Left},
	}}
	t.Header = [][]string{{"序号", "单位名称", "序号", "单位名称"}}
	for i := 0; i < len(p.Units); i += 2 {
		a := p.Units[i]
		row := layout.Row{Cells: []layout.Cell{{Text: strconv.Itoa(a.No)}, {Text: a.Name}, {}, {}}, Pos: a.Pos}
		if j := i + 1; j < len(p.Units) {
			row.Cells[2] = layout.Cell{Text: strconv.Itoa(p.Units[j].No)}
			row.Cells[3] = layout.Cell{Text: p.Units[j].Name}
		}
		t.Rows = append(t.Rows, row)
	}
	doc.Blocks = []layout.Block{
		{Kind: layout.Title, Text: p.UnitsTitle},
		{Kind: layout.Subtitle, Text: fmt.Sprintf("（%d年度，共%d家）", y.Year, len(p.Units))},
		{Kind: layout.TableBlock, Table: t},
	}
	return doc
}

// ChecklistTable is the year's scoring points with their 分值 and a 合计
// row: the table of a unit's checklist and of the 考评通知's 附件.
func ChecklistTable(p *model.Plan, y *model.Year) *layout.Table {
	var sum model.Tenths
	for _, m := range y.Max {
		sum += m
	}
	t := pointsTable(p, y.Max)
	t.Rows = append(t.Rows, layout.Row{Cells: []layout.Cell{{Text: "合计", Bold: true}, {}, {}, {}, {Text: sum.String(), Bold: true}}})
	return t
}

// Checklist is 考评要点/NN-<单位>.pdf: the year's scoring points with their
// 分值, addressed to one unit.
func Checklist(p *model.Plan, y *model.Year, u *model.Unit) *layout.Document {
	title := fmt.Sprintf("%d年市直机关创建模范机关考评要点", y.Year)
	doc := &layout.Document{
		Info:   layout.Info{Title: title + "（" + u.Name + "）", Author: p.Notice.Issuer, Subject: u.Name, Created: y.Forms.IssueDate},
		Header: header(y, u),
	}
	doc.Blocks = []layout.Block{
		{Kind: layout.Title, Text: title},
		{Kind: layout.Subtitle, Text: "（" + u.Name + "）"},
		{Kind: layout.TableBlock, Table: ChecklistTable(p, y)},
		{Kind: layout.Lines, Items: []string{fmt.Sprintf("说明：编号用于自评表和汇总，请勿改动；请于%s前报送自评表。", model.FormatDate(y.Forms.Deadline))}},
	}
	return doc
}

// header is the running header of a unit's forms; sample data say so.
func header(y *model.Year, u *model.Unit) string {
	h := fmt.Sprintf("%s　%d年度", u.Name, y.Year)
	if y.Sample || u.Sample {
		h += "　【示例数据，非正式文件】"
	}
	return h
}

// BlankSelfForm is the self-assessment form without a unit: the 考评通知's
// 附件, every unit's to fill in. Its first block is the form's title.
func BlankSelfForm(p *model.Plan, y *model.Year) *layout.Document {
	return SelfForm(p, y, &model.Unit{Missing: true, Self: make([]model.Assessment, len(p.Points))})
}

// SelfForm is 自评表/NN-<单位>.pdf: a printable self-assessment form,
// prefilled where the unit's file has values.
func SelfForm(p *model.Plan, y *model.Year, u *model.Unit) *layout.Document {
	title := fmt.Sprintf("%d年度市直机关创建模范机关自评表", y.Year)
	doc := &layout.Document{
		Info:   layout.Info{Title: title + "（" + u.Name + "）", Author: p.Notice.Issuer, Subject: u.Name, Created: y.Forms.IssueDate},
		Header: header(y, u),
	}
	blank := func(s string, width int) string {
		if s != "" {
			return s
		}
		return strings.Repeat("　", width)
	}
	t := &layout.Table{FontSize: 10.5, Columns: []layout.Column{
		{Title: "编号", Width: 15, Align: layout.Center},
		{Title: "考评内容", Width: 22, Align: layout.Left, Role: model.RoleKai},
		{Title: "考评要点", Width: 56, Align: layout.Left},
		{Title: "分值", Width: 10, Align: layout.Center},
		{Title: "自评得分", Width: 13, Align: layout.Center},
		{Title: "完成情况/佐证材料", Width: 40, Align: layout.Left},
	}}
	t.Header = [][]string{{"编号", "考评内容", "考评要点", "分值", "自评得分", "完成情况/佐证材料"}}
	var sum, maxSum model.Tenths
	all := true
	for i, pt := range p.Points {
		a := u.Self[i]
		score := ""
		if a.Has {
			score = a.Score.String()
			sum += a.Score
		} else {
			all = false
		}
		maxSum += y.Max[i]
		content := pt.Group
		if content == "" {
			content = string(pt.Category)
		}
		merge := i > 0 && (p.Points[i-1].Group == pt.Group && p.Points[i-1].Category == pt.Category)
		pos := pt.Pos
		if q, ok := u.Pos["self."+pt.ID+".evidence"]; ok {
			pos = q
		}
		t.Rows = append(t.Rows, layout.Row{Pos: pos, Cells: []layout.Cell{
			{Text: pt.ID}, {Text: content, Merge: merge}, {Text: pt.Text}, {Text: y.Max[i].String()}, {Text: score}, {Text: a.Evidence},
		}})
	}
	total := ""
	if all && !u.Missing {
		total = sum.String()
	}
	t.Rows = append(t.Rows, layout.Row{Cells: []layout.Cell{{Text: "合计", Bold: true}, {}, {}, {Text: maxSum.String(), Bold: true}, {Text: total, Bold: true}, {}}})
	contactPos := diag.Pos{File: u.File}
	if q, ok := u.Pos["contact"]; ok {
		contactPos = q
	}
	doc.Blocks = []layout.Block{
		{Kind: layout.Title, Text: title},
		{Kind: layout.Lines, Pos: contactPos, Items: []string{
			"填报单位：" + blank(u.Name, 16),
			"党组织：" + blank(u.PartyOrg, 16),
			"党组织书记：" + blank(u.Secretary, 6) + "　联系人：" + blank(u.Contact, 6),
			"联系电话：" + blank(u.Phone, 8),
		}},
		{Kind: layout.TableBlock, Table: t},
		{Kind: layout.Lines, Items: []string{
			"填报单位（盖章）：",
			// 27 characters: the line must not wrap (日 alone on the next line)
			"书记签字：　　　　　　填报日期：　　　　年　　月　　日",
			// two lines, so that the date is not broken across lines
			"注：自评得分不超过分值，可保留一位小数。",
			fmt.Sprintf("　　请于%s前报送。", model.FormatDate(y.Forms.Deadline)),
		}},
	}
	return doc
}
