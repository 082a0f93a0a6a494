package gen

// activityTitles are the activities a province plans under each task area
// of the 2017 directive, as plans word them.
var activityTitles = map[string][]string{
	"0":   {"Kiểm tra, giám sát, tổng kết công tác bảo vệ trẻ em", "Sơ kết 6 tháng, tổng kết năm công tác trẻ em"},
	"1.1": {"Tuyên truyền Luật Trẻ em trên đài phát thanh, truyền hình và mạng xã hội", "Biên soạn, in ấn tài liệu phổ biến pháp luật về trẻ em"},
	"1.2": {"Tập huấn kỹ năng phòng, chống xâm hại cho cha mẹ, giáo viên và học sinh", "Tổ chức lớp kỹ năng tự bảo vệ cho trẻ em tại trường học"},
	"1.3": {"Truyền thông Tổng đài quốc gia bảo vệ trẻ em 111; kiện toàn đầu mối tiếp nhận thông tin tại xã", "Duy trì đầu mối tiếp nhận, xử lý thông tin về trẻ em bị xâm hại"},
	"2.1": {"Kiện toàn Ban chỉ đạo liên ngành về trẻ em cấp tỉnh và cấp xã", "Họp định kỳ cơ quan phối hợp liên ngành về trẻ em"},
	"2.2": {"Bố trí và bồi dưỡng người làm công tác bảo vệ trẻ em ở các xã, phường", "Tập huấn nâng cao năng lực cho cộng tác viên thôn, tổ dân phố"},
	"3.1": {"Xây dựng kế hoạch và dự toán kinh phí bảo vệ trẻ em", "Lồng ghép chỉ tiêu trẻ em vào kế hoạch phát triển kinh tế - xã hội"},
	"3.2": {"Hỗ trợ trực tiếp trẻ em có hoàn cảnh đặc biệt từ kinh phí trung ương", "Kiểm tra việc sử dụng kinh phí hỗ trợ có mục tiêu"},
	"3.3": {"Thu thập số liệu trẻ em bị xâm hại theo quý; cập nhật cơ sở dữ liệu trẻ em", "Cập nhật phần mềm quản lý thông tin trẻ em"},
	"4.1": {"Rà soát cơ sở cung cấp dịch vụ bảo vệ trẻ em công lập và ngoài công lập", "Khảo sát nhu cầu dịch vụ bảo vệ trẻ em"},
	"4.2": {"Củng cố Trung tâm công tác xã hội và các điểm tư vấn tại trường học", "Thành lập điểm tư vấn, tham vấn cộng đồng"},
	"4.3": {"Vận động tổ chức, cá nhân tham gia cung cấp dịch vụ bảo vệ trẻ em", "Phối hợp với tổ chức quốc tế hỗ trợ dịch vụ"},
	"5.1": {"Áp dụng quy trình hỗ trợ, can thiệp trẻ em bị xâm hại", "Hỗ trợ trực tiếp trẻ em bị xâm hại, bạo lực"},
	"5.2": {"Phối hợp phát hiện, ngăn chặn hành vi xâm hại trẻ em", "Xử lý vi phạm che giấu, không tố giác hành vi xâm hại"},
	"5.3": {"Tổ chức Tháng hành động vì trẻ em", "Phát động Tháng hành động vì trẻ em tại các xã"},
	"5.4": {"Kiểm tra việc giải quyết các vụ việc xâm hại trẻ em phức tạp", "Đoàn kiểm tra liên ngành về vụ việc dư luận quan tâm"},
	"5.5": {"Báo cáo định kỳ, đột xuất về Bộ", "Tổng hợp khó khăn, vướng mắc báo cáo Bộ"},
}

// leads are the departments that lead activities.
var leads = []string{"Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ", "Công an tỉnh",
	"UBND tỉnh", "Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh đoàn"}

// partners work with the lead.
var partners = []string{"", "UBND các xã", "Báo, đài tỉnh", "Các sở, ngành thành viên", "Công an tỉnh; UBND các xã",
	"Hội Liên hiệp Phụ nữ tỉnh", "Sở Tư pháp"}

// budgetItems are tiểu mục codes of the budget classification that
// child-protection lines carry; "" is a line without one.
var budgetItems = []string{"", "6551", "6651", "6702", "6757", "7001", "7049", "7756"}

// paymentNotes describe payments.
var paymentNotes = []string{"Chi hội nghị, tập huấn", "Chi in ấn tài liệu", "Chi công tác phí", "Chi thuê dịch vụ truyền thông",
	"Chi hỗ trợ trẻ em", "Chi văn phòng phẩm", "Chi bồi dưỡng cộng tác viên", "Chi tổ chức sự kiện"}

// reversalReasons say why a payment was reversed.
var reversalReasons = []string{"Hủy chứng từ do sai thông tin người nhận", "Ghi trùng chứng từ", "Sai nguồn kinh phí, hạch toán lại",
	"Đơn vị trả lại tiền tạm ứng chưa sử dụng"}

// returnReasons say why a reviewer returned a plan.
var returnReasons = []string{"Đề nghị bổ sung hoạt động kiện toàn Ban chỉ đạo liên ngành (mục 2.1).",
	"Đề nghị làm rõ dự toán kinh phí theo nguồn.", "Chỉ tiêu trẻ em có hoàn cảnh đặc biệt chưa phù hợp thực tế địa phương."}

// correctionReasons say why the ministry corrected an allocation.
var correctionReasons = []string{"Điều chỉnh giảm dự toán theo Quyết định điều chỉnh của Bộ",
	"Thu hồi kinh phí phân bổ trùng"}
