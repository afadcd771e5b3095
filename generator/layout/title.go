package layout

import (
	"math"
	"strings"
)

// titleWords are words a title line must not split. Their edges are good
// break points; a break between two characters that are not known to be a
// word boundary costs a little, so known boundaries win when balance allows.
var titleWords = []string{
	"关于", "印发", "转发", "命名", "表彰", "通报", "通知", "决定", "意见", "方案", "实施方案", "工作方案",
	"报告", "请示", "批复", "函", "纪要", "办法", "规定", "细则", "要点", "名单", "考评", "考核", "评选", "自评",
	"市直", "机关", "市委", "市直机关", "中共", "委员会", "工委", "工作", "创建", "模范", "模范机关", "先进", "单位",
	"先进单位", "年度", "党组", "党组织", "基层", "党建", "党的", "建设", "加强", "进一步", "开展", "活动", "全市",
	"全面", "推进", "落实", "贯彻", "深入", "学习", "教育", "主题", "结果", "情况", "公布", "授予", "称号",
	"焦作", "省委", "直属", "省部属", "驻焦", "各单位", "部门", "领导", "干部", "党员", "群众", "让党中央放心",
	"让人民群众满意", "人民群众", "满意", "放心", "高质量", "发展", "管理", "制度", "责任", "监督", "检查",
	"评估", "统计", "汇总", "登记", "申报", "推荐", "审核", "确定", "调整", "增补", "补充", "修订", "印发的",
}

// breakTitle breaks a title into balanced lines that fit avail, at sensible
// points: never inside a word it knows, preferably outside 《》 and “”.
func breakTitle(gs []glyph, avail float64) []line {
	for len(gs) > 0 && gs[len(gs)-1].cls == clsSpace {
		gs = gs[:len(gs)-1]
	}
	if len(gs) == 0 {
		return nil
	}
	total := width(gs, 0)
	if total <= avail+0.01 {
		return []line{{gs: gs, avail: avail}}
	}
	size := gs[0].st.size
	us := units(gs)
	// cost of breaking before unit b (b = 1..len(us)-1)
	pen := titlePenalties(gs, us)
	// prefix widths of units
	pw := make([]float64, len(us)+1)
	for i, u := range us {
		pw[i+1] = pw[i] + width(gs[u.start:u.end], 0)
	}
	n0 := int(math.Ceil(total / avail))
	for n := n0; n <= n0+3 && n <= len(us); n++ {
		bounds := balancedBreaks(pw, pen, n, total/float64(n), avail, size)
		if bounds == nil {
			continue
		}
		lines := make([]line, n)
		for k := 0; k < n; k++ {
			lines[k] = line{gs: gs[us[bounds[k]].start:us[bounds[k+1]-1].end], avail: avail}
		}
		return lines
	}
	// no balanced solution (e.g. a very long word): fall back to the body breaker
	return breakLines(gs, lineSpec{first: avail, rest: avail})
}

// balancedBreaks finds the cheapest way to set units of prefix widths pw
// in exactly n lines no wider than avail: each line costs the square of
// its deviation from target (in ems of size), plus the penalty pen of the
// break before it, plus 100 when it holds a single unit. It returns the
// bounds of the lines (n+1 unit indexes, 0 first, len(pw)-1 last), nil
// when the units do not fit in n lines.
func balancedBreaks(pw, pen []float64, n int, target, avail, size float64) []int {
	nu := len(pw) - 1
	const inf = math.MaxFloat64 / 4
	// best[k][b]: best cost of units [0,b) in k lines; from[k][b]: start of the k-th line
	best := make([][]float64, n+1)
	from := make([][]int, n+1)
	for k := range best {
		best[k] = make([]float64, nu+1)
		from[k] = make([]int, nu+1)
		for b := range best[k] {
			best[k][b] = inf
		}
	}
	best[0][0] = 0
	for k := 1; k <= n; k++ {
		for b := k; b <= nu; b++ {
			if k == n && b != nu {
				continue
			}
			for a := k - 1; a < b; a++ {
				if best[k-1][a] >= inf {
					continue
				}
				w := pw[b] - pw[a]
				if w > avail+0.01 {
					continue
				}
				dev := (target - w) / size
				c := best[k-1][a] + dev*dev
				if a > 0 {
					c += pen[a]
				}
				if b-a == 1 {
					c += 100
				}
				if c < best[k][b] {
					best[k][b] = c
					from[k][b] = a
				}
			}
		}
	}
	if best[n][nu] >= inf {
		return nil
	}
	bounds := make([]int, n+1)
	bounds[n] = nu
	for k := n; k > 0; k-- {
		bounds[k-1] = from[k][bounds[k]]
	}
	return bounds
}

// titlePenalties returns the cost of breaking before each unit.
func titlePenalties(gs []glyph, us []unit) []float64 {
	rs := make([]rune, len(gs))
	for i, g := range gs {
		rs[i] = g.r
	}
	text := string(rs)
	// boundary state per glyph index i (break before glyph i): 0 unknown, 1 good, 2 inside a word
	state := make([]uint8, len(gs)+1)
	for _, w := range titleWords {
		wr := []rune(w)
		for off := 0; ; {
			k := strings.Index(text[off:], w)
			if k < 0 {
				break
			}
			start := len([]rune(text[:off+k]))
			end := start + len(wr)
			for i := start + 1; i < end; i++ {
				state[i] = 2
			}
			if state[start] == 0 {
				state[start] = 1
			}
			if state[end] == 0 {
				state[end] = 1
			}
			off += k + len(w)
		}
	}
	pen := make([]float64, len(us))
	depth := 0
	for b := 1; b < len(us); b++ {
		last, first := gs[us[b-1].end-1], gs[us[b].start]
		switch last.r {
		case '《', '“', '（', '〔':
			depth++
		case '》', '”', '）', '〕':
			if depth > 0 {
				depth--
			}
		}
		i := us[b].start
		p := 3.0
		switch {
		case !breakOK(gs, us[b-1], us[b]):
			p = 1e6
		case state[i] == 2:
			p = 50
		case last.cls == clsLatin && first.cls == clsCJK, last.cls == clsCJK && first.cls == clsLatin:
			p = 50 // 2020|年度
		case depth > 0:
			p = 8
		case first.r == '《' || last.r == '》' || last.r == '、' || last.r == '，' || last.r == '的':
			p = 0
		case first.r == '的':
			p = 6
		case state[i] == 1:
			p = 0
		}
		pen[b] = p
	}
	return pen
}
