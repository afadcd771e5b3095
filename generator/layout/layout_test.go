package layout

import (
	"errors"
	"math"
	"sort"
	"strings"
	"testing"

	"mofan/generator/diag"
	"mofan/generator/model"
	"mofan/internal/golden"
)

// fakeFonts stands in for a fontset.Set: faces 0–4 are the roles in
// model.Roles order; 堃 and 喆 exist only in the fallback face; U+E000 and
// characters beyond U+FFFF exist nowhere.
type fakeFonts struct{}

func (fakeFonts) Pick(role model.Role, r rune) (int, bool) {
	if r > 0xFFFF || r == '\uE000' {
		return 0, false
	}
	if r == '堃' || r == '喆' {
		return 4, true
	}
	for i, ro := range model.Roles {
		if ro == role {
			return i, true
		}
	}
	return 1, true
}

func (fakeFonts) Advance(face int, r rune) float64 {
	switch {
	case isWide(r):
		return 1
	case r >= '0' && r <= '9':
		return 0.5
	case r >= 'A' && r <= 'Z':
		return 0.65
	case r >= 'a' && r <= 'z':
		return 0.5
	case r == ' ':
		return 0.25
	}
	return 0.4
}

// textLine is one baseline of text on a page.
type textLine struct {
	y      float64
	x0, x1 float64 // left edge of the first glyph, right edge of the last (fake advances)
	text   string
	size   float64
}

// textLines groups a page's text items by baseline, left to right.
func textLines(p Page) []textLine {
	by := map[float64][]Item{}
	var ys []float64
	for _, it := range p.Items {
		if it.Kind != TextItem {
			continue
		}
		y := math.Round(it.Y*100) / 100
		if _, ok := by[y]; !ok {
			ys = append(ys, y)
		}
		by[y] = append(by[y], it)
	}
	sort.Float64s(ys)
	var out []textLine
	for _, y := range ys {
		its := by[y]
		sort.SliceStable(its, func(i, j int) bool { return its[i].X < its[j].X })
		tl := textLine{y: y, x0: its[0].X, size: its[0].Size}
		for _, it := range its {
			tl.text += it.Text
			rs := []rune(it.Text)
			x := it.X
			for k, r := range rs {
				x += fakeFonts{}.Advance(0, r) * it.Size
				if k < len(rs)-1 {
					x += it.Spacing
				}
			}
			tl.x1 = math.Max(tl.x1, x)
		}
		out = append(out, tl)
	}
	return out
}

func bodyGlyphs(t *testing.T, text string) []glyph {
	t.Helper()
	var errs diag.List
	gs := newShaper(fakeFonts{}, &errs).shape([]span{{text, stBody}}, diag.Pos{}, "")
	if errs.Len() > 0 {
		t.Fatal(errs.Error())
	}
	return gs
}

func lineText(l line) string {
	var b strings.Builder
	for _, g := range l.gs {
		b.WriteRune(g.r)
	}
	return b.String()
}

const pureCJK = "坚持以习近平新时代中国特色社会主义思想为指导全面贯彻落实新时代党的建设总要求以党的政治建设为统领突出政治标准做到两个维护践行三个表率带头营造三个氛围按照五个坚持的创建原则聚焦创建标准把理论武装强信念作为创建内容推动市直机关党建走在前作表率"

