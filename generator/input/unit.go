package input

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"mofan/generator/diag"
	"mofan/generator/model"
	"mofan/generator/plan"
)

// maxText bounds one text value (evidence, reasons); a form cell holds far less.
const maxText = 2000

var reUnitFile = regexp.MustCompile(`^(\d{2,})-(.+)\.toml$`)

// unitKeys are the keys allowed at the top of a unit file.
var unitKeys = []string{"name", "sample", "party_org", "secretary", "contact", "phone", "self", "review", "adjust", "veto"}

// LoadUnit reads one unit file. The unit's number and name are checked against
// 附件1 by the caller; y gives the 分值 of each point.
func LoadUnit(path string, p *plan.Plan, y *Year, probs *diag.List) *Unit {
	u := &Unit{File: path, Self: make([]Assessment, len(p.Points)), Review: make([]Review, len(p.Points)), Pos: map[string]diag.Pos{}}
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
	if u.Name != "" && p.Unit(u.Name) == nil {
		names := make([]string, len(p.Units))
		for i, x := range p.Units {
			names[i] = x.Name
		}
		hint := "单位名称须与实施方案附件1完全一致"
		if s := nearest(u.Name, names); s != "" {
			hint = fmt.Sprintf("是不是“%s”？", s)
		}
		probs.Add(d.pos("name"), fmt.Sprintf("单位“%s”不在实施方案附件1的名单中", diag.Show(u.Name)), hint)
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

// Load reads seeds/<year>: year.toml and every unit file, checking them
// against the plan. Every problem is in the returned error (a *diag.List);
// warnings alone do not make an error and are kept in Inputs.Warnings.
func Load(dir string, year int, p *plan.Plan) (*Inputs, error) {
	var probs diag.List
	in := &Inputs{Dir: dir}
	in.Year = LoadYear(filepath.Join(dir, "year.toml"), year, p, &probs)
	unitsDir := filepath.Join(dir, "units")
	entries, err := os.ReadDir(unitsDir)
	if err != nil && !os.IsNotExist(err) {
		probs.Add(diag.Pos{File: unitsDir}, "无法读取单位目录", "")
	}
	byName := map[string]*Unit{}
	broken := map[string]bool{} // units whose file is there but unreadable: an error, not "missing"
	for _, e := range entries { // os.ReadDir sorts by name
		name := e.Name()
		path := filepath.Join(unitsDir, name)
		if e.IsDir() || !strings.HasSuffix(strings.ToLower(name), ".toml") {
			continue
		}
		m := reUnitFile.FindStringSubmatch(name)
		if m == nil {
			probs.Add(diag.Pos{File: path}, "单位文件名应为“序号-单位名称.toml”", "如 01-市委办公室.toml")
			continue
		}
		u := LoadUnit(path, p, in.Year, &probs)
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
			probs.Warn(diag.Pos{File: path}, fmt.Sprintf("文件名与单位不符：“%s”在附件1中是第%d个", u.Name, pu.No), "建议改名为 "+FileName(pu.No, u.Name)+".toml")
		}
	}
	applyReturned(dir, p, in.Year, byName, &probs) // returned/*.toml: the self-assessments units sent back
	applyReviewed(dir, p, in.Year, byName, &probs) // reviewed/*.toml: the committee's review workbook
	for _, pu := range p.Units {
		u, ok := byName[pu.Name]
		if !ok {
			u = &Unit{No: pu.No, Name: pu.Name, Missing: true, Self: make([]Assessment, len(p.Points)), Review: make([]Review, len(p.Points))}
		}
		if !ok && !broken[pu.Name] {
			probs.Warn(diag.Pos{File: filepath.Join(unitsDir, FileName(pu.No, pu.Name)+".toml")}, fmt.Sprintf("缺少单位“%s”的文件，将生成空白表格，汇总中标为“未报送”", pu.Name), "用 mofan init 生成，或复制其他单位的文件修改")
		}
		in.Units = append(in.Units, u)
	}
	in.Warnings = probs.Warnings()
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return in, nil
}

// FileName is the base name of a unit's files (see model.FileName).
func FileName(no int, name string) string { return model.FileName(no, name) }

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
func readSelf(d *doc, top *fields, p *plan.Plan, y *Year, ids []string, self []Assessment) {
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
			self[i] = Assessment{Has: true, Score: t}
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
