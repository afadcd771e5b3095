package diag

import (
	"strings"
	"unicode/utf8"
)

// EditDistance is the optimal string alignment distance between a and b,
// counted in runes: insertions, deletions, substitutions and swaps of
// neighbouring characters each cost one.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Nearest returns the candidate closest to s, ignoring case, for a "did you
// mean" hint; "" when none is within limit edits (limit < 0: half the length
// of s, plus one).
func Nearest(s string, candidates []string, limit int) string {
	n := utf8.RuneCountInString(s)
	if limit < 0 {
		limit = n/2 + 1
	}
	best, bestD := "", limit+1
	low := strings.ToLower(s)
	for _, c := range candidates {
		if d := n - utf8.RuneCountInString(c); d > limit || -d > limit {
			continue // too far apart in length to be close; and a long s would be slow
		}
		if d := EditDistance(low, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
