package budget

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/database"
)

// KeyRetention is how long an idempotency key is remembered: well over the
// 24 hours clients may rely on.
const KeyRetention = 7 * 24 * time.Hour

// idempotency is a client's key for one request. Keys live in the database,
// so that a retry reaching another instance is recognised too.
type idempotency struct {
	user int64
	key  string
	hash string
}

type keyRow struct {
	bun.BaseModel `bun:"table:idempotency_keys"`

	UserID      int64  `bun:",pk"`
	IdemKey     string `bun:",pk"`
	RequestHash string
	Result      string
	CreatedAt   time.Time
}

// errKeyTaken says that a request with the same key committed while this
// one ran: the caller runs again and then finds the key.
var errKeyTaken = errors.New("budget: idempotency key taken concurrently")

// requestHash identifies a disbursement request by everything it asks.
func requestHash(n NewDisbursement) string {
	return hashOf(fmt.Sprintf("%d\x00%d\x00%s\x00%s\x00%s", n.Line, n.Amount, n.PaidOn, n.VoucherNo, n.Description))
}

func hashOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// replay fills result with the first answer to the key, read as first (nil
// when the key is new), and reports true when the key was seen with the
// same request; EINVALID when it was seen with another. Read the key under
// the province-year lock, so that concurrent retries wait for the first.
func (k idempotency) replay(first *keyRow, result any) (bool, error) {
	if k.key == "" || first == nil {
		return false, nil
	}
	if first.RequestHash != k.hash {
		return false, baove.InvalidKey("Idempotency-Key", "idempotency.reused", nil, k.key)
	}
	return true, json.Unmarshal([]byte(first.Result), result)
}

// read returns the key's first answer, nil when the key is new.
func (k idempotency) read(ctx context.Context, tx bun.IDB) (*keyRow, error) {
	if k.key == "" {
		return nil, nil
	}
	var r keyRow
	err := tx.NewSelect().Model(&r).Where("user_id = ? AND idem_key = ?", k.user, k.key).Scan(ctx)
	if isNoRows(err) {
		return nil, nil
	}
	return &r, err
}

// store remembers result for the key. A key stored meanwhile by another
// transaction (two requests with one key on different province-years) is
// errKeyTaken.
func (k idempotency) store(ctx context.Context, tx bun.IDB, now time.Time, result any) error {
	if k.key == "" {
		return nil
	}
	b, err := json.Marshal(result)
	if err != nil {
		return err
	}
	_, err = tx.NewInsert().Model(&keyRow{UserID: k.user, IdemKey: k.key, RequestHash: k.hash, Result: string(b), CreatedAt: now.UTC()}).Exec(ctx)
	if database.IsUniqueViolation(err) {
		return errKeyTaken
	}
	return err
}

// PurgeKeys forgets idempotency keys older than KeyRetention; the service
// runs it from time to time. It returns how many it forgot.
func (s *Store) PurgeKeys(ctx context.Context) (int64, error) {
	res, err := s.db.NewDelete().Table("idempotency_keys").Where("created_at < ?", s.clock.Now().Add(-KeyRetention)).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("budget: purge idempotency keys: %w", err)
	}
	return res.RowsAffected()
}
