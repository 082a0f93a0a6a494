package units

import (
	"context"

	"github.com/uptrace/bun"

	"baove"
	"baove/vn"
)

// apply writes d within tx: provinces first, as communes refer to them,
// then communes, then successions, which refer to communes. Units added
// come into force on from; units closed end the day before; a unit changed
// keeps the day it came into force, and a reopened one has no end.
func (h held) apply(ctx context.Context, tx bun.Tx, d Diff, from baove.Date) error {
	provinces := unitTable[provinceRow]{name: "provinces", columns: []string{"name", "kind", "search_name", "valid_to"},
		row: func(e ListEntry, from baove.Date) provinceRow {
			return provinceRow{Code: e.Code, Name: e.Name, Kind: e.Kind, SearchName: vn.Fold(e.Name), ValidFrom: from}
		}}
	if err := provinces.apply(ctx, tx, d.Provinces, from); err != nil {
		return err
	}
	communes := unitTable[communeRow]{name: "communes",
		columns: []string{"name", "kind", "province_code", "search_name", "valid_to"},
		row: func(e ListEntry, from baove.Date) communeRow {
			return communeRow{Code: e.Code, ProvinceCode: e.ProvinceCode, Name: e.Name, Kind: e.Kind,
				SearchName: vn.Fold(e.Name), ValidFrom: from}
		}}
	if err := communes.apply(ctx, tx, d.Communes, from); err != nil {
		return err
	}
	return h.applySuccessions(ctx, tx, d)
}

// unitTable is how one table of units is written: its name, the columns a
// change rewrites, and the row of an entry coming into force on a day.
type unitTable[R any] struct {
	name    string
	columns []string
	row     func(e ListEntry, from baove.Date) R
}

// apply inserts, changes and closes the units of d.
func (t unitTable[R]) apply(ctx context.Context, tx bun.Tx, d UnitDiff, from baove.Date) error {
	inserts := make([]R, len(d.Added))
	for i, e := range d.Added {
		inserts[i] = t.row(e, from)
	}
	if err := insertBatches(ctx, tx, inserts); err != nil {
		return err
	}
	for _, c := range d.Changed {
		r := t.row(c.Now, baove.Date{}) // valid_to is nullzero: its zero clears the end
		if _, err := tx.NewUpdate().Model(&r).Column(t.columns...).WherePK().Exec(ctx); err != nil {
			return err
		}
	}
	for _, e := range d.Closed {
		if _, err := tx.NewUpdate().Table(t.name).Set("valid_to = ?", from.AddDays(-1)).Where("code = ?", e.Code).
			Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// applySuccessions adds and removes the successions of d.
func (h held) applySuccessions(ctx context.Context, tx bun.Tx, d Diff) error {
	ids := make(map[Succession][]int64, len(h.successions))
	for _, r := range h.successions {
		ids[r.succession()] = append(ids[r.succession()], r.ID)
	}
	for _, s := range d.SuccessionsRemoved {
		id := ids[s][0]
		ids[s] = ids[s][1:]
		if _, err := tx.NewDelete().Table("commune_successions").Where("id = ?", id).Exec(ctx); err != nil {
			return err
		}
	}
	inserts := make([]successionRow, len(d.SuccessionsAdded))
	for i, s := range d.SuccessionsAdded {
		inserts[i] = successionRow{OldCode: string(s.OldCode), OldName: s.OldName, OldDistrict: s.OldDistrict,
			OldProvince: s.OldProvince, NewCode: string(s.NewCode)}
	}
	return insertBatches(ctx, tx, inserts)
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
