// Package collect reads the workbooks that come back — the 自评表 the units
// fill in, and the committee's review workbook 评审/审核评分表.xlsx — checks
// them against the plan and year.toml, and records what they say under
// seeds/<year>/returned/NN-<单位>.toml and seeds/<year>/reviewed/NN-<单位>.toml,
// where the next mofan check and mofan build (through input.Load) find them.
// Both workbooks are specified in model (SelfFormSpec, ReviewBookSpec), and
// every check here derives from those specs.
//
// A returned form may have been saved by Excel, WPS, LibreOffice, or a web
// system using ExcelJS or SheetJS (which drop the workbook protection,
// rewrite the XML, and in SheetJS's case garble non-ASCII custom
// properties); it may be late, sent twice, edited where it should not be,
// or not a workbook at all. Collect therefore trusts nothing in it:
//
//   - the file is sniffed and its zip directory checked (size, entry count,
//     unzipped size) before any spreadsheet code sees it; a zip, PDF or Word
//     file, or a returned 考评要点 checklist, gets a hint instead;
//   - the unit and year come from the form's locked cells (the title and the
//     unit cell), cross-checked with the custom document properties
//     mofan.unit, mofan.unit_no and mofan.year when they are readable;
//   - every locked cell (编号, 考评内容, 考评要点, 分值, the unit name) is
//     compared with what SelfForm writes for the plan and year.toml;
//   - every entered value is re-validated (spreadsheet validation is only
//     enforced by the UI) with the limits mofan build enforces: scores in
//     0..分值 with one decimal, model.MaxEvidence and model.MaxContact, and
//     characters the fonts can print; the total is recomputed.
//
// A form that passes is recorded atomically. The same form collected twice
// changes nothing. Of two forms of one unit, the one saved later wins when
// both carry a save date in docProps/core.xml; when the dates are equal or
// either is missing, the one collected later (later on the command line)
// wins, with a note.
package collect

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"mofan/generator/input"
	"mofan/generator/model"
)

// MaxBytes is the largest file Collect reads; a filled 自评表 is some 30 KB.
const MaxBytes = 20 << 20

// Outcome is what became of one returned file.
type Outcome int

// The outcomes of a file.
const (
	Added     Outcome = iota // recorded; the unit had no record yet (收录)
	Unchanged                // this very file is already recorded (已收录，无变化)
	Replaced                 // newer than the recorded form, which it replaced (替换)
	Older                    // older than the recorded form, which was kept (未采用)
	Skipped                  // in a folder, but not an .xlsx file (跳过)
	Refused                  // not accepted; Problems say why (拒收)
)

// Label is the outcome as the report prints it.
func (o Outcome) Label() string {
	return [...]string{"收录", "无变化", "替换", "未采用", "跳过", "拒收"}[o]
}

// Result is what Collect made of one file.
type Result struct {
	Path     string
	Outcome  Outcome
	Unit     *model.UnitEntry    // nil when the unit could not be told
	Record   string              // the returned file written or compared with
	Form     *input.ReturnedForm // what the form said; nil when refused
	Previous *input.FormSource   // the recorded form replaced or kept
	Total    model.Tenths        // the recomputed total of the entered scores
	Scored   int                 // how many points have a score
	// Reviewed is what a review workbook said, one record per unit of 附件1;
	// nil for a 自评表. Written and Unchanged count the records written and
	// those already recorded as they are.
	Reviewed           []*input.Reviewed
	Written, Unchanged int
	Problems           []string // why the file was refused, one a line
	Notes              []string // what the staff should know about an accepted file
}

func (r *Result) refuse(format string, args ...any) *Result {
	r.Outcome = Refused
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
	return r
}

// Report is the outcome of one collect run.
type Report struct {
	Year    int
	Results []*Result         // in the order the files were given
	Missing []model.UnitEntry // units that have still not returned a form
}

// Count returns how many files had outcome o.
func (r *Report) Count(o Outcome) int {
	n := 0
	for _, x := range r.Results {
		if x.Outcome == o {
			n++
		}
	}
	return n
}

