package demo

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"baove"
	"baove/access"
	"baove/app"
	"baove/attachments"
	"baove/budget"
	"baove/exports"
	"baove/plans"
	"baove/units"
	"baove/vn"
)

// unsigned is the demo plan issued without its signed scan, so that
// compliance warns: TP Hồ Chí Minh's 2025 plan.
var unsigned = map[units.ProvinceCode]int{"79": 2025}

// loadAttachments attaches small PDFs made here with the reports' PDF
// writer: the signed scan of every demo plan in force but one (unsigned),
// Hà Nội's 2025 one rescanned (the rescan supersedes the first), the
// decision of every central allocation, the vouchers of Hà Nội's first
// payments of 2026, and the evidence of Hà Nội's coordination body (check
// COORDINATION_ACTIVITY, 2026). An owner that has attachments already is
// left alone.
func loadAttachments(ctx context.Context, d *app.Services, w io.Writer) error {
	n := 0
	for _, dp := range demoPlans {
		k, err := attachDemoPlan(ctx, d, dp)
		if err != nil {
			return fmt.Errorf("demo: attachments %s/%d: %w", dp.province, dp.year, err)
		}
		n += k
	}
	k, err := attachEvidence(ctx, d)
	if err != nil {
		return fmt.Errorf("demo: evidence: %w", err)
	}
	if n += k; n > 0 {
		fmt.Fprintf(w, "demo: attachments: %d\n", n)
	}
	return nil
}

// attachDemoPlan attaches the signed plan, the allocation decisions and,
// for Hà Nội in 2026, payment vouchers of one demo province-year, and
// returns how many it attached.
func attachDemoPlan(ctx context.Context, d *app.Services, dp demoPlan) (int, error) {
	a := attacher{ctx: ctx, d: d}
	name, err := provinceName(ctx, d, dp.province)
	if err != nil {
		return 0, err
	}
	if err := a.signedPlan(dp, name); err != nil {
		return a.n, err
	}
	if err := a.decisions(dp); err != nil {
		return a.n, err
	}
	if dp.province == "01" && dp.year == 2026 {
		err = a.vouchers(dp, name, 3)
	}
	return a.n, err
}

// attacher adds demo attachments and counts them.
type attacher struct {
	ctx context.Context
	d   *app.Services
	n   int
}

// add attaches u as c unless its owner has attachments already, or it is
// a rescan (u.Supersedes set).
func (a *attacher) add(c access.Caller, u attachments.Upload) (attachments.Attachment, error) {
	if u.Supersedes == 0 {
		have, err := a.d.Attachments.List(a.ctx, c, u.Owner)
		if err != nil || len(have) > 0 {
			return attachments.Attachment{}, err
		}
	}
	at, err := a.d.Attachments.Add(a.ctx, c, u)
	if err == nil {
		a.n++
	}
	return at, err
}

// signedPlan attaches the scan of the plan in force, as its planner.
func (a *attacher) signedPlan(dp demoPlan, province string) error {
	planner, err := caller(a.ctx, a.d, dp.planner)
	if err != nil || unsigned[dp.province] == dp.year {
		return err
	}
	all, err := a.d.Plans.Plans(a.ctx, planner, plans.Filter{Province: dp.province, Year: dp.year, Status: plans.Approved})
	if err != nil || len(all) == 0 {
		return err
	}
	p := all[0]
	doc := scanDoc{province: province, title: "KẾ HOẠCH", subject: p.Title, date: baove.NewDate(dp.year, 1, 15),
		text: "Bản chụp kế hoạch đã được ký, đóng dấu (tài liệu minh họa của bản demo)."}
	first, err := a.add(planner, attachments.Upload{Owner: attachments.PlanOwner(p.ID), Title: "Kế hoạch đã ký",
		FileName: fmt.Sprintf("Kế hoạch BVTE %d - %s.pdf", dp.year, province), Content: doc.pdf()})
	if err != nil || first.ID == 0 || dp.province != "01" || dp.year != 2025 {
		return err
	}
	doc.text = "Bản chụp lại, rõ hơn, của kế hoạch đã được ký, đóng dấu (tài liệu minh họa của bản demo)."
	_, err = a.add(planner, attachments.Upload{Owner: attachments.PlanOwner(p.ID), Title: "Kế hoạch đã ký (bản chụp lại)",
		FileName: fmt.Sprintf("Kế hoạch BVTE %d - %s (chụp lại).pdf", dp.year, province), Supersedes: first.ID, Content: doc.pdf()})
	return err
}

