package collect

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"mofan/generator/input"
	"mofan/generator/model"
	"mofan/generator/sheet"
)

// Limits on the zip package of a returned form, checked before the
// spreadsheet reader opens it. A filled 自评表 saved by Excel, WPS or
// LibreOffice has about 10–20 parts and unzips to well under 1 MB; its
// largest part stays under 300 KB even with every evidence cell at the
// 2000-character limit. Reading a worksheet of 2 MB (about 40,000 rows)
// takes some 0.4 s, so that is the most a part may hold.
const (
	maxParts       = 1000
	maxUnzipped    = 16 << 20 // all parts together
	maxPartSize    = 2 << 20  // one part
	maxCompression = 200      // unzipped/zipped ratio of a part larger than 1 MB
)

// check reads the file of r and checks it, filling r.Unit, r.Form, r.Total,
// r.Scored and r.Notes, or refusing r.
func (c *Collector) check(r *Result) {
	limit := c.MaxBytes
	if limit <= 0 {
		limit = MaxBytes
	}
	fi, err := os.Stat(r.Path)
	switch {
	case err != nil:
		r.refuse("无法读取文件：%v", err)
		return
	case !fi.Mode().IsRegular():
		r.refuse("不是普通文件")
		return
	case fi.Size() == 0:
		r.refuse("文件是空的（0 字节），不是自评表")
		return
	case fi.Size() > limit:
		r.refuse("文件过大（%s，上限 %s），不是自评表", size(fi.Size()), size(limit))
		return
	}
	data, err := os.ReadFile(r.Path)
	if err != nil {
		r.refuse("无法读取文件：%v", err)
		return
	}
	if msg := sniff(data); msg != "" {
		r.refuse("%s", msg)
		return
	}
	sum := sha256.Sum256(data)
	switch sheet.Kind(r.Path, limit) {
	case model.ChecklistSpec.Kind:
		r.refuse("这是%s表（发给单位参考，不用报回），不是自评表（请单位填写下发的“%s/序号-单位名称.xlsx”后报送）", model.ChecklistSpec.Kind, model.SelfFormSpec.Kind)
		return
	case model.ReviewBookSpec.Kind:
		c.checkReview(r, data, fi.ModTime())
		return
	}
	f, err := sheet.ReadForm(r.Path, limit)
	if err != nil {
		r.refuse("无法读取工作簿（文件可能已损坏，或不是自评表）：%v", err)
		return
	}
	form := &input.ReturnedForm{Year: c.Year.Year, Self: make([]model.Assessment, len(c.Plan.Points))}
	form.Source = input.FormSource{File: filepath.Base(r.Path), SHA256: hex.EncodeToString(sum[:])}
	form.Source.Modified, form.Source.DateFrom = saved(f, fi.ModTime())
	if !c.identify(r, f, form) {
		return
	}
	c.compareLocked(r, f)
	c.readEntries(r, f, form)
	if r.Outcome == Refused {
		return
	}
	if d := c.Year.Forms.Deadline; !d.IsZero() && form.Source.DateFrom == input.DateWorkbook && form.Source.Modified.After(d.AddDate(0, 0, 1)) {
		r.Notes = append(r.Notes, fmt.Sprintf("表格保存于 %s，晚于报送截止日期 %s", local(form.Source.Modified), d.Format("2006-01-02")))
	}
	r.Form = form
}

