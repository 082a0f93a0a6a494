package api

import (
	"fmt"
	"strconv"
	"strings"

	"baove/plans"
)

// etag is a plan version's entity tag: its id and revision, quoted.
func etag(p plans.Plan) string {
	return fmt.Sprintf(`"%d-%d"`, p.ID, p.Revision)
}

// ifMatch reads an If-Match header against plan id: nil when absent or "*",
// else the revision it names. A tag of another plan or of no known shape
// gives revision 0, which is always stale.
func ifMatch(header string, id int64) *plans.Revision {
	header = strings.TrimSpace(header)
	if header == "" || header == "*" {
		return nil
	}
	stale := plans.Revision(0)
	for _, tag := range strings.Split(header, ",") {
		tag = strings.Trim(strings.TrimPrefix(strings.TrimSpace(tag), "W/"), `"`)
		planID, rev, ok := strings.Cut(tag, "-")
		if !ok || planID != strconv.FormatInt(id, 10) {
			continue
		}
		if n, err := strconv.ParseInt(rev, 10, 64); err == nil && n > 0 {
			r := plans.Revision(n)
			return &r
		}
	}
	return &stale
}

// planRef is plan id as the caller read it: with the revision its If-Match
// header names, nil when it names none of this plan's.
func planRef(id int64, header string) plans.Ref {
	return plans.Ref{ID: plans.ID(id), IfMatch: ifMatch(header, id)}
}
