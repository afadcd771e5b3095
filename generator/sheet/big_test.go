package sheet

// Workbooks of many units: time, memory, reproducibility, and the stream
// sheets keeping everything the ordinary API wrote.

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"mofan/generator/model"
	"mofan/generator/score"
)

// bigNames are the organ names the synthetic units of bigFixture are made of.
var bigNames = []string{"市场监督管理局", "自然资源和规划局", "住房和城乡建设局", "人力资源和社会保障局",
	"农业农村局", "卫生健康委员会", "教育局", "交通运输局", "生态环境局", "应急管理局", "退役军人事务局"}

// bigFixture is the fixture with n synthetic units: the real plan's points,
// 附件1 replaced by n units named like 第123号县（区）市场监督管理局, scored
// as testUnits scores them (one vetoed, one partial, one missing when n ≥ 69).
func bigFixture(t testing.TB, n int) *fixture {
	t.Helper()
	base := testPlan(t)
	p := *base
	p.Units = make([]model.UnitEntry, n)
	for i := range p.Units {
		p.Units[i] = model.UnitEntry{No: i + 1, Name: fmt.Sprintf("第%d号县（区）%s", i+1, bigNames[i%len(bigNames)])}
	}
	p.UnitsNote = fmt.Sprintf("（共%d家）", n)
	y := testYear(&p)
	us := testUnits(&p, y)
	r := testResult(&p, y, us)
	r1, r2 := *r, *r
	r1.Year, r2.Year = 2018, 2019
	return &fixture{p: &p, y: y, units: us, r: r, o: score.ComputeOverall([3]*score.Result{&r1, &r2, r})}
}

// heapGrowth runs build and returns how far the heap rose above the live
// heap before it: the peak of the heap's object bytes (live and not yet
// collected, as runtime.MemStats.HeapAlloc), sampled every half millisecond
// through runtime/metrics, which does not stop the world.
func heapGrowth(t testing.TB, build func() ([]byte, error)) (growth uint64, out []byte) {
	t.Helper()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	done := make(chan struct{})
	peakc := make(chan uint64)
	go func() {
		tick := time.NewTicker(500 * time.Microsecond)
		defer tick.Stop()
		var peak uint64
		for {
			peak = max(peak, read())
			select {
			case <-done:
				peakc <- peak
				return
			case <-tick.C:
			}
		}
	}()
	data, err := build()
	runtime.ReadMemStats(&ms)
	close(done)
	peak := max(<-peakc, ms.HeapAlloc)
	if err != nil {
		t.Fatal(err)
	}
	if peak < before {
		return 0, data
	}
	return peak - before, data
}

// partSizes returns the uncompressed size of every part of an xlsx.
func partSizes(t testing.TB, data []byte) map[string]int {
	t.Helper()
	parts, _ := unzipParts(t, data)
	out := map[string]int{}
	for name, b := range parts {
		out[name] = len(b)
	}
	return out
}

func BenchmarkSummary10000(b *testing.B) {
	fx := bigFixture(b, 10000)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		data, err := Summary(fx.p, fx.y, fx.r, false)
		if err != nil {
			b.Fatal(err)
		}
		n = len(data)
	}
	b.ReportMetric(float64(n), "bytes/workbook")
}

