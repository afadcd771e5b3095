package cli

import "flag"

func (e *env) build(args []string) int {
	o, code, ok := e.flags("build", buildHelp, args, func(fs *flag.FlagSet, o *options) {
		fs.StringVar(&o.out, "out", "output", "")
	})
	if !ok {
		return code
	}
	l, err := load(o)
	if err != nil {
		return e.report(err, nil)
	}
	e.report(nil, l.in.Warnings)
	return ExitOK
}
