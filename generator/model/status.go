package model

import (
	"fmt"
	"strings"

	"mofan/generator/diag"
)

// Status is a unit's place in the year's cycle, derived from its data alone.
type Status string

// The statuses of a unit, in the order of the cycle.
const (
	// NotReturned (未报送): no self-assessment score at all, neither from a
	// returned form nor in the unit file. A file `mofan init` wrote holds
	// identity only, so it is not a return.
	NotReturned Status = "未报送"
	// Returned (已报回): some self-assessment, the committee's review not complete.
	Returned Status = "已报回"
	// Reviewed (已审核): the committee has a review score for every point.
	Reviewed Status = "已审核"
	// Vetoed (一票否决): a veto is recorded, whatever else the unit has.
	Vetoed Status = "一票否决"
)

// Statuses lists the statuses in their fixed order.
var Statuses = []Status{NotReturned, Returned, Reviewed, Vetoed}

// Status returns the unit's status: 一票否决 when a veto is recorded;
// otherwise 已审核 when every point has a review score; otherwise 已报回 when
// any point has a self-assessment score; otherwise 未报送.
func (u *Unit) Status() Status {
	switch {
	case u.Veto != nil:
		return Vetoed
	case u.ReviewComplete():
		return Reviewed
	case u.HasSelf():
		return Returned
	}
	return NotReturned
}

// HasSelf reports whether any point has a self-assessment score.
func (u *Unit) HasSelf() bool {
	for _, a := range u.Self {
		if a.Has {
			return true
		}
	}
	return false
}

// Reported reports whether the unit has any score at all (self or review):
// only such a unit is scored, ranked and shown with a total.
func (u *Unit) Reported() bool {
	if u.HasSelf() {
		return true
	}
	for _, r := range u.Review {
		if r.Has {
			return true
		}
	}
	return false
}

// ReviewComplete reports whether every point has a review score.
func (u *Unit) ReviewComplete() bool {
	if len(u.Review) == 0 {
		return false
	}
	for _, r := range u.Review {
		if !r.Has {
			return false
		}
	}
	return true
}

// Unreviewed returns the indices (plan.Points order) of the points without a review score.
func (u *Unit) Unreviewed() []int {
	var out []int
	for i, r := range u.Review {
		if !r.Has {
			out = append(out, i)
		}
	}
	return out
}

// The values of Rule.MissingReview.
const (
	// MissingRefuse (the default): a unit whose review is incomplete is
	// scored provisionally on its self-assessment, is not commended, and
	// keeps the official notice from being written (only a draft).
	MissingRefuse = "refuse"
	// MissingSelf: a missing review score takes the self-assessment, and the
	// notice may be written (an explicit choice of the committee).
	MissingSelf = "self"
	// MissingZero: a missing review score counts 0.
	MissingZero = "zero"
)

// Gap is one reason why an official document (the commendation notice, the
// three-year evaluation) cannot be written from the data as they stand.
type Gap struct {
	Pos  diag.Pos
	Unit string // the unit's name; "" for a gap of the year as a whole
	// Sample is set on the gap of sample data: not a problem to fix, so
	// check and build state it once instead of warning.
	Sample bool
	Msg    string
	Hint   string
}

// Problem returns the gap as a warning.
func (g Gap) Problem() *diag.Problem {
	return &diag.Problem{Pos: g.Pos, Severity: diag.Warning, Msg: g.Msg, Hint: g.Hint}
}

// OfficialGaps lists everything that keeps the year's official documents from
// being written, in a fixed order: sample data; values of year.toml not yet
// confirmed (Year.Unconfirmed); then, per unit in 附件1 order, a unit that
// could be commended (returned, not vetoed) whose review is incomplete —
// unless Rule.MissingReview is "self" or "zero", the committee's explicit
// choice to score missing reviews otherwise. Points names the points, for the
// messages. No gaps: the documents are official; otherwise only a draft,
// marked 草稿, may be written.
func OfficialGaps(in *Inputs, points []Point) []Gap {
	var out []Gap
	y := in.Year
	if y == nil {
		return nil
	}
	at := diag.Pos{File: y.File}
	if y.Sample {
		out = append(out, Gap{Pos: or(y.SamplePos, at), Sample: true, Msg: fmt.Sprintf("%d 年度是示例数据（sample = true），表彰通知只能生成草稿", y.Year),
			Hint: "真实年度用 mofan init 生成，不带 sample 标记"})
	}
	for _, c := range y.Unconfirmed {
		out = append(out, Gap{Pos: or(c.Pos, at), Msg: fmt.Sprintf("【请核对】%s“%s”是按上一年度推算的，尚未核对", c.What, c.Value),
			Hint: fmt.Sprintf("核对无误后删去 year.toml 的 unconfirmed 中 \"%s\" 这一行", c.Key)})
	}
	refuse := y.Rule.MissingReview != MissingSelf && y.Rule.MissingReview != MissingZero
	for _, u := range in.Units {
		if !refuse || u.Status() != Returned {
			continue
		}
		missing := u.Unreviewed()
		var ids []string
		for _, i := range missing {
			if i < len(points) {
				ids = append(ids, points[i].ID)
			}
		}
		list := strings.Join(ids, "、")
		if len(ids) > 6 {
			list = strings.Join(ids[:6], "、") + "等"
		}
		out = append(out, Gap{Pos: diag.Pos{File: u.File}, Unit: u.Name,
			Msg:  fmt.Sprintf("“%s”已报回自评，审核未完成：%d 个考评要点缺审核分（%s）", u.Name, len(missing), list),
			Hint: "在单位文件的 [review] 中补齐审核分"})
	}
	return out
}

// Confirm is one value of year.toml that mofan init derived from the
// previous year and a person must confirm (the 【请核对】 items).
type Confirm struct {
	Key   string // e.g. notice.number
	What  string // e.g. 发文字号
	Value string // as it stands, e.g. 焦直文〔2024〕9号
	Pos   diag.Pos
}

// or returns p, or at when p has no file.
func or(p, at diag.Pos) diag.Pos {
	if p.File == "" {
		return at
	}
	return p
}
