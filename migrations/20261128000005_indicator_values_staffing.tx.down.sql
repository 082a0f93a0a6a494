DROP TABLE commune_staffing;
--bun:split
DROP TABLE indicator_values;
