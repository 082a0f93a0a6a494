package reports

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/units"
)

// Kind is what a generated report is.
type Kind string

// The kinds of report files.
const (
	ProvincePDF  Kind = "province_pdf"
	ProvinceXLSX Kind = "province_xlsx"
	NationalPDF  Kind = "national_pdf"
	NationalXLSX Kind = "national_xlsx"
)

// Generated is a report file as the register keeps it: what it is, when
// and for whom it was made, and the hashes that recognise a copy: of the
// bytes served (what `sha256sum` gives) and of the content its metadata
// carries (see exports.Stamp).
type Generated struct {
	ID            int64              `json:"id"`
	Kind          Kind               `json:"kind"`
	Province      units.ProvinceCode `json:"province_code,omitempty"`
	Year          int                `json:"year"`
	Lang          string             `json:"lang"`
	SHA256        string             `json:"sha256"`
	ContentSHA256 string             `json:"content_sha256"`
	Size          int64              `json:"size"`
	GeneratedAt   time.Time          `json:"generated_at"`
	Actor         string             `json:"generated_by"`
}

type generatedRow struct {
	bun.BaseModel `bun:"table:generated_reports"`

	ID            int64 `bun:",pk,autoincrement"`
	SHA256        string
	ContentSHA256 string
	Kind          string
	ProvinceCode  string `bun:",nullzero"`
	Year          int
	Lang          string
	Size          int64
	GeneratedAt   time.Time
	Actor         string
	RequestID     string
}

func (r generatedRow) generated() Generated {
	return Generated{ID: r.ID, Kind: Kind(r.Kind), Province: units.ProvinceCode(r.ProvinceCode), Year: r.Year, Lang: r.Lang,
		SHA256: r.SHA256, ContentSHA256: r.ContentSHA256, Size: r.Size, GeneratedAt: r.GeneratedAt, Actor: r.Actor}
}

// Register records the report file g, made by c at g.GeneratedAt, and
// returns it with its id. It fails only when the write fails.
func (s *Store) Register(ctx context.Context, c access.Caller, g Generated) (Generated, error) {
	row := generatedRow{SHA256: g.SHA256, ContentSHA256: g.ContentSHA256, Kind: string(g.Kind), ProvinceCode: string(g.Province),
		Year: g.Year, Lang: g.Lang, Size: g.Size, GeneratedAt: g.GeneratedAt.UTC(), Actor: c.Username, RequestID: c.RequestID}
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(&row).Returning("id").Exec(ctx)
		return err
	})
	if err != nil {
		return Generated{}, fmt.Errorf("reports: register %s: %w", g.Kind, err)
	}
	return row.generated(), nil
}

var sha256RE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Verify returns the report file whose bytes or content hash to sha (64
// hexadecimal digits, either case), the earliest when the same file was
// served more than once, and false when the register knows none. Any
// signed-in user may ask: the answer names what a file is and when it was
// made, which whoever holds the file already knows, not its figures. It
// returns EINVALID for a malformed hash.
func (s *Store) Verify(ctx context.Context, c access.Caller, sha string) (Generated, bool, error) {
	if !c.Role.Valid() {
		return Generated{}, false, baove.E(baove.EFORBIDDEN, "reports.sign_in_to_verify", nil)
	}
	sha = strings.ToLower(strings.TrimSpace(sha))
	if !sha256RE.MatchString(sha) {
		return Generated{}, false, baove.InvalidKey("sha256", "reports.sha256", nil, sha)
	}
	var row generatedRow
	err := s.db.NewSelect().Model(&row).Where("sha256 = ? OR content_sha256 = ?", sha, sha).OrderExpr("id").Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Generated{}, false, nil
	} else if err != nil {
		return Generated{}, false, fmt.Errorf("reports: verify: %w", err)
	}
	return row.generated(), true, nil
}
