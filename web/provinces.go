package web

import (
	"context"

	"baove/units"
)

// provinceList is the provinces in force, in Vietnamese order: the choices
// of a form's select, and the names of the codes a page shows. It reads the
// codes and names only (units.Store.ProvinceNames), not the communes.
type provinceList []units.ProvinceName

// provinceList reads the provinces in force.
func (s *Server) provinceList(ctx context.Context) (provinceList, error) {
	return s.svc.Units.ProvinceNames(ctx)
}

// name returns the name of the province of code, or the code when it is
// none in force.
func (l provinceList) name(code units.ProvinceCode) string {
	for _, p := range l {
		if p.Code == code {
			return p.Name
		}
	}
	return string(code)
}

// options returns the provinces as a select's choices, after first (the
// choice of none or of all).
func (l provinceList) options(first option) []option {
	out := make([]option, 0, len(l)+1)
	out = append(out, first)
	for _, p := range l {
		out = append(out, option{Value: string(p.Code), Text: p.Name})
	}
	return out
}
