package input

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"mofan/generator/diag"
	"mofan/generator/model"
)

// Quote writes s as a TOML basic string.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func tomlDate(t time.Time) string { return t.Format("2006-01-02") }

// YearText writes y as a year.toml, with comments for the staff. A non-empty
// banner is put at the top as comment lines (e.g. a request to check values).
func YearText(y *model.Year, p *model.Plan, banner string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(banner), "\n") {
		if l != "" {
			fmt.Fprintf(&b, "# %s\n", l)
		}
	}
	n := y.Notice
	fmt.Fprintf(&b, "year = %d\n", y.Year)
	if y.Sample {
		b.WriteString("sample = true         # 示例数据，不是真实考评结果\n")
	}
	if len(y.Unconfirmed) > 0 {
		b.WriteString("# 【请核对】下列各项是按上一年度推算的：逐项核对（必要时修改）后删去列表中的那一行，全部核对后删去整个列表。\n")
		b.WriteString("# 列表不为空时，mofan check 逐项提醒（写明在第几行），mofan build 不生成正式的表彰通知、征求意见函和公示，\n")
		b.WriteString("# 本身的文号或日期未核对的考评通知、反馈意见每页标“草稿”。\n")
		b.WriteString("unconfirmed = [\n")
		for _, c := range y.Unconfirmed {
			fmt.Fprintf(&b, "  %s,%s# %s\n", Quote(c.Key), pad(c.Key), c.What)
		}
		b.WriteString("]\n")
	}
	b.WriteString("plan = \"../plan.md\"   # 适用的实施方案\n\n")
	b.WriteString("# 表彰通知的版头、落款和版记\n[notice]\n")
	fmt.Fprintf(&b, "title = %s\n", Quote(n.Title))
	fmt.Fprintf(&b, "number = %s            # 发文字号\n", Quote(n.Number))
	fmt.Fprintf(&b, "issuer = %s          # 发文机关标志\n", Quote(n.Issuer))
	fmt.Fprintf(&b, "signature = %s  # 署名\n", Quote(n.Signature))
	fmt.Fprintf(&b, "addressee = %s  # 主送机关\n", Quote(n.Addressee))
	fmt.Fprintf(&b, "date = %s                # 成文日期\n", tomlDate(n.Date))
	fmt.Fprintf(&b, "cc = %s  # 抄送\n", Quote(n.CC))
	fmt.Fprintf(&b, "printer = %s  # 印发机关\n", Quote(n.Printer))
	gNotice, gTail := writeGongwen(y.Gongwen)
	fmt.Fprintf(&b, "print_date = %s          # 印发日期\n%s\n", tomlDate(n.PrintDate), gNotice)
	b.WriteString("# 自评表\n[forms]\n")
	fmt.Fprintf(&b, "issue_date = %s   # 下发日期\n", tomlDate(y.Forms.IssueDate))
	fmt.Fprintf(&b, "deadline = %s     # 报送截止日期\n\n", tomlDate(y.Forms.Deadline))
	b.WriteString("# 各考评要点的分值（实施方案未规定，合计 100 分）\n[points]\n")
	for i, pt := range p.Points {
		fmt.Fprintf(&b, "%s = %s\n", pt.ID, y.Max[i])
	}
	r := y.Rule
	b.WriteString("\n# 表彰规则\n[rule]\n")
	fmt.Fprintf(&b, "min_total = %s            # 总分不低于此分数\n", r.MinTotal)
	fmt.Fprintf(&b, "max_ratio = %s          # 表彰单位不超过参评单位的此比例（向下取整）\n", strconv.FormatFloat(r.MaxRatio, 'f', -1, 64))
	fmt.Fprintf(&b, "bonus_cap = %s             # 加分合计上限\n", r.BonusCap)
	fmt.Fprintf(&b, "deduction_cap = %s        # 扣分合计上限\n", r.DeductionCap)
	fmt.Fprintf(&b, "missing_review = %s   # 缺少审核得分时：refuse＝审核未完成的单位不予表彰，表彰通知只生成草稿；self＝采用自评得分；zero＝按 0 分计\n", Quote(r.MissingReview))
	fmt.Fprintf(&b, "boundary_ties = %s # 名额边界同分：exclude＝同分者均不表彰；include＝同分者均表彰\n", Quote(r.BoundaryTies))
	b.WriteString(gTail)
	return b.String()
}

