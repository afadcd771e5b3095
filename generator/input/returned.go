package input

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// ReturnedDir is the folder under seeds/<year> where mofan collect records
// the returned 自评表, one file per unit: returned/NN-<单位>.toml.
const ReturnedDir = "returned"

// MaxText is the longest text value (reasons) an input may hold, in
// characters. Evidence is bounded by model.MaxEvidence, contact fields by
// model.MaxContact.
const MaxText = maxText

// MaxContact is the longest contact field (secretary, contact, phone), in characters.
const MaxContact = model.MaxContact

// ReturnedForm is seeds/<year>/returned/NN-<单位>.toml: what a unit's
// returned 自评表 said, as mofan collect recorded it. Load lets its
// self-assessment replace the unit file's, and its contact fields fill the
// ones the unit file leaves empty.
type ReturnedForm struct {
	File                      string
	Year                      int
	Name                      string
	Secretary, Contact, Phone string
	Self                      []model.Assessment // in plan.Points order
	Source                    FormSource
	Pos                       map[string]diag.Pos // positions of keys, as Unit.Pos
}

// FormSource is where a returned form came from.
type FormSource struct {
	File     string    // the workbook's base name as received
	SHA256   string    // of the workbook's bytes, lower-case hex
	Modified time.Time // when the workbook was last saved, UTC
	DateFrom string    // DateWorkbook or DateFile: where Modified was read
}

// Where FormSource.Modified was read.
const (
	DateWorkbook = "workbook" // docProps/core.xml of the workbook
	DateFile     = "file"     // the file's modification time
)

var reSHA256 = regexp.MustCompile(`^[0-9a-f]{64}$`)

// returnedKeys are the keys allowed at the top of a returned file.
var returnedKeys = []string{"name", "year", "secretary", "contact", "phone", "source", "self"}

// LoadReturned reads one returned file as strictly as a unit file. The unit's
// name is checked against 附件1 by the caller; y gives the year and the 分值
// of each point.
func LoadReturned(path string, p *model.Plan, y *model.Year, probs *diag.List) *ReturnedForm {
	r := &ReturnedForm{File: path, Self: make([]model.Assessment, len(p.Points)), Pos: map[string]diag.Pos{}}
	d, ok := readTOML(path, probs)
	if !ok {
		return nil
	}
	r.Pos = keptPositions(d.where)
	top := d.table("", d.data, probs)
	top.only(returnedKeys...)
	r.Name = top.str("name", true)
	r.Year = readYearKey(d, top, y, probs, "报回的自评表只能放在本年度的 returned 目录中")
	r.Secretary = top.str("secretary", false)
	r.Contact = top.str("contact", false)
	r.Phone = top.str("phone", false)
	for _, k := range []string{"secretary", "contact", "phone"} {
		if s, _ := d.data[k].(string); len([]rune(s)) > MaxContact {
			probs.Add(d.pos(k), fmt.Sprintf("“%s”过长（%d 字）", k, len([]rune(s))), fmt.Sprintf("不超过 %d 字", MaxContact))
		}
	}
	r.Source = readSource(d, top, probs)
	ids := make([]string, len(p.Points))
	for i, pt := range p.Points {
		ids[i] = pt.ID
	}
	readSelf(d, top, p, y, ids, r.Self)
	return r
}