// TestSummaryHeap: the summary of 5,000 units holds no cell objects. With
// excelize's ordinary API it raised the heap by 135 MB (at GOGC=10; 205 MB
// at the default 100), about 27 KB a unit. Built as stream sheets, what is
// live at once is:
//
//   - the XML of the one table sheet being written, which the StreamWriter
//     keeps in a bytes.Buffer (up to twice its length in capacity, and the
//     old array while it grows: 3×); each of 汇总 and the three score sheets
//     is built apart and saved, compressed, when complete;
//   - the XML of 排名图表, which stays in the workbook until it is saved (2×);
//   - the compressed workbook: its parts, the zip written from them and the
//     returned copy (3×);
//   - 16 MB for the rest: the excelize workbooks, deflaters, this fixture's
//     share of the 10% the garbage collector lets the heap grow by.
//
// The test runs at GOGC=10, so that the peak shows what is live rather than
// how much garbage the collector's pacing lets pile up (at the default 100
// the heap may grow by the live heap, the inputs included, before a
// collection).
func TestSummaryHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("5,000 units")
	}
	fx := bigFixture(t, 5000)
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	start := time.Now()
	growth, data := heapGrowth(t, func() ([]byte, error) { return Summary(fx.p, fx.y, fx.r, false) })
	took := time.Since(start)
	sizes := partSizes(t, data)
	largest := 0
	for _, part := range []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml"} {
		largest = max(largest, sizes[part])
	}
	chart := sizes["xl/worksheets/sheet5.xml"]
	bound := uint64(3*largest + 2*chart + 3*len(data) + 16<<20)
	t.Logf("5,000 units: %v, heap +%.1f MB (bound %.1f MB: largest sheet %.1f MB, 排名图表 %.1f MB, workbook %.1f MB)",
		took.Round(time.Millisecond), mb(growth), mb(bound), mb(largest), mb(chart), mb(len(data)))
	if growth > bound {
		t.Errorf("the summary raised the heap by %.1f MB, more than %.1f MB", mb(growth), mb(bound))
	}
	if growth > 60<<20 {
		t.Errorf("the summary raised the heap by %.1f MB, more than 60 MB", mb(growth))
	}
}

func mb[T int | uint64](n T) float64 { return float64(n) / (1 << 20) }

// TestLargeWorkbooks: the workbooks of 3,000 units are reproducible (their
// sheets are larger than spillSize, so they are compressed as excelize
// writes them), hold every unit, and chart the top 50.
func TestLargeWorkbooks(t *testing.T) {
	if testing.Short() {
		t.Skip("3,000 units")
	}
	const n = 3000
	fx := bigFixture(t, n)
	for _, wb := range workbooks() {
		if wb.name == "考评要点" || strings.HasPrefix(wb.name, "自评表") {
			continue
		}
		t.Run(wb.name, func(t *testing.T) {
			a, err := wb.build(fx)
			if err != nil {
				t.Fatal(err)
			}
			b, err := wb.build(fx)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Fatalf("two builds differ (%d and %d bytes)", len(a), len(b))
			}
			parts, order := unzipParts(t, a)
			for i := 2; i < len(order); i++ {
				if order[i-1] > order[i] {
					t.Errorf("entries out of order: %q before %q", order[i-1], order[i])
				}
			}
			if wb.name == "考评汇总" {
				s2 := parts["xl/worksheets/sheet2.xml"]
				if len(s2) <= spillSize {
					t.Errorf("sheet2.xml has %d bytes, want more than %d", len(s2), spillSize)
				}
				// Rewritten as it spilled, and built apart.
				if want := fmt.Sprintf(`<dimension ref="A1:AB%d"/>`, tableHead+n); !bytes.Contains(s2, []byte(want)) {
					t.Errorf("sheet2.xml lacks %s", want)
				}
			}
			f, err := excelize.OpenReader(bytes.NewReader(a))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows(f.GetSheetList()[0])
			if err != nil {
				t.Fatal(err)
			}
			want := n
			if wb.name == "表彰通知" {
				want = len(fx.r.Commended)
			}
			if len(rows) != tableHead+want {
				t.Errorf("%d rows, want %d", len(rows), tableHead+want)
			}
			if last := rows[len(rows)-1]; len(last) < 2 || !strings.HasPrefix(last[1], "第") {
				t.Errorf("last row %q", last)
			}
			if wb.name != "考评汇总" {
				return
			}
			chart := string(parts["xl/charts/chart1.xml"])
			for _, want := range []string{"总分排名（前50名）", "$B$4:$B$53", "$E$4:$E$53", "$F$4:$F$53"} {
				if !strings.Contains(chart, want) {
					t.Errorf("chart1.xml lacks %s", want)
				}
			}
		})
	}
}

