// Package fontset loads the fonts of a run, one per role (title, body, hei,
// kai, fallback), and answers which face draws each character and how wide it
// is. It is the only package that imports golang.org/x/image.
//
// A Set is read-only after Load and safe for concurrent use: per-rune lookups
// of the Basic Multilingual Plane are cached in atomic tables, so the hot path
// (Pick, Has, Advance) takes no lock.
package fontset

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"sync/atomic"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// fallbackIndex is the position of Fallback in Roles.
const fallbackIndex = 4

// roleNames are the Chinese names of the roles, for messages.
var roleNames = map[model.Role]string{
	model.RoleTitle:    "小标宋",
	model.RoleBody:     "仿宋",
	model.RoleHei:      "黑体",
	model.RoleKai:      "楷体",
	model.RoleFallback: "备用字体",
}

// cjkProbe are characters every role's face must have.
var cjkProbe = []rune{'的', '一', '国'}

// maxFontSize bounds the files Load reads (the largest common CJK fonts are
// about 30 MB; collections up to about 100 MB).
const maxFontSize = 256 << 20

// Face is one loaded font, bound to a role.
type Face struct {
	Role       model.Role
	Name       string // PostScript name from the name table (else full or family name)
	File       string
	TTF        []byte // standalone TrueType bytes for the PDF writer (a .ttc face extracted)
	UnitsPerEm int
	Ascent     float64 // above the baseline, in em (hhea), positive
	Descent    float64 // below the baseline, in em (hhea), positive as in x/image/font.Metrics

	f *parsed
}

// parsed is a parsed font file (or .ttc face) with its per-rune cache. Faces
// of several roles that name the same file and index share one.
type parsed struct {
	sf *sfnt.Font
	// bmp caches lookups of U+0000..U+FFFF: 0 = not looked up yet; else
	// entryKnown | advance<<16 | glyph index, advance in 1/advScale em.
	bmp []atomic.Uint64
}

const (
	entryKnown = uint64(1) << 63
	// advPPEM is the ppem handed to sfnt for advances and metrics: 256
	// pixels (2^14 in 26.6 fixed point), so that advance×ppem stays within
	// int32 for any 16-bit advance, and results have 2^14 steps per em.
	advPPEM  = fixed.Int26_6(1 << 14)
	advScale = float64(advPPEM)
)

var bufPool = sync.Pool{New: func() any { return new(sfnt.Buffer) }}

// Has reports whether the face has a glyph for r.
func (f *Face) Has(r rune) bool {
	return f.f.entry(r)&0xFFFF != 0
}

// Advance returns the advance width of r in em (a CJK ideograph is about
// 1.0), or 0 when the face lacks r.
func (f *Face) Advance(r rune) float64 {
	e := f.f.entry(r)
	if e&0xFFFF == 0 {
		return 0
	}
	return float64(uint32(e>>16)) / advScale
}

func (p *parsed) entry(r rune) uint64 {
	if r >= 0 && r < 0x10000 {
		if e := p.bmp[r].Load(); e != 0 {
			return e
		}
		e := p.lookup(r)
		p.bmp[r].Store(e) // a racing goroutine stores the same value
		return e
	}
	return p.lookup(r)
}

func (p *parsed) lookup(r rune) uint64 {
	b := bufPool.Get().(*sfnt.Buffer)
	defer bufPool.Put(b)
	gid, err := p.sf.GlyphIndex(b, r)
	if err != nil || gid == 0 {
		return entryKnown
	}
	adv, err := p.sf.GlyphAdvance(b, gid, advPPEM, font.HintingNone)
	if err != nil || adv < 0 {
		adv = 0
	}
	return entryKnown | uint64(uint32(adv))<<16 | uint64(gid)
}

// Set is the loaded faces of a run, in Roles order.
type Set struct {
	faces []*Face
}

// Faces returns the faces in Roles order; the index is the font id used by
// layout and the PDF writer.
func (s *Set) Faces() []*Face { return s.faces }

// Face returns the face of role r, or nil for an unknown role.
func (s *Set) Face(r model.Role) *Face {
	if i := roleIndex(r); i >= 0 {
		return s.faces[i]
	}
	return nil
}

func roleIndex(r model.Role) int {
	switch r {
	case model.RoleTitle:
		return 0
	case model.RoleBody:
		return 1
	case model.RoleHei:
		return 2
	case model.RoleKai:
		return 3
	case model.RoleFallback:
		return 4
	}
	return -1
}

// Pick returns the index (into Faces) of the face that draws r for role: the
// role's face when it has the glyph, else the fallback face. ok is false when
// no face has it (face is then the role's own index, or -1 for an unknown
// role). Runes beyond U+FFFF always give ok=false: the PDF writer extracts
// them wrongly, so callers must report them.
func (s *Set) Pick(role model.Role, r rune) (face int, ok bool) {
	i := roleIndex(role)
	if i < 0 || r < 0 || r > 0xFFFF {
		return i, false
	}
	if s.faces[i].Has(r) {
		return i, true
	}
	if s.faces[fallbackIndex].Has(r) {
		return fallbackIndex, true
	}
	return i, false
}

