-- Budget lines of plan versions, central allocations, the disbursement
-- ledger, idempotency keys and budget years. Money is BIGINT whole đồng on
-- both engines. The allocation and disbursement ledgers are append-only.
CREATE TABLE budget_lines (
    id             {{.PK}},
    plan_id        BIGINT NOT NULL REFERENCES plans (id),
    lineage        TEXT NOT NULL,
    activity_id    BIGINT NOT NULL REFERENCES activities (id),
    funding_source TEXT NOT NULL CHECK (funding_source IN ('central', 'provincial', 'commune', 'other')),
    amount         BIGINT NOT NULL CHECK (amount >= 0 AND amount < 1000000000000000),
    budget_item    TEXT NOT NULL DEFAULT '',
    description    TEXT NOT NULL DEFAULT '',
    position       INTEGER NOT NULL,
    UNIQUE (plan_id, lineage)
);
--bun:split
CREATE INDEX budget_lines_activity_id ON budget_lines (activity_id);
--bun:split
-- One row per province and year with money: writers lock it, so that limits
-- hold under concurrency; closing the year fills in the close columns.
CREATE TABLE budget_years (
    province_code    TEXT NOT NULL REFERENCES provinces (code),
    year             INTEGER NOT NULL,
    closed_at        {{.Time}},
    closed_by        TEXT NOT NULL DEFAULT '',
    unspent_central  BIGINT NOT NULL DEFAULT 0,
    disposition      TEXT NOT NULL DEFAULT '' CHECK (disposition IN ('', 'carry_over', 'return')),
    return_deadline  {{.Date}},
    PRIMARY KEY (province_code, year)
);
--bun:split
CREATE TABLE allocations (
    id            {{.PK}},
    province_code TEXT NOT NULL REFERENCES provinces (code),
    year          INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('allocation', 'correction', 'carry_in')),
    amount        BIGINT NOT NULL CHECK (amount > -1000000000000000 AND amount < 1000000000000000 AND amount <> 0),
    decision_no   TEXT NOT NULL DEFAULT '',
    decided_on    {{.Date}} NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    created_at    {{.Time}} NOT NULL,
    actor_id      BIGINT REFERENCES users (id),
    actor         TEXT NOT NULL
);
--bun:split
CREATE INDEX allocations_province_year ON allocations (province_code, year);
--bun:split
CREATE TABLE disbursements (
    id             {{.PK}},
    province_code  TEXT NOT NULL REFERENCES provinces (code),
    year           INTEGER NOT NULL,
    budget_line_id BIGINT NOT NULL REFERENCES budget_lines (id),
    line_lineage   TEXT NOT NULL,
    funding_source TEXT NOT NULL,
    task_area      TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('payment', 'reversal')),
    amount         BIGINT NOT NULL CHECK (amount <> 0 AND amount > -1000000000000000 AND amount < 1000000000000000),
    reverses_id    BIGINT UNIQUE REFERENCES disbursements (id),
    paid_on        {{.Date}} NOT NULL,
    voucher_no     TEXT,
    description    TEXT NOT NULL DEFAULT '',
    created_at     {{.Time}} NOT NULL,
    actor_id       BIGINT REFERENCES users (id),
    actor          TEXT NOT NULL,
    CHECK ((kind = 'payment') = (reverses_id IS NULL)),
    CHECK ((kind = 'payment') = (amount > 0))
);
--bun:split
CREATE UNIQUE INDEX disbursements_voucher ON disbursements (province_code, year, voucher_no);
--bun:split
CREATE INDEX disbursements_province_year ON disbursements (province_code, year, line_lineage);
--bun:split
CREATE INDEX disbursements_budget_line_id ON disbursements (budget_line_id, id);
--bun:split
CREATE TABLE idempotency_keys (
    user_id      BIGINT NOT NULL,
    idem_key     TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    result       TEXT NOT NULL,
    created_at   {{.Time}} NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
--bun:split
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
--bun:split
{{if .Postgres}}
CREATE TRIGGER allocations_append_only BEFORE UPDATE OR DELETE ON allocations
    FOR EACH ROW EXECUTE FUNCTION baove_append_only();
--bun:split
CREATE TRIGGER disbursements_append_only BEFORE UPDATE OR DELETE ON disbursements
    FOR EACH ROW EXECUTE FUNCTION baove_append_only();
{{else}}
CREATE TRIGGER allocations_no_update BEFORE UPDATE ON allocations
BEGIN SELECT RAISE(ABORT, 'table allocations is append-only'); END;
--bun:split
CREATE TRIGGER allocations_no_delete BEFORE DELETE ON allocations
BEGIN SELECT RAISE(ABORT, 'table allocations is append-only'); END;
--bun:split
CREATE TRIGGER disbursements_no_update BEFORE UPDATE ON disbursements
BEGIN SELECT RAISE(ABORT, 'table disbursements is append-only'); END;
--bun:split
CREATE TRIGGER disbursements_no_delete BEFORE DELETE ON disbursements
BEGIN SELECT RAISE(ABORT, 'table disbursements is append-only'); END;
{{end}}
