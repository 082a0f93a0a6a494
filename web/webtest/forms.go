package webtest

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// EnvScreenshots, when set, names the directory where SaveScreenshot
// writes the pictures of docs/ (e.g. BAOVE_TEST_SCREENSHOTS=docs/screenshots).
const EnvScreenshots = "BAOVE_TEST_SCREENSHOTS"

// FillIn sets the control whose label reads label, among those inside the
// first element matching the CSS selector scope (a page may show the same
// form many times): it types value into a text field or a text area, and
// chooses the option whose value is value in a select. It fails the test
// unless exactly one label inside scope reads so and it names a control.
func (b *Browser) FillIn(scope, label, value string) {
	b.t.Helper()
	var res struct {
		ID, Tag, Problem string
	}
	b.call(`(s, l) => {
		const root = document.querySelector(s);
		if (!root) return {problem: "nothing matches " + s};
		const ls = [...root.querySelectorAll("label")].filter(x => x.textContent.trim() === l);
		if (ls.length !== 1) return {problem: ls.length + " labels read so"};
		const c = ls[0].control;
		if (!c || !c.id) return {problem: "the label names no control with an id"};
		return {id: c.id, tag: c.tagName.toLowerCase()};
	}`, &res, scope, label)
	if res.Problem != "" {
		b.t.Fatalf("label %q in %s on %s: %s", label, scope, b.Path(), res.Problem)
	}
	if res.Tag == "select" {
		var found bool
		b.call(`(id, v) => {
			const c = document.getElementById(id);
			if (![...c.options].some(o => o.value === v)) return false;
			c.value = v;
			c.dispatchEvent(new Event("change", {bubbles: true}));
			return true;
		}`, &found, res.ID, value)
		if !found {
			b.t.Fatalf("%q offers no option %q", label, value)
		}
		return
	}
	b.call(`id => { document.getElementById(id).value = ""; return true }`, nil, res.ID)
	if err := chromedp.Do(b.step(), chromedp.SendKeys(chromedp.ID(res.ID), value)); err != nil {
		b.t.Fatalf("typing into %q: %v", label, err)
	}
}

// ClickIn clicks the one visible button inside the first element matching
// the CSS selector scope whose words are text, waits for the page it loads
// and returns that page's status.
func (b *Browser) ClickIn(scope, text string) int {
	b.t.Helper()
	var sel string
	b.call(`(s, t) => {
		const root = document.querySelector(s);
		if (!root) return "!nothing matches " + s;
		const hits = [...root.querySelectorAll("button, input[type=submit]")]
			.filter(e => (e.innerText || e.value || "").trim() === t && e.getClientRects().length > 0);
		if (hits.length !== 1) return "!" + hits.length + " buttons read so";
		document.querySelectorAll("[data-webtest-click]").forEach(e => e.removeAttribute("data-webtest-click"));
		hits[0].setAttribute("data-webtest-click", "");
		return "[data-webtest-click]";
	}`, &sel, scope, text)
	if strings.HasPrefix(sel, "!") {
		b.t.Fatalf("click %q in %s on %s: %s", text, scope, b.Path(), sel[1:])
	}
	return b.load(chromedp.Click(chromedp.CSS(sel)))
}

// AcceptDialogs answers yes to every confirmation the pages ask (a form
// marked data-confirm), as a person who means to go on would.
func (b *Browser) AcceptDialogs() {
	dialogs := chromedp.Events(b.ctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range dialogs {
			if err != nil {
				return
			}
			chromedp.Call(b.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
}

// SaveScreenshot writes a PNG of the whole page shown as name in the
// directory EnvScreenshots names; without it, it does nothing.
func (b *Browser) SaveScreenshot(name string) {
	b.t.Helper()
	dir := os.Getenv(EnvScreenshots)
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b.Screenshot(), 0o644); err != nil {
		b.t.Fatal(err)
	}
}
