package model

import (
	"strings"
	"testing"
)

func unit(self, review []bool, veto bool) *Unit {
	u := &Unit{Name: "市委办公室", File: "units/01-市委办公室.toml"}
	for _, h := range self {
		u.Self = append(u.Self, Assessment{Has: h, Score: 30})
	}
	for _, h := range review {
		u.Review = append(u.Review, Review{Has: h, Score: 30})
	}
	if veto {
		u.Veto = &Veto{Source: "审计", Reason: "问题"}
	}
	return u
}

func TestStatus(t *testing.T) {
	no, yes, half := []bool{false, false}, []bool{true, true}, []bool{true, false}
	for _, c := range []struct {
		name         string
		self, review []bool
		veto         bool
		want         Status
		reported     bool
	}{
		{"a file init made: identity only", no, no, false, NotReturned, false},
		{"some self scores", half, no, false, Returned, true},
		{"all self scores, review half", yes, half, false, Returned, true},
		{"review complete", yes, yes, false, Reviewed, true},
		{"review complete without a returned form", no, yes, false, Reviewed, true},
		{"vetoed, nothing returned", no, no, true, Vetoed, false},
		{"vetoed after review", yes, yes, true, Vetoed, true},
	} {
		u := unit(c.self, c.review, c.veto)
		if got := u.Status(); got != c.want {
			t.Errorf("%s: status %s, want %s", c.name, got, c.want)
		}
		if got := u.Reported(); got != c.reported {
			t.Errorf("%s: reported %v, want %v", c.name, got, c.reported)
		}
	}
}

func TestOfficialGaps(t *testing.T) {
	points := []Point{{ID: "NR-1-1"}, {ID: "NR-1-2"}}
	returned := unit([]bool{true, true}, []bool{true, false}, false)
	reviewed := unit([]bool{true, true}, []bool{true, true}, false)
	vetoed := unit([]bool{true, true}, []bool{false, false}, true)
	silent := unit([]bool{false, false}, []bool{false, false}, false)
	for _, c := range []struct {
		name  string
		year  Year
		units []*Unit
		want  []string
	}{
		{"complete", Year{Year: 2023}, []*Unit{reviewed, vetoed, silent}, nil},
		{"sample", Year{Year: 2020, Sample: true}, []*Unit{reviewed}, []string{"示例数据"}},
		{"unconfirmed", Year{Year: 2023, Unconfirmed: []Confirm{{Key: "notice.number", What: "发文字号", Value: "焦直文〔2024〕9号"}}}, nil,
			[]string{"发文字号“焦直文〔2024〕9号”"}},
		{"review incomplete", Year{Year: 2023}, []*Unit{returned, silent}, []string{"“市委办公室”已报回自评，审核未完成：1 个考评要点缺审核分（NR-1-2）"}},
		{"review incomplete, self chosen", Year{Year: 2023, Rule: Rule{MissingReview: MissingSelf}}, []*Unit{returned}, nil},
		{"review incomplete, zero chosen", Year{Year: 2023, Rule: Rule{MissingReview: MissingZero}}, []*Unit{returned}, nil},
	} {
		gaps := OfficialGaps(&Inputs{Year: &c.year, Units: c.units}, points)
		if len(gaps) != len(c.want) {
			t.Errorf("%s: %d gaps %v, want %d", c.name, len(gaps), gaps, len(c.want))
			continue
		}
		for i, g := range gaps {
			if !strings.Contains(g.Msg, c.want[i]) {
				t.Errorf("%s: gap %q lacks %q", c.name, g.Msg, c.want[i])
			}
		}
	}
}
