// Package sample writes sample input data: a year.toml and one unit file per
// unit, with plausible, varied scores and evidence. Everything it writes is
// marked as sample data, and the same arguments always give the same bytes.
package sample

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"mofan/generator/input"
	"mofan/generator/model"
)

// YearFile returns the text of a sample year.toml for the given year.
func YearFile(year int, p *model.Plan) string {
	next := year + 1
	y := &model.Year{
		Year:   year,
		Sample: true,
		Notice: model.NoticeInfo{
			Title:     fmt.Sprintf("关于命名表彰%d年度市直机关创建模范机关先进单位的通知", year),
			Number:    fmt.Sprintf("焦直文〔%d〕%d号", next, 3+year%7),
			Issuer:    "中共焦作市委市直机关工委",
			Signature: "中共焦作市委市直机关工作委员会",
			Addressee: "市直和省部属驻焦各单位基层党组织",
			Date:      time.Date(next, 1, 20, 0, 0, 0, 0, time.UTC),
			CC:        "市委办公室，市人大常委会办公室，市政府办公室，市政协办公室。",
			Printer:   "中共焦作市委市直机关工委办公室",
			PrintDate: time.Date(next, 1, 20, 0, 0, 0, 0, time.UTC),
		},
		Forms: model.FormsInfo{
			IssueDate: time.Date(year, 11, 2, 0, 0, 0, 0, time.UTC),
			Deadline:  time.Date(year, 12, 15, 0, 0, 0, 0, time.UTC),
		},
		Max:     input.DefaultMax(p),
		Rule:    input.DefaultRule,
		Gongwen: input.SampleGongwen(year),
	}
	return input.YearText(y, p, fmt.Sprintf("%d 年度创建模范机关考评配置。\n【示例数据】本目录下的数据是虚构的示例，仅供试用 mofan，不是真实考评结果。", year))
}

var (
	surnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎")
	given    = []string{"建国", "卫东", "丽华", "志强", "海燕", "晓明", "红梅", "文博", "秀英", "国庆", "春生", "雪梅", "振华", "静", "伟", "敏", "磊", "洋", "婷", "军", "宏伟", "玉兰", "明辉", "淑芳", "新民", "慧", "立新", "亚楠", "俊杰", "晨曦"}
	// rare names exercise the fallback font: Fandol lacks these characters.
	rare = []string{"堃", "喆", "玥", "珺", "昇"}
	// evidence has one template per scoring point of the 2020 plan, in order.
	evidence = []string{
		"全年党组（党委）会议落实“第一议题”制度%d次，中心组集中学习%d次，建立党员向党组织报告学习情况制度。",
		"开展对党忠诚教育%d次，班子成员围绕“强化政治机关意识”讲专题党课%d次。",
		"对重大决策部署第一时间传达学习，制定落实措施%d项，已办结%d项。",
		"健全“三级五岗”责任清单，班子成员建立支部联系点%d个，全年到联系点指导%d次。",
		"对照“七个方面”标准推进支部标准化规范化建设，创建五星级示范支部%d个，达标率%d%%。",
		"召开民主生活会、组织生活会%d次，主题党日%d次，每半年通报党员参加组织生活情况。",
		"选配机关党委专职副书记，开展党务干部培训%d期，培训覆盖率%d%%。",
		"开展党章党规学习%d次，落实请示报告制度，意识形态工作专题研究%d次。",
		"开展形式主义、官僚主义专项整治，精简文件%d件、会议%d个。",
		"开展纪律作风明察暗访%d次，警示教育%d场次，以案促改问题均已整改。",
		"深入基层调研%d次，形成调研报告%d篇，推动解决突出问题。",
		"落实“马上就办”制度，精简办事环节%d项，办理时限平均压缩%d%%。",
		"开展“支部联支部、党员进社区”活动%d次，志愿服务%d场次，群众满意度测评已完成。",
		"推动党建与业务深度融合，在重点工作中涌现先进党组织%d个、优秀党员%d名。",
		"形成“微创新”成果%d项，其中%d项做法在全市推广。",
		"把业务骨干培养成党员%d名，选树先进典型%d个，在主流媒体宣传报道。",
		"党组（党委）专题研究部署创建工作%d次，班子成员联系指导%d次。",
		"以机关带系统，指导系统内%d个单位开展创建，覆盖党员%d名。",
		"把创建融入业务工作，梳理问题清单%d项，已整改%d项。",
		"编发创建工作简报%d期，在市级以上媒体宣传%d篇（次）。",
		"%d项创新举措在全市以上推广交流，相关经验被上级转发%d次。",
		"年度%d项中心任务全部完成，%d项工作在全市考评中位居前列。",
		"“学、严、干”氛围浓厚，破解“两张皮”问题%d个，形成长效机制%d项。",
		"党员干部参与创建%d人次，服务群众办实事%d件。",
	}
)

func person(r *rand.Rand) string {
	return string(surnames[r.IntN(len(surnames))]) + given[r.IntN(len(given))]
}

