package score

import (
	"fmt"
	"mofan/generator/model"
	"reflect"
	"testing"
)

// testPlan has three points of 分值 40, 40 and 20.
func testPlan() *model.Plan {
	return &model.Plan{Points: []model.Point{
		{ID: "NR-1-1", Category: model.Content, GroupNo: 1, No: 1},
		{ID: "CS-1", Category: model.Measures, No: 1},
		{ID: "CX-1", Category: model.Results, No: 1},
	}}
}

func testRule() model.Rule {
	return model.Rule{MinTotal: 900, MaxRatio: 0.3, BonusCap: 50, DeductionCap: 100,
		MissingReview: "self", BoundaryTies: "exclude"}
}

// unit builds a unit whose review scores make the given total (in tenths):
// the total is spread over the three points; self-assessments equal reviews.
func unit(no int, total model.Tenths) *model.Unit {
	u := &model.Unit{No: no, Name: fmt.Sprintf("单位%02d", no), File: fmt.Sprintf("units/%02d.toml", no)}
	parts := []model.Tenths{min(total, 400), min(max(total-400, 0), 400), max(total-800, 0)}
	for _, s := range parts {
		u.Self = append(u.Self, model.Assessment{Has: true, Score: s})
		u.Review = append(u.Review, model.Review{Has: true, Score: s})
	}
	return u
}

func missing(no int) *model.Unit {
	return &model.Unit{No: no, Name: fmt.Sprintf("单位%02d", no), Missing: true}
}

func inputs(rule model.Rule, units ...*model.Unit) *model.Inputs {
	return &model.Inputs{
		Year:  &model.Year{Year: 2020, Max: []model.Tenths{400, 400, 200}, Rule: rule},
		Units: units,
	}
}

// units makes n units with the given totals; more totals than n is an error.
func unitsWithTotals(totals ...model.Tenths) []*model.Unit {
	var us []*model.Unit
	for i, t := range totals {
		us = append(us, unit(i+1, t))
	}
	return us
}

func TestQuota(t *testing.T) {
	tests := []struct {
		n     int
		ratio float64
		want  int
	}{
		{70, 0.3, 21},
		{71, 0.3, 21}, // 21.3 → 21
		{0, 0.3, 0},
		{10, 0.3, 3},
		{100, 0.29, 29}, // 0.29 × 100 is 28.999… in floating point
		{10, 0.7, 7},
		{3, 0.3, 0}, // 0.9 → 0
		{5, 1, 5},
		{5, 1.5, 5},
		{5, 0, 0},
		{5, -0.1, 0},
	}
	for _, tt := range tests {
		if got := Quota(tt.n, tt.ratio); got != tt.want {
			t.Errorf("Quota(%d, %v) = %d, want %d", tt.n, tt.ratio, got, tt.want)
		}
	}
}

func TestComputeQuotaFromUnits(t *testing.T) {
	for _, n := range []int{0, 70, 71} {
		var us []*model.Unit
		for i := range n {
			us = append(us, unit(i+1, 950))
		}
		r := Compute(testPlan(), inputs(testRule(), us...))
		want := map[int]int{0: 0, 70: 21, 71: 21}[n]
		if r.Quota != want {
			t.Errorf("%d units: Quota = %d, want %d", n, r.Quota, want)
		}
	}
}

func TestRanks(t *testing.T) {
	rule := testRule()
	rule.MaxRatio = 1
	r := Compute(testPlan(), inputs(rule, unitsWithTotals(900, 950, 950, 980, 900, 850)...))
	var ranks []int
	for _, u := range r.Units {
		ranks = append(ranks, u.Rank)
	}
	if want := []int{4, 2, 2, 1, 4, 6}; !reflect.DeepEqual(ranks, want) {
		t.Errorf("ranks = %v, want %v", ranks, want)
	}
	if want := []int{3, 1, 2, 0, 4, 5}; !reflect.DeepEqual(r.ByRank, want) {
		t.Errorf("ByRank = %v, want %v", r.ByRank, want)
	}
}

// commended returns the 1-based 附件1 numbers of the commended units.
func commended(r *Result) []int {
	var out []int
	for _, i := range r.Commended {
		out = append(out, r.Units[i].Unit.No)
	}
	return out
}

