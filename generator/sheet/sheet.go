// Package sheet writes the project's Excel workbooks and reads returned
// self-assessment forms. It is the only importer of excelize: callers pass and
// receive plain Go values (model.Plan, model.Year, model.Unit, score.Result,
// Returned) and bytes.
//
// The workbooks:
//
//	UnitList     单位名单.xlsx           the numbered unit list of 附件1
//	Checklist    考评要点/NN-<单位>.xlsx  one unit's scoring-point checklist
//	SelfForm     自评表/NN-<单位>.xlsx    one unit's fillable, protected, validated form
//	Review       评审/审核评分表.xlsx     the committee's review workbook
//	Summary      考评汇总.xlsx           every unit's scores, rank and status, with a chart
//	CommendList  表彰通知.xlsx           the commended units
//
// Every workbook is print-ready (A4, fitted to the page width, header row
// repeated on every page, page numbers in the footer) and reproducible: the
// same inputs give the same bytes. Dates come from the inputs, never the clock.
//
// excelize does not size rows: a wrapped cell keeps the default height and
// LibreOffice then prints one clipped line. Row heights are therefore
// estimated here from the text width (see textLines).
//
// Every sheet's cells go through excelize's StreamWriter (see sheetWriter):
// rows are written as XML as they are made, so a summary of 10,000 units
// does not hold 3 million cell objects; the sheet settings are made through
// the File first. The styles are made once per process (see sharedStyles)
// and the package parts are deflated once per process where they are the
// same in every workbook (see canonicalZip). A unit's checklist and form
// reuse the File of an earlier unit's, with its sheet's settings when they
// are the same (see frame).
package sheet

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"mofan/generator/model"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Fonts: the ones every Chinese Windows (and WPS) has. LibreOffice substitutes
// its CJK fonts for them.
const (
	fontBody  = "宋体"
	fontHead  = "黑体"
	sizeBody  = 11.0
	sizeTitle = 16.0
	sizeSmall = 10.0
)

// Colours.
const (
	colorHeaderFill = "E7E6E6"
	colorInputFill  = "FFF8DC" // fillable cells, a light cream
	colorBorder     = "000000"
)

// styles holds the cell styles of one workbook.
type styles struct {
	title      int // the title row: 黑体 16, centred
	subtitle   int // a line under the title: 宋体 11, left
	subtitleR  int // the same, right-aligned
	plain      int // 宋体 11, centred, no border
	header     int // table header: 黑体 11, centred, shaded, bordered
	text       int // wrapped text, left, bordered
	center     int // wrapped text, centred, bordered
	number     int // a number, centred, bordered
	inputNum   int // unlocked, centred, bordered, shaded
	inputText  int // unlocked, wrapped, left, text format, bordered, shaded
	label      int // a field label: bold, centred, bordered
	bold       int // bold text, centred, bordered (合计)
	note       int // small wrapped text, no border
	commended  int // 表彰: bold, centred, bordered
	missingRow int // 未报送: grey italic, centred, bordered
	italic     int // a score taken from the self-assessment: italic, centred, bordered
}

// createStyles creates the styles in f. Books take them from sharedStyles.
func createStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: colorBorder, Style: 1},
		{Type: "right", Color: colorBorder, Style: 1},
		{Type: "top", Color: colorBorder, Style: 1},
		{Type: "bottom", Color: colorBorder, Style: 1},
	}
	body := func(bold bool) *excelize.Font {
		return &excelize.Font{Family: fontBody, Size: sizeBody, Bold: bold}
	}
	align := func(h string, wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "center", WrapText: wrap}
	}
	text := "@"
	s := &styles{}
	defs := []struct {
		dst *int
		st  excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Family: fontHead, Size: sizeTitle}, Alignment: align("center", true)}},
		{&s.subtitle, excelize.Style{Font: body(false), Alignment: align("left", false)}},
		{&s.subtitleR, excelize.Style{Font: body(false), Alignment: align("right", false)}},
		{&s.plain, excelize.Style{Font: body(false), Alignment: align("center", false)}},
		{&s.header, excelize.Style{Font: &excelize.Font{Family: fontHead, Size: sizeBody}, Alignment: align("center", true), Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorHeaderFill}}}},
		{&s.text, excelize.Style{Font: body(false), Alignment: align("left", true), Border: border}},
		{&s.center, excelize.Style{Font: body(false), Alignment: align("center", true), Border: border}},
		{&s.number, excelize.Style{Font: body(false), Alignment: align("center", false), Border: border}},
		{&s.inputNum, excelize.Style{Font: body(false), Alignment: align("center", false), Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorInputFill}}, Protection: &excelize.Protection{Locked: false}}},
		{&s.inputText, excelize.Style{Font: body(false), Alignment: align("left", true), Border: border, CustomNumFmt: &text,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorInputFill}}, Protection: &excelize.Protection{Locked: false}}},
		{&s.label, excelize.Style{Font: body(true), Alignment: align("center", true), Border: border}},
		{&s.bold, excelize.Style{Font: body(true), Alignment: align("center", false), Border: border}},
		{&s.note, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: sizeSmall}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}}},
		{&s.commended, excelize.Style{Font: body(true), Alignment: align("center", false), Border: border}},
		{&s.missingRow, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: sizeBody, Italic: true, Color: "7F7F7F"}, Alignment: align("center", false), Border: border}},
		{&s.italic, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: sizeBody, Italic: true}, Alignment: align("center", false), Border: border}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.st)
		if err != nil {
			return nil, err
		}
		*d.dst = id
	}
	return s, nil
}

