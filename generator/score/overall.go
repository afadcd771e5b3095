package score

import (
	"fmt"
	"mofan/generator/model"
	"slices"
	"strings"
)

// OverallUnit is one unit's three-year evaluation.
type OverallUnit struct {
	Name      string
	No        int             // number in the third year's 附件1
	Totals    [3]model.Tenths // yearly totals; 0 where Has is false
	Has       [3]bool         // the unit reported that year
	Ranks     [3]int          // yearly ranks; 0 where the unit did not report
	Mean      model.Tenths    // rounded half up to tenths; see the package comment
	Vetoed    bool            // vetoed in at least one of the years
	Rank      int             // standard competition rank by Mean
	Commended bool
	Reason    string // why not commended, in Chinese; "" when commended
}

// Overall is the three-year evaluation (三年一总评).
type Overall struct {
	Years  [3]int // 0 for a year without a Result
	Quota  int    // the third year's quota
	Rule   model.Rule
	Units  []OverallUnit // the third year's 附件1 order
	ByRank []int         // indices into Units by rank, then 附件1 order
	// PointsDiffer is true when the years' scoring points differ (a year's
	// own 考评要点.md): the evaluation then compares the yearly totals,
	// which are on the same 100-point scale, never the points themselves.
	PointsDiffer bool
}

// ComputeOverall evaluates three consecutive years, oldest first. The third
// year must have a Result; an earlier year may be nil (left out of the mean).
func ComputeOverall(years [3]*Result) *Overall {
	o := &Overall{}
	last := years[2]
	if last == nil {
		return o
	}
	o.Rule, o.Quota = last.Rule, last.Quota
	present := 0
	for y, r := range years {
		if r != nil {
			o.Years[y] = r.Year
			present++
			if !slices.Equal(r.Points, last.Points) {
				o.PointsDiffer = true
			}
		}
	}
	// Index each year's results by unit name.
	var byName [3]map[string]*UnitResult
	for y, r := range years {
		if r == nil {
			continue
		}
		byName[y] = make(map[string]*UnitResult, len(r.Units))
		for i := range r.Units {
			byName[y][r.Units[i].Unit.Name] = &r.Units[i]
		}
	}
	o.Units = make([]OverallUnit, len(last.Units))
	means := make([]model.Tenths, len(o.Units))
	idx := make([]int, len(o.Units))
	eligible := make([]bool, len(o.Units))
	for i := range last.Units {
		u := &o.Units[i]
		u.Name, u.No = last.Units[i].Unit.Name, last.Units[i].Unit.No
		var sum model.Tenths
		var vetoYears, missingYears []string
		for y := range years {
			if byName[y] == nil {
				continue
			}
			ur, ok := byName[y][u.Name]
			if !ok || !ur.Reported {
				missingYears = append(missingYears, fmt.Sprintf("%d年度", o.Years[y]))
				continue
			}
			u.Has[y], u.Totals[y], u.Ranks[y] = true, ur.Total, ur.Rank
			sum += ur.Total
			if ur.Vetoed {
				u.Vetoed = true
				vetoYears = append(vetoYears, fmt.Sprintf("%d年度", o.Years[y]))
			}
		}
		u.Mean = meanHalfUp(sum, present)
		means[i], idx[i] = u.Mean, i
		switch {
		case u.Vetoed:
			u.Reason = strings.Join(vetoYears, "、") + "被一票否决"
		case u.Mean < last.Rule.MinTotal:
			u.Reason = fmt.Sprintf("三年平均分%s分，低于%s分", u.Mean, last.Rule.MinTotal)
			if len(missingYears) > 0 {
				u.Reason += "（" + strings.Join(missingYears, "、") + "未报送，按0分计）"
			}
		default:
			eligible[i] = true
		}
	}
	order, ranks := rank(idx, means)
	for k, i := range order {
		o.Units[i].Rank = ranks[k]
	}
	o.ByRank = order
	taken, reasons := selectQuota(order, ranks, means, eligible, o.Quota, last.Rule.BoundaryTies)
	for i := range o.Units {
		if taken[i] {
			o.Units[i].Commended = true
		} else if reasons[i] != "" {
			o.Units[i].Reason = reasons[i]
		}
	}
	return o
}

// meanHalfUp returns sum/n rounded half up; sum is never negative.
func meanHalfUp(sum model.Tenths, n int) model.Tenths {
	if n <= 0 {
		return 0
	}
	return (2*sum + model.Tenths(n)) / (2 * model.Tenths(n))
}
