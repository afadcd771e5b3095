// Package build orders the phases of a run: Load (every input, template and
// font, checked at once; all of `mofan check`), then for each year Score,
// Compose, Render and Package (see Engine.Build). Nothing is visible in
// <out>/<year> until every phase has succeeded, so a failed or killed build
// leaves the previous output as it was.
package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"mofan/generator/compose"
	"mofan/generator/diag"
	"mofan/generator/docx"
	"mofan/generator/fontset"
	"mofan/generator/input"
	"mofan/generator/layout"
	"mofan/generator/model"
	"mofan/generator/notice"
	"mofan/generator/pdf"
	"mofan/generator/score"
	"mofan/generator/sheet"
)

// Engine is what every build of a run shares: the fonts, parsed once, the
// PDF renderer built on them, and the memo of the table cells laid out.
type Engine struct {
	Fonts    *fontset.Set
	renderer *pdf.Renderer
	// layouts lays documents out with Fonts, remembering the table cells
	// that documents repeat (bounded: layout.DefaultMemoLimit).
	layouts *layout.Memo
}

// NewEngine loads the fonts named by fonts.toml and prepares the renderer.
func NewEngine(fontsToml string) (*Engine, error) {
	specs, err := input.LoadFontConfig(fontsToml)
	if err != nil {
		return nil, err
	}
	return NewEngineFonts(specs)
}

// NewEngineFonts loads the fonts of specs (one per role) and prepares the renderer.
func NewEngineFonts(specs []model.FontSpec) (*Engine, error) {
	fs, err := fontset.Load(specs)
	if err != nil {
		return nil, err
	}
	r, err := pdf.New(fs)
	if err != nil {
		return nil, err
	}
	return &Engine{Fonts: fs, renderer: r, layouts: layout.NewMemo(fs, 0)}, nil
}

// Year is one year's inputs, ready to build.
type Year struct {
	Plan     *model.Plan
	In       *model.Inputs
	Template string // templates/表彰通知.md
	// Earlier holds the two years before this one, oldest first, when this
	// year closes a three-year cycle (see CycleEnd); the build then also
	// writes the three-year evaluation (三年总评).
	Earlier []*Year
	// Draft asks for the official documents (表彰通知, 三年总评) even when the
	// data are not complete (model.OfficialGaps): they are then written with
	// 草稿 on every page. Sample data always give drafts.
	Draft bool
	// Templates are the 公文 of templates/ (the folder of Template), each
	// written as <名称>.pdf or <名称>/NN-<单位>.pdf. Build loads them when nil.
	Templates []*notice.Template
	// Untabled are the templates left out of Templates by Load because
	// year.toml has no [documents."名称"] for them (see TablesToAdd).
	Untabled []*notice.Template
}

// Gaps returns what keeps the year's official documents from being written
// (model.OfficialGaps), the earlier years' included when this year closes a
// three-year cycle.
func (y *Year) Gaps() []model.Gap {
	var out []model.Gap
	for _, e := range y.Earlier {
		out = append(out, model.OfficialGaps(e.In, e.Plan.Points)...)
	}
	return append(out, model.OfficialGaps(y.In, y.Plan.Points)...)
}

// official tells how the official documents are written: ok when they may
// be written at all (complete data, or a draft asked for, or sample data),
// draft when they must be marked 草稿.
func (y *Year) official() (ok, draft bool) {
	gaps := len(y.Gaps()) > 0
	return !gaps || y.Draft || y.In.Year.Sample, gaps
}

// Unconfirmed lists the 公文 of templates/ other than the Official ones
// that are written as drafts, 草稿 on every page, because values they print
// are still unconfirmed in year.toml (notice.Template.Unconfirmed): the
// document's name and those values, in template order.
func (y *Year) Unconfirmed() []DraftDoc {
	var out []DraftDoc
	for _, t := range y.Templates {
		if c := t.Unconfirmed(y.In.Year); len(c) > 0 && !Official[t.Name] {
			out = append(out, DraftDoc{Name: t.Name, Items: c})
		}
	}
	return out
}

// DraftDoc is a document written as a draft until the values Items are
// confirmed.
type DraftDoc struct {
	Name  string
	Items []model.Confirm
}

