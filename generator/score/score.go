// Package score scores the units of one year and decides who is commended,
// and evaluates three years together (三年一总评). It is pure: the same plan
// and inputs always give the same Result, and nothing in a Result depends on
// map iteration order. Every number a year may change comes from
// seeds/<year>/year.toml (model.Year.Max and model.Rule); nothing is
// hard-coded here.
//
// # A year (Compute)
//
// Status. Every unit has its status (model.Unit.Status: 未报送, 已报回,
// 已审核, 一票否决), derived from its data. A unit with no score at all
// (nothing returned, nothing reviewed) is not scored: it has no total and no
// rank, and is never shown as 0 分.
//
// Points. The 分值 (Max) of point i is Year.Max[i], in plan.Points order. The
// final score of a point is the committee's review score (审核分). When the
// review score is missing, Rule.MissingReview decides: "refuse" (the default)
// and "self" take the unit's self-assessment (PointScore.FromSelf is set; with
// no self-assessment either, the point counts 0); "zero" counts 0. Under
// "refuse" such a unit's total is provisional (UnitResult.Provisional) and it
// is not commended: only a complete review commends. Scores are taken as
// loaded: package input has already checked them against 0..分值.
//
// Base, bonus, deduction, total. Base is the sum of the final point scores.
// Bonuses (加分) are summed and counted up to Rule.BonusCap, deductions (扣分)
// summed and counted up to Rule.DeductionCap; a negative cap means no cap
// (input never produces one). Total = Base + Bonus − Deduction, and never
// below 0.
//
// Rank. Units are ranked by Total, highest first, with standard competition
// ranking: equal totals share a rank and the next rank skips (1, 2, 2, 4).
// Vetoed units are ranked with the rest, so that the summary shows where they
// stood; the veto only takes away eligibility, and ranks are not recomputed
// without them. A unit that has not reported (未报送: no file, or a file
// with no score) has no scores and Rank 0; it comes last in ByRank.
//
// Quota. Quota = ⌊Rule.MaxRatio × N⌋, N being the number of units in 附件1,
// missing ones included (the share is of all units in the campaign). The
// ratio is taken as the decimal written in year.toml (its shortest decimal
// form), so the product is exact: 70 × 0.3 = 21, 71 × 0.3 = 21.3 → 21,
// 0 units → 0. The quota never exceeds N and is never negative.
//
// Commendation. A unit is eligible when it has reported, is not vetoed
// (一票否决 from 纪检监察、巡视巡察、审计 or 其他), its total is not
// provisional and its Total is at least Rule.MinTotal. The eligible are taken by rank, one group of equal totals at a
// time, while the whole group fits in the quota. When a group straddles the
// quota boundary (taking it all would exceed the quota), Rule.BoundaryTies
// decides: "include" takes the whole group in, so more than Quota units are
// commended; any other value ("exclude") leaves the whole group out, so fewer
// than Quota units may be commended. Either way no unit ranked below that
// group is taken.
//
// Reasons. A unit that is not commended gets one reason, the first that
// applies: "一票否决（来源）：理由"; "未报送"; "审核未完成"; "总分X分，低于Y分";
// "名额已满（同分并列超出名额）" for a tied group left out at the boundary;
// "名额已满（第R名，名额Q个）" for the rest.
//
// Order. Result.Units is in 附件1 order. Result.Commended lists the commended
// in 附件1 order, the order in which the notice's list names them: a
// commendation list is a roll of honour in the committee's fixed order of
// organs, not a league table, and it does not print scores or ranks.
//
// # Three years (ComputeOverall)
//
// The units are those of the third year's 附件1, in its order, matched to
// the earlier years by name; a unit that has left the campaign is not
// evaluated. For each year the unit's Total and Rank are kept side by side.
// Mean is the sum of the yearly totals divided by the number of years that
// have results, rounded half up to tenths; a year the unit did not report
// (missing file, or no entry for the unit that year) counts 0, while a year
// with no Result at all (nil) is left out of the sum and of the divisor for
// every unit. The printed Mean is what counts: the overall rank (standard
// competition ranking, every unit ranked) and the threshold use the rounded
// Mean. A veto in any of the years disqualifies. Eligible = no veto in the
// period and Mean ≥ the third year's Rule.MinTotal; the eligible are taken by
// overall rank within the third year's Quota, with the third year's
// Rule.BoundaryTies deciding ties at the boundary exactly as for one year.
package score

import (
	"fmt"
	"math/big"
	"mofan/generator/model"
	"sort"
	"strconv"
)

// PointScore is one unit's scores on one point.
type PointScore struct {
	Max, Self, Review, Final model.Tenths
	HasSelf, HasReview       bool
	// FromSelf tells that Final was taken from the self-assessment because the
	// review score is missing (Rule.MissingReview "refuse" or "self").
	FromSelf bool
}

