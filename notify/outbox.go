package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove/database"
)

// The outbox's rules: an e-mail is claimed by one worker for a lease,
// attempted, and then marked sent or put back for a later attempt, by that
// worker's lease only. A worker that dies leaves its lease to run out; the
// e-mail is then claimable again.
const (
	// MaxAttempts is how often an e-mail is tried before it is given up
	// (failed_at set, the error kept).
	MaxAttempts = 10
	// FirstRetry is the wait after the first failure; each further failure
	// doubles it, up to MaxRetry.
	FirstRetry = 30 * time.Second
	MaxRetry   = time.Hour
	// MaxAge is how old an unsent e-mail may grow: an older one is given up
	// unsent (e.g. written while e-mail was turned off), the inbox keeping
	// the notification.
	MaxAge = 7 * 24 * time.Hour
)

// Retry returns how long to wait after an e-mail's attempt-th failure.
func Retry(attempt int) time.Duration {
	if attempt < 1 {
		attempt = 1
	}
	if attempt > 8 { // 30s << 7 is over an hour already
		return MaxRetry
	}
	return min(FirstRetry<<(attempt-1), MaxRetry)
}

// Mail is an e-mail claimed from the outbox, with the notification it
// tells of.
type Mail struct {
	ID        int64
	To        string
	MessageID string
	Attempts  int // this one included
	CreatedAt time.Time
	Notification
}

// Lease is a worker's claim on a batch of e-mails.
type Lease struct {
	Owner string
	Until time.Time
}

// claimedRow is an outbox row with its notification, as a claim reads it.
type claimedRow struct {
	mailRow `bun:",extend"`

	Kind         Kind   `bun:"n_kind"`
	ProvinceCode string `bun:"n_province_code"`
	Args         string `bun:"n_args"`
	Link         string `bun:"n_link"`
	NCreatedAt   time.Time
}

// Claim takes up to n due e-mails for the lease l, at now: one of them is
// due when it is unsent, not given up, its next attempt has come and
// nobody's lease holds it. On PostgreSQL rows another worker is claiming
// are skipped (FOR UPDATE SKIP LOCKED), so that two instances claim
// different e-mails; on SQLite the transaction is the only writer. It
// gives up, in the same transaction, the e-mails older than MaxAge.
func (s *Store) Claim(ctx context.Context, l Lease, now time.Time, n int) ([]Mail, error) {
	var rows []claimedRow
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := expire(ctx, tx, now); err != nil {
			return err
		}
		ids, err := s.due(ctx, tx, now, n)
		if err != nil || len(ids) == 0 {
			return err
		}
		if _, err := tx.NewUpdate().Table("mail_outbox").Set("lease_owner = ?, lease_until = ?", l.Owner, l.Until.UTC()).
			Set("attempts = attempts + 1").Where("id IN (?)", bun.In(ids)).Exec(ctx); err != nil {
			return err
		}
		rows = nil // a retried transaction starts afresh
		return tx.NewSelect().Model(&rows).ColumnExpr("m.*").
			ColumnExpr("n.kind AS n_kind, n.province_code AS n_province_code, n.args AS n_args, n.link AS n_link").
			ColumnExpr("n.created_at AS n_created_at").Join("JOIN notifications AS n ON n.id = m.notification_id").
			Where("m.id IN (?)", bun.In(ids)).Order("m.id").Scan(ctx)
	})
	if err != nil {
		return nil, fmt.Errorf("notify: claim e-mails: %w", err)
	}
	return mails(rows)
}

// due returns the ids of up to n e-mails due at now, locked on PostgreSQL.
func (s *Store) due(ctx context.Context, tx bun.Tx, now time.Time, n int) ([]int64, error) {
	var ids []int64
	q := tx.NewSelect().Table("mail_outbox").Column("id").
		Where("sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?", now.UTC()).
		Where("(lease_until IS NULL OR lease_until <= ?)", now.UTC()).OrderExpr("next_attempt_at, id").Limit(int64(n))
	if s.db.Engine == database.Postgres {
		q = q.For("UPDATE SKIP LOCKED")
	}
	err := q.Scan(ctx, &ids)
	return ids, err
}

