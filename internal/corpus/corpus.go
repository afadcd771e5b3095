// Package corpus reads the cases of testdata/corpus, the broken and hostile
// inputs that mofan must refuse with a clear message. It is for tests only:
// the command-line test builds each case's seeds tree and compares mofan's
// messages with the case's want.txt; the fuzz tests of plan and input take
// the cases' files as seeds.
//
// A case is a folder holding case.txt, which is txtar-like: lines before the
// first header describe the case; each "-- PATH --" header starts a file,
// PATH relative to the seeds root (plan.md, 2020/year.toml,
// 2020/units/NN-单位.toml, or fonts.toml). A header may carry a modifier:
//
//	-- PATH --                   the lines that follow are the whole file
//	-- PATH [crlf] --            the same, with CRLF line endings
//	-- PATH [gbk] --             the same, encoded as GBK/GB18030
//	-- PATH [utf16le] --         the same, as UTF-16 little-endian with a BOM
//	                             (Notepad's "Unicode"); [utf16be] big-endian
//	                             with a BOM; [utf16le-nobom] without one;
//	                             [utf32le] UTF-32 little-endian with a BOM
//	-- PATH [edit] --            the lines that follow edit the shipped file:
//	                               replace: OLD   then   with: NEW  (first OLD)
//	                               cut: FROM      then   until: TO  (FROM up to TO)
//	                               truncate-at: TEXT    truncate-bytes: N
//	                               prepend: TEXT        append: TEXT
//	-- PATH [delete] --          the file is removed
//	-- PATH [symlink TARGET] --  the file is a symbolic link to TARGET
//
// In paths, contents and edits, {U+XXXX} stands for that character, {0xHH}
// for that raw byte, and {REPEAT N}TEXT{END} for TEXT N times, so that
// control characters, bidi overrides, binary bytes and huge files are made
// by the test rather than committed.
package corpus

import (
	"bytes"
	"fmt"
	"mofan/generator/textenc"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Dir is the corpus folder, relative to a package folder under generator/.
const Dir = "../../testdata/corpus"

// File is one file a case writes, edits or removes.
type File struct {
	Path string // relative to the seeds root, with slashes, escapes expanded
	Mod  string // "", "crlf", "gbk", "utf16le", "utf16be", "utf16le-nobom", "utf32le", "edit", "delete" or "symlink"
	Arg  string // the symlink's target
	Body string // as written in case.txt
}

// Case is one case of the corpus.
type Case struct {
	Name  string // the folder's name
	Dir   string
	Files []File
}

// Cases reads every case under dir, sorted by name.
func Cases(dir string) ([]*Case, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*", "case.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []*Case
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		files, err := Parse(string(src))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		out = append(out, &Case{Name: filepath.Base(filepath.Dir(p)), Dir: filepath.Dir(p), Files: files})
	}
	return out, nil
}

var reHeader = regexp.MustCompile(`^-- (.+?)(?: \[([\w-]+)(?: (.+))?\])? --$`)

// Parse reads a case.txt.
func Parse(src string) ([]File, error) {
	var files []File
	var body []string
	flush := func() {
		if len(files) > 0 {
			files[len(files)-1].Body = strings.Join(body, "")
		}
		body = nil
	}
	for _, line := range strings.SplitAfter(src, "\n") {
		m := reHeader.FindStringSubmatch(strings.TrimSuffix(line, "\n"))
		if m == nil {
			body = append(body, line)
			continue
		}
		flush()
		path, err := Expand(m[1])
		if err != nil {
			return nil, err
		}
		arg, err := Expand(m[3])
		if err != nil {
			return nil, err
		}
		switch m[2] {
		case "", "crlf", "gbk", "edit", "delete", "symlink", "utf16le", "utf16be", "utf16le-nobom", "utf32le":
		default:
			return nil, fmt.Errorf("unknown modifier [%s]", m[2])
		}
		files = append(files, File{Path: string(path), Mod: m[2], Arg: string(arg)})
	}
	flush()
	if len(files) == 0 {
		return nil, fmt.Errorf("no file named")
	}
	return files, nil
}

var reEscape = regexp.MustCompile(`\{U\+([0-9A-Fa-f]{4,6})\}|\{0x([0-9A-Fa-f]{2})\}|\{REPEAT (\d+)\}`)

// Expand replaces the escapes of case.txt.
func Expand(s string) ([]byte, error) {
	var out []byte
	for {
		loc := reEscape.FindStringSubmatchIndex(s)
		if loc == nil {
			return append(out, s...), nil
		}
		out = append(out, s[:loc[0]]...)
		switch {
		case loc[2] >= 0:
			n, _ := strconv.ParseUint(s[loc[2]:loc[3]], 16, 32)
			out = append(out, string(rune(n))...)
			s = s[loc[1]:]
		case loc[4] >= 0:
			n, _ := strconv.ParseUint(s[loc[4]:loc[5]], 16, 8)
			out = append(out, byte(n))
			s = s[loc[1]:]
		default:
			n, _ := strconv.Atoi(s[loc[6]:loc[7]])
			rest := s[loc[1]:]
			end := strings.Index(rest, "{END}")
			if end < 0 {
				return nil, fmt.Errorf("{REPEAT} without {END}")
			}
			text, err := Expand(rest[:end])
			if err != nil {
				return nil, err
			}
			out = append(out, bytes.Repeat(text, n)...)
			s = rest[end+len("{END}"):]
		}
	}
}

