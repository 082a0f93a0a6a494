package exports

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"baove"
	"baove/assessment"
	"baove/budget"
	"baove/i18n"
	"baove/reports"
)

// t renders a message of the report catalogue (i18n/catalogue/*/reports.txt).
func (l Lang) t(key string, args i18n.Args) string { return i18n.Text(l.i18n(), key, args) }

// annexTables numbers the tables of an annex as the body cites them:
// "Biểu 1", "Biểu 2", …
type annexTables struct {
	lang   Lang
	blocks []Block
	n      int
}

// add appends table t under its numbered heading, with notes under it,
// and returns its number.
func (a *annexTables) add(titleKey string, t Table, notes ...string) int {
	a.n++
	a.blocks = append(a.blocks, Heading{a.lang.t("report.table", i18n.Args{"n": a.n, "title": a.lang.t(titleKey, nil)})}, t)
	for _, n := range notes {
		a.blocks = append(a.blocks, Paragraph{n})
	}
	return a.n
}

// Document lays the report out as a People's Committee's report (Decree
// 30/2020, Appendix I): the narrative by the letter's areas, signed on
// the committee's behalf and sent to its recipients, with the figures'
// tables in an annex closed by the signatures of a statistical form.
func (r ProvinceReport) Document() Document {
	l, s := r.Lang, r.Settings
	d := Document{Lang: l, Issuer: s.Issuer, Number: r.numberLine(), Place: s.Place, Date: r.Date, Generated: r.Generated,
		Kind: l.t("report.kind", nil), Title: l.t("report.title", i18n.Args{"year": r.Year}),
		Signer: &Signer{Lines: s.SignerTitle, Name: s.SignerName}, Recipients: s.Recipients}
	a := &annexTables{lang: l}
	d.Blocks = append(d.Blocks, Paragraph{l.t("report.intro", i18n.Args{"letter": l.letter(r.Letter), "committee": r.committee(),
		"year": r.Year})})
	d.Blocks = append(d.Blocks, r.planBlocks(a)...)
	d.Blocks = append(d.Blocks, r.budgetBlocks(a)...)
	d.Blocks = append(d.Blocks, r.centralBlocks()...)
	d.Blocks = append(d.Blocks, r.staffingBlocks(a)...)
	d.Blocks = append(d.Blocks, r.progressBlocks(a)...)
	d.Blocks = append(d.Blocks, r.complianceBlocks(a)...)
	d.Annexes = []Annex{{Label: l.t("report.annex", nil), Title: l.t("report.annex_title", i18n.Args{"year": r.Year}),
		Subtitle: l.t("report.annex_of", i18n.Args{"kind": l.t("report.kind", nil), "number": r.numberText(),
			"suffix": s.NumberSuffix, "date": l.longDate(r.Date), "issuer": r.committee()}),
		Blocks: a.blocks, Signatures: statisticalSignatures(l)}}
	return d
}

// numberText is the document's number, two digits at least (the decree
// writes numbers below 10 with a leading zero), or a blank to write it in.
func (r ProvinceReport) numberText() string {
	if r.Number <= 0 {
		return "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"
	}
	return fmt.Sprintf("%02d", r.Number)
}

func (r ProvinceReport) numberLine() string {
	return r.Lang.t("report.number", i18n.Args{"number": r.numberText(), "suffix": r.Settings.NumberSuffix})
}

// committee names the province's People's Committee in running text.
func (r ProvinceReport) committee() string {
	if r.Lang == English {
		return r.Lang.t("report.committee", i18n.Args{"province": r.Province.ShortName()})
	}
	return r.Lang.t("report.committee", i18n.Args{"province": lowerFirst(reports.IssuerName(r.Province))})
}