// TestBreakLines checks the line-breaking rules on texts full of traps.
func TestBreakLines(t *testing.T) {
	cases := []struct {
		name, text string
	}{
		{"pure", pureCJK},
		{"comma at 29", strings.Repeat("机", 28) + "，" + strings.Repeat("关", 40) + "。"},
		{"two closers at 29", strings.Repeat("机", 27) + "关。”" + strings.Repeat("关", 40) + "。"},
		{"opener at 28", strings.Repeat("机", 27) + "“模范机关”" + strings.Repeat("关", 40)},
		{"dash at 28", strings.Repeat("机", 27) + "——" + strings.Repeat("关", 40)},
		{"ellipsis at 28", strings.Repeat("机", 27) + "……" + strings.Repeat("关", 40)},
		{"book title", strings.Repeat("机", 26) + "《中国共产党党和国家机关基层组织工作条例》、" + strings.Repeat("关", 30)},
		{"latin", "根据2020年度考评结果，共有70家单位得分在90分以上，占比为30%左右，" + strings.Repeat("关", 10) + "GB/T 9704-2012 标准规定" + strings.Repeat("关", 30)},
		{"many marks", strings.Repeat("“两个维护”、“三个表率”，", 12)},
		{"seed", "为深入贯彻落实习近平总书记在中央和国家机关党的建设工作会议上的重要讲话精神，根据中央《关于加强党的政治建设的意见》、中央和国家机关工委《关于创建“让党中央放心、让人民群众满意的模范机关”的意见》、省委直属机关工委《关于实施机关党建提质行动建设模范机关的意见》精神和全市机关党的建设工作会议各项部署，推动市直机关模范机关创建工作扎实开展，制定如下实施方案。"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gs := bodyGlyphs(t, tc.text)
			lines := breakLines(gs, lineSpec{first: BlockWidth - 2*CharPitch, rest: BlockWidth, spacing: BodySpacing})
			var all strings.Builder
			for k, ln := range lines {
				txt := lineText(ln)
				all.WriteString(txt)
				first, last := ln.gs[0], ln.gs[len(ln.gs)-1]
				if k > 0 && first.cls.noStart() {
					t.Errorf("line %d starts with %q: %s", k+1, first.r, txt)
				}
				if k < len(lines)-1 && last.cls.noEnd() {
					t.Errorf("line %d ends with %q: %s", k+1, last.r, txt)
				}
				if k < len(lines)-1 && (strings.HasSuffix(txt, "—") && !strings.HasSuffix(txt, "——") ||
					strings.HasSuffix(txt, "…") && !strings.HasSuffix(txt, "……")) {
					t.Errorf("line %d splits a dash or ellipsis: %s", k+1, txt)
				}
				x0 := BlockLeft
				if k == 0 {
					x0 += 2 * CharPitch
				}
				ps := place(ln, x0, BodySpacing, alignJustify)
				lastP := ps[len(ps)-1]
				right := lastP.x - lastP.off + lastP.slot
				if k < len(lines)-1 && math.Abs(right-BlockRight) > 0.01 {
					t.Errorf("line %d is not justified: right edge %.3f, want %.3f: %s", k+1, right, BlockRight, txt)
				}
				if right > BlockRight+0.01 {
					t.Errorf("line %d overflows: right edge %.3f: %s", k+1, right, txt)
				}
				if math.Abs(ps[0].x-ps[0].off-x0) > 0.01 {
					t.Errorf("line %d starts at %.3f, want %.3f", k+1, ps[0].x, x0)
				}
			}
			if all.String() != strings.ReplaceAll(tc.text, "GB/T 9704", "GB/T9704") && all.String() != tc.text {
				t.Errorf("text changed:\n got %s\nwant %s", all.String(), tc.text)
			}
		})
	}
}

// TestGrid28 checks that a full line of pure CJK holds 28 characters on the
// fixed pitch (26 on an indented first line) and spans exactly 156 mm.
func TestGrid28(t *testing.T) {
	gs := bodyGlyphs(t, pureCJK)
	lines := breakLines(gs, lineSpec{first: BlockWidth - 2*CharPitch, rest: BlockWidth, spacing: BodySpacing})
	if len(lines) < 3 {
		t.Fatalf("want at least 3 lines, got %d", len(lines))
	}
	if n := len(lines[0].gs); n != 26 {
		t.Errorf("first line holds %d characters, want 26", n)
	}
	for k := 1; k < len(lines)-1; k++ {
		if n := len(lines[k].gs); n != GridChars {
			t.Errorf("line %d holds %d characters, want %d", k+1, n, GridChars)
		}
		ps := place(lines[k], BlockLeft, BodySpacing, alignJustify)
		for i := 1; i < len(ps); i++ {
			if d := ps[i].x - ps[i-1].x; math.Abs(d-CharPitch) > 0.001 {
				t.Fatalf("line %d: pitch %.4f at %d, want %.4f", k+1, d, i, CharPitch)
			}
		}
		span := ps[len(ps)-1].x + BodySize - ps[0].x
		if math.Abs(span-BlockWidth) > 0.001 || math.Abs(span/PtPerMM-156) > 0.001 {
			t.Errorf("line %d spans %.3f mm, want 156", k+1, span/PtPerMM)
		}
	}
	if math.Abs(BodySpacing-(-0.2146)) > 0.001 {
		t.Errorf("BodySpacing = %.4f, want −0.2146", BodySpacing)
	}
	if math.Abs(LinePitch-28.99) > 0.01 {
		t.Errorf("LinePitch = %.3f, want 28.99", LinePitch)
	}
}