// UnitIdentityText writes a unit file holding only the unit's identity, with
// empty sections for the scores, as a new year starts. The file is never
// sample data and holds no score, so the unit is 未报送 until it returns its
// form. The people (党组织, 书记, 联系人, 电话) are kept from a real unit
// file; those of sample data are made up, and are left empty to be filled in
// (a returned form fills them too).
func UnitIdentityText(u *model.Unit, year int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %d 年度创建模范机关自评与考评。\n", u.Name, year)
	id := *u
	if u.Sample {
		id.PartyOrg, id.Secretary, id.Contact, id.Phone = "", "", "", ""
		b.WriteString("# 党组织、书记、联系人和电话请按实填写（也可由报回的自评表补上）。\n")
	}
	fmt.Fprintf(&b, "name = %s\n", Quote(u.Name))
	fmt.Fprintf(&b, "party_org = %s  # 党组织名称\n", Quote(id.PartyOrg))
	fmt.Fprintf(&b, "secretary = %s  # 党组织书记\n", Quote(id.Secretary))
	fmt.Fprintf(&b, "contact = %s    # 联系人\n", Quote(id.Contact))
	fmt.Fprintf(&b, "phone = %s\n", Quote(id.Phone))
	b.WriteString(`
# 自评：每个考评要点一节，例如
# [self.NR-1-1]
# score = 3.5
# evidence = "完成情况和佐证材料"

# 市委市直机关工委的审核得分，例如
# [review]
# NR-1-1 = 3.5

# 加分、扣分，例如
# [[adjust]]
# kind = "加分"     # 加分 或 扣分
# points = 1
# reason = "原因"

# 一票否决，例如
# [veto]
# source = "纪检监察"  # 纪检监察、巡视巡察、审计、其他
# reason = "原因"
`)
	return b.String()
}

var reNumberYear = regexp.MustCompile(`〔(\d{4})〕`)

// NextYear derives the configuration of year from the previous year's: the
// year in titles, 文号 and dates advanced, everything else kept. The staff
// must confirm the 文号 and dates; the caller says so in the file.
func NextYear(prev *model.Year, year int) *model.Year {
	y := *prev
	y.Year = year
	y.Max = append([]model.Tenths(nil), prev.Max...)
	d := year - prev.Year
	shift := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return t.AddDate(d, 0, 0)
	}
	y.Notice.Title = strings.ReplaceAll(prev.Notice.Title, strconv.Itoa(prev.Year), strconv.Itoa(year))
	y.Notice.Number = reNumberYear.ReplaceAllStringFunc(prev.Notice.Number, func(m string) string {
		n, _ := strconv.Atoi(m[len("〔") : len(m)-len("〕")])
		return "〔" + strconv.Itoa(n+d) + "〕"
	})
	y.Notice.Date = shift(prev.Notice.Date)
	y.Notice.PrintDate = shift(prev.Notice.PrintDate)
	y.Forms.IssueDate = shift(prev.Forms.IssueDate)
	y.Forms.Deadline = shift(prev.Forms.Deadline)
	y.Gongwen = nextGongwen(prev.Gongwen, d, shift)
	// A new year is real data: no sample mark, and every derived value to be
	// confirmed. Sample data's rule for missing reviews is not carried over:
	// the default (refuse) applies until the committee chooses otherwise.
	y.Sample, y.SamplePos = false, diag.Pos{}
	if prev.Sample {
		y.Rule.MissingReview = DefaultRule.MissingReview
	}
	y.Unconfirmed = nil
	for _, k := range confirmKeys(&y) {
		what, value, _ := confirmable(&y, k)
		y.Unconfirmed = append(y.Unconfirmed, model.Confirm{Key: k, What: what, Value: value})
	}
	return &y
}

// pad returns the spaces that align the comments after the quoted keys of
// the unconfirmed list (a wide character counts two columns, as a text
// editor shows it).
func pad(key string) string {
	w := 0
	for _, r := range key {
		w++
		if model.Wide(r) {
			w++
		}
	}
	return strings.Repeat(" ", max(1, 32-w))
}