// loadTemplates fills y.Templates from the folder of y.Template.
func (y *Year) loadTemplates() error {
	if y.Templates != nil || y.Template == "" {
		return nil
	}
	ts, err := notice.LoadTemplates(filepath.Dir(y.Template))
	if err != nil {
		return err
	}
	y.Templates = ts
	return nil
}

func (y *Year) hasTemplate(name string) bool {
	for _, t := range y.Templates {
		if t.Name == name {
			return true
		}
	}
	return false
}

// CycleEnd reports whether year closes a three-year cycle (三年一总评) of a
// plan issued in planYear: the cycle counts the plan's own year as its first,
// so a 2020 plan closes cycles in 2022, 2025, …
func CycleEnd(planYear, year int) bool {
	return year >= planYear+2 && (year-planYear)%3 == 2
}

// Result tells what a build wrote.
type Result struct {
	sums map[string][32]byte // digests of the files this build wrote
	kept map[string][32]byte // digests of the previous build, for the files kept from it

	Dir     string
	Files   []string // relative paths of every file in Dir, sorted
	Written int      // files written by this build (fewer than Files with Only/Units)
	Bytes   int64    // bytes written by this build
	// Withheld is true when the data are not complete and no draft was asked
	// for: 表彰通知 and 三年总评 were not written (see Year.Gaps).
	Withheld bool
	// Draft is true when 表彰通知 and 三年总评 were written as drafts.
	Draft bool
}

// Kinds are the kinds of output, the values Options.Only accepts.
var Kinds = []string{"实施方案", "单位名单", "考评要点", "自评表", "考评汇总", "报送情况", "表彰通知", "三年总评", "审核评分表", "分发",
	"考评通知", "征求意见函", "公示", "反馈意见", "三年总评通知"}

// Options select part of the output and report progress. The zero value
// builds everything silently.
type Options struct {
	Only     []string                           // kinds to rebuild (Kinds); empty = all
	Units    []int                              // unit numbers (附件1) whose files to rebuild; empty = all
	Progress func(done, total int, kind string) // called after each file (kind: one of Kinds), from one goroutine at a time
	// Stop, when closed, ends the build early: no further file is started,
	// the temporary folder is removed, the previous output is left as it
	// was, and Build returns ErrStopped.
	Stop <-chan struct{}
}

// ErrStopped is returned by Build when Options.Stop was closed before the
// new output was put in place.
var ErrStopped = errors.New("生成已中断，原有输出未改动")

func (o *Options) wants(kind string, unit int) bool {
	if len(o.Only) > 0 && !contains(o.Only, kind) {
		return false
	}
	if len(o.Units) > 0 {
		if unit == 0 {
			return len(o.Only) > 0 // a whole-year file only when asked for by kind
		}
		for _, u := range o.Units {
			if u == unit {
				return true
			}
		}
		return false
	}
	return true
}

func (o *Options) partial() bool { return len(o.Only) > 0 || len(o.Units) > 0 }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// job makes one output file.
type job struct {
	path string // relative to the year's output folder, with forward slashes
	kind string // one of Kinds
	unit int    // the unit's number, 0 for a whole-year file
	make func() ([]byte, error)
	// stream, set instead of make, writes the file's bytes to w as they
	// are made: for files assembled from others (the zips), which need not
	// be held in memory whole.
	stream func(w io.Writer) error
	// reads lists the files (relative paths) a job is made from that the
	// build writes first (a zip holds them): it runs after the jobs that
	// write them (after).
	reads []string
	after []int                            // indices, in the run's list, of the jobs writing reads
	doc   func() (*layout.Document, error) // a PDF's document, for its Word copy
}

// PDF lays out and draws a document.
func (e *Engine) PDF(doc *layout.Document) ([]byte, error) {
	pages, err := e.layouts.Layout(doc)
	if err != nil {
		return nil, err
	}
	return e.renderer.Render(doc, pages)
}

// pdfJob composes its document only when it runs, so that memory does not
// grow with the number of units.
func (e *Engine) pdfJob(path, kind string, unit int, compose func() (*layout.Document, error)) job {
	return job{path: path, kind: kind, unit: unit, doc: compose, make: func() ([]byte, error) {
		doc, err := compose()
		if err != nil {
			return nil, err
		}
		return e.PDF(doc)
	}}
}

