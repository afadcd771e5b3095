package input

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// maxText bounds one text value (evidence, reasons); a form cell holds far less.
const maxText = 2000

var reUnitFile = regexp.MustCompile(`^(\d{2,})-(.+)\.toml$`)

// unitKeys are the keys allowed at the top of a unit file.
var unitKeys = []string{"name", "sample", "party_org", "secretary", "contact", "phone", "self", "review", "adjust", "veto"}

// LoadUnit reads one unit file. The unit's number and name are checked against
// 附件1 by the caller; y gives the 分值 of each point.
func LoadUnit(path string, p *model.Plan, y *model.Year, probs *diag.List) *model.Unit {
	u := &model.Unit{File: path, Self: make([]model.Assessment, len(p.Points)), Review: make([]model.Review, len(p.Points)), Pos: map[string]diag.Pos{}}
	defer probs.Cap(path, maxProblems)
	d, ok := readTOML(path, probs)
	if !ok {
		return nil
	}
	u.Pos = keptPositions(d.where)
	top := d.table("", d.data, probs)
	top.only(unitKeys...)
	u.Name = top.str("name", true)
	u.Sample = top.boolean("sample")
	u.PartyOrg = top.str("party_org", false)
	u.Secretary = top.str("secretary", false)
	u.Contact = top.str("contact", false)
	u.Phone = top.str("phone", false)
	for _, k := range []string{"party_org", "secretary", "contact", "phone"} {
		if s, _ := d.data[k].(string); len([]rune(s)) > 100 {
			probs.Add(d.pos(k), fmt.Sprintf("“%s”过长（%d 字）", k, len([]rune(s))), "不超过 100 字")
		}
	}
	if u.Name != "" && p.Unit(u.Name) == nil && badChar(u.Name) < 0 { // a control character: reported by str
		at := d.pos("name")
		pos, msg, hint := unknownUnit(u.Name, at, textLine(d.text, at.Line), p)
		probs.Add(pos, msg, hint)
	}
	ids := make([]string, len(p.Points))
	for i, pt := range p.Points {
		ids[i] = pt.ID
	}
	readSelf(d, top, p, y, ids, u.Self)
	readReview(d, top, p, y, ids, u)
	return u
}

func (f *fields) limit(key, s string) {
	if n := len([]rune(s)); n > maxText {
		f.probs.Add(f.pos(key), fmt.Sprintf("“%s”过长（%d 字，上限 %d 字）", f.path(key), n, maxText), "请精简，详细材料另附")
	}
}

// YearExists reports whether the year's folder dir holds a year.toml; if
// not, it says so in one message (not one for year.toml and one for every
// unit), with what to do.
func YearExists(dir string, year int, probs *diag.List) bool {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		hint := fmt.Sprintf("开始新的年度用 mofan init --year %d，它从上一年度顺延生成全部文件", year)
		if ys := Years(filepath.Dir(dir)); len(ys) > 0 {
			have := make([]string, len(ys))
			for i, y := range ys {
				have[i] = strconv.Itoa(y)
			}
			hint += "；已有的年度：" + strings.Join(have, "、")
		}
		probs.Add(diag.Pos{File: dir}, fmt.Sprintf("没有 %d 年度的数据（找不到文件夹 %s）", year, dir), hint)
		return false
	}
	yearFile := filepath.Join(dir, "year.toml")
	if _, err := os.Stat(yearFile); err != nil {
		probs.Add(diag.Pos{File: yearFile}, "缺少年度配置文件 year.toml", fmt.Sprintf("从上一年度的文件夹复制 year.toml 到 %s，再改年度、文号和日期", dir))
		return false
	}
	return true
}

// Load reads seeds/<year>: year.toml and every unit file, checking them
// against the plan. Every problem is in the returned error (a *diag.List);
// warnings alone do not make an error and are kept in Inputs.Warnings.
func Load(dir string, year int, p *model.Plan) (*model.Inputs, error) {
	var probs diag.List
	in := &model.Inputs{Dir: dir}
	if !YearExists(dir, year, &probs) {
		return nil, probs.Err()
	}
	in.Year = LoadYear(filepath.Join(dir, "year.toml"), year, p, &probs)
	unitsDir := filepath.Join(dir, "units")
	uf := readUnitFiles(unitsDir, p, in.Year, &probs)
	byName, broken, txt, units := uf.byName, uf.broken, uf.txt, uf.files
	applyReturned(dir, p, in.Year, byName, &probs) // returned/*.toml: the self-assessments units sent back
	applyReviewed(dir, p, in.Year, byName, &probs) // reviewed/*.toml: the committee's review workbook
	if units == 0 && len(byName) == 0 && len(txt) == 0 {
		// One warning, not one for each unit.
		probs.Warn(diag.Pos{File: unitsDir}, fmt.Sprintf("没有任何单位的文件，将为全部 %d 个单位生成空白表格，汇总中都标为“未报送”", len(p.Units)),
			emptyUnitsHint(dir, year))
	}
	for _, pu := range p.Units {
		u, ok := byName[pu.Name]
		if !ok {
			u = &model.Unit{No: pu.No, Name: pu.Name, Missing: true, Self: make([]model.Assessment, len(p.Points)), Review: make([]model.Review, len(p.Points))}
		}
		if !ok && !broken[pu.Name] && !txt[pu.Name] && units > 0 {
			probs.Warn(diag.Pos{File: filepath.Join(unitsDir, model.FileName(pu.No, pu.Name)+".toml")}, fmt.Sprintf("缺少单位“%s”的文件，将生成空白表格，汇总中标为“未报送”", pu.Name), restoreHint(dir, year, pu.No, pu.Name))
		}
		in.Units = append(in.Units, u)
	}
	// What keeps the official documents from being written: reported by
	// check as by build, which then writes them only as drafts.
	for _, g := range model.OfficialGaps(in, p.Points) {
		if !g.Sample && !probs.HasErrors() { // sample data are meant to be drafts: said once by check and build, not warned
			probs.Append(g.Problem())
		}
	}
	in.Warnings = probs.Warnings()
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return in, nil
}

