package build

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"time"

	"mofan/generator/model"
	"mofan/generator/score"
)

// yearFilesInZips are the whole-year files every unit's zip holds, when the
// build wrote them (the 考评通知 that asks the units for their forms).
var yearFilesInZips = []string{"考评通知.pdf"}

// distJobs are the second phase, which reads the first phase's files in
// dir: one zip per unit holding everything that unit receives (the year's
// 考评通知 when there is one, the unit's checklist and form as PDF and
// workbook); the plan once, as 分发/实施方案.pdf, rather than in every zip;
// and the office's print file 打印.pdf.
func (e *Engine) distJobs(y *Year, r *score.Result, dir string) []job {
	js := []job{{path: "分发/实施方案.pdf", kind: "分发", make: func() ([]byte, error) {
		return os.ReadFile(filepath.Join(dir, "实施方案.pdf"))
	}}}
	for _, u := range y.In.Units {
		base := model.FileName(u.No, u.Name)
		own := []string{"考评要点/" + base + ".pdf", "考评要点/" + base + ".xlsx", "自评表/" + base + ".pdf", "自评表/" + base + ".xlsx"}
		js = append(js, job{path: "分发/" + base + ".zip", kind: "分发", unit: u.No, make: func() ([]byte, error) {
			var files []string
			for _, f := range yearFilesInZips {
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err == nil {
					files = append(files, f)
				}
			}
			return zipFiles(dir, append(files, own...))
		}})
	}
	return append(js, e.printJob(y, r))
}

// zipEpoch is the fixed time stamped on every zip entry, so that the same
// files give the same bytes. It is the DOS epoch, the earliest a zip can hold.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// zipFiles packs files (paths relative to dir, with forward slashes) into a
// zip under the same relative paths, in the given order. PDFs and workbooks
// are compressed already, so entries are stored. Names are UTF-8 (flagged as
// such, which Windows 10 Explorer, WPS and 7-Zip honour).
func zipFiles(dir string, files []string) ([]byte, error) {
	datas := make([][]byte, len(files))
	size := 22
	for i, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return nil, err
		}
		datas[i] = data
		size += len(data) + 2*len(f) + 128
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	w := zip.NewWriter(buf)
	for i, f := range files {
		h := &zip.FileHeader{Name: f, Method: zip.Store, Modified: zipEpoch}
		h.SetMode(0o644)
		e, err := w.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := e.Write(datas[i]); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
