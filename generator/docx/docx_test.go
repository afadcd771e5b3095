package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"mofan/generator/layout"
	"mofan/generator/model"
)

// sample is a 公文 with every kind of block the writer handles.
func sample() *layout.Document {
	return &layout.Document{
		Info:   layout.Info{Title: "关于命名表彰的通知", Author: "中共焦作市委市直机关工委", Created: time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)},
		Head:   &layout.Head{Issuer: "中共焦作市委市直机关工委", Number: "焦直文〔2021〕7号"},
		Header: "样例数据，非正式文件",
		Blocks: []layout.Block{
			{Kind: layout.Title, Text: "关于命名表彰2020年度市直机关创建模范机关先进单位的通知"},
			{Kind: layout.Addressee, Text: "各单位"},
			{Kind: layout.Para, Text: "正文第一段，A&B <c> “引号”。"},
			{Kind: layout.Heading1, Text: "一、总体要求"},
			{Kind: layout.Heading2, Text: "（一）坚持政治统领。", Tail: "把加强……"},
			{Kind: layout.Heading3, Text: "1.理论武装。", Tail: "深入学习。"},
			{Kind: layout.Heading4, Text: "（1）具体要求"},
			{Kind: layout.AttachNote, Items: []string{"1．单位名单。", "考评要点"}},
			{Kind: layout.Signature, Text: "中共焦作市委市直机关工作委员会", Date: "2021年1月20日"},
			{Kind: layout.Note, Text: "此件公开发布"},
			{Kind: layout.Attachment, Label: "附件1", Text: "先进单位名单"},
			{Kind: layout.Subtitle, Text: "（共2家）"},
			{Kind: layout.TableBlock, Table: &layout.Table{
				Columns:  []layout.Column{{Title: "序号", Width: 24, Align: layout.Center}, {Title: "单位名称", Width: 132, Role: model.RoleKai}},
				Header:   [][]string{{"序号", "单位名称"}},
				FontSize: 14,
				Rows: []layout.Row{
					{Cells: []layout.Cell{{Text: "1"}, {Text: "市政府办公室", Bold: true}}},
					{Cells: []layout.Cell{{Merge: true}, {Text: "市委政法委"}}},
				},
			}},
			{Kind: layout.PageBreak},
			{Kind: layout.Lines, Items: []string{"说明：", ""}},
			{Kind: layout.Blank},
		},
		Colophon: &layout.Colophon{CC: "市委办公室，市政府办公室", Printer: "中共焦作市委市直机关工委办公室", PrintDate: "2021年1月20日"},
	}
}

// parts unzips a .docx into its parts, checking the zip's own properties.
func parts(t *testing.T, b []byte) (map[string]string, []string) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var names []string
	for _, f := range z.File {
		if !f.Modified.Equal(epoch) {
			t.Errorf("%s: time %v, want %v", f.Name, f.Modified, epoch)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(data)
		names = append(names, f.Name)
	}
	return out, names
}

func TestPackage(t *testing.T) {
	b, err := Write(sample(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ps, names := parts(t, b)
	want := []string{"[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "word/_rels/document.xml.rels",
		"word/document.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml", "word/header1.xml", "word/settings.xml", "word/styles.xml"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("entries\n got %v\nwant %v", names, want)
	}
	for name, text := range ps {
		d := xml.NewDecoder(strings.NewReader(text))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s: not well-formed XML: %v", name, err)
				break
			}
		}
	}
	// Every part the content types name exists, and every relationship target.
	for _, m := range reAttr(ps["[Content_Types].xml"], "PartName") {
		if _, ok := ps[strings.TrimPrefix(m, "/")]; !ok {
			t.Errorf("content types name %s, which is missing", m)
		}
	}
	for _, m := range reAttr(ps["word/_rels/document.xml.rels"], "Target") {
		if _, ok := ps["word/"+m]; !ok {
			t.Errorf("relationship to %s, which is missing", m)
		}
	}
	again, _ := Write(sample(), nil)
	if !bytes.Equal(b, again) {
		t.Error("two writes of the same document differ")
	}
	if !strings.Contains(ps["docProps/core.xml"], "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2021-01-20T00:00:00Z</dcterms:created>") {
		t.Errorf("core.xml: creation date not from Info.Created:\n%s", ps["docProps/core.xml"])
	}
}