// Missing returns the runes of text that no face can draw for role
// (deduplicated, in order of first appearance). Control characters such as
// newlines and tabs are not drawn and never reported.
func (s *Set) Missing(role model.Role, text string) []rune {
	var out []rune
	var seen map[rune]bool
	for _, r := range text {
		if unicode.IsControl(r) {
			continue
		}
		if _, ok := s.Pick(role, r); ok {
			continue
		}
		if seen == nil {
			seen = map[rune]bool{}
		}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// Load parses each font file once and binds one face to each role. specs
// must name every role exactly once, in any order. Problems come back as a
// *diag.List, in Chinese, naming the file.
func Load(specs []model.FontSpec) (*Set, error) {
	var errs diag.List
	byRole := specsByRole(specs, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	ld := &faceLoader{files: map[string][]byte{}, fileErr: map[string]bool{}, done: map[faceKey]*loadedFace{}, errs: &errs}
	set := &Set{faces: make([]*Face, len(model.Roles))}
	for i, sp := range byRole {
		l := ld.load(sp)
		if l.err {
			continue
		}
		face := *l.face
		face.Role = model.Roles[i]
		if missing := face.lacking(cjkProbe); len(missing) > 0 {
			errs.Add(sp.Pos, fmt.Sprintf("字体角色 %s（%s）的文件 %s（%s）缺少常用汉字“%s”",
				sp.Role, roleNames[sp.Role], sp.File, face.Name, string(missing)),
				"这个角色需要含简体中文的字体，请换一个字体文件")
			continue
		}
		set.faces[i] = &face
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return set, nil
}

// specsByRole returns the spec of each role, in the order of Roles,
// reporting an unknown role, a role set twice and a role not set.
func specsByRole(specs []model.FontSpec, errs *diag.List) []*model.FontSpec {
	byRole := make([]*model.FontSpec, len(model.Roles))
	var anyPos diag.Pos
	for i := range specs {
		sp := &specs[i]
		if anyPos.File == "" {
			anyPos = diag.Pos{File: sp.Pos.File}
		}
		ri := roleIndex(sp.Role)
		switch {
		case ri < 0:
			errs.Add(sp.Pos, fmt.Sprintf("未知的字体角色 %q", sp.Role), "可用的角色：title、body、hei、kai、fallback")
		case byRole[ri] != nil:
			errs.Add(sp.Pos, fmt.Sprintf("字体角色 %s（%s）重复设置", sp.Role, roleNames[sp.Role]), "每个角色只设置一次")
		default:
			byRole[ri] = sp
		}
	}
	for i, sp := range byRole {
		if sp == nil {
			errs.Add(anyPos, fmt.Sprintf("缺少字体角色 %s（%s）", model.Roles[i], roleNames[model.Roles[i]]), "在 fonts.toml 的 [roles] 下为它指定字体文件")
		}
	}
	return byRole
}

// faceKey names a face: a font file and the index of the face in it.
type faceKey struct {
	file  string
	index int
}

// loadedFace is a face parsed once for all the roles that use it.
type loadedFace struct {
	face *Face // template: Role is overwritten per role
	err  bool
}

// faceLoader reads each font file once and parses each face of it once,
// adding its problems to errs.
type faceLoader struct {
	files   map[string][]byte
	fileErr map[string]bool
	done    map[faceKey]*loadedFace
	errs    *diag.List
}

// load returns the face sp names, read and parsed on first use; err is set
// when its file cannot be read or the face cannot be parsed.
func (ld *faceLoader) load(sp *model.FontSpec) *loadedFace {
	k := faceKey{sp.File, sp.Index}
	if l, ok := ld.done[k]; ok {
		return l
	}
	l := &loadedFace{}
	ld.done[k] = l
	data, ok := ld.files[sp.File]
	if !ok && !ld.fileErr[sp.File] {
		var err error
		data, err = readFont(sp)
		if err != nil {
			ld.errs.Append(err)
			ld.fileErr[sp.File] = true
		} else {
			ld.files[sp.File] = data
		}
	}
	if ld.fileErr[sp.File] {
		l.err = true
	} else if face, err := parseFace(sp, data); err != nil {
		ld.errs.Append(err)
		l.err = true
	} else {
		l.face = face
	}
	return l
}

// lacking returns the runes of rs that f has no glyph for.
func (f *Face) lacking(rs []rune) []rune {
	var out []rune
	for _, r := range rs {
		if !f.Has(r) {
			out = append(out, r)
		}
	}
	return out
}

// fileProblem builds the error for a spec's file.
func fileProblem(sp *model.FontSpec, msg, hint string) error {
	var l diag.List
	l.Add(sp.Pos, fmt.Sprintf("字体角色 %s（%s）的文件 %s %s", sp.Role, roleNames[sp.Role], sp.File, msg), hint)
	return &l
}

func readFont(sp *model.FontSpec) ([]byte, error) {
	st, err := os.Stat(sp.File)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fileProblem(sp, "不存在", "检查 fonts.toml 中的路径；相对路径从 fonts.toml 所在的目录算起")
	case err != nil:
		return nil, fileProblem(sp, fmt.Sprintf("无法读取（%v）", err), "检查文件权限")
	case st.IsDir():
		return nil, fileProblem(sp, "是一个目录，不是字体文件", "file 要写到具体的 .ttf 或 .ttc 文件")
	case st.Size() > maxFontSize:
		return nil, fileProblem(sp, fmt.Sprintf("过大（%d MB），不像字体文件", st.Size()>>20), "检查 fonts.toml 中的路径")
	}
	data, err := readAll(sp.File)
	if err != nil {
		return nil, fileProblem(sp, fmt.Sprintf("无法读取（%v）", err), "检查文件权限")
	}
	return data, nil
}

const cffHint = "PDF 生成器只能嵌入 TrueType 轮廓的字体：请改用该字体的 .ttf 版本，" +
	"或用 fontTools 把它转换成 TrueType 轮廓（见 fonts/convert-fandol.py 和 fonts/README.md）"

// parseFace extracts and parses the face sp names from the file's data.
func parseFace(sp *model.FontSpec, data []byte) (*Face, error) {
	if len(data) < 12 {
		return nil, fileProblem(sp, "不是字体文件（文件太短）", "需要 TrueType 字体（.ttf，或 .ttc 字体集中的一个）")
	}
	ttf := data
	switch tag := string(data[:4]); tag {
	case "ttcf":
		n, err := collectionSize(data)
		if err != nil {
			return nil, fileProblem(sp, "是损坏的 .ttc 字体集（"+err.Error()+"）", "换一个字体文件")
		}
		if sp.Index < 0 || sp.Index >= n {
			return nil, fileProblem(sp, fmt.Sprintf("是只有 %d 个字体的 .ttc 字体集，index = %d 超出范围", n, sp.Index),
				fmt.Sprintf("index 从 0 数起，可用 0 到 %d", n-1))
		}
		ttf, err = extractFace(data, sp.Index)
		if err != nil {
			return nil, fileProblem(sp, fmt.Sprintf("中 index = %d 的字体已损坏（%v）", sp.Index, err), "换一个字体文件或 index")
		}
		if string(ttf[:4]) == "OTTO" {
			return nil, fileProblem(sp, fmt.Sprintf("中 index = %d 的字体是 CFF 轮廓（PostScript）的 OpenType 字体", sp.Index), cffHint)
		}
	case "OTTO":
		return nil, fileProblem(sp, "是 CFF 轮廓（PostScript）的 OpenType 字体", cffHint)
	case "wOFF", "wOF2":
		return nil, fileProblem(sp, "是网页字体（WOFF），不能直接使用", "请改用该字体的 .ttf 版本")
	case "\x00\x01\x00\x00", "true":
		if sp.Index != 0 {
			return nil, fileProblem(sp, fmt.Sprintf("不是 .ttc 字体集，index 只能是 0，这里却是 %d", sp.Index), "删去 index，或改为 0")
		}
	default:
		return nil, fileProblem(sp, "不是字体文件（无法识别的文件头）", "需要 TrueType 字体（.ttf，或 .ttc 字体集中的一个）")
	}

	sf, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fileProblem(sp, fmt.Sprintf("无法解析（%v）", err), "文件可能已损坏，换一个字体文件")
	}
	var b sfnt.Buffer
	name := ""
	for _, id := range []sfnt.NameID{sfnt.NameIDPostScript, sfnt.NameIDFull, sfnt.NameIDFamily} {
		if s, err := sf.Name(&b, id); err == nil && s != "" {
			name = s
			break
		}
	}
	m, err := sf.Metrics(&b, advPPEM, font.HintingNone)
	if err != nil {
		return nil, fileProblem(sp, fmt.Sprintf("无法读取字体度量（%v）", err), "文件可能已损坏，换一个字体文件")
	}
	return &Face{
		Name:       name,
		File:       sp.File,
		TTF:        ttf,
		UnitsPerEm: int(sf.UnitsPerEm()),
		Ascent:     float64(m.Ascent) / advScale,
		Descent:    float64(m.Descent) / advScale,
		f:          &parsed{sf: sf, bmp: make([]atomic.Uint64, 0x10000)},
	}, nil
}

// Advance returns the advance width of r in the face with index face, in em
// units. With Pick, it makes a *Set satisfy layout.Fonts.
func (s *Set) Advance(face int, r rune) float64 { return s.faces[face].Advance(r) }
