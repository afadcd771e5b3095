// Package textenc converts the legacy encodings that files from office PCs
// arrive in. It is the only package that imports golang.org/x/text.
package textenc

import "golang.org/x/text/encoding/simplifiedchinese"

// DecodeGB18030 decodes GB18030 (a superset of GBK and GB2312, the "ANSI"
// encoding of Notepad on Chinese Windows) to UTF-8.
func DecodeGB18030(b []byte) ([]byte, error) {
	return simplifiedchinese.GB18030.NewDecoder().Bytes(b)
}

// EncodeGB18030 encodes UTF-8 text as GB18030, as Notepad's ANSI would: for
// tests and tools that write the files a clerk's PC would.
func EncodeGB18030(b []byte) ([]byte, error) {
	return simplifiedchinese.GB18030.NewEncoder().Bytes(b)
}
