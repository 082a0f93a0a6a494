package units

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/audit"
	"baove/i18n"
)

// A list file uploaded through the pages is held in the database between
// its preview and its import, by its SHA-256: any instance of the service
// may import the file another previewed, and the browser sends it once.
const (
	// MaxListSize caps a list file: the official list is under 2 MiB.
	MaxListSize = 10 << 20
	// holdFor is how long a file is held; older ones are removed.
	holdFor = 24 * time.Hour
)

// Held is a list file held for import.
type Held struct {
	// SHA256 names the file (hex), for ImportHeld.
	SHA256 string
	List   List
	// Diff is what importing it would change now.
	Diff Diff
}

type uploadRow struct {
	bun.BaseModel `bun:"table:unit_list_uploads"`

	SHA256 string `bun:"sha256,pk"`
	Data   []byte
	HeldAt time.Time
	HeldBy string
}

// Hold reads file as ReadList does, holds it for a day by its SHA-256 and
// returns what importing it would change now; it changes no unit. It
// returns EFORBIDDEN for whoever may not import units, EINVALID naming
// every problem of a bad file, ETOOLARGE for a file over MaxListSize.
func (s *Store) Hold(ctx context.Context, who Importer, file []byte) (Held, error) {
	actor, list, err := readFile(who, file)
	if err != nil {
		return Held{}, err
	}
	sum := sha256.Sum256(file)
	h := Held{SHA256: hex.EncodeToString(sum[:]), List: list}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		now := s.clock.Now()
		if _, err := tx.NewDelete().Model((*uploadRow)(nil)).Where("held_at < ?", now.Add(-holdFor)).Exec(ctx); err != nil {
			return err
		}
		row := uploadRow{SHA256: h.SHA256, Data: file, HeldAt: now, HeldBy: actor.Name}
		_, err := tx.NewInsert().Model(&row).On("CONFLICT (sha256) DO UPDATE").Set("held_at = EXCLUDED.held_at").
			Set("held_by = EXCLUDED.held_by").Exec(ctx)
		if err != nil {
			return err
		}
		held, err := loadHeld(ctx, tx)
		h.Diff = held.diff(list)
		return err
	})
	if err != nil {
		return Held{}, fmt.Errorf("units: hold a list: %w", err)
	}
	return h, nil
}

// PreviewFile reads file as ReadList does and returns what importing it
// would change now, as Preview. It returns EFORBIDDEN for whoever may not
// import units, EINVALID naming every problem of a bad file, ETOOLARGE for
// a file over MaxListSize.
func (s *Store) PreviewFile(ctx context.Context, who Importer, file []byte) (Diff, error) {
	_, list, err := readFile(who, file)
	if err != nil {
		return Diff{}, err
	}
	return s.Preview(ctx, who, list)
}

// ImportFile reads file as ReadList does and imports it, as Import. It
// returns the errors of PreviewFile.
func (s *Store) ImportFile(ctx context.Context, who Importer, file []byte) (Diff, error) {
	_, list, err := readFile(who, file)
	if err != nil {
		return Diff{}, err
	}
	return s.Import(ctx, who, list)
}

// readFile returns who's actor and the list file holds, after checking
// that who may import units and file is not over MaxListSize.
func readFile(who Importer, file []byte) (audit.Actor, List, error) {
	actor, err := who.UnitImporter()
	if err != nil {
		return actor, List{}, err
	}
	if len(file) > MaxListSize {
		return actor, List{}, baove.E(baove.ETOOLARGE, "units.list.too_large", i18n.Args{"mb": int64(MaxListSize >> 20)})
	}
	list, err := ReadList(bytes.NewReader(file))
	return actor, list, err
}

// ImportHeld imports the list file held under sha, as Import does, and
// returns what it changed: a file imported before changes nothing the
// second time. It returns EFORBIDDEN for whoever may not import units,
// ENOTFOUND when no file is held under sha (never, or over a day ago).
func (s *Store) ImportHeld(ctx context.Context, who Importer, sha string) (Diff, error) {
	actor, err := who.UnitImporter()
	if err != nil {
		return Diff{}, err
	}
	var res Diff
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var row uploadRow
		err := tx.NewSelect().Model(&row).Where("sha256 = ?", sha).Where("held_at >= ?", s.clock.Now().Add(-holdFor)).
			Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return baove.E(baove.ENOTFOUND, "units.list.not_held", nil)
		} else if err != nil {
			return err
		}
		list, err := ReadList(bytes.NewReader(row.Data))
		if err != nil {
			return err
		}
		res, err = s.importList(ctx, tx, actor, list)
		return err
	})
	if err != nil {
		return Diff{}, fmt.Errorf("units: import a held list: %w", err)
	}
	return res, nil
}
