package layout

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// unitForm is a form of the kind a run sets once per unit: the same table
// for every unit but for the unit's name (running header, subtitle) and
// its own values in some cells.
func unitForm(unit int) *Document {
	name := "中共焦作市第" + itoa(unit) + "局机关委员会"
	var rows []Row
	for i := 1; i <= 30; i++ {
		rows = append(rows, Row{Cells: []Cell{
			{Text: "创建内容", Merge: i%6 != 1},
			{Text: "理论武装强信念：深入学习贯彻习近平新时代中国特色社会主义思想，落实“第一议题”制度（" + itoa(i) + "）。"},
			{Text: "10"},
			{Text: itoa(unit%10) + ".5"},
			{Text: name + "第" + itoa(i) + "项佐证材料", Bold: i%7 == 0},
		}})
	}
	rows = append(rows, Row{Cells: []Cell{{Text: "合计", Bold: true}, {}, {Text: "10", Bold: true}, {Text: "10", Bold: true}, {}}})
	return &Document{
		Header: name,
		Blocks: []Block{
			{Kind: Title, Text: "2020年度市直机关创建模范机关自评表"},
			{Kind: Subtitle, Text: "（" + name + "）"},
			{Kind: TableBlock, Table: &Table{
				Columns: []Column{{Title: "类别", Width: 20, Align: Center, Role: model.RoleKai}, {Title: "考评要点", Width: 70},
					{Title: "分值", Width: 14, Align: Center}, {Title: "自评分", Width: 14, Align: Right}, {Title: "佐证材料", Width: 38}},
				Rows: rows,
			}},
			{Kind: Lines, Items: []string{"填报单位（盖章）：________  书记签字：________"}},
		},
	}
}

// memoDocs are documents that repeat each other's cells, in the order a
// run might lay them out.
func memoDocs() []*Document {
	docs := []*Document{sampleDoc()}
	for u := 1; u <= 6; u++ {
		docs = append(docs, unitForm(u))
	}
	return append(docs, sampleDoc())
}

// TestMemoSameLayout: documents laid out with a memo, again and again, are
// laid out exactly as without one.
func TestMemoSameLayout(t *testing.T) {
	m := NewMemo(fakeFonts{}, 0)
	for round := 0; round < 3; round++ {
		for i, doc := range memoDocs() {
			sameLayout(t, m, doc, fmt.Sprintf("round %d, document %d", round, i))
		}
	}
	if m.Size() == 0 {
		t.Error("the memo holds nothing after documents that repeat their cells")
	}
}

// sameLayout lays doc out with m and without a memo, and stops the test
// when the two differ.
func sameLayout(t *testing.T, m *Memo, doc *Document, what string) {
	t.Helper()
	want, err := Layout(doc, fakeFonts{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.Layout(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: the memo's layout differs:\n%s", what, firstDiff(Dump(got), Dump(want)))
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "got:  " + la[i] + "\nwant: " + lb[i]
		}
	}
	return "different lengths"
}

// TestMemoMissingChar: a cell with a character no font has is reported by
// every layout that sets it, with its position, memo or not.
func TestMemoMissingChar(t *testing.T) {
	pos := diag.Pos{File: "seeds/2020/units/07.toml", Line: 4, Col: 9}
	doc := &Document{Blocks: []Block{{Kind: TableBlock, Table: &Table{
		Columns: []Column{{Title: "姓名", Width: 40}, {Title: "说明", Width: 116}},
		Rows:    []Row{{Cells: []Cell{{Text: "张\uE000"}, {Text: "同上"}}, Pos: pos}},
	}}}}
	m := NewMemo(fakeFonts{}, 0)
	for i := 0; i < 3; i++ {
		_, err := m.Layout(doc)
		var l *diag.List
		if !errors.As(err, &l) || !strings.Contains(err.Error(), "U+E000") || !strings.Contains(err.Error(), pos.String()) {
			t.Fatalf("layout %d: want the missing character at %s, got %v", i+1, pos, err)
		}
	}
}

// TestMemoBounded: a memo never holds more than its limit, however many
// different cells it sees, and its layouts stay exact when it starts over.
func TestMemoBounded(t *testing.T) {
	const limit = 16 << 10
	m := NewMemo(fakeFonts{}, limit)
	for u := 1; u <= 40; u++ {
		for range 2 { // twice: the second time a cell is asked for, it is kept
			sameLayout(t, m, unitForm(u), fmt.Sprintf("unit %d", u))
			if n := m.Size(); n > limit || n <= 0 {
				t.Fatalf("unit %d: the memo holds %d bytes, limit %d", u, n, limit)
			}
		}
	}
}

// TestMemoConcurrent: workers sharing one memo get the layouts they would
// get alone (run with -race).
func TestMemoConcurrent(t *testing.T) {
	docs := memoDocs()
	want := make([][]Page, len(docs))
	for i, doc := range docs {
		var err error
		if want[i], err = Layout(doc, fakeFonts{}); err != nil {
			t.Fatal(err)
		}
	}
	m := NewMemo(fakeFonts{}, 0)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for k := range 2 * len(docs) {
				i := (k + w) % len(docs)
				got, err := m.Layout(docs[i])
				if err != nil {
					t.Error(err)
					return
				}
				if !reflect.DeepEqual(got, want[i]) {
					t.Errorf("worker %d, document %d: the memo's layout differs", w, i)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestMemoSameHash: cells whose keys share a hash are told apart.
func TestMemoSameHash(t *testing.T) {
	m := NewMemo(fakeFonts{}, 0)
	a := cellKey{text: "甲", st: stBody, x: 10, avail: 100}
	b := cellKey{text: "乙", st: stBody, x: 10, avail: 100}
	la := [][]Item{{{Text: "甲"}}}
	lb := [][]Item{{{Text: "乙"}}}
	for range 2 { // kept the second time
		m.addCell(7, a, la)
		m.addCell(7, b, lb)
	}
	for _, c := range []struct {
		key  cellKey
		want string
	}{{a, "甲"}, {b, "乙"}} {
		got, ok := m.lookup(7, c.key)
		if !ok || got[0][0].Text != c.want {
			t.Errorf("%q: got %v, %v", c.key.text, got, ok)
		}
	}
	if _, ok := m.lookup(7, cellKey{text: "丙", st: stBody, x: 10, avail: 100}); ok {
		t.Error("a key never added was found")
	}
}
