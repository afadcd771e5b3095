package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStatus: mofan status on the shipped 2020 data and on the same data
// with two units' files emptied as mofan init writes them: they are 未报送,
// listed for 催报 with their phones, and the exit status is 0 either way.
func TestStatus(t *testing.T) {
	seeds := copySeeds(t)
	code, stdout, _ := run("status", "--seeds", seeds, "--year", "2020")
	if code != ExitOK || !strings.Contains(stdout, "未报送 0 个，已报回 4 个，已审核 65 个，一票否决 1 个") || !strings.Contains(stdout, "各单位均已报回") {
		t.Fatalf("status: %d\n%s", code, stdout)
	}
	for _, f := range []string{"07-市委宣传部.toml", "12-市委网信办.toml"} {
		path := filepath.Join(seeds, "2020", "units", f)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// Keep the identity, drop everything from the first table on.
		s := string(b)
		s = s[:strings.Index(s, "\n[")]
		writeText(t, path, s+"\n")
	}
	code, stdout, _ = run("status", "--seeds", seeds, "--year", "2020")
	if code != ExitOK || !strings.Contains(stdout, "未报送 2 个") {
		t.Fatalf("status: %d\n%s", code, stdout)
	}
	chase := stdout[strings.Index(stdout, "催报名单（尚未报回自评表 2 个"):]
	lines := strings.Split(strings.TrimSpace(chase), "\n")
	if len(lines) != 4 || !strings.Contains(lines[2], "市委宣传部") || !strings.Contains(lines[2], "0391-") || !strings.Contains(lines[3], "市委网信办") {
		t.Errorf("催报 list:\n%s", chase)
	}
	if code, stdout, _ := run("status", "--help"); code != ExitOK || !strings.Contains(stdout, "用法：mofan status") {
		t.Errorf("status --help: %d %s", code, stdout)
	}
}
