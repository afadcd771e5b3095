package collect

import (
	"fmt"
	"io"
	"mofan/generator/model"
	"strings"
	"time"
)

// local formats a time for the report, in the computer's time zone.
func local(t time.Time) string { return t.In(time.Local).Format("2006-01-02 15:04") }

// Write prints the report in Chinese: one entry per file, the counts, and
// the units that have not returned a form yet.
func (rep *Report) Write(w io.Writer) {
	fmt.Fprintf(w, "%d 年度报回自评表收录情况：\n", rep.Year)
	for _, r := range rep.Results {
		unit := ""
		if r.Unit != nil {
			unit = model.FileName(r.Unit.No, r.Unit.Name)
		}
		head := fmt.Sprintf("[%s] %s", r.Outcome.Label(), r.Path)
		if unit != "" {
			head += " → " + unit
		}
		switch {
		case r.Reviewed != nil && r.Outcome != Refused:
			fmt.Fprintf(w, "%s → 审核评分表：%d 项审核得分；写入 %d 个单位的审核记录，%d 个单位无变化\n", head, r.Scored, r.Written, r.Unchanged)
			for _, n := range r.Notes {
				fmt.Fprintf(w, "    注：%s\n", n)
			}
			continue
		}
		switch r.Outcome {
		case Added:
			fmt.Fprintf(w, "%s：合计 %s 分，已填 %d 项自评得分\n", head, r.Total, r.Scored)
		case Unchanged:
			fmt.Fprintf(w, "%s：已收录，无变化\n", head)
		case Replaced:
			fmt.Fprintf(w, "%s：比已收录的 %s（%s 保存）新，已替换；合计 %s 分，已填 %d 项自评得分\n",
				head, r.Previous.File, local(r.Previous.Modified), r.Total, r.Scored)
		case Older:
			fmt.Fprintf(w, "%s：比已收录的 %s（%s 保存）旧，未采用，保留已收录的\n", head, r.Previous.File, local(r.Previous.Modified))
		case Skipped:
			fmt.Fprintf(w, "%s：%s\n", head, strings.Join(r.Notes, "；"))
			continue
		case Refused:
			if len(r.Problems) == 1 {
				fmt.Fprintf(w, "%s：%s\n", head, r.Problems[0])
			} else {
				fmt.Fprintf(w, "%s：%d 处问题\n", head, len(r.Problems))
				for _, p := range r.Problems {
					fmt.Fprintf(w, "    %s\n", p)
				}
			}
		}
		for _, n := range r.Notes {
			fmt.Fprintf(w, "    注：%s\n", n)
		}
	}
	fmt.Fprintf(w, "共 %d 份：收录 %d，替换 %d，无变化 %d，未采用 %d，拒收 %d。\n",
		len(rep.Results)-rep.Count(Skipped), rep.Count(Added), rep.Count(Replaced), rep.Count(Unchanged), rep.Count(Older), rep.Count(Refused))
	if len(rep.Missing) == 0 {
		fmt.Fprintln(w, "全部单位都已报回自评表。")
		return
	}
	fmt.Fprintf(w, "尚未报回自评表的单位（%d 个）：\n", len(rep.Missing))
	for i := 0; i < len(rep.Missing); i += 6 {
		var names []string
		for _, u := range rep.Missing[i:min(i+6, len(rep.Missing))] {
			names = append(names, model.FileName(u.No, u.Name))
		}
		fmt.Fprintf(w, "    %s\n", strings.Join(names, "、"))
	}
}
