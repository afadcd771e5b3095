package sheet

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"sync"

	"github.com/xuri/excelize/v2"
)

// book is an excelize file under construction with the post-processing its
// saved parts need.
type book struct {
	f       *excelize.File
	patches map[string][]patchFunc
	sheets  map[string]string // sheet name → part name, in creation order
	nsheets int
	writers []*sheetWriter // in creation order

	// Sheets built apart (see book.apart): their parts, compressed, and the
	// scratch books that build them.
	spliced   map[string]*zipPart
	scratches []*book

	// draft marks every sheet of the book as a draft (see draftMark).
	draft bool

	// For a book from a frame pool (see openFrameBook): the pool the
	// frame goes back to once the book is written, the frame, whether it
	// was reused, whether its sheet was set up (book.setUp) and whether
	// with the settings it had, and whether the book was written.
	pool         *framePool
	frame        *frame
	reused       bool
	setUpDone    bool
	settingsKept bool
	written      bool
}

// newBook starts a workbook whose first sheet is named first.
func newBook(first string) (*book, error) {
	f := excelize.NewFile()
	keepFresh(f)
	// The theme is excelize's template, written as it is: re-encoding the
	// decoded copy (which only style lookups read) gives the same theme.
	f.Theme = nil
	b := &book{f: f, patches: map[string][]patchFunc{}, sheets: map[string]string{}}
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return nil, err
	}
	b.nsheets = 1
	b.sheets[first] = "xl/worksheets/sheet1.xml"
	return b, nil
}

// addSheet appends a worksheet.
func (b *book) addSheet(name string) error {
	if _, err := b.f.NewSheet(name); err != nil {
		return err
	}
	b.nsheets++
	b.sheets[name] = "xl/worksheets/sheet" + itoa(b.nsheets) + ".xml"
	return nil
}

// writer returns a new writer of the cells of sheet; bytes closes it if
// nothing else has.
func (b *book) writer(sheet string) *sheetWriter {
	w := newSheetWriter(b.f, sheet)
	b.writers = append(b.writers, w)
	return w
}

// patch registers a rewrite of the saved XML of a sheet. It is given the
// part from the end of the sheet's rows (</sheetData>) on, not the rows,
// which stream through without being held: it may rewrite only what
// follows them (sheetProtection, page breaks, …).
func (b *book) patch(sheet string, p patchFunc) {
	part := b.sheets[sheet]
	b.patches[part] = append(b.patches[part], p)
}

// bytes ends the sheets and saves the workbook through the canonical zip
// writer.
func (b *book) bytes() (data []byte, err error) {
	defer func() {
		if cerr := b.close(); err == nil {
			err = cerr
		}
	}()
	for _, w := range b.writers {
		if err := w.close(); err != nil {
			return nil, err
		}
	}
	dims := map[string]string{}
	for _, w := range b.writers {
		dims[b.sheets[w.sheet]] = w.dimension()
	}
	b.f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return newCanonicalZip(w, b.patches, b.spliced, dims)
	})
	// A frame that took its sheet's settings back has the workbook part of
	// the last book, which nothing has changed since: excelize writes it as
	// it is when it holds no decoded workbook to encode again.
	wb := b.f.WorkBook
	if b.settingsKept {
		b.f.WorkBook = nil
	}
	buf, err := b.f.WriteToBuffer()
	b.f.WorkBook = wb
	if err != nil {
		return nil, err
	}
	b.written = true
	return buf.Bytes(), nil
}

// openBook starts a workbook with its first sheet and the shared styles;
// the caller closes it.
func openBook(first string) (*book, *styles, error) {
	b, err := newBook(first)
	if err != nil {
		return nil, nil, err
	}
	st, err := b.styles()
	if err != nil {
		b.close()
		return nil, nil, err
	}
	return b, st, nil
}

// close releases the workbook: the temporary files excelize keeps the rows
// of a stream sheet in past 16 MB. A book from a frame pool that has been
// written returns its File to the pool. Builders defer it, so that an error
// leaves none behind; closing twice is harmless.
func (b *book) close() error {
	var err error
	for _, sb := range b.scratches {
		if cerr := sb.close(); err == nil {
			err = cerr
		}
	}
	b.scratches = nil
	b.writers = nil // they hold their StreamWriter's rows
	if b.f != nil {
		cerr := b.f.Close()
		if err == nil {
			err = cerr
		}
		if b.pool != nil && b.written && b.setUpDone && cerr == nil && b.patches[customPropsPart] != nil {
			idleFrame(b.f)
			b.pool.put(b.frame)
		}
		b.f = nil
	}
	return err
}

// apart starts a scratch book to build sheet of b in. A StreamWriter keeps
// the rows it has written in memory (up to 16 MB a sheet, then in a
// temporary file) until the workbook is saved, so a workbook of several
// large sheets would hold all of them at once. A sheet built apart is saved
// from its scratch book as soon as it is complete (see splice), compressed,
// and the scratch book's memory is released before the next sheet starts.
//
// The scratch book has the same styles; the sheet must be set up in it as
// in b (the sheet's XML comes from it) and in b too (b keeps the defined
// names that refer to the sheet: print titles, filter). The sheet has no
// relationships of its own (no drawing).
func (b *book) apart(sheet string) (*book, error) {
	sb, err := newBook("_")
	if err != nil {
		return nil, err
	}
	b.scratches = append(b.scratches, sb)
	if err := sb.addSheet(sheet); err != nil {
		return nil, err
	}
	if _, err := sb.styles(); err != nil {
		return nil, err
	}
	idx, err := b.f.GetSheetIndex(sheet)
	if err != nil {
		return nil, err
	}
	if idx == b.f.GetActiveSheetIndex() {
		sb.f.SetActiveSheet(1) // the sheet is selected when the workbook opens
	}
	return sb, nil
}

