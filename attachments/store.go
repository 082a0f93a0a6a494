package attachments

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/database"
	"baove/i18n"
	"baove/plans"
	"baove/units"
)

// Store keeps attachments and their bytes.
type Store struct {
	db     *database.DB
	clock  baove.Clock
	owners Owners
}

// NewStore returns a store over db; owners are the domains attachments
// belong to. It fails when one of them is missing, so that no owner goes
// unchecked.
func NewStore(db *database.DB, clock baove.Clock, owners Owners) (*Store, error) {
	if db == nil || !owners.complete() {
		return nil, errors.New("attachments: NewStore needs a database and the plans, allocations, disbursements and provinces")
	}
	return &Store{db: db, clock: clock, owners: owners}, nil
}

// record is an attachment as stored (the table attachments).
type record struct {
	bun.BaseModel `bun:"table:attachments,alias:a"`

	ID           int64 `bun:",pk,autoincrement"`
	ProvinceCode string
	OwnerKind    string
	OwnerID      string
	Kind         string
	Title        string
	FileName     string
	ContentType  string
	Size         int64
	SHA256       string `bun:"sha256"`
	Supersedes   int64  `bun:",nullzero"`
	SupersededBy int64  `bun:",scanonly"`
	UploadedAt   time.Time
	UploadedByID int64 `bun:",nullzero"`
	UploadedBy   string
}

func (r record) attachment() Attachment {
	return Attachment{ID: r.ID, Province: units.ProvinceCode(r.ProvinceCode), OwnerKind: OwnerKind(r.OwnerKind), OwnerID: r.OwnerID,
		Kind: Kind(r.Kind), Title: r.Title, FileName: r.FileName, ContentType: r.ContentType, Size: r.Size, SHA256: r.SHA256,
		Supersedes: r.Supersedes, SupersededBy: r.SupersededBy, UploadedAt: r.UploadedAt, UploadedByID: r.UploadedByID,
		UploadedBy: r.UploadedBy}
}

func (r record) owner() Owner {
	return Owner{Kind: OwnerKind(r.OwnerKind), ID: r.OwnerID, Province: units.ProvinceCode(r.ProvinceCode)}
}

// chunk is a piece of an attachment's bytes (the table attachment_chunks).
type chunk struct {
	bun.BaseModel `bun:"table:attachment_chunks"`

	AttachmentID int64 `bun:",pk"`
	Seq          int   `bun:",pk"`
	Data         []byte
}

// selectRecords selects attachments with the id of the one superseding
// each.
func selectRecords(db bun.IDB, model any) *bun.SelectQuery {
	return db.NewSelect().Model(model).ColumnExpr("a.*").ColumnExpr("n.id AS superseded_by").
		Join("LEFT JOIN attachments AS n ON n.supersedes = a.id")
}

// Add stores u's scan on its owner, with an audit entry (without the
// bytes). The caller must be allowed to read the owner (ENOTFOUND for
// another province's, EFORBIDDEN for an administrator) and to change such
// owners (EFORBIDDEN). It returns ETOOLARGE past MaxSize, EUNSUPPORTED for
// a file that is not a PDF, JPEG or PNG, EINVALID naming bad fields (a
// supersedes of another owner among them), and ECONFLICT when the
// attachment it supersedes has been superseded already.
func (s *Store) Add(ctx context.Context, c access.Caller, u Upload) (Attachment, error) {
	province, err := s.owners.province(ctx, c, u.Owner)
	if err != nil {
		return Attachment{}, err
	}
	if err := MayAdd(c, u.Owner.Kind, province); err != nil {
		return Attachment{}, err
	}
	contentType, err := checkUpload(&u)
	if err != nil {
		return Attachment{}, err
	}
	sum := sha256.Sum256(u.Content)
	r := record{ProvinceCode: string(province), OwnerKind: string(u.Owner.Kind), OwnerID: u.Owner.ID, Kind: string(u.Kind),
		Title: u.Title, FileName: u.FileName, ContentType: contentType, Size: int64(len(u.Content)),
		SHA256: hex.EncodeToString(sum[:]), Supersedes: u.Supersedes, UploadedAt: s.clock.Now(), UploadedByID: c.UserID,
		UploadedBy: c.Username}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return s.insert(ctx, tx, c, &r, u.Content)
	})
	switch {
	case database.IsUniqueViolation(err):
		return Attachment{}, baove.E(baove.ECONFLICT, "attachment.superseded_now", i18n.Args{"id": r.Supersedes})
	case baove.ErrorCode(err) == baove.EINTERNAL:
		return Attachment{}, fmt.Errorf("attachments: add to %s %s: %w", u.Owner.Kind, u.Owner.ID, err)
	case err != nil:
		return Attachment{}, err
	}
	return r.attachment(), nil
}

