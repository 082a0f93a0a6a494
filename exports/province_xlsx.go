package exports

import (
	"context"
	"fmt"
	"strings"

	"baove/budget"
	"baove/indicators"
	"baove/plans"
	"baove/units"
)

// BuildProvinceWorkbook gathers a province's data for year as a workbook in
// r's language: the budget summary (the same figures, "remaining"
// included, as the API and the PDF), the plan's activities and budget
// lines, the disbursement ledger, the staffing of each commune and the
// indicator values, each sheet under its title, the period and the unit,
// with totals as SUM formulas. Each source checks c. The ledger, which may
// run to hundreds of thousands of entries, is not read here: its sheet
// streams it from the store, with ctx, when the workbook is written
// (WriteXLSX), so that it is never held in memory.
func BuildProvinceWorkbook(ctx context.Context, src Sources, r Request) (Workbook, error) {
	c, p, year := r.Caller, r.Province, r.Year
	l, _, err := r.Lang.resolve()
	if err != nil {
		return Workbook{}, err
	}
	sum, err := src.Budget.Summary(ctx, c, p, year)
	if err != nil {
		return Workbook{}, err
	}
	prov, err := src.Units.Province(ctx, p)
	if err != nil {
		return Workbook{}, err
	}
	names, err := src.People.FullNames(ctx)
	if err != nil {
		return Workbook{}, err
	}
	h := sheetHeads{lang: l, province: prov, year: year}
	sheets := []Sheet{summarySheet(h, sum)}
	plan, err := fullPlan(ctx, src, c, sum)
	if err != nil {
		return Workbook{}, err
	}
	if plan != nil {
		lines, err := src.Budget.Lines(ctx, c, plan.ID)
		if err != nil {
			return Workbook{}, err
		}
		areas, err := src.Plans.TaskAreas(ctx)
		if err != nil {
			return Workbook{}, err
		}
		sheets = append(sheets, activitySheet(h, *plan, areas), lineSheet(h, lines))
	}
	ledger := func(fn func(budget.Disbursement) error) error {
		return src.Budget.EachLedgerEntry(ctx, c, p, year, fn)
	}
	staffing, err := staffingSheet(ctx, src, r, h)
	if err != nil {
		return Workbook{}, err
	}
	values, err := valueSheet(ctx, src, r, h)
	if err != nil {
		return Workbook{}, err
	}
	return Workbook{Title: l.pick(fmt.Sprintf("Số liệu bảo vệ trẻ em - %s - %d", prov.Name, year),
		fmt.Sprintf("Child-protection data - %s - %d", prov.Name, year)), Generated: src.Clock.Now(),
		Sheets: append(sheets, ledgerSheet(h, ledger, names), staffing, values)}, nil
}

// sheetHeads writes the lines above a sheet's header: its title with the
// province, the period and, for money, the unit.
type sheetHeads struct {
	lang     Lang
	province units.Province
	year     int
}

func (h sheetHeads) of(title string, money bool) []string {
	l := h.lang
	lines := []string{strings.ToUpper(title) + " - " + strings.ToUpper(h.province.Name),
		l.pick("Kỳ báo cáo: ", "Period: ") + l.periodWords(h.year, nil)}
	if money {
		lines = append(lines, fmt.Sprintf(labelsOf[l].unitLine, labelsOf[l].moneyUnit))
	}
	return lines
}

