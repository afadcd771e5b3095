package build

import (
	"mofan/generator/compose"
	"mofan/generator/layout"
	"mofan/generator/model"
)

func selfFormDoc(y *Year, u *model.Unit) *layout.Document {
	return compose.SelfForm(y.Plan, y.In.Year, u)
}
