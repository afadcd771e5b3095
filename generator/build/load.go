package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"mofan/generator/diag"
	"mofan/generator/fontset"
	"mofan/generator/input"
	"mofan/generator/model"
	"mofan/generator/notice"
	"mofan/generator/plan"
	"mofan/generator/score"
)

// Config names the inputs of a run.
type Config struct {
	Seeds     string // the seeds folder
	Years     []int  // the years to load; empty = the latest year under Seeds
	All       bool   // every year under Seeds (Years must be empty)
	Fonts     string // fonts.toml
	Templates string // the templates folder
}

// Run is what the Load phase hands to the later phases: every year ready to
// build, and the engine holding the fonts they are drawn with.
type Run struct {
	Engine   *Engine
	Years    []*Year
	Warnings []*diag.Problem // problems that did not stop the run
}

// Load is the first phase of a build, and all of `mofan check`: it reads the
// plan, each year's year.toml, unit files and returned forms, the templates
// and the fonts, and checks everything a later phase would refuse — glyph
// coverage of every string that will be printed, template fields, dates — so
// that a clean Load is a successful build. Every problem of every year comes
// back at once, as a *diag.List; nothing is written.
func Load(cfg Config) (*Run, error) {
	var probs diag.List
	years := cfg.Years
	if cfg.All || len(years) == 0 {
		all := input.Years(cfg.Seeds)
		switch {
		case len(all) == 0:
			probs.Add(diag.Pos{File: cfg.Seeds}, "输入目录下没有年度数据（如 seeds/2020/year.toml）", "用 --seeds 指定输入目录，或用 mofan sample 生成示例数据")
			return nil, probs.Err()
		case cfg.All:
			years = all
		default:
			years = all[len(all)-1:]
		}
	}
	run := &Run{}
	// The fonts are loaded while the inputs are read, and even when the
	// inputs have problems, so that a broken fonts.toml is reported in the
	// same run.
	type engineResult struct {
		eng *Engine
		err error
	}
	engine := make(chan engineResult, 1)
	go func() {
		var eng *Engine
		err := guarded(func() error { // the fonts are mapped into memory
			specs, err := input.LoadFontConfig(cfg.Fonts)
			if err == nil {
				eng, err = NewEngineFonts(specs)
			}
			return err
		})
		engine <- engineResult{eng, err}
	}()
	loaded := map[int]*Year{} // nil: the year failed to load
	var todo []*Year
	for _, y := range years {
		by := loadOneYear(cfg, y, loaded, &probs)
		if by == nil {
			continue
		}
		if CycleEnd(by.Plan.Notice.Issued.Year(), y) {
			by.Earlier = loadEarlier(cfg, y, loaded, &probs)
			if len(by.Earlier) == 2 {
				checkCycleTemplates(by, &probs)
			}
		}
		todo = append(todo, by)
	}
	er := <-engine
	run.Engine = er.eng
	err := er.err
	if err != nil {
		if !merge(&probs, err) {
			return nil, err
		}
	}
	if run.Engine != nil {
		checked := map[*Year]bool{}
		err := guarded(func() error { // the glyph coverage is read from the mapped fonts
			for _, y := range todo {
				for _, e := range append(append([]*Year(nil), y.Earlier...), y) {
					if !checked[e] {
						checked[e] = true
						checkGlyphs(run.Engine.Fonts, e, &probs)
					}
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	run.Warnings = probs.Warnings()
	if err := probs.Err(); err != nil {
		return nil, err
	}
	run.Years = todo
	return run, nil
}

// merge adds the problems of err to probs; it reports false when err is not
// a problem list (an unexpected failure that the caller returns as it is).
func merge(probs *diag.List, err error) bool {
	var l *diag.List
	if !errors.As(err, &l) {
		return false
	}
	for _, p := range l.Problems() {
		probs.Append(p)
	}
	return true
}

// loadOneYear reads one year, its plan and its templates; problems go to probs.
func loadOneYear(cfg Config, year int, loaded map[int]*Year, probs *diag.List) *Year {
	if y, ok := loaded[year]; ok {
		return y
	}
	loaded[year] = nil
	dir := filepath.Join(cfg.Seeds, fmt.Sprint(year))
	yearFile := filepath.Join(dir, "year.toml")
	if !input.YearExists(dir, year, probs) {
		return nil
	}
	p, err := plan.Load(input.PlanPath(yearFile))
	if err != nil {
		if !merge(probs, err) {
			probs.Add(diag.Pos{File: input.PlanPath(yearFile)}, err.Error(), "")
		}
		return nil
	}
	if p, err = plan.ForYear(p, dir); err != nil { // the year's own 考评要点.md, if any
		if !merge(probs, err) {
			probs.Add(diag.Pos{File: dir}, err.Error(), "")
		}
		return nil
	}
	in, err := input.Load(dir, year, p)
	if err != nil {
		if !merge(probs, err) {
			probs.Add(diag.Pos{File: dir}, err.Error(), "")
		}
		return nil
	}
	for _, w := range in.Warnings {
		probs.Append(w)
	}
	y := &Year{Plan: p, In: in, Template: filepath.Join(cfg.Templates, "表彰通知.md")}
	if !checkTemplates(y, probs) {
		return nil
	}
	loaded[year] = y
	return y
}

// loadEarlier loads the two years before year for the three-year evaluation
// (三年总评). A missing year is a warning — there is no evaluation — and a
// broken one an error.
func loadEarlier(cfg Config, year int, loaded map[int]*Year, probs *diag.List) []*Year {
	var out []*Year
	for _, y := range []int{year - 2, year - 1} {
		if _, seen := loaded[y]; !seen {
			dir := filepath.Join(cfg.Seeds, fmt.Sprint(y))
			if _, err := os.Stat(filepath.Join(dir, "year.toml")); err != nil {
				probs.Warn(diag.Pos{File: dir}, fmt.Sprintf("%d 年是三年一总评之年，但缺少 %d 年度数据，不生成三年总评", year, y), "")
				return nil
			}
		}
		e := loadOneYear(cfg, y, loaded, probs)
		if e == nil {
			return nil
		}
		out = append(out, e)
	}
	return out
}

// checkTemplates loads the 公文 templates of the folder of y.Template and
// executes each with the year's scores as the Compose phase will (for every
// unit where the template makes one document per unit), so that a misspelt
// field, a template syntax error or a missing [documents."名称"] is found
// here and not by the Compose phase. The three-year evaluation's templates
// are checked with the evaluation by checkCycleTemplates.
func checkTemplates(y *Year, probs *diag.List) bool {
	if err := y.loadTemplates(); err != nil {
		if !merge(probs, err) {
			probs.Add(diag.Pos{File: y.Template}, err.Error(), "")
		}
		return false
	}
	leaveOutUntabled(y, probs)
	ctx := &notice.Context{Plan: y.Plan, Year: y.In.Year, Result: score.Compute(y.Plan, y.In), Unit: -1}
	if err := notice.Check(y.Templates, ctx); err != nil {
		var l *diag.List
		if !errors.As(err, &l) {
			probs.Add(diag.Pos{File: y.Template}, err.Error(), "")
			return false
		}
		// the same template problem found again in another year is told once
		seen := map[string]bool{}
		for _, p := range probs.Problems() {
			seen[p.Error()] = true
		}
		for _, p := range l.Problems() {
			if !seen[p.Error()] {
				probs.Append(p)
			}
		}
		return false
	}
	return true
}

// checkCycleTemplates executes the templates made in a year that closes a
// three-year cycle with that evaluation.
func checkCycleTemplates(y *Year, probs *diag.List) {
	var rs [3]*score.Result
	for i, e := range y.Earlier {
		rs[i] = score.Compute(e.Plan, e.In)
	}
	rs[2] = score.Compute(y.Plan, y.In)
	ctx := &notice.Context{Plan: y.Plan, Year: y.In.Year, Result: rs[2], Overall: score.ComputeOverall(rs), Unit: -1}
	for _, t := range y.Templates {
		if t.When != notice.WhenCycle {
			continue
		}
		if _, err := t.Compose(ctx); err != nil && !merge(probs, err) {
			probs.Add(diag.Pos{File: t.Path}, err.Error(), "")
		}
	}
}

// printed calls f with every string of a year that a document prints, the
// files it may have come from (the first is blamed when none holds it) and
// its position when known.
func printed(y *Year, f func(text string, files []string, at diag.Pos)) {
	p := y.Plan
	plan := []string{p.Source}
	n := p.Notice
	for _, s := range []string{n.Issuer, n.Number, n.Title, n.Addressee, n.Signature, n.Date, p.Program.Title, p.UnitsTitle, p.UnitsNote, p.PointsTitle} {
		f(s, plan, diag.Pos{File: p.Source})
	}
	for _, t := range n.Body {
		f(t.Text, plan, t.Pos)
	}
	for _, b := range p.Program.Blocks {
		f(b.Text, plan, b.Pos)
	}
	for _, a := range p.Attachments {
		f(a.Title, plan, a.Pos)
	}
	for _, u := range p.Units {
		f(u.Name, plan, u.Pos)
	}
	for _, pt := range p.Points {
		f(pt.Group+pt.Text+pt.Note, plan, pt.Pos)
	}
	yr := y.In.Year
	yn := yr.Notice
	for _, s := range []string{yn.Title, yn.Number, yn.Issuer, yn.Signature, yn.Addressee, yn.CC, yn.Printer} {
		f(s, []string{yr.File}, diag.Pos{File: yr.File})
	}
	for _, u := range y.In.Units {
		if u.Missing {
			continue
		}
		files := []string{u.File, filepath.Join(y.In.Dir, "returned", model.FileName(u.No, u.Name)+".toml")}
		for _, s := range []string{u.PartyOrg, u.Secretary, u.Contact, u.Phone} {
			f(s, files, diag.Pos{File: u.File})
		}
		for _, a := range u.Self {
			f(a.Evidence, files, diag.Pos{File: u.File})
		}
		for _, a := range u.Adjust {
			f(a.Reason, files[:1], a.Pos)
		}
		if u.Veto != nil {
			f(u.Veto.Reason, files[:1], u.Veto.Pos)
		}
	}
}

// checkGlyphs finds characters that no font of the run can draw, in every
// string a document of year y prints, and reports each at its place in the
// file it came from (its first occurrence there, column in characters).
func checkGlyphs(fonts *fontset.Set, y *Year, probs *diag.List) {
	type key struct {
		file string
		r    rune
	}
	seen := map[key]bool{}
	texts := map[string]string{} // file contents, read once
	read := func(file string) string {
		src, ok := texts[file]
		if !ok {
			b, _ := os.ReadFile(file)
			src = string(b)
			texts[file] = src
		}
		return src
	}
	printed(y, func(text string, files []string, at diag.Pos) {
		for _, r := range text {
			if drawable(fonts, r) {
				continue
			}
			pos := at
			for _, file := range files {
				if p, ok := find(read(file), r, file); ok {
					pos = p
					break
				}
			}
			if k := (key{pos.File, r}); !seen[k] {
				seen[k] = true
				probs.Add(pos, glyphMessage(r), glyphHint(r))
			}
		}
	})
}

// drawable reports whether some face of fonts can draw r. Characters beyond
// U+FFFF are refused: office fonts and readers handle them unreliably.
func drawable(fonts *fontset.Set, r rune) bool {
	if r == '\n' || r == '\t' {
		return true
	}
	if r > 0xFFFF {
		return false
	}
	_, ok := fonts.Pick(model.RoleBody, r)
	return ok
}

// find returns the position (column in characters) of the first r in src.
func find(src string, r rune, file string) (diag.Pos, bool) {
	if src == "" {
		return diag.Pos{}, false
	}
	i := strings.IndexRune(src, r)
	if i < 0 {
		return diag.Pos{File: file}, false
	}
	line := 1 + strings.Count(src[:i], "\n")
	start := strings.LastIndexByte(src[:i], '\n') + 1
	return diag.Pos{File: file, Line: line, Col: utf8.RuneCountInString(src[start:i]) + 1}, true
}

func glyphMessage(r rune) string {
	if unicode.Is(unicode.Cf, r) || unicode.IsControl(r) || unicode.IsSpace(r) {
		return fmt.Sprintf("含有不可见字符 U+%04X，无法打印", r)
	}
	return fmt.Sprintf("字符“%c”（U+%04X）无法打印：所有字体都没有这个字", r, r)
}

func glyphHint(r rune) string {
	switch {
	case unicode.Is(unicode.Cf, r) || unicode.IsControl(r) || unicode.IsSpace(r):
		return "这类字符常随复制粘贴带入，删去即可"
	case r > 0xFFFF || unicode.Is(unicode.So, r):
		return "删去表情符号等特殊字符，或换成文字"
	}
	return "换成常用字；如确需此字，在 fonts/fonts.toml 中为 fallback 指定含有该字的字体"
}