// reAttr returns the values of every attr="…" in s.
func reAttr(s, attr string) []string {
	var out []string
	for {
		i := strings.Index(s, " "+attr+`="`)
		if i < 0 {
			return out
		}
		s = s[i+len(attr)+3:]
		j := strings.IndexByte(s, '"')
		out = append(out, s[:j])
		s = s[j:]
	}
}

func TestPageSetup(t *testing.T) {
	b, err := Write(sample(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := parts(t, b)
	doc := ps["word/document.xml"]
	for _, want := range []string{
		`<w:pgSz w:w="11906" w:h="16838"/>`,
		`<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="1531" w:footer="1418" w:gutter="0"/>`,
		`<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-848"/>`,
		`<w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>`,
		`<w:headerReference w:type="default" r:id="rId6"/><w:headerReference w:type="even" r:id="rId6"/>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if !strings.Contains(ps["word/settings.xml"], "<w:evenAndOddHeaders/>") {
		t.Error("settings.xml: no evenAndOddHeaders")
	}
	// 156 mm text block: 11906 − 1588 − 1474 twips; 225 mm: 16838 − 2098 − 1984.
	if textWidth != 8844 || pageH-marginTop-marginBot != 12756 {
		t.Errorf("text block %d × %d twips, want 8844 × 12756", textWidth, pageH-marginTop-marginBot)
	}
	// 22 lines of 579 twips fit the block, 23 do not.
	if h := pageH - marginTop - marginBot; 22*LinePitch > h || 23*LinePitch <= h {
		t.Errorf("linePitch %d gives %d lines in %d twips", LinePitch, h/LinePitch, h)
	}
	// charSpace: 16 pt + charSpace/4096 pt a character, 28 in the block (442.2 pt).
	pitch := 16 + float64(CharSpace)/4096
	if n := float64(textWidth) / 20 / pitch; n < 27.99 || n >= 28.01 {
		t.Errorf("charSpace %d gives %.3f characters a line, want 28", CharSpace, n)
	}
	odd, even := ps["word/footer1.xml"], ps["word/footer2.xml"]
	for name, c := range map[string]struct{ text, jc, ind string }{
		"odd":  {odd, `<w:jc w:val="right"/>`, `<w:ind w:right="280"/>`},
		"even": {even, `<w:jc w:val="left"/>`, `<w:ind w:left="280"/>`},
	} {
		if !strings.Contains(c.text, c.jc) || !strings.Contains(c.text, c.ind) || !strings.Contains(c.text, " PAGE ") ||
			!strings.Contains(c.text, `>— </w:t>`) || !strings.Contains(c.text, `> —</w:t>`) {
			t.Errorf("%s footer is not `— N —` at %s %s:\n%s", name, c.jc, c.ind, c.text)
		}
	}
	if !strings.Contains(ps["word/styles.xml"], `w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:snapToGrid w:val="0"/></w:pPr><w:rPr>`+rFonts(FontSong)) ||
		!strings.Contains(ps["word/styles.xml"], `<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>`) {
		t.Error("page numbers are not 4号宋体")
	}
}

func TestFonts(t *testing.T) {
	b, err := Write(sample(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := parts(t, b)
	styles := ps["word/styles.xml"]
	style := func(id string) string {
		i := strings.Index(styles, `w:styleId="`+id+`"`)
		if i < 0 {
			t.Fatalf("no style %s", id)
		}
		s := styles[i:]
		return s[:strings.Index(s, "</w:style>")]
	}
	for _, c := range []struct{ style, font, more string }{
		{"DocTitle", FontTitle, `<w:sz w:val="44"/>`},
		{"Issuer", FontTitle, `<w:color w:val="FF0000"/>`},
		{"Heading1", FontHei, ""},
		{"Heading2", FontKai, ""},
		{"AttachLabel", FontHei, ""},
	} {
		s := style(c.style)
		if !strings.Contains(s, `w:eastAsia="`+c.font+`"`) || !strings.Contains(s, `w:ascii="`+c.font+`"`) || !strings.Contains(s, c.more) {
			t.Errorf("style %s: want %s %s, have %s", c.style, c.font, c.more, s)
		}
	}
	if !strings.Contains(styles, `<w:rPrDefault><w:rPr>`+rFonts(FontBody)) || !strings.Contains(style("Normal"), `<w:sz w:val="32"/>`) {
		t.Error("body text is not 3号 " + FontBody)
	}
	if !strings.Contains(style("Body"), `<w:ind w:firstLineChars="200" w:firstLine="640"/>`) {
		t.Error("body paragraphs are not indented two characters")
	}
	if !strings.Contains(rFonts("x"), `w:hint="eastAsia"`) {
		t.Error("ambiguous characters (“” —) would take the Western font")
	}
	ft := ps["word/fontTable.xml"]
	for _, c := range []struct{ name, alt string }{{FontBody, "仿宋"}, {FontKai, "楷体"}, {FontTitle, FontSong}, {FontHei, "SimHei"}, {FontSong, "SimSun"}} {
		if !strings.Contains(ft, `<w:font w:name="`+c.name+`"><w:altName w:val="`+c.alt+`"/>`) {
			t.Errorf("font table: %s without the alternative %s", c.name, c.alt)
		}
	}
	if strings.Count(ft, `<w:charset w:val="86"/>`) != len(fonts) {
		t.Error("font table: every face should be GB2312 (charset 86)")
	}
}

func TestBody(t *testing.T) {
	b, err := Write(sample(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := parts(t, b)
	doc := ps["word/document.xml"]
	for _, c := range []struct{ what, want string }{
		{"issuer in red, 36 pt", `<w:pStyle w:val="Issuer"/><w:spacing w:line="1158" w:lineRule="exact"/></w:pPr><w:r><w:rPr><w:sz w:val="72"/><w:szCs w:val="72"/></w:rPr><w:t xml:space="preserve">中共焦作市委市直机关工委</w:t>`},
		{"red rule under the 发文字号", `<w:pStyle w:val="DocNumber"/><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="FF0000"/></w:pBdr>`},
		{"escaped text", `正文第一段，A&amp;B &lt;c&gt; “引号”。`},
		{"addressee colon", `各单位：`},
		{"run-in heading in 仿宋, not bold", `<w:t xml:space="preserve">1.理论武装。</w:t></w:r><w:r><w:rPr>` + rFonts(FontBody) + `<w:b w:val="0"/><w:bCs w:val="0"/></w:rPr><w:t xml:space="preserve">深入学习。</w:t>`},
		{"附件说明 hanging after 附件：1．", `<w:ind w:leftChars="650" w:left="2053" w:hangingChars="450" w:hanging="1421"/></w:pPr><w:r><w:t xml:space="preserve">附件：1．单位名单</w:t>`},
		{"second attachment aligned", `<w:ind w:leftChars="650" w:left="2053" w:hangingChars="150" w:hanging="474"/></w:pPr><w:r><w:t xml:space="preserve">2．考评要点</w:t>`},
		{"signature two characters in", `<w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">中共焦作市委市直机关工作委员会</w:t>`},
		{"date under the signature", `<w:ind w:rightChars="850" w:right="2685" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">2021年1月20日</w:t>`},
		{"附注", `（此件公开发布）`},
		{"attachment on a new page", `<w:pStyle w:val="AttachLabel"/><w:pageBreakBefore/></w:pPr><w:r><w:t xml:space="preserve">附件1</w:t>`},
		{"repeated header row", `<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`},
		{"merged group cell", `<w:vMerge w:val="restart"/>`},
		{"bold cell in the column's font", rFonts(FontKai) + `<w:b/><w:bCs/><w:sz w:val="28"/>`},
		{"版记 at the bottom of the block", `w:vertAnchor="margin" w:horzAnchor="margin" w:tblpXSpec="center" w:tblpYSpec="bottom"/>`},
		{"抄送 with a full stop", `抄送：市委办公室，市政府办公室。`},
		{"印发 line", `中共焦作市委市直机关工委办公室</w:t><w:tab/><w:t xml:space="preserve">2021年1月20日印发`},
	} {
		if !strings.Contains(doc, c.want) {
			t.Errorf("%s: document.xml lacks\n%s", c.what, c.want)
		}
	}
	// The title breaks where the PDF's pages break it.
	pages := []layout.Page{{Items: []layout.Item{
		{Kind: layout.TextItem, Size: layout.TitleSize, Y: 300, Text: "关于命名表彰2020年度"},
		{Kind: layout.TextItem, Size: layout.TitleSize, Y: 300, Text: "市直机关"},
		{Kind: layout.TextItem, Size: layout.TitleSize, Y: 329, Text: "创建模范机关先进单位的通知"},
		{Kind: layout.TextItem, Size: layout.TitleSize, Y: 400, Text: "先进单位名单"},
	}}}
	b, err = Write(sample(), pages)
	if err != nil {
		t.Fatal(err)
	}
	ps, _ = parts(t, b)
	if want := `关于命名表彰2020年度市直机关</w:t><w:br/><w:t xml:space="preserve">创建模范机关先进单位的通知`; !strings.Contains(ps["word/document.xml"], want) {
		t.Errorf("title not broken as on the pages: want %s", want)
	}
}

func TestTitleBreaks(t *testing.T) {
	for _, c := range []struct {
		name   string
		titles []string
		text   string
		want   []string
	}{
		{"one line", []string{"通知"}, "通知", []string{"通知"}},
		{"two lines", []string{"关于", "通知"}, "关于通知", []string{"关于", "通知"}},
		{"spaces ignored", []string{"关 于", "通知"}, "关于 通知", []string{"关 于", "通知"}},
		{"other title next", []string{"名单"}, "通知", nil},
		{"lines run past the title", []string{"关于通", "知书"}, "关于通知", nil},
		{"no pages", nil, "通知", nil},
	} {
		w := &writer{titles: c.titles}
		got := w.titleBreaks(c.text)
		if strings.Join(got, "|") != strings.Join(c.want, "|") || (got == nil) != (c.want == nil) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestIssuerShrinks(t *testing.T) {
	doc := sample()
	doc.Head.Issuer = "中共焦作市委市直机关工作委员会办公室文件" // 20 characters: 36 pt would overflow 442 pt
	b, err := Write(doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := parts(t, b)
	if !strings.Contains(ps["word/document.xml"], `<w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr><w:t xml:space="preserve">中共焦作市委市直机关工作委员会办公室文件`) {
		t.Error("a long 发文机关标志 is not set at 22 pt (442.2 pt / 20, rounded down to a half point)")
	}
}

func TestNoHeaderNoNumbers(t *testing.T) {
	doc := sample()
	doc.Header = ""
	doc.NoPageNumbers = true
	b, err := Write(doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := parts(t, b)
	if _, ok := ps["word/header1.xml"]; ok {
		t.Error("header part written without a header")
	}
	if strings.Contains(ps["word/document.xml"], "footerReference") || strings.Contains(ps["word/document.xml"], "headerReference") {
		t.Error("footer or header referenced")
	}
}

// schemaOrder lists, for the elements whose children WordprocessingML
// fixes in sequence, the children the writer uses in that sequence
// (ECMA-376 Part 1, §17). Word refuses a file whose children are out of
// order; LibreOffice does not mind, so the round trip cannot catch it.
var schemaOrder = map[string][]string{
	"pPr": {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "pBdr", "shd", "tabs",
		"kinsoku", "wordWrap", "overflowPunct", "autoSpaceDE", "autoSpaceDN", "snapToGrid", "spacing", "ind", "jc", "outlineLvl", "rPr"},
	"rPr": {"rStyle", "rFonts", "b", "bCs", "i", "iCs", "snapToGrid", "vanish", "color", "spacing", "w", "kern", "position",
		"sz", "szCs", "u", "lang"},
	"sectPr":   {"headerReference", "footerReference", "pgSz", "pgMar", "cols", "titlePg", "docGrid"},
	"tblPr":    {"tblStyle", "tblpPr", "tblOverlap", "tblW", "jc", "tblInd", "tblBorders", "tblLayout", "tblCellMar", "tblLook"},
	"tcPr":     {"tcW", "gridSpan", "vMerge", "tcBorders", "shd", "tcMar", "vAlign"},
	"style":    {"name", "basedOn", "next", "qFormat", "pPr", "rPr", "tblPr"},
	"settings": {"zoom", "defaultTabStop", "evenAndOddHeaders", "characterSpacingControl", "compat", "themeFontLang"},
	"compat": {"spaceForUL", "balanceSingleByteDoubleByteWidth", "doNotLeaveBackslashAlone", "ulTrailSpace",
		"doNotExpandShiftReturn", "useFELayout", "compatSetting"},
	"font": {"altName", "panose1", "charset", "family", "pitch"},
}

// repeats are the children that may occur more than once in a row.
var repeats = map[string]bool{"headerReference": true, "footerReference": true}

func TestSchemaOrder(t *testing.T) {
	b, err := Write(sample(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := parts(t, b)
	lb, err := Write(letter(), nil)
	if err != nil {
		t.Fatal(err)
	}
	lps, _ := parts(t, lb)
	for name, text := range lps {
		ps["letter "+name] = text
	}
	for name, text := range ps {
		name = strings.TrimPrefix(name, "letter ")
		if !strings.HasPrefix(name, "word/") || !strings.HasSuffix(name, ".xml") {
			continue
		}
		type open struct {
			name string
			last int // index in schemaOrder of the last child seen
		}
		var stack []open
		d := xml.NewDecoder(strings.NewReader(text))
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			switch e := tok.(type) {
			case xml.StartElement:
				if len(stack) > 0 {
					parent := &stack[len(stack)-1]
					if order, ok := schemaOrder[parent.name]; ok {
						k := indexOf(order, e.Name.Local)
						switch {
						case k < 0:
							t.Errorf("%s: <%s> in <%s> is not in the test's schema list", name, e.Name.Local, parent.name)
						case k == parent.last && repeats[e.Name.Local]:
						case k <= parent.last:
							t.Errorf("%s: <%s> after <%s> in <%s>: out of schema order", name, e.Name.Local, order[parent.last], parent.name)
						default:
							parent.last = k
						}
					}
				}
				stack = append(stack, open{name: e.Name.Local, last: -1})
			case xml.EndElement:
				stack = stack[:len(stack)-1]
			}
		}
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// letter is sample() as a 函 in the letter format.
func letter() *layout.Document {
	doc := sample()
	doc.Head.Letter = true
	return doc
}

// TestLetter: the Word copy of a 函 in the letter format (layout.Head.Letter)
// has the letterhead in the first page's header — the 发文机关标志 in a frame
// 30 mm from the top of the paper with the double rule thick over thin under
// it, the lower double rule thin over thick in a frame near the bottom, both
// 170 mm wide and centred — no page number on the first page, the 发文字号
// flush right in the body, and a 版记 of the 抄送 alone without rules.
func TestLetter(t *testing.T) {
	l := letter()
	var blocks []layout.Block // without the table, whose borders are single rules
	for _, b := range l.Blocks {
		if b.Kind != layout.TableBlock {
			blocks = append(blocks, b)
		}
	}
	l.Blocks = blocks
	b, err := Write(l, nil)
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := parts(t, b)
	doc := ps["word/document.xml"]
	for _, want := range []string{`<w:titlePg/>`, `<w:headerReference w:type="first" r:id="rId7"/>`, `<w:footerReference w:type="first" r:id="rId8"/>`,
		`<w:pStyle w:val="DocNumber"/><w:jc w:val="right"/>`} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if !strings.Contains(doc, "抄送：") {
		t.Error("document.xml lacks the 抄送")
	}
	for _, unwanted := range []string{`w:val="Issuer"`, "印发", `w:val="single"`} {
		if strings.Contains(doc, unwanted) {
			t.Errorf("document.xml has %s", unwanted)
		}
	}
	head := ps["word/header2.xml"]
	issuer := strings.Index(head, ">"+l.Head.Issuer+"<")
	upper, lower := strings.Index(head, `w:val="thickThinSmallGap"`), strings.Index(head, `w:val="thinThickSmallGap"`)
	if issuer < 0 || upper < 0 || lower < upper {
		t.Errorf("first page's header: 标志 at %d, thick-thin rule at %d, thin-thick rule at %d:\n%s", issuer, upper, lower, head)
	}
	frames := reAttr(head, "w:y")
	if len(frames) != 3 || frames[1] != "1701" { // the running header, the 标志 (30 mm), the lower rule
		t.Errorf("frames at %v, want the 标志's at 1701 (30 mm)", frames)
	}
	for _, w := range reAttr(head, "w:w") {
		if w != "9638" && w != strconv.Itoa(textWidth) {
			t.Errorf("a frame %s twips wide, want 9638 (170 mm) or the block", w)
		}
	}
	if f := ps["word/footer3.xml"]; f == "" || strings.Contains(f, "PAGE") {
		t.Errorf("first page's footer: %q, want one without a page number", f)
	}
	// The usual document has none of this.
	b, _ = Write(sample(), nil)
	ps, _ = parts(t, b)
	if _, ok := ps["word/header2.xml"]; ok || strings.Contains(ps["word/document.xml"], "titlePg") {
		t.Error("a document with the usual 版头 has the letterhead")
	}
}
