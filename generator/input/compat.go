package input

import "mofan/generator/model"

// Aliases kept while branches written against the old names are merged;
// new code uses package model directly.
type (
	Tenths     = model.Tenths
	Year       = model.Year
	NoticeInfo = model.NoticeInfo
	FormsInfo  = model.FormsInfo
	Rule       = model.Rule
	Unit       = model.Unit
	Assessment = model.Assessment
	Review     = model.Review
	AdjustKind = model.AdjustKind
	Adjustment = model.Adjustment
	Veto       = model.Veto
	Inputs     = model.Inputs
)

// The kinds of adjustment (see model).
const (
	Bonus     = model.Bonus
	Deduction = model.Deduction
)

// VetoSources lists where a veto may come from (see model).
var VetoSources = model.VetoSources

// FromFloat rounds a number of points to tenths (see model).
func FromFloat(f float64) Tenths { return model.FromFloat(f) }
