package build

import (
	"path/filepath"
	"strings"
	"testing"

	"mofan/generator/docx"
	"mofan/generator/layout"
	"mofan/generator/score"
)

// yearDocs composes every PDF document of the shipped 2020 year once, with
// whether each has a Word copy.
func yearDocs(b *testing.B) (e *Engine, docs []*layout.Document, word []bool) { return yearDocs2(b) }

func yearDocs2(b testing.TB) (e *Engine, docs []*layout.Document, word []bool) {
	run, err := Load(Config{Seeds: filepath.Join(root, "seeds"), Years: []int{2020},
		Fonts: filepath.Join(root, "fonts", "fonts.toml"), Templates: filepath.Join(root, "templates")})
	if err != nil {
		b.Fatal(err)
	}
	e, y := run.Engine, run.Years[0]
	js := e.jobs(y, score.Compute(y.Plan, y.In))
	for i, j := range js {
		if j.doc == nil || !strings.HasSuffix(j.path, ".pdf") {
			continue
		}
		d, err := j.doc()
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
		word = append(word, i+1 < len(js) && strings.HasSuffix(js[i+1].path, ".docx"))
	}
	return e, docs, word
}

// BenchmarkLayout2020 lays out every PDF document of the 2020 year, as a
// run does (one memo, empty at the start), and without a memo.
func BenchmarkLayout2020(b *testing.B) {
	e, docs, _ := yearDocs(b)
	b.Run("memo", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			m := layout.NewMemo(e.Fonts, 0)
			for _, d := range docs {
				if _, err := m.Layout(d); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("plain", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for _, d := range docs {
				if _, err := layout.Layout(d, e.Fonts); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkDocx2020 writes the Word copy of every 公文 of the 2020 year.
func BenchmarkDocx2020(b *testing.B) {
	e, docs, word := yearDocs(b)
	var ds []*layout.Document
	var ps [][]layout.Page
	for k, d := range docs {
		if !word[k] {
			continue
		}
		pages, err := layout.Layout(d, e.Fonts)
		if err != nil {
			b.Fatal(err)
		}
		ds, ps = append(ds, d), append(ps, pages)
	}
	b.Logf("%d documents", len(ds))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, d := range ds {
			if _, err := docx.Write(d, ps[k]); err != nil {
				b.Fatal(err)
			}
		}
	}
}
