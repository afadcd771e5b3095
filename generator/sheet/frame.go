package sheet

import (
	"bytes"
	"sync"

	"github.com/xuri/excelize/v2"
)

// Every unit gets a checklist and a self-assessment form, each a workbook of
// one sheet. excelize.NewFile decodes excelize's templates (theme, styles,
// workbook, relationships, content types, sheet) for every workbook: about
// a third of a unit workbook's CPU. A unit workbook's File is therefore
// reused: once written, it is reset to the state of a new book of its kind
// (see resetFrame) and kept in a pool by the name of its sheet, so that the
// next workbook of that kind starts from it instead of from NewFile. The
// builders make every setting as they would in a new File, so the bytes are
// the same either way (TestFramesGiveTheSameBytes).

// maxFrames is how many idle Files a pool keeps: more than the build runs
// books at once.
const maxFrames = 16

// framePool keeps idle Files ready for a new book of one sheet of a name.
type framePool struct {
	mu    sync.Mutex
	files []*excelize.File
}

// get takes an idle File, or returns nil.
func (p *framePool) get() *excelize.File {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(p.files)
	if n == 0 {
		return nil
	}
	f := p.files[n-1]
	p.files[n-1] = nil
	p.files = p.files[:n-1]
	return f
}

// put keeps f for the next book, unless the pool is full.
func (p *framePool) put(f *excelize.File) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.files) < maxFrames {
		p.files = append(p.files, f)
	}
}

// frames holds a *framePool by sheet name.
var frames sync.Map

// framesFor is the pool of Files for books whose one sheet is named sheet.
func framesFor(sheet string) *framePool {
	if p, ok := frames.Load(sheet); ok {
		return p.(*framePool)
	}
	p, _ := frames.LoadOrStore(sheet, &framePool{})
	return p.(*framePool)
}

// fresh holds the parts a book changes that excelize.NewFile stores
// undecoded: the sheet and the core properties, as NewFile writes them.
var fresh struct {
	once        sync.Once
	sheet, core []byte
}

// Package parts of a new File.
const (
	firstSheetPart = "xl/worksheets/sheet1.xml"
	corePropsPart  = "docProps/core.xml"
)

// keepFresh records the sheet and core properties parts of f, a new File.
func keepFresh(f *excelize.File) {
	fresh.once.Do(func() {
		load := func(name string) []byte {
			v, _ := f.Pkg.Load(name)
			data, _ := v.([]byte)
			return bytes.Clone(data)
		}
		fresh.sheet, fresh.core = load(firstSheetPart), load(corePropsPart)
	})
}

// openFrameBook is openBook for a book of one sheet that sets its custom
// properties (a unit's workbook): its File comes from the sheet's pool when
// one is there, and goes back to it when the book is closed after it has
// been written.
func openFrameBook(sheet string) (*book, *styles, error) {
	pool := framesFor(sheet)
	f := pool.get()
	if f == nil {
		b, st, err := openBook(sheet)
		if err == nil {
			b.frame = pool
		}
		return b, st, err
	}
	b := &book{f: f, patches: map[string][]patchFunc{}, sheets: map[string]string{sheet: firstSheetPart}, nsheets: 1, frame: pool, reused: true}
	st, err := b.styles()
	if err != nil {
		b.close()
		return nil, nil, err
	}
	return b, st, nil
}

// resetFrame returns f, a written book of one sheet, to the state of a new
// book of that sheet (newBook, with the styles set): the sheet and the core
// properties as NewFile stores them, and no defined names. The other
// book-level changes a unit workbook makes are the same in every one: the
// sheet's name, the theme and styles left unencoded, and the custom
// properties part with its relationship and content type (setCustomProps
// replaces its content, and adds the part only to a new File).
func resetFrame(f *excelize.File) {
	f.Sheet.Delete(firstSheetPart)
	f.Pkg.Store(firstSheetPart, bytes.Clone(fresh.sheet))
	f.Pkg.Store(corePropsPart, bytes.Clone(fresh.core))
	f.WorkBook.DefinedNames = nil
}
