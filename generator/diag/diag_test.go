package diag

import (
	"strings"
	"testing"
)

func TestErrorEscapes(t *testing.T) {
	p := &Problem{Pos: Pos{File: "a\u202eb.toml", Line: 2, Col: 3}, Msg: "名称“x\u202ey\nz\x00”", Hint: "删去\x1b[31m"}
	got := p.Error()
	want := "a<U+202E>b.toml:2:3: 名称“x<U+202E>y<U+000A>z<U+0000>”（提示：删去<U+001B>[31m）"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	long := &Problem{Pos: Pos{File: "f"}, Msg: strings.Repeat("长", 5000)}
	if n := len([]rune(long.Error())); n > maxMessage+10 {
		t.Errorf("overlong message not cut: %d characters", n)
	}
}

func TestShow(t *testing.T) {
	cases := []struct{ in, want string }{
		{"市委办公室", "市委办公室"},
		{"=SUM(A1)", "=SUM(A1)"},
		{"a\u200fb\u2066c\u0085d\te", "a<U+200F>b<U+2066>c<U+0085>d<U+0009>e"},
		{"bad\xffbyte", "bad\ufffdbyte"},
		{strings.Repeat("字", 41), strings.Repeat("字", 40) + "…"},
		{strings.Repeat("字", 40), strings.Repeat("字", 40)},
	}
	for _, c := range cases {
		if got := Show(c.in); got != c.want {
			t.Errorf("Show(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLines(t *testing.T) {
	src := []byte("ab\n中文x\n\nlast\xffz")
	l := NewLines(src)
	// In order, backwards, and out of range: always as LineCol says.
	offs := []int{0, 1, 2, 3, 6, 9, 10, 11, 12, 16, 17, 18, 5, 0, 100, 12}
	for _, off := range offs {
		gl, gc := l.LineCol(off)
		wl, wc := LineCol(src, off)
		if gl != wl || gc != wc {
			t.Errorf("offset %d: Lines %d:%d, LineCol %d:%d", off, gl, gc, wl, wc)
		}
	}
}

func TestCap(t *testing.T) {
	var l List
	l.Add(Pos{File: "b", Line: 1}, "b1", "")
	for i := 10; i > 0; i-- {
		l.Warn(Pos{File: "a", Line: i}, "a", "")
	}
	l.Add(Pos{File: "a", Line: 5, Col: 2}, "a5", "")
	l.Cap("a", 3)
	l.Cap("b", 3)
	want := "a: 问题过多，只列出前 3 个，另有 8 个未列出（提示：先改正列出的问题，再重新检查）\n" +
		"a:1: 警告：a\na:2: 警告：a\na:3: 警告：a\nb:1: b1"
	if got := l.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if ps := l.Problems(); ps[0].Severity != Error {
		t.Error("an error left out must keep the list an error")
	}
}

func TestNearest(t *testing.T) {
	cases := []struct {
		s     string
		cands []string
		limit int
		want  string
	}{
		{"secretery", []string{"secretary", "contact", "phone"}, -1, "secretary"},
		{"市委办公厅", []string{"市委办公室", "市人大机关"}, -1, "市委办公室"},
		{"纪检", []string{"纪检监察", "巡视巡察", "审计", "其他"}, -1, "纪检监察"},
		{"bdoy", []string{"body", "title"}, 1, "body"}, // a swap costs one
		{"zzzzzz", []string{"body", "title"}, -1, ""},
		{"Phone", []string{"phone"}, -1, "phone"},
	}
	for _, c := range cases {
		if got := Nearest(c.s, c.cands, c.limit); got != c.want {
			t.Errorf("Nearest(%q) = %q, want %q", c.s, got, c.want)
		}
	}
	if d := EditDistance("kitten", "sitting"); d != 3 {
		t.Errorf("EditDistance = %d, want 3", d)
	}
}
