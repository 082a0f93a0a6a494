package web

import (
	"context"
	"fmt"
	"slices"

	"baove/indicators"
	"baove/plans"
)

// changeRow is one difference between two versions of a plan as the review
// page lists it: the section, the item, what happened to it, and its fields'
// values before and after.
type changeRow struct {
	Section string
	Item    string
	Kind    string // plans.Added, Removed or Changed: the row's class
	Words   string
	Fields  []fieldChange
}

// fieldChange is a field's value before and after; "" where it had none.
type fieldChange struct {
	Name, From, To string
}

// changeRows turns the domain's differences into rows, in its order.
func changeRows(ctx context.Context, diffs []plans.Difference, names map[indicators.Code]string) []changeRow {
	out := make([]changeRow, 0, len(diffs))
	for _, d := range diffs {
		row := changeRow{Section: sectionWords(ctx, d.Section), Item: itemName(d, names), Kind: d.Kind, Words: kindWords(ctx, d.Kind)}
		for _, f := range changedNames(d) {
			row.Fields = append(row.Fields, fieldChange{Name: diffFieldWords(ctx, f), From: text(d.From[f]), To: text(d.To[f])})
		}
		out = append(out, row)
	}
	return out
}

// changedNames returns the fields a row shows: those that differ, or every
// field of an item added or removed, in a stable order.
func changedNames(d plans.Difference) []string {
	var names []string
	switch d.Kind {
	case plans.Changed:
		for f := range d.Fields {
			names = append(names, f)
		}
	case plans.Added:
		for f := range d.To {
			names = append(names, f)
		}
	default:
		for f := range d.From {
			names = append(names, f)
		}
	}
	slices.Sort(names)
	// A line's activity is its lineage, an identity, not something a reader reads.
	return slices.DeleteFunc(names, func(f string) bool { return f == "activity" })
}

// itemName names the item of a difference: an activity's or line's title
// or description, an indicator's name, else its key.
func itemName(d plans.Difference, names map[indicators.Code]string) string {
	if d.Section == "targets" {
		if n, ok := names[indicators.Code(d.Key)]; ok {
			return n
		}
	}
	for _, item := range []map[string]any{d.To, d.From} {
		for _, f := range []string{"title", "description", "document_no"} {
			if s := text(item[f]); s != "" {
				return s
			}
		}
	}
	return d.Key
}

func text(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func kindWords(ctx context.Context, kind string) string {
	switch kind {
	case plans.Added:
		return T(ctx, "web.review.diff.added")
	case plans.Removed:
		return T(ctx, "web.review.diff.removed")
	}
	return T(ctx, "web.review.diff.changed")
}

func sectionWords(ctx context.Context, section string) string {
	switch section {
	case "plan":
		return T(ctx, "web.review.diff.section_plan")
	case "activities":
		return T(ctx, "web.review.activities")
	case "targets":
		return T(ctx, "web.review.targets")
	case "issuance":
		return T(ctx, "web.review.issuance")
	case "budget_lines":
		return T(ctx, "web.review.lines")
	}
	return section
}

// diffFields name the fields of a plan's items in words.
var diffFields = map[string]string{
	"title": "web.review.field.title", "narrative": "web.review.field.narrative", "task_area": "web.review.field.task_area",
	"lead_agency": "web.review.field.lead_agency", "partners": "web.review.field.partners",
	"starts_on": "web.review.field.starts_on", "ends_on": "web.review.field.ends_on",
	"expected_output": "web.review.field.expected_output", "value": "web.review.field.value",
	"amount": "web.review.field.amount", "funding_source": "web.review.field.funding_source",
	"budget_item": "web.review.field.budget_item", "description": "web.review.field.description",
	"document_no": "web.review.document_no", "issued_on": "web.review.issued_on",
	"signer_name": "web.review.signer_name", "signer_title": "web.review.signer_title",
}

func diffFieldWords(ctx context.Context, field string) string {
	if key, ok := diffFields[field]; ok {
		return T(ctx, key)
	}
	return field
}
