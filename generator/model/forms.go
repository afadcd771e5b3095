package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Document specs: each form mofan issues or reads back is specified here once,
// as data. The PDF composer (generator/compose), the workbook writer and the
// returned-workbook reader (generator/sheet), and the checks of mofan collect
// all derive from these values, so that changing a column, a label, a limit or
// a sentence of the instructions is one edit here.

// ColumnKey names a column of a form by what it holds, so that code finds a
// column by meaning rather than by position.
type ColumnKey string

// The columns the forms are made of.
const (
	ColCategory  ColumnKey = "category" // 类型
	ColContent   ColumnKey = "content"  // 考评内容 (the group, or the category outside 创建内容)
	ColID        ColumnKey = "id"       // 编号
	ColText      ColumnKey = "text"     // 考评要点
	ColMax       ColumnKey = "max"      // 分值
	ColNote      ColumnKey = "note"     // 备注
	ColSelf      ColumnKey = "self"     // 自评得分
	ColEvidence  ColumnKey = "evidence" // 完成情况/佐证材料
	ColUnitNo    ColumnKey = "unit_no"  // 序号 of the unit in 附件1
	ColUnit      ColumnKey = "unit"     // 单位名称
	ColReview    ColumnKey = "review"   // 审核得分
	ColBonus     ColumnKey = "bonus"    // 加分
	ColBonusWhy  ColumnKey = "bonus_reason"
	ColDeduct    ColumnKey = "deduction" // 扣分
	ColDeductWhy ColumnKey = "deduction_reason"
	ColVeto      ColumnKey = "veto"        // 一票否决来源
	ColVetoWhy   ColumnKey = "veto_reason" // 否决原因
)

// Column is one column of a form.
type Column struct {
	Key   ColumnKey
	Head  string  // the header as printed
	Width float64 // in the workbook, in characters of the default font
	Print float64 // on paper (PDF), in millimetres; 0: not printed
	Left  bool    // left-aligned (text); otherwise centred
	Input bool    // filled in by whoever the form is sent to: unlocked in the workbook
	Role  Role    // the PDF font role; "" is the body face
	// Max is the longest text an Input text column accepts, in characters.
	Max int
	// Score marks an Input score column: 0..分值 (or 0..ScoreMax), at most
	// one decimal.
	Score bool
	// ScoreMax bounds a Score column that has no 分值 of its own (加分, 扣分).
	ScoreMax Tenths
	// Choices, when set, is the drop-down list an Input column offers.
	Choices []string
}

// Columns is an ordered list of columns.
type Columns []Column

// Index returns the 1-based position of the column with key k, or 0.
func (cs Columns) Index(k ColumnKey) int {
	for i, c := range cs {
		if c.Key == k {
			return i + 1
		}
	}
	return 0
}

// Get returns the column with key k; it panics when the spec has none, which
// is a programming error caught by the specs' tests.
func (cs Columns) Get(k ColumnKey) Column {
	if i := cs.Index(k); i > 0 {
		return cs[i-1]
	}
	panic("model: no column " + string(k))
}

// Heads returns the headers in order.
func (cs Columns) Heads() []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Head
	}
	return out
}

// Field is a labelled field under a form's table (党组织书记, 联系人, …).
type Field struct {
	Key   string // the key of the returned record: secretary, contact, phone, date
	Label string
	Max   int  // characters
	Keep  bool // recorded when the form comes back
}

// FormSpec is a unit's form: the 自评表 or the 考评要点 checklist.
type FormSpec struct {
	Kind      string // the mofan.kind property, the output folder and the form's name: 自评表
	Sheet     string // the worksheet
	TitleText string // the title, with %d for the year
	UnitLabel string // the label before the unit's name in the workbook
	// UnitCell is the locked cell holding the unit's name in the workbook;
	// with the year in the title it identifies a returned form.
	UnitCell  string
	HeaderRow int // the workbook row of the column headers
	Columns   Columns
	Fields    []Field // under the table, two a row; empty for the checklist
	Total     string  // the label of the total row
	// NotesTitle and Notes are the instructions (填表说明), printed at the top
	// of the workbook and under the PDF table; %s in a note is the deadline.
	NotesTitle string
	Notes      []string
	// SheetNotes come first in the workbook only (they speak of its cells).
	SheetNotes   []string
	DeadlineNote string // the note added when the year has a deadline; %s is the date
}

// Title is the form's title for a year.
func (s *FormSpec) Title(year int) string { return fmt.Sprintf(s.TitleText, year) }

