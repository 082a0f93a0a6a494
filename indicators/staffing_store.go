package indicators

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/database"
	"baove/i18n"
	"baove/notify"
	"baove/units"
	"baove/vn"
)

// StaffingRecord is a commune's staffing in a year as stored (the table
// commune_staffing), with the commune's province.
type StaffingRecord struct {
	bun.BaseModel `bun:"table:commune_staffing"`

	CommuneCode              string `bun:",pk"`
	Year                     int    `bun:",pk"`
	ProvinceCode             string
	FullTime                 int
	PartTime                 int
	Collaborators            int
	Villages                 int
	VillagesWithCollaborator int
	Note                     string
	UpdatedAt                time.Time
	UpdatedBy                string
}

func (r StaffingRecord) staffing() Staffing {
	return Staffing{Commune: units.CommuneCode(r.CommuneCode), Year: r.Year, FullTime: r.FullTime, PartTime: r.PartTime,
		Collaborators: r.Collaborators, Villages: r.Villages, VillagesWithCollaborator: r.VillagesWithCollaborator,
		Note: r.Note, UpdatedAt: r.UpdatedAt, UpdatedBy: r.UpdatedBy}
}

// Record returns s, of a commune of province, as stored.
func (s Staffing) Record(province units.ProvinceCode) StaffingRecord {
	return StaffingRecord{CommuneCode: string(s.Commune), Year: s.Year, ProvinceCode: string(province), FullTime: s.FullTime,
		PartTime: s.PartTime, Collaborators: s.Collaborators, Villages: s.Villages,
		VillagesWithCollaborator: s.VillagesWithCollaborator, Note: s.Note, UpdatedAt: s.UpdatedAt, UpdatedBy: s.UpdatedBy}
}

// PutStaffing records the staffing of st.Commune in st.Year, replacing what was
// there; the same again changes nothing. Only a planner of the commune's
// province may. It returns ENOTFOUND for an unknown commune or a pre-2025
// code, and EINVALID for a year the commune was not in force or bad numbers
// (one detail per field).
func (s *Store) PutStaffing(ctx context.Context, c access.Caller, st Staffing) (Staffing, error) {
	commune, year := st.Commune, st.Year
	if err := c.Require(access.Planner); err != nil {
		return Staffing{}, err
	}
	l, err := s.units.Commune(ctx, commune)
	if err != nil {
		return Staffing{}, err
	}
	if l.Replaced != nil {
		return Staffing{}, baove.E(baove.ENOTFOUND, "staffing.replaced_code",
			i18n.Args{"code": string(commune), "successor": string(l.Commune.Code)})
	}
	if err := c.CanAct(l.Commune.ProvinceCode, access.Planner); err != nil {
		return Staffing{}, err
	}
	if err := baove.CheckYear("year", year); err != nil {
		return Staffing{}, err
	}
	if !validIn(l.Commune, year) {
		return Staffing{}, baove.InvalidKey("year", "staffing.not_in_force", i18n.Args{"name": l.Commune.Name, "year": year}, year)
	}
	st.Commune, st.Year = commune, year
	var p baove.Problems
	if st.check(&p, ""); p.Err() != nil {
		return Staffing{}, p.Err()
	}
	ps := ProvinceStaffing{Province: l.Commune.ProvinceCode, Year: year, Items: []Staffing{st}}
	_, _, err = s.writeStaffing(ctx, c, ps)
	return ps.Items[0], err
}

// ProvinceStaffing is the staffing of many communes of a province in a
// year, recorded at once.
type ProvinceStaffing struct {
	Province units.ProvinceCode
	Year     int
	Items    []Staffing
	// Names, when not nil, are the commune names given beside the items'
	// codes (a file's name column; empty where none): each given name must
	// be the code's commune's.
	Names []string
	// imported marks the staffing of a file (ImportStaffing), whose
	// importer is told when it is recorded.
	imported bool
}