// summarySheet is the budget summary by funding source and by task area,
// each table closed by the summary's totals.
func summarySheet(h sheetHeads, sum budget.Summary) Sheet {
	l := h.lang
	b := budgetSection(l, sum)
	t := Table{Columns: []Column{{Title: l.pick("Bảng", "Table")}, {Title: l.pick("Nguồn kinh phí, nhiệm vụ", "Funding source, task area")},
		{Title: l.pick("Kế hoạch", "Planned"), Kind: Money}, {Title: l.pick("Phân bổ", "Allocated"), Kind: Money},
		{Title: l.pick("Đã giải ngân", "Disbursed"), Kind: Money}, {Title: l.pick("Còn lại", "Remaining"), Kind: Money},
		{Title: l.pick("Tỷ lệ giải ngân (%)", "Disbursement rate (%)"), Kind: Decimal, Places: 2}}}
	bySource := l.pick("Theo nguồn", "By source")
	for _, m := range b.BySource {
		t.Rows = append(t.Rows, []any{bySource, m.Label, m.Planned, m.Allocated, m.Disbursed, m.Remaining, nullable(m.Rate)})
	}
	tot := b.Total
	t.Rows = append(t.Rows, []any{bySource, tot.Label, Sum{tot.Planned}, Sum{tot.Allocated}, Sum{tot.Disbursed}, Sum{tot.Remaining},
		nullable(tot.Rate)})
	areas := func(table string, rows []AreaRow, total MoneyRow) {
		for _, a := range rows {
			t.Rows = append(t.Rows, []any{table, a.Label, a.Planned, nil, a.Disbursed, nil, nil})
		}
		t.Rows = append(t.Rows, []any{table, total.Label, Sum{total.Planned}, total.Allocated, Sum{total.Disbursed}, total.Remaining,
			nullable(total.Rate)})
	}
	areas(l.pick("Theo nhiệm vụ (phân bổ theo năm, không chia theo nhiệm vụ)", "By task area (allocated per year, not by task area)"),
		b.ByTaskArea, b.Total)
	areas(l.pick("Kinh phí trung ương theo nhiệm vụ", "Central funds by task area"), b.CentralByTaskArea, b.CentralTotal)
	name := l.pick("Tổng hợp kinh phí", "Budget summary")
	return Sheet{Name: name, Heading: h.of(name, true), Table: t}
}

func activitySheet(h sheetHeads, plan plans.Plan, areas []plans.TaskArea) Sheet {
	l := h.lang
	areaName := map[string]string{}
	for _, a := range areas {
		areaName[a.Code] = l.pick(a.NameVI, a.NameEN)
	}
	t := Table{Columns: []Column{{Title: l.pick("Mã hoạt động", "Activity id"), Kind: Count}, {Title: l.pick("Mục", "Item")},
		{Title: l.pick("Nhiệm vụ", "Task area")}, {Title: l.pick("Hoạt động", "Activity")},
		{Title: l.pick("Cơ quan chủ trì", "Lead agency")}, {Title: l.pick("Cơ quan phối hợp", "Partners")},
		{Title: l.pick("Từ ngày", "From"), Kind: Date}, {Title: l.pick("Đến ngày", "To"), Kind: Date},
		{Title: l.pick("Kết quả dự kiến", "Expected output")}}}
	for _, a := range plan.Activities {
		t.Rows = append(t.Rows, []any{int64(a.ID), a.TaskArea, areaName[a.TaskArea], a.Title, a.LeadAgency, a.Partners,
			optionalDate(a.StartsOn), optionalDate(a.EndsOn), a.ExpectedOutput})
	}
	name := l.pick("Hoạt động", "Activities")
	return Sheet{Name: name, Heading: h.of(l.pick("Hoạt động của kế hoạch", "Activities of the plan"), false), Table: t}
}

