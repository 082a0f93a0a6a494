package webtest

import (
	"strings"

	"github.com/chromedp/chromedp"
)

// FillInGroup types value into the control labelled label inside the
// fieldset whose legend reads group, replacing what it held: for forms
// that repeat one label in several groups (an entry per indicator). It
// fails the test unless exactly one such control is found.
func (b *Browser) FillInGroup(group, label, value string) {
	b.t.Helper()
	var id string
	b.call(`(g, l) => {
		const fs = [...document.querySelectorAll("fieldset")].filter(f => f.querySelector("legend")?.innerText.trim() === g);
		if (fs.length !== 1) return "!" + fs.length + " fieldsets have that legend";
		const ls = [...fs[0].querySelectorAll("label")].filter(x => x.innerText.trim() === l);
		if (ls.length !== 1) return "!" + ls.length + " labels read so in it";
		const c = ls[0].control;
		if (!c || !c.id) return "!the label names no control with an id";
		return c.id;
	}`, &id, group, label)
	if strings.HasPrefix(id, "!") {
		b.t.Fatalf("%q in %q on %s: %s", label, group, b.Path(), id[1:])
	}
	sel := `[id="` + id + `"]`
	if err := chromedp.Do(b.step(), chromedp.Clear(chromedp.CSS(sel)), chromedp.SendKeys(chromedp.CSS(sel), value)); err != nil {
		b.t.Fatalf("typing into %q in %q: %v", label, group, err)
	}
}
