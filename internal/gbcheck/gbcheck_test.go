package gbcheck

import (
	"strings"
	"testing"
)

func TestBreakViolations(t *testing.T) {
	cases := []struct {
		text string
		bad  bool
	}{
		{"为深入贯彻落实习近平总书记", false},
		{"，根据中央", true},
		{"根据中央《", true},
		{"——推动市直机关", false}, // a whole pair may start a paragraph
		{"—推动市直机关", true},
		{"开展……", false},
		{"开展…", true},
		{"）", true},
		{"— 3 —", false},
	}
	for _, c := range cases {
		got := BreakViolations([][]Line{{{Text: c.text}}})
		if (len(got) > 0) != c.bad {
			t.Errorf("%q: violations %v, want bad=%v", c.text, got, c.bad)
		}
	}
}

func TestGeometryViolations(t *testing.T) {
	line := func(i int, x0, x1 float64, text string) Line {
		return Line{Base: BlockTop + float64(i)*LinePitch + 20, Size: BodySize, XMin: x0, XMax: x1, Text: text}
	}
	ok := [][]Line{{
		line(0, BlockLeft+2*156*MM/28, BlockRight, "段落首行"),
		line(1, BlockLeft, BlockRight, "续行"),
		line(3, BlockLeft, BlockLeft+100, "隔一行的段落"),
		{Base: BlockBottom + 7*MM + 0.30*14, Size: 14, XMin: BlockRight - 14 - 40, XMax: BlockRight - 14, Text: "— 1 —"},
	}}
	if v := GeometryViolations(ok); len(v) != 0 {
		t.Errorf("a good page: %v", v)
	}
	bad := [][]Line{{
		line(0, BlockLeft, BlockRight, "正文"),
		{Base: BlockTop + LinePitch*1.5 + 20, Size: BodySize, XMin: BlockLeft, XMax: BlockRight, Text: "不在网格上"},
		line(2, BlockLeft-3*MM, BlockRight, "超出版心"),
		{Base: BlockBottom + 7*MM + 0.30*14, Size: 14, XMin: BlockLeft + 14, XMax: BlockLeft + 54, Text: "— 1 —"},
	}}
	v := strings.Join(GeometryViolations(bad), "\n")
	for _, want := range []string{"grid lines below", "outside the block", "number ends"} {
		if !strings.Contains(v, want) {
			t.Errorf("violations lack %q:\n%s", want, v)
		}
	}
}
