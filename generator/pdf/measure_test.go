package pdf

import (
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"mofan/generator/compose"
	"mofan/generator/input"
	"mofan/generator/layout"
	"mofan/generator/plan"
)

// TestChunkSizes measures, for the 70 checklists and 70 self-assessment
// forms of the 2020 seeds, the bytes written and the time taken for several
// sizes of the cached glyph chunks (font.go), each with an empty cache, as
// a run starts. It only measures (no assertion on time): run it with
// MOFAN_MEASURE=1 go test ./generator/pdf/ -run ChunkSizes -v
func TestChunkSizes(t *testing.T) {
	if os.Getenv("MOFAN_MEASURE") == "" {
		t.Skip("a measurement: set MOFAN_MEASURE=1")
	}
	set := loadFonts(t)
	seeds := filepath.Join("..", "..", "seeds")
	p, err := plan.Load(filepath.Join(seeds, "plan.md"))
	if err != nil {
		t.Fatal(err)
	}
	in, err := input.Load(filepath.Join(seeds, "2020"), 2020, p)
	if err != nil {
		t.Fatal(err)
	}
	fs := set
	type doc struct {
		d     *layout.Document
		pages []layout.Page
	}
	var docs []doc
	for _, u := range in.Units {
		for _, d := range []*layout.Document{compose.Checklist(p, in.Year, u), compose.SelfForm(p, in.Year, u)} {
			pages, err := layout.Layout(d, fs)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, doc{d, pages})
		}
	}
	old := chunkGlyphs
	defer func() { chunkGlyphs = old }()
	oldLevel := levelShared
	defer func() { levelShared = oldLevel }()
	for _, kl := range chunkSizes() {
		k := kl[0]
		if l := os.Getenv("MOFAN_MEASURE_DOCLEVEL"); l != "" {
			level, _ := strconv.Atoi(l)
			levelContent, levelTables, levelToUnicode = level, level, level
		}
		chunkGlyphs, levelShared = k, int(kl[1])
		r, err := New(set)
		if err != nil {
			t.Fatal(err)
		}
		start := cpuTime()
		total := 0
		for _, d := range docs {
			b, err := r.Render(d.d, d.pages)
			if err != nil {
				t.Fatal(err)
			}
			total += len(b)
		}
		el := cpuTime() - start
		t.Logf("chunk %10d glyphs, level %d: %d documents, %.2f MB, CPU %.1f ms (%.2f ms a document), cache %.1f MB",
			k, levelShared, len(docs), float64(total)/1e6, el.Seconds()*1000, el.Seconds()*1000/float64(len(docs)), float64(r.cached.Load())/1e6)
	}
}

// cpuTime is the CPU time of the process so far (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// chunkSizes are the sizes TestChunkSizes measures; MOFAN_MEASURE_CHUNK
// picks one (e.g. for a CPU profile).
func chunkSizes() [][2]uint32 {
	if s := os.Getenv("MOFAN_MEASURE_CHUNK"); s != "" {
		n, _ := strconv.Atoi(s)
		return [][2]uint32{{uint32(n), 9}}
	}
	var out [][2]uint32
	for _, k := range []uint32{1, 4, 8, 16, 32, 64, 1 << 30} {
		out = append(out, [2]uint32{k, 9})
	}
	for _, l := range []uint32{1, 4, 6} {
		out = append(out, [2]uint32{4, l}, [2]uint32{16, l})
	}
	return out
}