func ptr[T any](v T) *T { return &v }

func itoa(n int) string { return strconv.Itoa(n) }

// cell names the cell at column col (1-based) and row.
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// colName names column col (1-based).
func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// column is one table column: its header and width in characters.
type column struct {
	head  string
	width float64
}

// setColumns sets the widths of cols, starting at column A.
func setColumns(f *excelize.File, sheet string, cols []column) error {
	for i, c := range cols {
		n := colName(i + 1)
		if err := f.SetColWidth(sheet, n, n, c.width); err != nil {
			return err
		}
	}
	return nil
}

// runeWidth is a character's width in half-width units: 2 for wide and
// ambiguous characters (CJK, full-width punctuation, Chinese quotes, which
// Chinese fonts draw full-width), 1 otherwise.
func runeWidth(r rune) int {
	switch {
	case r < 0xA7:
		return 1
	case r >= 0x4E00 && r <= 0x9FFF: // the CJK ideographs, most of every text
		return 2
	case model.Wide(r):
		return 2
	}
	return 1
}

// textWidth is the width of s in half-width units.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// noLineStart lists the characters a line may not begin with; the line
// breaker then carries the character before them over too.
const noLineStart = "，。、；：？！）》」』】”’%…—·,.;:?!)]}"

// textLines estimates the number of lines text takes in a wrapped cell colWidth
// characters wide at fontSize points.
//
// The workbook's default font is 宋体 11 pt, so a column width of w is w
// digits of it: Excel and WPS take a digit as 7 pixels, and give the column
// 7w+5 pixels, about 2 of them padding on each side; a half-width character at
// s points is 2s/3 pixels. (LibreOffice gives the same column about a quarter
// more room.) The estimate breaks lines greedily, keeps runs of Latin letters
// and digits together, carries a character over before punctuation that may
// not start a line, and keeps 2% in reserve.
func textLines(text string, colWidth, fontSize float64) int {
	capacity := int((colWidth*7 + 1) / (fontSize * 2 / 3) * 0.98)
	if capacity < 2 {
		capacity = 2
	}
	if len(text) < memoMinText {
		return countLines(text, capacity)
	}
	key := linesKey{text, capacity}
	lineMemo.Lock()
	n, ok := lineMemo.m[key]
	lineMemo.Unlock()
	if ok {
		return n
	}
	n = countLines(text, capacity)
	lineMemo.Lock()
	if len(lineMemo.m) >= memoMaxTexts {
		clear(lineMemo.m)
	}
	if lineMemo.m == nil {
		lineMemo.m = map[linesKey]int{}
	}
	lineMemo.m[key] = n
	lineMemo.Unlock()
	return n
}

// lineMemo remembers the line counts of recent texts: most texts of a unit's
// workbook (the points, the notes) are the same in every unit's.
var lineMemo struct {
	sync.Mutex
	m map[linesKey]int
}

type linesKey struct {
	text     string
	capacity int
}

const (
	memoMinText  = 24   // shorter texts are counted each time
	memoMaxTexts = 4096 // the memo is emptied when it holds more
)

// countLines is textLines for a line of capacity half-width characters.
func countLines(text string, capacity int) int {
	lines := 0
	for {
		para, rest, more := strings.Cut(text, "\n")
		lines += paraLines(para, capacity)
		if !more {
			break
		}
		text = rest
	}
	return max(lines, 1)
}

