// Package plan reads the implementation plan (seeds/plan.md) into a typed
// value: the covering notice, the programme with its principles, standards,
// content sections and measures, the unit list of 附件1 and the scoring points
// of 附件2. Every problem of a malformed plan is reported with its position.
//
// The Markdown conventions of plan.md:
//
//	# 通知                      a list of "键：值" header fields, then the notice's paragraphs
//	# <方案标题>                 the programme; "## 一、…" level-1 and "### （一）…" level-2 headings
//	附件：  + ordered list       the programme's attachment note
//	# 附件1 <标题>               the unit list: an optional "（共N家）" paragraph and an ordered list
//	# 附件2 <标题>               the scoring points: a table 类型 | 考评内容 | 考评要点 | 备注
package plan

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// idPrefix gives each category the prefix of its point ids.
var idPrefix = map[model.Category]string{model.Content: "NR", model.Measures: "CS", model.Results: "CX"}

// MaxSize bounds the plan file; the 2020 plan is under 30 KB, and a plan
// listing thousands of units stays far below this.
const MaxSize = 1 << 20

// Load reads and parses a plan file.
func Load(path string) (*model.Plan, error) {
	var l diag.List
	f, err := os.Open(path)
	if err != nil {
		l.Add(diag.Pos{File: path}, "无法读取实施方案文件", "检查 --seeds 目录下是否有 plan.md")
		return nil, l.Err()
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		// A folder, or a device such as /dev/zero that would never end.
		l.Add(diag.Pos{File: path}, "实施方案不是普通文件", "实施方案应是一个 .md 文本文件，如 seeds/plan.md")
		return nil, l.Err()
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	switch {
	case err != nil:
		l.Add(diag.Pos{File: path}, "无法读取实施方案文件", "")
		return nil, l.Err()
	case len(src) > MaxSize:
		l.Add(diag.Pos{File: path}, fmt.Sprintf("文件过大（超过 %d 字节）", MaxSize), "检查是否选错了文件")
		return nil, l.Err()
	}
	return Parse(path, src)
}

var (
	reHeading1   = regexp.MustCompile(`^([一二三四五六七八九十]+)、`)
	reHeading2   = regexp.MustCompile(`^（([一二三四五六七八九十]+)）`)
	reNumbered   = regexp.MustCompile(`^(\d+)\.`)
	reAttachment = regexp.MustCompile(`^附件(\d+)\s*(.*)$`)
	reStandard   = regexp.MustCompile(`^“([^”]+)”的标准：`)
)

// chineseNumbers maps 一..十 to 1..10.
var chineseNumbers = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

// Parse parses plan source. The error, if any, is a *diag.List holding every problem.
func Parse(file string, src []byte) (*model.Plan, error) {
	var probs diag.List
	src = trimBOM(src)
	if !screen(file, src, &probs) {
		probs.Cap(file, maxProblems)
		return nil, probs.Err()
	}
	blocks := ParseBlocks(file, src)
	p := &model.Plan{Source: file}
	parts := splitParts(blocks, &probs)
	var seenNotice, seenProgram bool
	attachments := map[int]mdPart{}
	var attachOrder []int
	for _, pt := range parts {
		h := pt.head
		switch {
		case h.Text == "通知":
			if seenNotice {
				probs.Add(h.Pos, "重复的“# 通知”部分", "实施方案只能有一个通知")
				continue
			}
			seenNotice = true
			parseNotice(&p.Notice, h, pt.blocks, &probs)
		case reAttachment.MatchString(h.Text):
			m := reAttachment.FindStringSubmatch(h.Text)
			n, _ := strconv.Atoi(m[1])
			if _, dup := attachments[n]; dup {
				probs.Addf(h.Pos, "附件%d 重复出现", n)
				continue
			}
			attachments[n] = pt
			attachOrder = append(attachOrder, n)
		default:
			if seenProgram {
				probs.Add(h.Pos, fmt.Sprintf("无法识别的一级标题“%s”", diag.Show(h.Text)), "一级标题只能是“通知”、方案标题或“附件N 标题”")
				continue
			}
			seenProgram = true
			p.Program.Title = h.Text
			p.Attachments = parseProgram(file, &p.Program, pt.blocks, &probs)
		}
	}
	end := diag.Pos{File: file, Line: bytesLines(src)}
	if !seenNotice {
		probs.Add(diag.Pos{File: file, Line: 1, Col: 1}, "缺少“# 通知”部分", "在文件开头写出通知的版头信息和正文")
	}
	if !seenProgram {
		probs.Add(end, "缺少实施方案正文（方案标题作一级标题）", "")
	}
	checkAttachments(p.Attachments, attachments, attachOrder, &probs)
	if pt, ok := attachments[1]; ok {
		p.UnitsTitle = reAttachment.FindStringSubmatch(pt.head.Text)[2]
		parseUnits(p, pt.head, pt.blocks, src, &probs)
	} else {
		probs.Add(end, "缺少附件1（单位名单）", "用“# 附件1 市直机关创建模范机关单位名单”开始单位名单")
	}
	if pt, ok := attachments[2]; ok {
		p.PointsTitle = reAttachment.FindStringSubmatch(pt.head.Text)[2]
		parsePoints(p, pt.head, pt.blocks, &probs)
	} else {
		probs.Add(end, "缺少附件2（考评要点）", "用“# 附件2 …考评要点”开始考评要点表")
	}
	probs.Cap(file, maxProblems)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// mdPart is a part of the plan source: a level-1 heading and the blocks up
// to the next one.
type mdPart struct {
	head   MDBlock
	blocks []MDBlock
}

// splitParts splits the document at its level-1 headings; blocks before the
// first one are refused.
func splitParts(blocks []MDBlock, probs *diag.List) []mdPart {
	var parts []mdPart
	for _, b := range blocks {
		if b.Kind == MDHeading && b.Level == 1 {
			parts = append(parts, mdPart{head: b})
			continue
		}
		if len(parts) == 0 {
			probs.Add(b.Pos, "一级标题（# 通知）之前不应有内容", "实施方案应以“# 通知”开头")
			continue
		}
		parts[len(parts)-1].blocks = append(parts[len(parts)-1].blocks, b)
	}
	return parts
}

// checkAttachments checks that the attachments named in 附件说明 (listed)
// are all present with the same titles, and that every attachment present
// (found, numbered in the order of attachOrder) is listed.
func checkAttachments(listed []model.Attachment, found map[int]mdPart, attachOrder []int, probs *diag.List) {
	for _, a := range listed {
		pt, ok := found[a.No]
		if !ok {
			probs.Add(a.Pos, fmt.Sprintf("附件说明列出了附件%d“%s”，但文件中没有“# 附件%d”", a.No, diag.Show(a.Title), a.No), "补上该附件，或从附件说明中删去")
			continue
		}
		if got := reAttachment.FindStringSubmatch(pt.head.Text)[2]; got != a.Title {
			probs.Add(pt.head.Pos, fmt.Sprintf("附件%d 的标题“%s”与附件说明中的“%s”不一致", a.No, diag.Show(got), diag.Show(a.Title)), "两处标题应逐字相同")
		}
	}
	for _, n := range attachOrder {
		if n > len(listed) {
			probs.Add(found[n].head.Pos, fmt.Sprintf("附件%d 没有列在方案的附件说明中", n), "在“附件：”列表中补上，或删去该附件")
		}
	}
}

// maxProblems is how many problems of a plan are reported one by one.
const maxProblems = 100

func trimBOM(src []byte) []byte {
	return []byte(strings.TrimPrefix(string(src), "\ufeff"))
}

func bytesLines(src []byte) int { return strings.Count(string(src), "\n") + 1 }

// noticeFields maps the header keys of "# 通知" to the fields they fill.
var noticeFields = []struct {
	key  string
	dest func(*model.Notice) *string
}{
	{"发文机关标志", func(n *model.Notice) *string { return &n.Issuer }},
	{"发文字号", func(n *model.Notice) *string { return &n.Number }},
	{"标题", func(n *model.Notice) *string { return &n.Title }},
	{"主送机关", func(n *model.Notice) *string { return &n.Addressee }},
	{"署名", func(n *model.Notice) *string { return &n.Signature }},
	{"成文日期", func(n *model.Notice) *string { return &n.Date }},
}

func parseNotice(n *model.Notice, head MDBlock, blocks []MDBlock, probs *diag.List) {
	seen := map[string]bool{}
	for _, b := range blocks {
		switch b.Kind {
		case MDList:
			for _, it := range b.Items {
				key, val, ok := strings.Cut(it.Text, "：")
				if !ok {
					probs.Add(it.Pos, fmt.Sprintf("通知的版头信息“%s”缺少全角冒号", diag.Show(it.Text)), "写成“键：值”，如“发文字号：焦直文〔2020〕140号”")
					continue
				}
				found := false
				for _, f := range noticeFields {
					if f.key == key {
						*f.dest(n) = strings.TrimSpace(val)
						seen[key] = true
						found = true
						if key == "成文日期" {
							issued(n, it, probs)
						}
					}
				}
				if !found {
					probs.Add(it.Pos, fmt.Sprintf("未知的版头信息“%s”", diag.Show(key)), "可用："+noticeKeys())
				}
			}
		case MDPara:
			n.Body = append(n.Body, model.Text{Text: b.Text, Pos: b.Pos})
		default:
			probs.Add(b.Pos, "通知中不应有表格、标题或 HTML", "")
		}
	}
	for _, f := range noticeFields {
		if !seen[f.key] || *f.dest(n) == "" {
			probs.Add(head.Pos, fmt.Sprintf("通知缺少“%s”", f.key), "在“# 通知”下的列表中写“"+f.key+"：…”")
		}
	}
	if len(n.Body) == 0 {
		probs.Add(head.Pos, "通知没有正文", "在版头信息列表之后写通知正文段落")
	}
}

// issued reads the 成文日期 into n.Issued, refusing what is not a date.
func issued(n *model.Notice, it MDItem, probs *diag.List) {
	t, ok := model.ParseDate(n.Date)
	if !ok {
		pos := it.Pos
		pos.Col += utf8.RuneCountInString(strings.SplitN(it.Text, "：", 2)[0]) + 1
		probs.Add(pos, fmt.Sprintf("成文日期“%s”不是有效的日期", diag.Show(n.Date)), "写成“2020年10月15日”，也可写“二〇二〇年十月十五日”")
		return
	}
	n.Issued = t
}

func noticeKeys() string {
	var ks []string
	for _, f := range noticeFields {
		ks = append(ks, f.key)
	}
	return strings.Join(ks, "、")
}

// splitRunIn splits "坚持政治统领。把…" into its run-in heading and the rest.
func splitRunIn(s string) (name, rest string) {
	if i := strings.Index(s, "。"); i > 0 && i < 120 {
		return s[:i], s[i+len("。"):]
	}
	return "", s
}

// parseProgram parses the body of the 实施方案 into pr: its blocks, and
// from its five “## 一、” parts the principles (part 2), the standards and
// goal (part 3), the sections and their items (part 4) and the measures
// (part 5). It returns the attachments listed after “附件：”.
func parseProgram(file string, pr *model.Program, blocks []MDBlock, probs *diag.List) []model.Attachment {
	var atts []model.Attachment
	part := 0 // current level-1 number
	var sec *model.Section
	partPos := map[int]diag.Pos{}
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch {
		case b.Kind == MDHeading && b.Level == 2:
			m := reHeading1.FindStringSubmatch(b.Text)
			if m == nil {
				probs.Add(b.Pos, fmt.Sprintf("二级标题“%s”应以“一、”这样的序号开头", diag.Show(b.Text)), "")
				continue
			}
			n := chineseNumbers[m[1]]
			if n != part+1 {
				probs.Add(b.Pos, fmt.Sprintf("标题序号“%s、”不连续，应为第%d部分", m[1], part+1), "检查是否漏掉或重复了某一部分")
			}
			part = n
			partPos[n] = b.Pos
			sec = nil
			pr.Blocks = append(pr.Blocks, model.Block{Level: 1, Text: b.Text, Pos: b.Pos})
		case b.Kind == MDHeading && b.Level == 3:
			m := reHeading2.FindStringSubmatch(b.Text)
			if m == nil {
				probs.Add(b.Pos, fmt.Sprintf("三级标题“%s”应以“（一）”这样的序号开头", diag.Show(b.Text)), "半角括号和阿拉伯数字的序号请改为“（一）”")
				continue
			}
			pr.Blocks = append(pr.Blocks, model.Block{Level: 2, Text: b.Text, Pos: b.Pos})
			if part == 4 {
				pr.Sections = append(pr.Sections, model.Section{No: chineseNumbers[m[1]], Title: strings.TrimPrefix(b.Text, m[0]), Pos: b.Pos})
				sec = &pr.Sections[len(pr.Sections)-1]
				if sec.No != len(pr.Sections) {
					probs.Add(b.Pos, fmt.Sprintf("创建内容的序号“（%s）”不连续", m[1]), "")
				}
			}
		case b.Kind == MDPara && b.Text == "附件：":
			if i+1 >= len(blocks) || blocks[i+1].Kind != MDList || !blocks[i+1].Ordered {
				probs.Add(b.Pos, "“附件：”之后应是有序列表（1. … 2. …）", "")
				continue
			}
			i++
			for k, it := range blocks[i].Items {
				atts = append(atts, model.Attachment{No: k + 1, Title: it.Text, Pos: it.Pos})
			}
		case b.Kind == MDPara:
			programPara(pr, part, sec, b, probs)
		default:
			probs.Add(b.Pos, "方案正文中只能有标题和段落", "表格和列表请放在附件中")
		}
	}
	checkProgram(file, pr, partPos, atts, probs)
	return atts
}

// programPara files paragraph b of part part of the program (sec is the
// current section of part 4): a principle, a standard or the goal, an item
// of a section, or a measure. Any paragraph goes to pr.Blocks too.
func programPara(pr *model.Program, part int, sec *model.Section, b MDBlock, probs *diag.List) {
	pr.Blocks = append(pr.Blocks, model.Block{Level: 0, Text: b.Text, Pos: b.Pos})
	switch part {
	case 2:
		if name, rest := splitRunIn(b.Text); strings.HasPrefix(name, "坚持") {
			pr.Principles = append(pr.Principles, model.Item{No: len(pr.Principles) + 1, Name: name, Text: rest, Pos: b.Pos})
		}
	case 3:
		if m := reStandard.FindStringSubmatch(b.Text); m != nil {
			pr.Standards = append(pr.Standards, model.Item{No: len(pr.Standards) + 1, Name: m[1], Text: strings.TrimPrefix(b.Text, m[0]), Pos: b.Pos})
		} else if strings.Contains(b.Text, "的目标要求：") {
			pr.Goal = model.Text{Text: b.Text, Pos: b.Pos}
		}
	case 4:
		if sec == nil {
			probs.Add(b.Pos, "创建内容的段落应在“### （一）…”标题之下", "")
			return
		}
		m := reNumbered.FindStringSubmatch(b.Text)
		if m == nil {
			probs.Add(b.Pos, "创建内容的条目应以“1.”这样的序号开头", "")
			return
		}
		n, _ := strconv.Atoi(m[1])
		if n != len(sec.Items)+1 {
			probs.Addf(b.Pos, "条目序号“%d.”不连续，应为“%d.”", n, len(sec.Items)+1)
		}
		name, rest := splitRunIn(strings.TrimPrefix(b.Text, m[0]))
		sec.Items = append(sec.Items, model.Item{No: n, Name: name, Text: rest, Pos: b.Pos})
	case 5:
		if m := reHeading2.FindStringSubmatch(b.Text); m != nil {
			name, rest := splitRunIn(strings.TrimPrefix(b.Text, m[0]))
			pr.Measures = append(pr.Measures, model.Item{No: chineseNumbers[m[1]], Name: name, Text: rest, Pos: b.Pos})
		}
	}
}

// checkProgram checks the structure of the program: all five parts
// (partPos holds where each begins), the counts of principles, standards
// and sections, the goal, an item in every section, and the attachments.
func checkProgram(file string, pr *model.Program, partPos map[int]diag.Pos, atts []model.Attachment, probs *diag.List) {
	want := []struct {
		part int
		what string
		got  int
		n    int
	}{
		{2, "创建原则（“坚持……。”段落）", len(pr.Principles), 5},
		{3, "创建标准（““……”的标准：”段落）", len(pr.Standards), 5},
		{4, "创建内容（“### （一）”小节）", len(pr.Sections), 5},
	}
	for _, w := range want {
		pos, ok := partPos[w.part]
		if !ok {
			continue
		}
		if w.got != w.n {
			probs.Add(pos, fmt.Sprintf("%s应有%d条，实有%d条", w.what, w.n, w.got), "")
		}
	}
	for k := 1; k <= 5; k++ {
		if _, ok := partPos[k]; !ok {
			probs.Addf(diag.Pos{File: file}, "实施方案缺少第%d部分（“## %s、…”）", k, model.Numeral(k))
		}
	}
	if _, ok := partPos[3]; ok && pr.Goal.Text == "" {
		probs.Add(partPos[3], "创建标准缺少“……的目标要求：”段落", "")
	}
	for _, s := range pr.Sections {
		if len(s.Items) == 0 {
			probs.Add(s.Pos, fmt.Sprintf("创建内容“%s”没有条目", diag.Show(s.Title)), "在该小节下写“1.…”条目")
		}
	}
	if len(atts) == 0 {
		probs.Addf(diag.Pos{File: file}, "方案缺少附件说明（“附件：”及其列表）")
	}
}

// parseUnits parses attachment 1 (head, blocks), the list of units, into p.
func parseUnits(p *model.Plan, head MDBlock, blocks []MDBlock, src []byte, probs *diag.List) {
	seen := map[string]diag.Pos{}
	lines := strings.Split(string(src), "\n")
	lists := 0
	for _, b := range blocks {
		switch {
		case b.Kind == MDPara && p.UnitsNote == "" && lists == 0:
			p.UnitsNote = b.Text
		case b.Kind == MDList && b.Ordered:
			lists++
			for _, it := range b.Items {
				name := it.Text
				if name == "" {
					probs.Add(it.Pos, "单位名称为空", "")
					continue
				}
				name = checkUnitLine(name, it.Pos, lines, len(p.Units)+1, probs)
				if msg := unsafeName(name); msg != "" {
					probs.Add(it.Pos, fmt.Sprintf("单位名称“%s”%s", diag.Show(name), msg), "单位名称会用作文件名，请只写单位的正式名称")
					continue
				}
				if first, dup := seen[name]; dup {
					probs.Add(it.Pos, fmt.Sprintf("单位“%s”重复，第一次出现在第%d行", diag.Show(name), first.Line), "删去重复的一项")
					continue
				}
				seen[name] = it.Pos
				p.Units = append(p.Units, model.UnitEntry{No: len(p.Units) + 1, Name: name, Pos: it.Pos})
			}
		default:
			probs.Add(b.Pos, "附件1 只能有一个说明段落和一个有序列表", "每个单位写成一行“1. 单位名称”")
		}
	}
	if len(p.Units) == 0 {
		probs.Add(head.Pos, "附件1 没有单位", "每个单位写成一行“1. 单位名称”")
	}
	if m := regexp.MustCompile(`共(\d+)家`).FindStringSubmatch(p.UnitsNote); m != nil {
		if n, _ := strconv.Atoi(m[1]); n != len(p.Units) && len(p.Units) > 0 {
			probs.Add(head.Pos, fmt.Sprintf("附件1 写明“共%d家”，实际列出%d家", n, len(p.Units)), "")
		}
	}
}

// parsePoints parses attachment 2 (head, blocks), the table of 考评要点, into
// p.Points: an ID for every point, numbered without gaps within its group
// (创建内容) or category, and every category present.
func parsePoints(p *model.Plan, head MDBlock, blocks []MDBlock, probs *diag.List) {
	table := pointsTable(head, blocks, probs)
	if table == nil {
		return
	}
	seen := map[string]diag.Pos{}
	groupNo := map[string]int{}
	counters := map[string]int{}
	for _, row := range table.Rows[1:] {
		cat := model.Category(row[0].Text)
		if _, ok := idPrefix[cat]; !ok {
			probs.Add(row[0].Pos, fmt.Sprintf("未知的考评类型“%s”", diag.Show(row[0].Text)), "类型只能是：创建内容、推进措施、创建成效")
			continue
		}
		pt := model.Point{Category: cat, Text: row[2].Text, Note: row[3].Text, Pos: row[2].Pos}
		if pt.Text == "" {
			probs.Add(row[0].Pos, "考评要点为空", "")
			continue
		}
		m := reNumbered.FindStringSubmatch(pt.Text)
		if m == nil {
			probs.Add(row[2].Pos, "考评要点应以“1.”这样的序号开头", "")
			continue
		}
		pt.No, _ = strconv.Atoi(m[1])
		key := string(cat)
		if cat == model.Content {
			if !pointGroup(p.Program.Sections, &pt, row[1], groupNo, probs) {
				continue
			}
			pt.ID = fmt.Sprintf("%s-%d-%d", idPrefix[cat], pt.GroupNo, pt.No)
			key = pt.Group
		} else {
			if row[1].Text != "" {
				probs.Add(row[1].Pos, fmt.Sprintf("“%s”类的考评要点不分考评内容，此格应为空", cat), "")
			}
			pt.ID = fmt.Sprintf("%s-%d", idPrefix[cat], pt.No)
		}
		if first, dup := seen[pt.ID]; dup {
			probs.Add(pt.Pos, fmt.Sprintf("考评要点编号 %s 重复，第一次出现在第%d行", pt.ID, first.Line), "检查序号“N.”")
			continue
		}
		if pt.No != counters[key]+1 {
			probs.Add(pt.Pos, fmt.Sprintf("考评要点序号“%d.”不连续，应为“%d.”", pt.No, counters[key]+1), "")
		}
		counters[key] = pt.No
		seen[pt.ID] = pt.Pos
		p.Points = append(p.Points, pt)
	}
	for _, c := range model.Categories {
		n := 0
		for _, pt := range p.Points {
			if pt.Category == c {
				n++
			}
		}
		if n == 0 {
			probs.Add(table.Pos, fmt.Sprintf("考评要点表缺少“%s”类", c), "")
		}
	}
}

// pointsTable returns the one table of attachment 2 (head) when its header
// is right; nil after reporting a missing table or a wrong header. Any other
// block is refused.
func pointsTable(head MDBlock, blocks []MDBlock, probs *diag.List) *MDBlock {
	var table *MDBlock
	for i := range blocks {
		b := &blocks[i]
		if b.Kind == MDTable && table == nil {
			table = b
			continue
		}
		probs.Add(b.Pos, "附件2 只能有一个考评要点表", "")
	}
	if table == nil {
		probs.Add(head.Pos, "附件2 缺少考评要点表", "表头为“| 类型 | 考评内容 | 考评要点 | 备注 |”")
		return nil
	}
	wantHead := []string{"类型", "考评内容", "考评要点", "备注"}
	hdr := table.Rows[0]
	for i, w := range wantHead {
		if i >= len(hdr) || strings.ReplaceAll(hdr[i].Text, " ", "") != w {
			probs.Add(table.Pos, "考评要点表的表头应为“类型 | 考评内容 | 考评要点 | 备注”", "")
			return nil
		}
	}
	return table
}

// pointGroup sets the group of 创建内容 point pt from its 考评内容 cell,
// which must be numbered “（一）” consistently across rows (groupNo) and
// match the title of that section of the program. It reports false when
// the cell has no number.
func pointGroup(sections []model.Section, pt *model.Point, cell MDItem, groupNo map[string]int, probs *diag.List) bool {
	g := cell.Text
	gm := reHeading2.FindStringSubmatch(g)
	if gm == nil {
		probs.Add(cell.Pos, "创建内容的考评要点须写明考评内容，如“（一）理论武装强信念……”", "")
		return false
	}
	pt.GroupNo = chineseNumbers[gm[1]]
	if prev, ok := groupNo[g]; ok && prev != pt.GroupNo {
		probs.Add(cell.Pos, "考评内容序号矛盾", "")
	}
	groupNo[g] = pt.GroupNo
	pt.Group = strings.TrimSuffix(g, "。")
	if sec := sectionByNo(sections, pt.GroupNo); sec != nil && strings.TrimPrefix(pt.Group, gm[0]) != sec.Title {
		probs.Add(cell.Pos, fmt.Sprintf("考评内容“%s”与方案第四部分的“（%s）%s”不一致", diag.Show(pt.Group), gm[1], diag.Show(sec.Title)), "")
	}
	return true
}

func sectionByNo(secs []model.Section, n int) *model.Section {
	for i := range secs {
		if secs[i].No == n {
			return &secs[i]
		}
	}
	return nil
}

// reListNumber matches a list number typed in another style: 71、 71． （71） 七十一、
var reListNumber = regexp.MustCompile(`^\s*(?:\d+\s*[、．.)）]|[（(]\d+[)）]|[一二三四五六七八九十百]+、)\s*`)

// checkUnitLine reports what makes the name of a unit in 附件1 differ from
// what its line shows, and returns the name to go on with: an invisible
// character (a zero-width space, U+FEFF, a non-breaking space copied from
// Word or a web page), reported at its column; or a following line that
// Markdown glued onto this name because its number is written in another
// style (71、 for 71.), reported at that line. Either would make the unit's
// file and documents carry a name no one typed.
func checkUnitLine(name string, at diag.Pos, lines []string, no int, probs *diag.List) string {
	var first string // the part of the item's first line from where its text starts
	if at.Line >= 1 && at.Line <= len(lines) {
		line := strings.TrimSuffix(lines[at.Line-1], "\r")
		if r := []rune(line); at.Col >= 1 && at.Col <= len(r) {
			first = string(r[at.Col-1:])
		}
	}
	first = strings.TrimSpace(first)
	// Glued: the name goes on past its own line.
	if first != "" && name != first && strings.HasPrefix(name, first) && at.Line < len(lines) {
		rest := strings.TrimSpace(name[len(first):])
		next := at.Line + 1
		for next < len(lines) && strings.TrimSpace(lines[next-1]) == "" {
			next++
		}
		raw := strings.TrimSuffix(lines[next-1], "\r")
		col := 1 + utf8.RuneCountInString(raw) - utf8.RuneCountInString(strings.TrimLeft(raw, " \t"))
		plain := reListNumber.ReplaceAllString(rest, "")
		probs.Add(diag.Pos{File: at.File, Line: next, Col: col},
			fmt.Sprintf("这一行“%s”没有成为单位名单的新一项，而是接在了上一行“%s”的后面，两个单位连成了一个名称", diag.Show(strings.TrimSpace(raw)), diag.Show(first)),
			fmt.Sprintf("编号写成与上面各行相同的“数字. ”格式（半角句点后加空格），如 %d. %s", no+1, diag.Show(plain)))
		name = first
	}
	// Invisible characters, each at its column on the item's line.
	clean := name
	for i, r := range name {
		h := diag.Hidden(r)
		if h == "" {
			continue
		}
		col := at.Col
		if at.Line >= 1 && at.Line <= len(lines) {
			if j := strings.Index(lines[at.Line-1], name[:i+utf8.RuneLen(r)]); j >= 0 {
				col = utf8.RuneCountInString(lines[at.Line-1][:j+i]) + 1
			}
		}
		probs.Add(diag.Pos{File: at.File, Line: at.Line, Col: col},
			fmt.Sprintf("单位名称“%s”中有一个%s", diag.Show(strings.Map(dropHidden, name)), h),
			"把光标移到这里，按删除键删去该字符；单位名称要与各单位文件中的 name 逐字相同")
		clean = strings.Map(dropHidden, name)
	}
	return clean
}

func dropHidden(r rune) rune {
	if diag.Hidden(r) != "" {
		return -1
	}
	return r
}

// windowsReserved are file names Windows refuses whatever their extension.
var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// unsafeName says why a unit name cannot be part of a file name on every
// office PC, or returns "" when it can.
func unsafeName(name string) string {
	if n := len([]rune(name)); n > 50 {
		return fmt.Sprintf("过长（%d 字，上限 50 字）", n)
	}
	for _, r := range name { // control characters: reported by screen, with their place
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r):
			return fmt.Sprintf("含有文件名中不允许的字符“%c”", r)
		}
	}
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		return "不能以“.”开头或结尾，也不能以空格结尾"
	}
	if windowsReserved[strings.ToUpper(strings.SplitN(name, ".", 2)[0])] {
		return "是 Windows 保留的设备名"
	}
	return ""
}

