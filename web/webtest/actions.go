package webtest

import (
	"encoding/json"
	"net/url"
	"strings"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"baove/i18n"
)

// Open loads path (or a full URL) and returns the status of its document,
// after redirects.
func (b *Browser) Open(path string) int {
	b.t.Helper()
	if strings.HasPrefix(path, "/") {
		path = b.origin + path
	}
	return b.load(chromedp.Navigate(path))
}

// load runs action, which loads a document, and returns its status; a
// document with an error status is noted, so that the browser's console
// line about it is not taken for a fault of the page.
func (b *Browser) load(action chromedp.Action[chromedp.Void]) int {
	b.t.Helper()
	res, err := chromedp.RunResponse(b.step(), action)
	if err != nil {
		b.t.Fatalf("loading a page: %v", err)
	}
	if res.Status >= 400 {
		b.mu.Lock()
		b.failed[res.URL] = true
		b.mu.Unlock()
	}
	return int(res.Status)
}

// Path returns the path of the page shown, with its query.
func (b *Browser) Path() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.step(), chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		b.t.Fatal(err)
	}
	return u.RequestURI()
}

// Eval evaluates a JavaScript expression in the page and decodes its value
// into out (nil to ignore it).
func (b *Browser) Eval(expression string, out any) {
	b.t.Helper()
	raw, err := chromedp.Run(b.step(), chromedp.Evaluate[[]byte](expression, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluating %.80q: %v", expression, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			b.t.Fatalf("decoding %.200s: %v", raw, err)
		}
	}
}

// call evaluates the JavaScript function fn with args (JSON values) and
// decodes its value into out.
func (b *Browser) call(fn string, out any, args ...any) {
	b.t.Helper()
	js, err := json.Marshal(append([]any{}, args...))
	if err != nil {
		b.t.Fatal(err)
	}
	b.Eval("("+fn+")(..."+string(js)+")", out)
}

// Text returns the text of the first element matching the CSS selector sel
// as the page shows it, and fails the test when there is none.
func (b *Browser) Text(sel string) string {
	b.t.Helper()
	var out struct {
		Found bool
		Text  string
	}
	b.call(`s => { const e = document.querySelector(s); return {found: !!e, text: e ? e.innerText.trim() : ""} }`, &out, sel)
	if !out.Found {
		b.t.Fatalf("no %s on %s", sel, b.Path())
	}
	return out.Text
}

// FillByLabel types value into the control whose label reads label,
// replacing what it held. It fails the test unless exactly one label reads
// so and it names a control.
func (b *Browser) FillByLabel(label, value string) {
	b.t.Helper()
	var id string
	b.call(`l => {
		const ls = [...document.querySelectorAll("label")].filter(x => x.innerText.trim() === l);
		if (ls.length !== 1) return "!" + ls.length + " labels read so";
		const c = ls[0].control;
		if (!c || !c.id) return "!the label names no control with an id";
		return c.id;
	}`, &id, label)
	if strings.HasPrefix(id, "!") {
		b.t.Fatalf("label %q on %s: %s", label, b.Path(), id[1:])
	}
	if err := chromedp.Do(b.step(), chromedp.Clear(chromedp.ID(id)), chromedp.SendKeys(chromedp.ID(id), value)); err != nil {
		b.t.Fatalf("typing into %q: %v", label, err)
	}
}

// Click clicks the one visible button, or else the one visible link, whose
// words are text, waits for the page it loads and returns that page's
// status. It fails the test when no button and no link, or two, read so.
func (b *Browser) Click(text string) int {
	b.t.Helper()
	var sel string
	b.call(`t => {
		const shown = e => (e.innerText || e.value || "").trim() === t && e.getClientRects().length > 0;
		let hits = [...document.querySelectorAll("button, input[type=submit], input[type=button]")].filter(shown);
		if (hits.length === 0) hits = [...document.querySelectorAll("a[href]")].filter(shown);
		if (hits.length !== 1) return "!" + hits.length + " buttons or links read so";
		document.querySelectorAll("[data-webtest-click]").forEach(e => e.removeAttribute("data-webtest-click"));
		hits[0].setAttribute("data-webtest-click", "");
		return "[data-webtest-click]";
	}`, &sel, text)
	if strings.HasPrefix(sel, "!") {
		b.t.Fatalf("click %q on %s: %s", text, b.Path(), sel[1:])
	}
	return b.load(chromedp.Click(chromedp.CSS(sel)))
}

// Press sends keys to the focused element, e.g. kb.Tab or text to type.
func (b *Browser) Press(keys string) {
	b.t.Helper()
	if err := chromedp.Do(b.step(), chromedp.KeyEvent(keys)); err != nil {
		b.t.Fatalf("pressing %q: %v", keys, err)
	}
}

// PressEnter presses Enter, waits for the page it loads (a form sent) and
// returns its status.
func (b *Browser) PressEnter() int {
	b.t.Helper()
	return b.load(chromedp.KeyEvent(kb.Enter))
}

// Focus describes the focused element: the words of its label for a
// control, its own words otherwise; and whether its focus is drawn (an
// outline or a ring).
func (b *Browser) Focus() (name string, visible bool) {
	b.t.Helper()
	var out struct {
		Name    string
		Visible bool
	}
	b.call(`() => {
		const e = document.activeElement;
		if (!e || e === document.body) return {name: "", visible: false};
		const name = (e.labels && e.labels.length ? e.labels[0].innerText : (e.innerText || e.value || "")).trim();
		const st = getComputedStyle(e);
		const drawn = (st.outlineStyle !== "none" && parseFloat(st.outlineWidth) > 0) || st.boxShadow !== "none";
		return {name: name, visible: drawn};
	}`, &out)
	return out.Name, out.Visible
}

// TabTo presses Tab until the element named name has the focus (see
// Focus), at most limit times, and fails the test when it never does or
// when a focus on the way is not drawn.
func (b *Browser) TabTo(name string, limit int) {
	b.t.Helper()
	for range limit {
		b.Press(kb.Tab)
		got, visible := b.Focus()
		if !visible {
			b.t.Errorf("the focus on %q is not visible", got)
		}
		if got == name {
			return
		}
	}
	b.t.Fatalf("%q is not reached with %d presses of Tab on %s", name, limit, b.Path())
}

// SignIn signs in through the sign-in page's form, finding its fields by
// their labels in the page's language, and returns the status of the page
// it lands on.
func (b *Browser) SignIn(username, password string) int {
	b.t.Helper()
	b.Open("/signin")
	var tag string
	b.Eval(`document.documentElement.lang`, &tag)
	lang, ok := i18n.Parse(tag)
	if !ok {
		b.t.Fatalf("the sign-in page's language is %q", tag)
	}
	b.FillByLabel(i18n.Text(lang, "web.signin.username", nil), username)
	b.FillByLabel(i18n.Text(lang, "web.signin.password", nil), password)
	return b.Click(i18n.Text(lang, "web.signin.submit", nil))
}

// Screenshot returns a PNG of the whole page shown, e.g. for the pictures
// of docs/.
func (b *Browser) Screenshot() []byte {
	b.t.Helper()
	png, err := chromedp.Run(b.step(), chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	return png
}
