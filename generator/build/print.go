package build

import (
	"fmt"

	"mofan/generator/compose"
	"mofan/generator/layout"
	"mofan/generator/notice"
	"mofan/generator/pdf"
	"mofan/generator/score"
)

// printJob makes 打印.pdf: everything the office prints in a year, in one
// file and in order — the commendation notice with its attachment (when a
// unit is commended and the notice is not withheld; marked 草稿 as its own
// file is), the summary, the unit list — each document starting
// on an odd page, with a bookmark for each and for each of its attachments.
// The documents are laid out again and drawn into one PDF, not merged from
// their files.
func (e *Engine) printJob(y *Year, r *score.Result) job {
	return job{path: "打印.pdf", kind: "分发", make: func() ([]byte, error) {
		p, yr := y.Plan, y.In.Year
		var docs []*layout.Document
		// The notice and the summary as their own files are: the notice
		// withheld from incomplete data, or, as the summary, a draft.
		ok, draft := y.official()
		if len(r.Commended) > 0 && ok {
			d, err := notice.Compose(y.Template, p, yr, r)
			if err != nil {
				return nil, err
			}
			markDraft(d, draft)
			docs = append(docs, d)
		}
		sum := notice.ComposeSummary(p, yr, r)
		markDraft(sum, draft)
		docs = append(docs, sum, compose.UnitList(p, yr))
		parts := make([]pdf.Part, len(docs))
		for i, d := range docs {
			pages, err := e.layouts.Layout(d)
			if err != nil {
				return nil, err
			}
			parts[i] = pdf.Part{Doc: d, Pages: pages}
		}
		info := layout.Info{
			Title:   fmt.Sprintf("%d年度打印文件", yr.Year),
			Author:  yr.Notice.Issuer,
			Subject: "表彰通知、考评汇总、单位名单",
			Created: yr.Notice.Date,
		}
		return e.renderer.RenderBook(info, parts)
	}}
}