// YearOfTitle reads the year back from a title written by Title; ok is false
// when the text is no such title.
func (s *FormSpec) YearOfTitle(title string) (int, bool) {
	var y int
	pre, _, _ := strings.Cut(s.TitleText, "%d")
	rest, found := strings.CutPrefix(strings.TrimSpace(title), pre)
	if !found {
		return 0, false
	}
	i := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
	if i <= 0 {
		return 0, false
	}
	y, err := strconv.Atoi(rest[:i])
	if err != nil || fmt.Sprintf(s.TitleText, y) != strings.TrimSpace(title) {
		return 0, false
	}
	return y, true
}

// Instructions returns the numbered notes for a year's deadline (zero:
// none), for the workbook (with SheetNotes) or for paper.
func (s *FormSpec) Instructions(deadline time.Time, workbook bool) []string {
	var out []string
	if workbook {
		out = append(out, s.SheetNotes...)
	}
	out = append(out, s.Notes...)
	if !deadline.IsZero() && s.DeadlineNote != "" {
		out = append(out, fmt.Sprintf(s.DeadlineNote, FormatDate(deadline)))
	}
	for i := range out {
		out[i] = fmt.Sprintf("%d.%s", i+1, out[i])
	}
	return out
}

// Field returns the field with key k, or nil.
func (s *FormSpec) Field(k string) *Field {
	for i := range s.Fields {
		if s.Fields[i].Key == k {
			return &s.Fields[i]
		}
	}
	return nil
}

// MaxEvidence is the longest 完成情况/佐证材料 of one point, in characters. The
// 自评表's evidence cells are sized to show this much (a worksheet row is at
// most 409 points tall), the workbook refuses longer text as it is typed,
// and mofan check and mofan collect refuse it with the cell or line named.
const MaxEvidence = 200

// MaxContact is the longest contact field (党组织书记, 联系人, 联系电话).
const MaxContact = 100

// MaxReason is the longest reason of a 加分, 扣分 or 一票否决 in the review workbook.
const MaxReason = 200

// MaxAdjust bounds one 加分 or 扣分 entered in the review workbook.
const MaxAdjust Tenths = 100

// SelfFormSpec is the self-assessment form 自评表 each unit fills in.
var SelfFormSpec = FormSpec{
	Kind:      "自评表",
	Sheet:     "自评表",
	TitleText: "%d年度市直机关创建模范机关自评表",
	UnitLabel: "填报单位（盖章）：",
	UnitCell:  "C2",
	HeaderRow: 4,
	Columns: Columns{
		{Key: ColID, Head: "编号", Width: 8.5, Print: 15},
		{Key: ColContent, Head: "考评内容", Width: 14, Print: 22, Left: true, Role: RoleKai},
		{Key: ColText, Head: "考评要点", Width: 40, Print: 56, Left: true},
		{Key: ColMax, Head: "分值", Width: 6, Print: 10},
		{Key: ColSelf, Head: "自评得分", Width: 8, Print: 13, Input: true, Score: true},
		{Key: ColEvidence, Head: "完成情况/佐证材料", Width: 46, Print: 40, Left: true, Input: true, Max: MaxEvidence},
	},
	Fields: []Field{
		{Key: "secretary", Label: "党组织书记", Max: MaxContact, Keep: true},
		{Key: "contact", Label: "联系人", Max: MaxContact, Keep: true},
		{Key: "phone", Label: "联系电话", Max: MaxContact, Keep: true},
		{Key: "date", Label: "填报日期", Max: MaxContact},
	},
	Total:      "合计",
	NotesTitle: "填表说明：",
	SheetNotes: []string{"浅黄色单元格为填写区，其余内容已锁定，请勿改动；合计自动计算。"},
	Notes: []string{
		"自评得分填0至本项分值之间的数，最多一位小数。",
		fmt.Sprintf("完成情况/佐证材料简要写明工作开展情况和佐证材料名称，每项不超过%d字。", MaxEvidence),
	},
	DeadlineNote: "请于%s前报送本表（Excel格式，请勿改动表格结构）。",
}

// ChecklistSpec is the scoring-point checklist 考评要点 sent to each unit. It
// is not filled in; a returned one is told apart from a 自评表 by its Kind.
var ChecklistSpec = FormSpec{
	Kind:      "考评要点",
	Sheet:     "考评要点",
	TitleText: "%d年市直机关创建模范机关考评要点",
	HeaderRow: 3,
	Columns: Columns{
		{Key: ColCategory, Head: "类型", Width: 6, Print: 12},
		{Key: ColContent, Head: "考评内容", Width: 16, Print: 30, Left: true, Role: RoleKai},
		{Key: ColID, Head: "编号", Width: 8.5, Print: 17},
		{Key: ColText, Head: "考评要点", Width: 50, Print: 85, Left: true},
		{Key: ColMax, Head: "分值", Width: 6, Print: 12},
		{Key: ColNote, Head: "备注", Width: 10, Print: 0, Left: true},
	},
	Total:        "合计",
	Notes:        []string{"编号用于自评表和汇总，请勿改动。"},
	DeadlineNote: "请于%s前报送自评表。",
}