// TestSqueeze checks that a closing mark that would start a line is pulled up
// by compressing it to half width, and that a line that cannot take it gives
// up its last character instead.
func TestSqueeze(t *testing.T) {
	// 28 characters and a comma: the comma hangs at half width on line 1
	gs := bodyGlyphs(t, strings.Repeat("机", 28)+"，"+strings.Repeat("关", 10))
	lines := breakLines(gs, lineSpec{first: BlockWidth, rest: BlockWidth, spacing: BodySpacing})
	if got := lineText(lines[0]); got != strings.Repeat("机", 28)+"，" {
		t.Errorf("line 1 = %s, want 28 characters and the comma", got)
	}
	// 28 characters, then “。””: two closers do not both fit → pull one character down
	gs = bodyGlyphs(t, strings.Repeat("机", 28)+"。”"+strings.Repeat("关", 10))
	lines = breakLines(gs, lineSpec{first: BlockWidth, rest: BlockWidth, spacing: BodySpacing})
	l1, l2 := lineText(lines[0]), lineText(lines[1])
	if strings.HasPrefix(l2, "。") || strings.HasPrefix(l2, "”") {
		t.Errorf("line 2 starts with a closing mark: %s / %s", l1, l2)
	}
}

func sampleDoc() *Document {
	body := "为深入贯彻落实习近平总书记在中央和国家机关党的建设工作会议上的重要讲话精神，根据中央《关于加强党的政治建设的意见》、中央和国家机关工委《关于创建“让党中央放心、让人民群众满意的模范机关”的意见》精神——推动市直机关模范机关创建工作扎实开展……制定如下实施方案。"
	rows := []Row{}
	for i := 1; i <= 70; i++ {
		group := "市直机关"
		merge := i%10 != 1
		rows = append(rows, Row{Cells: []Cell{{Text: itoa(i)}, {Text: "中共焦作市某某局第" + itoa(i) + "党支部委员会"}, {Text: group, Merge: merge}}})
	}
	return &Document{
		Info: Info{Title: "关于命名表彰2020年度市直机关创建模范机关先进单位的决定", Author: "中共焦作市委市直机关工作委员会"},
		Head: &Head{Issuer: "中共焦作市委市直机关工作委员会", Number: "焦直文〔2021〕5号"},
		Blocks: []Block{
			{Kind: Title, Text: "关于命名表彰2020年度市直机关创建模范机关先进单位的决定"},
			{Kind: Addressee, Text: "市直和省部属驻焦各单位基层党组织"},
			{Kind: Para, Text: body},
			{Kind: Heading1, Text: "一、总体要求"},
			{Kind: Heading2, Text: "（一）坚持政治统领。", Tail: "把加强党的政治建设部署要求贯穿于创建模范机关全过程，坚持旗帜鲜明讲政治。"},
			{Kind: Heading3, Text: "1．理论武装强信念"},
			{Kind: Heading4, Text: "（1）深化理论学习。"},
			{Kind: Para, Text: body + body},
			{Kind: AttachNote, Items: []string{"2020年度市直机关创建模范机关先进单位名单", "考评要点"}},
			{Kind: Signature, Text: "中共焦作市委市直机关工委", Date: "2021年1月20日"},
			{Kind: Attachment, Label: "附件1", Text: "2020年度市直机关创建模范机关先进单位名单"},
			{Kind: Subtitle, Text: "（共70家）"},
			{Kind: TableBlock, Table: &Table{
				Columns: []Column{{Title: "序号", Width: 20, Align: Center}, {Title: "单位名称", Width: 100}, {Title: "类别", Width: 36, Align: Center}},
				Rows:    rows,
			}},
		},
		Colophon: &Colophon{CC: "市委办公室，市人大常委会办公室，市政府办公室，市政协办公室", Printer: "中共焦作市委市直机关工委办公室", PrintDate: "2021年1月20日"},
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	s := ""
	for ; i > 0; i /= 10 {
		s = string(rune('0'+i%10)) + s
	}
	return s
}

func TestGolden(t *testing.T) {
	pages, err := Layout(sampleDoc(), fakeFonts{})
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "notice", Dump(pages))

	form := &Document{
		Header: "中共焦作市第7局机关委员会",
		Blocks: []Block{
			{Kind: Title, Text: "2020年度市直机关创建模范机关自评表"},
			{Kind: Subtitle, Text: "（中共焦作市第7局机关委员会）"},
			{Kind: TableBlock, Table: &Table{
				Columns: []Column{{Title: "类别", Width: 26, Align: Center, Role: model.RoleKai}, {Title: "考评要点", Width: 100},
					{Title: "分值", Width: 15, Align: Center}, {Title: "自评分", Width: 15, Align: Right}},
				Rows: []Row{
					{Cells: []Cell{{Text: "创建内容"}, {Text: "理论武装强信念：深入学习贯彻习近平新时代中国特色社会主义思想，落实“第一议题”制度。"}, {Text: "10"}, {Text: "9.5"}}},
					{Cells: []Cell{{Merge: true}, {Text: "大抓基层强基础。"}, {Text: "10"}, {Text: ""}}},
					{Cells: []Cell{{Text: "推进措施", Bold: true}, {Text: "组织领导有力。"}, {Text: "5"}, {Text: "5"}}},
				},
			}},
			{Kind: Lines, Items: []string{"填报单位（盖章）：________  书记签字：________  填报日期：________"}},
		},
	}
	pages, err = Layout(form, fakeFonts{})
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "form", Dump(pages))
}