func lazy(f func() *layout.Document) func() (*layout.Document, error) {
	return func() (*layout.Document, error) { return f(), nil }
}

// jobs lists every output of a year, in a fixed order: the first phase. The
// distribution zips, which read the first phase's files, are the second.
func (e *Engine) jobs(y *Year, r *score.Result) []job {
	p, yr := y.Plan, y.In.Year
	// The summary, the notice and the evaluation state results: from
	// sample or incomplete data they say 草稿, the workbooks too.
	ok, draft := y.official()
	js := []job{
		e.pdfJob("实施方案.pdf", "实施方案", 0, lazy(func() *layout.Document { return compose.Plan(p) })),
		e.pdfJob("单位名单.pdf", "单位名单", 0, lazy(func() *layout.Document { return compose.UnitList(p, yr) })),
		{path: "单位名单.xlsx", kind: "单位名单", make: func() ([]byte, error) { return sheet.UnitList(p, yr) }},
		e.pdfJob("考评汇总.pdf", "考评汇总", 0, lazy(func() *layout.Document {
			doc := notice.ComposeSummary(p, yr, r)
			markDraft(doc, draft)
			return doc
		})),
		{path: "考评汇总.xlsx", kind: "考评汇总", make: func() ([]byte, error) { return sheet.Summary(p, yr, r, draft) }},
		{path: model.ReviewBookSpec.Path, kind: model.ReviewBookSpec.Kind, make: func() ([]byte, error) { return sheet.Review(p, yr, y.In.Units) }},
		{path: "报送情况.xlsx", kind: "报送情况", make: func() ([]byte, error) { return sheet.Status(p, yr, r) }},
	}
	if len(r.Commended) > 0 && ok {
		if y.Templates == nil { // no templates folder loaded: the notice alone, from its file
			js = append(js, e.pdfJob("表彰通知.pdf", "表彰通知", 0, func() (*layout.Document, error) {
				doc, err := notice.Compose(y.Template, p, yr, r)
				if err == nil {
					markDraft(doc, draft)
				}
				return doc, err
			}))
		}
		js = append(js, job{path: "表彰通知.xlsx", kind: "表彰通知", make: func() ([]byte, error) { return sheet.CommendList(p, yr, r, draft) }})
	}
	var o *score.Overall
	if len(y.Earlier) == 2 && ok {
		var rs [3]*score.Result
		for i, e := range y.Earlier {
			rs[i] = score.Compute(e.Plan, e.In)
		}
		rs[2] = r
		o = score.ComputeOverall(rs)
		js = append(js,
			e.pdfJob("三年总评.pdf", "三年总评", 0, lazy(func() *layout.Document {
				doc := notice.ComposeOverall(p, yr, o)
				markDraft(doc, draft)
				return doc
			})),
			job{path: "三年总评.xlsx", kind: "三年总评", make: func() ([]byte, error) { return sheet.Overall(p, yr, o, draft) }},
		)
	}
	js = append(js, e.templateJobs(y, r, o)...)
	for _, u := range y.In.Units {
		base := model.FileName(u.No, u.Name)
		js = append(js,
			e.pdfJob("考评要点/"+base+".pdf", "考评要点", u.No, lazy(func() *layout.Document { return compose.Checklist(p, yr, u) })),
			job{path: "考评要点/" + base + ".xlsx", kind: "考评要点", unit: u.No, make: func() ([]byte, error) { return sheet.Checklist(p, yr, u) }},
			e.pdfJob("自评表/"+base+".pdf", "自评表", u.No, lazy(func() *layout.Document { return compose.SelfForm(p, yr, u) })),
			job{path: "自评表/" + base + ".xlsx", kind: "自评表", unit: u.No, make: func() ([]byte, error) { return sheet.SelfForm(p, yr, u) }},
		)
	}
	return e.wordCopies(js)
}

