package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"mofan/generator/diag"
)

// Tenths is a score in tenths of a point, so that sums and comparisons are
// exact. Inputs allow at most one decimal place.
type Tenths int

// String formats t as the staff write it: "4", "4.5", "-1.5".
func (t Tenths) String() string {
	if t%10 == 0 {
		return strconv.Itoa(int(t / 10))
	}
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	return fmt.Sprintf("%s%d.%d", sign, t/10, t%10)
}

// Float returns t in points.
func (t Tenths) Float() float64 { return float64(t) / 10 }

// FromFloat rounds a number of points to tenths.
func FromFloat(f float64) Tenths {
	if f < 0 {
		return -FromFloat(-f)
	}
	return Tenths(f*10 + 0.5)
}

// Year is seeds/<year>/year.toml.
type Year struct {
	File   string
	Year   int
	Sample bool // the data are sample data, not a real assessment
	// SamplePos is where sample = true is written, for messages.
	SamplePos diag.Pos
	// Unconfirmed are the values mofan init derived from the previous year
	// that a person has not yet confirmed (year.toml's unconfirmed list).
	Unconfirmed []Confirm
	PlanFile    string // the plan that applies, resolved to a path
	Notice      NoticeInfo
	Forms       FormsInfo
	Max         []Tenths // 分值 of each point, in plan.Points order
	Rule        Rule
	Gongwen     GongwenInfo // the year's other official documents and the notice's wording settings
}

// NoticeInfo is what the yearly commendation notice needs besides its wording.
type NoticeInfo struct {
	Title     string
	Number    string // 发文字号, e.g. 焦直文〔2021〕3号
	Issuer    string // 发文机关标志
	Signature string // 署名
	Addressee string // 主送机关
	Date      time.Time
	CC        string // 抄送
	Printer   string // 印发机关
	PrintDate time.Time
}

// FormsInfo dates the forms sent to the units.
type FormsInfo struct {
	IssueDate time.Time // the day the forms are issued (printed on them)
	Deadline  time.Time // the day they are due back
}

// Rule configures scoring and commendation. See package score for how each is applied.
type Rule struct {
	MinTotal      Tenths  // lowest total that may be commended
	MaxRatio      float64 // at most this share of all units is commended
	BonusCap      Tenths  // bonuses of a unit count up to this in total
	DeductionCap  Tenths  // deductions of a unit count up to this in total
	MissingReview string  // "refuse" (default), "self" or "zero": see MissingRefuse
	BoundaryTies  string  // "exclude": units tied at the quota boundary are all left out; "include": all taken in
}

// Unit is one unit's file, or a placeholder when the file is missing.
type Unit struct {
	File      string // "" when Missing
	No        int    // the unit's number in 附件1
	Name      string
	Missing   bool // no file: blank forms, and the summary marks it
	Sample    bool
	PartyOrg  string       // 党组织名称
	Secretary string       // 党组织书记
	Contact   string       // 联系人
	Phone     string       // 联系电话
	Self      []Assessment // in plan.Points order
	Review    []Review     // in plan.Points order
	Adjust    []Adjustment
	Veto      *Veto
	Pos       map[string]diag.Pos // positions of keys, e.g. "contact", "self.NR-1-1.score"; for later stages' messages
}

// Assessment is the unit's self-assessment of one point.
type Assessment struct {
	Has      bool // a score was entered
	Score    Tenths
	Evidence string // 完成情况/佐证材料
}

// Review is the committee's review score of one point.
type Review struct {
	Has   bool
	Score Tenths
}

// AdjustKind is 加分 or 扣分.
type AdjustKind string

// The kinds of adjustment.
const (
	Bonus     AdjustKind = "加分"
	Deduction AdjustKind = "扣分"
)

// Adjustment is a bonus or a deduction with its reason. Points is positive for both kinds.
type Adjustment struct {
	Kind   AdjustKind
	Points Tenths
	Reason string
	Pos    diag.Pos
}

// VetoSources lists where a veto (一票否决) may come from.
var VetoSources = []string{"纪检监察", "巡视巡察", "审计", "其他"}

// vetoSynonyms maps what clerks call the veto sources to their names in
// VetoSources.
var vetoSynonyms = []struct{ part, source string }{
	{"纪", "纪检监察"}, {"监委", "纪检监察"}, {"监察", "纪检监察"},
	{"巡", "巡视巡察"},
	{"审计", "审计"},
}

// VetoSuggestion returns the veto source (one of VetoSources) meant by s,
// which is none of them: 纪委 → 纪检监察, 巡察 → 巡视巡察, else the nearest
// by spelling (其它 → 其他), or "". Every reader of veto sources (unit
// files, the review workbook) suggests through it.
func VetoSuggestion(s string) string {
	for _, v := range vetoSynonyms {
		if strings.Contains(s, v.part) {
			return v.source
		}
	}
	return diag.Nearest(s, VetoSources, -1)
}

// Veto makes a unit ineligible for commendation.
type Veto struct {
	Source string // one of VetoSources
	Reason string
	Pos    diag.Pos
}

// Inputs is everything one year's build reads besides the plan.
type Inputs struct {
	Dir   string // seeds/<year>
	Year  *Year
	Units []*Unit // one per unit of 附件1, in 附件1 order; Missing ones included
	// Warnings are problems that did not stop the run (e.g. a GBK file decoded).
	Warnings []*diag.Problem
}
