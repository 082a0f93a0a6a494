package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"baove/budget"
	"baove/i18n"
	"baove/plans"
)

// Fields of the editor's items, in the order the forms show them.
var (
	activityFields = []string{"task_area", "title", "lead_agency", "partners", "starts_on", "ends_on", "expected_output"}
	lineFields     = []string{"funding_source", "amount", "budget_item", "description"}
)

// fieldKeys name the fields of the editor's items (and of the diff) in
// words.
var fieldKeys = map[string]string{
	"task_area": "web.plan.field.task_area", "title": "web.plan.field.title", "lead_agency": "web.plan.field.lead_agency",
	"partners": "web.plan.field.partners", "starts_on": "web.plan.field.starts_on", "ends_on": "web.plan.field.ends_on",
	"expected_output": "web.plan.field.expected_output", "funding_source": "web.plan.field.funding_source",
	"amount": "web.plan.field.amount", "budget_item": "web.plan.field.budget_item", "description": "web.plan.field.description",
	"value": "web.plan.field.value", "narrative": "web.plan.field.narrative", "activity": "web.plan.field.activity",
}

// fieldName names field in words.
func fieldName(ctx context.Context, field string) string {
	if key, ok := fieldKeys[field]; ok {
		return T(ctx, key)
	}
	return field
}

// activityValues are an activity's fields as its form holds them.
func activityValues(a plans.Activity) map[string]string {
	return map[string]string{"task_area": a.TaskArea, "title": a.Title, "lead_agency": a.LeadAgency, "partners": a.Partners,
		"starts_on": a.StartsOn.String(), "ends_on": a.EndsOn.String(), "expected_output": a.ExpectedOutput}
}

// lineValues are a budget line's fields as its form holds them.
func lineValues(l budget.Line) map[string]string {
	amount := ""
	if l.Amount != 0 {
		amount = l.Amount.String()
	}
	return map[string]string{"funding_source": string(l.FundingSource), "amount": amount, "budget_item": l.BudgetItem,
		"description": l.Description}
}

// whatChanged says what another person changed in the item of the form
// formID since the reader's form was built: the item's fields the form
// read ("was.title") against what they are now.
func whatChanged(ctx context.Context, view planView, formID string, in url.Values) []string {
	kind, id, _ := strings.Cut(formID, "-")
	n, _ := strconv.ParseInt(id, 10, 64)
	var now map[string]string
	var fields []string
	switch kind {
	case "activity":
		fields = activityFields
		for _, a := range view.Activities {
			if int64(a.ID) == n {
				now = activityValues(a.Activity)
			}
		}
	case "line":
		fields = lineFields
		for _, a := range view.Activities {
			for _, l := range a.Lines {
				if int64(l.ID) == n {
					now = lineValues(l)
				}
			}
		}
	case "target":
		return targetChanged(ctx, view, id, in)
	}
	if fields != nil && now == nil && n != 0 {
		return []string{T(ctx, "web.plan.conflict.gone")}
	}
	return changedFields(ctx, fields, in, now)
}

func targetChanged(ctx context.Context, view planView, code string, in url.Values) []string {
	for _, t := range view.Targets {
		if string(t.Code) == code {
			return changedFields(ctx, []string{"value"}, in, map[string]string{"value": planTargetText(ctx, t)})
		}
	}
	return changedFields(ctx, nil, in, nil)
}

// changedFields lists the fields whose value the form read differs from
// the value now, or says that the change was elsewhere in the plan.
func changedFields(ctx context.Context, fields []string, in url.Values, now map[string]string) []string {
	var out []string
	for _, f := range fields {
		if was := in.Get("was." + f); was != now[f] {
			out = append(out, Tf(ctx, "web.plan.conflict.field", i18n.Args{"field": fieldName(ctx, f), "was": was, "now": now[f]}))
		}
	}
	if len(out) == 0 {
		out = append(out, T(ctx, "web.plan.conflict.elsewhere"))
	}
	return out
}
