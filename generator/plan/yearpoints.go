package plan

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// YearPointsFile is the optional file of a year's own scoring points,
// seeds/<year>/考评要点.md.
const YearPointsFile = "考评要点.md"

// ForYear returns the plan as it applies to the year in dir: p itself when
// dir has no 考评要点.md, otherwise a copy whose points (and their title) are
// the year's own. The file has the form of 附件2 in plan.md: one level-1
// heading with the title (e.g. “# 2023年市直机关创建模范机关考评要点”) and
// one table 类型 | 考评内容 | 考评要点 | 备注, read by the same code, so
// that the ids are the plan's (NR-<group>-<n>, CS-<n>, CX-<n>): a point
// keeps its id from year to year as long as it keeps its place. p is not
// changed. The error is a *diag.List holding every problem.
func ForYear(p *model.Plan, dir string) (*model.Plan, error) {
	path := filepath.Join(dir, YearPointsFile)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return p, nil
	}
	var l diag.List
	if err != nil {
		l.Add(diag.Pos{File: path}, "无法读取本年度考评要点文件", "")
		return nil, l.Err()
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		l.Add(diag.Pos{File: path}, "本年度考评要点不是普通文件", "应是一个 .md 文本文件")
		return nil, l.Err()
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil || len(src) > MaxSize {
		l.Add(diag.Pos{File: path}, "无法读取本年度考评要点文件（或文件过大）", "")
		return nil, l.Err()
	}
	title, points, err := ParseYearPoints(path, src, p)
	if err != nil {
		return nil, err
	}
	q := *p
	q.PointsTitle = title
	q.Points = points
	return &q, nil
}

// ParseYearPoints parses a year's 考评要点.md against the plan p (whose
// programme names the 考评内容 groups).
func ParseYearPoints(file string, src []byte, p *model.Plan) (title string, points []model.Point, err error) {
	var probs diag.List
	src = trimBOM(src)
	if !screen(file, src, &probs) {
		probs.Cap(file, maxProblems)
		return "", nil, probs.Err()
	}
	blocks := ParseBlocks(file, src)
	var head *MDBlock
	var rest []MDBlock
	for i, b := range blocks {
		switch {
		case b.Kind == MDHeading && b.Level == 1 && head == nil:
			head = &blocks[i]
		case head == nil:
			probs.Add(b.Pos, "考评要点文件应以一级标题开头", "如“# 2023年市直机关创建模范机关考评要点”")
		case b.Kind == MDHeading && b.Level == 1:
			probs.Add(b.Pos, "考评要点文件只能有一个一级标题", "")
		default:
			rest = append(rest, b)
		}
	}
	if head == nil {
		probs.Add(diag.Pos{File: file, Line: 1, Col: 1}, "缺少标题", "第一行写“# 年度考评要点标题”，其后是考评要点表")
		return "", nil, probs.Err()
	}
	q := &model.Plan{Program: p.Program}
	parsePoints(q, *head, rest, &probs)
	probs.Cap(file, maxProblems)
	if err := probs.Err(); err != nil {
		return "", nil, err
	}
	return head.Text, q.Points, nil
}