// markDraft marks a draft of an official document: 草稿 drawn on every page
// (layout.Document.Draft) and in the running header, which its Word copy
// carries too.
func markDraft(doc *layout.Document, draft bool) {
	if !draft {
		return
	}
	doc.Draft = true
	doc.Header = strings.TrimSpace(layout.DraftMark + "　" + doc.Header)
	doc.Info.Title = "（" + layout.DraftMark + "）" + doc.Info.Title
}

// wordCopies adds after every 公文's PDF (a document with a 版头) its
// editable Word copy, <name>.docx, written from the same document. The
// documents of a kind are alike, so the first one tells whether the kind
// is a 公文: per-unit forms are not composed twice to find out.
func (e *Engine) wordCopies(js []job) []job {
	out := make([]job, 0, len(js))
	gongwen := map[string]bool{}
	for _, j := range js {
		out = append(out, j)
		if j.doc == nil {
			continue
		}
		is, seen := gongwen[j.kind]
		if !seen {
			doc, err := j.doc()
			is = err == nil && doc.Head != nil // an error is the PDF's job to report
			gongwen[j.kind] = is
		}
		if !is {
			continue
		}
		// The PDF and its Word copy are made from one composition and
		// layout (the Word copy takes the PDF's title line breaks).
		shared := &laidOut{compose: j.doc, layouts: e.layouts, users: 2}
		out[len(out)-1].make = func() ([]byte, error) {
			doc, pages, err := shared.get()
			if err != nil {
				return nil, err
			}
			return e.renderer.Render(doc, pages)
		}
		out = append(out, job{path: strings.TrimSuffix(j.path, ".pdf") + ".docx", kind: j.kind, unit: j.unit, make: func() ([]byte, error) {
			doc, pages, err := shared.get()
			if err != nil {
				return nil, err
			}
			return docx.Write(doc, pages)
		}})
	}
	return out
}

// laidOut is a document composed and laid out once for the files made from
// it (a 公文's PDF and its Word copy, which may be made at the same time on
// two workers), and let go when the last of them has it, so that memory
// does not grow with the number of documents. The renderers only read a
// document and its pages.
type laidOut struct {
	compose func() (*layout.Document, error)
	layouts *layout.Memo

	mu    sync.Mutex
	done  bool
	users int // files still to be made from it
	doc   *layout.Document
	pages []layout.Page
	err   error
}

func (s *laidOut) get() (*layout.Document, []layout.Page, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.done {
		s.done = true
		s.doc, s.err = s.compose()
		if s.err == nil {
			s.pages, s.err = s.layouts.Layout(s.doc)
		}
	}
	doc, pages, err := s.doc, s.pages, s.err
	if s.users--; s.users == 0 {
		s.doc, s.pages = nil, nil
	}
	return doc, pages, err
}

// Official are the documents that state the year's (or the three years')
// results — who is proposed, who is commended: written only from complete,
// real data, or as drafts marked 草稿 (see Year.Gaps). The 考评通知 that opens
// the year and each unit's 反馈意见 are not among them.
var Official = map[string]bool{"表彰通知": true, "三年总评通知": true, "公示": true, "征求意见函": true}

// templateJobs are the 公文 of templates/: one document each, or one per
// unit, for the templates that apply this year. The Official ones are
// withheld or drafts while the data are not complete; any other is a draft
// while a value it prints is still unconfirmed (notice.Template.Unconfirmed).
func (e *Engine) templateJobs(y *Year, r *score.Result, o *score.Overall) []job {
	var js []job
	ctx := notice.Context{Plan: y.Plan, Year: y.In.Year, Result: r, Overall: o, Unit: -1}
	ok, draft := y.official()
	for _, t := range y.Templates {
		if !t.Applies(&ctx) {
			continue
		}
		if Official[t.Name] {
			if !ok {
				continue // withheld: the data are not complete (Year.Gaps)
			}
			js = append(js, e.pdfJob(t.Name+".pdf", t.Name, 0, func() (*layout.Document, error) {
				doc, err := t.Compose(&ctx)
				if err == nil {
					markDraft(doc, draft)
				}
				return doc, err
			}))
			continue
		}
		unsure := len(t.Unconfirmed(y.In.Year)) > 0 // its 文号 or dates are last year's, carried over
		compose := func(c *notice.Context) (*layout.Document, error) {
			doc, err := t.Compose(c)
			if err == nil {
				markDraft(doc, unsure)
			}
			return doc, err
		}
		if !t.PerUnit() {
			js = append(js, e.pdfJob(t.Name+".pdf", t.Name, 0, func() (*layout.Document, error) { return compose(&ctx) }))
			continue
		}
		for i, u := range y.In.Units {
			c := ctx.ForUnit(i)
			path := t.Name + "/" + model.FileName(u.No, u.Name) + ".pdf"
			js = append(js, e.pdfJob(path, t.Name, u.No, func() (*layout.Document, error) { return compose(&c) }))
		}
	}
	return js
}

