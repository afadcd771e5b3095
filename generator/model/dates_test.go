package model

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2020年10月15日", day(2020, 10, 15), true},
		{" 2021年1月20日 ", day(2021, 1, 20), true},
		{"２０２１年１月２０日", day(2021, 1, 20), true},
		{"二〇二〇年十月十五日", day(2020, 10, 15), true},
		{"二零二一年一月二十日", day(2021, 1, 20), true},
		{"二〇二一年十二月三十一日", day(2021, 12, 31), true},
		{"2021年2月29日", time.Time{}, false},
		{"2021年13月1日", time.Time{}, false},
		{"2021-01-20", time.Time{}, false},
		{"2021年1月20", time.Time{}, false},
		{"二〇二年一月一日", time.Time{}, false},
		{"2021年一十月1日", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, c := range cases {
		got, ok := ParseDate(c.in)
		if ok != c.ok || !got.Equal(c.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestNumerals(t *testing.T) {
	for n, want := range map[int]string{1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 99: "九十九"} {
		if got := Numeral(n); got != want {
			t.Errorf("Numeral(%d) = %q, want %q", n, got, want)
		}
		if back, ok := number(want); !ok || back != n {
			t.Errorf("number(%q) = %d, %v", want, back, ok)
		}
	}
	if got := YearNumerals(2020); got != "二〇二〇" {
		t.Errorf("YearNumerals = %q", got)
	}
	if got := FormatDate(time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)); got != "2021年1月20日" {
		t.Errorf("FormatDate = %q", got)
	}
}
