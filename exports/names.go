package exports

import "baove/i18n"

// names gives the words a report uses for the domain's codes, in both
// languages: statuses, funding sources, workflow steps.
var names = map[string][2]string{ // code → {Vietnamese, English}
	// plan statuses
	"draft": {"Dự thảo", "Draft"}, "submitted": {"Đã trình, chờ ban hành", "Submitted, awaiting issuance"},
	"returned": {"Trả lại để hoàn thiện", "Returned for changes"}, "approved": {"Đã ban hành", "Issued"},
	"superseded": {"Đã được thay thế", "Superseded"}, "none": {"Chưa có kế hoạch", "No plan"},
	// workflow steps
	"create": {"Tạo dự thảo", "Drafted"}, "submit": {"Trình ban hành", "Submitted"}, "approve": {"Ban hành", "Issued"},
	"return": {"Trả lại", "Returned"}, "revise": {"Điều chỉnh", "Revision started"}, "supersede": {"Thay thế", "Superseded"},
	// funding sources
	"central":    {"Ngân sách trung ương hỗ trợ có mục tiêu", "Central targeted support"},
	"provincial": {"Ngân sách tỉnh", "Provincial budget"}, "commune": {"Ngân sách xã", "Commune budget"},
	"other": {"Nguồn khác (xã hội hóa, tài trợ)", "Other (mobilised, donors)"},
	// progress
	"in_progress": {"Đang thực hiện (số ước tính)", "In progress (estimate)"}, "on_track": {"Đúng tiến độ", "On track"},
	"at_risk": {"Có nguy cơ không đạt", "At risk"}, "achieved": {"Đạt", "Achieved"}, "not_achieved": {"Không đạt", "Not achieved"},
	"no_data": {"Chưa có số liệu", "No data"}, "monitored": {"Theo dõi", "Monitored"},
	"plan": {"Kế hoạch tỉnh", "Provincial plan"}, "national": {"Chỉ tiêu quốc gia", "National target"},
	// compliance
	"pass": {"Đạt", "Pass"}, "fail": {"Không đạt", "Fail"}, "warn": {"Cảnh báo", "Warning"},
	"not_applicable": {"Không áp dụng", "Not applicable"},
	// year-end
	"carry_over":   {"Chuyển nguồn sang năm sau", "Carried over to the next year"},
	"return_funds": {"Nộp trả ngân sách trung ương", "Returned to the central budget"},
}

// name returns the word for code in lang, or code itself when there is none.
func (l Lang) name(code string) string {
	n, ok := names[code]
	if !ok {
		return code
	}
	if l == English {
		return n[1]
	}
	return n[0]
}

// pick returns vi or en by language.
func (l Lang) pick(vi, en string) string {
	if l == English {
		return en
	}
	return vi
}

// i18n returns the catalogue's language for lang: English, else
// Vietnamese.
func (l Lang) i18n() i18n.Lang {
	if l == English {
		return i18n.EN
	}
	return i18n.VI
}
