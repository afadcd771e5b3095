// Command mofan produces the yearly documents of the 创建模范机关 campaign:
// run "mofan --help" for the commands, or see README.md.
package main

import (
	"os"

	"mofan/generator/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