// UnitResult is one unit's result for the year.
type UnitResult struct {
	Unit   *model.Unit
	Status model.Status // the unit's place in the cycle
	// Reported is false for a unit with no score at all: it has no total,
	// no rank, and is shown as 未报送, never as 0 分.
	Reported bool
	// Provisional is true when review scores are missing and
	// Rule.MissingReview is "refuse": the total stands in for the final one,
	// and the unit is not commended.
	Provisional bool

	Points    []PointScore // plan.Points order
	SelfTotal model.Tenths // sum of the self-assessment scores entered
	// ReviewTotal is the sum of the review scores entered, over Reviewed points.
	ReviewTotal model.Tenths
	Reviewed    int
	Base        model.Tenths // sum of Final
	Bonus       model.Tenths // after the cap
	Deduction   model.Tenths // after the cap (a positive number)
	Total       model.Tenths // Base + Bonus − Deduction, at least 0
	// Rank is the 1-based standard competition rank by Total (1, 2, 2, 4);
	// vetoed units are ranked, missing units have Rank 0.
	Rank      int
	Vetoed    bool
	Commended bool
	Reason    string // why not commended, in Chinese; "" when commended
}

// Result is the scoring of one year.
type Result struct {
	Points    []string // the ids of the year's points, in order
	Year      int
	Rule      model.Rule
	Quota     int          // ⌊MaxRatio × number of units⌋: the most that may be commended (BoundaryTies "include" may exceed it)
	Units     []UnitResult // 附件1 order
	ByRank    []int        // indices into Units: ranked units by rank then 附件1 order, then missing units in 附件1 order
	Commended []int        // indices into Units of the commended, in 附件1 order (the notice's order)
}

// boundaryTiesInclude is the value of Rule.BoundaryTies that takes a tied
// group in at the boundary; any other value means "exclude". (The values of
// Rule.MissingReview are model.MissingRefuse, MissingSelf and MissingZero; an
// unknown one acts as "refuse".)
const boundaryTiesInclude = "include"

// Compute scores every unit of in against the plan's points and decides the
// commendations. It never fails: input has validated the data.
func Compute(p *model.Plan, in *model.Inputs) *Result {
	y := in.Year
	if y == nil {
		y = &model.Year{}
	}
	r := &Result{Year: y.Year, Rule: y.Rule, Quota: Quota(len(in.Units), y.Rule.MaxRatio)}
	npoints := len(y.Max)
	if p != nil {
		npoints = len(p.Points)
		for _, pt := range p.Points {
			r.Points = append(r.Points, pt.ID)
		}
	}
	r.Units = make([]UnitResult, len(in.Units))
	for i, u := range in.Units {
		r.Units[i] = scoreUnit(u, y, npoints)
	}

	// Rank the units that reported; missing units stay at Rank 0.
	var ranked []int
	for i := range r.Units {
		if r.Units[i].Reported {
			ranked = append(ranked, i)
		}
	}
	totals := make([]model.Tenths, len(r.Units))
	for i := range r.Units {
		totals[i] = r.Units[i].Total
	}
	order, ranks := rank(ranked, totals)
	for k, i := range order {
		r.Units[i].Rank = ranks[k]
	}
	r.ByRank = order
	for i := range r.Units {
		if !r.Units[i].Reported {
			r.ByRank = append(r.ByRank, i)
		}
	}

	// Eligibility, then the quota.
	eligible := make([]bool, len(r.Units))
	for _, i := range order {
		u := &r.Units[i]
		switch {
		case u.Vetoed:
			u.Reason = vetoReason(u.Unit.Veto)
		case u.Provisional:
			u.Reason = "审核未完成"
		case u.Total < y.Rule.MinTotal:
			u.Reason = fmt.Sprintf("总分%s分，低于%s分", u.Total, y.Rule.MinTotal)
		default:
			eligible[i] = true
		}
	}
	for i := range r.Units {
		switch u := &r.Units[i]; {
		case u.Reported:
		case u.Vetoed:
			u.Reason = vetoReason(u.Unit.Veto)
		default:
			u.Reason = "未报送"
		}
	}
	taken, reasons := selectQuota(order, ranks, totals, eligible, r.Quota, y.Rule.BoundaryTies)
	for i := range r.Units {
		if taken[i] {
			r.Units[i].Commended = true
			r.Commended = append(r.Commended, i)
		} else if reasons[i] != "" {
			r.Units[i].Reason = reasons[i]
		}
	}
	return r
}

