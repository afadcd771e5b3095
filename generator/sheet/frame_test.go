package sheet

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"mofan/generator/model"

	"github.com/xuri/excelize/v2"
)

// TestFramesGiveTheSameBytes builds unit workbooks through the frame pool,
// one kind after the other so that Files are reused, and compares each with
// the same workbook built from a new File: a unit with a long name, one with
// "&" in it, one with no form returned, the partial one, and a second year
// with other 分值, no dates and a draft-free title.
func TestFramesGiveTheSameBytes(t *testing.T) {
	fx := newFixture(t)
	other := *fx.y
	other.Year = 2021
	other.Max = append([]model.Tenths(nil), fx.y.Max...)
	other.Max[0], other.Max[len(other.Max)-1] = 35, 65
	other.Forms = model.FormsInfo{}
	long := *fx.units[1]
	long.Name = strings.Repeat("市委机关工委所属事业单位联合党委", 6) + "R&D"
	long.Secretary, long.Phone = "欧阳<某>", "0391-3999&999"
	deadline := other
	deadline.Forms.Deadline = time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		y    *model.Year
		u    *model.Unit
	}{
		{"first", fx.y, fx.units[0]},
		{"long name", fx.y, &long},
		{"missing", fx.y, fx.units[unitMissing-1]},
		{"partial", fx.y, fx.units[unitPartial-1]},
		{"other year", &other, fx.units[2]},
		{"other year, long name", &other, &long},
		{"deadline only", &deadline, fx.units[3]},
		{"first again", fx.y, fx.units[0]},
	}
	kinds := []struct {
		name  string
		build func(*model.Plan, *model.Year, *model.Unit, func(string) (*book, *styles, error)) ([]byte, error)
	}{
		{"考评要点", checklist},
		{"自评表", selfForm},
	}
	for _, c := range cases {
		for _, k := range kinds {
			want, err := k.build(fx.p, c.y, c.u, openBook)
			if err != nil {
				t.Fatalf("%s, %s, new File: %v", c.name, k.name, err)
			}
			for i := range 2 {
				got, err := k.build(fx.p, c.y, c.u, openFrameBook)
				if err != nil {
					t.Fatalf("%s, %s, frame %d: %v", c.name, k.name, i, err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s, %s, frame %d: %d bytes differ from the %d of a new File", c.name, k.name, i, len(got), len(want))
					diffParts(t, want, got)
				}
			}
		}
	}
	// The pools hold Files: the builds above reused them.
	for _, sheet := range []string{model.ChecklistSpec.Sheet, model.SelfFormSpec.Sheet} {
		p := framesFor(sheet)
		f := p.get()
		if f == nil {
			t.Errorf("no File kept for the sheet %s", sheet)
			continue
		}
		p.put(f)
	}
}

// TestFailedBookIsNotReused checks that a book closed before it was written
// does not give its File back to the pool.
func TestFailedBookIsNotReused(t *testing.T) {
	const sheet = "未写完"
	b, _, err := openFrameBook(sheet)
	if err != nil {
		t.Fatal(err)
	}
	b.writer(sheet).set(1, 1, "x", 0)
	if err := b.close(); err != nil {
		t.Fatal(err)
	}
	if f := framesFor(sheet).get(); f != nil {
		t.Errorf("an unwritten book's File went back to the pool")
	}
}

// diffParts reports the parts in which two workbooks differ.
func diffParts(t *testing.T, want, got []byte) {
	t.Helper()
	wp, _ := unzipParts(t, want)
	gp, _ := unzipParts(t, got)
	for name, w := range wp {
		if g, ok := gp[name]; !ok {
			t.Errorf("  %s missing", name)
		} else if !bytes.Equal(g, w) {
			t.Errorf("  %s differs:\n  want %s\n  got  %s", name, w, g)
		}
	}
	for name := range gp {
		if _, ok := wp[name]; !ok {
			t.Errorf("  %s added", name)
		}
	}
}

// TestCorePropsAsExcelize compares the core properties setProps writes with
// those excelize's SetDocProps writes into a new File, after fixCoreProps.
func TestCorePropsAsExcelize(t *testing.T) {
	fx := newFixture(t)
	noDate := *fx.y
	noDate.Forms = model.FormsInfo{}
	unsigned := *fx.p
	unsigned.Notice.Signature = ""
	for _, c := range []struct {
		name  string
		p     *model.Plan
		y     *model.Year
		title string
	}{
		{"plain", fx.p, fx.y, "2020年度自评表（市委办公室）"},
		{"markup", fx.p, fx.y, `A&B <c> "d" 'e'` + "\t\n\r" + "𠮷\u00a0"},
		{"no date", fx.p, &noDate, "单位名单"},
		{"unsigned", &unsigned, fx.y, "考评汇总表（草稿）"},
	} {
		f := excelize.NewFile()
		if err := f.SetDocProps(docProps(c.p, c.y, c.title)); err != nil {
			t.Fatal(err)
		}
		parts := &captureZip{parts: map[string][]byte{}}
		f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return parts })
		if _, err := f.WriteToBuffer(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		want, err := fixCoreProps(parts.parts[corePropsPart])
		if err != nil {
			t.Fatal(err)
		}
		if got := corePropsXML(docProps(c.p, c.y, c.title)); !bytes.Equal(got, want) {
			t.Errorf("%s:\ngot  %s\nwant %s", c.name, got, want)
		}
	}
}

// TestFramesInParallel builds unit workbooks from several goroutines, as the
// build does, and compares each with the same workbook from a new File.
func TestFramesInParallel(t *testing.T) {
	fx := newFixture(t)
	units := fx.units[:12]
	want := make([][2][]byte, len(units))
	for i, u := range units {
		var err error
		if want[i][0], err = checklist(fx.p, fx.y, u, openBook); err != nil {
			t.Fatal(err)
		}
		if want[i][1], err = selfForm(fx.p, fx.y, u, openBook); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4*len(units))
	for g := range 4 {
		wg.Go(func() {
			for k := range units {
				i := (k + 3*g) % len(units)
				c, err := Checklist(fx.p, fx.y, units[i])
				if err == nil && !bytes.Equal(c, want[i][0]) {
					err = fmt.Errorf("unit %d: checklist differs", i+1)
				}
				if err != nil {
					errs <- err
					continue
				}
				f, err := SelfForm(fx.p, fx.y, units[i])
				if err == nil && !bytes.Equal(f, want[i][1]) {
					err = fmt.Errorf("unit %d: form differs", i+1)
				}
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