// letter cites the 2017 letter by what it is: "Công văn năm 2017 của Bộ
// Lao động - Thương binh và Xã hội về việc …".
func (l Lang) letter(lt reports.Letter) string {
	args := i18n.Args{"kind": upperFirst(lt.Kind), "year": lt.Year, "issuer": lt.Issuer, "subject": lt.Subject, "number": lt.Number}
	if l == English {
		args["kind"], args["issuer"], args["subject"] = letterKindEN(lt.Kind), lt.IssuerEN, lt.SubjectEN
	}
	if lt.Number != "" {
		return l.t("report.letter_numbered", args)
	}
	return l.t("report.letter", args)
}

// letterShort is the letter in a heading: "CÔNG VĂN NĂM 2017".
func (l Lang) letterShort(lt reports.Letter) string {
	kind := upperFirst(lt.Kind)
	if l == English {
		kind = letterKindEN(lt.Kind)
	}
	return strings.ToUpper(l.t("report.letter_short", i18n.Args{"kind": kind, "year": lt.Year}))
}

func letterKindEN(kind string) string {
	switch strings.ToLower(kind) {
	case "công văn":
		return "official letter"
	case "chỉ thị":
		return "directive"
	}
	return kind
}

// longDate writes a date in words: "28 tháng 11 năm 2026", "28 November
// 2026".
func (l Lang) longDate(d baove.Date) string {
	if l == English {
		return d.Localize(i18n.EN)
	}
	return strings.TrimPrefix(l.placeDate("", d), "ngày ")
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func (r ProvinceReport) planBlocks(a *annexTables) []Block {
	l := r.Lang
	blocks := []Block{Heading{l.t("report.h_plan", i18n.Args{"year": r.Year})}}
	if r.Plan == nil {
		return append(blocks, Paragraph{l.t("report.no_plan", i18n.Args{"year": r.Year})})
	}
	acts := Table{Columns: []Column{{Title: l.pick("Mục", "Item"), Width: 1}, {Title: l.pick("Nhiệm vụ", "Task area"), Width: 7},
		{Title: l.pick("Số hoạt động", "Activities"), Kind: Count, Width: 1.6}}}
	n := 0
	for _, act := range r.Plan.Activities {
		acts.Rows = append(acts.Rows, []any{act.Code, act.Label, act.Count})
		n += act.Count
	}
	acts.Totals = []any{nil, l.pick("Tổng cộng", "Total"), Sum{int64(n)}}
	table := a.add("report.t_activities", acts)
	text := l.t("report.plan", i18n.Args{"title": r.Plan.Title, "version": r.Plan.Version, "n": i18n.Count(n),
		"areas": i18n.Count(len(r.Plan.Activities)), "table": table,
		"status": l.t("plan.status."+string(r.Plan.StatusCode), nil)})
	if len(r.Plan.History) > 0 {
		h := r.Plan.History[len(r.Plan.History)-1]
		text += " " + l.t("report.plan_step", i18n.Args{"step": lowerFirst(h.Step), "date": h.Date, "actor": h.Actor})
		if h.Reason != "" {
			text += " " + l.t("report.plan_reason", i18n.Args{"reason": h.Reason})
		}
		a.add("report.t_history", r.historyTable())
	}
	blocks = append(blocks, Paragraph{text})
	if kv := r.Plan.Issuance.keyValues(l); kv != nil {
		blocks = append(blocks, kv)
	}
	return blocks
}

func (r ProvinceReport) historyTable() Table {
	l := r.Lang
	t := Table{Columns: []Column{{Title: l.pick("Ngày", "Date"), Kind: Date, Width: 1.6}, {Title: l.pick("Bước", "Step"), Width: 1.6},
		{Title: l.pick("Người thực hiện", "By"), Width: 2}, {Title: l.pick("Tình trạng", "Status"), Width: 2},
		{Title: l.pick("Lý do", "Reason"), Width: 3.5}}}
	for _, h := range r.Plan.History {
		reason := h.Reason
		if h.Document != "" {
			reason = l.pick("Số: ", "No. ") + h.Document
		}
		t.Rows = append(t.Rows, []any{h.Date, h.Step, h.Actor, h.Status, reason})
	}
	return t
}

// keyValues prints the document that issued the plan: its number and date
// ("Số 45/KH-UBND ngày 25/02/2026"), and its signer when recorded; nothing
// before the plan is issued.
func (is *IssuanceRow) keyValues(l Lang) KeyValues {
	if is == nil {
		return nil
	}
	date := is.IssuedOn.Localize(l.i18n())
	doc := l.pick("Số "+is.DocumentNo+" ngày "+date, "No. "+is.DocumentNo+" of "+date)
	kv := KeyValues{{l.pick("Văn bản ban hành", "Issued by"), doc}}
	if is.SignerName != "" {
		kv = append(kv, KeyValue{l.pick("Người ký", "Signed by"), is.SignerTitle + " " + is.SignerName})
	}
	return kv
}

// moneyColumns are the columns of a budget table; allocated names what
// the allocation column holds.
func (l Lang) moneyColumns(first, allocated string) []Column {
	return []Column{{Title: first, Width: 3.2}, {Title: l.pick("Kế hoạch", "Planned"), Kind: Money, Width: 1.5},
		{Title: allocated, Kind: Money, Width: 1.5}, {Title: l.pick("Đã giải ngân", "Disbursed"), Kind: Money, Width: 1.5},
		{Title: l.pick("Còn lại", "Remaining"), Kind: Money, Width: 1.5},
		{Title: l.pick("Tỷ lệ giải ngân (%)", "Rate (%)"), Kind: Decimal, Places: 2, Width: 1.3}}
}

func (r ProvinceReport) moneyTable(first string, rows []MoneyRow, total MoneyRow) Table {
	t := Table{Columns: r.Lang.moneyColumns(first, r.Lang.pick("Phân bổ", "Allocated"))}
	for _, m := range rows {
		t.Rows = append(t.Rows, moneyCells(m))
	}
	t.Totals = []any{total.Label, Sum{total.Planned}, Sum{total.Allocated}, Sum{total.Disbursed}, Sum{total.Remaining}, nullable(total.Rate)}
	return t
}

// areaTable lists money by task area: planned and disbursed by row; the
// allocation, made per province and year, and what remains of it on the
// totals row only.
func (r ProvinceReport) areaTable(rows []AreaRow, total MoneyRow) Table {
	l := r.Lang
	t := Table{Columns: l.moneyColumns(l.pick("Nhiệm vụ", "Task area"), l.pick("Phân bổ (cả năm)", "Allocated (per year)"))}
	for _, a := range rows {
		t.Rows = append(t.Rows, []any{a.Label, a.Planned, nil, a.Disbursed, nil, nil})
	}
	t.Totals = []any{total.Label, Sum{total.Planned}, total.Allocated, Sum{total.Disbursed}, total.Remaining, nullable(total.Rate)}
	return t
}

func moneyCells(m MoneyRow) []any {
	return []any{m.Label, m.Planned, m.Allocated, m.Disbursed, m.Remaining, nullable(m.Rate)}
}

func nullable(d decimal.NullDecimal) any {
	if !d.Valid {
		return nil
	}
	return d.Decimal
}

func (r ProvinceReport) budgetBlocks(a *annexTables) []Block {
	l, b := r.Lang, r.Budget
	text := l.t("report.budget_none", nil)
	if b.Total.Planned > 0 {
		var parts []string
		for i, m := range b.BySource {
			if m.Planned > 0 {
				parts = append(parts, l.t("report.budget_source", i18n.Args{"source": lowerFirst(l.name(string(b.Sources[i]))),
					"amount": budget.VND(m.Planned)}))
			}
		}
		text = l.t("report.budget", i18n.Args{"planned": budget.VND(b.Total.Planned), "sources": strings.Join(parts, "; ")})
	}
	if b.Total.Rate.Valid {
		text += " " + l.t("report.allocated", i18n.Args{"allocated": budget.VND(b.Total.Allocated),
			"disbursed": budget.VND(b.Total.Disbursed), "rate": l.percentValue(b.Total.Rate.Decimal, 2)})
	} else {
		text += " " + l.t("report.nothing_allocated", i18n.Args{"disbursed": budget.VND(b.Total.Disbursed)})
	}
	if r.Pace.Valid && r.Pace.Decimal.LessThan(decimal.NewFromInt(100)) {
		text += " " + l.t("report.pace", i18n.Args{"date": r.Date, "pace": l.percentValue(r.Pace.Decimal, 2)})
	}
	blocks := []Block{Heading{l.t("report.h_budget", nil)}, Paragraph{text}}
	if !b.InForce {
		blocks = append(blocks, Paragraph{l.t("report.not_in_force", nil)})
	}
	first := a.add("report.t_sources", r.moneyTable(l.pick("Nguồn kinh phí", "Funding source"), b.BySource, b.Total))
	a.add("report.t_areas", r.areaTable(b.ByTaskArea, b.Total))
	last := a.add("report.t_central_areas", r.areaTable(b.CentralByTaskArea, b.CentralTotal), l.t("report.area_note", nil))
	return append(blocks, Paragraph{l.t("report.budget_tables", i18n.Args{"first": first, "last": last})})
}

func (r ProvinceReport) centralBlocks() []Block {
	l, c := r.Lang, r.Budget.Central
	text := l.t("report.central", i18n.Args{"allocated": c.Allocated, "carried": c.CarriedIn, "disbursed": c.Disbursed,
		"remaining": c.Remaining})
	switch {
	case c.Closed && c.Disposition == "carry_over":
		text += " " + l.t("report.closed_carry", i18n.Args{"year": r.Year, "amount": c.Unspent})
	case c.Closed:
		text += " " + l.t("report.closed_return", i18n.Args{"year": r.Year, "amount": c.Unspent, "deadline": c.ReturnDeadline})
	default:
		text += " " + l.t("report.not_closed", i18n.Args{"year": r.Year})
	}
	return []Block{Heading{l.t("report.h_central", nil)}, Paragraph{text}}
}

func (r ProvinceReport) staffingBlocks(a *annexTables) []Block {
	l, s := r.Lang, r.Staffing
	blocks := []Block{Heading{l.t("report.h_staffing", nil)}}
	if s.Recorded == 0 {
		return append(blocks, Paragraph{l.t("report.staffing_none", i18n.Args{"total": i18n.Count(s.Total), "year": r.Year})})
	}
	text := l.t("report.staffing", i18n.Args{"total": i18n.Count(s.Total), "covered": i18n.Count(s.Covered),
		"coverage": l.percentValue(s.CoveragePercent.Decimal, 2)})
	if s.CollaboratorPercent.Valid {
		text += " " + l.t("report.collaborators", i18n.Args{"share": l.percentValue(s.CollaboratorPercent.Decimal, 2)})
	}
	if s.Recorded < s.Total {
		text += " " + l.t("report.unrecorded", i18n.Args{"n": i18n.Count(s.Total - s.Recorded)})
	}
	if len(s.Uncovered) == 0 {
		return append(blocks, Paragraph{text + " " + l.t("report.all_covered", nil)})
	}
	t := Table{Columns: []Column{{Title: l.pick("STT", "No."), Kind: Count, Width: 0.8}, {Title: l.pick("Mã", "Code"), Width: 1},
		{Title: l.pick("Xã, phường, đặc khu", "Commune"), Width: 6}}}
	for i, u := range s.Uncovered {
		t.Rows = append(t.Rows, []any{i + 1, u.Code, u.Label})
	}
	table := a.add("report.t_uncovered", t)
	return append(blocks, Paragraph{text + " " + l.t("report.uncovered", i18n.Args{"n": i18n.Count(len(s.Uncovered)), "table": table})})
}

func (r ProvinceReport) progressBlocks(a *annexTables) []Block {
	l := r.Lang
	blocks := []Block{Heading{l.t("report.h_progress", nil)}}
	if len(r.Progress) == 0 {
		return append(blocks, Paragraph{l.t("report.progress_none", i18n.Args{"year": r.Year})})
	}
	count := map[string]int{}
	for _, p := range r.Progress {
		count[progressGroup(p.StatusCode)]++
	}
	table := a.add("report.t_progress", r.progressTable())
	return append(blocks, Paragraph{l.t("report.progress", i18n.Args{"year": r.Year, "n": i18n.Count(len(r.Progress)),
		"good": count["good"], "bad": count["bad"], "pending": count["pending"], "missing": count["missing"],
		"watched": count["watched"], "table": table})})
}

// progressGroup puts a status in one of the groups the report counts.
func progressGroup(s assessment.Status) string {
	switch s {
	case assessment.Achieved, assessment.OnTrack:
		return "good"
	case assessment.AtRisk, assessment.NotAchieved:
		return "bad"
	case assessment.InProgress:
		return "pending"
	case assessment.NoData:
		return "missing"
	}
	return "watched"
}

func (r ProvinceReport) progressTable() Table {
	l := r.Lang
	right := func(title string, w float64) Column { return Column{Title: title, Width: w, Align: "R"} }
	t := Table{Columns: []Column{{Title: l.pick("Chỉ tiêu", "Indicator"), Width: 4.6}, {Title: l.pick("Đơn vị tính", "Unit"), Width: 1.3},
		right(l.pick("Mục tiêu", "Target"), 1.3), {Title: l.pick("Nguồn mục tiêu", "Target from"), Width: 1.5},
		right(l.pick("Thực hiện", "Actual"), 1.3), {Title: l.pick("Kỳ số liệu", "Period"), Width: 1.5},
		{Title: l.pick("Đánh giá", "Status"), Width: 1.6}}}
	for _, p := range r.Progress {
		var actual any = Note(l.notReported())
		period := p.Period
		if p.Actual.Valid {
			actual = l.measure(p.Unit, p.Actual.Decimal)
		}
		if p.Estimate {
			period += " (" + l.t("report.estimate", nil) + ")"
		}
		t.Rows = append(t.Rows, []any{p.Label, l.unitWords(p.Unit), l.targetWords(p.Comparator, p.Unit, p.Target.Decimal),
			p.TargetSource, actual, period, p.Status})
	}
	return t
}

// notReported is what a figure without data reads as.
func (l Lang) notReported() string { return l.pick("chưa báo cáo", "not reported") }

func (r ProvinceReport) complianceBlocks(a *annexTables) []Block {
	l := r.Lang
	t := Table{Columns: []Column{{Title: l.pick("Mục", "Item"), Width: 0.8}, {Title: l.pick("Yêu cầu", "Requirement"), Width: 3},
		{Title: l.pick("Kết quả", "Result"), Width: 1.3}, {Title: l.pick("Căn cứ", "Evidence"), Width: 5}}}
	count := map[assessment.CheckStatus]int{}
	var failed []string
	for _, c := range r.Compliance {
		t.Rows = append(t.Rows, []any{c.Item, c.Title, c.Status, c.Evidence})
		count[c.StatusCode]++
		if c.StatusCode == assessment.Fail {
			failed = append(failed, c.Item+" "+lowerFirst(c.Title))
		}
	}
	table := a.add("report.t_compliance", t)
	text := l.t("report.compliance", i18n.Args{"n": i18n.Count(len(r.Compliance)), "pass": count[assessment.Pass],
		"warn": count[assessment.Warn], "fail": count[assessment.Fail], "na": count[assessment.NotApplicable], "table": table})
	if len(failed) > 0 {
		text += " " + l.t("report.failed", i18n.Args{"items": strings.Join(failed, "; ")})
	}
	return []Block{Heading{l.t("report.h_compliance", i18n.Args{"letter": l.letterShort(r.Letter)})}, Paragraph{text}}
}

// statisticalSignatures close an annex of figures, as a statistical form.
func statisticalSignatures(l Lang) []Signature {
	return []Signature{{Title: l.pick("Người lập biểu", "Prepared by")}, {Title: l.pick("Kế toán trưởng", "Chief accountant")},
		{Title: l.pick("Thủ trưởng đơn vị", "Head of agency")}}
}