// PutProvinceStaffing records ps, the staffing of many communes of a
// province in a year: all of them or, when any item is bad, none. Communes
// not listed keep their records. Only a planner of the province may. It
// returns how many records changed; ENOTFOUND for an unknown province;
// EINVALID naming each bad item's field, e.g.
// items[3].villages_with_collaborator.
func (s *Store) PutProvinceStaffing(ctx context.Context, c access.Caller, ps ProvinceStaffing) (int, error) {
	d, err := s.recordProvince(ctx, c, ps, false)
	return len(d.Changes), err
}

// checkItems sets each item's year and returns an EINVALID error naming
// every bad field of every item of ps, communes being those in force.
func checkItems(ps ProvinceStaffing, communes []units.Commune) error {
	province, year, items, names := ps.Province, ps.Year, ps.Items, ps.Names
	valid := make(map[units.CommuneCode]units.Commune, len(communes))
	for _, u := range communes {
		valid[u.Code] = u
	}
	first := map[units.CommuneCode]int{}
	var p baove.Problems
	if len(items) == 0 {
		p.AddKey("items", "staffing.no_items", nil, nil)
	}
	for i := range items {
		at, code := fmt.Sprintf("items[%d].", i), items[i].Commune
		u, known := valid[code]
		if j, twice := first[code]; twice {
			p.AddKey(at+"commune_code", "staffing.listed_twice", i18n.Args{"other": j}, code)
		} else if !known {
			p.AddKey(at+"commune_code", "staffing.not_a_commune", i18n.Args{"province": string(province), "year": year}, code)
		} else if names != nil && !nameMatches(names[i], u.Name) {
			p.AddKey(at+"commune_name", "staffing.name_mismatch", i18n.Args{"given": vn.NFC(names[i]), "code": string(code), "name": u.Name}, vn.NFC(names[i]))
		}
		first[code] = i
		items[i].Year = year
		items[i].check(&p, at)
	}
	return p.Err()
}

// writeStaffing writes, in one transaction, each item that differs from its
// record, with an audit entry each. Items become what is stored; it returns
// the changes, in the order written, and how many items changed nothing.
func (s *Store) writeStaffing(ctx context.Context, c access.Caller, ps ProvinceStaffing) ([]CommuneChange, int, error) {
	province, year := ps.Province, ps.Year
	var changes []CommuneChange
	unchanged := 0
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		old, err := scanStaffing(ctx, s.db.ForUpdate(selectStaffing(tx, province, year)))
		if err != nil {
			return err
		}
		changes, unchanged = diffStaffing(old, ps.Items, stamp{at: s.clock.Now(), by: c.Username})
		for _, ch := range changes {
			if err := writeOne(ctx, tx, c, staffingChange{province: province, after: ch.After, before: ch.Before}); err != nil {
				return err
			}
		}
		if !ps.imported {
			return nil
		}
		return notify.Record(ctx, tx, notify.Event{Kind: notify.StaffingIn, Province: province, User: c.UserID,
			Actor: c.UserID, Args: i18n.Args{"year": year, "n": int64(len(changes))}, At: s.clock.Now()})
	})
	switch {
	case database.IsUniqueViolation(err):
		return nil, 0, baove.E(baove.ECONFLICT, "staffing.concurrent", nil)
	case err != nil:
		return nil, 0, fmt.Errorf("indicators: staffing of %s in %d: %w", province, year, err)
	}
	return changes, unchanged, nil
}

// communeOrder returns the indexes of items by commune code, the order in
// which every request writes them, so that two requests over the same
// communes wait for each other instead of deadlocking.
func communeOrder(items []Staffing) []int {
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(items[a].Commune, items[b].Commune) })
	return order
}

// staffingChange is a commune's record of a province as it becomes, and as
// it was (nil when it had none).
type staffingChange struct {
	province units.ProvinceCode
	after    Staffing
	before   *Staffing
}

func writeOne(ctx context.Context, tx bun.Tx, c access.Caller, ch staffingChange) error {
	province, st := ch.province, ch.after
	r := st.Record(province)
	var before any
	var err error
	if ch.before != nil {
		before = *ch.before
		_, err = tx.NewUpdate().Model(&r).WherePK().Exec(ctx)
	} else {
		_, err = tx.NewInsert().Model(&r).Exec(ctx)
	}
	if err != nil {
		return err
	}
	id := fmt.Sprintf("%s/%d", st.Commune, st.Year)
	return audit.Record(ctx, tx, audit.Change{At: st.UpdatedAt, Actor: c.Actor(), Action: "staffing.put",
		Entity: "staffing", EntityID: id, ProvinceCode: string(province), BeforeState: before, AfterState: st})
}