// Build runs the phases that follow Load (see Load) for year y, writing into
// outDir/<year> atomically:
//
//	Score    totals, ranks and the commended units (package score)
//	Compose  the list of every output file, each composed when it is made
//	Render   the documents laid out and drawn, the workbooks written, on
//	         bounded workers, into a temporary folder beside the output
//	Package  the distribution zips (on the same workers, each after the
//	         files it holds: see interleave), SHA256SUMS, and the swap
//	         into place
//
// Nothing is visible in outDir/<year> until every phase has succeeded. With
// opt selecting part of the output, the other files are kept from the
// previous build (hard-linked, or copied where links are not possible).
func (e *Engine) Build(y *Year, outDir string, opt Options) (*Result, error) {
	if err := y.loadTemplates(); err != nil {
		return nil, err
	}
	r := score.Compute(y.Plan, y.In) // Score
	final := filepath.Join(outDir, fmt.Sprint(y.In.Year.Year))
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, fmt.Errorf("无法创建输出目录 %s：%w", outDir, err)
	}
	recoverOld(final)
	tmp, err := os.MkdirTemp(outDir, "."+filepath.Base(final)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("无法创建临时目录：%w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	res := &Result{}
	official, draft := y.official()
	res.Withheld, res.Draft = !official, official && draft
	render, pack, err := e.compose(y, r, opt, final, tmp, res) // Compose
	if err != nil {
		return nil, err
	}
	src := func(j job) string { return source(y, j) }
	all := interleave(render, pack)
	if err := run(all, tmp, res, len(all), opt, src); err != nil { // Render and Package
		return nil, err
	}
	if stopped(opt.Stop) {
		return nil, ErrStopped
	}
	if err := writeSums(tmp, res); err != nil {
		return nil, err
	}
	if err := swap(tmp, final); err != nil {
		return nil, err
	}
	ok = true
	res.Dir = final
	return res, nil
}

// compose is the Compose phase: it lists the files this build makes — the
// documents and workbooks (rendered first) and the zips that package them
// (second) — as opt selects, and with a partial build links the rest of the
// previous output into tmp.
func (e *Engine) compose(y *Year, r *score.Result, opt Options, final, tmp string, res *Result) (render, pack []job, err error) {
	all := e.jobs(y, r)
	for _, j := range all {
		if opt.wants(j.kind, j.unit) {
			render = append(render, j)
		}
	}
	// A unit's zip is rebuilt with anything it holds.
	stale := map[int]bool{}
	for _, j := range render {
		stale[j.unit] = true
	}
	for _, j := range e.distJobs(y, r, tmp) {
		if opt.wants(j.kind, j.unit) || stale[j.unit] || stale[0] && (opt.wants("实施方案", 0) || opt.wants("考评通知", 0)) {
			pack = append(pack, j)
		}
	}
	if !opt.partial() {
		return render, pack, nil
	}
	kept, err := keepPrevious(final, tmp, append(render, pack...))
	if err != nil {
		return nil, nil, err
	}
	res.kept = readSums(filepath.Join(final, "SHA256SUMS"))
	if res.Withheld { // an earlier notice must not outlive the data that allowed it
		for _, f := range []string{"表彰通知.pdf", "表彰通知.xlsx", "三年总评.pdf", "三年总评.xlsx"} {
			os.Remove(filepath.Join(tmp, f))
			delete(kept, f)
		}
	}
	// What the previous output lacks (a first build, a deleted file) is
	// built too, so that the folder is always complete.
	chosen := map[string]bool{}
	for _, j := range append(render, pack...) {
		chosen[j.path] = true
	}
	for _, j := range append(all, e.distJobs(y, r, tmp)...) {
		if !kept[j.path] && !chosen[j.path] {
			if j.kind == "分发" {
				pack = append(pack, j)
			} else {
				render = append(render, j)
			}
		}
	}
	return render, pack, nil
}

// interleave makes one list of the jobs of a run. The jobs of pack that
// read no other output (打印.pdf is drawn from the documents, not from their
// files) go first, where they run beside the other documents. A job that
// reads files the run writes (a unit's zip) goes a few jobs after the last
// of them, so that it finds them finished, still in memory, rather than
// waiting for the whole year's documents: at 10,000 units those were
// written gigabytes earlier, and the zips read them back from disk. Its
// after lists the jobs it waits for (see execute).
func interleave(render, pack []job) []job {
	const lag = 8 // jobs between a file and the zip that reads it: more than the workers
	var first, late []job
	for _, j := range pack {
		if len(j.reads) > 0 {
			late = append(late, j)
		} else {
			first = append(first, j)
		}
	}
	list := append(first, render...)
	at := make(map[string]int, len(list)) // path → index in list
	for i, j := range list {
		at[j.path] = i
	}
	// where each late job goes: after list[pos], in the order of late
	type placed struct {
		pos int
		j   job
	}
	var ps []placed
	for _, j := range late {
		pos := -1
		for _, r := range j.reads {
			if i, ok := at[r]; ok {
				pos = max(pos, i)
			}
		}
		if pos >= 0 {
			pos = min(pos+lag, len(list)-1)
		} else {
			pos = len(list) - 1 // reads only what an earlier build left
		}
		ps = append(ps, placed{pos, j})
	}
	sort.SliceStable(ps, func(a, b int) bool { return ps[a].pos < ps[b].pos })
	out := make([]job, 0, len(list)+len(late))
	for i, j := range list {
		out = append(out, j)
		at[j.path] = len(out) - 1 // from here on, at holds indices in out
		for ; len(ps) > 0 && ps[0].pos == i; ps = ps[1:] {
			out = append(out, waiting(ps[0].j, at))
		}
	}
	for _, p := range ps { // (an empty list)
		out = append(out, waiting(p.j, at))
	}
	return out
}

// waiting returns j waiting for the jobs, at the indices at gives, that
// write the files it reads.
func waiting(j job, at map[string]int) job {
	for _, r := range j.reads {
		if d, ok := at[r]; ok {
			j.after = append(j.after, d)
		}
	}
	return j
}

// source names the input a job's document is made from, for messages: the
// unit's file, or the year's folder for a whole-year document.
func source(y *Year, j job) string {
	for _, u := range y.In.Units {
		if u.No == j.unit && u.File != "" {
			return u.File
		}
	}
	return y.In.Dir
}

// keepPrevious links every file of the previous output into tmp, except the
// ones the jobs will write, so that a partial build still swaps in a whole
// folder. It returns the files kept, by path relative to tmp with forward
// slashes.
func keepPrevious(final, tmp string, js []job) (map[string]bool, error) {
	skip := map[string]bool{"SHA256SUMS": true}
	for _, j := range js {
		skip[j.path] = true
	}
	made := map[string]bool{} // folders made in tmp
	kept := map[string]bool{}
	err := filepath.WalkDir(final, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && path == final {
				return filepath.SkipAll
			}
			return err
		}
		rel, _ := filepath.Rel(final, path)
		if d.IsDir() || skip[filepath.ToSlash(rel)] {
			return nil
		}
		to := filepath.Join(tmp, rel)
		if d := filepath.Dir(to); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		kept[filepath.ToSlash(rel)] = true
		if os.Link(path, to) == nil {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	return kept, err
}

// run executes the jobs on runtime.NumCPU() workers, writing into dir. All
// input problems of all jobs are collected and returned together; a closed
// opt.Stop makes it return ErrStopped.
func run(js []job, dir string, res *Result, total int, opt Options, src func(job) string) error {
	if len(js) == 0 {
		return nil
	}
	if err := makeDirs(dir, js); err != nil {
		return err
	}
	outs := execute(js, dir, res, total, opt)
	if stopped(opt.Stop) {
		return ErrStopped
	}
	return collect(js, outs, res, src)
}

// errInputFailed is the outcome of a job not made because a file it reads
// failed to be written.
var errInputFailed = errors.New("input failed")

// outcome is what writing one job gave: the file's size and SHA-256, or
// the error.
type outcome struct {
	size int64
	sum  [32]byte
	err  error
}

// execute writes the jobs into dir on runtime.NumCPU() workers, counting
// each finished job in res.Written and reporting progress. A closed
// opt.Stop ends the dispatch: the running jobs finish, no new one starts.
func execute(js []job, dir string, res *Result, total int, opt Options) []outcome {
	workers := min(runtime.NumCPU(), len(js))
	outs := make([]outcome, len(js))
	finished := make([]chan struct{}, len(js)) // closed when the job is done, for the jobs others wait for
	for _, j := range js {
		for _, d := range j.after {
			if finished[d] == nil {
				finished[d] = make(chan struct{})
			}
		}
	}
	next := make(chan int)
	done := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				// The jobs waited for come earlier in js, so they were
				// dispatched before this one: the wait ends.
				failed := false
				for _, d := range js[i].after {
					<-finished[d]
					failed = failed || outs[d].err != nil
				}
				if failed {
					outs[i].err = errInputFailed
				} else {
					outs[i].size, outs[i].sum, outs[i].err = write(dir, js[i])
				}
				if finished[i] != nil {
					close(finished[i])
				}
				done <- i
			}
		}()
	}
	go func() {
	dispatch:
		for i := range js {
			if stopped(opt.Stop) {
				break
			}
			select {
			case next <- i:
			case <-opt.Stop:
				break dispatch
			}
		}
		close(next)
		wg.Wait()
		close(done)
	}()
	for i := range done {
		res.Written++
		if opt.Progress != nil {
			opt.Progress(res.Written, total, js[i].kind)
		}
	}
	return outs
}

