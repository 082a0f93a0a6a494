package notify

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/database"
	"baove/i18n"
	"baove/units"
)

// Store reads and marks each user's notifications, and keeps the address
// each user is told at by e-mail.
type Store struct {
	db    *database.DB
	clock baove.Clock
}

// NewStore returns the store over db.
func NewStore(db *database.DB, clock baove.Clock) *Store { return &Store{db: db, clock: clock} }

// Notification is one entry of a user's inbox.
type Notification struct {
	ID        int64
	Kind      Kind
	Province  units.ProvinceCode
	Args      i18n.Args
	Link      string
	CreatedAt time.Time
	ReadAt    *time.Time
}

// Text returns what the notification says, in lang.
func (n Notification) Text(lang i18n.Lang) string { return i18n.Text(lang, n.Kind.Key(), n.Args) }

// Unread reports whether the user has not opened it yet.
func (n Notification) Unread() bool { return n.ReadAt == nil }

func (r notificationRow) notification() (Notification, error) {
	args, err := decodeArgs(r.Args)
	return Notification{ID: r.ID, Kind: r.Kind, Province: units.ProvinceCode(r.ProvinceCode), Args: args, Link: r.Link,
		CreatedAt: r.CreatedAt, ReadAt: r.ReadAt}, err
}

// Order is how an inbox lists its notifications.
type Order string

// Orders of an inbox.
const (
	UnreadFirst Order = "unread" // the unread ones first, newest first within each
	NewestFirst Order = "newest" // newest first, read or not
)

// Query asks for a page of one's inbox.
type Query struct {
	Order Order
	Page  int // from 1
	Limit int // 1 to MaxLimit; DefaultLimit when zero
}

// Page sizes of an inbox.
const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// Inbox is a page of a user's notifications.
type Inbox struct {
	Items  []Notification
	Total  int // notifications of the user
	Unread int // unread notifications of the user
}

// check fills q's defaults and returns EINVALID naming a bad field.
func (q *Query) check() error {
	var p baove.Problems
	if q.Order == "" {
		q.Order = UnreadFirst
	} else if q.Order != UnreadFirst && q.Order != NewestFirst {
		p.AddKey("order", "notify.order", nil, q.Order)
	}
	if q.Page == 0 {
		q.Page = 1
	} else if q.Page < 1 {
		p.AddKey("page", "notify.page", nil, q.Page)
	}
	if q.Limit == 0 {
		q.Limit = DefaultLimit
	} else if q.Limit < 1 || q.Limit > MaxLimit {
		p.AddKey("limit", "notify.limit", i18n.Args{"max": MaxLimit}, q.Limit)
	}
	return p.Err()
}

// Inbox returns a page of the caller's notifications, as q asks, with
// their totals. It returns EINVALID naming a bad field of q.
func (s *Store) Inbox(ctx context.Context, c access.Caller, q Query) (Inbox, error) {
	if err := q.check(); err != nil {
		return Inbox{}, err
	}
	var rows []notificationRow
	sel := s.db.NewSelect().Model(&rows).Where("user_id = ?", c.UserID)
	if q.Order == UnreadFirst {
		sel = sel.OrderExpr("CASE WHEN read_at IS NULL THEN 0 ELSE 1 END")
	}
	total, err := sel.OrderExpr("id DESC").Limit(int64(q.Limit)).Offset(int64((q.Page - 1) * q.Limit)).ScanAndCount(ctx)
	if err != nil {
		return Inbox{}, fmt.Errorf("notify: inbox: %w", err)
	}
	in := Inbox{Total: int(total), Items: make([]Notification, len(rows))}
	for i, r := range rows {
		if in.Items[i], err = r.notification(); err != nil {
			return Inbox{}, err
		}
	}
	in.Unread, err = s.Unread(ctx, c)
	return in, err
}

// Unread returns how many of the caller's notifications are unread.
func (s *Store) Unread(ctx context.Context, c access.Caller) (int, error) {
	var n int
	err := s.db.Select(ctx, s.db, &n, "SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL", c.UserID)
	if err != nil {
		return 0, fmt.Errorf("notify: unread: %w", err)
	}
	return int(n), nil
}

// Open marks the caller's notification id read (it stays read when it was)
// and returns it. It returns ENOTFOUND when the caller has no such
// notification.
func (s *Store) Open(ctx context.Context, c access.Caller, id int64) (Notification, error) {
	var r notificationRow
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewUpdate().Table("notifications").Set("read_at = ?", s.clock.Now()).
			Where("id = ? AND user_id = ? AND read_at IS NULL", id, c.UserID).Exec(ctx); err != nil {
			return err
		}
		return tx.NewSelect().Model(&r).Where("id = ? AND user_id = ?", id, c.UserID).Limit(1).Scan(ctx)
	})
	if r.ID == 0 && (err == nil || isNoRows(err)) {
		return Notification{}, baove.E(baove.ENOTFOUND, "notify.not_found", i18n.Args{"id": id})
	}
	if err != nil {
		return Notification{}, fmt.Errorf("notify: open %d: %w", id, err)
	}
	return r.notification()
}

// addressRow is the address a user is told at (the table
// notify_addresses).
type addressRow struct {
	bun.BaseModel `bun:"table:notify_addresses"`

	UserID    int64 `bun:",pk"`
	Email     string
	UpdatedAt time.Time
}

// MaxAddress is the longest e-mail address kept, in bytes (RFC 5321).
const MaxAddress = 254

// Address returns the e-mail address the caller is told at; empty when
// they gave none.
func (s *Store) Address(ctx context.Context, c access.Caller) (string, error) {
	var emails []string
	err := s.db.NewSelect().Table("notify_addresses").Column("email").Where("user_id = ?", c.UserID).
		Scan(ctx, &emails)
	if err != nil || len(emails) == 0 {
		return "", err
	}
	return emails[0], nil
}

// SetAddress sets the e-mail address the caller is told at; an empty one
// stops the e-mails (the inbox stays). It returns EINVALID for what is not
// one plain address, and EFORBIDDEN for the system's callers.
func (s *Store) SetAddress(ctx context.Context, c access.Caller, email string) error {
	if c.UserID == 0 {
		return baove.E(baove.EFORBIDDEN, "notify.no_user", nil)
	}
	email = strings.TrimSpace(email)
	if err := checkAddress(email); err != nil {
		return err
	}
	before, err := s.Address(ctx, c)
	if err != nil {
		return err
	}
	now := s.clock.Now()
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		row := addressRow{UserID: c.UserID, Email: email, UpdatedAt: now}
		if _, err := tx.NewDelete().Model(&row).WherePK().Exec(ctx); err != nil {
			return err
		}
		if email != "" {
			if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Change{At: now, Actor: c.Actor(), Action: "user.notify_address", Entity: "user",
			EntityID: fmt.Sprint(c.UserID), BeforeState: map[string]string{"email": before},
			AfterState: map[string]string{"email": email}})
	})
}

// checkAddress returns EINVALID unless email is empty or one plain address
// (name@domain, no display name).
func checkAddress(email string) error {
	if email == "" {
		return nil
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || len(email) > MaxAddress || strings.ContainsAny(email, "\r\n") {
		return baove.InvalidKey("email", "notify.email", nil, email)
	}
	return nil
}

// Backlog returns how many e-mails wait to be sent: not sent yet and not
// given up. It is what the metrics' outbox backlog gauge reads.
func (s *Store) Backlog(ctx context.Context) (int64, error) {
	return s.db.NewSelect().Table("mail_outbox").Where("sent_at IS NULL AND failed_at IS NULL").Count(ctx)
}
