// Package readers opens xlsx workbooks with independent readers, for tests:
// openpyxl (Debian's /usr/bin/python3 with python3-openpyxl), ExcelJS and
// SheetJS (the npm packages exceljs and xlsx, installed into this folder's
// node_modules by .ci/run, or by hand with `npm ci` here), and LibreOffice
// (soffice, headless). It returns the cell values of every worksheet as text,
// the same way for every reader, and saves workbooks back through a reader
// (see SaveWith), as a unit's office software would before returning a form.
//
// A reader that is missing skips the test, or fails it when the environment
// variable CI is set.
//
// Values: text as it is; numbers in the shortest decimal form (86, 86.5);
// booleans TRUE and FALSE; formulas give their cached (openpyxl, ExcelJS,
// SheetJS) or recalculated (LibreOffice) value; the cells a merged range
// covers, other than its top-left one, are empty. Chart sheets are left out.
// openpyxl reads in read-only mode, which takes the sheet's extent from its
// <dimension> element: a wrong dimension shows as missing cells.
package readers

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Reader names an independent reader.
type Reader string

// The readers.
const (
	OpenPyXL    Reader = "openpyxl"
	ExcelJS     Reader = "exceljs"
	SheetJS     Reader = "sheetjs"
	LibreOffice Reader = "libreoffice"
)

// All lists every reader, in the order tests run them.
var All = []Reader{OpenPyXL, ExcelJS, SheetJS, LibreOffice}

// Book is a workbook as a reader sees it.
type Book struct {
	Reader Reader
	Path   string
	Sheets []Sheet // the worksheets, in workbook order
}

// Sheet is one worksheet's values: Rows[r-1][c-1] is the cell at row r,
// column c. Trailing empty cells and rows are left out.
type Sheet struct {
	Name string
	Rows [][]string
}

// Sheet returns the worksheet called name, or nil.
func (b *Book) Sheet(name string) *Sheet {
	for i := range b.Sheets {
		if b.Sheets[i].Name == name {
			return &b.Sheets[i]
		}
	}
	return nil
}

// Names lists the worksheets.
func (b *Book) Names() []string {
	var out []string
	for _, s := range b.Sheets {
		out = append(out, s.Name)
	}
	return out
}

// Value returns the value at column col and row (1-based), or "".
func (s *Sheet) Value(col, row int) string {
	if row < 1 || row > len(s.Rows) || col < 1 || col > len(s.Rows[row-1]) {
		return ""
	}
	return s.Rows[row-1][col-1]
}

// Cell returns the value of the cell named ref, such as "B4", or "".
func (s *Sheet) Cell(ref string) string {
	col, row, ok := parseRef(ref)
	if !ok {
		return ""
	}
	return s.Value(col, row)
}

// parseRef splits a cell name into column and row.
func parseRef(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	row, err := strconv.Atoi(ref[i:])
	return col, row, i > 0 && err == nil && row > 0
}

// dir is this package's folder, where node_modules is installed.
func dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// python is the interpreter with openpyxl: Debian's, which the package
// python3-openpyxl installs into.
const python = "/usr/bin/python3"

// Available tells why a reader cannot run here, or nil when it can.
func Available(r Reader) error {
	switch r {
	case OpenPyXL:
		if _, err := os.Stat(python); err != nil {
			return fmt.Errorf("%s not found (apt-get install -y python3-openpyxl)", python)
		}
		if out, err := exec.Command(python, "-c", "import openpyxl").CombinedOutput(); err != nil {
			return fmt.Errorf("openpyxl missing (apt-get install -y python3-openpyxl): %s", bytes.TrimSpace(out))
		}
	case ExcelJS, SheetJS:
		if _, err := exec.LookPath("node"); err != nil {
			return errors.New("node not found (apt-get install -y nodejs npm)")
		}
		pkg := map[Reader]string{ExcelJS: "exceljs", SheetJS: "xlsx"}[r]
		if _, err := os.Stat(filepath.Join(dir(), "node_modules", pkg, "package.json")); err != nil {
			return fmt.Errorf("npm package %s not installed (run `npm ci` in %s, as .ci/run does)", pkg, dir())
		}
	case LibreOffice:
		if _, err := exec.LookPath("soffice"); err != nil {
			return errors.New("soffice not found (apt-get install -y libreoffice-calc-nogui)")
		}
	default:
		return fmt.Errorf("unknown reader %q", r)
	}
	return nil
}

// Need skips the test when r cannot run here, or fails it when CI is set.
func Need(t testing.TB, r Reader) {
	t.Helper()
	if err := Available(r); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s: %v", r, err)
		}
		t.Skipf("%s: %v", r, err)
	}
}

