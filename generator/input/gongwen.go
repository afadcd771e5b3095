package input

import (
	"bytes"
	"fmt"
	"image/png"
	"sort"
	"strconv"
	"strings"
	"time"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// DocumentKinds are the 文种 a template may declare (see model).
var DocumentKinds = model.DocumentKinds

// loadGongwen reads the year.toml parts of GongwenInfo. It is called by
// LoadYear after the tables it shares ([notice], [forms]) have been read.
func loadGongwen(d *doc, top *fields, y *model.Year, probs *diag.List) {
	g := &y.Gongwen
	g.Docs = map[string]model.DocInfo{}
	if m, ok := top.subtable("documents"); ok {
		loadDocuments(d, d.table("documents", m, probs), m, g, probs)
	}
	if m, ok := top.subtable("notice"); ok {
		loadNoticeKind(d.table("notice", m, probs), g, probs)
	}
	if m, ok := top.subtable("record"); ok {
		loadRecord(d.table("record", m, probs), g, probs)
	}
	if m, ok := top.subtable("publicity"); ok {
		loadPublicity(d.table("publicity", m, probs), &g.Publicity, probs)
	}
	if m, ok := top.subtable("contact"); ok {
		f := d.table("contact", m, probs)
		f.only("name", "phone")
		g.Contact = f.str("name", false)
		g.Phone = f.str("phone", false)
	}
	if s := top.str("seal", false); s != "" {
		loadSeal(d, top, s, g, probs)
	}
}

// loadDocuments reads the [documents."名称"] tables: each 公文's 文号 and dates.
func loadDocuments(d *doc, f *fields, m map[string]any, g *model.GongwenInfo, probs *diag.List) {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		sub, ok := f.subtable(name)
		if !ok {
			continue
		}
		t := d.table("documents."+name, sub, probs)
		t.only("number", "date", "print_date", "reply_by")
		di := model.DocInfo{Number: t.str("number", false), Date: t.date("date", true), PrintDate: t.date("print_date", false),
			ReplyBy: t.date("reply_by", false), Pos: f.pos(name)}
		if di.PrintDate.IsZero() {
			di.PrintDate = di.Date
		}
		checkNumber(t, "number", di.Number)
		g.Docs[name] = di
	}
}

// loadNoticeKind reads the keys of [notice] that only the 公文 use.
func loadNoticeKind(f *fields, g *model.GongwenInfo, probs *diag.List) {
	g.Kind = "通知"
	if s := f.str("kind", false); s != "" {
		if s != "通知" && s != "决定" {
			probs.Add(f.pos("kind"), fmt.Sprintf("“notice.kind”只能是 \"通知\" 或 \"决定\"，实为“%s”", diag.Show(s)), "表彰以通知或决定的形式发布")
		} else {
			g.Kind = s
		}
	}
	g.Meeting = f.str("meeting", false)
	g.Unordered = f.boolean("unordered")
	g.Dynamic = f.boolean("dynamic")
}

// loadRecord reads [record]: whom the committee consulted, and how.
func loadRecord(f *fields, g *model.GongwenInfo, probs *diag.List) {
	f.only("consulted", "combined")
	g.Consulted = strList(f, "consulted")
	for i, s := range g.Consulted {
		if !contains(model.VetoSources[:3], s) {
			probs.Add(f.pos("consulted"), fmt.Sprintf("“record.consulted”中的“%s”不是可征求意见的部门", diag.Show(s)), "可写："+strings.Join(model.VetoSources[:3], "、"))
			g.Consulted = g.Consulted[:i]
			break
		}
	}
	g.Combined = strList(f, "combined")
}

// loadPublicity reads [publicity], the 公示 period.
func loadPublicity(f *fields, p *model.Publicity, probs *diag.List) {
	f.only("from", "to", "phone", "no_objection")
	p.Has = true
	p.From = f.date("from", true)
	p.To = f.date("to", true)
	p.Phone = f.str("phone", true)
	p.NoObjection = f.boolean("no_objection")
	if !p.From.IsZero() && p.To.Before(p.From) {
		probs.Add(f.pos("to"), "公示结束日期早于开始日期", "")
	}
}

