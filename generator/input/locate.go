package input

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"mofan/generator/diag"
)

// locateKeys maps every dotted key path of a TOML text to the position of its
// key. BurntSushi/toml keeps no positions, so this scans the lines itself. It
// understands the subset of TOML that mofan's files use: [table] and
// [[array]] headers (arrays get an index: adjust.0.reason), key = value lines,
// quoted and dotted keys; multi-line strings and arrays are skipped.
func locateKeys(path, text string) map[string]diag.Pos {
	where := map[string]diag.Pos{}
	arrays := map[string]int{}
	table := ""
	var inString string // the delimiter of an open multi-line string
	depth := 0          // open [ of a multi-line array
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		if inString != "" {
			if strings.Contains(line, inString) {
				inString = ""
			}
			continue
		}
		if depth > 0 {
			depth += strings.Count(line, "[") - strings.Count(line, "]")
			continue
		}
		trim := strings.TrimLeft(line, " \t")
		indent := utf8.RuneCountInString(line) - utf8.RuneCountInString(trim)
		switch {
		case trim == "" || trim[0] == '#':
			continue
		case strings.HasPrefix(trim, "[["):
			name := joinKey(splitKey(strings.TrimSuffix(strings.TrimSpace(stripComment(trim[2:])), "]]")))
			idx := arrays[name]
			arrays[name] = idx + 1
			table = fmt.Sprintf("%s.%d", name, idx)
			where[table] = diag.Pos{File: path, Line: n, Col: indent + 1}
			if _, ok := where[name]; !ok {
				where[name] = where[table]
			}
			continue
		case trim[0] == '[':
			table = joinKey(splitKey(strings.TrimSuffix(strings.TrimSpace(stripComment(trim[1:])), "]")))
			where[table] = diag.Pos{File: path, Line: n, Col: indent + 1}
			continue
		}
		eq := keyEnd(trim)
		if eq < 0 {
			continue
		}
		key := joinKey(splitKey(trim[:eq]))
		if table != "" {
			key = table + "." + key
		}
		where[key] = diag.Pos{File: path, Line: n, Col: indent + 1}
		val := strings.TrimSpace(trim[eq+1:])
		for _, q := range []string{`"""`, `'''`} {
			if strings.HasPrefix(val, q) && !strings.Contains(val[3:], q) {
				inString = q
			}
		}
		if strings.HasPrefix(val, "[") {
			depth = strings.Count(stripComment(val), "[") - strings.Count(stripComment(val), "]")
		}
	}
	return where
}

// keyEnd returns the index of the '=' that ends the key part of a line, skipping quotes.
func keyEnd(s string) int {
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '=':
			return i
		}
	}
	return -1
}

// splitKey splits a possibly dotted, possibly quoted key into its parts.
func splitKey(s string) []string {
	var parts []string
	var cur strings.Builder
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '"' || c == '\'':
			q = c
		case c == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}

func joinKey(parts []string) string { return strings.Join(parts, ".") }

func stripComment(s string) string {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		return s[:i]
	}
	return s
}
