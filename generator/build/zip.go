package build

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"mofan/generator/model"
	"mofan/generator/score"
)

// yearFilesInZips are the whole-year files every unit's zip holds, when the
// build wrote them (the 考评通知 that asks the units for their forms).
var yearFilesInZips = []string{"考评通知.pdf"}

// distJobs are what is distributed: one zip per unit holding everything
// that unit receives (the year's 考评通知 when there is one, the unit's
// checklist and form as PDF and workbook); the plan once, as
// 分发/实施方案.pdf, rather than in every zip; and the office's print file
// 打印.pdf. The zips and the plan's copy read the first phase's files in
// dir (job.reads), each after the files it holds; 打印.pdf is drawn with the
// documents.
func (e *Engine) distJobs(y *Year, r *score.Result, dir string) []job {
	js := []job{{path: "分发/实施方案.pdf", kind: "分发", reads: []string{"实施方案.pdf"}, stream: func(w io.Writer) error {
		buf := copyBuffers.Get().(*[]byte)
		defer copyBuffers.Put(buf)
		return copyFile(w, filepath.Join(dir, "实施方案.pdf"), *buf)
	}}}
	for _, u := range y.In.Units {
		base := model.FileName(u.No, u.Name)
		own := []string{"考评要点/" + base + ".pdf", "考评要点/" + base + ".xlsx", "自评表/" + base + ".pdf", "自评表/" + base + ".xlsx"}
		js = append(js, job{path: "分发/" + base + ".zip", kind: "分发", unit: u.No, reads: append(append([]string(nil), yearFilesInZips...), own...), stream: func(w io.Writer) error {
			var files []string
			for _, f := range yearFilesInZips {
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err == nil {
					files = append(files, f)
				}
			}
			return zipFiles(w, dir, append(files, own...))
		}})
	}
	return append(js, e.printJob(y, r))
}

// zipEpoch is the fixed time stamped on every zip entry, so that the same
// files give the same bytes. It is the DOS epoch, the earliest a zip can hold.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// zipFiles packs files (paths relative to dir, with forward slashes) into a
// zip under the same relative paths, in the given order, writing it to w as
// it goes: each file is copied from disk through one small buffer, so that
// memory does not grow with the size of a unit's documents. PDFs and
// workbooks are compressed already, so entries are stored. Names are UTF-8
// (flagged as such, which Windows 10 Explorer, WPS and 7-Zip honour).
func zipFiles(w io.Writer, dir string, files []string) error {
	buf := copyBuffers.Get().(*[]byte)
	defer copyBuffers.Put(buf)
	zw := zip.NewWriter(w)
	for _, f := range files {
		h := &zip.FileHeader{Name: f, Method: zip.Store, Modified: zipEpoch}
		h.SetMode(0o644)
		e, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if err := copyFile(e, filepath.Join(dir, filepath.FromSlash(f)), *buf); err != nil {
			return err
		}
	}
	return zw.Close()
}

// copyBuffers hold the buffers that files are copied through.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// copyFile copies the file at path to w through buf.
func copyFile(w io.Writer, path string, buf []byte) error {
	f, err := openFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	// The wrappers hide ReadFrom and WriteTo, so that buf is used.
	_, err = io.CopyBuffer(struct{ io.Writer }{w}, struct{ io.Reader }{f}, buf)
	return err
}