// paraLines is the number of lines of one paragraph.
func paraLines(s string, capacity int) int {
	lines, used := 1, 0
	prev := rune(-1) // the character before the piece, if any
	for i := 0; i < len(s); {
		// The next unbreakable piece: a Latin word or one character.
		r, n := utf8.DecodeRuneInString(s[i:])
		j, w, last := i+n, runeWidth(r), r
		if isWordByte(r) {
			for j < len(s) && isWordByte(rune(s[j])) {
				last = rune(s[j])
				j++
				w++
			}
		}
		if used+w > capacity && used > 0 {
			lines++
			used = 0
			if prev >= 0 && strings.ContainsRune(noLineStart, r) {
				used = runeWidth(prev) // the character carried over
			}
		}
		if w > capacity { // a word longer than a line is broken anywhere
			extra := (used + w - 1) / capacity
			lines += extra
			used = used + w - extra*capacity
		} else {
			used += w
		}
		prev = last
		i = j
	}
	return lines
}

// isWordByte tells whether r is a Latin letter or digit, which the line
// breaker keeps together.
func isWordByte(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// lineHeight is the height of one line of text at size points, as LibreOffice
// lays out the CJK fonts.
func lineHeight(size float64) float64 { return 1.45 * size }

// heightFor is the row height that shows n lines at size points.
func heightFor(n int, size float64) float64 {
	h := float64(n)*lineHeight(size) + 6
	return float64(int(h*4+0.999)) / 4 // quarter points, rounded up
}

// rowSizer collects the required height of every row of a table, including
// cells merged across several rows, and applies them.
type rowSizer struct {
	min    float64
	height map[int]float64
	spans  []span
}

type span struct {
	first, last int
	height      float64
}

func newRowSizer(min float64) *rowSizer {
	return &rowSizer{min: min, height: map[int]float64{}}
}

// fit records that a cell of the given text, width and size spans rows first..last.
func (z *rowSizer) fit(first, last int, text string, colWidth, size float64) {
	h := heightFor(textLines(text, colWidth, size), size)
	if first == last {
		z.height[first] = max(z.height[first], h)
		return
	}
	z.spans = append(z.spans, span{first, last, h})
}

// apply sets the row heights; a merged cell that needs more than its rows
// give gets the difference spread over them.
func (z *rowSizer) apply(w *sheetWriter) {
	for r, h := range z.height {
		z.height[r] = max(h, z.min)
	}
	for _, s := range z.spans {
		have := 0.0
		for r := s.first; r <= s.last; r++ {
			z.height[r] = max(z.height[r], z.min)
			have += z.height[r]
		}
		if have < s.height {
			extra := (s.height - have) / float64(s.last-s.first+1)
			for r := s.first; r <= s.last; r++ {
				z.height[r] = float64(int((z.height[r]+extra)*4+0.999)) / 4
			}
		}
	}
	for r, h := range z.height {
		w.height(r, h)
	}
}

// fitHeight is the height of a row that shows text wrapped in a column
// colWidth characters wide at size points.
func fitHeight(text string, colWidth, size float64) float64 {
	return heightFor(textLines(text, colWidth, size), size)
}

// page describes a sheet's print setup.
type page struct {
	landscape bool
	titleRows [2]int // the rows repeated on every page; zero for none
	header    [2]string
	draft     bool // 草稿 in red in the middle of the page header
}

// draftMark is what a workbook made from sample or incomplete data says, as
// the PDF drafts do (layout.DraftMark): after the title of each sheet, in
// the page header of every printed page, and before the document title.
const draftMark = "草稿"

// draftTitle returns title marked as a draft when draft is set.
func draftTitle(title string, draft bool) string {
	if !draft {
		return title
	}
	return title + "（" + draftMark + "）"
}

// setupPage prints sheet on A4, fitted to the page width, with the given
// repeated rows, a page header (left, right) and the page numbers in the footer.
func setupPage(f *excelize.File, sheet string, pg page) error {
	if err := setupPrint(f, sheet, pg); err != nil {
		return err
	}
	return setHeaderFooter(f, sheet, pg)
}

// setupPrint is setupPage but the page header and footer.
func setupPrint(f *excelize.File, sheet string, pg page) error {
	orient := "portrait"
	if pg.landscape {
		orient = "landscape"
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: &orient, FitToWidth: ptr(1), FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.6), Right: ptr(0.6), Top: ptr(0.8), Bottom: ptr(0.8),
		Header: ptr(0.35), Footer: ptr(0.35), Horizontally: ptr(true),
	}); err != nil {
		return err
	}
	if pg.titleRows[0] > 0 {
		return f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, pg.titleRows[0], pg.titleRows[1]),
			Scope:    sheet,
		})
	}
	return nil
}

