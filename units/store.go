package units

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"baove"
	"baove/database"
	"baove/i18n"
	"baove/vn"
)

// Store reads and writes units.
type Store struct {
	db    *database.DB
	clock baove.Clock
}

// NewStore returns a store over db; clock tells today's date.
func NewStore(db *database.DB, clock baove.Clock) *Store {
	return &Store{db: db, clock: clock}
}

type provinceRow struct {
	bun.BaseModel `bun:"table:provinces"`

	Code       string `bun:",pk"`
	Name       string
	Kind       Kind
	SearchName string
	ValidFrom  baove.Date
	ValidTo    baove.Date `bun:",nullzero"`
	Communes   int        `bun:",scanonly"`
}

type communeRow struct {
	bun.BaseModel `bun:"table:communes"`

	Code         string `bun:",pk"`
	ProvinceCode string
	Name         string
	Kind         Kind
	SearchName   string
	ValidFrom    baove.Date
	ValidTo      baove.Date `bun:",nullzero"`
}

type successionRow struct {
	bun.BaseModel `bun:"table:commune_successions"`

	ID          int64  `bun:",pk,autoincrement"`
	OldCode     string `bun:",nullzero"`
	OldName     string
	OldDistrict string
	OldProvince string
	NewCode     string
}

func (r provinceRow) province() Province {
	return Province{Code: ProvinceCode(r.Code), Name: r.Name, Kind: r.Kind, ValidFrom: r.ValidFrom, ValidTo: r.ValidTo, Communes: r.Communes}
}

func (r communeRow) commune() Commune {
	return Commune{Code: CommuneCode(r.Code), ProvinceCode: ProvinceCode(r.ProvinceCode), Name: r.Name, Kind: r.Kind,
		ValidFrom: r.ValidFrom, ValidTo: r.ValidTo}
}

func (r successionRow) succession() Succession {
	return Succession{OldCode: CommuneCode(r.OldCode), OldName: r.OldName, OldDistrict: r.OldDistrict,
		OldProvince: r.OldProvince, NewCode: CommuneCode(r.NewCode)}
}

func (s *Store) today() baove.Date { return s.clock.Today() }

// validOn restricts a query on alias to units in force on day d.
func validOn(q *bun.SelectQuery, alias string, d baove.Date) *bun.SelectQuery {
	return q.Where("?.valid_from <= ?", bun.Ident(alias), d).
		WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("?.valid_to IS NULL", bun.Ident(alias)).WhereOr("?.valid_to >= ?", bun.Ident(alias), d)
		})
}

// Provinces returns the provinces in force today in Vietnamese alphabetical
// order, each with the number of its communes in force today.
func (s *Store) Provinces(ctx context.Context) ([]Province, error) {
	var rows []provinceRow
	today := s.today()
	if err := s.db.Select(ctx, s.db, &rows, "SELECT "+s.db.Columns((*provinceRow)(nil), "p")+`,
		coalesce(c.n, 0) AS communes FROM provinces AS p LEFT JOIN (SELECT province_code, count(*) AS n FROM communes
			WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?) GROUP BY province_code) AS c
			ON c.province_code = p.code
		WHERE p.valid_from <= ? AND (p.valid_to IS NULL OR p.valid_to >= ?)`, today, today, today, today); err != nil {
		return nil, fmt.Errorf("units: provinces: %w", err)
	}
	out := make([]Province, len(rows))
	for i, r := range rows {
		out[i] = r.province()
	}
	vn.SortBy(out, func(p Province) string { return p.Name })
	return out, nil
}

// ProvinceName is a province's code and name: what a list to choose from
// shows.
type ProvinceName struct {
	Code ProvinceCode
	Name string
}

// ProvinceNames returns the code and name of the provinces in force today
// in Vietnamese alphabetical order, as Provinces orders them: for a list
// to choose from. It reads two columns of the 34 provinces, where
// Provinces reads every column and counts every commune.
func (s *Store) ProvinceNames(ctx context.Context) ([]ProvinceName, error) {
	var out []ProvinceName
	today := s.today()
	err := s.db.Select(ctx, s.db, &out,
		"SELECT code, name FROM provinces WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)", today, today)
	if err != nil {
		return nil, fmt.Errorf("units: province names: %w", err)
	}
	vn.SortBy(out, func(p ProvinceName) string { return p.Name })
	return out, nil
}

// Province returns the province with code, in force or not, with the number
// of its communes in force today, in one read. It returns ENOTFOUND for an
// unknown code.
func (s *Store) Province(ctx context.Context, code ProvinceCode) (Province, error) {
	var row provinceRow
	today := s.today()
	err := s.db.Select(ctx, s.db, &row, "SELECT "+s.db.Columns((*provinceRow)(nil), "p")+`,
		(SELECT count(*) FROM communes AS c WHERE c.province_code = p.code
			AND c.valid_from <= ? AND (c.valid_to IS NULL OR c.valid_to >= ?)) AS communes
		FROM provinces AS p WHERE p.code = ?`, today, today, string(code))
	if errors.Is(err, sql.ErrNoRows) {
		return Province{}, baove.E(baove.ENOTFOUND, "unit.province.not_found", i18n.Args{"code": string(code)})
	} else if err != nil {
		return Province{}, fmt.Errorf("units: province %s: %w", code, err)
	}
	return row.province(), nil
}

