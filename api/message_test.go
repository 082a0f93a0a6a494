package api_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"baove/database"
	"baove/database/dbtest"
)

// TestMessages_AnswerInTheCallersLanguage: a refusal that once was English
// only is Vietnamese for a caller who asks for Vietnamese, and English by
// default, roles named in words.
func TestMessages_AnswerInTheCallersLanguage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		e := newEnv(t, db)
		p := e.planFor(t)
		e.step(t, "planner.dienbien", "submit", p.ID, nil, "submitted")
		for _, c := range []struct {
			as, method, path string
			status           int
			vi, en           string
		}{
			{"planner.dienbien", "POST", fmt.Sprintf("/api/v1/plans/%d/approve", p.ID), 403,
				"Thao tác này dành cho Lãnh đạo tỉnh (ban hành kế hoạch); tài khoản của bạn có vai trò Cán bộ lập kế hoạch.",
				"this needs the role Provincial leadership (issues plans); your role is Planner"},
			{"planner.dienbien", "GET", "/api/v1/plans/987654", 404,
				"Không tìm thấy kế hoạch số 987654.", "no plan with id 987654"},
		} {
			for _, lang := range []struct{ header, want string }{{"vi", c.vi}, {"", c.en}, {"en-GB", c.en}} {
				headers := map[string]string{}
				if lang.header != "" {
					headers["Accept-Language"] = lang.header
				}
				res, _ := e.send(c.as, c.method, c.path, map[string]any{}, headers)
				var prob problem
				json.Unmarshal(res.body, &prob)
				if res.StatusCode != c.status || prob.Detail != lang.want {
					t.Errorf("%s %s in %q: %d %q, want %d %q", c.method, c.path, lang.header, res.StatusCode, prob.Detail,
						c.status, lang.want)
				}
			}
		}
	})
}
