package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sort"
	"time"

	"github.com/xuri/excelize/v2"
)

// zipTime is the modification time of every entry: a fixed date, so that the
// same inputs give the same bytes.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// patchFunc rewrites the content of one package part before it is zipped.
type patchFunc func([]byte) ([]byte, error)

// canonicalZip collects the parts excelize writes and, on Close, writes them
// as a reproducible zip: [Content_Types].xml first, the rest sorted by name,
// every entry with the same fixed time, [Content_Types].xml normalised and
// the registered patches applied.
type canonicalZip struct {
	out     io.Writer
	parts   map[string]*bytes.Buffer
	patches map[string][]patchFunc
}

func (z *canonicalZip) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	z.parts[name] = b // a part written twice keeps its last content
	return b, nil
}

func (z *canonicalZip) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		w, _ := z.Create(name)
		_, err = w.Write(data)
		return err
	})
}

func (z *canonicalZip) Close() error {
	names := make([]string, 0, len(z.parts))
	for name := range z.parts {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool { return partLess(names[i], names[j]) })
	zw := zip.NewWriter(z.out)
	for _, name := range names {
		data := z.parts[name].Bytes()
		var err error
		if name == "[Content_Types].xml" {
			if data, err = normaliseContentTypes(data); err != nil {
				return err
			}
		}
		for _, p := range z.patches[name] {
			if data, err = p(data); err != nil {
				return err
			}
		}
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime}
		w, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// partLess orders package parts: [Content_Types].xml, then _rels/.rels, then
// the rest by name.
func partLess(a, b string) bool {
	rank := func(s string) int {
		switch s {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra < rb
	}
	return a < b
}

// contentTypes is [Content_Types].xml.
type contentTypes struct {
	XMLName   xml.Name  `xml:"http://schemas.openxmlformats.org/package/2006/content-types Types"`
	Defaults  []ctEntry `xml:"Default"`
	Overrides []ctEntry `xml:"Override"`
}

type ctEntry struct {
	Extension   string `xml:"Extension,attr,omitempty"`
	PartName    string `xml:"PartName,attr,omitempty"`
	ContentType string `xml:"ContentType,attr"`
}

// normaliseContentTypes sorts the Default and Override elements of
// [Content_Types].xml (excelize writes the defaults in map order when a chart
// or picture exists) and drops duplicates.
func normaliseContentTypes(data []byte) ([]byte, error) {
	var ct contentTypes
	if err := xml.Unmarshal(data, &ct); err != nil {
		return nil, fmt.Errorf("[Content_Types].xml: %w", err)
	}
	norm := func(es []ctEntry) []ctEntry {
		sort.Slice(es, func(i, j int) bool {
			a, b := es[i], es[j]
			if a.Extension+a.PartName != b.Extension+b.PartName {
				return a.Extension+a.PartName < b.Extension+b.PartName
			}
			return a.ContentType < b.ContentType
		})
		return slices.Compact(es)
	}
	ct.Defaults, ct.Overrides = norm(ct.Defaults), norm(ct.Overrides)
	out, err := xml.Marshal(ct)
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}

// book is an excelize file under construction with the post-processing its
// saved parts need.
type book struct {
	f       *excelize.File
	patches map[string][]patchFunc
	sheets  map[string]string // sheet name → part name, in creation order
	nsheets int
}

// newBook starts a workbook whose first sheet is named first.
func newBook(first string) (*book, error) {
	f := excelize.NewFile()
	b := &book{f: f, patches: map[string][]patchFunc{}, sheets: map[string]string{}}
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return nil, err
	}
	// The default font sets the unit of column widths: with 宋体 a width of w
	// is w half-width characters of the body text, in Excel, WPS and LibreOffice alike.
	if err := f.SetDefaultFont(fontBody); err != nil {
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

// patch registers a rewrite of the saved XML of a sheet.
func (b *book) patch(sheet string, p patchFunc) {
	part := b.sheets[sheet]
	b.patches[part] = append(b.patches[part], p)
}

// bytes saves the workbook through the canonical zip writer.
func (b *book) bytes() ([]byte, error) {
	b.f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return &canonicalZip{out: w, parts: map[string]*bytes.Buffer{}, patches: b.patches}
	})
	buf, err := b.f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	if err := b.f.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
