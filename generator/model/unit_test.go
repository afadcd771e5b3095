package model

import "testing"

// TestVetoSuggestion: what clerks call the veto sources, and misspellings,
// suggest the source meant; text like none of them suggests nothing.
func TestVetoSuggestion(t *testing.T) {
	for _, c := range []struct{ source, want string }{
		{"纪委", "纪检监察"}, {"纪检", "纪检监察"}, {"监委", "纪检监察"}, {"市纪委监委", "纪检监察"},
		{"巡视", "巡视巡察"}, {"巡察", "巡视巡察"}, {"市委巡察办", "巡视巡察"}, {"审计局", "审计"}, {"其它", "其他"},
		{"组织部", ""},
	} {
		if got := VetoSuggestion(c.source); got != c.want {
			t.Errorf("veto source %q: suggests %q, want %q", c.source, got, c.want)
		}
	}
}