// TestApartSameBytes: a summary with its sheets built apart is the same as
// one built in one workbook.
func TestApartSameBytes(t *testing.T) {
	fx := bigFixture(t, 300)
	defer func(n int) { apartUnits = n }(apartUnits)
	var out [2][]byte
	for i, n := range []int{1 << 30, 0} {
		apartUnits = n
		data, err := Summary(fx.p, fx.y, fx.r, false)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = data
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Errorf("built apart: %d bytes; in one workbook: %d bytes", len(out[1]), len(out[0]))
	}
}

// TestSummaryChartAll: up to chartAll ranked units, the chart shows all of them.
func TestSummaryChartAll(t *testing.T) {
	fx := bigFixture(t, 40)
	data, err := Summary(fx.p, fx.y, fx.r, false)
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzipParts(t, data)
	chart := string(parts["xl/charts/chart1.xml"])
	if strings.Contains(chart, "前50名") || !strings.Contains(chart, "$B$4:$B$43") {
		t.Errorf("chart of 40 units: %s", regexp.MustCompile(`<c:f>[^<]*</c:f>|<a:t>[^<]*</a:t>`).FindAllString(chart, -1))
	}
}

// TestSummaryStreamSheets: the stream sheets keep what the ordinary API
// wrote: merged titles, sized rows, frozen panes, the filter, print setup,
// and the styles of italic, commended and missing cells.
func TestSummaryStreamSheets(t *testing.T) {
	fx := newFixture(t)
	data, err := Summary(fx.p, fx.y, fx.r, false)
	if err != nil {
		t.Fatal(err)
	}
	parts, _ := unzipParts(t, data)
	sb, err := newBook("S")
	if err != nil {
		t.Fatal(err)
	}
	defer sb.close()
	st, err := sb.styles()
	if err != nil {
		t.Fatal(err)
	}
	rs := sb.report()
	last := map[string]string{sumMain: "M", sumFinal: "AB", sumSelf: "AB", sumReview: "AB", sumRank: "D"}
	for i, sheet := range []string{sumMain, sumFinal, sumSelf, sumReview, sumRank} {
		xmlText := string(parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)])
		want := []string{
			`<mergeCell ref="A1:` + last[sheet] + `1"/>`, `<mergeCell ref="A2:` + last[sheet] + `2"/>`,
			`state="frozen"`, `<pageSetUpPr fitToPage="true">`, `paperSize="9"`, `fitToWidth="1"`,
			`<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>`,
			`<row r="1" ht="`, `<row r="4" ht="`,
		}
		if sheet == sumRank {
			want = append(want, `<col min="5" max="5" width="8" customWidth="1" hidden="1"/>`, `<dimension ref="A1:F73"/>`)
		} else {
			want = append(want, `<autoFilter ref="$A$3:$`+last[sheet]+`$73">`, `orientation="landscape"`, `<row r="3" ht="`,
				`<dimension ref="A1:`+last[sheet]+`73"/>`)
		}
		if strings.Contains(xmlText, `filterMode=`) {
			t.Errorf("%s: a filter flag though no filter hides rows", sheet)
		}
		if i == 0 {
			want = append(want, `tabSelected="true"`)
		} else if strings.Contains(xmlText, `tabSelected="true"`) {
			t.Errorf("%s is selected too", sheet)
		}
		for _, w := range want {
			if !strings.Contains(xmlText, w) {
				t.Errorf("%s lacks %s", sheet, w)
			}
		}
	}
	chart := string(parts["xl/worksheets/sheet6.xml"])
	for _, w := range []string{`<drawing r:id="`, `fitToHeight="1"`, `fitToWidth="1"`, `orientation="portrait"`} {
		if !strings.Contains(chart, w) {
			t.Errorf("%s lacks %s", sumChart, w)
		}
	}
	var ws worksheetXML
	styleOf := func(part string) map[string]int {
		ws = worksheetXML{}
		if err := xml.Unmarshal(parts[part], &ws); err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, r := range ws.Rows {
			for _, c := range r.C {
				out[c.R] = c.S
			}
		}
		return out
	}
	main, final := styleOf("xl/worksheets/sheet1.xml"), styleOf("xl/worksheets/sheet2.xml")
	italics := 0
	for i, u := range fx.r.Units {
		row := tableHead + 1 + i
		v := variant(u.Commended)
		want := rs.status[v]
		if u.Unit.Missing {
			want = st.missingRow
		}
		if got := main[cell(11, row)]; got != want {
			t.Errorf("%s: status style %d, want %d", u.Unit.Name, got, want)
		}
		if got := main[cell(2, row)]; got != rs.text[v] {
			t.Errorf("%s: name style %d, want %d", u.Unit.Name, got, rs.text[v])
		}
		for j, ps := range u.Points {
			if u.Unit.Missing {
				break
			}
			want := rs.score[v]
			if ps.FromSelf {
				want = rs.scoreItalic[v]
				italics++
			}
			if got := final[cell(3+j, row)]; got != want {
				t.Errorf("%s %s: style %d, want %d", u.Unit.Name, fx.p.Points[j].ID, got, want)
			}
		}
	}
	if italics == 0 {
		t.Error("the fixture has no score taken from the self-assessment")
	}
	wbXML := string(parts["xl/workbook.xml"])
	for k, sheet := range []string{sumMain, sumFinal, sumSelf, sumReview} {
		want := fmt.Sprintf(`localSheetId="%d" name="_xlnm._FilterDatabase">&#39;%s&#39;!$A$3:$%s$73<`, k, sheet, last[sheet])
		if !strings.Contains(wbXML, want) {
			t.Errorf("workbook.xml lacks %s", want)
		}
	}
}

