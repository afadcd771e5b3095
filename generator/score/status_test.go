package score

import (
	"testing"

	"mofan/generator/model"
)

// TestStatusAware: a unit with a file but no score (what mofan init writes)
// is 未报送 like a missing file: no total, no rank, never 0 分; a unit
// whose review is incomplete is provisional under the default rule and not
// commended, and "self" and "zero" decide otherwise when chosen.
func TestStatusAware(t *testing.T) {
	initFile := &model.Unit{No: 2, Name: "单位02", File: "units/02.toml",
		Self: make([]model.Assessment, 3), Review: make([]model.Review, 3)}
	half := unit(3, 1000)
	half.Review[2] = model.Review{} // CX-1 (20) not reviewed; self 20
	vetoedSilent := &model.Unit{No: 4, Name: "单位04", File: "units/04.toml",
		Self: make([]model.Assessment, 3), Review: make([]model.Review, 3), Veto: &model.Veto{Source: "审计", Reason: "问题"}}
	for _, c := range []struct {
		mode        string
		halfTotal   model.Tenths
		halfReason  string
		provisional bool
	}{
		{model.MissingRefuse, 1000, "审核未完成", true},
		{"", 1000, "审核未完成", true}, // an unset rule refuses
		{model.MissingSelf, 1000, "", false},
		{model.MissingZero, 800, "总分80分，低于90分", false},
	} {
		rule := testRule()
		rule.MissingReview = c.mode
		rule.MaxRatio = 1
		r := Compute(testPlan(), inputs(rule, unit(1, 950), initFile, half, vetoedSilent, missing(5)))
		u1, u2, u3, u4, u5 := r.Units[0], r.Units[1], r.Units[2], r.Units[3], r.Units[4]
		if u1.Status != model.Reviewed || u1.Rank == 0 || !u1.Commended {
			t.Errorf("%q: reviewed unit %+v", c.mode, u1)
		}
		for _, u := range []UnitResult{u2, u5} {
			if u.Status != model.NotReturned || u.Reported || u.Rank != 0 || u.Reason != "未报送" || u.Commended {
				t.Errorf("%q: %s: status %s reported %v rank %d reason %q", c.mode, u.Unit.Name, u.Status, u.Reported, u.Rank, u.Reason)
			}
		}
		if u3.Status != model.Returned || u3.Total != c.halfTotal || u3.Provisional != c.provisional || u3.Reason != c.halfReason {
			t.Errorf("%q: half-reviewed unit: status %s total %s provisional %v reason %q", c.mode, u3.Status, u3.Total, u3.Provisional, u3.Reason)
		}
		if c.halfReason == "" && !u3.Commended {
			t.Errorf("%q: half-reviewed unit not commended: %q", c.mode, u3.Reason)
		}
		if u4.Status != model.Vetoed || u4.Reported || u4.Rank != 0 || u4.Reason != "一票否决（审计）：问题" {
			t.Errorf("%q: vetoed unit that sent nothing: %+v", c.mode, u4)
		}
		if n := len(r.ByRank); n != 5 || r.ByRank[2] != 1 || r.ByRank[3] != 3 || r.ByRank[4] != 4 {
			t.Errorf("%q: by rank %v: units that have not reported come last in 附件1 order", c.mode, r.ByRank)
		}
		if u3.SelfTotal != 1000 || u3.ReviewTotal != 800 || u3.Reviewed != 2 {
			t.Errorf("%q: self %s review %s over %d points", c.mode, u3.SelfTotal, u3.ReviewTotal, u3.Reviewed)
		}
	}
}

// TestOverallPointsDiffer: years with different scoring points are compared
// by their totals, and the evaluation says so.
func TestOverallPointsDiffer(t *testing.T) {
	p := testPlan()
	in := inputs(testRule(), unit(1, 950), unit(2, 900))
	a, b, c := Compute(p, in), Compute(p, in), Compute(p, in)
	if o := ComputeOverall([3]*Result{a, b, c}); o.PointsDiffer {
		t.Error("the same points reported as different")
	}
	q := *p
	q.Points = append([]model.Point{{ID: "NR-1-2", Category: model.Content, GroupNo: 1, No: 2}}, p.Points[1:]...)
	b = Compute(&q, in)
	o := ComputeOverall([3]*Result{a, b, c})
	if !o.PointsDiffer || o.Units[0].Mean != 950 || o.Units[1].Mean != 900 {
		t.Errorf("different points: differ %v, means %s %s", o.PointsDiffer, o.Units[0].Mean, o.Units[1].Mean)
	}
}