// applyReturned reads seeds/<year>/returned/*.toml and lets each replace the
// self-assessment of its unit in byName (adding the unit when it has no unit
// file), filling the contact fields the unit file leaves empty.
func applyReturned(dir string, p *model.Plan, y *model.Year, byName map[string]*model.Unit, probs *diag.List) {
	rdir := filepath.Join(dir, ReturnedDir)
	entries, err := os.ReadDir(rdir)
	if err != nil {
		if !os.IsNotExist(err) {
			probs.Add(diag.Pos{File: rdir}, "无法读取报回自评表目录", "")
		}
		return
	}
	seen := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(rdir, name)
		if e.IsDir() || !strings.HasSuffix(strings.ToLower(name), ".toml") {
			continue
		}
		m := reUnitFile.FindStringSubmatch(name)
		if m == nil {
			probs.Add(diag.Pos{File: path}, "报回自评表的记录文件名应为“序号-单位名称.toml”", "这些文件由 mofan collect 写入，请勿手工添加")
			continue
		}
		r := LoadReturned(path, p, y, probs)
		if r == nil || r.Name == "" {
			continue
		}
		pu := p.Unit(r.Name)
		if pu == nil {
			pos, msg, hint := unknownUnit(r.Name, d0(r, "name"), "", p)
			probs.Add(pos, msg, hint)
			continue
		}
		if first, dup := seen[r.Name]; dup {
			probs.Add(d0(r, "name"), fmt.Sprintf("单位“%s”有两份报回自评表的记录，另一份是 %s", r.Name, first), "删去其中一份，再用 mofan collect 重新收录")
			continue
		}
		seen[r.Name] = path
		if n, _ := strconv.Atoi(m[1]); n != pu.No || m[2] != r.Name {
			probs.Warn(diag.Pos{File: path}, fmt.Sprintf("文件名与单位不符：“%s”在附件1中是第%d个", r.Name, pu.No), "建议改名为 "+model.FileName(pu.No, r.Name)+".toml")
		}
		u, ok := byName[r.Name]
		if !ok {
			u = &model.Unit{File: path, No: pu.No, Name: r.Name, Review: make([]model.Review, len(p.Points)), Pos: map[string]diag.Pos{}}
			byName[r.Name] = u
		}
		mergeReturned(u, r)
	}
}

// d0 is the position of a top-level key of a returned file.
func d0(r *ReturnedForm, key string) diag.Pos {
	if p, ok := r.Pos[key]; ok {
		return p
	}
	return diag.Pos{File: r.File, Line: 1, Col: 1}
}

// mergeReturned puts the returned self-assessment in place of the unit's and
// fills its empty contact fields; positions follow the values.
func mergeReturned(u *model.Unit, r *ReturnedForm) {
	pos := make(map[string]diag.Pos, len(u.Pos))
	for k, v := range u.Pos {
		if k != "self" && !strings.HasPrefix(k, "self.") {
			pos[k] = v
		}
	}
	for k, v := range r.Pos {
		if k == "self" || strings.HasPrefix(k, "self.") {
			pos[k] = v
		}
	}
	u.Self = append([]model.Assessment(nil), r.Self...)
	for _, f := range []struct {
		key      string
		dst      *string
		returned string
	}{{"secretary", &u.Secretary, r.Secretary}, {"contact", &u.Contact, r.Contact}, {"phone", &u.Phone, r.Phone}} {
		if *f.dst == "" && f.returned != "" {
			*f.dst = f.returned
			pos[f.key] = d0(r, f.key)
		}
	}
	u.Pos = pos
}

// ReturnedText writes r as a returned file, formatted like the unit files,
// with a header saying mofan collect wrote it. Points with neither a score nor
// evidence are left out.
func ReturnedText(r *ReturnedForm, p *model.Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %d 年度自评表（单位报回）。\n", r.Name, r.Year)
	b.WriteString("# 本文件由 mofan collect 根据单位报回的自评表写入，请勿手工修改。\n")
	b.WriteString("# 需要更正时，请单位改好自评表后重新报送，再运行 mofan collect；\n")
	b.WriteString("# 删除本文件，则 mofan build 改用 units/ 下单位文件中的自评。\n")
	fmt.Fprintf(&b, "name = %s\n", Quote(r.Name))
	fmt.Fprintf(&b, "year = %d\n", r.Year)
	fmt.Fprintf(&b, "secretary = %s  # 党组织书记\n", Quote(r.Secretary))
	fmt.Fprintf(&b, "contact = %s    # 联系人\n", Quote(r.Contact))
	fmt.Fprintf(&b, "phone = %s      # 联系电话\n", Quote(r.Phone))
	writeSource(&b, r.Source, "报回的表格")
	b.WriteString("\n# 自评：每个考评要点的自评得分和完成情况/佐证材料\n")
	for i, pt := range p.Points {
		if i >= len(r.Self) {
			break
		}
		a := r.Self[i]
		if !a.Has && a.Evidence == "" {
			continue
		}
		fmt.Fprintf(&b, "[self.%s]\n", pt.ID)
		if a.Has {
			fmt.Fprintf(&b, "score = %s\n", a.Score)
		}
		if a.Evidence != "" {
			fmt.Fprintf(&b, "evidence = %s\n", Quote(a.Evidence))
		}
	}
	return b.String()
}
