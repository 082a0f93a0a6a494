-- Notifications: each user's inbox, the e-mail address a user chose to be
-- told at, and the outbox of e-mails. A domain change writes its inbox rows
-- and outbox rows in its own transaction (notify.Record), so that both are
-- committed or lost with it; a worker sends the outbox afterwards.
CREATE TABLE notifications (
    id            {{.PK}},
    user_id       BIGINT NOT NULL REFERENCES users (id),
    kind          TEXT NOT NULL,
    province_code TEXT REFERENCES provinces (code),
    args          {{.JSON}} NOT NULL,
    link          TEXT NOT NULL DEFAULT '',
    -- dedupe_key makes a repeated reminder (a reporting deadline seen by a
    -- daily sweep) one notification per user.
    dedupe_key    TEXT,
    created_at    {{.Time}} NOT NULL,
    read_at       {{.Time}}
);
--bun:split
CREATE INDEX notifications_user ON notifications (user_id, id);
--bun:split
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
--bun:split
CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
--bun:split
CREATE TABLE notify_addresses (
    user_id    BIGINT PRIMARY KEY REFERENCES users (id),
    email      TEXT NOT NULL,
    updated_at {{.Time}} NOT NULL
);
--bun:split
-- One e-mail per notification of a user with an address. A worker claims
-- due rows for a lease (lease_owner, lease_until), sends them and marks them
-- sent_at by its lease; a row whose lease ran out is claimable again. The
-- Message-ID is fixed when the row is written, so a resend after a crash
-- carries the same one and the reader's mail system can tell it is the same
-- message. After MaxAttempts failures failed_at ends the retries.
CREATE TABLE mail_outbox (
    id              {{.PK}},
    notification_id BIGINT NOT NULL REFERENCES notifications (id),
    recipient       TEXT NOT NULL,
    message_id      TEXT NOT NULL UNIQUE,
    created_at      {{.Time}} NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at {{.Time}} NOT NULL,
    lease_owner     TEXT,
    lease_until     {{.Time}},
    sent_at         {{.Time}},
    failed_at       {{.Time}},
    last_error      TEXT NOT NULL DEFAULT ''
);
--bun:split
CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
