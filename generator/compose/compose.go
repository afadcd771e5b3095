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

// specTable is a table with the printed columns of a form spec (Print > 0),
// in the spec's order.
func specTable(cols model.Columns, fontSize float64) (*layout.Table, []model.ColumnKey) {
	t := &layout.Table{FontSize: fontSize}
	var head []string
	var keys []model.ColumnKey
	for _, c := range cols {
		if c.Print <= 0 {
			continue
		}
		align := layout.Center
		if c.Left {
			align = layout.Left
		}
		t.Columns = append(t.Columns, layout.Column{Title: c.Head, Width: c.Print, Align: align, Role: c.Role})
		head = append(head, c.Head)
		keys = append(keys, c.Key)
	}
	t.Header = [][]string{head}
	return t, keys
}

// specRow makes a row of a specTable from the cells by key; keys without a
// cell are empty.
func specRow(keys []model.ColumnKey, cells map[model.ColumnKey]layout.Cell, pos diag.Pos) layout.Row {
	row := layout.Row{Pos: pos, Cells: make([]layout.Cell, len(keys))}
	for i, k := range keys {
		row.Cells[i] = cells[k]
	}
	return row
}

// ChecklistTable is the year's scoring points with their 分值 and a 合计
// row, with the printed columns of model.ChecklistSpec: the table of a
// unit's checklist and of the 考评通知's 附件.
func ChecklistTable(p *model.Plan, y *model.Year) *layout.Table {
	spec := &model.ChecklistSpec
	var sum model.Tenths
	for _, m := range y.Max {
		sum += m
	}
	t, keys := specTable(spec.Columns, 10.5)
	for i, pt := range p.Points {
		prev := model.Point{}
		if i > 0 {
			prev = p.Points[i-1]
		}
		group := layout.Cell{Text: pt.Group, Merge: i > 0 && prev.Category == pt.Category && prev.Group == pt.Group}
		if pt.Group == "" {
			group.Merge = i > 0 && prev.Category == pt.Category
		}
		text := pt.Text
		if spec.Columns.Get(model.ColNote).Print <= 0 && pt.Note != "" {
			text += "（备注：" + pt.Note + "）"
		}
		t.Rows = append(t.Rows, specRow(keys, map[model.ColumnKey]layout.Cell{
			model.ColCategory: {Text: string(pt.Category), Merge: i > 0 && prev.Category == pt.Category},
			model.ColContent:  group,
			model.ColID:       {Text: pt.ID},
			model.ColText:     {Text: text},
			model.ColMax:      {Text: y.Max[i].String()},
			model.ColNote:     {Text: pt.Note},
		}, pt.Pos))
	}
	t.Rows = append(t.Rows, specRow(keys, map[model.ColumnKey]layout.Cell{
		keys[0]: {Text: spec.Total, Bold: true}, model.ColMax: {Text: sum.String(), Bold: true},
	}, diag.Pos{}))
	return t
}

// Checklist is 考评要点/NN-<单位>.pdf: the year's scoring points with their
// 分值, addressed to one unit, as model.ChecklistSpec specifies it.
func Checklist(p *model.Plan, y *model.Year, u *model.Unit) *layout.Document {
	spec := &model.ChecklistSpec
	title := spec.Title(y.Year)
	doc := &layout.Document{
		Info:   layout.Info{Title: title + "（" + u.Name + "）", Author: p.Notice.Issuer, Subject: u.Name, Created: y.Forms.IssueDate},
		Header: header(y, u),
	}
	doc.Blocks = []layout.Block{
		{Kind: layout.Title, Text: title},
		{Kind: layout.Subtitle, Text: "（" + u.Name + "）"},
		{Kind: layout.TableBlock, Table: ChecklistTable(p, y)},
		{Kind: layout.Lines, Items: []string{"说明：" + strings.Join(spec.Instructions(y.Forms.Deadline, false), "　")}},
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

// SelfForm is 自评表/NN-<单位>.pdf: a printable self-assessment form as
// model.SelfFormSpec specifies it, prefilled where the unit's file has values.
func SelfForm(p *model.Plan, y *model.Year, u *model.Unit) *layout.Document {
	spec := &model.SelfFormSpec
	title := spec.Title(y.Year)
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
	t, keys := specTable(spec.Columns, 10.5)
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
		t.Rows = append(t.Rows, specRow(keys, map[model.ColumnKey]layout.Cell{
			model.ColID: {Text: pt.ID}, model.ColContent: {Text: content, Merge: merge}, model.ColText: {Text: pt.Text},
			model.ColMax: {Text: y.Max[i].String()}, model.ColSelf: {Text: score}, model.ColEvidence: {Text: a.Evidence},
		}, pos))
	}
	total := ""
	if all && !u.Missing {
		total = sum.String()
	}
	t.Rows = append(t.Rows, specRow(keys, map[model.ColumnKey]layout.Cell{
		keys[0]: {Text: spec.Total, Bold: true}, model.ColMax: {Text: maxSum.String(), Bold: true}, model.ColSelf: {Text: total, Bold: true},
	}, diag.Pos{}))
	contactPos := diag.Pos{File: u.File}
	if q, ok := u.Pos["contact"]; ok {
		contactPos = q
	}
	label := func(k string) string { return spec.Field(k).Label + "：" }
	notes := append([]string{spec.NotesTitle}, spec.Instructions(y.Forms.Deadline, false)...)
	doc.Blocks = []layout.Block{
		{Kind: layout.Title, Text: title},
		{Kind: layout.Lines, Pos: contactPos, Items: []string{
			"填报单位：" + blank(u.Name, 16),
			"党组织：" + blank(u.PartyOrg, 16),
			label("secretary") + blank(u.Secretary, 6) + "　" + label("contact") + blank(u.Contact, 6),
			label("phone") + blank(u.Phone, 8),
		}},
		{Kind: layout.TableBlock, Table: t},
		{Kind: layout.Lines, Items: append([]string{
			spec.UnitLabel,
			// 27 characters: the line must not wrap (日 alone on the next line)
			"书记签字：　　　　　　" + label("date") + "　　　　年　　月　　日",
		}, notes...)},
	}
	return doc
}
