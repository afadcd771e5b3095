package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is stamped by the release build:
//
//	go build -ldflags "-X mofan/generator/cli.version=$(git describe --tags --always --dirty)"
//
// An unstamped binary reports the commit Go recorded, if any.
var version = ""

// Version is mofan's version: the stamped one, else "dev" with the commit
// and a -dirty mark from Go's build information when it has them.
func Version() string {
	if version != "" {
		return version
	}
	v := "dev"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if rev != "" {
		v += "-" + rev[:min(len(rev), 12)] + dirty
	}
	return v
}

const versionHelp = `用法：mofan version

显示 mofan 的版本（git describe，“-dirty”表示生成时工作区有未提交的改动）、编译所用的 Go 版本和操作系统/架构。
`

func (e *env) version(args []string) int {
	if _, code, ok := e.flags("version", versionHelp, args, nil); !ok {
		return code
	}
	fmt.Fprintf(e.stdout, "mofan %s\n%s %s/%s\n", Version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return ExitOK
}
