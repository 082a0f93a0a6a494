package notify

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove/access"
	"baove/i18n"
)

// notificationRow is a notification as stored (the table notifications).
type notificationRow struct {
	bun.BaseModel `bun:"table:notifications,alias:n"`

	ID           int64 `bun:",pk,autoincrement"`
	UserID       int64
	Kind         Kind
	ProvinceCode string `bun:",nullzero"`
	Args         string
	Link         string
	DedupeKey    string `bun:",nullzero"`
	CreatedAt    time.Time
	ReadAt       *time.Time
}

// mailRow is an e-mail of the outbox as stored (the table mail_outbox).
type mailRow struct {
	bun.BaseModel `bun:"table:mail_outbox,alias:m"`

	ID             int64 `bun:",pk,autoincrement"`
	NotificationID int64
	Recipient      string
	MessageID      string
	CreatedAt      time.Time
	Attempts       int `bun:",notnull"`
	NextAttemptAt  time.Time
	LeaseOwner     string `bun:",nullzero"`
	LeaseUntil     *time.Time
	SentAt         *time.Time
	FailedAt       *time.Time
	LastError      string
}

// recipient is a user told of an event, with the address they gave (empty
// when none).
type recipient struct {
	ID    int64
	Email string
}

// Record writes, within db (the transaction of the change that e reports),
// a notification in the inbox of everyone e concerns and, for those who
// gave an e-mail address, an e-mail in the outbox. Everyone e concerns is
// the province's active users of the kind's roles (Kind.Roles), or e.User
// for a kind without; never e.Actor. The province's name is added to the
// arguments as {province}. An event with a Key already recorded for a user
// is not recorded again for them. It fails when a write fails or an
// argument is of a type it cannot keep; the caller's transaction then
// rolls back.
func Record(ctx context.Context, db bun.IDB, e Event) error {
	to, err := recipients(ctx, db, e)
	if err != nil || len(to) == 0 {
		return err
	}
	if e.Args, err = withProvince(ctx, db, e); err != nil {
		return err
	}
	args, err := encodeArgs(e.Args)
	if err != nil {
		return err
	}
	for _, r := range to {
		n := notificationRow{UserID: r.ID, Kind: e.Kind, ProvinceCode: string(e.Province), Args: args, Link: e.Link,
			DedupeKey: e.Key, CreatedAt: e.At.UTC()}
		if err := deliver(ctx, db, &n, r.Email); err != nil {
			return fmt.Errorf("notify: record %s: %w", e.Kind, err)
		}
	}
	return nil
}

// deliver writes n to its user's inbox and, when email is set, its e-mail
// to the outbox, due at once.
func deliver(ctx context.Context, db bun.IDB, n *notificationRow, email string) error {
	q := db.NewInsert().Model(n)
	if n.DedupeKey != "" {
		q = q.On("CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING")
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return err
	}
	if k, err := res.RowsAffected(); err != nil || k == 0 || email == "" {
		return err
	}
	m := mailRow{NotificationID: n.ID, Recipient: email, MessageID: messageID(n.ID), CreatedAt: n.CreatedAt,
		NextAttemptAt: n.CreatedAt}
	_, err = db.NewInsert().Model(&m).Exec(ctx)
	return err
}

// messageID returns a new, unique Message-ID for the e-mail of
// notification id.
func messageID(id int64) string {
	b := make([]byte, 8)
	rand.Read(b)
	return fmt.Sprintf("<notify-%d.%s@baove>", id, hex.EncodeToString(b))
}

// recipients returns the active users e concerns, with their addresses.
func recipients(ctx context.Context, db bun.IDB, e Event) ([]recipient, error) {
	var out []recipient
	q := db.NewSelect().TableExpr("users AS u").ColumnExpr("u.id, COALESCE(a.email, '') AS email").
		Join("LEFT JOIN notify_addresses AS a ON a.user_id = u.id").
		Where("NOT u.disabled").OrderExpr("u.id")
	if roles := e.Kind.Roles(); len(roles) > 0 {
		q = q.Where("u.role IN (?)", bun.In(roleNames(roles))).Where("u.province_code = ?", string(e.Province)).
			Where("u.id <> ?", e.Actor)
	} else {
		q = q.Where("u.id = ?", e.User)
	}
	if err := q.Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("notify: recipients of %s: %w", e.Kind, err)
	}
	return out, nil
}

func roleNames(roles []access.Role) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = string(r)
	}
	return out
}

// withProvince returns a copy of e's arguments with {province} set to its
// province's name, unless set already or e has no province. It fails when
// the name cannot be read.
func withProvince(ctx context.Context, db bun.IDB, e Event) (i18n.Args, error) {
	args := make(i18n.Args, len(e.Args)+1)
	for k, v := range e.Args {
		args[k] = v
	}
	if e.Province == "" || args["province"] != nil {
		return args, nil
	}
	var name string
	if err := db.NewSelect().Table("provinces").Column("name").Where("code = ?", string(e.Province)).
		Scan(ctx, &name); err != nil {
		return nil, fmt.Errorf("notify: name of province %s: %w", e.Province, err)
	}
	args["province"] = name
	return args, nil
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