// CommuneFilter selects communes of one province.
type CommuneFilter struct {
	Province ProvinceCode
	// Query matches names without regard to case or diacritics: "ba dinh"
	// finds "Phường Ba Đình". Empty matches all.
	Query string
	// On selects the communes in force on that day; zero means today.
	On baove.Date
}

// Communes returns the communes f selects, in Vietnamese alphabetical order.
// It returns ENOTFOUND when the province does not exist.
func (s *Store) Communes(ctx context.Context, f CommuneFilter) ([]Commune, error) {
	if _, err := s.Province(ctx, f.Province); err != nil {
		return nil, err
	}
	on := f.On
	if on.IsZero() {
		on = s.today()
	}
	var rows []communeRow
	q := validOn(s.db.NewSelect().Model(&rows).Where("province_code = ?", string(f.Province)), "commune_row", on)
	if key := vn.Fold(f.Query); key != "" {
		q = q.Where(`search_name LIKE ? ESCAPE '\'`, "%"+escapeLike(key)+"%")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("units: communes of %s: %w", f.Province, err)
	}
	return sortedCommunes(rows), nil
}

// CommunesValidIn returns the communes of province in force at any time in
// year, in Vietnamese alphabetical order. It returns ENOTFOUND when the
// province does not exist.
func (s *Store) CommunesValidIn(ctx context.Context, province ProvinceCode, year int) ([]Commune, error) {
	var rows []communeRow
	err := s.db.Select(ctx, s.db, &rows, "SELECT "+s.db.Columns((*communeRow)(nil), "c")+` FROM communes AS c
		WHERE c.province_code = ? AND c.valid_from <= ? AND (c.valid_to IS NULL OR c.valid_to >= ?)`,
		string(province), baove.NewDate(year, 12, 31), baove.NewDate(year, 1, 1))
	if err != nil {
		return nil, fmt.Errorf("units: communes of %s in %d: %w", province, year, err)
	}
	if len(rows) == 0 { // only then can the province be unknown: communes belong to one
		if _, err := s.Province(ctx, province); err != nil {
			return nil, err
		}
	}
	return sortedCommunes(rows), nil
}

func sortedCommunes(rows []communeRow) []Commune {
	out := make([]Commune, len(rows))
	for i, r := range rows {
		out[i] = r.commune()
	}
	vn.SortBy(out, func(c Commune) string { return c.Name })
	return out
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Lookup is the answer for a commune code: the commune itself, or, for a
// pre-2025 code that is no longer in use, the old unit and its successor.
type Lookup struct {
	Commune Commune
	// Replaced is set when the code asked for is an old one: Commune is
	// then the successor.
	Replaced *Succession
	// Predecessors lists the old units merged into Commune.
	Predecessors []Succession
}

// Commune looks code up among communes (in force or closed) and, failing
// that, among the old codes of successions. It returns ENOTFOUND when neither
// knows it.
func (s *Store) Commune(ctx context.Context, code CommuneCode) (Lookup, error) {
	var l Lookup
	c, err := s.commune(ctx, s.db, code)
	if baove.ErrorCode(err) == baove.ENOTFOUND {
		var old successionRow
		if e := s.db.NewSelect().Model(&old).Where("old_code = ?", string(code)).Limit(1).Scan(ctx); errors.Is(e, sql.ErrNoRows) {
			return l, err
		} else if e != nil {
			return l, fmt.Errorf("units: succession of %s: %w", code, e)
		}
		succ := old.succession()
		l.Replaced = &succ
		c, err = s.commune(ctx, s.db, succ.NewCode)
	}
	if err != nil {
		return l, err
	}
	l.Commune = c
	var preds []successionRow
	if err := s.db.NewSelect().Model(&preds).Where("new_code = ?", string(c.Code)).Order("old_code", "old_name").Scan(ctx); err != nil {
		return l, fmt.Errorf("units: predecessors of %s: %w", c.Code, err)
	}
	for _, p := range preds {
		l.Predecessors = append(l.Predecessors, p.succession())
	}
	return l, nil
}

func (s *Store) commune(ctx context.Context, db bun.IDB, code CommuneCode) (Commune, error) {
	var row communeRow
	err := db.NewSelect().Model(&row).Where("code = ?", string(code)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Commune{}, baove.E(baove.ENOTFOUND, "unit.commune.not_found", i18n.Args{"code": string(code)})
	} else if err != nil {
		return Commune{}, fmt.Errorf("units: commune %s: %w", code, err)
	}
	return row.commune(), nil
}