// size formats a byte count for people.
func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// sniff tells a file that cannot be a workbook by its content, checks the
// zip directory of one that might be, and returns why it is refused, or "".
func sniff(data []byte) string {
	head := data[:min(len(data), 512)]
	const hint = "请单位在 Excel 或 WPS 中打开下发的自评表填写，保存为 .xlsx 后重新报送"
	switch {
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "这是 PDF 文件，不是 Excel 工作簿（收录需要 .xlsx 格式的自评表；" + hint + "）"
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "这是旧版 Excel（.xls）文件或设置了打开密码的工作簿，无法读取（请另存为 .xlsx，不要设置打开密码）"
	case bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return "这是一个空的压缩包，不是 Excel 工作簿（" + hint + "）"
	case !bytes.HasPrefix(head, []byte("PK\x03\x04")):
		if utf8.Valid(head) && bytes.IndexByte(head, 0) < 0 {
			return "这是文本文件，不是 Excel 工作簿（" + hint + "）"
		}
		return "不是 Excel 工作簿（.xlsx）（" + hint + "）"
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "文件已损坏，无法作为 Excel 工作簿打开（请单位重新保存后报送）"
	}
	if len(z.File) > maxParts {
		return fmt.Sprintf("压缩包中有 %d 个文件，不像是自评表（可能是恶意构造的文件）", len(z.File))
	}
	var total uint64
	has := map[string]bool{}
	for _, f := range z.File {
		has[strings.ToLower(f.Name)] = true
		total += f.UncompressedSize64
		n := int64(min(f.UncompressedSize64, math.MaxInt64))
		if n > maxPartSize || n > 1<<20 && f.UncompressedSize64 > maxCompression*max(f.CompressedSize64, 1) {
			return fmt.Sprintf("解压后过大（其中 %s 解压后有 %s，上限 %s），可能是恶意构造的压缩包（zip 炸弹），已拒收", f.Name, size(n), size(maxPartSize))
		}
		if total > maxUnzipped {
			return fmt.Sprintf("解压后过大（全部内容超过 %s），可能是恶意构造的压缩包（zip 炸弹），已拒收", size(maxUnzipped))
		}
	}
	switch {
	case has["xl/workbook.xml"]:
		return ""
	case has["word/document.xml"]:
		return "这是 Word 文档，不是 Excel 工作簿（收录需要 .xlsx 格式的自评表；" + hint + "）"
	case has["ppt/presentation.xml"]:
		return "这是 PowerPoint 文档，不是 Excel 工作簿（" + hint + "）"
	case has["mimetype"] || has["meta-inf/manifest.xml"]:
		return "这是 OpenDocument 文件（.ods 等），不是 .xlsx 工作簿（请另存为 .xlsx 后报送）"
	}
	for _, f := range z.File {
		if strings.EqualFold(filepath.Ext(f.Name), ".xlsx") {
			return "这是一个压缩包，里面有 .xlsx 文件（请先解压，再收录其中的自评表）"
		}
	}
	return "这是一个压缩包，不是 Excel 工作簿（请先解压，再收录其中的自评表；" + hint + "）"
}

// saved is when the workbook was last saved: the modification date of
// docProps/core.xml when a program set one on saving (it differs from the
// date mofan wrote on the issued form), else the file's modification time.
func saved(f *sheet.Returned, mtime time.Time) (time.Time, string) {
	if f.Modified != "" && f.Modified != f.Created {
		if t, ok := parseW3CDTF(f.Modified); ok {
			return t, input.DateWorkbook
		}
	}
	return mtime.UTC().Truncate(time.Second), input.DateFile
}