func lineSheet(h sheetHeads, lines []budget.Line) Sheet {
	l := h.lang
	t := Table{Columns: []Column{{Title: l.pick("Mã dòng ngân sách", "Budget line id"), Kind: Count},
		{Title: l.pick("Mã hoạt động", "Activity id"), Kind: Count}, {Title: l.pick("Mục", "Item")},
		{Title: l.pick("Nguồn kinh phí", "Funding source")}, {Title: l.pick("Tiểu mục", "Budget item")},
		{Title: l.pick("Số tiền", "Amount"), Kind: Money}, {Title: l.pick("Đã giải ngân", "Disbursed"), Kind: Money},
		{Title: l.pick("Chưa giải ngân của dòng", "Left on the line"), Kind: Money}, {Title: l.pick("Ghi chú", "Note")}}}
	var amount, paid, left int64
	for _, ln := range lines {
		t.Rows = append(t.Rows, []any{int64(ln.ID), int64(ln.ActivityID), ln.TaskArea, l.name(string(ln.FundingSource)), ln.BudgetItem,
			int64(ln.Amount), int64(ln.Disbursed), int64(ln.Remaining()), ln.Description})
		amount, paid, left = amount+int64(ln.Amount), paid+int64(ln.Disbursed), left+int64(ln.Remaining())
	}
	t.Totals = []any{nil, nil, nil, l.pick("Tổng cộng", "Total"), nil, Sum{amount}, Sum{paid}, Sum{left}, nil}
	name := l.pick("Dòng ngân sách", "Budget lines")
	return Sheet{Name: name, Heading: h.of(l.pick("Dòng ngân sách của kế hoạch", "Budget lines of the plan"), true), Table: t}
}

// ledgerSheet is the sheet of a ledger that each walks, oldest first, with
// its total: a stream, not a table. Who recorded an entry is named by
// their full name.
func ledgerSheet(h sheetHeads, each func(func(budget.Disbursement) error) error, names map[string]string) Sheet {
	l := h.lang
	t := Table{Columns: []Column{{Title: l.pick("Số bút toán", "Entry"), Kind: Count}, {Title: l.pick("Ngày chi", "Paid on"), Kind: Date},
		{Title: l.pick("Số chứng từ", "Voucher")}, {Title: l.pick("Mã dòng ngân sách", "Budget line id"), Kind: Count},
		{Title: l.pick("Nguồn kinh phí", "Funding source")}, {Title: l.pick("Mục", "Item")}, {Title: l.pick("Loại", "Kind")},
		{Title: l.pick("Số tiền", "Amount"), Kind: Money}, {Title: l.pick("Đảo bút toán số", "Reverses entry"), Kind: Count},
		{Title: l.pick("Nội dung", "Description")}, {Title: l.pick("Người ghi", "Recorded by")}}}
	sources := map[budget.FundingSource]string{}
	for _, s := range fundingSources {
		sources[s] = l.name(string(s))
	}
	kinds := map[budget.EntryKind]string{budget.Payment: l.pick("Chi", "Payment"), budget.Reversal: l.pick("Đảo", "Reversal")}
	stream := func(yield func([]any) error) ([]any, error) {
		var total int64
		row := make([]any, len(t.Columns))
		err := each(func(d budget.Disbursement) error {
			var reverses any
			if d.ReversesID != 0 {
				reverses = d.ReversesID
			}
			row[0], row[1], row[2], row[3], row[4], row[5] = d.ID, d.PaidOn, d.VoucherNo, int64(d.LineID), sources[d.FundingSource], d.TaskArea
			row[6], row[7], row[8], row[9], row[10] = kinds[d.Kind], int64(d.Amount), reverses, d.Description, personName(names, d.Actor)
			total += int64(d.Amount)
			return yield(row)
		})
		if err != nil {
			return nil, err
		}
		return []any{nil, nil, nil, nil, nil, nil, l.pick("Tổng cộng", "Total"), Sum{total}, nil, nil, nil}, nil
	}
	name := l.pick("Sổ giải ngân", "Ledger")
	return Sheet{Name: name, Heading: h.of(l.pick("Sổ giải ngân", "Disbursement ledger"), true), Table: t, Stream: stream}
}

