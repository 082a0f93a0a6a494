package web

import (
	"context"
	"strconv"

	"github.com/a-h/templ"

	"baove/budget"
	"baove/i18n"
)

// control is one labelled control of the editor's forms, of which a page
// holds many: its id is the form's name and the field's ("activity-31-title").
type control struct {
	Form    form
	FormID  string
	Name    string // the field's name, as the domain names it
	Label   string
	Value   string
	Hint    string
	Kind    string // "text", "date", "textarea", "select"
	Options []option
	// Required marks a field the domain requires; Attrs are more
	// attributes of the control.
	Required bool
	Attrs    templ.Attributes
}

// option is a choice of a select.
type option struct {
	Value, Text string
}

// ID returns the control's id.
func (c control) ID() string { return c.FormID + "-" + c.Name }

// Error returns the domain's message on the control's field, or "".
func (c control) Error() string { return c.Form.errorOf(c.Name) }

// DescribedBy returns the ids of the control's hint and error.
func (c control) DescribedBy() string {
	ids := ""
	if c.Hint != "" {
		ids = c.ID() + "-hint"
	}
	if c.Error() != "" {
		if ids != "" {
			ids += " "
		}
		ids += c.ID() + "-error"
	}
	return ids
}

// sourceOptions are the funding sources in words; central is said to be
// unavailable for a task area it may not pay for in the plan's year.
func sourceOptions(ctx context.Context, central bool) []option {
	out := make([]option, 0, len(budget.Sources))
	for _, src := range budget.Sources {
		text := sourceName(ctx, src)
		if src == budget.Central && !central {
			text = Tf(ctx, "web.plan.central_not_eligible_option", i18n.Args{"source": text})
		}
		out = append(out, option{Value: string(src), Text: text})
	}
	return out
}

// sourceName names a funding source in words.
func sourceName(ctx context.Context, src budget.FundingSource) string {
	switch src {
	case budget.Central:
		return T(ctx, "web.plan.source.central")
	case budget.Provincial:
		return T(ctx, "web.plan.source.provincial")
	case budget.Commune:
		return T(ctx, "web.plan.source.commune")
	case budget.Other:
		return T(ctx, "web.plan.source.other")
	}
	return string(src)
}

// areaOptions are the task areas as the activity form offers them.
func areaOptions(ctx context.Context, areas []areaOption) []option {
	out := []option{{Value: "", Text: T(ctx, "web.plan.choose_area")}}
	for _, a := range areas {
		text := a.Code + " " + a.Name
		if a.Central {
			text = Tf(ctx, "web.plan.area_central", i18n.Args{"area": text})
		}
		out = append(out, option{Value: a.Code, Text: text})
	}
	return out
}

// money writes an amount the reader's way: "1.500.000 đ".
func money(ctx context.Context, v budget.VND) string {
	return Tf(ctx, "web.plan.money", i18n.Args{"amount": v})
}

// itoa writes a whole number as digits.
func itoa[T ~int | ~int64](n T) string { return strconv.FormatInt(int64(n), 10) }

// describedByAttr is the control's aria-describedby, none when nothing
// describes it.
func (c control) describedByAttr() templ.Attributes {
	if ids := c.DescribedBy(); ids != "" {
		return templ.Attributes{"aria-describedby": ids}
	}
	return nil
}

// lineEdit is a budget line's form: new for an activity, or of a line.
type lineEdit struct {
	A       activityView
	ID      string            // the form's name: "line-new-31", "line-51"
	Current map[string]string // the line's fields as they are
	// Base is what the activity totals without this line: the preview of
	// the total adds the amount typed to it (app.js).
	Base budget.VND
	New  bool
}

// previewAttrs are the amount field's attributes, with what app.js needs
// to show the activity's total as the amount is typed.
func (e lineEdit) previewAttrs(ctx context.Context) templ.Attributes {
	mark := "."
	if langOf(ctx) == i18n.EN {
		mark = ","
	}
	return templ.Attributes{"inputmode": "numeric", "autocomplete": "off", "data-preview": e.ID + "-preview",
		"data-base": e.Base.String(), "data-group": mark,
		"data-words": Tf(ctx, "web.plan.preview_total", i18n.Args{"total": "{total}"})}
}
