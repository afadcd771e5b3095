package sheet

import (
	"bytes"
	"sync"

	"github.com/xuri/excelize/v2"
)

// Every unit gets a checklist and a self-assessment form, each a workbook of
// one sheet. excelize.NewFile decodes excelize's templates (theme, styles,
// workbook, relationships, content types, sheet) for every workbook: about
// a third of a unit workbook's CPU; and the sheet's settings (columns,
// panes, print setup, validations, protection) are the same for every unit
// of a year but the page header. A unit workbook's File is therefore kept
// once written, in a pool by the name of its sheet, with the settings its
// sheet was given (a frame), and the next workbook of that kind starts from
// it instead of from NewFile: when its settings are the same it takes the
// sheet's settings back, otherwise the File is reset to a new book's state
// and the settings are made again (see book.setUp). Either way the bytes
// are those of a new File (TestFramesGiveTheSameBytes).

// frame is a File kept for the next book of its kind, with the settings of
// its sheet.
type frame struct {
	f   *excelize.File
	key string // what the sheet's settings were made from (see book.setUp)
	ws  any    // excelize's worksheet with those settings, or nil
}

// maxFrames is how many idle frames a pool keeps: more than the build runs
// books at once.
const maxFrames = 16

// framePool keeps idle frames for books of one sheet of a name.
type framePool struct {
	mu     sync.Mutex
	frames []*frame
}

// get takes an idle frame, or returns nil.
func (p *framePool) get() *frame {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(p.frames)
	if n == 0 {
		return nil
	}
	fr := p.frames[n-1]
	p.frames[n-1] = nil
	p.frames = p.frames[:n-1]
	return fr
}

// put keeps fr for the next book, unless the pool is full.
func (p *framePool) put(fr *frame) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.frames) < maxFrames {
		p.frames = append(p.frames, fr)
	}
}

// frames holds a *framePool by sheet name.
var frames sync.Map

// framesFor is the pool of frames for books whose one sheet is named sheet.
func framesFor(sheet string) *framePool {
	if p, ok := frames.Load(sheet); ok {
		return p.(*framePool)
	}
	p, _ := frames.LoadOrStore(sheet, &framePool{})
	return p.(*framePool)
}

// freshSheet is the sheet part as excelize.NewFile stores it, undecoded.
var freshSheet struct {
	once sync.Once
	data []byte
}

// firstSheetPart is the package part of a new File's sheet.
const firstSheetPart = "xl/worksheets/sheet1.xml"

// keepFresh records the sheet part of f, a new File.
func keepFresh(f *excelize.File) {
	freshSheet.once.Do(func() {
		v, _ := f.Pkg.Load(firstSheetPart)
		data, _ := v.([]byte)
		freshSheet.data = bytes.Clone(data)
	})
}

// openFrameBook is openBook for a book of one sheet (a unit's workbook)
// that makes its sheet's settings with setUp and sets its custom
// properties: its File comes from the sheet's pool when one is there, and
// goes back to it when the book is closed after it has been written.
func openFrameBook(sheet string) (*book, *styles, error) {
	pool := framesFor(sheet)
	fr := pool.get()
	if fr == nil {
		b, st, err := openBook(sheet)
		if err == nil {
			b.pool, b.frame = pool, &frame{f: b.f}
		}
		return b, st, err
	}
	b := &book{f: fr.f, patches: map[string][]patchFunc{}, sheets: map[string]string{sheet: firstSheetPart}, nsheets: 1,
		pool: pool, frame: fr, reused: true}
	st, err := b.styles()
	if err != nil {
		b.close()
		return nil, nil, err
	}
	return b, st, nil
}

// setUp makes the settings of the sheet of a book of one sheet: apply makes
// them in the File, and key tells what they are made from (apply must
// depend on nothing else). A reused File whose sheet was set up with the
// same key takes that sheet's settings back instead: its book-level state
// (the defined names) is as apply left it. A reused File set up otherwise
// is first reset to a new book's state. Settings that differ from book to
// book (the page header) are made after setUp.
func (b *book) setUp(key string, apply func(*excelize.File) error) error {
	fr := b.frame
	if fr == nil {
		return apply(b.f)
	}
	if b.reused && fr.ws != nil && fr.key == key {
		b.f.Sheet.Store(firstSheetPart, fr.ws)
		b.setUpDone, b.settingsKept = true, true
		return nil
	}
	if b.reused {
		resetFrame(b.f)
	}
	fr.key, fr.ws = "", nil
	if err := apply(b.f); err != nil {
		return err
	}
	ws, ok := b.f.Sheet.Load(firstSheetPart)
	if ok {
		fr.key, fr.ws = key, ws
	}
	b.setUpDone = ok
	return nil
}

// The package parts of the relationships.
const (
	packageRelsPart  = "_rels/.rels"
	workbookRelsPart = "xl/_rels/workbook.xml.rels"
)

// idleFrame lets excelize keep, as they were last written, the package
// parts of f, a written book, that the next book of its kind leaves as they
// are: the content types and the relationships. excelize encodes them again
// at every write while it holds them decoded, and decodes them again only
// if a later call needs them. (The workbook part is left so for the write
// only: see book.bytes.)
func idleFrame(f *excelize.File) {
	f.ContentTypes = nil
	f.Relationships.Delete(packageRelsPart)
	f.Relationships.Delete(workbookRelsPart)
}

// resetFrame returns f, a written book of one sheet, to the state of a new
// book of that sheet (newBook, with the styles set): the sheet as NewFile
// stores it, and no defined names. The other book-level changes a unit
// workbook makes are the same in every one: the sheet's name, the theme and
// styles left unencoded, and the custom properties part with its
// relationship and content type (setCustomProps replaces its content, and
// adds the part only to a new File); the core properties are replaced by
// setProps.
func resetFrame(f *excelize.File) {
	f.Sheet.Delete(firstSheetPart)
	f.Pkg.Store(firstSheetPart, bytes.Clone(freshSheet.data))
	f.WorkBook.DefinedNames = nil
}
