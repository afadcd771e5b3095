package golden

import "testing"

func TestFirstDifference(t *testing.T) {
	cases := []struct {
		got, want string
		line      int
		differ    bool
	}{
		{"a\nb", "a\nb", 0, false},
		{"a\nb", "a\nc", 2, true},
		{"a\nb\nc", "a\nb", 3, true},
		{"a", "a\n", 2, true},
		{"", "x", 1, true},
	}
	for _, c := range cases {
		line, _, _, differ := firstDifference(c.got, c.want)
		if line != c.line || differ != c.differ {
			t.Errorf("firstDifference(%q, %q) = %d, %v; want %d, %v", c.got, c.want, line, differ, c.line, c.differ)
		}
	}
}
