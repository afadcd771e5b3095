package fontset

import "mofan/generator/model"

// Aliases kept while branches written against the old names are merged;
// new code uses package model directly.
type Role = model.Role

// The roles (see model).
const (
	Title    = model.RoleTitle
	Body     = model.RoleBody
	Hei      = model.RoleHei
	Kai      = model.RoleKai
	Fallback = model.RoleFallback
)

// Roles lists the roles in their fixed order (see model).
var Roles = model.Roles
