package exports

import (
	"context"

	"baove/budget"
	"baove/plans"
)

// BuildProvinceWorkbook gathers a province's data for year as a workbook:
// the budget summary (the same figures, "remaining" included, as the API
// and the PDF), the plan's activities and budget lines, the disbursement
// ledger, the staffing of each commune and the indicator values. Each
// source checks c. The ledger, which may run to hundreds of thousands of
// entries, is not read here: its sheet streams it from the store, with
// ctx, when the workbook is written (WriteXLSX), so that it is never held
// in memory.
func BuildProvinceWorkbook(ctx context.Context, src Sources, r Request) (Workbook, error) {
	c, p, year := r.Caller, r.Province, r.Year
	sum, err := src.Budget.Summary(ctx, c, p, year)
	if err != nil {
		return Workbook{}, err
	}
	sheets := []Sheet{summarySheet(sum)}
	plan, err := fullPlan(ctx, src, c, sum)
	if err != nil {
		return Workbook{}, err
	}
	if plan != nil {
		lines, err := src.Budget.Lines(ctx, c, plan.ID)
		if err != nil {
			return Workbook{}, err
		}
		sheets = append(sheets, activitySheet(*plan), lineSheet(lines))
	}
	ledger := func(fn func(budget.Disbursement) error) error {
		return src.Budget.EachLedgerEntry(ctx, c, p, year, fn)
	}
	staffing, err := staffingSheet(ctx, src, r)
	if err != nil {
		return Workbook{}, err
	}
	values, err := valueSheet(ctx, src, r)
	if err != nil {
		return Workbook{}, err
	}
	return Workbook{Sheets: append(sheets, ledgerSheet(ledger), staffing, values)}, nil
}

// summarySheet is the budget summary by funding source and by task area,
// each table closed by the summary's totals.
func summarySheet(sum budget.Summary) Sheet {
	b := budgetSection(Vietnamese, sum)
	t := Table{Columns: []Column{{Title: "Bảng"}, {Title: "Nguồn kinh phí, nhiệm vụ"}, {Title: "Kế hoạch (đồng)", Kind: Money},
		{Title: "Phân bổ (đồng)", Kind: Money}, {Title: "Đã giải ngân (đồng)", Kind: Money}, {Title: "Còn lại (đồng)", Kind: Money},
		{Title: "Tỷ lệ giải ngân (%)", Kind: Decimal, Places: 2}}}
	add := func(table string, m MoneyRow) {
		t.Rows = append(t.Rows, []any{table, m.Label, m.Planned, m.Allocated, m.Disbursed, m.Remaining, nullable(m.Rate)})
	}
	areas := func(table string, rows []AreaRow, total MoneyRow) {
		for _, a := range rows {
			t.Rows = append(t.Rows, []any{table, a.Label, a.Planned, nil, a.Disbursed, nil, nil})
		}
		add(table, total)
	}
	for _, m := range b.BySource {
		add("Theo nguồn", m)
	}
	add("Theo nguồn", b.Total)
	areas("Theo nhiệm vụ (phân bổ theo năm, không chia theo nhiệm vụ)", b.ByTaskArea, b.Total)
	areas("Kinh phí trung ương theo nhiệm vụ", b.CentralByTaskArea, b.CentralTotal)
	return Sheet{Name: "Tổng hợp kinh phí", Table: t}
}

func activitySheet(plan plans.Plan) Sheet {
	t := Table{Columns: []Column{{Title: "Mã hoạt động", Kind: Count}, {Title: "Mục (nhiệm vụ)"}, {Title: "Hoạt động"}, {Title: "Cơ quan chủ trì"},
		{Title: "Cơ quan phối hợp"}, {Title: "Từ ngày", Kind: Date}, {Title: "Đến ngày", Kind: Date}, {Title: "Kết quả dự kiến"}}}
	for _, a := range plan.Activities {
		t.Rows = append(t.Rows, []any{int64(a.ID), a.TaskArea, a.Title, a.LeadAgency, a.Partners, optionalDate(a.StartsOn), optionalDate(a.EndsOn), a.ExpectedOutput})
	}
	return Sheet{Name: "Hoạt động", Table: t}
}

func lineSheet(lines []budget.Line) Sheet {
	t := Table{Columns: []Column{{Title: "Mã dòng ngân sách", Kind: Count}, {Title: "Mã hoạt động", Kind: Count}, {Title: "Mục"},
		{Title: "Nguồn kinh phí"}, {Title: "Tiểu mục"}, {Title: "Số tiền (đồng)", Kind: Money}, {Title: "Đã giải ngân (đồng)", Kind: Money},
		{Title: "Chưa giải ngân của dòng (đồng)", Kind: Money}, {Title: "Ghi chú"}}}
	var amount, paid int64
	for _, l := range lines {
		t.Rows = append(t.Rows, []any{int64(l.ID), int64(l.ActivityID), l.TaskArea, Vietnamese.name(string(l.FundingSource)), l.BudgetItem,
			int64(l.Amount), int64(l.Disbursed), int64(l.Remaining()), l.Description})
		amount, paid = amount+int64(l.Amount), paid+int64(l.Disbursed)
	}
	// What remains to spend is allocated − disbursed, on the summary sheet;
	// a line's undisbursed amount is another figure, so it has no total.
	t.Totals = []any{nil, nil, nil, "Tổng cộng", nil, amount, paid, nil, nil}
	return Sheet{Name: "Dòng ngân sách", Table: t}
}