// collect adds the size and checksum of every file written to res and
// returns the problems of the jobs that failed, each reported once; an
// error that is not an input problem is reported against the job's input
// (src names it).
func collect(js []job, outs []outcome, res *Result, src func(job) string) error {
	var probs diag.List
	seen := map[string]bool{}
	for i, o := range outs {
		if o.err == errInputFailed {
			continue // the failed input's own error says it
		}
		if o.err == nil {
			res.Bytes += o.size
			if res.sums == nil {
				res.sums = map[string][32]byte{}
			}
			res.sums[js[i].path] = o.sum
			continue
		}
		var l *diag.List
		if errors.As(o.err, &l) {
			// The same problem (a missing glyph in the plan) recurs in many documents: report it once.
			for _, p := range l.Problems() {
				if !seen[p.Error()] {
					seen[p.Error()] = true
					probs.Append(p)
				}
			}
			continue
		}
		// Load should have found every input problem; one that slipped
		// through still names the input and is said in Chinese.
		from := "输入文件"
		if src != nil {
			from = src(js[i])
		}
		probs.Add(diag.Pos{File: from}, fmt.Sprintf("生成 %s 时出错：%s", js[i].path, diag.Escape(o.err.Error())),
			"mofan check 未能预先发现这个问题，请把这条消息和相关输入文件发给维护人员")
	}
	return probs.Err()
}