// TestPageFill checks 22 lines on a full page at the grid pitch, the first in
// the first grid cell below 37 mm.
func TestPageFill(t *testing.T) {
	doc := &Document{Blocks: []Block{{Kind: Para, Text: strings.Repeat(pureCJK, 8)}}}
	pages, err := Layout(doc, fakeFonts{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 2 {
		t.Fatalf("want at least 2 pages, got %d", len(pages))
	}
	for _, p := range pages[:len(pages)-1] {
		tl := bodyLines(p)
		if len(tl) != GridLines {
			t.Errorf("page %d has %d lines, want %d", p.Number, len(tl), GridLines)
		}
		if tl[0].y-BodySize*emTop < BlockTop || tl[0].y > BlockTop+LinePitch {
			t.Errorf("page %d: first baseline %.2f not in the first grid cell [%.2f, %.2f]", p.Number, tl[0].y, BlockTop, BlockTop+LinePitch)
		}
		for i := 1; i < len(tl); i++ {
			if d := tl[i].y - tl[i-1].y; math.Abs(d-LinePitch) > 0.02 {
				t.Errorf("page %d: pitch %.3f between lines %d and %d", p.Number, d, i, i+1)
			}
		}
		if tl[len(tl)-1].y > BlockBottom {
			t.Errorf("page %d: last line below the block", p.Number)
		}
	}
	// page numbers: odd right, even left
	for _, p := range pages {
		if !p.ShowNumber {
			t.Errorf("page %d has no number", p.Number)
		}
		var num *textLine
		for _, tl := range textLines(p) {
			if strings.HasPrefix(tl.text, "—") {
				num = &tl
			}
		}
		if num == nil {
			t.Fatalf("page %d: no page number", p.Number)
		}
		if p.Number%2 == 1 && math.Abs(num.x1-(BlockRight-PageNumSize)) > 0.5 {
			t.Errorf("page %d: number ends at %.2f, want %.2f", p.Number, num.x1, BlockRight-PageNumSize)
		}
		if p.Number%2 == 0 && math.Abs(num.x0-(BlockLeft+PageNumSize)) > 0.01 {
			t.Errorf("page %d: number starts at %.2f, want %.2f", p.Number, num.x0, BlockLeft+PageNumSize)
		}
	}
}

// bodyLines are the text lines inside the block.
func bodyLines(p Page) []textLine {
	var out []textLine
	for _, tl := range textLines(p) {
		if tl.y > BlockTop && tl.y < BlockBottom {
			out = append(out, tl)
		}
	}
	return out
}

// TestTableHeaderRepeat checks a long table: header on every page, no row
// below the block, rows in order.
func TestTableHeaderRepeat(t *testing.T) {
	doc := sampleDoc()
	pages, err := Layout(doc, fakeFonts{})
	if err != nil {
		t.Fatal(err)
	}
	var tablePages []Page
	for _, p := range pages {
		for _, tl := range textLines(p) {
			if strings.Contains(tl.text, "党支部委员会") {
				tablePages = append(tablePages, p)
				break
			}
		}
	}
	if len(tablePages) < 2 {
		t.Fatalf("table spans %d pages, want at least 2", len(tablePages))
	}
	next := 1
	for _, p := range tablePages {
		lines := textLines(p)
		found := false
		for _, tl := range lines {
			if strings.Contains(tl.text, "序号") && strings.Contains(tl.text, "单位名称") {
				found = true
			}
			if tl.y > BlockBottom && !strings.HasPrefix(tl.text, "—") {
				t.Errorf("page %d: text below the block: %s", p.Number, tl.text)
			}
			if strings.Contains(tl.text, "党支部委员会") {
				want := "第" + itoa(next) + "党支部"
				if !strings.Contains(tl.text, want) {
					t.Errorf("page %d: row out of order: %s, want %s", p.Number, tl.text, want)
				}
				next++
			}
		}
		if !found {
			t.Errorf("page %d: no repeated header", p.Number)
		}
		for _, it := range p.Items {
			if it.Kind == RuleItem && (it.Y > BlockBottom+0.5 || it.Y2 > BlockBottom+0.5) {
				t.Errorf("page %d: rule below the block: %+v", p.Number, it)
			}
		}
	}
	if next != 71 {
		t.Errorf("saw %d rows, want 70", next-1)
	}
}

// TestTallRowSplits checks that a row taller than a page is split between
// lines and never drawn past the block bottom.
func TestTallRowSplits(t *testing.T) {
	long := strings.Repeat("创建模范机关", 200)
	doc := &Document{Blocks: []Block{{Kind: TableBlock, Table: &Table{
		Columns: []Column{{Title: "项目", Width: 40}, {Title: "内容", Width: 116}},
		Rows:    []Row{{Cells: []Cell{{Text: "甲"}, {Text: long}}}, {Cells: []Cell{{Text: "乙"}, {Text: "短"}}}},
	}}}}
	pages, err := Layout(doc, fakeFonts{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 2 {
		t.Fatalf("want the row split over 2 pages, got %d", len(pages))
	}
	var all strings.Builder
	for _, p := range pages {
		for _, tl := range textLines(p) {
			if tl.y > BlockBottom {
				if !strings.HasPrefix(tl.text, "—") {
					t.Errorf("page %d: text below the block: %s", p.Number, tl.text)
				}
				continue
			}
			if tl.y+tl.size*emBot > BlockBottom {
				t.Errorf("page %d: line at %.2f past the block bottom", p.Number, tl.y)
			}
			all.WriteString(tl.text)
		}
	}
	if got := strings.Count(all.String(), "创"); got != 200 {
		t.Errorf("text lost in the split: %d of 200 words", got)
	}
}

// TestMissingChar checks the error for characters no font has.
func TestMissingChar(t *testing.T) {
	doc := &Document{Blocks: []Block{
		{Kind: Para, Text: "张\uE000同志，刘𠮷同志，王堃同志", Pos: diag.Pos{File: "seeds/2020/year.toml", Line: 7, Col: 3}},
	}}
	_, err := Layout(doc, fakeFonts{})
	var l *diag.List
	if !errors.As(err, &l) {
		t.Fatalf("want *diag.List, got %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"seeds/2020/year.toml:7:3", "U+E000", "U+20BB7", "𠮷"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "堃") {
		t.Errorf("堃 is in the fallback face but reported: %s", msg)
	}
}

// TestHead checks the 版头 positions.
func TestHead(t *testing.T) {
	pages, err := Layout(sampleDoc(), fakeFonts{})
	if err != nil {
		t.Fatal(err)
	}
	p := pages[0]
	var issuer *Item
	var rule *Item
	for i := range p.Items {
		it := &p.Items[i]
		if it.Kind == TextItem && it.Color == Red && issuer == nil {
			issuer = it
		}
		if it.Kind == RuleItem && it.Color == Red {
			rule = it
		}
	}
	if issuer == nil || rule == nil {
		t.Fatal("no red issuer or rule")
	}
	top := issuer.Y - emTop*issuer.Size
	if math.Abs(top-(BlockTop+35*PtPerMM)) > 0.01 {
		t.Errorf("issuer top at %.2f mm below the block top, want 35", (top-BlockTop)/PtPerMM)
	}
	if issuer.Size < 22 || issuer.Size > 36 {
		t.Errorf("issuer size %.1f", issuer.Size)
	}
	if rule.X != BlockLeft || math.Abs(rule.X2-BlockRight) > 0.01 {
		t.Errorf("red rule %.2f–%.2f, want the block width", rule.X, rule.X2)
	}
	lines := textLines(p)
	var num, title textLine
	for _, tl := range lines {
		if strings.Contains(tl.text, "〔2021〕") {
			num = tl
		}
		if strings.HasPrefix(tl.text, "关于命名") {
			title = tl
		}
	}
	if d := (rule.Y - (num.y + emBot*BodySize)) / PtPerMM; math.Abs(d-4) > 0.01 {
		t.Errorf("rule %.2f mm below the 发文字号, want 4", d)
	}
	if c := (num.x0 + num.x1) / 2; math.Abs(c-(BlockLeft+BlockWidth/2)) > 0.5 {
		t.Errorf("发文字号 centre %.2f, want %.2f", c, BlockLeft+BlockWidth/2)
	}
	if title.y == 0 || title.y-rule.Y < 2*LinePitch {
		t.Errorf("title at %.2f, rule at %.2f: want two blank lines between", title.y, rule.Y)
	}
}

// TestColophonPages checks the 版记: on the last page's bottom when it fits,
// else alone on a new page without a number; on an even page when asked,
// after an unnumbered blank page.
func TestColophonPages(t *testing.T) {
	colo := &Colophon{CC: "市委办公室", Printer: "市直机关工委办公室", PrintDate: "2021年1月20日"}
	fill := func(lines int) []Block {
		// one paragraph of exactly `lines` full lines (26 + 28·(lines−1) characters)
		return []Block{{Kind: Para, Text: strings.Repeat("机", 26+GridChars*(lines-1))}}
	}
	cases := []struct {
		name      string
		lines     int
		even      bool
		wantPages int
		wantShown []bool
	}{
		{"fits", 10, false, 1, []bool{true}},
		{"own page", 21, false, 2, []bool{true, false}},
		{"even after content", 10, true, 2, []bool{true, false}},
		{"even with blank page", 44, true, 4, []bool{true, true, false, false}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := &Document{Blocks: fill(tc.lines), Colophon: colo, ColophonOnEven: tc.even}
			pages, err := Layout(doc, fakeFonts{})
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != tc.wantPages {
				t.Fatalf("%d pages, want %d", len(pages), tc.wantPages)
			}
			for i, p := range pages {
				if p.ShowNumber != tc.wantShown[i] {
					t.Errorf("page %d: ShowNumber %v, want %v", i+1, p.ShowNumber, tc.wantShown[i])
				}
			}
			last := pages[len(pages)-1]
			var bottom, top float64
			top = math.Inf(1)
			for _, it := range last.Items {
				if it.Kind == RuleItem {
					bottom = math.Max(bottom, it.Y)
					top = math.Min(top, it.Y)
				}
			}
			if math.Abs(bottom-BlockBottom) > 0.01 {
				t.Errorf("last rule at %.2f, want the block bottom %.2f", bottom, BlockBottom)
			}
			if math.Abs(top-lineTop(GridLines-2)) > 0.01 {
				t.Errorf("first rule at %.2f, want %.2f (two lines above the bottom)", top, lineTop(GridLines-2))
			}
		})
	}
}

// TestAttachNoteAndSignature checks the hanging indent of 附件说明 and the
// unsealed signature positions.
func TestAttachNoteAndSignature(t *testing.T) {
	long := strings.Repeat("市直机关创建模范机关", 4) + "。"
	doc := &Document{Blocks: []Block{
		{Kind: Para, Text: "正文。"},
		{Kind: AttachNote, Items: []string{long, "2．考评要点"}},
		{Kind: Signature, Text: "中共焦作市委市直机关工委", Date: "2021年1月20日", Unsealed: true},
	}}
	pages, err := Layout(doc, fakeFonts{})
	if err != nil {
		t.Fatal(err)
	}
	tl := textLines(pages[0])
	// 0 正文, 1 附件：1．…, 2 continuation, 3 2．考评要点, 4 署名, 5 日期
	if len(tl) < 6 {
		t.Fatalf("%d lines", len(tl))
	}
	if math.Abs(tl[1].y-tl[0].y-2*LinePitch) > 0.01 {
		t.Errorf("no blank line before 附件说明")
	}
	if !strings.HasPrefix(tl[1].text, "附件：1．") || math.Abs(tl[1].x0-(BlockLeft+2*CharPitch)) > 0.01 {
		t.Errorf("附件说明 line 1: %q at %.2f", tl[1].text, tl[1].x0)
	}
	nameX := BlockLeft + 5*CharPitch + CharPitch + 0.5*BodySize + BodySpacing // after 附件：1．
	if math.Abs(tl[2].x0-nameX) > 0.01 {
		t.Errorf("continuation at %.2f, want %.2f (under the name)", tl[2].x0, nameX)
	}
	if strings.HasSuffix(tl[2].text, "。") {
		t.Errorf("final punctuation kept: %s", tl[2].text)
	}
	if tl[3].text != "2．考评要点" || math.Abs(tl[3].x0-(BlockLeft+5*CharPitch)) > 0.01 {
		t.Errorf("item 2: %q at %.2f, want at %.2f", tl[3].text, tl[3].x0, BlockLeft+5*CharPitch)
	}
	sig, date := tl[4], tl[5]
	if math.Abs(sig.y-tl[3].y-2*LinePitch) > 0.01 {
		t.Errorf("no blank line before the signature")
	}
	if d := BlockRight - 2*CharPitch - sig.x1; math.Abs(d) > 0.01 {
		t.Errorf("signature ends %.2f pt from two characters in from the right", d)
	}
	if d := date.x0 - sig.x0 - 2*CharPitch; math.Abs(d) > 0.01 {
		t.Errorf("date starts %.2f pt off two characters right of the signature", d)
	}
}

// TestSealedSignature checks the sealed layout (GB/T 9704-2012 7.3.5.1):
// the date ends four characters in from the right, the signature is centred
// over it, the seal area is centred on both, its top within one line of the
// text and clear of it, and the seal image, when given, fills the area.
func TestSealedSignature(t *testing.T) {
	png := []byte("\x89PNG fake")
	tests := []struct {
		name      string
		sig, date string
		seal      *Seal
		before    int // body paragraphs before the signature
	}{
		{"short signature", "市直机关工委", "2021年1月20日", nil, 1},
		{"long signature", "中共焦作市委市直机关工作委员会", "2021年1月20日", nil, 1},
		{"signature longer than the block allows", strings.Repeat("机关", 12), "2021年1月20日", nil, 1},
		{"seal image", "中共焦作市委市直机关工委", "2021年12月31日", &Seal{PNG: png}, 1},
		{"near the page end", "中共焦作市委市直机关工委", "2021年1月20日", &Seal{PNG: png}, 19},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := &Document{}
			for k := 0; k < tc.before; k++ {
				doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: "正文第" + itoa(k+1) + "段。"})
			}
			doc.Blocks = append(doc.Blocks, Block{Kind: Signature, Text: tc.sig, Date: tc.date, Seal: tc.seal})
			pages, err := Layout(doc, fakeFonts{})
			if err != nil {
				t.Fatal(err)
			}
			p := pages[len(pages)-1]
			tl := bodyLines(p)
			if len(tl) < 3 {
				t.Fatalf("last page has %d lines", len(tl))
			}
			body, sig, date := tl[len(tl)-3], tl[len(tl)-2], tl[len(tl)-1]
			if !strings.HasPrefix(body.text, "正文") {
				t.Fatalf("the signature is alone on its page (line before it: %q)", body.text)
			}
			if d := (sig.y - body.y) / LinePitch; math.Abs(d-3) > 0.01 {
				t.Errorf("signature %.2f lines below the text, want 3 (two blank lines)", d)
			}
			if d := (date.y - sig.y) / LinePitch; math.Abs(d-1) > 0.01 {
				t.Errorf("date %.2f lines below the signature", d)
			}
			fits := sig.x1 < BlockRight-0.01
			if want := BlockRight - 4*CharPitch; fits && math.Abs(date.x1-want) > 0.01 {
				t.Errorf("date ends at %.2f, want %.2f (four characters in)", date.x1, want)
			}
			if !fits && math.Abs(sig.x1-BlockRight) > 0.01 {
				t.Errorf("long signature ends at %.2f, want the block's edge %.2f", sig.x1, BlockRight)
			}
			cx := (date.x0 + date.x1) / 2
			if d := (sig.x0+sig.x1)/2 - cx; math.Abs(d) > 0.01 {
				t.Errorf("signature centred %.2f pt off the date's centre", d)
			}
			if sig.x0 < BlockLeft-0.01 || sig.x1 > BlockRight+0.01 {
				t.Errorf("signature outside the block: %.2f–%.2f", sig.x0, sig.x1)
			}
			// the seal area, from the signature's grid line
			sigLine := int(math.Round((sig.y - GridBaseline(0)) / LinePitch))
			x, y, size := SealBox(sigLine, cx, SealDiameter)
			bodyBottom := body.y + emBot*BodySize
			if y < bodyBottom {
				t.Errorf("seal top %.2f overlaps the text above (bottom %.2f)", y, bodyBottom)
			}
			if gap := y - lineTop(sigLine-sealBlankLines); gap > LinePitch {
				t.Errorf("seal top %.2f pt below the text's line, want within one line", gap)
			}
			if y+size > BlockBottom+0.01 {
				t.Errorf("seal bottom %.2f below the block %.2f", y+size, BlockBottom)
			}
			if mid := (sig.y + date.y) / 2; mid-(y+size/2) < 0 {
				t.Errorf("signature and date not below the seal's centre")
			}
			var imgs []Item
			for _, it := range p.Items {
				if it.Kind == ImageItem {
					imgs = append(imgs, it)
				}
			}
			switch {
			case tc.seal == nil && len(imgs) > 0:
				t.Errorf("a seal image without one being asked for")
			case tc.seal != nil && len(imgs) != 1:
				t.Errorf("%d seal images, want 1", len(imgs))
			case tc.seal != nil:
				im := imgs[0]
				w, h := im.X2-im.X, im.Y2-im.Y
				if math.Abs(im.X-x) > 0.01 || math.Abs(im.Y-y) > 0.01 || math.Abs(w-size) > 0.01 || math.Abs(h-w) > 0.01 {
					t.Errorf("seal image at %.2f,%.2f %.2f×%.2f, want %.2f,%.2f %.2f", im.X, im.Y, w, h, x, y, size)
				}
			}
		})
	}
}

