package build

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"time"
)

// zipEpoch is the fixed time stamped on every zip entry, so that the same
// files give the same bytes. It is the DOS epoch, the earliest a zip can hold.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// zipFiles packs files (paths relative to dir, with forward slashes) into a
// zip under the same relative paths, in the given order. PDFs and workbooks are compressed already,
// so entries are stored. Names are UTF-8 (flagged as such, which Windows 10
// Explorer, WPS and 7-Zip honour).
func zipFiles(dir string, files []string) ([]byte, error) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return nil, err
		}
		h := &zip.FileHeader{Name: f, Method: zip.Store, Modified: zipEpoch}
		h.SetMode(0o644)
		e, err := w.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := e.Write(data); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