// stopped reports whether stop is closed (never, for a nil channel).
func stopped(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// panicError is the error a worker's panic v becomes.
func panicError(v any) error {
	if f, ok := v.(interface{ Addr() uintptr }); ok && f.Addr() >= 4096 { // not a nil pointer
		return errors.New("读取文件时出错：字体等文件可能在运行过程中被改动或删除（请重新运行；仍然出错时请把输入文件和这条消息发给维护人员）")
	}
	return fmt.Errorf("内部错误：%v（请把输入文件和这条消息发给维护人员）", v)
}

// guarded runs f on the calling goroutine and returns its error, or the
// error a panic in f becomes (panicError). A panic in a goroutine of ours
// would end the process with a stack trace that no recover in Main can
// catch; a fault reading memory (a font file mapped into memory and cut
// short while mofan runs) is made a panic too, instead of killing the
// process.
func guarded(f func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if v := recover(); v != nil {
			err = panicError(v)
		}
	}()
	return f()
}

// write makes job j's file in dir, a panic or fault being its error (guarded).
func write(dir string, j job) (size int64, sum [32]byte, err error) {
	err = guarded(func() error {
		size, sum, err = writeJob(dir, j)
		return err
	})
	return size, sum, err
}

func writeJob(dir string, j job) (size int64, sum [32]byte, err error) {
	path := filepath.Join(dir, filepath.FromSlash(j.path))
	if j.stream != nil {
		return writeStream(path, j.stream)
	}
	b, err := j.make()
	if err != nil {
		return 0, [32]byte{}, err
	}
	return int64(len(b)), sha256.Sum256(b), writeFile(path, b)
}

