package fontset

import (
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/image/font/sfnt"

	"mofan/generator/diag"
	"mofan/generator/model"
)

const fontsDir = "../../fonts"

var (
	defaultOnce sync.Once
	defaultSet  *Set
	defaultErr  error
)

// loadDefault loads the shipped fonts once for the tests of this file.
func loadDefault(t testing.TB) *Set {
	t.Helper()
	defaultOnce.Do(func() {
		defaultSet, defaultErr = LoadConfig(filepath.Join(fontsDir, "fonts.toml"))
	})
	if defaultErr != nil {
		t.Fatalf("LoadConfig: %v", defaultErr)
	}
	return defaultSet
}

// defaultSpecs are the shipped fonts as specs, with absolute paths.
func defaultSpecs(t testing.TB) []model.FontSpec {
	t.Helper()
	dir, err := filepath.Abs(fontsDir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[model.Role]string{
		model.RoleTitle:    "NotoSerifSC-Bold.ttf",
		model.RoleBody:     "FandolFang-Regular.ttf",
		model.RoleHei:      "NotoSansSC-Regular.ttf",
		model.RoleKai:      "FandolKai-Regular.ttf",
		model.RoleFallback: "NotoSerifSC-Regular.ttf",
	}
	var specs []model.FontSpec
	for _, r := range model.Roles {
		specs = append(specs, model.FontSpec{Role: r, File: filepath.Join(dir, files[r]), Pos: diag.Pos{File: "fonts.toml", Line: 1}})
	}
	return specs
}

func TestLoadDefault(t *testing.T) {
	s := loadDefault(t)
	want := map[model.Role]string{
		model.RoleTitle:    "NotoSerifSC-Bold",
		model.RoleBody:     "FandolFang-Regular",
		model.RoleHei:      "NotoSansSC-Regular",
		model.RoleKai:      "FandolKai-Regular",
		model.RoleFallback: "NotoSerifSC-Regular",
	}
	faces := s.Faces()
	if len(faces) != len(model.Roles) {
		t.Fatalf("%d faces, want %d", len(faces), len(model.Roles))
	}
	for i, r := range model.Roles {
		f := faces[i]
		if f.Role != r || s.Face(r) != f {
			t.Errorf("face %d: role %q, Face(%q) = %p, want %p", i, f.Role, r, s.Face(r), f)
		}
		if f.Name != want[r] {
			t.Errorf("%s: Name = %q, want %q", r, f.Name, want[r])
		}
		if f.UnitsPerEm != 1000 || f.Ascent < 0.7 || f.Ascent > 1.3 || f.Descent < 0.1 || f.Descent > 0.4 {
			t.Errorf("%s: UnitsPerEm %d, Ascent %.3f, Descent %.3f", r, f.UnitsPerEm, f.Ascent, f.Descent)
		}
		if _, err := sfnt.Parse(f.TTF); err != nil {
			t.Errorf("%s: TTF does not parse: %v", r, err)
		}
		if !filepath.IsAbs(f.File) {
			t.Errorf("%s: File %q is not absolute", r, f.File)
		}
	}
	if s.Face("song") != nil {
		t.Error(`Face("song") is not nil`)
	}
}

func TestAdvance(t *testing.T) {
	s := loadDefault(t)
	tests := []struct {
		r        rune
		min, max float64
	}{
		{'国', 0.99, 1.01},
		{'，', 0.99, 1.01},
		{'“', 0.2, 1.01},
		{'1', 0.3, 0.7},
		{'A', 0.4, 0.85},
		{' ', 0.1, 0.6},
		{0x20BB7, 0, 0}, // 𠮷: no default face has it
	}
	for _, f := range s.Faces() {
		for _, tt := range tests {
			if tt.r == '“' && f.Role != model.RoleBody {
				continue
			}
			got := f.Advance(tt.r)
			if got < tt.min || got > tt.max {
				t.Errorf("%s (%s): Advance(%q) = %.4f, want [%.2f, %.2f]", f.Role, f.Name, tt.r, got, tt.min, tt.max)
			}
		}
	}
}

func TestRareCharacters(t *testing.T) {
	s := loadDefault(t)
	body, fb := s.Face(model.RoleBody), s.Face(model.RoleFallback)
	fallbackID := -1
	for i, f := range s.Faces() {
		if f == fb {
			fallbackID = i
		}
	}
	lacks := 0
	for _, r := range "堃喆玥珺昇〇" {
		if !fb.Has(r) {
			t.Errorf("fallback %s lacks %q", fb.Name, r)
			continue
		}
		for _, role := range []model.Role{model.RoleBody, model.RoleKai} {
			own := s.Face(role)
			face, ok := s.Pick(role, r)
			if !ok {
				t.Errorf("Pick(%s, %q): ok = false", role, r)
				continue
			}
			if own.Has(r) {
				if s.Faces()[face] != own {
					t.Errorf("Pick(%s, %q) = %d, want the role's own face", role, r, face)
				}
			} else if face != fallbackID {
				t.Errorf("Pick(%s, %q) = %d, want fallback %d", role, r, face, fallbackID)
			}
		}
		if !body.Has(r) {
			lacks++
			t.Logf("%s lacks %q: drawn with %s", body.Name, r, fb.Name)
		}
		if m := s.Missing(model.RoleBody, string(r)); len(m) != 0 {
			t.Errorf("Missing(Body, %q) = %q", r, m)
		}
	}
	if body.Name == "FandolFang-Regular" && lacks < 5 {
		t.Errorf("FandolFang lacks %d of 堃喆玥珺昇, want 5: the test no longer exercises the fallback", lacks)
	}
}

func TestPick(t *testing.T) {
	s := loadDefault(t)
	tests := []struct {
		role     model.Role
		r        rune
		wantFace int
		wantOK   bool
	}{
		{model.RoleBody, '国', 1, true},
		{model.RoleTitle, '国', 0, true},
		{model.RoleHei, '国', 2, true},
		{model.RoleKai, '国', 3, true},
		{model.RoleFallback, '国', 4, true},
		{model.RoleBody, '1', 1, true},
		{model.RoleBody, '堃', 4, true},
		{model.RoleKai, '珺', 4, true},
		{model.RoleBody, 0x20BB7, 1, false}, // 𠮷, beyond the BMP
		{model.RoleFallback, 0x20BB7, 4, false},
		{model.RoleBody, 0xE000, 1, false}, // private use
		{"song", '国', -1, false},
	}
	for _, tt := range tests {
		face, ok := s.Pick(tt.role, tt.r)
		if face != tt.wantFace || ok != tt.wantOK {
			t.Errorf("Pick(%s, %q) = %d, %v; want %d, %v", tt.role, tt.r, face, ok, tt.wantFace, tt.wantOK)
		}
	}
}

func TestMissing(t *testing.T) {
	s := loadDefault(t)
	tests := []struct {
		role model.Role
		text string
		want string
	}{
		{model.RoleBody, "关于表彰先进单位的通知", ""},
		{model.RoleBody, "张堃、李喆\n", ""},
		{model.RoleBody, "王𠮷吉、𠮷\t\ue000𠮷", "𠮷\ue000"},
		{model.RoleTitle, "", ""},
	}
	for _, tt := range tests {
		if got := string(s.Missing(tt.role, tt.text)); got != tt.want {
			t.Errorf("Missing(%s, %q) = %q, want %q", tt.role, tt.text, got, tt.want)
		}
	}
}

// problem checks that err is a *diag.List whose text holds every part.
func problem(t *testing.T, err error, parts ...string) {
	t.Helper()
	var l *diag.List
	if !errors.As(err, &l) {
		t.Fatalf("error %v (%T) is not a *diag.List", err, err)
	}
	msg := err.Error()
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			t.Errorf("error %q lacks %q", msg, p)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.ttf")
	if err := os.WriteFile(text, []byte("这不是字体，只是改了扩展名的文本文件。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short.ttf")
	if err := os.WriteFile(short, []byte("ttf"), 0o644); err != nil {
		t.Fatal(err)
	}
	woff := filepath.Join(dir, "web.woff2")
	if err := os.WriteFile(woff, []byte("wOF2\x00\x01\x00\x00 padding padding"), 0o644); err != nil {
		t.Fatal(err)
	}
	badTTC := filepath.Join(dir, "bad.ttc")
	if err := os.WriteFile(badTTC, []byte("ttcf\x00\x01\x00\x00\xff\xff\xff\xff padding"), 0o644); err != nil {
		t.Fatal(err)
	}
	cff, _ := filepath.Abs("testdata/tiny-cff.otf")
	latin, _ := filepath.Abs("testdata/tiny-latin.ttf")
	noto := defaultSpecs(t)[2].File

	tests := []struct {
		name  string
		edit  func(specs []model.FontSpec) []model.FontSpec
		parts []string
	}{
		{"missing file", setBody(filepath.Join(dir, "nope.ttf"), 0),
			[]string{"body（仿宋）的文件 ", "nope.ttf 不存在", "fonts.toml:1", "提示"}},
		{"directory", setBody(dir, 0), []string{"是一个目录"}},
		{"text renamed .ttf", setBody(text, 0), []string{"不是字体文件", "notes.ttf"}},
		{"too short", setBody(short, 0), []string{"不是字体文件"}},
		{"woff", setBody(woff, 0), []string{"网页字体"}},
		{"broken ttc", setBody(badTTC, 0), []string{"bad.ttc 是损坏的 .ttc 字体集"}},
		{"cff", setBody(cff, 0), []string{"CFF 轮廓", "tiny-cff.otf", "TrueType"}},
		{"lacks CJK", setBody(latin, 0), []string{"缺少常用汉字“的一国”", "TinyLatin-Regular", "tiny-latin.ttf"}},
		{"index on a ttf", setBody(noto, 1), []string{"不是 .ttc 字体集", "index"}},
		{"missing role", func(s []model.FontSpec) []model.FontSpec { return s[:4] }, []string{"缺少字体角色 fallback"}},
		{"duplicate role", func(s []model.FontSpec) []model.FontSpec { return append(s, s[1]) }, []string{"body（仿宋）重复"}},
		{"unknown role", func(s []model.FontSpec) []model.FontSpec { return append(s, model.FontSpec{Role: "song", File: noto}) }, []string{`未知的字体角色 "song"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := Load(tt.edit(defaultSpecs(t)))
			if err == nil {
				t.Fatalf("Load succeeded: %v", set.Faces())
			}
			problem(t, err, tt.parts...)
		})
	}
}

func setBody(file string, index int) func([]model.FontSpec) []model.FontSpec {
	return func(s []model.FontSpec) []model.FontSpec {
		s[1].File, s[1].Index = file, index
		return s
	}
}

// TestUnitsPerEm2048 loads a font with 2048 units per em (the shipped ones
// have 1000) as body: advances and metrics come out in em, exactly.
func TestUnitsPerEm2048(t *testing.T) {
	hinted, _ := filepath.Abs("../pdf/testdata/hinted-2048.ttf") // made by make-hinted.py there
	set, err := Load(setBody(hinted, 0)(defaultSpecs(t)))
	if err != nil {
		t.Fatal(err)
	}
	f := set.Face(model.RoleBody)
	if f.UnitsPerEm != 2048 {
		t.Fatalf("UnitsPerEm %d, want 2048", f.UnitsPerEm)
	}
	// advances of 2048, 1229 and 1100 units; hhea ascent 1802, descent -246
	for _, tt := range []struct {
		name      string
		got, want float64
	}{
		{"Advance('国')", f.Advance('国'), 1},
		{"Advance('A')", f.Advance('A'), 1229.0 / 2048},
		{"Advance('B')", f.Advance('B'), 1100.0 / 2048},
		{"Ascent", f.Ascent, 1802.0 / 2048},
		{"Descent", f.Descent, 246.0 / 2048},
	} {
		if math.Abs(tt.got-tt.want) > 1.0/16384 {
			t.Errorf("%s = %.5f, want %.5f", tt.name, tt.got, tt.want)
		}
	}
}

// TestLoadConfigSwitch points body at another TrueType font in a user's
// fonts.toml.
func TestLoadConfigSwitch(t *testing.T) {
	abs, err := filepath.Abs(fontsDir)
	if err != nil {
		t.Fatal(err)
	}
	abs = filepath.ToSlash(abs)
	toml := `[roles]
title    = { file = "` + abs + `/NotoSerifSC-Bold.ttf" }
body     = { file = "` + abs + `/NotoSansSC-Regular.ttf" }
hei      = { file = "` + abs + `/NotoSansSC-Regular.ttf" }
kai      = { file = "` + abs + `/FandolKai-Regular.ttf" }
fallback = { file = "` + abs + `/NotoSerifSC-Regular.ttf" }
`
	path := filepath.Join(t.TempDir(), "fonts.toml")
	if err := os.WriteFile(path, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Face(model.RoleBody).Name; got != "NotoSansSC-Regular" {
		t.Errorf("Face(Body).Name = %q, want NotoSansSC-Regular", got)
	}
	if loadDefault(t).Face(model.RoleBody).Name == s.Face(model.RoleBody).Name {
		t.Error("body face did not change")
	}
	// body and hei share one file: parsed once, same bytes.
	if &s.Face(model.RoleBody).TTF[0] != &s.Face(model.RoleHei).TTF[0] || s.Face(model.RoleBody).f != s.Face(model.RoleHei).f {
		t.Error("body and hei name the same file but were loaded twice")
	}
	if s.Face(model.RoleBody).Role != model.RoleBody || s.Face(model.RoleHei).Role != model.RoleHei {
		t.Error("shared faces lost their roles")
	}
	if face, ok := s.Pick(model.RoleBody, '堃'); !ok || face != 1 {
		t.Errorf("Pick(Body, 堃) = %d, %v; want 1 (Noto Sans SC has it)", face, ok)
	}

	// Errors of fonts.toml come back positioned.
	bad := filepath.Join(t.TempDir(), "fonts.toml")
	if err := os.WriteFile(bad, []byte(strings.Replace(toml, "body ", "boyd ", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadConfig(bad)
	problem(t, err, bad+":3:1", `未知的字体角色 "boyd"`, "是不是 body")
}

// buildTTC writes a TrueType collection holding the given fonts.
func buildTTC(t *testing.T, fonts ...[]byte) []byte {
	t.Helper()
	be := binary.BigEndian
	header := 12 + 4*len(fonts)
	out := make([]byte, header)
	copy(out, "ttcf")
	be.PutUint32(out[4:], 0x00010000)
	be.PutUint32(out[8:], uint32(len(fonts)))
	for i, f := range fonts {
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		base := len(out)
		be.PutUint32(out[12+4*i:], uint32(base))
		out = append(out, f...)
		// Table offsets in a collection count from the start of the file.
		n := int(be.Uint16(f[4:]))
		for j := 0; j < n; j++ {
			rec := out[base+12+16*j:]
			be.PutUint32(rec[8:], be.Uint32(rec[8:])+uint32(base))
		}
	}
	return out
}

func TestTTC(t *testing.T) {
	specs := defaultSpecs(t)
	sans, err := os.ReadFile(specs[2].File)
	if err != nil {
		t.Fatal(err)
	}
	kai, err := os.ReadFile(specs[3].File)
	if err != nil {
		t.Fatal(err)
	}
	ttc := filepath.Join(t.TempDir(), "pair.ttc")
	if err := os.WriteFile(ttc, buildTTC(t, sans, kai), 0o644); err != nil {
		t.Fatal(err)
	}
	// body = face 1 (FandolKai), hei = face 0 (NotoSansSC), both from the .ttc.
	specs[1].File, specs[1].Index = ttc, 1
	specs[2].File, specs[2].Index = ttc, 0
	s, err := Load(specs)
	if err != nil {
		t.Fatal(err)
	}
	ref := loadDefault(t)
	for _, c := range []struct {
		role model.Role
		ref  *Face
	}{{model.RoleBody, ref.Face(model.RoleKai)}, {model.RoleHei, ref.Face(model.RoleHei)}} {
		f := s.Face(c.role)
		if f.Name != c.ref.Name {
			t.Errorf("%s: Name = %q, want %q", c.role, f.Name, c.ref.Name)
		}
		for _, r := range "国一1，堃" {
			if f.Has(r) != c.ref.Has(r) || f.Advance(r) != c.ref.Advance(r) {
				t.Errorf("%s: %q differs from the standalone font", c.role, r)
			}
		}
		if f.f.sf.NumGlyphs() != c.ref.f.sf.NumGlyphs() {
			t.Errorf("%s: %d glyphs, want %d", c.role, f.f.sf.NumGlyphs(), c.ref.f.sf.NumGlyphs())
		}
		if len(f.TTF)%4 != 0 || len(f.TTF) > len(c.ref.TTF)+3*32 {
			t.Errorf("%s: extracted TTF is %d bytes, standalone %d", c.role, len(f.TTF), len(c.ref.TTF))
		}
		var sum uint32
		for i := 0; i < len(f.TTF); i += 4 {
			sum += binary.BigEndian.Uint32(f.TTF[i:])
		}
		if sum != 0xB1B0AFBA {
			t.Errorf("%s: whole-file checksum %#x, want 0xB1B0AFBA", c.role, sum)
		}
		if _, err := sfnt.Parse(f.TTF); err != nil {
			t.Errorf("%s: extracted TTF does not parse: %v", c.role, err)
		}
	}

	// Index out of range.
	specs[1].Index = 2
	_, err = Load(specs)
	problem(t, err, "只有 2 个字体", "index = 2 超出范围", "可用 0 到 1", "pair.ttc")

	// A CFF face inside a collection is refused; a TrueType one is taken.
	cff, err := os.ReadFile("testdata/tiny-cff.otf")
	if err != nil {
		t.Fatal(err)
	}
	mixed := filepath.Join(t.TempDir(), "mixed.ttc")
	if err := os.WriteFile(mixed, buildTTC(t, cff, kai), 0o644); err != nil {
		t.Fatal(err)
	}
	specs[1].File, specs[1].Index = mixed, 0
	_, err = Load(specs)
	problem(t, err, "mixed.ttc 中 index = 0 的字体是 CFF 轮廓")
	specs[1].Index = 1
	if s, err := Load(specs); err != nil || s.Face(model.RoleBody).Name != "FandolKai-Regular" {
		t.Errorf("mixed.ttc index 1: %v", err)
	}
}

func TestConcurrent(t *testing.T) {
	s := loadDefault(t)
	text := []rune("各区县机关工委，市直各单位：2026年，堃喆玥珺昇〇𠮷ABC——“”……")
	var want []float64
	for _, r := range text {
		face, _ := s.Pick(model.RoleBody, r)
		if face < 0 {
			face = 1
		}
		want = append(want, s.Faces()[face].Advance(r))
	}
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 50; n++ {
				for i, r := range text {
					face, _ := s.Pick(model.RoleBody, r)
					if face < 0 {
						face = 1
					}
					if got := s.Faces()[face].Advance(r); got != want[i] {
						t.Errorf("Advance(%q) = %v, want %v", r, got, want[i])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

func TestLoadTime(t *testing.T) {
	specs := defaultSpecs(t)
	t0 := time.Now()
	if _, err := Load(specs); err != nil {
		t.Fatal(err)
	}
	t.Logf("Load of the 5 default fonts: %v", time.Since(t0))
}

func BenchmarkPickAdvance(b *testing.B) {
	s := loadDefault(b)
	text := []rune("经市直机关工委研究，决定对市财政局等个单位予以命名表彰，授予市直机关创建模范机关先进单位称号。")
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			for _, r := range text {
				face, _ := s.Pick(model.RoleBody, r)
				_ = s.Faces()[face].Advance(r)
			}
		}
	})
}

func BenchmarkLoad(b *testing.B) {
	specs := defaultSpecs(b)
	for b.Loop() {
		if _, err := Load(specs); err != nil {
			b.Fatal(err)
		}
	}
}