// setHeaderFooter writes the page header of pg and the page numbers in the
// footer.
func setHeaderFooter(f *excelize.File, sheet string, pg page) error {
	hf := &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}
	if pg.header[0] != "" || pg.header[1] != "" || pg.draft {
		hf.OddHeader = "&L" + hfEscape(pg.header[0])
		if pg.draft {
			hf.OddHeader += `&C&"-,Bold"&14&KFF0000` + draftMark
		}
		hf.OddHeader += "&R" + hfEscape(pg.header[1])
	}
	return f.SetHeaderFooter(sheet, hf)
}

// hfEscape escapes the ampersands of a page header text.
func hfEscape(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// docDate is the date written into the document properties: the forms' issue
// date, or 1 January of the following year when the year gives none.
func docDate(y *model.Year) string {
	d := y.Forms.IssueDate
	if d.IsZero() {
		d = time.Date(y.Year+1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Format("2006-01-02T15:04:05Z")
}

// docProps are the document properties of a workbook: the title given,
// dates from the inputs.
func docProps(p *model.Plan, y *model.Year, title string) *excelize.DocProperties {
	d := docDate(y)
	creator := p.Notice.Signature
	if creator == "" {
		creator = "mofan"
	}
	return &excelize.DocProperties{
		Title:          title,
		Subject:        fmt.Sprintf("%d年度市直机关创建模范机关", y.Year),
		Creator:        creator,
		LastModifiedBy: creator,
		Keywords:       "创建模范机关",
		Created:        d,
		Modified:       d,
		Language:       "zh-CN",
		Revision:       "1",
	}
}

// setProps writes the document properties (docProps) as excelize's
// SetDocProps writes them into a new File, with the cp: prefix that
// fixCoreProps gives them (TestCorePropsAsExcelize): the part is written
// here because SetDocProps decodes and encodes it, a tenth of the CPU of a
// unit's workbook besides compressing.
func (b *book) setProps(p *model.Plan, y *model.Year, title string) {
	data := corePropsXML(docProps(p, y, title))
	b.patches[corePropsPart] = []patchFunc{func([]byte) ([]byte, error) { return data, nil }}
}

// corePropsXML is docProps/core.xml with the properties of d, each written
// when it is set (the creator and last editor always).
func corePropsXML(d *excelize.DocProperties) []byte {
	var out bytes.Buffer
	out.WriteString(xml.Header)
	out.WriteString(`<cp:coreProperties xmlns:cp="` + nsCoreProps + `" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
		`xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	elem := func(name, v string, always bool) {
		if v == "" && !always {
			return
		}
		out.WriteString("<" + name + ">")
		xml.EscapeText(&out, []byte(v)) // a bytes.Buffer does not fail
		out.WriteString("</" + name + ">")
	}
	date := func(name, v string) {
		out.WriteString("<" + name + ` xsi:type="dcterms:W3CDTF">`)
		xml.EscapeText(&out, []byte(v))
		out.WriteString("</" + name + ">")
	}
	elem("dc:title", d.Title, false)
	elem("dc:subject", d.Subject, false)
	elem("dc:creator", d.Creator, true)
	elem("cp:keywords", d.Keywords, false)
	elem("dc:description", d.Description, false)
	elem("cp:lastModifiedBy", d.LastModifiedBy, true)
	elem("dc:language", d.Language, false)
	elem("dc:identifier", d.Identifier, false)
	elem("cp:revision", d.Revision, false)
	date("dcterms:created", d.Created)
	date("dcterms:modified", d.Modified)
	elem("cp:contentStatus", d.ContentStatus, false)
	elem("cp:category", d.Category, false)
	elem("cp:version", d.Version, false)
	out.WriteString("</cp:coreProperties>")
	return out.Bytes()
}

// yearTitle gives a plan title the year of y: "2020年市直机关…考评要点"
// becomes "2021年市直机关…考评要点" for 2021; a title without a leading year
// gets one.
func yearTitle(title string, year int) string {
	rs := []rune(title)
	i := 0
	for i < len(rs) && rs[i] >= '0' && rs[i] <= '9' {
		i++
	}
	if i > 0 && i < len(rs) && rs[i] == '年' {
		title = string(rs[i+1:])
	} else if strings.HasPrefix(title, "年") {
		title = strings.TrimPrefix(title, "年")
	}
	return fmt.Sprintf("%d年%s", year, title)
}

// maxOf returns the 分值 of point i, or 0 when the year gives none.
func maxOf(y *model.Year, i int) model.Tenths {
	if i < len(y.Max) {
		return y.Max[i]
	}
	return 0
}

// number is a score as a cell value: an integer or a one-decimal float.
func number(t model.Tenths) any {
	if t%10 == 0 {
		return int(t / 10)
	}
	return t.Float()
}

// chineseDate formats a date as 2021年1月15日 (see model.FormatDate).
func chineseDate(t time.Time) string { return model.FormatDate(t) }
