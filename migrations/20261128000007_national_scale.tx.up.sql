-- Indexes for reads at national scale (BENCHMARKS.md). A province-year's
-- ledger is a few thousand entries among a million, interleaved with every
-- other province's in time order, so reading it row by row touches a page
-- per entry: disbursements_summary answers the summary's sums by funding
-- source and task area from the index alone, in group order, on both
-- engines. activities_task_area likewise counts a plan's activities by
-- task area (compliance, progress) without reading the activities.
CREATE INDEX disbursements_summary ON disbursements (province_code, year, funding_source, task_area, amount);
--bun:split
CREATE INDEX activities_task_area ON activities (plan_id, task_area);
