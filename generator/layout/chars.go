package layout

import "unicode"

// class is a character's line-breaking and spacing class.
type class uint8

const (
	clsCJK      class = iota // ideographs and other full-width characters on the fixed pitch
	clsOpen                  // opening brackets and quotes: never at line end; left half blank
	clsClose                 // closing brackets, quotes and pause/stop marks: never at line start; right half blank
	clsNoStart               // other marks that never start a line (！？·～ …) and are not compressed
	clsDash                  // — (U+2014): pairs ——, never split, never at line start
	clsEllipsis              // … (U+2026): pairs ……, never split, never at line start
	clsLatin                 // letters, digits and other proportional characters
	clsSpace                 // breakable, dropped at line ends
	clsBreak                 // forced line break (\n)
)

func classOf(r rune) class {
	switch r {
	case '\n':
		return clsBreak
	case ' ', '\t':
		return clsSpace
	case '—', '―':
		return clsDash
	case '…':
		return clsEllipsis
	case '“', '‘', '（', '《', '「', '『', '〔', '【', '〖', '〘', '〈', '［', '｛':
		return clsOpen
	case '、', '，', '。', '．', '：', '；', '”', '’', '）', '》', '」', '』', '〕', '】', '〗', '〙', '〉', '］', '｝':
		return clsClose
	case '！', '？', '·', '・', '～', '％', '‰', '℃', '!', '?', ')', ']', '}', ',', '.', ';', ':', '%':
		if r < 0x80 {
			return clsLatin // ASCII marks stay with their Latin word
		}
		return clsNoStart
	}
	if isWide(r) {
		return clsCJK
	}
	return clsLatin
}

// isWide reports whether r is set on the fixed full-width pitch.
func isWide(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, // radicals … CJK unified ideographs (incl. punctuation, kana, enclosed)
		r >= 0xA960 && r <= 0xA97F,
		r >= 0xAC00 && r <= 0xD7FF, // Hangul
		r >= 0xF900 && r <= 0xFAFF, // compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF01 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x20000,
		r == '“', r == '”', r == '‘', r == '’', r == '—', r == '―', r == '…',
		r >= 0x2460 && r <= 0x24FF, // ①…
		r >= 0x3000 && r <= 0x303F:
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// noStart reports whether a line must not start with c.
func (c class) noStart() bool {
	return c == clsClose || c == clsNoStart || c == clsDash || c == clsEllipsis
}

// noEnd reports whether a line must not end with c.
func (c class) noEnd() bool { return c == clsOpen }