// insert writes r, its bytes in chunks and its audit entry.
func (s *Store) insert(ctx context.Context, tx bun.Tx, c access.Caller, r *record, content []byte) error {
	if r.Supersedes != 0 {
		if err := supersedable(ctx, tx, *r); err != nil {
			return err
		}
	}
	if _, err := tx.NewInsert().Model(r).Exec(ctx); err != nil {
		return err
	}
	for seq, off := 0, 0; off < len(content); seq, off = seq+1, off+chunkSize {
		ch := chunk{AttachmentID: r.ID, Seq: seq, Data: content[off:min(off+chunkSize, len(content))]}
		if _, err := tx.NewInsert().Model(&ch).Exec(ctx); err != nil {
			return err
		}
	}
	return audit.Record(ctx, tx, audit.Change{At: r.UploadedAt, Actor: c.Actor(), Action: "attachment.add", Entity: "attachment",
		EntityID: strconv.FormatInt(r.ID, 10), ProvinceCode: r.ProvinceCode, AfterState: r.attachment()})
}

// supersedable returns nil when r may supersede the attachment it names:
// one of the same owner (EINVALID otherwise), not superseded yet
// (ECONFLICT).
func supersedable(ctx context.Context, db bun.IDB, r record) error {
	var old record
	err := selectRecords(db, &old).Where("a.id = ?", r.Supersedes).Scan(ctx)
	switch {
	case errors.Is(err, sql.ErrNoRows) || err == nil && old.owner() != r.owner():
		return baove.InvalidKey("supersedes", "attachment.supersedes_other", i18n.Args{"id": r.Supersedes}, r.Supersedes)
	case err != nil:
		return err
	case old.SupersededBy != 0:
		return baove.E(baove.ECONFLICT, "attachment.superseded", i18n.Args{"id": old.ID, "by": old.SupersededBy})
	}
	return nil
}

// List returns the attachments of owner, oldest first, each saying which
// attachment superseded it. Whoever may read the owner may list them
// (ENOTFOUND for another province's planner, EFORBIDDEN for an
// administrator).
func (s *Store) List(ctx context.Context, c access.Caller, owner Owner) ([]Attachment, error) {
	province, err := s.owners.province(ctx, c, owner)
	if err != nil {
		return nil, err
	}
	var rows []record
	if err := s.db.Select(ctx, s.db, &rows, "SELECT "+s.db.Columns((*record)(nil), "a")+`, n.id AS superseded_by
		FROM attachments AS a LEFT JOIN attachments AS n ON n.supersedes = a.id
		WHERE a.province_code = ? AND a.owner_kind = ? AND a.owner_id = ? ORDER BY a.id`,
		string(province), string(owner.Kind), owner.ID); err != nil {
		return nil, fmt.Errorf("attachments: list %s %s: %w", owner.Kind, owner.ID, err)
	}
	out := make([]Attachment, len(rows))
	for i, r := range rows {
		out[i] = r.attachment()
	}
	return out, nil
}

// Signed returns which of the plan versions carry a current attachment of
// kind signed_plan: their signed scan. It does not check a caller: the
// assessment, which checks its own, asks.
func (s *Store) Signed(ctx context.Context, versions []plans.ID) (map[plans.ID]bool, error) {
	out := map[plans.ID]bool{}
	if len(versions) == 0 {
		return out, nil
	}
	args := []any{string(OnPlan), string(SignedPlan)}
	for _, v := range versions {
		args = append(args, strconv.FormatInt(int64(v), 10))
	}
	var rows []record
	if err := s.db.Select(ctx, s.db, &rows, `SELECT a.owner_id, n.id AS superseded_by
		FROM attachments AS a LEFT JOIN attachments AS n ON n.supersedes = a.id
		WHERE a.owner_kind = ? AND a.kind = ? AND a.owner_id IN (`+database.Params(len(versions))+`)`, args...); err != nil {
		return nil, fmt.Errorf("attachments: signed plans: %w", err)
	}
	for _, r := range rows {
		if id, err := strconv.ParseInt(r.OwnerID, 10, 64); err == nil && r.SupersededBy == 0 {
			out[plans.ID(id)] = true
		}
	}
	return out, nil
}