// Collector collects the returned forms of one year.
type Collector struct {
	Dir      string // seeds/<year>
	Plan     *model.Plan
	Year     *model.Year
	MaxBytes int64 // files larger than this are refused unread; 0 means MaxBytes
	// Fonts, when set, tells the characters the build's fonts lack (a
	// *fontset.Set): an entered text with one is refused, as the build would.
	Fonts Glyphs
}

// Glyphs tells which characters of a text no font of a role can draw.
type Glyphs interface {
	Missing(role model.Role, text string) []rune
}

// Run collects the files and folders named by args (a folder: the .xlsx
// files in it, sorted by name) and reports on each, and on the units still
// missing. Files are read and checked in parallel and recorded in order, so
// that of two forms of one unit the later decides.
func (c *Collector) Run(args []string) *Report {
	rep := &Report{Year: c.Year.Year}
	var todo []int
	for _, arg := range args {
		for _, r := range expand(arg) {
			if r.Outcome != Skipped && r.Problems == nil {
				todo = append(todo, len(rep.Results))
			}
			rep.Results = append(rep.Results, r)
		}
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(runtime.NumCPU(), max(len(todo), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c.check(rep.Results[i])
			}
		}()
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, i := range todo {
		switch r := rep.Results[i]; {
		case r.Outcome == Refused:
		case r.Reviewed != nil:
			c.recordReview(r)
		default:
			c.record(r)
		}
	}
	for _, u := range c.Plan.Units {
		if _, err := os.Stat(c.recordPath(u)); err != nil {
			rep.Missing = append(rep.Missing, u)
		}
	}
	return rep
}

// expand turns one argument into the files to collect: the file itself, or
// the .xlsx files of a folder (others are listed as skipped, except the lock
// files office programs leave beside an open file).
func expand(arg string) []*Result {
	fi, err := os.Stat(arg)
	if err != nil {
		r := &Result{Path: arg}
		if os.IsNotExist(err) {
			return []*Result{r.refuse("文件不存在")}
		}
		return []*Result{r.refuse("无法读取：%v", err)}
	}
	if !fi.IsDir() {
		return []*Result{{Path: arg}}
	}
	entries, err := os.ReadDir(arg)
	if err != nil {
		return []*Result{(&Result{Path: arg}).refuse("无法读取目录：%v", err)}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var out []*Result
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir(), strings.HasPrefix(name, "~$"), strings.HasPrefix(name, ".~lock."), strings.HasPrefix(name, "."):
			continue
		case strings.EqualFold(filepath.Ext(name), ".xlsx"):
			out = append(out, &Result{Path: filepath.Join(arg, name)})
		default:
			r := &Result{Path: filepath.Join(arg, name), Outcome: Skipped}
			r.Notes = append(r.Notes, skipReason(name))
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		r := &Result{Path: arg, Outcome: Skipped}
		r.Notes = append(r.Notes, "目录中没有 .xlsx 文件")
		out = append(out, r)
	}
	return out
}

// skipReason says why a file in a folder is not collected.
func skipReason(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xls", ".et":
		return "不是 .xlsx 文件（旧版 Excel 或 WPS 格式）；请单位另存为 .xlsx 后重新报送，或另存后单独收录"
	case ".ods":
		return "不是 .xlsx 文件（OpenDocument 格式）；请另存为 .xlsx 后收录"
	case ".zip", ".rar", ".7z":
		return "是压缩包；请先解压，再收录其中的自评表（.xlsx）"
	case ".pdf":
		return "是 PDF 文件；收录需要 .xlsx 格式的自评表，请单位报送 Excel 文件"
	case ".doc", ".docx", ".wps":
		return "是 Word 文档；收录需要 .xlsx 格式的自评表，请单位报送 Excel 文件"
	}
	return "不是 .xlsx 文件"
}

// recordPath is where the returned form of u is recorded.
func (c *Collector) recordPath(u model.UnitEntry) string {
	return filepath.Join(c.Dir, input.ReturnedDir, model.FileName(u.No, u.Name)+".toml")
}
