package model

import "fmt"

// FileName is the base name (without extension) every output and input file
// of a unit uses: its two-digit number in 附件1 and its name.
func FileName(no int, name string) string {
	return fmt.Sprintf("%02d-%s", no, name)
}
