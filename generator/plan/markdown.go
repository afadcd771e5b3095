package plan

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"mofan/generator/diag"
)

// BlockKind tells the kinds of Markdown block the plan and the templates use.
type BlockKind int

// The Markdown blocks that mofan understands. Anything else is reported.
const (
	MDHeading BlockKind = iota
	MDPara
	MDList
	MDTable
	MDOther
)

// MDBlock is one top-level Markdown block with its text already flattened:
// this is the only shape in which Markdown leaves this package, so goldmark's
// types never cross a package boundary.
type MDBlock struct {
	Kind    BlockKind
	Level   int        // heading level
	Text    string     // heading or paragraph text
	Ordered bool       // list
	Items   []MDItem   // list items
	Rows    [][]MDItem // table rows, the header row first
	Pos     diag.Pos
}

// MDItem is a list item or a table cell.
type MDItem struct {
	Text string
	Pos  diag.Pos
}

var md = goldmark.New(goldmark.WithExtensions(extension.Table))

// ParseBlocks splits Markdown source into top-level blocks. HTML comments are
// dropped; other raw HTML is reported as MDOther so callers can refuse it.
func ParseBlocks(file string, src []byte) []MDBlock {
	doc := md.Parser().Parse(text.NewReader(src))
	lines := diag.NewLines(src)
	pos := func(n ast.Node) diag.Pos {
		off := firstOffset(n, src)
		if off < 0 {
			return diag.Pos{File: file}
		}
		l, c := lines.LineCol(off)
		return diag.Pos{File: file, Line: l, Col: c}
	}
	var out []MDBlock
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			out = append(out, MDBlock{Kind: MDHeading, Level: n.Level, Text: inlineText(n, src), Pos: pos(n)})
		case *ast.Paragraph:
			out = append(out, MDBlock{Kind: MDPara, Text: inlineText(n, src), Pos: pos(n)})
		case *ast.List:
			b := MDBlock{Kind: MDList, Ordered: n.IsOrdered(), Pos: pos(n)}
			for it := n.FirstChild(); it != nil; it = it.NextSibling() {
				b.Items = append(b.Items, MDItem{Text: inlineText(it, src), Pos: pos(it)})
			}
			out = append(out, b)
		case *extast.Table:
			b := MDBlock{Kind: MDTable, Pos: pos(n)}
			for r := n.FirstChild(); r != nil; r = r.NextSibling() {
				var row []MDItem
				for c := r.FirstChild(); c != nil; c = c.NextSibling() {
					p := pos(c)
					if p.Line == 0 { // empty cell: use the row's position
						p = pos(r)
					}
					row = append(row, MDItem{Text: inlineText(c, src), Pos: p})
				}
				b.Rows = append(b.Rows, row)
			}
			out = append(out, b)
		case *ast.HTMLBlock:
			raw := strings.TrimSpace(string(n.Lines().Value(src)))
			if strings.HasPrefix(raw, "<!--") {
				continue
			}
			out = append(out, MDBlock{Kind: MDOther, Text: raw, Pos: pos(n)})
		case *ast.ThematicBreak:
			continue
		default:
			out = append(out, MDBlock{Kind: MDOther, Text: strings.TrimSpace(string(blockLines(n, src))), Pos: pos(n)})
		}
	}
	return out
}

// blockLines returns the raw source lines of a block node, if it has any.
func blockLines(n ast.Node, src []byte) []byte {
	if n.Type() != ast.TypeBlock {
		return nil
	}
	return n.Lines().Value(src)
}

// firstOffset finds the byte offset where a node's text begins, or -1.
func firstOffset(n ast.Node, src []byte) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := firstOffset(c, src); off >= 0 {
			return off
		}
	}
	return -1
}

// inlineText flattens the inline content under n. Soft line breaks join
// lines without a space, as Chinese text needs.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
				if c.HardLineBreak() {
					b.WriteByte('\n')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.CodeSpan:
				walk(c)
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}