func staffingSheet(ctx context.Context, src Sources, r Request, h sheetHeads) (Sheet, error) {
	cov, err := src.Indicators.Coverage(ctx, r.Caller, r.Province, r.Year)
	if err != nil {
		return Sheet{}, err
	}
	l := h.lang
	t := Table{Columns: []Column{{Title: l.pick("Mã xã", "Commune code")}, {Title: l.pick("Tên xã", "Commune")},
		{Title: l.pick("Chuyên trách", "Full-time"), Kind: Count}, {Title: l.pick("Kiêm nhiệm", "Part-time"), Kind: Count},
		{Title: l.pick("Cộng tác viên", "Collaborators"), Kind: Count}, {Title: l.pick("Số thôn, tổ dân phố", "Villages"), Kind: Count},
		{Title: l.pick("Thôn có cộng tác viên", "Villages with a collaborator"), Kind: Count},
		{Title: l.pick("Có người làm công tác bảo vệ trẻ em", "Has a child-protection worker")}, {Title: l.pick("Ghi chú", "Note")}}}
	yes, no := l.pick("Có", "Yes"), l.pick("Không", "No")
	var sums [5]int64
	for _, cs := range cov.Communes {
		row := []any{string(cs.Commune.Code), cs.Commune.Name, nil, nil, nil, nil, nil, no, nil}
		if s := cs.Staffing; s != nil {
			counts := [5]int{s.FullTime, s.PartTime, s.Collaborators, s.Villages, s.VillagesWithCollaborator}
			for i, n := range counts {
				row[2+i], sums[i] = n, sums[i]+int64(n)
			}
			row[8] = s.Note
			if s.FullTime+s.PartTime > 0 {
				row[7] = yes
			}
		}
		t.Rows = append(t.Rows, row)
	}
	t.Totals = []any{nil, l.pick("Tổng cộng", "Total"), Sum{sums[0]}, Sum{sums[1]}, Sum{sums[2]}, Sum{sums[3]}, Sum{sums[4]}, nil, nil}
	name := l.pick("Nhân lực xã", "Commune staffing")
	return Sheet{Name: name, Heading: h.of(l.pick("Người làm công tác bảo vệ trẻ em cấp xã", "Commune child-protection staffing"), false),
		Table: t}, nil
}

func valueSheet(ctx context.Context, src Sources, r Request, h sheetHeads) (Sheet, error) {
	values, err := src.Indicators.Values(ctx, r.Caller, r.Province, r.Year)
	if err != nil {
		return Sheet{}, err
	}
	cat, err := src.Indicators.Catalogue(ctx)
	if err != nil {
		return Sheet{}, err
	}
	l := h.lang
	byCode := map[indicators.Code]indicators.Indicator{}
	for _, ind := range cat {
		byCode[ind.Code] = ind
	}
	t := Table{Columns: []Column{{Title: l.pick("Mã chỉ tiêu", "Indicator code")}, {Title: l.pick("Tên chỉ tiêu", "Indicator")},
		{Title: l.pick("Đơn vị tính", "Unit")}, {Title: l.pick("Kỳ", "Period")},
		{Title: l.pick("Tử số", "Numerator"), Kind: Count}, {Title: l.pick("Mẫu số", "Denominator"), Kind: Count},
		{Title: l.pick("Số lượng", "Count"), Kind: Count}, {Title: l.pick("Giá trị", "Value"), Kind: Decimal, Places: 2},
		{Title: l.pick("Ước tính", "Estimate")}, {Title: l.pick("Ghi chú", "Note")}}}
	for _, v := range values {
		var num, den, count, figure any
		if v.Denominator != 0 {
			num, den = v.Numerator, v.Denominator
		} else {
			count = v.Count
		}
		if f, ok := v.Rounded(2); ok {
			figure = f
		}
		estimate := l.pick("Không", "No")
		if v.Estimate {
			estimate = l.pick("Có", "Yes")
		}
		ind := byCode[v.Indicator]
		t.Rows = append(t.Rows, []any{string(v.Indicator), l.pick(ind.NameVI, ind.NameEN), l.unitWords(ind.Unit),
			l.periodOf(v.Period.String()), num, den, count, figure, estimate, v.Note})
	}
	name := l.pick("Chỉ số", "Indicator values")
	return Sheet{Name: name, Heading: h.of(l.pick("Số liệu các chỉ tiêu", "Indicator values"), false), Table: t}, nil
}

func optionalDate(d interface{ IsZero() bool }) any {
	if d.IsZero() {
		return nil
	}
	return d
}
