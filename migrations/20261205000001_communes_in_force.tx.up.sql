-- The communes of a province in force on a day, found and counted from the
-- index alone (every page counts its province's communes; the national
-- roll-up joins each province's communes to their staffing by code): the
-- index on the province alone made every commune read its row for its
-- dates and code.
CREATE INDEX communes_in_force ON communes (province_code, valid_from, valid_to, code);
