package web

import (
	"context"
	"io"

	"github.com/a-h/templ"
)

// staffingRows writes the rows of the staffing grid (staffingGrid): for
// the province's planner a labelled control per cell, with its message
// after a refusal; for everyone else the figures as text. It is written in
// Go rather than templ because templ formats every expression with
// fmt.Sprint, twice allocating, and a province has up to 168 communes of
// six cells: that was a third of the page's allocations. What it writes is
// escaped as templ escapes it.
func staffingRows(v staffingView) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		out := &htmlWriter{w: w}
		for _, row := range v.Rows {
			out.raw("<tr")
			if len(row.Errors) > 0 {
				out.raw(` class="row-invalid"`)
			}
			out.raw("><td><code>", esc(string(row.Code)), `</code></td><th scope="row">`, esc(row.Name), "</th><td>",
				esc(row.Kind), "</td>")
			if v.Scope.Editable {
				for _, c := range row.cells(ctx, v.Headings) {
					out.control(c)
				}
			} else {
				for i, c := range staffingColumns {
					out.raw(numberCell[!c.Note], esc(row.Values[i]), "</td>")
				}
			}
			out.raw("</tr>")
		}
		return out.err
	})
}

// numberCell opens a cell of the grid: of a count (true) or a text.
var numberCell = map[bool]string{true: `<td class="number">`, false: "<td>"}

// control writes the cell of one control of the grid, labelled with its
// column and commune (the label is read, the headings are seen), with its
// message.
func (o *htmlWriter) control(c staffingCell) {
	switch {
	case c.Error != "" && !c.Note:
		o.raw(`<td class="number field-invalid">`)
	case c.Error != "":
		o.raw(`<td class="field-invalid">`)
	default:
		o.raw(numberCell[!c.Note])
	}
	id := esc(c.ID)
	o.raw(`<label for="`, id, `" class="visually-hidden">`, esc(c.Label), `</label> <input id="`, id, `" name="`, id,
		`" type="text"`)
	if c.Note {
		o.raw(` class="note"`)
	} else {
		o.raw(` inputmode="numeric" class="count"`)
	}
	o.raw(` value="`, esc(c.Value), `"`)
	if c.Error != "" {
		o.raw(` aria-invalid="true" aria-describedby="`, id, `-error"> <p class="field-error" id="`, id, `-error">`,
			esc(c.Error), "</p></td>")
		return
	}
	o.raw("> </td>")
}

// htmlWriter writes HTML, keeping the first error.
type htmlWriter struct {
	w   io.Writer
	err error
}

// raw writes parts as they are: markup, or text escaped by esc.
func (o *htmlWriter) raw(parts ...string) {
	for _, p := range parts {
		if o.err == nil {
			_, o.err = io.WriteString(o.w, p)
		}
	}
}

// esc escapes s as text or as an attribute's value in quotes, as templ
// does.
func esc(s string) string { return templ.EscapeString(s) }