// expire gives up the unsent e-mails older than MaxAge.
func expire(ctx context.Context, db bun.IDB, now time.Time) error {
	_, err := expired(ctx, db, now)
	return err
}

// expired gives up the unsent e-mails older than MaxAge at now, and
// returns how many.
func expired(ctx context.Context, db bun.IDB, now time.Time) (int64, error) {
	res, err := db.NewUpdate().Table("mail_outbox").Set("failed_at = ?, last_error = ?", now.UTC(), "expired unsent").
		Where("sent_at IS NULL AND failed_at IS NULL AND created_at < ?", now.Add(-MaxAge).UTC()).
		Where("(lease_until IS NULL OR lease_until <= ?)", now.UTC()).Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// Expire gives up the outbox's unsent e-mails older than MaxAge, as Claim
// does, and returns how many: a service that sends no e-mail runs it, so
// that e-mails written for the users who gave an address while e-mail is
// off neither pile up nor go out long after when it is turned on. The
// inbox keeps their notifications. It fails when the write does.
func (s *Store) Expire(ctx context.Context) (int64, error) {
	n, err := expired(ctx, s.db, s.clock.Now())
	if err != nil {
		return 0, fmt.Errorf("notify: expire e-mails: %w", err)
	}
	return n, nil
}

func mails(rows []claimedRow) ([]Mail, error) {
	out := make([]Mail, len(rows))
	for i, r := range rows {
		n, err := notificationRow{ID: r.NotificationID, Kind: r.Kind, ProvinceCode: r.ProvinceCode, Args: r.Args,
			Link: r.Link, CreatedAt: r.NCreatedAt}.notification()
		if err != nil {
			return nil, err
		}
		out[i] = Mail{ID: r.ID, To: r.Recipient, MessageID: r.MessageID, Attempts: r.Attempts, CreatedAt: r.CreatedAt,
			Notification: n}
	}
	return out, nil
}

// Sent marks e-mail id sent at now, if the lease l still holds it. It
// returns false when it does not (the lease ran out and another worker
// took the e-mail: it may then be sent twice, which a lease longer than
// any attempt prevents).
func (s *Store) Sent(ctx context.Context, l Lease, id int64, now time.Time) (bool, error) {
	return s.settle(ctx, l, id, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("sent_at = ?, last_error = ''", now.UTC())
	})
}

// Failed puts e-mail id back for a later attempt after err, or gives it up
// after MaxAttempts, if the lease l still holds it.
func (s *Store) Failed(ctx context.Context, l Lease, m Mail, err error, now time.Time) (bool, error) {
	msg := err.Error()
	if len(msg) > 1000 {
		msg = msg[:1000]
	}
	return s.settle(ctx, l, m.ID, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		q = q.Set("last_error = ?, next_attempt_at = ?", msg, now.Add(Retry(m.Attempts)).UTC())
		if m.Attempts >= MaxAttempts {
			q = q.Set("failed_at = ?", now.UTC())
		}
		return q
	})
}

// Release hands e-mail id back unattempted (its worker stops), if the
// lease l still holds it.
func (s *Store) Release(ctx context.Context, l Lease, id int64) (bool, error) {
	return s.settle(ctx, l, id, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("attempts = attempts - 1")
	})
}

// settle ends l's lease on e-mail id with set's changes.
func (s *Store) settle(ctx context.Context, l Lease, id int64, set func(*bun.UpdateQuery) *bun.UpdateQuery) (bool, error) {
	var held bool
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		q := tx.NewUpdate().Table("mail_outbox").Set("lease_owner = NULL, lease_until = NULL").
			Where("id = ? AND lease_owner = ? AND sent_at IS NULL", id, l.Owner)
		res, err := set(q).Exec(ctx)
		if err != nil {
			return err
		}
		k, err := res.RowsAffected()
		held = k == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("notify: settle e-mail %d: %w", id, err)
	}
	return held, nil
}
