package readers

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// One LibreOffice start costs seconds of CPU (most of a LibreOffice test's
// time), so the conversions of a test binary go through one LibreOffice
// that stays up: pyOffice starts soffice headless with a profile of its own
// and converts the files each request names, through LibreOffice's API, the
// way `soffice --convert-to` does. Without LibreOffice's Python bridge
// (python3-uno), every conversion starts soffice.

// office is the test binary's LibreOffice, started by the first conversion.
// Its requests are served one at a time.
var office struct {
	mu      sync.Mutex
	started bool
	err     error // why the server cannot run (it is not started again)
	in      io.WriteCloser
	out     *bufio.Reader
}

// hasUNO reports whether LibreOffice's Python bridge is installed.
var hasUNO = sync.OnceValue(func() bool {
	return exec.Command(python, "-c", "import uno").Run() == nil
})

// Convert converts files with LibreOffice into outDir, as
// `soffice --headless --convert-to format --outdir outDir files...` does:
// format is the target extension, optionally followed by ":" and the
// filter name, and ":" and the filter's options. The caller checks first
// that LibreOffice is here (Need).
func Convert(format, outDir string, files ...string) error {
	abs := make([]string, len(files))
	for i, f := range files {
		a, err := filepath.Abs(f)
		if err != nil {
			return err
		}
		abs[i] = a
	}
	outDir, err := filepath.Abs(outDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	if !hasUNO() {
		// A profile of its own: instances sharing one block each other.
		profile, err := os.MkdirTemp("", "mofan-lo-profile-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(profile)
		args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.ToSlash(profile),
			"--convert-to", format, "--outdir", outDir}
		if _, err := run("soffice", append(args, abs...)...); err != nil {
			return fmt.Errorf("soffice --convert-to %s: %v", format, err)
		}
		return nil
	}
	if err := officeConvert(format, outDir, abs); err != nil {
		return fmt.Errorf("LibreOffice --convert-to %s: %v", format, err)
	}
	return nil
}

// officeConvert sends one request to the test binary's LibreOffice,
// starting it first if need be.
func officeConvert(format, outDir string, files []string) error {
	office.mu.Lock()
	defer office.mu.Unlock()
	if !office.started {
		office.started = true
		office.err = startOffice()
	}
	if office.err != nil {
		return office.err
	}
	req, err := json.Marshal(map[string]any{"format": format, "outdir": outDir, "files": files})
	if err != nil {
		return err
	}
	// A conversion that hangs: closing the server's input stops LibreOffice.
	var timedOut atomic.Bool
	timer := time.AfterFunc(timeout, func() {
		timedOut.Store(true)
		office.in.Close()
	})
	defer timer.Stop()
	if _, err := office.in.Write(append(req, '\n')); err != nil {
		office.err = fmt.Errorf("LibreOffice server gone: %v", err)
		return office.err
	}
	line, err := office.out.ReadBytes('\n')
	if timedOut.Load() {
		err = fmt.Errorf("no answer in %v", timeout)
	}
	if err != nil {
		office.err = fmt.Errorf("LibreOffice server gone: %v", err)
		return office.err
	}
	var reply struct {
		Error string `json:"error"`
	}
	if err := json.Unmarshal(line, &reply); err != nil {
		return fmt.Errorf("LibreOffice server: %v: %q", err, line)
	}
	if reply.Error != "" {
		return errors.New(reply.Error)
	}
	return nil
}

// startOffice starts pyOffice, which stops LibreOffice and removes its
// profile when its standard input closes: when the test binary exits,
// however it exits.
func startOffice() error {
	profile, err := os.MkdirTemp("", "mofan-lo-profile-")
	if err != nil {
		return err
	}
	cmd := exec.Command(python, "-c", pyOffice, profile)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	office.in, office.out = in, bufio.NewReader(out)
	line, err := office.out.ReadBytes('\n')
	if err != nil || string(line) != "ready\n" {
		return fmt.Errorf("LibreOffice server did not start: %v %q", err, line)
	}
	return nil
}
