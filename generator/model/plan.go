package model

import (
	"time"

	"mofan/generator/diag"
)

// Category is the 类型 of a scoring point.
type Category string

// The three categories of 附件2.
const (
	Content  Category = "创建内容"
	Measures Category = "推进措施"
	Results  Category = "创建成效"
)

// Categories lists the categories in the order of 附件2.
var Categories = []Category{Content, Measures, Results}

// Plan is the implementation plan as data.
type Plan struct {
	Source      string
	Notice      Notice
	Program     Program
	Attachments []Attachment // the programme's 附件说明, checked against the attachments present
	UnitsTitle  string       // 附件1 title
	UnitsNote   string       // e.g. （共70家）
	Units       []UnitEntry
	PointsTitle string // 附件2 title
	Points      []Point
}

// Notice is the covering 通知 that issued the programme.
type Notice struct {
	Issuer    string // 发文机关标志
	Number    string // 发文字号
	Title     string
	Addressee string    // 主送机关, without the final colon
	Signature string    // 署名
	Date      string    // 成文日期 as written, e.g. 2020年10月15日
	Issued    time.Time // the 成文日期 as a day (the adapter refuses a date it cannot read)
	Body      []Text
}

// Text is a paragraph or a line with its source position.
type Text struct {
	Text string
	Pos  diag.Pos
}

// Program is the 实施方案 itself.
type Program struct {
	Title      string
	Blocks     []Block // the whole text in order, for typesetting
	Principles []Item  // 二、创建原则: the five 坚持…
	Goal       Text    // 三: the 目标要求 paragraph
	Standards  []Item  // 三: the five standards, Name = 政治忠诚 …
	Sections   []Section
	Measures   []Item // 五、推进措施 (一)…(四)
}

// Block is one heading or paragraph of the programme.
type Block struct {
	Level int // 0 paragraph, 1 "一、" heading, 2 "（一）" heading
	Text  string
	Pos   diag.Pos
}

// Item is a named paragraph: its run-in heading (Name) and the rest (Text).
type Item struct {
	No   int
	Name string
	Text string
	Pos  diag.Pos
}

// Section is one of the five 创建内容 sections of part 四.
type Section struct {
	No    int
	Title string
	Items []Item
	Pos   diag.Pos
}

// Attachment is one entry of the programme's 附件说明.
type Attachment struct {
	No    int
	Title string
	Pos   diag.Pos
}

// UnitEntry is one unit of 附件1: its number and name as the plan lists them.
type UnitEntry struct {
	No   int
	Name string
	Pos  diag.Pos
}

// Point is one scoring point (考评要点) of 附件2.
type Point struct {
	ID       string // stable: NR-<group>-<n>, CS-<n>, CX-<n>
	Category Category
	GroupNo  int    // 1..5 for 创建内容, 0 otherwise
	Group    string // the 考评内容 of 创建内容, e.g. （一）理论武装强信念，建设政治忠诚的模范机关
	No       int
	Text     string // as printed, with its number, e.g. 1.党组（党委）会议…
	Note     string // 备注
	Pos      diag.Pos
}

// Point returns the point with the given id, or nil.
func (p *Plan) Point(id string) *Point {
	for i := range p.Points {
		if p.Points[i].ID == id {
			return &p.Points[i]
		}
	}
	return nil
}

// Unit returns the unit with the given name, or nil.
func (p *Plan) Unit(name string) *UnitEntry {
	for i := range p.Units {
		if p.Units[i].Name == name {
			return &p.Units[i]
		}
	}
	return nil
}
