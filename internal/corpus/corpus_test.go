package corpus

import "testing"

func TestParse(t *testing.T) {
	files, err := Parse("about\n-- a/b{U+202E}.toml --\nx{0xFF}{REPEAT 3}ab{END}{U+4E2D}\n-- c [delete] --\n-- d [symlink /dev/zero] --\n-- e [edit] --\nreplace: 1\nwith: 2{U+000A}\ntruncate-at: 9\n-- f [crlf] --\na\nb\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 5 || files[0].Path != "a/b\u202e.toml" || files[1].Mod != "delete" || files[2].Arg != "/dev/zero" {
		t.Fatalf("%+v", files)
	}
	if got, _ := files[0].Content(nil); string(got) != "x\xffababab中\n" {
		t.Errorf("content: %q", got)
	}
	if got, err := files[3].Content([]byte("0123456789")); err != nil || string(got) != "02\n2345678" {
		t.Errorf("edit: %q %v", got, err)
	}
	if got, _ := files[4].Content(nil); string(got) != "a\r\nb\r\n" {
		t.Errorf("crlf: %q", got)
	}
	for _, bad := range []string{"no header", "-- a [zip] --\n"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if _, err := Edit([]byte("abc"), "replace: x\nwith: y\n"); err == nil {
		t.Error("replacing what is not there: no error")
	}
}

func TestCorpusReads(t *testing.T) {
	cases, err := Cases(Dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 40 {
		t.Errorf("%d cases", len(cases))
	}
}

func TestEncodings(t *testing.T) {
	for _, c := range []struct {
		mod  string
		want string
	}{
		{"utf16le", "\xff\xfea\x00\x2d\x4e\n\x00"},
		{"utf16be", "\xfe\xff\x00a\x4e\x2d\x00\n"},
		{"utf16le-nobom", "a\x00\x2d\x4e\n\x00"},
		{"utf32le", "\xff\xfe\x00\x00a\x00\x00\x00\x2d\x4e\x00\x00\n\x00\x00\x00"},
	} {
		files, err := Parse("-- f [" + c.mod + "] --\na中\n")
		if err != nil {
			t.Fatal(err)
		}
		if got, err := files[0].Content(nil); err != nil || string(got) != c.want {
			t.Errorf("%s: %q %v, want %q", c.mod, got, err, c.want)
		}
	}
	files, _ := Parse("-- f [utf16le] --\n𠮷\n")
	if got, _ := files[0].Content(nil); string(got) != "\xff\xfe\x42\xd8\xb7\xdf\n\x00" {
		t.Errorf("surrogate pair: %q", got)
	}
}
