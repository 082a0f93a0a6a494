-- The indicator catalogue (docs/domain.md §3) and national targets. Values are
-- decimal strings (exact on both engines), never REAL.
CREATE TABLE indicators (
    code      TEXT PRIMARY KEY CHECK (code <> ''),
    name_vi   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    unit      TEXT NOT NULL CHECK (unit IN ('percent', 'count', 'per_100k')),
    direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower', 'monitor')),
    computed  BOOLEAN NOT NULL DEFAULT FALSE,
    position  INTEGER NOT NULL
);
--bun:split
CREATE TABLE national_targets (
    indicator_code TEXT NOT NULL REFERENCES indicators (code),
    year           INTEGER NOT NULL,
    comparator     TEXT NOT NULL CHECK (comparator IN ('>=', '<=', '<', '=')),
    value          TEXT NOT NULL,
    source         TEXT NOT NULL,
    PRIMARY KEY (indicator_code, year)
);
--bun:split
INSERT INTO indicators (code, name_vi, name_en, unit, direction, computed, position) VALUES
('CP_COMMUNE_WORKER', 'Tỷ lệ xã, phường, đặc khu bố trí người làm công tác bảo vệ trẻ em', 'Communes with an assigned child-protection worker', 'percent', 'higher', TRUE, 1),
('CP_COLLAB_VILLAGE', 'Tỷ lệ thôn, tổ dân phố có cộng tác viên bảo vệ trẻ em', 'Villages with a child-protection collaborator', 'percent', 'higher', TRUE, 2),
('CP_STAFF_TRAINED', 'Tỷ lệ người làm công tác bảo vệ trẻ em, cộng tác viên được nâng cao năng lực', 'Child-protection staff and collaborators trained', 'percent', 'higher', FALSE, 3),
('CP_CSS_RATE', 'Tỷ lệ trẻ em có hoàn cảnh đặc biệt trên tổng số trẻ em', 'Children in special circumstances, share of all children', 'percent', 'lower', FALSE, 4),
('CP_CSS_SUPPORTED', 'Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp, chăm sóc', 'Children in special circumstances supported', 'percent', 'higher', FALSE, 5),
('CP_ABUSE_RATE', 'Tỷ lệ trẻ em bị xâm hại trên tổng số trẻ em', 'Abused children, share of all children', 'percent', 'lower', FALSE, 6),
('CP_ABUSE_CASES', 'Số vụ xâm hại trẻ em được phát hiện', 'Detected child-abuse cases', 'count', 'lower', FALSE, 7),
('CP_ABUSE_HANDLED', 'Tỷ lệ vụ việc xâm hại trẻ em được xử lý, can thiệp kịp thời', 'Abuse cases handled and supported in time', 'percent', 'higher', FALSE, 8),
('CP_CHILD_FRIENDLY', 'Tỷ lệ xã, phường, đặc khu đạt tiêu chuẩn phù hợp với trẻ em', 'Child-friendly communes', 'percent', 'higher', FALSE, 9),
('CP_PLAYSPACE', 'Tỷ lệ xã có điểm vui chơi, văn hóa cho trẻ em', 'Communes with a play or cultural space', 'percent', 'higher', FALSE, 10),
('CP_FAMILY_SKILLS', 'Tỷ lệ gia đình có trẻ em được cung cấp kiến thức, kỹ năng bảo vệ trẻ em', 'Families given child-protection knowledge', 'percent', 'higher', FALSE, 11),
('CP_STUDENT_SKILLS', 'Tỷ lệ học sinh được trang bị kỹ năng tự bảo vệ', 'Pupils given self-protection skills', 'percent', 'higher', FALSE, 12),
('CP_SWC', 'Số trung tâm công tác xã hội có chức năng bảo vệ trẻ em', 'Social Work Centres with a child-protection function', 'count', 'higher', FALSE, 13),
('CP_COUNSEL_POINTS', 'Số điểm tư vấn, tham vấn bảo vệ trẻ em (cộng đồng, trường học)', 'Community and school counselling points', 'count', 'higher', FALSE, 14),
('CP_HOTLINE_CASES', 'Số ca được hỗ trợ, can thiệp qua Tổng đài 111', 'Cases supported through hotline 111', 'count', 'monitor', FALSE, 15),
('CP_BIRTH_REG', 'Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh', 'Under-5 birth registration', 'percent', 'higher', FALSE, 16),
('CP_CHILD_LABOUR', 'Tỷ lệ lao động trẻ em 5–17 tuổi', 'Child labour, ages 5–17', 'percent', 'lower', FALSE, 17),
('CP_INJURY_RATE', 'Tỷ suất trẻ em bị tai nạn thương tích (trên 100.000 trẻ)', 'Child injury rate per 100,000', 'per_100k', 'lower', FALSE, 18);
--bun:split
-- Year 0 means every year: the commune-worker target is a legal duty (Law on
-- Children 102/2016/QH13, art. 90).
INSERT INTO national_targets (indicator_code, year, comparator, value, source) VALUES
('CP_COMMUNE_WORKER', 0, '>=', '100', 'Luật Trẻ em 102/2016/QH13, Điều 90'),
('CP_STAFF_TRAINED', 2025, '>=', '100', 'QĐ 1863/QĐ-TTg'),
('CP_CSS_RATE', 2020, '<=', '5', 'QĐ 2361/QĐ-TTg'),
('CP_CSS_RATE', 2025, '<', '6.5', 'QĐ 23/QĐ-TTg'),
('CP_CSS_RATE', 2030, '<', '6', 'QĐ 23/QĐ-TTg'),
('CP_CSS_SUPPORTED', 2020, '>=', '90', 'QĐ 2361/QĐ-TTg'),
('CP_CSS_SUPPORTED', 2025, '>=', '90', 'QĐ 23/QĐ-TTg'),
('CP_CSS_SUPPORTED', 2030, '>=', '95', 'QĐ 23/QĐ-TTg'),
('CP_ABUSE_RATE', 2025, '<', '4.5', 'QĐ 23/QĐ-TTg'),
('CP_ABUSE_RATE', 2030, '<', '4', 'QĐ 23/QĐ-TTg'),
('CP_CHILD_FRIENDLY', 2025, '>=', '65', 'QĐ 23/QĐ-TTg'),
('CP_CHILD_FRIENDLY', 2030, '>=', '75', 'QĐ 23/QĐ-TTg'),
('CP_PLAYSPACE', 2025, '>=', '40', 'QĐ 23/QĐ-TTg'),
('CP_PLAYSPACE', 2030, '>=', '45', 'QĐ 23/QĐ-TTg'),
('CP_FAMILY_SKILLS', 2025, '>=', '100', 'QĐ 1863/QĐ-TTg'),
('CP_STUDENT_SKILLS', 2025, '>=', '100', 'QĐ 1863/QĐ-TTg'),
('CP_SWC', 0, '>=', '1', 'baove (design): at least one per province'),
('CP_BIRTH_REG', 2025, '>=', '98.5', 'QĐ 23/QĐ-TTg'),
('CP_BIRTH_REG', 2030, '>=', '100', 'QĐ 23/QĐ-TTg'),
('CP_CHILD_LABOUR', 2025, '<=', '4.9', 'QĐ 23/QĐ-TTg'),
('CP_CHILD_LABOUR', 2030, '<=', '4.5', 'QĐ 23/QĐ-TTg'),
('CP_INJURY_RATE', 2025, '<=', '550', 'QĐ 23/QĐ-TTg'),
('CP_INJURY_RATE', 2030, '<=', '500', 'QĐ 23/QĐ-TTg');
