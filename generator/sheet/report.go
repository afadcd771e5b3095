package sheet

import "github.com/xuri/excelize/v2"

// The report workbooks (考评汇总, 三年总评, 表彰名单) show scores with one
// decimal (86.0 beside 86.5) and shade the rows of commended units, which
// still shows on a black-and-white printer.

// colorCommendedFill shades the rows of commended units: a light blue that
// prints as a light grey.
const colorCommendedFill = "DDEBF7"

// scoreFormat shows a score with one decimal.
const scoreFormat = "0.0"

// reportStyles are the cell styles of the report tables, each in two
// variants: [0] for an ordinary row, [1] for a commended unit's row.
type reportStyles struct {
	text        [2]int // wrapped text, left
	number      [2]int // an integer (序号, 排名), centred
	score       [2]int // a score, 0.0, centred
	scoreBold   [2]int // a total, 0.0, bold
	scoreItalic [2]int // a score taken from the self-assessment, 0.0, italic
	status      [2]int // 状态: centred; bold in a commended row
	missing     int    // a score of a unit that did not report, 0.0, grey italic
}

// variant picks the style variant of a row.
func variant(commended bool) int {
	if commended {
		return 1
	}
	return 0
}

// createReportStyles creates the report styles in f.
func createReportStyles(f *excelize.File) (*reportStyles, error) {
	border := []excelize.Border{
		{Type: "left", Color: colorBorder, Style: 1},
		{Type: "right", Color: colorBorder, Style: 1},
		{Type: "top", Color: colorBorder, Style: 1},
		{Type: "bottom", Color: colorBorder, Style: 1},
	}
	format := scoreFormat
	style := func(h string, wrap, bold, italic, score bool, shaded bool) excelize.Style {
		s := excelize.Style{
			Font:      &excelize.Font{Family: fontBody, Size: sizeBody, Bold: bold, Italic: italic},
			Alignment: &excelize.Alignment{Horizontal: h, Vertical: "center", WrapText: wrap},
			Border:    border,
		}
		if score {
			s.CustomNumFmt = &format
		}
		if shaded {
			s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorCommendedFill}}
		}
		return s
	}
	rs := &reportStyles{}
	defs := []struct {
		dst                            *[2]int
		h                              string
		wrap, bold, italic, score, cmd bool
	}{
		{&rs.text, "left", true, false, false, false, false},
		{&rs.number, "center", false, false, false, false, false},
		{&rs.score, "center", false, false, false, true, false},
		{&rs.scoreBold, "center", false, true, false, true, false},
		{&rs.scoreItalic, "center", false, false, true, true, false},
		{&rs.status, "center", false, false, false, false, false},
	}
	for _, d := range defs {
		for v := range 2 {
			st := style(d.h, d.wrap, d.bold || d.dst == &rs.status && v == 1, d.italic, d.score, v == 1)
			id, err := f.NewStyle(&st)
			if err != nil {
				return nil, err
			}
			d.dst[v] = id
		}
	}
	missing := excelize.Style{
		Font:         &excelize.Font{Family: fontBody, Size: sizeBody, Italic: true, Color: "7F7F7F"},
		Alignment:    &excelize.Alignment{Horizontal: "center", Vertical: "center"},
		Border:       border,
		CustomNumFmt: &format,
	}
	id, err := f.NewStyle(&missing)
	if err != nil {
		return nil, err
	}
	rs.missing = id
	return rs, nil
}