func TestCommendation(t *testing.T) {
	tests := []struct {
		name    string
		rule    func(*model.Rule)
		totals  []model.Tenths
		want    []int // 附件1 numbers commended, in 附件1 order
		reasons map[int]string
	}{
		{
			name:   "quota of 3 out of 10, threshold",
			totals: []model.Tenths{950, 960, 890, 970, 940, 930, 800, 700, 600, 500},
			want:   []int{1, 2, 4},
			reasons: map[int]string{
				3: "总分89分，低于90分",
				5: "名额已满（第4名，名额3个）",
				6: "名额已满（第5名，名额3个）",
				7: "总分80分，低于90分",
			},
		},
		{
			name:   "ties inside the quota are all taken",
			totals: []model.Tenths{950, 950, 940, 700, 700, 700, 700, 700, 700, 700},
			want:   []int{1, 2, 3},
		},
		{
			name:    "ties at the boundary, exclude",
			totals:  []model.Tenths{990, 950, 950, 950, 700, 700, 700, 700, 700, 700},
			want:    []int{1},
			reasons: map[int]string{2: "名额已满（同分并列超出名额）", 3: "名额已满（同分并列超出名额）", 4: "名额已满（同分并列超出名额）"},
		},
		{
			name:   "ties at the boundary, include",
			rule:   func(r *model.Rule) { r.BoundaryTies = "include" },
			totals: []model.Tenths{990, 950, 950, 950, 945, 700, 700, 700, 700, 700},
			want:   []int{1, 2, 3, 4},
			reasons: map[int]string{
				5: "名额已满（第5名，名额3个）",
			},
		},
		{
			name:    "boundary exclude leaves nobody below the tied group in",
			totals:  []model.Tenths{990, 980, 950, 950, 940, 700, 700, 700, 700, 700},
			want:    []int{1, 2},
			reasons: map[int]string{3: "名额已满（同分并列超出名额）", 5: "名额已满（第5名，名额3个）"},
		},
		{
			name:    "a tie that ends exactly at the quota is taken",
			totals:  []model.Tenths{990, 950, 950, 940, 700, 700, 700, 700, 700, 700},
			want:    []int{1, 2, 3},
			reasons: map[int]string{4: "名额已满（第4名，名额3个）"},
		},
		{
			name:    "threshold is inclusive",
			totals:  []model.Tenths{900, 899, 700, 700, 700, 700, 700, 700, 700, 700},
			want:    []int{1},
			reasons: map[int]string{2: "总分89.9分，低于90分"},
		},
		{
			name:   "quota 0",
			rule:   func(r *model.Rule) { r.MaxRatio = 0.05 },
			totals: []model.Tenths{990, 700, 700, 700, 700, 700, 700, 700, 700, 700},
			want:   nil,
			reasons: map[int]string{
				1: "名额已满（第1名，名额0个）",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rule := testRule()
			if tt.rule != nil {
				tt.rule(&rule)
			}
			r := Compute(testPlan(), inputs(rule, unitsWithTotals(tt.totals...)...))
			if got := commended(r); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("commended = %v, want %v", got, tt.want)
			}
			for _, u := range r.Units {
				if u.Commended != (u.Reason == "") {
					t.Errorf("unit %d: Commended %v with reason %q", u.Unit.No, u.Commended, u.Reason)
				}
				if want, ok := tt.reasons[u.Unit.No]; ok && u.Reason != want {
					t.Errorf("unit %d: reason %q, want %q", u.Unit.No, u.Reason, want)
				}
			}
		})
	}
}

func TestVeto(t *testing.T) {
	us := unitsWithTotals(990, 980, 970, 960, 700, 700, 700, 700, 700, 700)
	us[0].Veto = &model.Veto{Source: "纪检监察", Reason: "班子成员受到党纪处分"}
	us[2].Veto = &model.Veto{Source: "审计"}
	r := Compute(testPlan(), inputs(testRule(), us...))
	if got, want := commended(r), []int{2, 4}; !reflect.DeepEqual(got, want) {
		t.Errorf("commended = %v, want %v", got, want)
	}
	u := r.Units[0]
	if !u.Vetoed || u.Commended || u.Rank != 1 || u.Reason != "一票否决（纪检监察）：班子成员受到党纪处分" {
		t.Errorf("vetoed unit: %+v", u)
	}
	if u := r.Units[2]; u.Reason != "一票否决（审计）" || u.Rank != 3 {
		t.Errorf("vetoed unit without reason: rank %d, %q", u.Rank, u.Reason)
	}
	// The next eligible unit below a quota-filling group is still cut off by rank, not by veto.
	if u := r.Units[4]; u.Reason != "总分70分，低于90分" {
		t.Errorf("unit 5: %q", u.Reason)
	}
}

func TestVetoedTieDoesNotCountAtBoundary(t *testing.T) {
	// Units 2 and 3 tie at the boundary, but 3 is vetoed: 2 alone fits.
	us := unitsWithTotals(990, 950, 950, 940, 700, 700, 700, 700, 700, 700)
	us[2].Veto = &model.Veto{Source: "巡视巡察", Reason: "整改不力"}
	rule := testRule()
	rule.MaxRatio = 0.2 // quota 2
	r := Compute(testPlan(), inputs(rule, us...))
	if got, want := commended(r), []int{1, 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("commended = %v, want %v", got, want)
	}
}