// Read opens the workbook at path with r.
func Read(t testing.TB, r Reader, path string) *Book {
	t.Helper()
	return ReadFiles(t, r, path)[0]
}

// ReadFiles opens several workbooks with r, in one run of the reader (one
// LibreOffice start costs seconds).
func ReadFiles(t testing.TB, r Reader, paths ...string) []*Book {
	t.Helper()
	Need(t, r)
	books, err := readFiles(t, r, paths)
	if err != nil {
		t.Fatalf("%s: %v", r, err)
	}
	return books
}

func readFiles(t testing.TB, r Reader, paths []string) ([]*Book, error) {
	abs := make([]string, len(paths))
	for i, p := range paths {
		a, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		abs[i] = a
	}
	var raw []rawBook
	switch r {
	case OpenPyXL:
		out, err := run(python, append([]string{"-c", pyRead}, abs...)...)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(out, &raw); err != nil {
			return nil, fmt.Errorf("openpyxl output: %v", err)
		}
	case ExcelJS, SheetJS:
		script := map[Reader]string{ExcelJS: jsExcelJSRead, SheetJS: jsSheetJSRead}[r]
		out, err := node(script, abs...)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(out, &raw); err != nil {
			return nil, fmt.Errorf("%s output: %v", r, err)
		}
	case LibreOffice:
		return readLibreOffice(t, abs)
	}
	if len(raw) != len(abs) {
		return nil, fmt.Errorf("%d workbooks read, want %d", len(raw), len(abs))
	}
	books := make([]*Book, len(raw))
	for i, rb := range raw {
		if rb.Error != "" {
			return nil, fmt.Errorf("%s: %s", paths[i], rb.Error)
		}
		b := &Book{Reader: r, Path: paths[i]}
		for _, rs := range rb.Sheets {
			s := Sheet{Name: rs.Name}
			for _, row := range rs.Rows {
				var cells []string
				for _, v := range row {
					cells = append(cells, text(v))
				}
				s.Rows = append(s.Rows, cells)
			}
			s.trim()
			b.Sheets = append(b.Sheets, s)
		}
		books[i] = b
	}
	return books, nil
}

// rawBook is what the scripts print for a workbook.
type rawBook struct {
	Error  string `json:"error"`
	Sheets []struct {
		Name string  `json:"name"`
		Rows [][]any `json:"rows"`
	} `json:"sheets"`
}

// text is a decoded JSON value as cell text.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		if v {
			return "TRUE"
		}
		return "FALSE"
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// trim drops trailing empty cells and rows; an empty row is nil.
func (s *Sheet) trim() {
	for i, row := range s.Rows {
		n := len(row)
		for n > 0 && row[n-1] == "" {
			n--
		}
		s.Rows[i] = row[:n]
		if n == 0 {
			s.Rows[i] = nil
		}
	}
	n := len(s.Rows)
	for n > 0 && len(s.Rows[n-1]) == 0 {
		n--
	}
	s.Rows = s.Rows[:n]
}

// timeout bounds one run of a reader.
const timeout = 5 * time.Minute

// run runs a reader's program and returns its standard output. Node
// scripts run with this folder's node_modules.
func run(prog string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, args...)
	if prog == "node" {
		cmd.Dir = dir()
		cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(dir(), "node_modules"))
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s: %v\n%s", prog, err, stderr.String())
	}
	return stdout.Bytes(), nil
}

// node runs a script with arguments.
func node(script string, args ...string) ([]byte, error) {
	return run("node", append([]string{"-e", script}, args...)...)
}

// csvFilter exports every sheet as UTF-8 CSV with the values as stored, not
// as formatted (86.5 in a 0.0 cell stays 86.5, 86 stays 86): separator ",",
// quote '"', UTF-8 (76), from line 1, sheet -1 = every sheet, one file each.
const csvFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

