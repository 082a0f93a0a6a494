package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"baove"
	"baove/access"
	"baove/units"
)

// scope is the province and year that a page of a province's year shows
// (staffing, indicator values, progress, compliance): the reader's own
// province, or for a ministry reviewer the one chosen (?province=), and
// the year asked (?year=, this year by default).
type scope struct {
	Province units.ProvinceName // zero while a reviewer has chosen none
	Year     int
	// Editable is set when the reader may change the province's figures,
	// as the domain's access rules say (a planner of the province);
	// everyone else reads them.
	Editable bool
	// Provinces are the choices of a reader who reads every province (a
	// reviewer); nil for the others.
	Provinces []units.ProvinceName
}

// scopeOf returns the province and year the request asks for. It returns
// EINVALID for a year that is not one, and EFORBIDDEN when the domain's
// access rules do not let the reader read the province (an administrator,
// another province's officer).
func (s *Server) scopeOf(r *http.Request) (scope, error) {
	ctx, q, v := r.Context(), r.URL.Query(), viewerOf(r.Context())
	sc := scope{Year: s.svc.Clock.Today().Year()}
	if raw := strings.TrimSpace(q.Get("year")); raw != "" {
		y, err := strconv.Atoi(raw)
		if err != nil {
			return sc, baove.InvalidKey("year", "year.out_of_range", baove.YearRange(), raw)
		}
		sc.Year = y
	}
	if err := baove.CheckYear("year", sc.Year); err != nil {
		return sc, err
	}
	code := units.ProvinceCode(q.Get("province"))
	if code == "" {
		code = v.Province
	}
	if v.Role == access.Reviewer {
		all, err := s.svc.Units.ProvinceNames(ctx)
		if err != nil {
			return sc, err
		}
		sc.Provinces = all
		if code == "" {
			return sc, nil
		}
	}
	if err := v.Caller.CanRead(code); err != nil {
		return sc, err
	}
	p, err := s.provinceOf(r, code, sc.Provinces)
	if err != nil {
		return sc, err
	}
	sc.Province, sc.Editable = p, v.Caller.CanAct(code, access.Planner) == nil
	return sc, nil
}

// provinceOf returns the province with code: the reader's own, or one of
// those listed, as already read for the request, else read now.
func (s *Server) provinceOf(r *http.Request, code units.ProvinceCode, listed []units.ProvinceName) (units.ProvinceName, error) {
	if v := viewerOf(r.Context()); code != "" && v.province.Code == code {
		return v.province, nil
	}
	for _, p := range listed {
		if p.Code == code {
			return p, nil
		}
	}
	p, err := s.svc.Units.Province(r.Context(), code)
	return units.ProvinceName{Code: p.Code, Name: p.Name}, err
}

// url returns the path of a page of the scope: its year, and its province
// when the reader chooses one; more adds to the query.
func (sc scope) url(path string, more url.Values) string {
	q := url.Values{"year": {strconv.Itoa(sc.Year)}}
	if sc.Provinces != nil && sc.Province.Code != "" {
		q.Set("province", string(sc.Province.Code))
	}
	for k, vs := range more {
		q[k] = vs
	}
	return path + "?" + q.Encode()
}

// reportURL returns the API's path of the province's report of the year in
// format ("pdf" or "xlsx"), which the session cookie opens in the browser.
func (sc scope) reportURL(format, lang string) string {
	u := "/api/v1/provinces/" + string(sc.Province.Code) + "/reports/" + strconv.Itoa(sc.Year) + "." + format
	if format == "pdf" {
		u += "?lang=" + lang
	}
	return u
}