// maxNesting bounds how deeply block quotes and lists may nest on one line of
// the plan, which uses at most one level of list.
const maxNesting = 16

// maxHidden is how many hidden characters screen reports one by one.
const maxHidden = 10

// screen refuses what is not a plan before goldmark sees it: an empty file, a
// binary file, text that is not UTF-8, and block quotes or lists nested so
// deeply that parsing would take minutes (goldmark's time grows with the
// square of the depth). It reports control and bidirectional-formatting
// characters, which would be invisible or reorder text in the documents, and
// returns false when parsing should not go on.
func screen(file string, src []byte, probs *diag.List) bool {
	if len(bytes.TrimSpace(src)) == 0 {
		probs.Add(diag.Pos{File: file, Line: 1, Col: 1}, "文件是空的", "实施方案应以“# 通知”开头，参照随程序提供的 seeds/plan.md")
		return false
	}
	lines := diag.NewLines(src)
	at := func(off int) diag.Pos {
		l, c := lines.LineCol(off)
		return diag.Pos{File: file, Line: l, Col: c}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		probs.Add(at(i), "文件含有二进制内容，不是文本文件", "实施方案应是用记事本可以打开的 .md 文本文件")
		return false
	}
	if !utf8.Valid(src) {
		i := 0
		for i < len(src) {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		probs.Add(at(i), "文件不是 UTF-8 编码", "用记事本打开，选择“另存为”，编码选“UTF-8”后保存")
		return false
	}
	if i := deepNesting(src); i >= 0 {
		probs.Add(at(i), fmt.Sprintf("引用（>）或列表嵌套超过 %d 层", maxNesting), "实施方案只用标题、段落、一层列表和表格")
		return false
	}
	hidden := 0
	for i, r := range string(src) {
		if r == '\t' || r == '\n' || r == '\r' || !diag.Unsafe(r) {
			continue
		}
		if hidden++; hidden <= maxHidden {
			probs.Add(at(i), fmt.Sprintf("含有不可见的控制字符 U+%04X", r), "删去该字符；从网页或其他文档复制的文字可能带有这类字符")
		}
	}
	if hidden > maxHidden {
		probs.Addf(diag.Pos{File: file}, "共有 %d 个不可见的控制字符，以上只列出前 %d 个", hidden, maxHidden)
	}
	return true
}

// deepNesting returns the offset of the first place where block quotes and
// list markers at the start of a line nest deeper than maxNesting, or where a
// line is indented by more than 4*maxNesting columns; or -1.
func deepNesting(src []byte) int {
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		depth, i := 0, 0
	markers:
		for {
			for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
				i++
			}
			if i >= len(line) {
				break
			}
			spaceAt := func(j int) bool { return j >= len(line) || line[j] == ' ' || line[j] == '\t' || line[j] == '\r' }
			at := i
			switch c := line[i]; {
			case c == '>':
				i++
			case (c == '-' || c == '+' || c == '*') && spaceAt(i+1):
				i++
			case c >= '0' && c <= '9':
				j := i
				for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
					j++
				}
				if j >= len(line) || (line[j] != '.' && line[j] != ')') || !spaceAt(j+1) {
					break markers
				}
				i = j + 1
			default:
				break markers
			}
			if depth++; depth > maxNesting || at > 4*maxNesting { // at: lists nested by indentation
				return start + at
			}
		}
		start = end + 1
	}
	return -1
}
