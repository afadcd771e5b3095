package build

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"mofan/generator/diag"
	"mofan/generator/input"
	"mofan/generator/notice"
)

// leaveOutUntabled takes out of y.Templates each 公文 whose table
// [documents."名称"] year.toml lacks: without its 文号 and 成文日期 there is
// no document to write, official or draft, and the rest of the year is built
// as usual. Each is a warning at year.toml; y.Untabled keeps them for the
// example the command line prints (Year.TablesToAdd). A template of the
// three-year evaluation is left as it is outside the year that closes a
// cycle, where it makes nothing.
func leaveOutUntabled(y *Year, probs *diag.List) {
	kept := y.Templates[:0:0]
	cycle := CycleEnd(y.Plan.Notice.Issued.Year(), y.In.Year.Year)
	for _, t := range y.Templates {
		name, ok := strings.CutPrefix(t.Source, "documents.")
		if _, has := y.In.Year.Gongwen.Docs[name]; !ok || has || t.When == notice.WhenCycle && !cycle {
			kept = append(kept, t)
			continue
		}
		y.Untabled = append(y.Untabled, t)
		probs.Warn(diag.Pos{File: y.In.Year.File}, fmt.Sprintf("没有 [documents.\"%s\"]（%s的%s），暂不生成%s", name, t.Name, dated(t), t.Name),
			"在 year.toml 末尾加上这个表，可复制下面列出的示例，填上实际的"+dated(t))
	}
	y.Templates = kept
}

// dated says what a template's table gives: a 公示 has no 文号.
func dated(t *notice.Template) string {
	if t.Kind == "公示" {
		return "成文日期"
	}
	return "发文字号和成文日期"
}

// TablesToAdd returns the year.toml text of the tables that the 公文 left
// out for want of them need (see leaveOutUntabled), ready to paste at the end
// of year.toml, with values proposed from the rest of the file: the 文号's
// 机关代字 from [notice] (文 becoming 函 for a 函) with its 序号 left for
// the clerk to fill in — a 文号 without one is refused, so the example cannot
// be used as it stands — and the date of the forms (for a document sent with
// them), of the 公示 (for a 公示), or of the notice. "" when none is missing.
func (y *Year) TablesToAdd() string {
	var b strings.Builder
	yr := y.In.Year
	for _, t := range y.Untabled {
		name := strings.TrimPrefix(t.Source, "documents.")
		date := yr.Notice.Date
		switch {
		case slices.Contains(t.Attach, "自评表") || slices.Contains(t.Attach, "考评要点"):
			date = yr.Forms.IssueDate
		case t.Kind == "公示" && yr.Gongwen.Publicity.Has:
			date = yr.Gongwen.Publicity.From
		}
		fmt.Fprintf(&b, "\n[documents.%s]\n", input.Quote(name))
		if t.Kind != "公示" {
			number := fmt.Sprintf("%s〔%d〕号", issuerCode(yr.Notice.Number, t.Kind), date.Year())
			fmt.Fprintf(&b, "number = %s   # 发文字号：在“号”前填上序号\n", input.Quote(number))
		}
		fmt.Fprintf(&b, "date = %s   # 成文日期：改为实际日期\n", date.Format(time.DateOnly))
	}
	return strings.TrimPrefix(b.String(), "\n")
}

var reCode = regexp.MustCompile(`^(.*?)〔`)

// issuerCode returns the 机关代字 of a 文号 (焦直文 of 焦直文〔2021〕7号), as
// a 函 writes it (焦直函) when kind is 函.
func issuerCode(number, kind string) string {
	m := reCode.FindStringSubmatch(number)
	if m == nil {
		return ""
	}
	if kind == "函" {
		if code, ok := strings.CutSuffix(m[1], "文"); ok {
			return code + "函"
		}
	}
	return m[1]
}
