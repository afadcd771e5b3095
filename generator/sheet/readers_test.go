package sheet

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"mofan/internal/readers"
)

// readerBooks are the workbooks every independent reader opens: one of
// each kind mofan writes.
func readerBooks() []workbook {
	return []workbook{
		{"单位名单", func(fx *fixture) ([]byte, error) { return UnitList(fx.p, fx.y) }},
		{"考评要点", func(fx *fixture) ([]byte, error) { return Checklist(fx.p, fx.y, fx.units[0]) }},
		{"自评表", func(fx *fixture) ([]byte, error) { return SelfForm(fx.p, fx.y, fx.units[unitPartial-1]) }},
		{"考评汇总", func(fx *fixture) ([]byte, error) { return Summary(fx.p, fx.y, fx.r, false) }},
		{"表彰通知", func(fx *fixture) ([]byte, error) { return CommendList(fx.p, fx.y, fx.r, false) }},
		{"三年总评", func(fx *fixture) ([]byte, error) { return Overall(fx.p, fx.y, fx.o, false) }},
	}
}

// TestReaders opens every kind of workbook with openpyxl, ExcelJS, SheetJS
// and LibreOffice, and checks the values each of them reads. Under CI every
// reader must be there (.ci/run installs them).
func TestReaders(t *testing.T) {
	fx := newFixture(t)
	dir := t.TempDir()
	var paths []string
	books := readerBooks()
	for _, wb := range books {
		data, err := wb.build(fx)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, wb.name+".xlsx")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	var first []*readers.Book
	for _, r := range readers.All {
		t.Run(string(r), func(t *testing.T) {
			got := readers.ReadFiles(t, r, paths...)
			for i, b := range got {
				t.Run(books[i].name, func(t *testing.T) {
					names, err := readers.WorksheetNames(paths[i])
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(b.Names(), names) {
						t.Fatalf("sheets %q, want %q", b.Names(), names)
					}
					checkReaderValues(t, fx, books[i].name, b)
					if first != nil && !reflect.DeepEqual(b.Sheets, first[i].Sheets) {
						for k := range b.Sheets {
							if !reflect.DeepEqual(b.Sheets[k], first[i].Sheets[k]) {
								t.Errorf("sheet %s differs from %s's:\n%s\n%s:\n%s", b.Sheets[k].Name, first[i].Reader, b.Sheets[k].String(), first[i].Reader, first[i].Sheets[k].String())
							}
						}
					}
				})
			}
			if first == nil {
				first = got
			}
		})
	}
}

// checkReaderValues checks the values a reader read from one kind of
// workbook against the fixture.
func checkReaderValues(t *testing.T, fx *fixture, kind string, b *readers.Book) {
	t.Helper()
	sheet := func(name string) *readers.Sheet {
		s := b.Sheet(name)
		if s == nil {
			t.Fatalf("no sheet %s", name)
		}
		return s
	}
	contains := func(s *readers.Sheet, want string) bool {
		for _, row := range s.Rows {
			for _, v := range row {
				if v == want {
					return true
				}
			}
		}
		return false
	}
	expect := func(s *readers.Sheet, col, row int, want string) {
		t.Helper()
		if got := s.Value(col, row); got != want {
			t.Errorf("%s %s: %q, want %q", s.Name, cell(col, row), got, want)
		}
	}
	switch kind {
	case "单位名单":
		s := sheet("单位名单")
		expect(s, 1, 1, unitListTitle(fx.p, fx.y))
		for i, u := range fx.p.Units {
			expect(s, 1, tableHead+1+i, strconv.Itoa(u.No))
			expect(s, 2, tableHead+1+i, u.Name)
		}
		if len(s.Rows) != tableHead+len(fx.p.Units) {
			t.Errorf("%d rows, want %d", len(s.Rows), tableHead+len(fx.p.Units))
		}
	case "考评要点", "自评表":
		s := b.Sheets[0]
		for _, pt := range fx.p.Points {
			if !contains(&s, pt.Text) {
				t.Errorf("%s lacks point %s: %s", s.Name, pt.ID, pt.Text)
			}
		}
	case "考评汇总":
		s := sheet(sumMain)
		for i, u := range fx.r.Units {
			row := tableHead + 1 + i
			expect(s, 2, row, u.Unit.Name)
			expect(s, 11, row, status(&u))
			expect(s, 12, row, u.Reason)
			if !u.Unit.Missing {
				expect(s, 9, row, u.Total.String())
				expect(s, 10, row, strconv.Itoa(u.Rank))
			}
		}
		final := sheet(sumFinal)
		for j, ps := range fx.r.Units[0].Points {
			expect(final, 3+j, tableHead+1, ps.Final.String())
		}
		rank := sheet(sumRank)
		for k, idx := range fx.r.ByRank {
			u := &fx.r.Units[idx]
			expect(rank, 2, tableHead+1+k, u.Unit.Name)
			if !u.Unit.Missing {
				col := rankColOther
				if u.Commended {
					col = rankColCommended
				}
				expect(rank, 3, tableHead+1+k, u.Total.String())
				expect(rank, col, tableHead+1+k, u.Total.String())
			}
		}
		pts := sheet(sumPoints)
		for i, pt := range fx.p.Points {
			expect(pts, 1, tableHead+1+i, pt.ID)
			expect(pts, 3, tableHead+1+i, pt.Text)
			expect(pts, 4, tableHead+1+i, maxOf(fx.y, i).String())
		}
		if s := b.Sheet(sumChart); s == nil || len(s.Rows) != 0 {
			t.Errorf("%s: %v, want an empty sheet with the chart", sumChart, s)
		}
	case "表彰通知":
		s := sheet("表彰名单")
		for k, idx := range fx.r.Commended {
			u := &fx.r.Units[idx]
			expect(s, 2, tableHead+1+k, u.Unit.Name)
			expect(s, 3, tableHead+1+k, u.Total.String())
		}
	case "三年总评":
		s := sheet("三年总评")
		for i, u := range fx.o.Units {
			expect(s, 2, tableHead+1+i, u.Name)
			expect(s, 9, tableHead+1+i, u.Mean.String())
			expect(s, 10, tableHead+1+i, strconv.Itoa(u.Rank))
		}
	default:
		t.Fatalf("no check for %s", kind)
	}
}
