package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"

	"mofan/generator/diag"
)

// flagError is a flag parsing error in Chinese, with a 是不是 hint when an
// unknown option is close to one the command has ("--sedes" → --seeds).
func flagError(err error, fs *flag.FlagSet) string {
	msg := translateFlagError(err)
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: ")
	if !ok {
		return msg
	}
	name = strings.TrimLeft(name, "-")
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if near := diag.Nearest(name, names, -1); near != "" {
		msg += "（是不是 --" + near + "？）"
	}
	return msg
}

// seedsBesideExe points o.seeds at the seeds/ folder beside the executable
// when --seeds was not given and there is no seeds/ in the current folder,
// as when a clerk runs the unpacked package from elsewhere.
func seedsBesideExe(fs *flag.FlagSet, o *options) {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "seeds" })
	if !given {
		o.seeds = findBesideExe(o.seeds)
	}
}

// findBesideExe returns path if it exists, else the same relative path
// beside the executable (where a release unpacks seeds/, fonts/ and
// templates/), or beside the folder bin/ that holds it (where make build puts
// it in a checkout), if that exists; else path.
func findBesideExe(path string) string {
	exe, err := os.Executable()
	if err != nil {
		return path
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	return findBeside(path, exe)
}

// findBeside is findBesideExe for the executable exe.
func findBeside(path, exe string) string {
	if _, err := os.Stat(path); err == nil || filepath.IsAbs(path) {
		return path
	}
	dirs := []string{filepath.Dir(exe)}
	if filepath.Base(dirs[0]) == "bin" {
		dirs = append(dirs, filepath.Dir(dirs[0]))
	}
	for _, d := range dirs {
		alt := filepath.Join(d, path)
		if _, err := os.Stat(alt); err == nil {
			return alt
		}
	}
	return path
}
