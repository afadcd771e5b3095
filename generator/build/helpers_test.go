package build

import (
	"mofan/generator/compose"
	"mofan/generator/input"
	"mofan/generator/layout"
)

func selfFormDoc(y *Year, u *input.Unit) *layout.Document {
	return compose.SelfForm(y.Plan, y.In.Year, u)
}
