DROP TABLE unit_lists;
--bun:split
DROP TABLE commune_successions;
--bun:split
DROP TABLE communes;
--bun:split
DROP TABLE provinces;
