package model

import (
	"fmt"
	"strings"
	"time"
)

// FormatDate writes t the way 公文 do (GB/T 9704-2012 7.3.5): Arabic
// numerals without leading zeros, 2021年1月20日; "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// ParseDate reads a date as staff write it in a document: 2020年10月15日,
// with full-width digits, or in Chinese numerals (二〇二〇年十月十五日).
// ok is false for anything else, and for days that do not exist.
func ParseDate(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	ys, rest, ok1 := strings.Cut(s, "年")
	ms, rest, ok2 := strings.Cut(rest, "月")
	ds, rest, ok3 := strings.Cut(rest, "日")
	if !ok1 || !ok2 || !ok3 || rest != "" {
		return time.Time{}, false
	}
	y, oky := digits(ys)
	if !oky {
		y, oky = yearNumerals(ys)
	}
	m, okm := number(ms)
	d, okd := number(ds)
	if !oky || !okm || !okd || y < 1900 || y > 2999 {
		return time.Time{}, false
	}
	t = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Month() != time.Month(m) || t.Day() != d {
		return time.Time{}, false // 2月30日
	}
	return t, true
}

// digits reads a number in ASCII or full-width digits.
func digits(s string) (int, bool) {
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '０' && r <= '９':
			n = n*10 + int(r-'０')
		default:
			return 0, false
		}
		if n > 1e6 {
			return 0, false
		}
	}
	return n, s != ""
}

const numerals = "〇一二三四五六七八九"

// yearNumerals reads a year written digit by digit: 二〇二〇 (零 and ○ accepted for 〇).
func yearNumerals(s string) (int, bool) {
	n, k := 0, 0
	for _, r := range s {
		switch r {
		case '零', '○', 'Ｏ', 'O', '0':
			r = '〇'
		}
		i := strings.IndexRune(numerals, r)
		if i < 0 {
			return 0, false
		}
		n = n*10 + len([]rune(numerals[:i]))
		k++
	}
	return n, k == 4
}

// number reads 1–99 in digits or in Chinese numerals (十, 十五, 二十, 三十一).
func number(s string) (int, bool) {
	if n, ok := digits(s); ok {
		return n, n > 0 && n < 100
	}
	rs := []rune(s)
	val := func(r rune) int {
		if r == '〇' {
			return -1
		}
		i := strings.IndexRune(numerals, r)
		if i < 0 {
			return -1
		}
		return len([]rune(numerals[:i]))
	}
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10, true
	case len(rs) == 1:
		v := val(rs[0])
		return v, v > 0
	case len(rs) == 2 && rs[0] == '十':
		v := val(rs[1])
		return 10 + v, v > 0
	case len(rs) == 2 && rs[1] == '十':
		v := val(rs[0])
		return 10 * v, v > 1
	case len(rs) == 3 && rs[1] == '十':
		a, b := val(rs[0]), val(rs[2])
		return 10*a + b, a > 1 && b > 0
	}
	return 0, false
}

// Numeral writes 1–99 in Chinese numerals, as headings number their parts:
// 一, 十, 十五, 二十一.
func Numeral(n int) string {
	d := []rune(numerals)
	switch {
	case n <= 0 || n >= 100:
		return fmt.Sprint(n)
	case n < 10:
		return string(d[n])
	case n == 10:
		return "十"
	case n < 20:
		return "十" + string(d[n-10])
	case n%10 == 0:
		return string(d[n/10]) + "十"
	}
	return string(d[n/10]) + "十" + string(d[n%10])
}

// YearNumerals writes a year digit by digit in Chinese numerals: 二〇二〇.
func YearNumerals(y int) string {
	d := []rune(numerals)
	var b strings.Builder
	for _, c := range fmt.Sprint(y) {
		b.WriteRune(d[c-'0'])
	}
	return b.String()
}