// narrowDash is fakeFonts whose em dash is a Latin-style 0.89 em.
type narrowDash struct{ fakeFonts }

func (narrowDash) Advance(face int, r rune) float64 {
	if r == '—' {
		return 0.89
	}
	return fakeFonts{}.Advance(face, r)
}

// TestPageNumberDashes: the dashes of `— N —` are one em of 4号 long: the
// body face's em dash when it fills the em, else rules of one em drawn at
// the dash's height.
func TestPageNumberDashes(t *testing.T) {
	doc := &Document{Blocks: []Block{{Kind: Para, Text: "正文。"}}}
	for _, tc := range []struct {
		name  string
		fonts Fonts
		rules int
	}{{"full-width em dash", fakeFonts{}, 0}, {"Latin-style em dash", narrowDash{}, 2}} {
		t.Run(tc.name, func(t *testing.T) {
			pages, err := Layout(doc, tc.fonts)
			if err != nil {
				t.Fatal(err)
			}
			var dashes, rules []Item
			for _, it := range pages[0].Items {
				switch {
				case it.Kind == TextItem && it.Y > BlockBottom && strings.Contains(it.Text, "—"):
					dashes = append(dashes, it)
				case it.Kind == RuleItem && it.Y > BlockBottom:
					rules = append(rules, it)
				}
			}
			if tc.rules == 0 && len(dashes) != 2 {
				t.Fatalf("%d dash runs, want 2", len(dashes))
			}
			if len(rules) != tc.rules {
				t.Fatalf("%d rules below the block, want %d", len(rules), tc.rules)
			}
			for _, d := range dashes {
				if tc.rules == 0 && d.Face != 1 {
					t.Errorf("the dash is drawn in face %d, want the body face 1", d.Face)
				}
			}
			for k, r := range rules {
				if l := r.X2 - r.X; math.Abs(l-PageNumSize) > 0.01 {
					t.Errorf("rule %d is %.2f pt long, want %d (one em)", k, l, PageNumSize)
				}
				// the number's run starts with the first dash, centred in its slot
				if x := dashes[0].X - (PageNumSize-0.89*PageNumSize)/2; k == 0 && math.Abs(r.X-x) > 0.01 {
					t.Errorf("rule %d starts at %.2f, want %.2f (the dash's slot)", k, r.X, x)
				}
			}
		})
	}
}

