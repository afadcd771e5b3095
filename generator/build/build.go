// Package build orders the phases of a year's build: it lays out and draws
// every document, writes every workbook, and puts them in place atomically.
//
// Phases: plan the outputs (one job per file) → run the jobs on a bounded set
// of workers into a temporary folder beside <out>/<year> → write SHA256SUMS →
// swap the folder in. Nothing is visible in <out>/<year> until every job has
// succeeded, so a failed or killed build leaves the previous output as it was.
package build

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"mofan/generator/compose"
	"mofan/generator/diag"
	"mofan/generator/fontset"
	"mofan/generator/input"
	"mofan/generator/layout"
	"mofan/generator/notice"
	"mofan/generator/pdf"
	"mofan/generator/plan"
	"mofan/generator/score"
	"mofan/generator/sheet"
)

// Engine is what every build of a run shares: the fonts, parsed once, and
// the PDF renderer built on them.
type Engine struct {
	Fonts    *fontset.Set
	renderer *pdf.Renderer
	metrics  layout.Fonts
}

// NewEngine loads the fonts named by fonts.toml and prepares the renderer.
func NewEngine(fontsToml string) (*Engine, error) {
	fs, err := fontset.LoadConfig(fontsToml)
	if err != nil {
		return nil, err
	}
	r, err := pdf.New(fs)
	if err != nil {
		return nil, err
	}
	return &Engine{Fonts: fs, renderer: r, metrics: layout.NewFontSet(fs)}, nil
}

// Year is one year's inputs, ready to build.
type Year struct {
	Plan     *plan.Plan
	In       *input.Inputs
	Template string // templates/表彰通知.md
	// Earlier holds the two years before this one, oldest first, when this
	// year closes a three-year cycle (see CycleEnd); the build then also
	// writes the three-year evaluation (三年总评).
	Earlier []*Year
}

// CycleEnd reports whether year closes a three-year cycle (三年一总评) of a
// plan issued in planYear: the cycle counts the plan's own year as its first,
// so a 2020 plan closes cycles in 2022, 2025, …
func CycleEnd(planYear, year int) bool {
	return year >= planYear+2 && (year-planYear)%3 == 2
}

// Result tells what a build wrote.
type Result struct {
	Dir   string
	Files []string // relative paths, sorted
	Bytes int64
}

// job makes one output file.
type job struct {
	path string // relative to the year's output folder, with forward slashes
	make func() ([]byte, error)
}

// PDF lays out and draws a document.
func (e *Engine) PDF(doc *layout.Document) ([]byte, error) {
	pages, err := layout.Layout(doc, e.metrics)
	if err != nil {
		return nil, err
	}
	return e.renderer.Render(doc, pages)
}

func (e *Engine) pdfJob(path string, compose func() (*layout.Document, error)) job {
	return job{path: path, make: func() ([]byte, error) {
		doc, err := compose()
		if err != nil {
			return nil, err
		}
		return e.PDF(doc)
	}}
}

func static(doc *layout.Document) func() (*layout.Document, error) {
	return func() (*layout.Document, error) { return doc, nil }
}

// jobs lists every output of a year, in a fixed order.
func (e *Engine) jobs(y *Year, r *score.Result) []job {
	p, yr := y.Plan, y.In.Year
	js := []job{
		e.pdfJob("实施方案.pdf", static(compose.Plan(p))),
		e.pdfJob("单位名单.pdf", static(compose.UnitList(p, yr))),
		{path: "单位名单.xlsx", make: func() ([]byte, error) { return sheet.UnitList(p, yr) }},
		e.pdfJob("考评汇总.pdf", static(notice.ComposeSummary(p, yr, r))),
		{path: "考评汇总.xlsx", make: func() ([]byte, error) { return sheet.Summary(p, yr, r) }},
	}
	if len(r.Commended) > 0 {
		js = append(js,
			e.pdfJob("表彰通知.pdf", func() (*layout.Document, error) { return notice.Compose(y.Template, p, yr, r) }),
			job{path: "表彰通知.xlsx", make: func() ([]byte, error) { return sheet.CommendList(p, yr, r) }},
		)
	}
	if len(y.Earlier) == 2 {
		var rs [3]*score.Result
		for i, e := range y.Earlier {
			rs[i] = score.Compute(e.Plan, e.In)
		}
		rs[2] = r
		o := score.ComputeOverall(rs)
		js = append(js,
			e.pdfJob("三年总评.pdf", static(notice.ComposeOverall(p, yr, o))),
			job{path: "三年总评.xlsx", make: func() ([]byte, error) { return sheet.Overall(p, yr, o) }},
		)
	}
	for _, u := range y.In.Units {
		u := u
		base := input.FileName(u.No, u.Name)
		js = append(js,
			e.pdfJob("考评要点/"+base+".pdf", static(compose.Checklist(p, yr, u))),
			job{path: "考评要点/" + base + ".xlsx", make: func() ([]byte, error) { return sheet.Checklist(p, yr, u) }},
			e.pdfJob("自评表/"+base+".pdf", static(compose.SelfForm(p, yr, u))),
			job{path: "自评表/" + base + ".xlsx", make: func() ([]byte, error) { return sheet.SelfForm(p, yr, u) }},
		)
	}
	return js
}

// Build writes every document of year y into outDir/<year>, atomically.
func (e *Engine) Build(y *Year, outDir string) (*Result, error) {
	r := score.Compute(y.Plan, y.In)
	js := e.jobs(y, r)
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
	res, err := run(js, tmp)
	if err != nil {
		return nil, err
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

// run executes the jobs on runtime.NumCPU() workers, writing into dir. All
// input problems of all jobs are collected and returned together.
func run(js []job, dir string) (*Result, error) {
	workers := runtime.NumCPU()
	if workers > len(js) {
		workers = len(js)
	}
	type outcome struct {
		size int64
		err  error
	}
	outs := make([]outcome, len(js))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outs[i].size, outs[i].err = write(dir, js[i])
			}
		}()
	}
	for i := range js {
		next <- i
	}
	close(next)
	wg.Wait()
	var probs diag.List
	var other []error
	seen := map[string]bool{}
	res := &Result{}
	for i, o := range outs {
		if o.err == nil {
			res.Files = append(res.Files, js[i].path)
			res.Bytes += o.size
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
		other = append(other, fmt.Errorf("%s：%w", js[i].path, o.err))
	}
	if probs.HasErrors() {
		return nil, probs.Err()
	}
	if len(other) > 0 {
		return nil, errors.Join(other...)
	}
	sort.Strings(res.Files)
	return res, nil
}

func write(dir string, j job) (int64, error) {
	b, err := j.make()
	if err != nil {
		return 0, err
	}
	path := filepath.Join(dir, filepath.FromSlash(j.path))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0, err
	}
	return int64(len(b)), os.WriteFile(path, b, 0o644)
}

// writeSums writes SHA256SUMS: one "digest  path" line per file, sorted by path.
func writeSums(dir string, res *Result) error {
	var b strings.Builder
	for _, f := range res.Files {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%x  %s\n", sha256.Sum256(data), f)
	}
	res.Files = append(res.Files, "SHA256SUMS")
	return os.WriteFile(filepath.Join(dir, "SHA256SUMS"), []byte(b.String()), 0o644)
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
