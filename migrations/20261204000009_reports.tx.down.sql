DROP TABLE generated_reports;
--bun:split
DROP TABLE report_settings;