// TestWidowsAndLoneHeadings: no page starts with a paragraph's last line
// alone, and no heading ends a page, whatever the paragraphs' lengths.
func TestWidowsAndLoneHeadings(t *testing.T) {
	for pre := 17; pre <= 21; pre++ {
		for n := 1; n <= 4; n++ {
			doc := &Document{}
			for k := 0; k < pre; k++ {
				doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: "第" + itoa(k) + "段。"})
			}
			// a heading, then a paragraph of n lines, then its end marker
			doc.Blocks = append(doc.Blocks, Block{Kind: Heading1, Text: "一、总体要求"})
			text := "末行。"
			if n > 1 { // 26 characters on the first line, 28 on the others, 3 on the last
				text = strings.Repeat("创", 26+28*(n-2)) + text
			}
			doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: text})
			doc.Blocks = append(doc.Blocks, Block{Kind: Para, Text: "下一段。"})
			pages, err := Layout(doc, fakeFonts{})
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range pages {
				bl := bodyLines(p)
				if len(bl) == 0 {
					continue
				}
				if i > 0 && strings.HasSuffix(bl[0].text, "末行。") && n > 1 {
					t.Errorf("pre=%d n=%d: page %d starts with the paragraph's last line alone: %q", pre, n, i+1, bl[0].text)
				}
				if last := bl[len(bl)-1]; last.text == "一、总体要求" {
					t.Errorf("pre=%d n=%d: page %d ends with the heading", pre, n, i+1)
				}
			}
		}
	}
}
