package units

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/audit"
	"baove/vn"
)

// ImportResult counts what an import changed.
type ImportResult struct {
	ProvincesAdded, ProvincesUpdated, ProvincesClosed int
	CommunesAdded, CommunesUpdated, CommunesClosed    int
	SuccessionsAdded, SuccessionsRemoved              int
}

// Changed reports whether the import changed anything.
func (r ImportResult) Changed() bool {
	return r != ImportResult{}
}

// String summarises the result in one line.
func (r ImportResult) String() string {
	return fmt.Sprintf("provinces +%d ~%d closed %d; communes +%d ~%d closed %d; successions +%d -%d",
		r.ProvincesAdded, r.ProvincesUpdated, r.ProvincesClosed,
		r.CommunesAdded, r.CommunesUpdated, r.CommunesClosed, r.SuccessionsAdded, r.SuccessionsRemoved)
}

// Import makes the database agree with list, all or nothing: units are
// upserted by code (a closed unit that reappears is reopened), a unit in
// force that the list omits is closed the day before list.ValidFrom, never
// deleted, and successions are added or removed to match. Importing the same
// list twice changes nothing the second time. A change is audited as done by
// actor.
func (s *Store) Import(ctx context.Context, actor audit.Actor, list List) (ImportResult, error) {
	var res ImportResult
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if res.ProvincesAdded, res.ProvincesUpdated, res.ProvincesClosed, err = syncProvinces(ctx, tx, list); err != nil {
			return err
		}
		if res.CommunesAdded, res.CommunesUpdated, res.CommunesClosed, err = syncCommunes(ctx, tx, list); err != nil {
			return err
		}
		if res.SuccessionsAdded, res.SuccessionsRemoved, err = syncSuccessions(ctx, tx, list.Successions); err != nil {
			return err
		}
		if !res.Changed() {
			return nil
		}
		now := s.clock.Now()
		row := unitListRow{Source: list.Source, ValidFrom: list.ValidFrom, ImportedAt: now, Summary: res.String()}
		if _, err := tx.NewInsert().Model(&row).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Change{At: now, Actor: actor, Action: "units.import", Entity: "unit_list",
			EntityID: fmt.Sprint(row.ID), AfterState: row})
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("units: import: %w", err)
	}
	return res, nil
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
	_, err = s.Import(ctx, audit.Actor{Name: "system:first-start"}, list)
	return err == nil, err
}

type unitListRow struct {
	bun.BaseModel `bun:"table:unit_lists"`

	ID         int64      `bun:",pk,autoincrement" json:"id"`
	Source     string     `json:"source"`
	ValidFrom  baove.Date `json:"valid_from"`
	ImportedAt time.Time  `json:"imported_at"`
	Summary    string     `json:"summary"`
}

func syncProvinces(ctx context.Context, tx bun.Tx, list List) (added, updated, closed int, err error) {
	var existing []provinceRow
	if err = tx.NewSelect().Model(&existing).Scan(ctx); err != nil {
		return
	}
	var want []provinceRow
	for _, e := range list.Provinces {
		want = append(want, provinceRow{Code: e.Code, Name: e.Name, Kind: e.Kind, SearchName: vn.Fold(e.Name), ValidFrom: list.ValidFrom})
	}
	return syncRows(ctx, tx, existing, want, list.ValidFrom, func(r provinceRow) string { return r.Code },
		func(a, b provinceRow) bool { return a.Name == b.Name && a.Kind == b.Kind },
		func(r *provinceRow) *baove.Date { return &r.ValidTo },
		func(to, from *provinceRow) { to.Name, to.Kind, to.SearchName = from.Name, from.Kind, from.SearchName })
}

func syncCommunes(ctx context.Context, tx bun.Tx, list List) (added, updated, closed int, err error) {
	var existing []communeRow
	if err = tx.NewSelect().Model(&existing).Scan(ctx); err != nil {
		return
	}
	var want []communeRow
	for _, e := range list.Communes {
		want = append(want, communeRow{Code: e.Code, ProvinceCode: e.ProvinceCode, Name: e.Name, Kind: e.Kind,
			SearchName: vn.Fold(e.Name), ValidFrom: list.ValidFrom})
	}
	return syncRows(ctx, tx, existing, want, list.ValidFrom, func(r communeRow) string { return r.Code },
		func(a, b communeRow) bool {
			return a.Name == b.Name && a.Kind == b.Kind && a.ProvinceCode == b.ProvinceCode
		},
		func(r *communeRow) *baove.Date { return &r.ValidTo },
		func(to, from *communeRow) {
			to.Name, to.Kind, to.ProvinceCode, to.SearchName = from.Name, from.Kind, from.ProvinceCode, from.SearchName
		})
}

// syncRows upserts want over existing by code and closes the existing rows in
// force that want lacks. same tells whether a row needs no update; validTo
// points at a row's end date; assign copies the updatable fields.
func syncRows[R any](ctx context.Context, tx bun.Tx, existing, want []R, from baove.Date, code func(R) string,
	same func(a, b R) bool, validTo func(*R) *baove.Date, assign func(to, from *R)) (added, updated, closed int, err error) {
	byCode := make(map[string]*R, len(existing))
	for i := range existing {
		byCode[code(existing[i])] = &existing[i]
	}
	var inserts []R
	for i := range want {
		old, ok := byCode[code(want[i])]
		delete(byCode, code(want[i]))
		switch {
		case !ok:
			inserts = append(inserts, want[i])
		case !same(*old, want[i]) || !validTo(old).IsZero():
			assign(old, &want[i])
			*validTo(old) = baove.Date{}
			if _, err = tx.NewUpdate().Model(old).WherePK().Exec(ctx); err != nil {
				return
			}
			updated++
		}
	}
	for _, gone := range byCode {
		if validTo(gone).IsZero() {
			*validTo(gone) = from.AddDays(-1)
			if _, err = tx.NewUpdate().Model(gone).WherePK().Exec(ctx); err != nil {
				return
			}
			closed++
		}
	}
	err = insertBatches(ctx, tx, inserts)
	return len(inserts), updated, closed, err
}

func syncSuccessions(ctx context.Context, tx bun.Tx, want []Succession) (added, removed int, err error) {
	var existing []successionRow
	if err = tx.NewSelect().Model(&existing).Scan(ctx); err != nil {
		return
	}
	have := make(map[Succession]int64, len(existing))
	for _, r := range existing {
		have[r.succession()] = r.ID
	}
	var inserts []successionRow
	for _, s := range want {
		if _, ok := have[s]; ok {
			delete(have, s)
			continue
		}
		inserts = append(inserts, successionRow{OldCode: string(s.OldCode), OldName: s.OldName, OldDistrict: s.OldDistrict,
			OldProvince: s.OldProvince, NewCode: string(s.NewCode)})
	}
	for _, id := range have {
		if _, err = tx.NewDelete().Table("commune_successions").Where("id = ?", id).Exec(ctx); err != nil {
			return
		}
	}
	err = insertBatches(ctx, tx, inserts)
	return len(inserts), len(have), err
}

func insertBatches[R any](ctx context.Context, tx bun.Tx, rows []R) error {
	const batch = 500
	for start := 0; start < len(rows); start += batch {
		chunk := rows[start:min(start+batch, len(rows))]
		if _, err := tx.NewInsert().Model(&chunk).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
