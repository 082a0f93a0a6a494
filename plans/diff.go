package plans

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"sort"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/i18n"
)

// Change kinds of a diff.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// Difference is one thing that differs between two versions of a plan.
type Difference struct {
	Section string               // "plan", "issuance", "activities", "targets", or a part's name
	Key     string               // the item's identity across versions
	Kind    string               // Added, Removed or Changed
	Fields  map[string]FieldDiff // for Changed: each field that differs
	From    map[string]any       // the item in the older version (Removed, Changed)
	To      map[string]any       // the item in the newer version (Added, Changed)
}

// FieldDiff is a field's value in both versions.
type FieldDiff struct {
	From any `json:"from"`
	To   any `json:"to"`
}

// snapshot is a version as sections of items keyed across versions.
type snapshot map[string]map[string]map[string]any

// Diff says what changed from version `from` of the plan id belongs to, to
// the version id: its content and, once version id is issued, its issuance
// (document number, date, signer). The caller must be able to read the plan. It returns
// ENOTFOUND when there is no such version.
func (s *Store) Diff(ctx context.Context, c access.Caller, id ID, from int) ([]Difference, error) {
	r, err := s.readRow(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := visible(c, r); err != nil {
		return nil, err
	}
	var old PlanRecord
	err = s.db.NewSelect().Model(&old).Where("province_code = ? AND year = ? AND version = ?",
		r.ProvinceCode, r.Year, from).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, baove.E(baove.ENOTFOUND, "plan.version.not_found", i18n.Args{"version": from})
	} else if err != nil {
		return nil, fmt.Errorf("plans: version %d of %d: %w", from, id, err)
	}
	a, err := s.snapshot(ctx, s.db, old)
	if err != nil {
		return nil, err
	}
	b, err := s.snapshot(ctx, s.db, r)
	if err != nil {
		return nil, err
	}
	if len(b["issuance"]) == 0 {
		delete(a, "issuance") // a version not yet issued differs in content, not in its issuance
	}
	return diff(a, b), nil
}

func (s *Store) snapshot(ctx context.Context, db bun.IDB, r PlanRecord) (snapshot, error) {
	p, err := s.load(ctx, db, r)
	if err != nil {
		return nil, err
	}
	snap := snapshot{
		"plan":       {"plan": {"title": p.Title, "narrative": p.Narrative}},
		"activities": {},
		"targets":    {},
		"issuance":   {},
	}
	if is := p.Issuance; is != nil {
		snap["issuance"]["issuance"] = map[string]any{"document_no": is.DocumentNo, "issued_on": is.IssuedOn.String(),
			"signer_name": is.SignerName, "signer_title": is.SignerTitle}
	}
	for _, a := range p.Activities {
		snap["activities"][a.Lineage] = map[string]any{"task_area": a.TaskArea, "title": a.Title, "lead_agency": a.LeadAgency,
			"partners": a.Partners, "starts_on": a.StartsOn.String(), "ends_on": a.EndsOn.String(), "expected_output": a.ExpectedOutput}
	}
	for _, t := range p.Targets {
		snap["targets"][string(t.Indicator)] = map[string]any{"value": t.Value.String()}
	}
	for _, part := range s.parts {
		items, err := part.Items(ctx, db, p.ID)
		if err != nil {
			return nil, fmt.Errorf("plans: %s of %d: %w", part.Name(), p.ID, err)
		}
		snap[part.Name()] = items
	}
	return snap, nil
}

// diff compares two snapshots, section by section and key by key, in a
// stable order.
func diff(a, b snapshot) []Difference {
	var out []Difference
	for _, section := range sortedKeys(a, b) {
		for _, key := range sortedKeys(a[section], b[section]) {
			from, inA := a[section][key]
			to, inB := b[section][key]
			switch {
			case !inA:
				out = append(out, Difference{Section: section, Key: key, Kind: Added, To: to})
			case !inB:
				out = append(out, Difference{Section: section, Key: key, Kind: Removed, From: from})
			default:
				if fields := fieldDiffs(from, to); len(fields) > 0 {
					out = append(out, Difference{Section: section, Key: key, Kind: Changed, Fields: fields, From: from, To: to})
				}
			}
		}
	}
	return out
}

func fieldDiffs(a, b map[string]any) map[string]FieldDiff {
	fields := map[string]FieldDiff{}
	for _, k := range sortedKeys(a, b) {
		if !reflect.DeepEqual(a[k], b[k]) {
			fields[k] = FieldDiff{From: a[k], To: b[k]}
		}
	}
	return fields
}

func sortedKeys[V any](a, b map[string]V) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range []map[string]V{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}
