package units

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/audit"
)

// Importer is who asks to import a list of units (access.Caller is one).
type Importer interface {
	// UnitImporter returns the actor to audit an import as, or EFORBIDDEN
	// for whoever may not import units: only administrators may.
	UnitImporter() (audit.Actor, error)
}

// Preview returns what importing list would change now, and changes
// nothing: the same comparison Import carries out. It returns EFORBIDDEN
// for whoever may not import units.
func (s *Store) Preview(ctx context.Context, who Importer, list List) (Diff, error) {
	if _, err := who.UnitImporter(); err != nil {
		return Diff{}, err
	}
	held, err := loadHeld(ctx, s.db)
	if err != nil {
		return Diff{}, fmt.Errorf("units: preview: %w", err)
	}
	return held.diff(list), nil
}

// Import makes the database agree with list, all or nothing: units are
// upserted by code (a closed unit that reappears is reopened), a unit in
// force that the list omits is closed the day before list.ValidFrom, never
// deleted, and successions are added or removed to match (see Diff).
// Importing the same list twice changes nothing the second time. A change is
// audited as done by who. It returns what it changed, or EFORBIDDEN for
// whoever may not import units.
func (s *Store) Import(ctx context.Context, who Importer, list List) (Diff, error) {
	actor, err := who.UnitImporter()
	if err != nil {
		return Diff{}, err
	}
	var res Diff
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		res, err = s.importList(ctx, tx, actor, list)
		return err
	})
	if err != nil {
		return Diff{}, fmt.Errorf("units: import: %w", err)
	}
	return res, nil
}

// importList imports list within tx, as Import.
func (s *Store) importList(ctx context.Context, tx bun.Tx, actor audit.Actor, list List) (Diff, error) {
	held, err := loadHeld(ctx, tx)
	if err != nil {
		return Diff{}, err
	}
	d := held.diff(list)
	res := d.Result()
	if !res.Changed() {
		return d, nil
	}
	if err := held.apply(ctx, tx, d, list.ValidFrom); err != nil {
		return d, err
	}
	now := s.clock.Now()
	row := unitListRow{Source: list.Source, ValidFrom: list.ValidFrom, ImportedAt: now, Summary: res.String()}
	if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
		return d, err
	}
	return d, audit.Record(ctx, tx, audit.Change{At: now, Actor: actor, Action: "units.import", Entity: "unit_list",
		EntityID: fmt.Sprint(row.ID), AfterState: auditedList{unitListRow: row, ImportResult: res}})
}

// auditedList is what the trail keeps of an import: the list's record and
// its counts.
type auditedList struct {
	unitListRow
	ImportResult
}

// EnsureLoaded imports the embedded list when the database holds no units,
// as on first start. It reports whether it imported.
func (s *Store) EnsureLoaded(ctx context.Context) (bool, error) {
	n, err := s.db.NewSelect().Table("provinces").Count(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	list, err := Embedded()
	if err != nil {
		return false, fmt.Errorf("units: embedded list: %w", err)
	}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := s.importList(ctx, tx, audit.Actor{Name: "system:first-start"}, list)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("units: first import: %w", err)
	}
	return true, nil
}

type unitListRow struct {
	bun.BaseModel `bun:"table:unit_lists"`

	ID         int64      `bun:",pk,autoincrement" json:"id"`
	Source     string     `json:"source"`
	ValidFrom  baove.Date `json:"valid_from"`
	ImportedAt time.Time  `json:"imported_at"`
	Summary    string     `json:"summary"`
}

// held is every unit and succession the database holds.
type held struct {
	provinces, communes []heldUnit
	successions         []successionRow
}

// loadHeld reads every unit and succession, units by code.
func loadHeld(ctx context.Context, db bun.IDB) (held, error) {
	var h held
	var ps []provinceRow
	var cs []communeRow
	if err := db.NewSelect().Model(&ps).Order("code").Scan(ctx); err != nil {
		return h, err
	}
	if err := db.NewSelect().Model(&cs).Order("code").Scan(ctx); err != nil {
		return h, err
	}
	if err := db.NewSelect().Model(&h.successions).Order("id").Scan(ctx); err != nil {
		return h, err
	}
	for _, p := range ps {
		h.provinces = append(h.provinces, heldUnit{ListEntry{Code: p.Code, Name: p.Name, Kind: p.Kind}, !p.ValidTo.IsZero()})
	}
	for _, c := range cs {
		h.communes = append(h.communes, heldUnit{ListEntry{Code: c.Code, ProvinceCode: c.ProvinceCode, Name: c.Name,
			Kind: c.Kind}, !c.ValidTo.IsZero()})
	}
	return h, nil
}

// diff returns what importing list changes in h.
func (h held) diff(list List) Diff {
	d := Diff{Provinces: diffUnits(h.provinces, list.Provinces), Communes: diffUnits(h.communes, list.Communes)}
	have := make([]Succession, len(h.successions))
	for i, r := range h.successions {
		have[i] = r.succession()
	}
	d.SuccessionsAdded, d.SuccessionsRemoved = diffSuccessions(have, list.Successions)
	return d
}
