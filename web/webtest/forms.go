package webtest

import (
	"os"
	"path/filepath"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// EnvScreenshots, when set, names the directory where SaveScreenshot
// writes the pictures of docs/ (e.g. BAOVE_TEST_SCREENSHOTS=docs/screenshots).
const EnvScreenshots = "BAOVE_TEST_SCREENSHOTS"

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