// scoreUnit computes one unit's points, base, capped adjustments and total.
func scoreUnit(u *model.Unit, y *model.Year, npoints int) UnitResult {
	res := UnitResult{Unit: u, Status: u.Status(), Reported: u.Reported(), Vetoed: u.Veto != nil, Points: make([]PointScore, npoints)}
	for i := range res.Points {
		ps := &res.Points[i]
		if i < len(y.Max) {
			ps.Max = y.Max[i]
		}
		if !res.Reported {
			continue
		}
		if i < len(u.Self) && u.Self[i].Has {
			ps.HasSelf, ps.Self = true, u.Self[i].Score
			res.SelfTotal += ps.Self
		}
		if i < len(u.Review) && u.Review[i].Has {
			ps.HasReview, ps.Review = true, u.Review[i].Score
			res.ReviewTotal += ps.Review
			res.Reviewed++
		}
		switch {
		case ps.HasReview:
			ps.Final = ps.Review
		case y.Rule.MissingReview == model.MissingZero:
		case ps.HasSelf:
			ps.Final, ps.FromSelf = ps.Self, true
		}
		if !ps.HasReview && y.Rule.MissingReview != model.MissingSelf && y.Rule.MissingReview != model.MissingZero {
			res.Provisional = true
		}
		res.Base += ps.Final
	}
	if !res.Reported {
		return res
	}
	var bonus, deduction model.Tenths
	for _, a := range u.Adjust {
		switch a.Kind {
		case model.Bonus:
			bonus += a.Points
		case model.Deduction:
			deduction += a.Points
		}
	}
	res.Bonus = capAt(bonus, y.Rule.BonusCap)
	res.Deduction = capAt(deduction, y.Rule.DeductionCap)
	res.Total = max(res.Base+res.Bonus-res.Deduction, 0)
	return res
}

// capAt limits v to limit; a negative limit means no limit.
func capAt(v, limit model.Tenths) model.Tenths {
	if limit >= 0 && v > limit {
		return limit
	}
	return v
}

func vetoReason(v *model.Veto) string {
	src := v.Source
	if src == "" {
		src = "其他"
	}
	if v.Reason == "" {
		return "一票否决（" + src + "）"
	}
	return "一票否决（" + src + "）：" + v.Reason
}

// Quota returns ⌊ratio × n⌋, computed exactly from the ratio's shortest
// decimal form (so 0.3 × 70 is 21, not 20), clamped to 0..n.
func Quota(n int, ratio float64) int {
	if n <= 0 || !(ratio > 0) {
		return 0
	}
	if ratio >= 1 {
		return n
	}
	q, ok := new(big.Rat).SetString(strconv.FormatFloat(ratio, 'f', -1, 64))
	if !ok {
		return 0
	}
	q.Mul(q, new(big.Rat).SetInt64(int64(n)))
	// Rat is normalised with a positive denominator: floor = Quo for non-negative values.
	f := new(big.Int).Quo(q.Num(), q.Denom())
	return min(int(f.Int64()), n)
}

// rank sorts the indices idx by value, highest first, ties in index order,
// and returns them with their standard competition ranks.
func rank(idx []int, value []model.Tenths) (order, ranks []int) {
	order = append([]int(nil), idx...)
	sort.SliceStable(order, func(a, b int) bool {
		va, vb := value[order[a]], value[order[b]]
		if va != vb {
			return va > vb
		}
		return order[a] < order[b]
	})
	ranks = make([]int, len(order))
	for k := range order {
		if k > 0 && value[order[k]] == value[order[k-1]] {
			ranks[k] = ranks[k-1]
		} else {
			ranks[k] = k + 1
		}
	}
	return order, ranks
}

// selectQuota walks the ranked indices (order, with their ranks) and takes the
// eligible ones group by group of equal value while the group fits in quota;
// a group that straddles the boundary is taken whole (ties "include") or left
// out whole (otherwise), and nothing below it is taken. It returns, indexed
// like value, who is taken and, for eligible units left out, the reason.
func selectQuota(order, ranks []int, value []model.Tenths, eligible []bool, quota int, ties string) (taken []bool, reasons []string) {
	taken = make([]bool, len(value))
	reasons = make([]string, len(value))
	count, closed := 0, false
	for k := 0; k < len(order); {
		// The group of equal value starting at k.
		end := k + 1
		for end < len(order) && value[order[end]] == value[order[k]] {
			end++
		}
		var group []int
		for _, i := range order[k:end] {
			if eligible[i] {
				group = append(group, i)
			}
		}
		switch {
		case len(group) == 0:
		case !closed && count+len(group) <= quota:
			for _, i := range group {
				taken[i] = true
			}
			count += len(group)
		case !closed && count < quota && ties == boundaryTiesInclude:
			for _, i := range group {
				taken[i] = true
			}
			count += len(group)
			closed = true
		case !closed && count < quota:
			for _, i := range group {
				reasons[i] = "名额已满（同分并列超出名额）"
			}
			closed = true
		default:
			closed = true
			for _, i := range group {
				reasons[i] = fmt.Sprintf("名额已满（第%d名，名额%d个）", ranks[k], quota)
			}
		}
		k = end
	}
	return taken, reasons
}
