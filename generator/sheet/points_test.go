package sheet

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestLayoutGroups(t *testing.T) {
	long := strings.Repeat("长", 40) // 80 half-width characters: 5 lines in a column 20 wide
	for _, c := range []struct {
		name         string
		labels       []string
		heights      []float64
		first, page  float64
		runs         [][2]int
		breaks       []int
		heightsAfter []float64 // nil: unchanged
	}{
		{"one page", []string{"a", "a", "b"}, []float64{22, 22, 22}, 100, 100, [][2]int{{0, 1}, {2, 2}}, nil, nil},
		{"a group cut by a page", []string{"a", "a", "a", "a", "a"}, []float64{30, 30, 30, 30, 30}, 100, 100, [][2]int{{0, 2}, {3, 4}}, []int{3}, nil},
		{"a break between groups", []string{"a", "a", "b", "b"}, []float64{50, 50, 50, 50}, 100, 100, [][2]int{{0, 1}, {2, 3}}, []int{2}, nil},
		{"a smaller first page", []string{"a", "a", "a"}, []float64{40, 40, 40}, 50, 100, [][2]int{{0, 0}, {1, 2}}, []int{1}, nil},
		{"a label taller than its row", []string{long, "b"}, []float64{22, 22}, 1000, 1000, [][2]int{{0, 0}, {1, 1}}, nil,
			[]float64{fitHeight(long, 20, sizeBody), 22}},
		{"a grown label moves the break", []string{"a", long}, []float64{22, 22}, 60, 1000, [][2]int{{0, 0}, {1, 1}}, []int{1},
			[]float64{22, fitHeight(long, 20, sizeBody)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := append([]float64(nil), c.heights...)
			runs, breaks := layoutGroups(c.labels, h, 20, c.first, c.page)
			if !reflect.DeepEqual(runs, c.runs) || !reflect.DeepEqual(breaks, c.breaks) {
				t.Errorf("runs %v breaks %v, want %v %v", runs, breaks, c.runs, c.breaks)
			}
			want := c.heightsAfter
			if want == nil {
				want = c.heights
			}
			if !reflect.DeepEqual(h, want) {
				t.Errorf("heights %v, want %v", h, want)
			}
		})
	}
}

// TestSummaryPointsSheet: 考评要点 lists every point with its text and
// 分值; each group label is merged over its points on each page, the pages
// broken by hand where a group continues.
func TestSummaryPointsSheet(t *testing.T) {
	fx := newFixture(t)
	data, err := Summary(fx.p, fx.y, fx.r, false)
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzipParts(t, data)
	body := parts["xl/worksheets/sheet7.xml"]
	var ws worksheetXML
	if err := xmlUnmarshal(body, &ws); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(body), "<colBreaks") {
		t.Error("an empty list of column breaks")
	}
	var breaks []int
	for _, m := range regexp.MustCompile(`<brk id="(\d+)"`).FindAllSubmatch(body, -1) {
		var n int
		fmt.Sscan(string(m[1]), &n)
		breaks = append(breaks, n+1) // the first row of the next page
	}
	if len(breaks) == 0 {
		t.Fatal("the points fit one page: the fixture no longer tests page breaks")
	}
	merges := regexp.MustCompile(`<mergeCell ref="B(\d+):B(\d+)"/>`).FindAllSubmatch(body, -1)
	// Every run of rows of one group on one page is one merged label.
	first := tableHead + 1
	var want []string
	start := 0
	label := func(i int) string {
		pt := fx.p.Points[i]
		if pt.Group != "" {
			return pt.Group
		}
		return string(pt.Category)
	}
	for i := 1; i <= len(fx.p.Points); i++ {
		pageBreak := false
		for _, b := range breaks {
			pageBreak = pageBreak || b == first+i
		}
		if i == len(fx.p.Points) || pageBreak || label(i) != label(i-1) {
			if i-1 > start {
				want = append(want, fmt.Sprintf("B%d:B%d", first+start, first+i-1))
			}
			start = i
		}
	}
	var got []string
	for _, m := range merges {
		got = append(got, fmt.Sprintf("B%s:B%s", m[1], m[2]))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("merged labels %v, want %v (breaks before rows %v)", got, want, breaks)
	}
	split := false
	for _, b := range breaks {
		i := b - first
		split = split || i > 0 && label(i) == label(i-1)
	}
	if !split {
		t.Errorf("no page break inside a group (breaks before rows %v): the fixture no longer tests repeated labels", breaks)
	}
}
