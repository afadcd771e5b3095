package model

import (
	"strings"
	"testing"
)

func TestCheckScore(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  Tenths
		want Tenths
		msg  string
	}{
		{"3.5", 40, 35, ""},
		{"４．５", 50, 45, ""},
		{"3.3000000000000003", 40, 33, ""},
		{"0", 40, 0, ""},
		{"3.25", 40, 0, "最多保留一位小数"},
		{"4.1", 40, 0, "超出范围 0～4"},
		{"-1", 40, 0, "超出范围"},
		{"优秀", 40, 0, "不是数字"},
		{"NaN", 40, 0, "不是数字"},
	} {
		got, msg := CheckScore("自评得分", tc.in, tc.max)
		if got != tc.want || (tc.msg == "") != (msg == "") || !strings.Contains(msg, tc.msg) {
			t.Errorf("%q: %s %q, want %s %q", tc.in, got, msg, tc.want, tc.msg)
		}
	}
}

func TestYearOfTitle(t *testing.T) {
	s := &SelfFormSpec
	for _, tc := range []struct {
		title string
		year  int
		ok    bool
	}{
		{s.Title(2021), 2021, true},
		{" " + s.Title(2020) + " ", 2020, true},
		{"2021年度某某表", 0, false},
		{"年度市直机关创建模范机关自评表", 0, false},
	} {
		if y, ok := s.YearOfTitle(tc.title); y != tc.year || ok != tc.ok {
			t.Errorf("%q: %d %v", tc.title, y, ok)
		}
	}
}

// TestSpecsComplete: every spec has the columns its writer, composer and
// reader look up, each column once, and its limits set.
func TestSpecsComplete(t *testing.T) {
	for _, tc := range []struct {
		name string
		cols Columns
		keys []ColumnKey
	}{
		{"自评表", SelfFormSpec.Columns, []ColumnKey{ColID, ColContent, ColText, ColMax, ColSelf, ColEvidence}},
		{"考评要点", ChecklistSpec.Columns, []ColumnKey{ColCategory, ColContent, ColID, ColText, ColMax, ColNote}},
		{"审核评分", ReviewBookSpec.Columns, []ColumnKey{ColUnitNo, ColUnit, ColID, ColText, ColMax, ColSelf, ColEvidence, ColReview}},
		{"加扣分和否决", ReviewBookSpec.AdjustColumns, []ColumnKey{ColUnitNo, ColUnit, ColBonus, ColBonusWhy, ColDeduct, ColDeductWhy, ColVeto, ColVetoWhy}},
	} {
		seen := map[ColumnKey]bool{}
		for _, c := range tc.cols {
			if seen[c.Key] {
				t.Errorf("%s: column %s twice", tc.name, c.Key)
			}
			seen[c.Key] = true
			if c.Input && !c.Score && c.Choices == nil && c.Max <= 0 {
				t.Errorf("%s: input column %s has no limit", tc.name, c.Key)
			}
		}
		for _, k := range tc.keys {
			if !seen[k] {
				t.Errorf("%s: no column %s", tc.name, k)
			}
		}
	}
	if SelfFormSpec.Columns.Get(ColEvidence).Max != MaxEvidence {
		t.Error("the 自评表's evidence column is not bounded by MaxEvidence")
	}
}
