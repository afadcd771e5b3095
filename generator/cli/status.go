package cli

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"mofan/generator/model"
	"mofan/generator/score"
)

const statusHelp = `用法：mofan status [--seeds DIR] [--year Y]

列出每个单位在本年度考评中的状态：未报送、已报回（已有自评）、已审核（每个考评要点都有审核分）、
一票否决，以及自评总分、审核总分、联系人和联系电话；然后是尚未报回自评表、需要催报的单位和电话。
mofan build 同时写出 output/<年度>/报送情况.xlsx。无论各单位处于什么状态，退出状态都为 0
（输入文件有问题时为 1）。
`

func (e *env) status(args []string) int {
	o, code, ok := e.flags("status", statusHelp, args, nil)
	if !ok {
		return code
	}
	l, err := load(o)
	if err != nil {
		return e.report(err, nil)
	}
	e.report(nil, l.in.Warnings)
	r := score.Compute(l.plan, l.in)
	w := e.stdout
	fmt.Fprintf(w, "%d 年度报送情况（%d 个单位）\n", r.Year, len(r.Units))
	head := []string{"序号", "单位", "状态", "自评总分", "审核总分", "联系人", "联系电话"}
	rows := [][]string{head}
	counts := map[model.Status]int{}
	var chase []*score.UnitResult
	for i := range r.Units {
		u := &r.Units[i]
		counts[u.Status]++
		if u.Status == model.NotReturned {
			chase = append(chase, u)
		}
		self, review := "—", "—"
		if u.Unit.HasSelf() {
			self = u.SelfTotal.String()
		}
		switch {
		case u.Reviewed == len(u.Points) && u.Reviewed > 0:
			review = u.ReviewTotal.String()
		case u.Reviewed > 0:
			review = fmt.Sprintf("%s（%d/%d项）", u.ReviewTotal, u.Reviewed, len(u.Points))
		}
		rows = append(rows, []string{fmt.Sprintf("%02d", u.Unit.No), u.Unit.Name, string(u.Status), self, review, orDash(u.Unit.Contact), orDash(u.Unit.Phone)})
	}
	printTable(w, rows)
	var parts []string
	for _, s := range model.Statuses {
		parts = append(parts, fmt.Sprintf("%s %d 个", s, counts[s]))
	}
	fmt.Fprintf(w, "\n合计：%s。\n", strings.Join(parts, "，"))
	if len(chase) == 0 {
		fmt.Fprintln(w, "各单位均已报回自评表。")
		return ExitOK
	}
	fmt.Fprintf(w, "\n催报名单（尚未报回自评表 %d 个，截止日期 %s）：\n", len(chase), compDate(l.in.Year.Forms.Deadline))
	rows = [][]string{{"序号", "单位", "联系人", "联系电话"}}
	for _, u := range chase {
		rows = append(rows, []string{fmt.Sprintf("%02d", u.Unit.No), u.Unit.Name, orDash(u.Unit.Contact), orDash(u.Unit.Phone)})
	}
	printTable(w, rows)
	return ExitOK
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "（未登记）"
	}
	return s
}

// printTable prints rows as aligned columns, counting a wide (CJK)
// character as two columns, as a terminal shows it.
func printTable(w interface{ Write([]byte) (int, error) }, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && utf8.RuneLen(r) >= 3 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// compDate writes a date as 2023年12月15日; "" for none.
func compDate(t time.Time) string {
	if t.IsZero() {
		return "（未定）"
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}