// unitFiles are the unit files of a year's units/ folder as read.
type unitFiles struct {
	byName map[string]*model.Unit // the units read, by name
	broken map[string]bool        // units whose file is there but unreadable: an error, not "missing"
	txt    map[string]bool        // units whose file was saved as .toml.txt: warned about already
	files  int                    // .toml files in units/
}

// readUnitFiles reads every unit file of unitsDir, in name order.
func readUnitFiles(unitsDir string, p *model.Plan, y *model.Year, probs *diag.List) unitFiles {
	entries, err := os.ReadDir(unitsDir)
	if err != nil && !os.IsNotExist(err) {
		probs.Add(diag.Pos{File: unitsDir}, "无法读取单位目录", "")
	}
	uf := unitFiles{byName: map[string]*model.Unit{}, broken: map[string]bool{}, txt: map[string]bool{}}
	byName, broken, txt := uf.byName, uf.broken, uf.txt
	loaded := loadUnits(unitsDir, entries, p, y)
	for _, e := range entries { // os.ReadDir sorts by name
		name := e.Name()
		path := filepath.Join(unitsDir, name)
		if lower := strings.ToLower(name); !e.IsDir() && strings.HasSuffix(lower, ".txt") && reUnitFile.MatchString(strings.TrimSuffix(lower, ".txt")+".toml") {
			// Notepad's "save as" adds .txt, and Explorer hides it.
			stem := name[:len(name)-len(".txt")]
			stem = strings.TrimSuffix(strings.TrimSuffix(stem, ".toml"), ".TOML")
			probs.Warn(diag.Pos{File: path}, "文件名以 .txt 结尾，不会被读取", fmt.Sprintf("改名为 %s.toml（在资源管理器中勾选“查看 → 文件扩展名”才能看到并删去 .txt）", stem))
			if m := reUnitFile.FindStringSubmatch(stem + ".toml"); m != nil {
				txt[m[2]] = true
			}
			continue
		}
		if !isTOML(e) {
			continue
		}
		uf.files++
		m := reUnitFile.FindStringSubmatch(name)
		if m == nil {
			probs.Add(diag.Pos{File: path}, "单位文件名应为“序号-单位名称.toml”", "如 01-市委办公室.toml")
			continue
		}
		l := loaded[name]
		probs.Append(&l.probs)
		u := l.unit
		if u == nil || u.Name == "" {
			broken[m[2]] = true
			continue
		}
		pu := p.Unit(u.Name)
		if pu == nil {
			broken[m[2]] = true
			continue
		}
		u.No = pu.No
		if first, dup := byName[u.Name]; dup {
			probs.Add(diag.Pos{File: path, Line: u.Pos["name"].Line, Col: u.Pos["name"].Col}, fmt.Sprintf("单位“%s”有两个文件，另一个是 %s", u.Name, first.File), "删去或合并其中一个")
			continue
		}
		byName[u.Name] = u
		if n, _ := strconv.Atoi(m[1]); n != pu.No || m[2] != u.Name {
			probs.Warn(diag.Pos{File: path}, fmt.Sprintf("文件名与单位不符：“%s”在附件1中是第%d个", u.Name, pu.No), "建议改名为 "+model.FileName(pu.No, u.Name)+".toml")
		}
	}
	return uf
}

// isTOML reports whether e is a file whose name ends in .toml, in any case.
func isTOML(e os.DirEntry) bool {
	return !e.IsDir() && strings.HasSuffix(strings.ToLower(e.Name()), ".toml")
}

// loadedUnit is a unit file as LoadUnit read it, with its own problems.
type loadedUnit struct {
	unit  *model.Unit
	probs diag.List
}