func TestCaps(t *testing.T) {
	tests := []struct {
		name                  string
		adjust                []model.Adjustment
		bonusCap, dedCap      model.Tenths
		bonus, deduction, tot model.Tenths
	}{
		{"under the caps", []model.Adjustment{{Kind: model.Bonus, Points: 20}, {Kind: model.Deduction, Points: 10}}, 50, 100, 20, 10, 910},
		{"bonuses summed and capped", []model.Adjustment{{Kind: model.Bonus, Points: 30}, {Kind: model.Bonus, Points: 30}}, 50, 100, 50, 0, 950},
		{"deductions summed and capped", []model.Adjustment{{Kind: model.Deduction, Points: 80}, {Kind: model.Deduction, Points: 80}}, 50, 100, 0, 100, 800},
		{"zero cap counts nothing", []model.Adjustment{{Kind: model.Bonus, Points: 30}}, 0, 100, 0, 0, 900},
		{"negative cap is no cap", []model.Adjustment{{Kind: model.Bonus, Points: 300}}, -1, 100, 300, 0, 1200},
		{"total never below zero", []model.Adjustment{{Kind: model.Deduction, Points: 2000}}, 50, -1, 0, 2000, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := unit(1, 900)
			u.Adjust = tt.adjust
			rule := testRule()
			rule.BonusCap, rule.DeductionCap = tt.bonusCap, tt.dedCap
			r := Compute(testPlan(), inputs(rule, u))
			got := r.Units[0]
			if got.Base != 900 || got.Bonus != tt.bonus || got.Deduction != tt.deduction || got.Total != tt.tot {
				t.Errorf("base %v bonus %v deduction %v total %v, want 90 %v %v %v",
					got.Base, got.Bonus, got.Deduction, got.Total, tt.bonus, tt.deduction, tt.tot)
			}
		})
	}
}

func TestMissingReview(t *testing.T) {
	mk := func() *model.Unit {
		u := unit(1, 950)                                 // 40 + 40 + 15
		u.Review[1] = model.Review{}                      // review missing, self 40
		u.Review[2] = model.Review{}                      // review missing, self 15…
		u.Self[2] = model.Assessment{Has: false}          // …and no self-assessment either
		u.Review[0] = model.Review{Has: true, Score: 350} // review wins over self 40
		return u
	}
	tests := []struct {
		mode      string
		final     []model.Tenths
		fromSelf  []bool
		base      model.Tenths
		commended bool
	}{
		{"self", []model.Tenths{350, 400, 0}, []bool{false, true, false}, 750, false},
		{"zero", []model.Tenths{350, 0, 0}, []bool{false, false, false}, 350, false},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			rule := testRule()
			rule.MissingReview = tt.mode
			rule.MinTotal = 0
			rule.MaxRatio = 0
			r := Compute(testPlan(), inputs(rule, mk()))
			u := r.Units[0]
			for i, ps := range u.Points {
				if ps.Final != tt.final[i] || ps.FromSelf != tt.fromSelf[i] {
					t.Errorf("point %d: final %v fromSelf %v, want %v %v", i, ps.Final, ps.FromSelf, tt.final[i], tt.fromSelf[i])
				}
			}
			if u.Points[0].Max != 400 || u.Points[2].Max != 200 || !u.Points[0].HasSelf || u.Points[1].HasReview {
				t.Errorf("points: %+v", u.Points)
			}
			if u.Base != tt.base || u.Total != tt.base {
				t.Errorf("base %v total %v, want %v", u.Base, u.Total, tt.base)
			}
		})
	}
}

func TestMissingUnit(t *testing.T) {
	us := unitsWithTotals(990, 980, 970, 960, 950, 940, 930, 920, 910)
	us = append(us[:2], append([]*model.Unit{missing(3)}, us[2:]...)...)
	for i, u := range us {
		u.No = i + 1
	}
	r := Compute(testPlan(), inputs(testRule(), us...))
	if r.Quota != 3 {
		t.Fatalf("quota %d, want 3 (missing units count in 附件1)", r.Quota)
	}
	m := r.Units[2]
	if m.Rank != 0 || m.Commended || m.Reason != "未报送" || m.Total != 0 || len(m.Points) != 3 || m.Points[0].Max != 400 {
		t.Errorf("missing unit: %+v", m)
	}
	if got, want := commended(r), []int{1, 2, 4}; !reflect.DeepEqual(got, want) {
		t.Errorf("commended = %v, want %v", got, want)
	}
	if r.ByRank[len(r.ByRank)-1] != 2 || len(r.ByRank) != 10 {
		t.Errorf("ByRank = %v, missing unit should be last", r.ByRank)
	}
	if r.Units[3].Rank != 3 {
		t.Errorf("rank after a missing unit = %d, want 3", r.Units[3].Rank)
	}
}

func TestCommendedInListOrder(t *testing.T) {
	rule := testRule()
	rule.MaxRatio = 0.5
	r := Compute(testPlan(), inputs(rule, unitsWithTotals(950, 990, 700, 920, 700, 700)...))
	if got, want := commended(r), []int{1, 2, 4}; !reflect.DeepEqual(got, want) {
		t.Errorf("commended = %v, want %v (附件1 order)", got, want)
	}
}

func TestDeterministic(t *testing.T) {
	mk := func() *Result {
		return Compute(testPlan(), inputs(testRule(), unitsWithTotals(950, 950, 950, 950, 900, 900, 880, 990, 990, 700)...))
	}
	a := mk()
	for range 20 {
		if b := mk(); !reflect.DeepEqual(a, b) {
			t.Fatal("Compute is not deterministic")
		}
	}
}
