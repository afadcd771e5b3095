package model

import (
	"time"

	"mofan/generator/diag"
)

// GongwenInfo is what year.toml records for the year's official documents
// (公文) besides the commendation notice's own [notice] lines: each
// template's 文号 and 成文日期, the settings of the commendation's wording,
// what the year's process recorded (so that a document claims only what
// happened), the 公示, the contact for the forms, and the seal image.
type GongwenInfo struct {
	// Docs holds [documents.<名称>], by name: the 文号 and 成文日期 of the
	// document made from templates/<名称>.md.
	Docs map[string]DocInfo

	// [notice] settings of the commendation's wording.
	Kind      string // 文种: 通知 (default) or 决定
	Meeting   string // 经<Meeting>研究决定, e.g. 工委会议; "" = 经研究
	Unordered bool   // the list says 排名不分先后
	Dynamic   bool   // 动态管理: the title is withdrawn if problems arise

	// [record]: what the year's assessment did. Empty = not recorded.
	Consulted []string // departments whose opinions were sought (纪检监察、巡视巡察、审计)
	Combined  []string // other assessments combined with the self-assessments

	Publicity Publicity // [publicity]

	Contact string // [contact] name: who answers the units' questions
	Phone   string // [contact] phone

	Seal     string // seal = "…" at the top level, as written
	SealFile string // Seal resolved against the folder of year.toml; "" = no seal image
	SealPNG  []byte // the seal image, read at load time
}

// DocInfo is one [documents.<名称>] table.
type DocInfo struct {
	Number    string    // 发文字号; may be empty (a 公示 has none)
	Date      time.Time // 成文日期
	PrintDate time.Time // 印发日期; the 成文日期 when not given
	ReplyBy   time.Time // the date replies are due (征求意见函), optional
	Pos       diag.Pos  // where the table starts, for messages
}

// Publicity is the 公示 of the proposed list.
type Publicity struct {
	Has         bool // the table is present
	From, To    time.Time
	Phone       string // the telephone for objections
	NoObjection bool   // recorded after the 公示: no objection was raised
}

// DocumentKinds are the 文种 a template may declare.
var DocumentKinds = []string{"通知", "决定", "函", "公示"}
