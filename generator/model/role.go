package model

import "mofan/generator/diag"

// Role is what a font is used for.
type Role string

// The roles of GB/T 9704-2012 typesetting.
const (
	RoleTitle    Role = "title"    // 小标宋: title and the red 发文机关标志
	RoleBody     Role = "body"     // 仿宋: body text
	RoleHei      Role = "hei"      // 黑体: level-1 headings, 附件 label
	RoleKai      Role = "kai"      // 楷体: level-2 headings
	RoleFallback Role = "fallback" // characters the other faces lack; page numbers
)

// Roles lists the roles in their fixed order (face index = position).
var Roles = []Role{RoleTitle, RoleBody, RoleHei, RoleKai, RoleFallback}

// FontSpec says which font file a role uses: one entry of fonts.toml.
type FontSpec struct {
	Role  Role
	File  string   // absolute, resolved against fonts.toml's folder
	Index int      // face in a .ttc collection; 0 for a plain font
	Pos   diag.Pos // where the role is configured, for messages
}