// loadSeal reads the seal image named by seal.
func loadSeal(d *doc, top *fields, s string, g *model.GongwenInfo, probs *diag.List) {
	g.Seal = s
	g.SealFile = resolve(d.path, s)
	b, err := readAtMost(g.SealFile, 8<<20)
	switch {
	case err != nil:
		probs.Add(top.pos("seal"), fmt.Sprintf("无法读取印章图片 %s：%s", g.SealFile, osReason(err)), "seal 写印章 PNG 图片的路径（相对 year.toml 所在目录）")
	default:
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			probs.Add(top.pos("seal"), fmt.Sprintf("印章图片 %s 不是有效的 PNG 图片", g.SealFile), "请用透明背景的 PNG 图片")
			break
		}
		if cfg.Width < 50 || cfg.Height < 50 || cfg.Width*10 > cfg.Height*11 || cfg.Height*10 > cfg.Width*11 {
			probs.Add(top.pos("seal"), fmt.Sprintf("印章图片 %s 为 %d×%d 像素，应大致为正方形且不小于 50×50", g.SealFile, cfg.Width, cfg.Height), "裁去印章四周的空白")
			break
		}
		g.SealPNG = b
	}
}

// strList reads an optional list of strings.
func strList(f *fields, key string) []string {
	v, ok := f.m[key]
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		f.probs.Add(f.pos(key), fmt.Sprintf("“%s”应为文字列表，实为%s", f.path(key), typeName(v)), `如 `+key+` = ["纪检监察", "巡视巡察", "审计"]`)
		return nil
	}
	var out []string
	for _, x := range list {
		s, ok := x.(string)
		if !ok || strings.TrimSpace(s) == "" {
			f.probs.Add(f.pos(key), fmt.Sprintf("“%s”的每一项应为文字", f.path(key)), `如 `+key+` = ["纪检监察", "巡视巡察", "审计"]`)
			return nil
		}
		if bad := badChar(s); bad >= 0 {
			f.probs.Add(f.pos(key), fmt.Sprintf("“%s”含有不可见的控制字符 U+%04X", f.path(key), bad), "删去该字符后重新输入")
			return nil
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out
}

// nextGongwen carries the documents' settings into a new year: 文号 and
// dates move on by d years, the settings stay, and the record of what was
// done (opinions sought, assessments combined, the 公示's outcome) starts empty.
func nextGongwen(prev model.GongwenInfo, d int, shift func(time.Time) time.Time) model.GongwenInfo {
	g := prev
	g.Docs = map[string]model.DocInfo{}
	for name, di := range prev.Docs {
		di.Number = shiftNumber(di.Number, d)
		di.Date, di.PrintDate, di.ReplyBy = shift(di.Date), shift(di.PrintDate), shift(di.ReplyBy)
		g.Docs[name] = di
	}
	g.Consulted, g.Combined = nil, nil
	g.Publicity.From, g.Publicity.To = shift(prev.Publicity.From), shift(prev.Publicity.To)
	g.Publicity.NoObjection = false
	return g
}

// shiftNumber moves the year in a 发文字号 (〔2021〕) on by d years.
func shiftNumber(s string, d int) string {
	return reNumberYear.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.Atoi(m[len("〔") : len(m)-len("〕")])
		return "〔" + strconv.Itoa(n+d) + "〕"
	})
}

