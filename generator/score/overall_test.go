package score

import (
	"mofan/generator/model"
	"reflect"
	"testing"
)

// yearResult scores one year of units with the given totals; a total of -1
// makes the unit missing, and vetoes lists the 1-based numbers of vetoed units.
func yearResult(year int, rule model.Rule, totals []model.Tenths, vetoes ...int) *Result {
	var us []*model.Unit
	for i, t := range totals {
		if t < 0 {
			us = append(us, missing(i+1))
			continue
		}
		us = append(us, unit(i+1, t))
	}
	for _, no := range vetoes {
		us[no-1].Veto = &model.Veto{Source: "审计", Reason: "问题"}
	}
	in := inputs(rule, us...)
	in.Year.Year = year
	return Compute(testPlan(), in)
}

func TestOverall(t *testing.T) {
	rule := testRule() // quota 3 of 10
	y1 := yearResult(2020, rule, []model.Tenths{950, 900, 960, 880, 990, 700, 700, 700, 700, 920})
	y2 := yearResult(2021, rule, []model.Tenths{940, 910, 960, 950, 990, 700, 700, 700, 700, -1}, 5)
	y3 := yearResult(2022, rule, []model.Tenths{960, 920, 960, 900, 990, 700, 700, 700, 700, 930})
	o := ComputeOverall([3]*Result{y1, y2, y3})
	if o.Years != [3]int{2020, 2021, 2022} || len(o.Units) != 10 || o.Quota != 3 {
		t.Fatalf("years %v units %d quota %d", o.Years, len(o.Units), o.Quota)
	}
	u1 := o.Units[0]
	if u1.Totals != [3]model.Tenths{950, 940, 960} || u1.Mean != 950 || !u1.Commended || u1.Has != [3]bool{true, true, true} {
		t.Errorf("unit 1: %+v", u1)
	}
	if u1.Ranks != [3]int{3, 4, 2} {
		t.Errorf("unit 1 yearly ranks %v", u1.Ranks)
	}
	// 2: (900+910+920)/3 = 910. 4: (880+950+900)/3 = 910. Both eligible and tied.
	if o.Units[1].Mean != 910 || o.Units[3].Mean != 910 || o.Units[1].Rank != o.Units[3].Rank {
		t.Errorf("units 2 and 4: %+v %+v", o.Units[1], o.Units[3])
	}
	// 5 has the best mean but was vetoed in 2021.
	u5 := o.Units[4]
	if !u5.Vetoed || u5.Commended || u5.Rank != 1 || u5.Reason != "2021年度被一票否决" {
		t.Errorf("unit 5: %+v", u5)
	}
	// 10 did not report in 2021: (920+0+930)/3 = 616.67 → 61.7.
	u10 := o.Units[9]
	if u10.Has[1] || u10.Ranks[1] != 0 || u10.Mean != 617 || u10.Reason != "三年平均分61.7分，低于90分（2021年度未报送，按0分计）" {
		t.Errorf("unit 10: %+v", u10)
	}
	// Ranks by mean: 5 (980), 3 (960), 1 (950), then 2 and 4 tied (910).
	// Eligible: 3, 1, then the tied 2 and 4 straddle the quota of 3: excluded.
	var got []int
	for i, u := range o.Units {
		if u.Commended {
			got = append(got, i+1)
		}
	}
	if want := []int{1, 3}; !reflect.DeepEqual(got, want) {
		t.Errorf("commended %v, want %v", got, want)
	}
	if o.Units[1].Reason != "名额已满（同分并列超出名额）" {
		t.Errorf("unit 2 reason %q", o.Units[1].Reason)
	}
	if want := []int{4, 2, 0, 1, 3, 5, 6, 7, 8, 9}; !reflect.DeepEqual(o.ByRank, want) {
		t.Errorf("ByRank %v, want %v", o.ByRank, want)
	}

	// The same with ties included.
	y3.Rule.BoundaryTies = "include"
	o = ComputeOverall([3]*Result{y1, y2, y3})
	got = nil
	for i, u := range o.Units {
		if u.Commended {
			got = append(got, i+1)
		}
	}
	if want := []int{1, 2, 3, 4}; !reflect.DeepEqual(got, want) {
		t.Errorf("include: commended %v, want %v", got, want)
	}
}

func TestOverallMean(t *testing.T) {
	tests := []struct {
		sum  model.Tenths
		n    int
		want model.Tenths
	}{
		{2700, 3, 900},
		{2701, 3, 900}, // 900.33
		{2702, 3, 901}, // 900.67
		{1801, 2, 901}, // 900.5 rounds up
		{0, 3, 0},
		{100, 0, 0},
	}
	for _, tt := range tests {
		if got := meanHalfUp(tt.sum, tt.n); got != tt.want {
			t.Errorf("meanHalfUp(%d, %d) = %d, want %d", tt.sum, tt.n, got, tt.want)
		}
	}
}

func TestOverallThresholdUsesRoundedMean(t *testing.T) {
	rule := testRule()
	rule.MaxRatio = 1
	// (900 + 900 + 899) / 3 = 899.67 → 90.0: eligible as printed.
	y1 := yearResult(2020, rule, []model.Tenths{900})
	y2 := yearResult(2021, rule, []model.Tenths{900})
	y3 := yearResult(2022, rule, []model.Tenths{899})
	o := ComputeOverall([3]*Result{y1, y2, y3})
	if u := o.Units[0]; u.Mean != 900 || !u.Commended {
		t.Errorf("%+v", u)
	}
}

func TestOverallNilYearsAndNewUnits(t *testing.T) {
	rule := testRule()
	rule.MaxRatio = 1
	y2 := yearResult(2021, rule, []model.Tenths{900, 950})
	y3 := yearResult(2022, rule, []model.Tenths{920, 950, 990}) // unit 3 joined in 2022
	o := ComputeOverall([3]*Result{nil, y2, y3})
	if o.Years != [3]int{0, 2021, 2022} {
		t.Errorf("years %v", o.Years)
	}
	// Means over the two years with results.
	if m := []model.Tenths{o.Units[0].Mean, o.Units[1].Mean, o.Units[2].Mean}; !reflect.DeepEqual(m, []model.Tenths{910, 950, 495}) {
		t.Errorf("means %v", m)
	}
	if o.Units[2].Has != [3]bool{false, false, true} {
		t.Errorf("unit 3 has %v", o.Units[2].Has)
	}
	if got := ComputeOverall([3]*Result{y2, y3, nil}); len(got.Units) != 0 {
		t.Errorf("no third year: %+v", got)
	}
}