// Edit runs the edit lines of an [edit] file on src.
func Edit(src []byte, body string) ([]byte, error) {
	s := string(src)
	lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
	arg := func(i int, op string) (string, error) {
		if i >= len(lines) || !strings.HasPrefix(lines[i], op+":") {
			return "", fmt.Errorf("edit %q must be followed by %q", lines[i-1], op+":")
		}
		b, err := Expand(strings.TrimPrefix(strings.TrimPrefix(lines[i], op+":"), " "))
		return string(b), err
	}
	for i := 0; i < len(lines); i++ {
		op, _, _ := strings.Cut(lines[i], ":")
		a, err := arg(i, op)
		if err != nil {
			return nil, err
		}
		at := strings.Index(s, a)
		switch op {
		case "replace", "cut", "truncate-at":
			if at < 0 {
				return nil, fmt.Errorf("%q is not in the file", a)
			}
		}
		switch op {
		case "replace":
			i++
			with, err := arg(i, "with")
			if err != nil {
				return nil, err
			}
			s = s[:at] + with + s[at+len(a):]
		case "cut":
			i++
			until, err := arg(i, "until")
			if err != nil {
				return nil, err
			}
			to := strings.Index(s[at:], until)
			if to < 0 {
				return nil, fmt.Errorf("%q does not follow %q", until, a)
			}
			s = s[:at] + s[at+to:]
		case "truncate-at":
			s = s[:at]
		case "truncate-bytes":
			n, err := strconv.Atoi(a)
			if err != nil || n > len(s) {
				return nil, fmt.Errorf("bad edit %q", lines[i])
			}
			s = s[:n]
		case "prepend":
			s = a + s
		case "append":
			s += a
		default:
			return nil, fmt.Errorf("unknown edit %q", lines[i])
		}
	}
	return []byte(s), nil
}

// Content returns what a file of any mod but "delete" and "symlink" holds;
// old is the shipped file an edit starts from.
func (f File) Content(old []byte) ([]byte, error) {
	switch f.Mod {
	case "edit":
		return Edit(old, f.Body)
	case "gbk":
		b, err := Expand(f.Body)
		if err != nil {
			return nil, err
		}
		return textenc.EncodeGB18030(b)
	case "crlf":
		b, err := Expand(f.Body)
		return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")), err
	case "utf16le", "utf16be", "utf16le-nobom", "utf32le":
		b, err := Expand(f.Body)
		if err != nil {
			return nil, err
		}
		return encodeUTF(string(b), f.Mod), nil
	case "":
		return Expand(f.Body)
	}
	return nil, fmt.Errorf("a [%s] file has no content", f.Mod)
}

// encodeUTF encodes s as UTF-16 or UTF-32 the way mod says (see Content).
func encodeUTF(s, mod string) []byte {
	var out []byte
	put := func(u uint32, size int, be bool) {
		for i := 0; i < size; i++ {
			shift := 8 * i
			if be {
				shift = 8 * (size - 1 - i)
			}
			out = append(out, byte(u>>shift))
		}
	}
	be, size := mod == "utf16be", 2
	if mod == "utf32le" {
		size = 4
	}
	if mod != "utf16le-nobom" {
		put(0xfeff, size, be)
	}
	for _, r := range s {
		if size == 4 {
			put(uint32(r), 4, false)
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			put(uint32(u), 2, be)
		}
	}
	return out
}

// Seeds returns the contents of the corpus files whose path matches pattern
// (as path.Match), at most max bytes each, for fuzz tests to start from.
// Edits start from the file of the same name under shipped, the seeds root.
func Seeds(dir, shipped, pattern string, max int) ([][]byte, error) {
	cases, err := Cases(dir)
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for _, c := range cases {
		for _, f := range c.Files {
			if ok, _ := filepath.Match(pattern, f.Path); !ok || f.Mod == "delete" || f.Mod == "symlink" {
				continue
			}
			old, _ := os.ReadFile(filepath.Join(shipped, filepath.FromSlash(f.Path)))
			b, err := f.Content(old)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", c.Name, f.Path, err)
			}
			if len(b) <= max {
				out = append(out, b)
			}
		}
	}
	return out, nil
}

// CopyTree copies a file, or a folder with everything in it, to to: the
// shipped seeds a case's tree starts from.
func CopyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}
