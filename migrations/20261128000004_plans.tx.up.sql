-- The directive's task areas, annual plans with their versions, activities,
-- targets and status history.
CREATE TABLE task_areas (
    code                       TEXT PRIMARY KEY,
    name_vi                    TEXT NOT NULL,
    name_en                    TEXT NOT NULL,
    eligible_for_central_funds BOOLEAN NOT NULL,
    position                   INTEGER NOT NULL
);
--bun:split
INSERT INTO task_areas (code, name_vi, name_en, eligible_for_central_funds, position) VALUES
('0', 'Quản lý, điều hành chung', 'General administration', FALSE, 0),
('1.1', 'Tuyên truyền, phổ biến Luật Trẻ em và pháp luật liên quan', 'Disseminate the Law on Children and related law', TRUE, 1),
('1.2', 'Giáo dục kiến thức, kỹ năng bảo vệ trẻ em, phòng ngừa xâm hại và bạo lực cho cha mẹ, giáo viên, người chăm sóc và trẻ em', 'Teach parents, teachers, caregivers and children protection and self-protection skills', TRUE, 2),
('1.3', 'Truyền thông Tổng đài điện thoại quốc gia bảo vệ trẻ em 111; đầu mối tiếp nhận thông tin, cơ chế phối hợp xử lý', 'Promote hotline 111; a local focal point to receive reports; coordination for handling cases', TRUE, 3),
('2.1', 'Thành lập cơ quan phối hợp liên ngành về trẻ em', 'Set up the inter-sectoral coordination body on children', TRUE, 4),
('2.2', 'Bố trí, đào tạo, ổn định đội ngũ người làm công tác bảo vệ trẻ em, nhất là cấp xã', 'Staff, train and stabilise child-protection workers, above all in communes', TRUE, 5),
('3.1', 'Điều chỉnh chương trình, kế hoạch; bố trí ngân sách địa phương cho Chương trình bảo vệ trẻ em', 'Adjust local programmes and plans; allocate a local budget for child protection', TRUE, 6),
('3.2', 'Sử dụng kinh phí hỗ trợ từ ngân sách trung ương đúng mục đích, nội dung, đối tượng', 'Use central support funds for their purpose, content and beneficiaries', TRUE, 7),
('3.3', 'Xây dựng cơ sở dữ liệu về trẻ em; thu thập định kỳ số liệu trẻ em bị xâm hại', 'Build a database on children; collect data on abused children periodically', TRUE, 8),
('4.1', 'Rà soát, quy hoạch cơ sở cung cấp dịch vụ bảo vệ trẻ em công lập và ngoài công lập', 'Review and plan public and non-public service providers', TRUE, 9),
('4.2', 'Củng cố, thành lập Trung tâm công tác xã hội; điểm tư vấn cộng đồng, trường học', 'Consolidate or found Social Work Centres; community and school counselling points', TRUE, 10),
('4.3', 'Khuyến khích tổ chức, cá nhân cung cấp dịch vụ bảo vệ trẻ em', 'Encourage organisations and individuals to provide services', TRUE, 11),
('5.1', 'Phân công trách nhiệm chủ trì, phối hợp; áp dụng quy trình hỗ trợ, can thiệp trẻ em bị xâm hại', 'Assign responsibilities; apply the support and intervention procedure for abused children', TRUE, 12),
('5.2', 'Phát hiện, ngăn chặn kịp thời hành vi xâm hại; xử lý nghiêm hành vi che giấu, không tố giác', 'Detect and stop abuse promptly; sanction those who conceal or fail to report', TRUE, 13),
('5.3', 'Tổ chức Tháng hành động vì trẻ em', 'Run the Action Month for Children', TRUE, 14),
('5.4', 'Kiểm tra việc giải quyết các vụ việc phức tạp, dư luận quan tâm', 'Inspect the handling of complex cases of public concern', TRUE, 15),
('5.5', 'Báo cáo kịp thời khó khăn, vụ việc khẩn cấp về Bộ', 'Report difficulties and urgent cases to the ministry promptly', TRUE, 16);
--bun:split
CREATE TABLE plans (
    id            {{.PK}},
    province_code TEXT NOT NULL REFERENCES provinces (code),
    year          INTEGER NOT NULL CHECK (year BETWEEN 2017 AND 2100),
    version       INTEGER NOT NULL CHECK (version >= 1),
    status        TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'superseded')),
    title         TEXT NOT NULL CHECK (title <> ''),
    narrative     TEXT NOT NULL DEFAULT '',
    revision      BIGINT NOT NULL DEFAULT 1,
    created_at    {{.Time}} NOT NULL,
    updated_at    {{.Time}} NOT NULL,
    UNIQUE (province_code, year, version)
);
--bun:split
CREATE TABLE activities (
    id              {{.PK}},
    plan_id         BIGINT NOT NULL REFERENCES plans (id),
    lineage         TEXT NOT NULL,
    task_area       TEXT NOT NULL REFERENCES task_areas (code),
    title           TEXT NOT NULL CHECK (title <> ''),
    lead_agency     TEXT NOT NULL DEFAULT '',
    partners        TEXT NOT NULL DEFAULT '',
    starts_on       {{.Date}},
    ends_on         {{.Date}},
    expected_output TEXT NOT NULL DEFAULT '',
    position        INTEGER NOT NULL,
    UNIQUE (plan_id, lineage)
);
--bun:split
CREATE INDEX activities_plan_id ON activities (plan_id, position);
--bun:split
CREATE TABLE plan_targets (
    plan_id        BIGINT NOT NULL REFERENCES plans (id),
    indicator_code TEXT NOT NULL REFERENCES indicators (code),
    value          TEXT NOT NULL,
    PRIMARY KEY (plan_id, indicator_code)
);
--bun:split
CREATE TABLE plan_events (
    id          {{.PK}},
    plan_id     BIGINT NOT NULL REFERENCES plans (id),
    at          {{.Time}} NOT NULL,
    actor_id    BIGINT REFERENCES users (id),
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT ''
);
--bun:split
CREATE INDEX plan_events_plan_id ON plan_events (plan_id, id);
