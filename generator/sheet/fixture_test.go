package sheet

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"mofan/generator/model"
	"mofan/generator/plan"
	"mofan/generator/score"
)

var (
	fixtureOnce sync.Once
	fixturePlan *model.Plan
	fixtureErr  error
)

// testPlan is the real plan of seeds/plan.md.
func testPlan(t testing.TB) *model.Plan {
	t.Helper()
	fixtureOnce.Do(func() { fixturePlan, fixtureErr = plan.Load("../../seeds/plan.md") })
	if fixtureErr != nil {
		t.Fatalf("plan.Load: %v", fixtureErr)
	}
	return fixturePlan
}

// testYear is 2020 with the default 分值: 4 for each 创建内容 and 推进措施
// point, 5 for each 创建成效 point.
func testYear(p *model.Plan) *model.Year {
	y := &model.Year{
		Year: 2020, Sample: true,
		Forms: model.FormsInfo{
			IssueDate: time.Date(2020, 11, 2, 0, 0, 0, 0, time.UTC),
			Deadline:  time.Date(2021, 1, 15, 0, 0, 0, 0, time.UTC),
		},
		Notice: model.NoticeInfo{Number: "焦直文〔2021〕3号"},
		Rule: model.Rule{MinTotal: 900, MaxRatio: 0.3, BonusCap: 50, DeductionCap: 100,
			MissingReview: "self", BoundaryTies: "exclude"},
	}
	for _, pt := range p.Points {
		m := model.Tenths(40)
		if pt.Category == model.Results {
			m = 50
		}
		y.Max = append(y.Max, m)
	}
	return y
}

// Special units of the fixture.
const (
	unitVetoed  = 5  // vetoed by 审计
	unitPartial = 10 // self-assessed only the first half of the points
	unitMissing = 69 // sent no form
)

// testUnits builds all units of the plan with deterministic scores: the
// self-assessment a little above the review, one unit vetoed, one partial,
// one missing, one with a bonus and a deduction.
func testUnits(p *model.Plan, y *model.Year) []*model.Unit {
	var us []*model.Unit
	for _, pu := range p.Units {
		n := pu.No
		u := &model.Unit{No: n, Name: pu.Name, File: fmt.Sprintf("units/%02d-%s.toml", n, pu.Name), Sample: true}
		if n == unitMissing {
			u.Missing, u.File = true, ""
			us = append(us, u)
			continue
		}
		u.PartyOrg = "中共" + pu.Name + "机关委员会"
		u.Secretary, u.Contact, u.Phone = "张三", "李四", fmt.Sprintf("0391-39%05d", n)
		for i := range p.Points {
			m := y.Max[i]
			// Totals of about 88 to 98: some points lose half a point.
			self := m
			if (n+i)%(2+n%6) == 0 {
				self -= 5
			}
			review := self
			if (n+2*i)%(3+n%4) == 0 {
				review -= 5
			}
			a := model.Assessment{Has: true, Score: self, Evidence: fmt.Sprintf("%s第%d项工作已按要求完成，佐证材料见附件%d。", pu.Name, i+1, i+1)}
			if n == unitPartial && i >= len(p.Points)/2 {
				a = model.Assessment{}
			}
			if n == 1 && i == 0 {
				a.Evidence = "党组会议第一议题学习习近平总书记重要讲话和指示批示精神共24次，中心组集体学习12次，" +
					"开展“十种方式”学习，建立党员向党组织报告学习情况制度并执行；青年理论研习组开展研讨6次。" +
					"佐证材料：党组会议记录、中心组学习记录、学习报告登记表、研习组活动照片。"
			}
			u.Self = append(u.Self, a)
			u.Review = append(u.Review, model.Review{Has: i%11 != 7, Score: review})
		}
		if n == 2 {
			u.Adjust = []model.Adjustment{{Kind: model.Bonus, Points: 20, Reason: "获省级表彰"}, {Kind: model.Deduction, Points: 5, Reason: "材料迟报"}}
		}
		if n == unitVetoed {
			u.Veto = &model.Veto{Source: "审计", Reason: "审计发现重大问题"}
		}
		us = append(us, u)
	}
	return us
}

// testResult scores the fixture.
func testResult(p *model.Plan, y *model.Year, us []*model.Unit) *score.Result {
	return score.Compute(p, &model.Inputs{Year: y, Units: us})
}

// fixture is everything a test needs.
type fixture struct {
	p     *model.Plan
	y     *model.Year
	units []*model.Unit
	r     *score.Result
	o     *score.Overall // 2018–2020, the same scores each year
}

func newFixture(t testing.TB) *fixture {
	p := testPlan(t)
	y := testYear(p)
	us := testUnits(p, y)
	r := testResult(p, y, us)
	r1, r2 := *r, *r
	r1.Year, r2.Year = 2018, 2019
	return &fixture{p: p, y: y, units: us, r: r, o: score.ComputeOverall([3]*score.Result{&r1, &r2, r})}
}