// selectStaffing selects the records of province in year, by commune.
func selectStaffing(db bun.IDB, province units.ProvinceCode, year int) *bun.SelectQuery {
	return db.NewSelect().Model((*StaffingRecord)(nil)).Where("province_code = ?", string(province)).Where("year = ?", year).
		Order("commune_code")
}

// scanStaffing reads the records q selects.
func scanStaffing(ctx context.Context, q *bun.SelectQuery) ([]Staffing, error) {
	var rows []StaffingRecord
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, err
	}
	return staffingOf(rows), nil
}

// staffing reads the records of province in year, by commune, as
// selectStaffing selects them, prepared (see database.DB.Select).
func (s *Store) staffing(ctx context.Context, province units.ProvinceCode, year int) ([]Staffing, error) {
	var rows []StaffingRecord
	err := s.db.Select(ctx, s.db, &rows, "SELECT "+s.db.Columns((*StaffingRecord)(nil), "s")+
		" FROM commune_staffing AS s WHERE s.province_code = ? AND s.year = ? ORDER BY s.commune_code", string(province), year)
	if err != nil {
		return nil, err
	}
	return staffingOf(rows), nil
}

func staffingOf(rows []StaffingRecord) []Staffing {
	out := make([]Staffing, len(rows))
	for i, r := range rows {
		out[i] = r.staffing()
	}
	return out
}

// Coverage returns the staffing of province's communes in force in year. A
// reviewer and the province's planners, approvers and finance officers may read it. It
// returns ENOTFOUND for an unknown province.
func (s *Store) Coverage(ctx context.Context, c access.Caller, province units.ProvinceCode, year int) (Coverage, error) {
	if err := c.CanRead(province); err != nil {
		return Coverage{}, err
	}
	if err := baove.CheckYear("year", year); err != nil {
		return Coverage{}, err
	}
	return s.coverage(ctx, province, year)
}

func (s *Store) coverage(ctx context.Context, province units.ProvinceCode, year int) (Coverage, error) {
	communes, err := s.units.CommunesValidIn(ctx, province, year)
	if err != nil {
		return Coverage{}, err
	}
	rows, err := s.staffing(ctx, province, year)
	if err != nil {
		return Coverage{}, fmt.Errorf("indicators: staffing of %s in %d: %w", province, year, err)
	}
	return NewCoverage(province, year, communes, rows), nil
}

// Tallies returns, for every province, the communes in force in year and
// what their staffing adds up to, as Coverage without its list of
// communes: enough for CP_COMMUNE_WORKER and CP_COLLAB_VILLAGE, read in one
// query for the whole country. Staffing of communes not in force in the
// year is left out, as NewCoverage leaves it out. It does not check a
// caller.
func (s *Store) Tallies(ctx context.Context, year int) (map[units.ProvinceCode]Coverage, error) {
	return s.tally(ctx, year, "")
}

// Tally is Tallies for one province, in one query; a province without
// communes in force has the zero tally. It does not check a caller.
func (s *Store) Tally(ctx context.Context, province units.ProvinceCode, year int) (Coverage, error) {
	tallies, err := s.tally(ctx, year, province)
	c := tallies[province]
	c.Province, c.Year = province, year
	return c, err
}