// ReviewSpec is the committee's review workbook 评审/审核评分表.xlsx: one sheet
// with a row per unit and point, where each review cell sits beside the
// unit's self score and evidence, and one sheet with a row per unit for
// 加分, 扣分 and 一票否决.
type ReviewSpec struct {
	Kind      string // the mofan.kind property and the file's base name
	Path      string // under output/<year>/
	TitleText string // %d is the year
	Sheet     string // the scores sheet
	HeaderRow int
	Columns   Columns
	// AdjustSheet holds a row per unit: 加分, 扣分 and 一票否决.
	AdjustSheet   string
	AdjustColumns Columns
	NotesTitle    string
	Notes         []string
}

// Title is the workbook's title for a year.
func (s *ReviewSpec) Title(year int) string { return fmt.Sprintf(s.TitleText, year) }

// ReviewBookSpec is the committee's review workbook.
var ReviewBookSpec = ReviewSpec{
	Kind:      "审核评分表",
	Path:      "评审/审核评分表.xlsx",
	TitleText: "%d年度市直机关创建模范机关审核评分表",
	Sheet:     "审核评分",
	HeaderRow: 3,
	Columns: Columns{
		{Key: ColUnitNo, Head: "序号", Width: 5},
		{Key: ColUnit, Head: "单位名称", Width: 16, Left: true},
		{Key: ColID, Head: "编号", Width: 8.5},
		{Key: ColText, Head: "考评要点", Width: 56, Left: true},
		{Key: ColMax, Head: "分值", Width: 5},
		{Key: ColSelf, Head: "自评得分", Width: 6},
		{Key: ColEvidence, Head: "完成情况/佐证材料", Width: 48, Left: true},
		{Key: ColReview, Head: "审核得分", Width: 7, Input: true, Score: true},
	},
	AdjustSheet: "加扣分和否决",
	AdjustColumns: Columns{
		{Key: ColUnitNo, Head: "序号", Width: 5},
		{Key: ColUnit, Head: "单位名称", Width: 18, Left: true},
		{Key: ColBonus, Head: "加分", Width: 6, Input: true, Score: true, ScoreMax: MaxAdjust},
		{Key: ColBonusWhy, Head: "加分原因", Width: 26, Left: true, Input: true, Max: MaxReason},
		{Key: ColDeduct, Head: "扣分", Width: 6, Input: true, Score: true, ScoreMax: MaxAdjust},
		{Key: ColDeductWhy, Head: "扣分原因", Width: 26, Left: true, Input: true, Max: MaxReason},
		{Key: ColVeto, Head: "一票否决来源", Width: 12, Input: true, Choices: VetoSources},
		{Key: ColVetoWhy, Head: "否决原因", Width: 26, Left: true, Input: true, Max: MaxReason},
	},
	NotesTitle: "填表说明：",
	Notes: []string{
		"浅黄色单元格为填写区，其余内容已锁定，请勿改动；可用筛选按单位查看。",
		"审核得分填0至本项分值之间的数，最多一位小数；空着表示尚未审核。",
		fmt.Sprintf("“%s”表中每个单位一行：加分、扣分填0至%s之间的数并写明原因；一票否决从下拉列表选择来源（纪检监察、巡视巡察、审计、其他）并写明原因。", "加扣分和否决", MaxAdjust),
		"填好后保存，运行 mofan collect 本文件 收录。",
	},
}

// ParseScore reads a score as a workbook stores or a person types it ("3.5",
// full-width digits accepted). ok is false for anything that is not a finite
// number; oneDecimal is false when it has more than one decimal place (a
// stored 3.3000000000000003 counts as 3.3).
func ParseScore(s string) (t Tenths, ok, oneDecimal bool) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '．':
			return '.'
		case r == '－':
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1e6 {
		return 0, false, false
	}
	return FromFloat(x), true, math.Abs(x*10-math.Round(x*10)) < 1e-6
}

// CheckScore checks a score entered in a Score cell against 0..max and one
// decimal. It returns the score, or a message (without the cell) saying what
// is wrong; what names the column, e.g. 自评得分.
func CheckScore(what, s string, max Tenths) (Tenths, string) {
	t, ok, one := ParseScore(s)
	switch {
	case !ok:
		return 0, fmt.Sprintf("%s“%s”不是数字（请填写 0～%s 之间的数）", what, s, max)
	case !one:
		return 0, fmt.Sprintf("%s %s 最多保留一位小数", what, strings.TrimSpace(s))
	case t < 0 || t > max:
		return 0, fmt.Sprintf("%s %s 超出范围 0～%s", what, strings.TrimSpace(s), max)
	}
	return t, ""
}