// readLibreOffice converts every workbook to CSV in one soffice run.
func readLibreOffice(t testing.TB, paths []string) ([]*Book, error) {
	out := t.TempDir()
	// Copies named by index, so that two inputs of the same name do not
	// collide and names need no quoting.
	in := t.TempDir()
	var files []string
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		f := filepath.Join(in, fmt.Sprintf("b%d.xlsx", i))
		if err := os.WriteFile(f, data, 0o644); err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	if err := Convert(csvFilter, out, files...); err != nil {
		return nil, err
	}
	var books []*Book
	for i, p := range paths {
		names, err := WorksheetNames(p)
		if err != nil {
			return nil, err
		}
		b := &Book{Reader: LibreOffice, Path: p}
		for _, name := range names {
			csvPath := filepath.Join(out, fmt.Sprintf("b%d-%s.csv", i, name))
			if len(names) == 1 {
				if _, err := os.Stat(csvPath); err != nil {
					csvPath = filepath.Join(out, fmt.Sprintf("b%d.csv", i))
				}
			}
			data, err := os.ReadFile(csvPath)
			if err != nil {
				return nil, fmt.Errorf("%s: LibreOffice wrote no CSV of sheet %s", p, name)
			}
			cr := csv.NewReader(bytes.NewReader(data))
			cr.FieldsPerRecord = -1
			rows, err := cr.ReadAll()
			if err != nil {
				return nil, fmt.Errorf("%s: sheet %s: %v", p, name, err)
			}
			s := Sheet{Name: name, Rows: rows}
			s.trim()
			b.Sheets = append(b.Sheets, s)
		}
		books = append(books, b)
	}
	return books, nil
}

// WorksheetNames lists the worksheets of an xlsx file in workbook order,
// leaving out chart sheets. It reads the package itself (no reader).
func WorksheetNames(file string) ([]string, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	read := func(name string) ([]byte, error) {
		for _, f := range zr.File {
			if f.Name == name {
				rc, err := f.Open()
				if err != nil {
					return nil, err
				}
				defer rc.Close()
				return io.ReadAll(io.LimitReader(rc, 16<<20))
			}
		}
		return nil, fmt.Errorf("%s: no %s", file, name)
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	data, err := read("xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	if err := xml.Unmarshal(data, &wb); err != nil {
		return nil, fmt.Errorf("%s: workbook.xml: %v", file, err)
	}
	if data, err = read("xl/_rels/workbook.xml.rels"); err != nil {
		return nil, err
	}
	if err := xml.Unmarshal(data, &rels); err != nil {
		return nil, fmt.Errorf("%s: workbook.xml.rels: %v", file, err)
	}
	var names []string
	for _, s := range wb.Sheets {
		for _, r := range rels.Rels {
			if r.ID == s.RID && path.Base(r.Type) == "worksheet" {
				names = append(names, s.Name)
			}
		}
	}
	return names, nil
}

// SaveWith opens the workbook in and saves it as out with r, as a user of
// that software would before returning a form: ExcelJS and openpyxl load
// and write it with their defaults, SheetJS reads and writes it as xlsx,
// LibreOffice converts it to its own xlsx ("Calc MS Excel 2007 XML").
// openpyxl drops the cached values of formulas when it saves (it does not
// calculate), so formula cells read back empty.
func SaveWith(t testing.TB, r Reader, in, out string) {
	t.Helper()
	Need(t, r)
	if err := saveWith(t, r, in, out); err != nil {
		t.Fatalf("%s: saving %s: %v", r, filepath.Base(in), err)
	}
}

func saveWith(t testing.TB, r Reader, in, out string) error {
	in, err := filepath.Abs(in)
	if err != nil {
		return err
	}
	if out, err = filepath.Abs(out); err != nil {
		return err
	}
	switch r {
	case OpenPyXL:
		_, err = run(python, "-c", pySave, in, out)
	case ExcelJS:
		_, err = node(jsExcelJSSave, in, out)
	case SheetJS:
		_, err = node(jsSheetJSSave, in, out)
	case LibreOffice:
		tmp := t.TempDir()
		src := filepath.Join(tmp, "in", "book.xlsx")
		if err = os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
			return err
		}
		var data []byte
		if data, err = os.ReadFile(in); err != nil {
			return err
		}
		if err = os.WriteFile(src, data, 0o644); err != nil {
			return err
		}
		if err = Convert("xlsx:Calc MS Excel 2007 XML", tmp, src); err != nil {
			return err
		}
		if data, err = os.ReadFile(filepath.Join(tmp, "book.xlsx")); err != nil {
			return fmt.Errorf("LibreOffice wrote nothing: %v", err)
		}
		err = os.WriteFile(out, data, 0o644)
	default:
		err = fmt.Errorf("unknown reader %q", r)
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(out); err != nil {
		return fmt.Errorf("no file written: %v", err)
	}
	return nil
}

// SaveBytes is SaveWith for a workbook in memory; it returns the saved bytes.
func SaveBytes(t testing.TB, r Reader, data []byte) []byte {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.xlsx"), filepath.Join(dir, "out.xlsx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	SaveWith(t, r, in, out)
	saved, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

// String shows a sheet's rows, for failure messages.
func (s *Sheet) String() string {
	var b strings.Builder
	for i, r := range s.Rows {
		fmt.Fprintf(&b, "%d: %q\n", i+1, r)
	}
	return b.String()
}