// TestCustomPropsAsExcelize: book.setCustomProps writes the part excelize
// writes when given the properties one call at a time.
func TestCustomPropsAsExcelize(t *testing.T) {
	props := []excelize.CustomProperty{
		{Name: "mofan.kind", Value: "自评表"}, {Name: "mofan.unit", Value: `A&B <"市委">'办公室'`},
		{Name: "mofan.unit_no", Value: int32(7)}, {Name: "a&b", Value: "x\ty\nz"}, {Name: "mofan.year", Value: int32(2020)},
	}
	save := func(b *book) string {
		data, err := b.bytes()
		if err != nil {
			t.Fatal(err)
		}
		parts, _ := unzipParts(t, data)
		return string(parts[customPropsPart])
	}
	ours, err := newBook("S")
	if err != nil {
		t.Fatal(err)
	}
	if err := ours.setCustomProps(props...); err != nil {
		t.Fatal(err)
	}
	theirs, err := newBook("S")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range props {
		if err := theirs.f.SetCustomProps(p); err != nil {
			t.Fatal(err)
		}
	}
	if a, b := save(ours), save(theirs); a != b {
		t.Errorf("ours\n%s\nexcelize's\n%s", a, b)
	}
}

// TestStreamTempFilesRemoved: past 16 MB a StreamWriter keeps its rows in a
// temporary file; the summary of 17,000 units has three such sheets, and
// leaves no file behind.
func TestStreamTempFilesRemoved(t *testing.T) {
	if testing.Short() {
		t.Skip("17,000 units")
	}
	fx := bigFixture(t, 17000)
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	data, err := Summary(fx.p, fx.y, fx.r, false)
	if err != nil {
		t.Fatal(err)
	}
	if s := partSizes(t, data)["xl/worksheets/sheet2.xml"]; s <= excelize.StreamChunkSize {
		t.Fatalf("得分明细 has %d bytes, not more than excelize's %d", s, excelize.StreamChunkSize)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestSummaryHeapProbe logs the time and heap growth of the year's
// workbooks for $MOFAN_UNITS units (a measuring aid, skipped without it).
func TestSummaryHeapProbe(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("MOFAN_UNITS"))
	if n == 0 {
		t.Skip("set MOFAN_UNITS=N to measure the workbooks of N units")
	}
	fx := bigFixture(t, n)
	for _, wb := range workbooks() {
		if wb.name == "考评要点" || strings.HasPrefix(wb.name, "自评表") {
			continue
		}
		start := time.Now()
		g, data := heapGrowth(t, func() ([]byte, error) { return wb.build(fx) })
		t.Logf("%s, %d units: %v, heap +%.1f MB, %d bytes", wb.name, n, time.Since(start).Round(time.Millisecond), mb(g), len(data))
	}
}
