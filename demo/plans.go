package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/shopspring/decimal"

	"baove"
	"baove/access"
	"baove/app"
	"baove/indicators"
	"baove/plans"
	"baove/units"
)

// activity is a demo activity; months are within the plan's year.
type activity struct {
	taskArea, title, lead, partners, output string
	from, to                                int // months
}

var activities = []activity{
	{"1.1", "Tuyên truyền Luật Trẻ em trên đài phát thanh, truyền hình và mạng xã hội", "Sở Văn hóa, Thể thao và Du lịch", "Báo, đài tỉnh", "12 chuyên mục; 40 tin, bài", 2, 11},
	{"1.2", "Tập huấn kỹ năng phòng, chống xâm hại cho cha mẹ, giáo viên và học sinh", "Sở Giáo dục và Đào tạo", "Hội Liên hiệp Phụ nữ tỉnh", "3.000 lượt người được tập huấn", 3, 10},
	{"1.3", "Truyền thông Tổng đài quốc gia bảo vệ trẻ em 111; kiện toàn đầu mối tiếp nhận thông tin tại xã", "Sở Y tế", "Công an tỉnh; UBND các xã", "100 % xã có đầu mối tiếp nhận", 1, 12},
	{"2.1", "Kiện toàn Ban chỉ đạo liên ngành về trẻ em cấp tỉnh và cấp xã", "UBND tỉnh", "Các sở, ngành thành viên", "Quyết định kiện toàn được ban hành", 1, 3},
	{"2.2", "Bố trí và bồi dưỡng người làm công tác bảo vệ trẻ em ở các xã, phường", "Sở Nội vụ", "UBND các xã", "Mỗi xã có ít nhất 1 người làm công tác bảo vệ trẻ em", 2, 12},
	{"3.3", "Thu thập số liệu trẻ em bị xâm hại theo quý; cập nhật cơ sở dữ liệu trẻ em", "Sở Y tế", "Công an tỉnh; Tòa án nhân dân tỉnh", "4 báo cáo quý", 1, 12},
	{"4.2", "Củng cố Trung tâm công tác xã hội và các điểm tư vấn tại trường học", "Sở Y tế", "Sở Giáo dục và Đào tạo", "20 điểm tư vấn học đường hoạt động", 3, 12},
	{"5.1", "Áp dụng quy trình hỗ trợ, can thiệp trẻ em bị xâm hại; hỗ trợ trực tiếp trẻ em bị xâm hại", "Sở Y tế", "Công an tỉnh; Bệnh viện đa khoa tỉnh", "100 % vụ việc được hỗ trợ kịp thời", 1, 12},
	{"5.3", "Tổ chức Tháng hành động vì trẻ em", "Sở Y tế", "Các sở, ngành, đoàn thể; UBND các xã", "Lễ phát động cấp tỉnh; hoạt động tại 100 % xã", 5, 6},
	{"0", "Kiểm tra, giám sát, tổng kết công tác bảo vệ trẻ em", "Sở Y tế", "", "Báo cáo tổng kết năm", 11, 12},
}

// targets are the demo provinces' own targets, often different from the
// national ones (docs/domain.md §3).
var targets = map[indicators.Code]string{
	indicators.CommuneWorker: "100", indicators.CollabVillage: "80", "CP_STAFF_TRAINED": "90",
	"CP_CSS_RATE": "6", "CP_CSS_SUPPORTED": "90", "CP_ABUSE_HANDLED": "100", "CP_CHILD_FRIENDLY": "65", "CP_BIRTH_REG": "98.5",
}

func loadPlans(ctx context.Context, d *app.Services, w io.Writer) error {
	for _, dp := range demoPlans {
		planner, err := caller(ctx, d, dp.planner)
		if err != nil {
			return err
		}
		existing, err := d.Plans.Plans(ctx, planner, plans.Filter{Province: dp.province, Year: dp.year})
		if err != nil || len(existing) > 0 {
			continue
		}
		p, err := buildPlan(ctx, on(d, dp.created), planner, dp)
		if err != nil {
			return fmt.Errorf("demo: plan %s/%d: %w", dp.province, dp.year, err)
		}
		if p, err = tell(ctx, d, dp, p); err != nil {
			return fmt.Errorf("demo: plan %s/%d: %w", dp.province, dp.year, err)
		}
		fmt.Fprintf(w, "demo: plan %s %d (version %d %s)\n", dp.province, dp.year, p.Version, p.Status)
	}
	return nil
}

func caller(ctx context.Context, d *app.Services, username string) (access.Caller, error) {
	u, err := d.Access.UserByUsername(ctx, username)
	if err != nil {
		return access.Caller{}, fmt.Errorf("demo: user %s: %w", username, err)
	}
	return u.Caller("demo"), nil
}

func buildPlan(ctx context.Context, d *app.Services, c access.Caller, dp demoPlan) (plans.Plan, error) {
	name, err := provinceName(ctx, d, dp.province)
	if err != nil {
		return plans.Plan{}, err
	}
	p, err := d.Plans.Create(ctx, c, plans.NewPlan{Province: dp.province, Year: dp.year,
		Title:     fmt.Sprintf("Kế hoạch thực hiện công tác bảo vệ trẻ em năm %d", dp.year),
		Narrative: fmt.Sprintf("Triển khai Chỉ thị năm 2017 về tăng cường giải pháp phòng, chống bạo lực, xâm hại trẻ em trên địa bàn %s.", name)})
	if err != nil {
		return p, err
	}
	for _, a := range activities {
		if dp.returned() && a.taskArea == "2.1" {
			continue // the approver will ask for it
		}
		if p, _, err = d.Plans.AddActivity(ctx, c, p.ID, a.input(dp.year)); err != nil {
			return p, err
		}
	}
	for _, code := range sortedCodes(targets) {
		v := targets[code]
		if p, err = d.Plans.SetTarget(ctx, c, p.Ref(), plans.Target{Indicator: code, Value: decimal.RequireFromString(v)}); err != nil {
			return p, err
		}
	}
	return addLines(ctx, d, c, p)
}

func (a activity) input(year int) plans.ActivityInput {
	return plans.ActivityInput{TaskArea: a.taskArea, Title: a.title, LeadAgency: a.lead, Partners: a.partners,
		ExpectedOutput: a.output, StartsOn: baove.NewDate(year, monthOf(a.from), 1),
		EndsOn: baove.NewDate(year, monthOf(a.to)+1, 1).AddDays(-1)}
}

func monthOf(m int) time.Month { return time.Month(m) }

func provinceName(ctx context.Context, d *app.Services, code units.ProvinceCode) (string, error) {
	p, err := d.Units.Province(ctx, code)
	if err != nil {
		return "", err
	}
	if p.Kind == units.Tinh {
		return "tỉnh " + p.Name, nil
	}
	return p.Name, nil
}