// loadUnits reads the unit files among entries (named NN-单位.toml) on
// GOMAXPROCS workers; the caller takes each file's problems in name order,
// so messages come out as if the files were read one after another.
func loadUnits(unitsDir string, entries []os.DirEntry, p *model.Plan, y *model.Year) map[string]*loadedUnit {
	var names []string
	for _, e := range entries {
		if name := e.Name(); isTOML(e) && reUnitFile.MatchString(name) {
			names = append(names, name)
		}
	}
	out := make(map[string]*loadedUnit, len(names))
	for _, name := range names {
		out[name] = &loadedUnit{}
	}
	next := make(chan string)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range next {
				l := out[name] // the map is only read while the workers run
				l.unit = LoadUnit(filepath.Join(unitsDir, name), p, y, &l.probs)
			}
		}()
	}
	for _, name := range names {
		next <- name
	}
	close(next)
	wg.Wait()
	return out
}

// restoreHint says how to bring back a unit file that is missing from a year
// that exists: copy it from the latest earlier year that has it, or from
// another unit. (mofan init starts a new year; it refuses an existing one.)
func restoreHint(dir string, year, no int, name string) string {
	file := model.FileName(no, name) + ".toml"
	ys := Years(filepath.Dir(dir))
	for i := len(ys) - 1; i >= 0; i-- {
		if ys[i] >= year {
			continue
		}
		from := filepath.Join(filepath.Dir(dir), strconv.Itoa(ys[i]), "units", file)
		if fi, err := os.Stat(from); err == nil && fi.Mode().IsRegular() {
			return fmt.Sprintf("如需填写该单位：把 %s 复制到 %s，删去其中 [self]、[review]、[[adjust]]、[veto] 各部分的旧内容后重新填写", from, filepath.Join(dir, "units"))
		}
	}
	return fmt.Sprintf("如需填写该单位：复制本目录中另一个单位的文件，改名为 %s，把其中的 name 改为“%s”并重新填写各项内容", file, name)
}

// emptyUnitsHint says how to fill an empty units folder of a year that exists.
func emptyUnitsHint(dir string, year int) string {
	units := filepath.Join(dir, "units")
	ys := Years(filepath.Dir(dir))
	for i := len(ys) - 1; i >= 0; i-- {
		if ys[i] < year {
			from := filepath.Join(filepath.Dir(dir), strconv.Itoa(ys[i]), "units")
			return fmt.Sprintf("各单位的文件应放在 %s 中：可把 %s 中的文件复制过来，删去其中 [self]、[review]、[[adjust]]、[veto] 各部分的旧内容后填写", units, from)
		}
	}
	return fmt.Sprintf("各单位的文件应放在 %s 中，每个单位一个“序号-单位名称.toml”；可用 mofan sample 生成一套示例参照", units)
}

// Years lists the years under a seeds folder (folders named by a year that
// hold a year.toml), in ascending order.
func Years(seeds string) []int {
	entries, _ := os.ReadDir(seeds)
	var out []int
	for _, e := range entries {
		n, err := strconv.Atoi(e.Name())
		if err != nil || !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(seeds, e.Name(), "year.toml")); err == nil {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out
}

// keptPositions keeps the positions later stages quote in their messages
// (identity fields, the veto, each point's evidence), not every key's: at
// thousands of units the full maps were most of the inputs' memory.
func keptPositions(where map[string]diag.Pos) map[string]diag.Pos {
	out := make(map[string]diag.Pos, 32)
	for k, p := range where {
		switch {
		case k == "name", k == "party_org", k == "secretary", k == "contact", k == "phone", k == "veto", k == "self",
			strings.HasPrefix(k, "self.") && strings.HasSuffix(k, ".evidence"):
			out[k] = p
		}
	}
	return out
}

// readSelf reads the [self.<id>] tables of a unit or returned file into self
// (plan.Points order): a score within 0..分值 and the evidence of each point.
func readSelf(d *doc, top *fields, p *model.Plan, y *model.Year, ids []string, self []model.Assessment) {
	m, ok := top.subtable("self")
	if !ok {
		return
	}
	f := d.table("self", m, top.probs)
	f.only(ids...)
	for i, pt := range p.Points {
		sub, ok := f.subtable(pt.ID)
		if !ok {
			continue
		}
		g := d.table("self."+pt.ID, sub, top.probs)
		g.only("score", "evidence")
		if t, ok := g.number("score", 0, y.Max[i]); ok {
			self[i] = model.Assessment{Has: true, Score: t}
		}
		self[i].Evidence = g.str("evidence", false)
		g.limit("evidence", self[i].Evidence)
		// The 自评表's evidence cells are sized for model.MaxEvidence characters.
		// (Longer than maxText was reported by str, and the value cut.)
		raw, _ := sub["evidence"].(string)
		if n := utf8.RuneCountInString(strings.TrimSpace(raw)); n > model.MaxEvidence && n <= maxText {
			g.probs.Add(g.pos("evidence"), fmt.Sprintf("“self.%s.evidence”过长（%d 字，上限 %d 字）", pt.ID, n, model.MaxEvidence), "自评表每项完成情况/佐证材料不超过 "+strconv.Itoa(model.MaxEvidence)+" 字，请精简，详细材料另附")
		}
	}
}