// tally is tallies for province p only, or for all when p is empty.
func (s *Store) tally(ctx context.Context, year int, p units.ProvinceCode) (map[units.ProvinceCode]Coverage, error) {
	where, args := "", []any{year, baove.NewDate(year, 12, 31), baove.NewDate(year, 1, 1)}
	if p != "" {
		where, args = " AND c.province_code = ?", append(args, string(p))
	}
	var rows []struct {
		ProvinceCode                       string
		Total, Recorded, Covered           int
		Villages, VillagesWithCollaborator int
	}
	err := s.db.Select(ctx, s.db, &rows, `SELECT c.province_code, count(*) AS total, count(s.commune_code) AS recorded,
		coalesce(sum(CASE WHEN s.full_time + s.part_time > 0 THEN 1 ELSE 0 END), 0) AS covered,
		coalesce(sum(s.villages), 0) AS villages, coalesce(sum(s.villages_with_collaborator), 0) AS villages_with_collaborator
		FROM communes AS c LEFT JOIN commune_staffing AS s
			ON s.commune_code = c.code AND s.province_code = c.province_code AND s.year = ?
		WHERE c.valid_from <= ? AND (c.valid_to IS NULL OR c.valid_to >= ?)`+where+` GROUP BY c.province_code`,
		args...)
	if err != nil {
		return nil, fmt.Errorf("indicators: staffing of %d: %w", year, err)
	}
	out := make(map[units.ProvinceCode]Coverage, len(rows))
	for _, r := range rows {
		p := units.ProvinceCode(r.ProvinceCode)
		out[p] = Coverage{Province: p, Year: year, Total: r.Total, Recorded: r.Recorded, Covered: r.Covered,
			Villages: r.Villages, VillagesWithCollaborator: r.VillagesWithCollaborator}
	}
	return out, nil
}

// Uncovered is what the compliance checks read of a province's staffing in
// year, in one statement: the counts of Tally, summed by the database, and
// the uncovered communes by name, which are then Communes (with no
// staffing), in Vietnamese order. Only those communes' rows come back, not
// one row per commune in force: the full records (Coverage) are not needed
// to judge and name. It does not check a caller.
func (s *Store) Uncovered(ctx context.Context, province units.ProvinceCode, year int) (Coverage, error) {
	var rows []struct {
		Code, Name                         string
		Total, Recorded, Covered           int
		Villages, VillagesWithCollaborator int
	}
	// The communes in force beside their record of the year (found by the
	// record's province too, which is the commune's and indexed), read once;
	// then one row of their sums (code ''), and one for each without a worker.
	err := s.db.Select(ctx, s.db, &rows, `WITH k AS MATERIALIZED (SELECT c.code, c.name,
			CASE WHEN s.commune_code IS NULL THEN 0 ELSE 1 END AS recorded,
			CASE WHEN s.full_time + s.part_time > 0 THEN 1 ELSE 0 END AS covered,
			coalesce(s.villages, 0) AS villages, coalesce(s.villages_with_collaborator, 0) AS villages_with_collaborator
		FROM communes AS c LEFT JOIN commune_staffing AS s
			ON s.commune_code = c.code AND s.province_code = c.province_code AND s.year = ?
		WHERE c.province_code = ? AND c.valid_from <= ? AND (c.valid_to IS NULL OR c.valid_to >= ?))
		SELECT '' AS code, '' AS name, count(*) AS total, coalesce(sum(recorded), 0) AS recorded,
			coalesce(sum(covered), 0) AS covered, coalesce(sum(villages), 0) AS villages,
			coalesce(sum(villages_with_collaborator), 0) AS villages_with_collaborator FROM k
		UNION ALL SELECT code, name, 0, 0, 0, 0, 0 FROM k WHERE covered = 0`,
		year, string(province), baove.NewDate(year, 12, 31), baove.NewDate(year, 1, 1))
	if err != nil {
		return Coverage{}, fmt.Errorf("indicators: staffing of %s in %d: %w", province, year, err)
	}
	c := Coverage{Province: province, Year: year}
	for _, r := range rows {
		if r.Code == "" {
			c.Total, c.Recorded, c.Covered = r.Total, r.Recorded, r.Covered
			c.Villages, c.VillagesWithCollaborator = r.Villages, r.VillagesWithCollaborator
			continue
		}
		c.Communes = append(c.Communes, CommuneStaffing{Commune: units.Commune{Code: units.CommuneCode(r.Code),
			ProvinceCode: province, Name: r.Name}})
	}
	vn.SortBy(c.Communes, func(cs CommuneStaffing) string { return cs.Commune.Name })
	return c, nil
}