// UnitFile returns the text of a sample unit file for unit u of year.
// Units are given different strengths so that totals spread from about 75 to
// 99; a few units carry a bonus, a deduction, a missing review score or a veto.
func UnitFile(year int, p *model.Plan, max []model.Tenths, u model.UnitEntry) string {
	// Identity stays the same from year to year; scores change.
	id := rand.New(rand.NewPCG(0, uint64(u.No)*7919))
	r := rand.New(rand.NewPCG(uint64(year), uint64(u.No)*7919))
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %d 年度创建模范机关自评与考评。\n", u.Name, year)
	b.WriteString("# 【示例数据】内容为虚构，仅供试用 mofan，不是真实考评结果。\n")
	fmt.Fprintf(&b, "name = %q\nsample = true\n", u.Name)
	fmt.Fprintf(&b, "party_org = %q  # 党组织名称\n", "中共焦作"+u.Name+"机关委员会")
	secretary := person(id)
	contact := person(id)
	if u.No%14 == 3 { // a few contacts with rare characters
		contact = string([]rune(contact)[:1]) + rare[(u.No/14)%len(rare)]
	}
	fmt.Fprintf(&b, "secretary = %q  # 党组织书记\n", secretary)
	fmt.Fprintf(&b, "contact = %q    # 联系人\n", contact)
	fmt.Fprintf(&b, "phone = \"0391-%07d\"\n", 3500000+id.IntN(400000))

	strength := 0.80 + 0.20*r.Float64() // share of each point's 分值 a unit earns
	b.WriteString("\n# 自评：每个考评要点的自评得分（不超过分值）和完成情况/佐证材料\n")
	self := make([]model.Tenths, len(p.Points))
	for i, pt := range p.Points {
		s := strength + 0.08*(r.Float64()-0.3)
		self[i] = halfPoints(s*max[i].Float(), max[i])
		e := evidence[i%len(evidence)]
		e = fmt.Sprintf(e, 2+r.IntN(20), 5+r.IntN(90))
		if i == 0 && u.No%10 == 0 {
			e += model.YearNumerals(year) + "年度学习计划已全部完成。"
		}
		fmt.Fprintf(&b, "[self.%s]\nscore = %s\nevidence = %q\n", pt.ID, self[i], e)
	}
	b.WriteString("\n# 市委市直机关工委的审核得分\n[review]\n")
	for i, pt := range p.Points {
		if u.No%17 == 5 && i == len(p.Points)-1 {
			fmt.Fprintf(&b, "# %s 尚未审核\n", pt.ID)
			continue
		}
		rv := self[i]
		if r.IntN(3) == 0 {
			rv -= model.Tenths(5 * (1 + r.IntN(2)))
		}
		fmt.Fprintf(&b, "%s = %s\n", pt.ID, max0(rv))
	}
	switch {
	case u.No%9 == 2:
		b.WriteString("\n# 加分、扣分\n[[adjust]]\nkind = \"加分\"\npoints = 2\nreason = \"创新做法被省委直属机关工委推广\"\n")
	case u.No%11 == 7:
		b.WriteString("\n# 加分、扣分\n[[adjust]]\nkind = \"扣分\"\npoints = 1.5\nreason = \"党费收缴台账不规范，督查通报\"\n")
	}
	if u.No == 29+12*(year-2020) { // one unit a year is vetoed
		vetoes := [][2]string{
			{"纪检监察", "班子成员违反中央八项规定精神受到党纪处分"},
			{"审计", "审计发现违规发放津贴补贴问题，尚未整改到位"},
			{"巡视巡察", "巡察反馈问题整改不力，被通报批评"},
		}
		v := vetoes[(year-2020)%len(vetoes)]
		fmt.Fprintf(&b, "\n# 一票否决\n[veto]\nsource = %q\nreason = %q\n", v[0], v[1])
	}
	return b.String()
}

// halfPoints rounds x to half a point within 0..max.
func halfPoints(x float64, max model.Tenths) model.Tenths {
	t := model.Tenths(int(x*2+0.5) * 5)
	if t > max {
		t = max
	}
	return max0(t)
}

func max0(t model.Tenths) model.Tenths {
	if t < 0 {
		return 0
	}
	return t
}

// DemoPlan rewrites a plan's 附件1 to list n synthetic units (示范单位00001 …),
// for trying mofan and for benchmarks at scale. Everything else is kept.
func DemoPlan(src string, n int) (string, error) {
	start := strings.Index(src, "\n# 附件1 ")
	if start < 0 {
		return "", fmt.Errorf("实施方案中没有“# 附件1”")
	}
	end := strings.Index(src[start+1:], "\n# ")
	if end < 0 {
		return "", fmt.Errorf("实施方案中附件1之后没有附件2")
	}
	end += start + 1
	head := src[start+1:]
	title := head[:strings.Index(head, "\n")]
	var b strings.Builder
	b.WriteString(src[:start+1])
	fmt.Fprintf(&b, "%s\n\n（共%d家）\n\n", title, n)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d. 示范单位%05d\n", i, i)
	}
	b.WriteString(src[end:])
	return b.String(), nil
}
