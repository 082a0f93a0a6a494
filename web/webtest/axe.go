package webtest

import (
	"os"
	"strings"
	"sync"
)

// EnvAxe names the file of axe-core (axe.min.js) that CheckAccessibility
// injects; .ci/run installs it from npm.
const EnvAxe = "BAOVE_TEST_AXE"

var axeSource = sync.OnceValues(func() (string, error) {
	path := os.Getenv(EnvAxe)
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	return string(b), err
})

// violation is one rule of axe-core that a page breaks.
type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// CheckAccessibility runs axe-core on the page shown and fails the test on
// every serious or critical violation. Without axe-core (see EnvAxe) it
// does nothing, unless EnvChromium is set: then it fails.
func (b *Browser) CheckAccessibility() {
	b.t.Helper()
	src, err := axeSource()
	switch {
	case err != nil:
		b.t.Fatalf("%s: %v", EnvAxe, err)
	case src == "" && os.Getenv(EnvChromium) != "":
		b.t.Fatalf("%s is set but %s names no axe-core file", EnvChromium, EnvAxe)
	case src == "":
		b.t.Log("axe-core is not installed: accessibility not checked (set " + EnvAxe + ")")
		return
	}
	var found []violation
	b.Eval(src+`;true`, nil)
	b.Eval(`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
		.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))})))`, &found)
	for _, v := range found {
		b.t.Errorf("accessibility of %s: %s (%s): %s at %s", b.Path(), v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
	}
}