// writeGongwen returns the year.toml lines of g: the [notice] settings
// (written inside [notice]) and the tables at the end of the file.
func writeGongwen(g model.GongwenInfo) (notice, tail string) {
	var n strings.Builder
	if g.Kind == "决定" {
		n.WriteString("kind = \"决定\"                    # 以决定的形式表彰（默认为通知）\n")
	}
	if g.Meeting != "" {
		fmt.Fprintf(&n, "meeting = %s            # 经……研究决定\n", Quote(g.Meeting))
	}
	if g.Unordered {
		n.WriteString("unordered = true                 # 名单排名不分先后\n")
	}
	if g.Dynamic {
		n.WriteString("dynamic = true                   # 实行动态管理\n")
	}
	var b strings.Builder
	if g.Contact != "" || g.Phone != "" {
		fmt.Fprintf(&b, "\n# 考评通知中的联系人和联系电话\n[contact]\nname = %s\nphone = %s\n", Quote(g.Contact), Quote(g.Phone))
	}
	if g.Seal != "" {
		fmt.Fprintf(&b, "\n# 印章图片（透明背景的 PNG），加盖在用印的公文上\nseal = %s\n", Quote(g.Seal))
	}
	b.WriteString("\n# 考评过程的记录：表彰通知、公示中“结合……进行综合考评”“征求了……意见”的说法，只在这里有记录时才出现\n[record]\n")
	list := func(key string, items []string, example, comment string) {
		if len(items) == 0 {
			fmt.Fprintf(&b, "# %s = %s  # %s\n", key, example, comment)
			return
		}
		q := make([]string, len(items))
		for i, it := range items {
			q[i] = Quote(it)
		}
		fmt.Fprintf(&b, "%s = [%s]  # %s\n", key, strings.Join(q, ", "), comment)
	}
	list("consulted", g.Consulted, `["纪检监察", "巡视巡察", "审计"]`, "已征求意见的部门（征求意见函回复后填写）")
	list("combined", g.Combined, `["党建述职评议", "年度党建考核"]`, "综合考评时实际结合的其他考核")
	if p := g.Publicity; p.Has {
		b.WriteString("\n# 拟表彰名单的公示（生成公示.pdf）；公示期满无异议后写 no_objection = true，表彰通知才写“经公示无异议”\n[publicity]\n")
		fmt.Fprintf(&b, "from = %s\nto = %s\nphone = %s\n", tomlDate(p.From), tomlDate(p.To), Quote(p.Phone))
		if p.NoObjection {
			b.WriteString("no_objection = true\n")
		} else {
			b.WriteString("# no_objection = true\n")
		}
	}
	names := make([]string, 0, len(g.Docs))
	for name := range g.Docs {
		names = append(names, name)
	}
	sort.Strings(names)
	if len(names) > 0 {
		b.WriteString("\n# templates/ 下各公文的发文字号（number，可不写）和成文日期（date）\n")
	}
	for _, name := range names {
		di := g.Docs[name]
		fmt.Fprintf(&b, "[documents.%s]\n", Quote(name))
		if di.Number != "" {
			fmt.Fprintf(&b, "number = %s\n", Quote(di.Number))
		}
		fmt.Fprintf(&b, "date = %s\n", tomlDate(di.Date))
		if !di.PrintDate.Equal(di.Date) && !di.PrintDate.IsZero() {
			fmt.Fprintf(&b, "print_date = %s\n", tomlDate(di.PrintDate))
		}
		if !di.ReplyBy.IsZero() {
			fmt.Fprintf(&b, "reply_by = %s\n", tomlDate(di.ReplyBy))
		}
		b.WriteString("\n")
	}
	return n.String(), b.String()
}

// SampleGongwen returns the documents' settings of a sample year: the tables
// of every shipped template, with 文号 and dates in the usual order of the
// year (考评通知 in November, 征求意见函 and 公示 before the commendation in
// January, 反馈意见 after it), a contact, and a record of opinions sought
// and of a 公示 without objection, as in seeds/2020/year.toml.
func SampleGongwen(year int) model.GongwenInfo {
	next := year + 1
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	doc := func(number string, date time.Time) model.DocInfo {
		return model.DocInfo{Number: number, Date: date, PrintDate: date}
	}
	letter := doc(fmt.Sprintf("焦直函〔%d〕1号", next), day(next, 1, 5))
	letter.ReplyBy = day(next, 1, 8)
	return model.GongwenInfo{
		Kind: "通知",
		Docs: map[string]model.DocInfo{
			"考评通知":   doc(fmt.Sprintf("焦直文〔%d〕150号", year), day(year, 11, 2)),
			"征求意见函":  letter,
			"公示":     doc("", day(next, 1, 11)),
			"反馈意见":   doc(fmt.Sprintf("焦直函〔%d〕3号", next), day(next, 1, 25)),
			"三年总评通知": doc(fmt.Sprintf("焦直文〔%d〕10号", next), day(next, 1, 20)),
		},
		Consulted: []string{"纪检监察", "巡视巡察", "审计"},
		Publicity: model.Publicity{Has: true, From: day(next, 1, 11), To: day(next, 1, 15), Phone: "0391-1234567", NoObjection: true},
		Contact:   "王明",
		Phone:     "0391-1234567",
	}
}