// ledgerSheet is the sheet of a ledger that each walks, oldest first, with
// its total: a stream, not a table.
func ledgerSheet(each func(func(budget.Disbursement) error) error) Sheet {
	t := Table{Columns: []Column{{Title: "Số bút toán", Kind: Count}, {Title: "Ngày chi", Kind: Date}, {Title: "Số chứng từ"},
		{Title: "Mã dòng ngân sách", Kind: Count}, {Title: "Nguồn kinh phí"}, {Title: "Mục"}, {Title: "Loại"}, {Title: "Số tiền (đồng)", Kind: Money},
		{Title: "Đảo bút toán số", Kind: Count}, {Title: "Nội dung"}, {Title: "Người ghi"}}}
	stream := func(yield func([]any) error) ([]any, error) {
		var total int64
		row := make([]any, len(t.Columns))
		err := each(func(d budget.Disbursement) error {
			ledgerRow(row, d)
			total += int64(d.Amount)
			return yield(row)
		})
		if err != nil {
			return nil, err
		}
		return []any{nil, nil, nil, nil, nil, nil, "Tổng cộng", total, nil, nil, nil}, nil
	}
	return Sheet{Name: "Sổ giải ngân", Table: t, Stream: stream}
}

// ledgerRow fills row with the cells of entry d.
func ledgerRow(row []any, d budget.Disbursement) {
	kind := "Chi"
	if d.Kind == budget.Reversal {
		kind = "Đảo"
	}
	var reverses any
	if d.ReversesID != 0 {
		reverses = d.ReversesID
	}
	row[0], row[1], row[2], row[3], row[4], row[5] = d.ID, d.PaidOn, d.VoucherNo, int64(d.LineID), Vietnamese.name(string(d.FundingSource)), d.TaskArea
	row[6], row[7], row[8], row[9], row[10] = kind, int64(d.Amount), reverses, d.Description, d.Actor
}

func staffingSheet(ctx context.Context, src Sources, r Request) (Sheet, error) {
	cov, err := src.Indicators.Coverage(ctx, r.Caller, r.Province, r.Year)
	if err != nil {
		return Sheet{}, err
	}
	t := Table{Columns: []Column{{Title: "Mã xã"}, {Title: "Tên xã"}, {Title: "Chuyên trách", Kind: Count}, {Title: "Kiêm nhiệm", Kind: Count},
		{Title: "Cộng tác viên", Kind: Count}, {Title: "Số thôn, tổ dân phố", Kind: Count}, {Title: "Thôn có cộng tác viên", Kind: Count},
		{Title: "Có người làm BVTE"}, {Title: "Ghi chú"}}}
	for _, cs := range cov.Communes {
		row := []any{string(cs.Commune.Code), cs.Commune.Name, nil, nil, nil, nil, nil, "Không", nil}
		if s := cs.Staffing; s != nil {
			row[2], row[3], row[4], row[5], row[6], row[8] = s.FullTime, s.PartTime, s.Collaborators, s.Villages, s.VillagesWithCollaborator, s.Note
			if s.FullTime+s.PartTime > 0 {
				row[7] = "Có"
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return Sheet{Name: "Nhân lực xã", Table: t}, nil
}

func valueSheet(ctx context.Context, src Sources, r Request) (Sheet, error) {
	values, err := src.Indicators.Values(ctx, r.Caller, r.Province, r.Year)
	if err != nil {
		return Sheet{}, err
	}
	t := Table{Columns: []Column{{Title: "Mã chỉ tiêu"}, {Title: "Kỳ"}, {Title: "Tử số", Kind: Count}, {Title: "Mẫu số", Kind: Count},
		{Title: "Số lượng", Kind: Count}, {Title: "Giá trị", Kind: Decimal, Places: 2}, {Title: "Ước tính"}, {Title: "Ghi chú"}}}
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
		estimate := "Không"
		if v.Estimate {
			estimate = "Có"
		}
		t.Rows = append(t.Rows, []any{string(v.Indicator), v.Period.String(), num, den, count, figure, estimate, v.Note})
	}
	return Sheet{Name: "Chỉ số", Table: t}, nil
}

func optionalDate(d interface{ IsZero() bool }) any {
	if d.IsZero() {
		return nil
	}
	return d
}
