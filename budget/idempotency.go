package budget

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
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

// requestHash identifies a disbursement request by everything it asks.
func requestHash(line LineID, n NewDisbursement) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%d\x00%d\x00%s\x00%s\x00%s", line, n.Amount, n.PaidOn, n.VoucherNo, n.Description)))
	return hex.EncodeToString(sum[:])
}

// replay fills result with the first answer to the key and reports true when
// the key was seen with the same request; EINVALID when it was seen with
// another. Run it under the province-year lock, so that concurrent retries
// wait for the first to commit.
func (k idempotency) replay(ctx context.Context, tx bun.IDB, result any) (bool, error) {
	if k.key == "" {
		return false, nil
	}
	var r keyRow
	err := tx.NewSelect().Model(&r).Where("user_id = ? AND idem_key = ?", k.user, k.key).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if r.RequestHash != k.hash {
		return false, baove.Invalid("Idempotency-Key", "this key was used for a different request; use a new key for a new request", k.key)
	}
	return true, json.Unmarshal([]byte(r.Result), result)
}

// store remembers result for the key, and forgets keys past retention.
func (k idempotency) store(ctx context.Context, tx bun.IDB, now time.Time, result any) error {
	if k.key == "" {
		return nil
	}
	b, err := json.Marshal(result)
	if err != nil {
		return err
	}
	if _, err := tx.NewDelete().Table("idempotency_keys").Where("created_at < ?", now.UTC().Add(-KeyRetention)).Exec(ctx); err != nil {
		return err
	}
	_, err = tx.NewInsert().Model(&keyRow{UserID: k.user, IdemKey: k.key, RequestHash: k.hash, Result: string(b), CreatedAt: now.UTC()}).Exec(ctx)
	return err
}
