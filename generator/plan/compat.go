package plan

import "mofan/generator/model"

// Aliases kept while branches written against the old names are merged;
// new code uses package model directly.
type (
	Plan       = model.Plan
	Notice     = model.Notice
	Text       = model.Text
	Program    = model.Program
	Block      = model.Block
	Item       = model.Item
	Section    = model.Section
	Attachment = model.Attachment
	Unit       = model.UnitEntry
	Point      = model.Point
	Category   = model.Category
)

// Categories of 附件2 (see model).
const (
	Content  = model.Content
	Measures = model.Measures
	Results  = model.Results
)

// Categories lists the categories in the order of 附件2.
var Categories = model.Categories