// parseW3CDTF parses the dates of docProps/core.xml; a date without a zone is taken as UTC.
func parseW3CDTF(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04Z07:00", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() > 1980 && t.Year() < 3000 {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// identify tells the unit and year of a form and refuses one of another
// year, another kind, or a unit not in 附件1.
//
// The identity comes from the form's locked cells: the year from the title,
// the unit from the unit cell (C2). The custom properties mofan.year,
// mofan.unit and mofan.unit_no cross-check them when they are readable: a
// property that disagrees with a readable cell refuses the form, but a
// property garbled in saving (SheetJS writes non-ASCII custom properties
// as mojibake), so that it names no unit of 附件1, is only noted.
func (c *Collector) identify(r *Result, f *sheet.Returned, form *input.ReturnedForm) bool {
	spec := &model.SelfFormSpec
	if k := f.Props["mofan.kind"]; k != "" && k != spec.Kind && isKind(k) {
		r.refuse("这是“%s”表，不是%s", k, spec.Kind)
		return false
	}
	year, ok := spec.YearOfTitle(f.Title)
	if s := f.Props["mofan.year"]; s != "" {
		py, pok := atoi(s)
		switch {
		case !ok && pok:
			year, ok = py, true
		case ok && pok && py != year:
			r.refuse("A1：标题中的年度 %d 与表格文档属性中的年度 %d 不一致（标题已锁定，请用下发的自评表填写）", year, py)
			return false
		}
	}
	switch {
	case !ok:
		r.refuse("无法确定表格的年度：A1 标题不是“%s”，文档属性中也没有 mofan.year（请用本年度下发的自评表填写）", spec.Title(c.Year.Year))
		return false
	case year != c.Year.Year:
		r.refuse("这是 %d 年度的自评表，本次收录的是 %d 年度（收录该年度的表格请加 --year %d）", year, c.Year.Year, year)
		return false
	}
	prop, cellName := strings.TrimSpace(f.Props["mofan.unit"]), strings.TrimSpace(f.Unit)
	uc := spec.UnitCell
	pu := c.Plan.Unit(cellName)
	switch {
	case pu != nil:
	case cellName == "" && prop == "":
		r.refuse("%s：没有单位名称，无法确定填报单位（请用下发给本单位的自评表填写）", uc)
		return false
	case cellName == "" && c.Plan.Unit(prop) != nil:
		pu = c.Plan.Unit(prop)
		r.Notes = append(r.Notes, fmt.Sprintf("%s 中没有单位名称，按文档属性确定为“%s”", uc, prop))
	default:
		r.refuse("%s：单位“%s”不在实施方案附件1的名单中", uc, cellName)
		return false
	}
	r.Unit = pu
	r.Record = c.recordPath(*pu)
	switch {
	case prop == "" || prop == pu.Name:
	case c.Plan.Unit(prop) != nil:
		r.refuse("%s：单位名称“%s”与表格文档属性中的单位“%s”不一致（单位名称已锁定，请用下发给本单位的自评表填写）", uc, cellName, prop)
		return false
	default:
		r.Notes = append(r.Notes, "文档属性中的单位名称无法识别（保存表格的程序改写了文档属性），按 "+uc+" 单元格确定单位")
	}
	if s := f.Props["mofan.unit_no"]; s != "" {
		if n, ok := atoi(s); !ok || n != pu.No {
			r.refuse("文档属性中的单位序号“%s”与附件1中“%s”的序号 %d 不一致（请用下发给本单位的自评表填写）", s, pu.Name, pu.No)
			return false
		}
	}
	form.Name = pu.Name
	return true
}

// isKind reports whether k is the Kind of one of mofan's workbooks (a
// garbled property is none).
func isKind(k string) bool {
	return k == model.SelfFormSpec.Kind || k == model.ChecklistSpec.Kind || k == model.ReviewBookSpec.Kind
}

func atoi(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil
}

// compareLocked compares the locked cells of the form with what SelfForm
// writes for the plan and year.toml, refusing r for each difference.
func (c *Collector) compareLocked(r *Result, f *sheet.Returned) {
	want := sheet.FormRows(c.Plan, c.Year)
	if len(f.Rows) != len(want) {
		r.refuse("表格中有 %d 行考评要点，下发的表格有 %d 行（表格结构被改动，请用下发的自评表重新填写）", len(f.Rows), len(want))
		return
	}
	for i, g := range f.Rows {
		w := want[i]
		if g.ID != w.ID {
			r.refuse("A%d：编号“%s”与下发的表格不一致（应为“%s”）", g.Row, g.ID, w.ID)
		}
		if norm(g.Content) != norm(w.Content) {
			r.refuse("B%d：考评内容与下发的表格不一致", g.Row)
		}
		if norm(g.Text) != norm(w.Text) {
			r.refuse("C%d：考评要点与下发的表格不一致", g.Row)
		}
		if gm, ok := number(g.Max); !ok || gm != mustNumber(w.Max) {
			r.refuse("D%d：分值“%s”与下发的表格不一致（应为 %s）", g.Row, g.Max, w.Max)
		}
	}
	if r.Outcome == Refused {
		return
	}
	u := &model.Unit{Name: r.Unit.Name}
	switch d := f.Props["mofan.digest"]; {
	case d == "":
		r.Notes = append(r.Notes, "表格缺少 mofan.digest 文档属性（可能是复制到新工作簿中填写的），锁定内容与下发的表格一致")
	case d != sheet.FormDigest(c.Plan, c.Year, u):
		r.Notes = append(r.Notes, "文档属性 mofan.digest 与本年度下发的表格不一致（可能是用旧版本的表格填写的），锁定内容与下发的表格一致")
	}
}

// norm drops the differences office programs make in saving a text.
func norm(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSpace(s)
}

// readEntries validates every value the unit entered and fills form,
// refusing r for each bad value.
func (c *Collector) readEntries(r *Result, f *sheet.Returned, form *input.ReturnedForm) {
	spec := &model.SelfFormSpec
	what := spec.Columns.Get(model.ColSelf).Head
	ev := spec.Columns.Get(model.ColEvidence)
	evidence := 0
	for i, row := range f.Rows {
		if i >= len(form.Self) {
			break
		}
		a := &form.Self[i]
		if s := strings.TrimSpace(row.Score); s != "" {
			if t, msg := model.CheckScore(what, s, c.Year.Max[i]); msg != "" {
				r.refuse("%s：%s", row.ScoreRef, msg)
			} else {
				a.Has, a.Score = true, t
				r.Scored++
				r.Total += t
			}
		}
		a.Evidence = c.text(r, row.EvidenceRef+"："+ev.Head, row.Evidence, ev.Max)
		if a.Evidence != "" {
			evidence++
		}
	}
	values := map[string]*string{"secretary": &form.Secretary, "contact": &form.Contact, "phone": &form.Phone}
	got := map[string]string{"secretary": f.Secretary, "contact": f.Contact, "phone": f.Phone}
	for _, fd := range spec.Fields {
		if !fd.Keep {
			continue
		}
		if !f.Found[fd.Label] {
			r.refuse("找不到“%s”栏（表格结构被改动，请用下发的自评表重新填写）", fd.Label)
			continue
		}
		*values[fd.Key] = c.text(r, f.Labels[fd.Label]+"：“"+fd.Label+"”栏", got[fd.Key], fd.Max)
	}
	if r.Outcome == Refused {
		return
	}
	if r.Scored == 0 && evidence == 0 {
		r.refuse("表格中没有填写任何自评得分和完成情况（请单位填写后重新报送）")
		return
	}
	if r.Scored < len(f.Rows) {
		r.Notes = append(r.Notes, fmt.Sprintf("只填写了 %d/%d 项自评得分", r.Scored, len(f.Rows)))
	}
	if t, ok := number(f.Total); ok && f.Total != "" && t != r.Total {
		r.Notes = append(r.Notes, fmt.Sprintf("表中合计显示为 %s，按各项重新计算为 %s，以重新计算为准", strings.TrimSpace(f.Total), r.Total))
	}
}

// text checks one entered text: line breaks made uniform, no other control
// characters, at most limit characters, and every character one the fonts
// can print (when the collector has fonts), as mofan build would.
func (c *Collector) text(r *Result, what, s string, limit int) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\v", "\n", "\f", "\n").Replace(s)
	s = strings.TrimSpace(s)
	for _, ch := range s {
		if (ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f || (ch >= 0x202a && ch <= 0x202e) || (ch >= 0x2066 && ch <= 0x2069) || ch == 0x200e || ch == 0x200f {
			r.refuse("%s含有不可见的控制字符 U+%04X（删去该字符后重新保存）", what, ch)
			return ""
		}
	}
	if n := utf8.RuneCountInString(s); n > limit {
		r.refuse("%s过长（%d 字，上限 %d 字）", what, n, limit)
		return ""
	}
	if c.Fonts != nil {
		if miss := c.Fonts.Missing(model.RoleBody, s); len(miss) > 0 {
			var shown []string
			for _, ch := range miss[:min(len(miss), 5)] {
				shown = append(shown, fmt.Sprintf("“%c”（U+%04X）", ch, ch))
			}
			r.refuse("%s含有字体中没有的字符 %s，无法打印（请删去或换用常用字后重新保存）", what, strings.Join(shown, "、"))
			return ""
		}
	}
	return s
}

// number parses a score as the workbook stores it ("3.5"), accepting
// full-width digits; it rounds to tenths (see oneDecimal).
func number(s string) (model.Tenths, bool) {
	t, ok, _ := model.ParseScore(s)
	return t, ok
}

func mustNumber(s string) model.Tenths {
	t, _ := number(s)
	return t
}