// decisions attaches the decision of each central allocation of the
// province-year, as the reviewer.
func (a *attacher) decisions(dp demoPlan) error {
	reviewer, err := caller(a.ctx, a.d, "reviewer")
	if err != nil {
		return err
	}
	all, err := a.d.Budget.Allocations(a.ctx, reviewer, dp.province, dp.year)
	if err != nil {
		return err
	}
	for _, al := range all {
		if al.Kind != budget.Allocated {
			continue
		}
		doc := scanDoc{issuer: "BỘ Y TẾ", title: "QUYẾT ĐỊNH", date: al.DecidedOn,
			subject: fmt.Sprintf("Về việc phân bổ kinh phí hỗ trợ công tác bảo vệ trẻ em năm %d (số %s)", al.Year, al.DecisionNo),
			text:    fmt.Sprintf("Phân bổ %s đồng cho tỉnh, thành phố mã %s (tài liệu minh họa của bản demo).", money(al.Amount), al.Province)}
		if _, err := a.add(reviewer, attachments.Upload{Owner: attachments.AllocationOwner(al.ID), Content: doc.pdf(),
			FileName: "Quyết định " + strings.ReplaceAll(al.DecisionNo, "/", "-") + ".pdf"}); err != nil {
			return err
		}
	}
	return nil
}

// vouchers attaches the vouchers of the first n payments of the
// province-year, as its finance officer.
func (a *attacher) vouchers(dp demoPlan, province string, n int) error {
	finance, err := caller(a.ctx, a.d, "finance."+strings.TrimPrefix(dp.planner, "planner."))
	if err != nil {
		return err
	}
	ledger, err := a.d.Budget.Ledger(a.ctx, finance, dp.province, dp.year)
	if err != nil {
		return err
	}
	for _, e := range ledger {
		if e.Kind != budget.Payment || n == 0 {
			continue
		}
		n--
		doc := scanDoc{province: province, title: "PHIẾU CHI", subject: "Số " + e.VoucherNo, date: e.PaidOn,
			text: fmt.Sprintf("%s: %s đồng (tài liệu minh họa của bản demo).", e.Description, money(e.Amount))}
		if _, err := a.add(finance, attachments.Upload{Owner: attachments.DisbursementOwner(e.ID), Content: doc.pdf(),
			FileName: "Phiếu chi " + e.VoucherNo + ".pdf"}); err != nil {
			return err
		}
	}
	return nil
}

// attachEvidence attaches Hà Nội's decision setting up its coordination
// body as the evidence of check COORDINATION_ACTIVITY for 2026.
func attachEvidence(ctx context.Context, d *app.Services) (int, error) {
	planner, err := caller(ctx, d, "planner.hanoi")
	if err != nil {
		return 0, err
	}
	a := attacher{ctx: ctx, d: d}
	doc := scanDoc{province: "Thành phố Hà Nội", title: "QUYẾT ĐỊNH", date: baove.NewDate(2026, 3, 2),
		subject: "Về việc kiện toàn Ban chỉ đạo liên ngành về trẻ em thành phố Hà Nội",
		text:    "Kiện toàn Ban chỉ đạo liên ngành về trẻ em theo Điều 94 Luật Trẻ em (tài liệu minh họa của bản demo)."}
	_, err = a.add(planner, attachments.Upload{Content: doc.pdf(), Title: "Quyết định kiện toàn Ban chỉ đạo liên ngành",
		Owner:    attachments.CheckOwner(attachments.CheckRef{Province: "01", Year: 2026, Code: "COORDINATION_ACTIVITY"}),
		FileName: "QĐ kiện toàn BCĐ liên ngành.pdf"})
	return a.n, err
}

// scanDoc is a demo document, laid out as an official one.
type scanDoc struct {
	issuer, province     string // the ministry, or the province's People's Committee
	title, subject, text string
	date                 baove.Date
}

// pdf returns the document as a PDF of one page.
func (s scanDoc) pdf() []byte {
	issuer, place := []string{s.issuer}, "Hà Nội"
	if s.issuer == "" {
		issuer, place = []string{"ỦY BAN NHÂN DÂN", strings.ToUpper(s.province)}, strings.TrimPrefix(s.province, "tỉnh ")
	}
	var b bytes.Buffer
	if err := exports.WritePDF(&b, exports.Document{Lang: exports.Vietnamese, Issuer: issuer, Place: place, Date: s.date,
		Title: s.title, Subtitle: s.subject, Blocks: []exports.Block{exports.Paragraph{Text: s.text}},
		Signatures: []exports.Signature{{Title: "(Đã ký và đóng dấu)"}}}); err != nil {
		panic(err) // a fixed document of the demo: a failure is a bug
	}
	return b.Bytes()
}

// money writes whole đồng with Vietnamese grouping.
func money(v budget.VND) string { return vn.Int(int64(v)) }