// splice saves the sheet built in the scratch book sb into b, compressed,
// and releases sb.
func (b *book) splice(sb *book, sheet string) error {
	g := &grabZip{want: sb.sheets[sheet]}
	for _, w := range sb.writers {
		if w.sheet == sheet {
			g.dim = w.dimension()
		}
	}
	sb.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return g })
	_, err := sb.f.WriteToBuffer()
	if cerr := sb.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if g.part == nil {
		return fmt.Errorf("sheet %s: excelize wrote no %s", sheet, g.want)
	}
	if b.spliced == nil {
		b.spliced = map[string]*zipPart{}
	}
	b.spliced[b.sheets[sheet]] = g.part
	return nil
}

// stylesPart is the package part of the cell styles.
const stylesPart = "xl/styles.xml"

// sharedStyles is the styles part every workbook shares. excelize creates
// the styles once per process in a scratch workbook (with 宋体 as the
// default font); each book then takes the style ids and that styles.xml
// instead of creating them again: NewStyle compares a new style with every
// one before it, and the styles part is encoded anew for every workbook.
// The stream writer does not look styles up, so the ids need no styles in
// the book's own File.
var sharedStyles struct {
	once sync.Once
	st   *styles
	rep  *reportStyles
	xml  []byte
	err  error
}

// styles returns the book's cell styles.
func (b *book) styles() (*styles, error) {
	sharedStyles.once.Do(func() {
		sharedStyles.st, sharedStyles.rep, sharedStyles.xml, sharedStyles.err = makeStyles()
	})
	if sharedStyles.err != nil {
		return nil, sharedStyles.err
	}
	// The book's own styles are excelize's defaults: leave them unencoded,
	// the patch replaces them.
	b.f.Styles = nil
	b.patches[stylesPart] = []patchFunc{func([]byte) ([]byte, error) { return sharedStyles.xml, nil }}
	st := *sharedStyles.st
	return &st, nil
}

// report returns the report styles; the book has called styles.
func (b *book) report() *reportStyles {
	rs := *sharedStyles.rep
	return &rs
}

// makeStyles creates the styles in a scratch workbook and returns their ids
// and its styles part.
func makeStyles() (*styles, *reportStyles, []byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	// The default font sets the unit of column widths: with 宋体 a width of w
	// is w half-width characters of the body text, in Excel, WPS and LibreOffice alike.
	if err := f.SetDefaultFont(fontBody); err != nil {
		return nil, nil, nil, err
	}
	st, err := createStyles(f)
	if err != nil {
		return nil, nil, nil, err
	}
	rep, err := createReportStyles(f)
	if err != nil {
		return nil, nil, nil, err
	}
	parts := &captureZip{parts: map[string][]byte{}}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return parts })
	if _, err := f.WriteToBuffer(); err != nil {
		return nil, nil, nil, err
	}
	data, ok := parts.parts[stylesPart]
	if !ok {
		return nil, nil, nil, fmt.Errorf("excelize wrote no %s", stylesPart)
	}
	return st, rep, data, nil
}

// captureZip keeps the parts excelize writes, uncompressed.
type captureZip struct {
	parts map[string][]byte
	cur   string
	buf   bytes.Buffer
}

func (z *captureZip) Create(name string) (io.Writer, error) {
	z.end()
	z.cur = name
	return &z.buf, nil
}

func (z *captureZip) end() {
	if z.cur != "" {
		z.parts[z.cur] = bytes.Clone(z.buf.Bytes())
	}
	z.cur = ""
	z.buf.Reset()
}

func (z *captureZip) AddFS(fs.FS) error { return fmt.Errorf("not supported") }

func (z *captureZip) Close() error {
	z.end()
	return nil
}

// The package parts of the document properties.
const (
	corePropsPart   = "docProps/core.xml"
	customPropsPart = "docProps/custom.xml"
)

// setCustomProps sets the custom document properties, in order: the first
// through excelize, which adds the part to the package (a reused File has
// it already), and then all of them at once, written as excelize writes
// them one call at a time (which decodes and encodes the part again each
// time). Values are strings or int32.
func (b *book) setCustomProps(props ...excelize.CustomProperty) error {
	if len(props) == 0 {
		return nil
	}
	if !b.reused {
		if err := b.f.SetCustomProps(props[0]); err != nil {
			return err
		}
	}
	var out bytes.Buffer
	out.WriteString(xml.Header)
	out.WriteString(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	for i, p := range props {
		fmt.Fprintf(&out, `<property fmtid="%s" pid="%d" name="`, excelize.EXtURICustomPropertyFmtID, i+2)
		xml.EscapeText(&out, []byte(p.Name)) // a bytes.Buffer does not fail
		out.WriteString(`">`)
		switch v := p.Value.(type) {
		case string:
			out.WriteString(`<vt:lpwstr>`)
			xml.EscapeText(&out, []byte(v))
			out.WriteString(`</vt:lpwstr>`)
		case int32:
			fmt.Fprintf(&out, `<vt:i4>%d</vt:i4>`, v)
		default:
			return fmt.Errorf("custom property %s: unsupported value %T", p.Name, p.Value)
		}
		out.WriteString(`</property>`)
	}
	out.WriteString(`</Properties>`)
	data := out.Bytes()
	b.patches[customPropsPart] = []patchFunc{func([]byte) ([]byte, error) { return data, nil }}
	return nil
}
