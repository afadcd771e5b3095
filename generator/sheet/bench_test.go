package sheet

import (
	"os"
	"path/filepath"
	"testing"
)

func benchWorkbook(b *testing.B, build func(*fixture) ([]byte, error)) {
	fx := newFixture(b)
	var n int
	for b.Loop() {
		data, err := build(fx)
		if err != nil {
			b.Fatal(err)
		}
		n = len(data)
	}
	b.ReportMetric(float64(n), "bytes/workbook")
}

func BenchmarkUnitList(b *testing.B) {
	benchWorkbook(b, func(fx *fixture) ([]byte, error) { return UnitList(fx.p, fx.y) })
}

func BenchmarkChecklist(b *testing.B) {
	benchWorkbook(b, func(fx *fixture) ([]byte, error) { return Checklist(fx.p, fx.y, fx.units[0]) })
}

func BenchmarkSelfForm(b *testing.B) {
	benchWorkbook(b, func(fx *fixture) ([]byte, error) { return SelfForm(fx.p, fx.y, fx.units[0]) })
}

// BenchmarkUnitBooks is a year's per-unit workbooks: every unit's
// checklist and self-assessment form, one after the other.
func BenchmarkUnitBooks(b *testing.B) {
	fx := newFixture(b)
	var n int
	for b.Loop() {
		n = 0
		for _, u := range fx.units {
			for _, build := range []func() ([]byte, error){
				func() ([]byte, error) { return Checklist(fx.p, fx.y, u) },
				func() ([]byte, error) { return SelfForm(fx.p, fx.y, u) },
			} {
				data, err := build()
				if err != nil {
					b.Fatal(err)
				}
				n += len(data)
			}
		}
	}
	b.ReportMetric(float64(n), "bytes/year")
}

func BenchmarkSummary(b *testing.B) {
	benchWorkbook(b, func(fx *fixture) ([]byte, error) { return Summary(fx.p, fx.y, fx.r, false) })
}

func BenchmarkCommendList(b *testing.B) {
	benchWorkbook(b, func(fx *fixture) ([]byte, error) { return CommendList(fx.p, fx.y, fx.r, false) })
}

// BenchmarkProtectionHash is the cost of the SHA-512 sheet protection hash
// (100,000 rounds) of a year outside protectionHashes, once a run.
func BenchmarkProtectionHash(b *testing.B) {
	salt := protectionSalt(2020, FormPassword)
	for b.Loop() {
		hashCache.Clear()
		isoPasswordHash(FormPassword, salt)
	}
}

func BenchmarkReadForm(b *testing.B) {
	fx := newFixture(b)
	data, err := SelfForm(fx.p, fx.y, fx.units[0])
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "form.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ReadForm(path, 1<<20); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReview(b *testing.B) {
	benchWorkbook(b, func(fx *fixture) ([]byte, error) { return Review(fx.p, fx.y, fx.units) })
}