// writeFile writes b to a new file at path, in a folder that exists.
func writeFile(path string, b []byte) error {
	f, err := createFile(path)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// makeDirs makes the folders in dir that the jobs' files go in, each once
// (not once for every file).
func makeDirs(dir string, js []job) error {
	made := map[string]bool{}
	for _, j := range js {
		d := filepath.Dir(filepath.Join(dir, filepath.FromSlash(j.path)))
		if made[d] {
			continue
		}
		made[d] = true
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	return nil
}

// writeStream creates the file at path, in a folder that exists, from what
// stream writes, and returns its size and SHA-256.
func writeStream(path string, stream func(io.Writer) error) (size int64, sum [32]byte, err error) {
	f, err := createFile(path)
	if err != nil {
		return 0, sum, err
	}
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(f, h)}
	err = stream(cw)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	h.Sum(sum[:0])
	return cw.n, sum, err
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// writeSums writes SHA256SUMS: one "digest  path" line for every file in
// dir, sorted by path, and records the list in res.Files.
func writeSums(dir string, res *Result) error {
	res.Files = res.Files[:0]
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		res.Files = append(res.Files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(res.Files)
	var b strings.Builder
	for _, f := range res.Files {
		sum, ok := res.sums[f]
		if !ok {
			sum, ok = res.kept[f] // kept (hard-linked) from the previous build
		}
		if !ok {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
			if err != nil {
				return err
			}
			sum = sha256.Sum256(data)
		}
		fmt.Fprintf(&b, "%x  %s\n", sum, f)
	}
	res.Files = append(res.Files, "SHA256SUMS")
	sort.Strings(res.Files)
	return os.WriteFile(filepath.Join(dir, "SHA256SUMS"), []byte(b.String()), 0o644)
}

// readSums reads a SHA256SUMS file; a missing or damaged one gives an empty map.
func readSums(path string) map[string][32]byte {
	out := map[string][32]byte{}
	b, err := os.ReadFile(path)
	if err != nil {
		return out
	}
	for _, line := range strings.Split(string(b), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		var d [32]byte
		if n, err := hex.Decode(d[:], []byte(sum)); ok && err == nil && n == 32 {
			out[name] = d
		}
	}
	return out
}

// swap puts tmp in the place of final. The previous output is first moved
// aside, then removed; if the process dies in between, recoverOld puts it
// back on the next run.
func swap(tmp, final string) error {
	old := oldName(final)
	os.RemoveAll(old)
	if _, err := os.Stat(final); err == nil {
		if err := os.Rename(final, old); err != nil {
			return fmt.Errorf("无法替换 %s（文件是否在其他程序中打开？）：%w", final, err)
		}
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Rename(old, final)
		return fmt.Errorf("无法写入 %s：%w", final, err)
	}
	return os.RemoveAll(old)
}

func oldName(final string) string {
	return filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".old")
}

// recoverOld restores a previous output that a killed build left aside, and
// removes temporary folders of killed builds.
func recoverOld(final string) {
	old := oldName(final)
	if _, err := os.Stat(final); os.IsNotExist(err) {
		if _, err := os.Stat(old); err == nil {
			os.Rename(old, final)
		}
	}
	tmps, _ := filepath.Glob(filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".tmp-*"))
	for _, t := range tmps {
		os.RemoveAll(t)
	}
}
