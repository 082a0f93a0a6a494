package main

import (
	"flag"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
)

// The settings file of deploy/ names only variables that serve reads, so
// that a setting there is never silently ignored.
func TestDeploy_TheSettingsFileNamesOnlyVariablesOfServe(t *testing.T) {
	b, err := os.ReadFile("../../deploy/baove.env")
	if err != nil {
		t.Fatal(err)
	}
	fs := newFlags("serve", io.Discard)
	var f serveFlags
	f.register(fs)
	known := map[string]bool{"BAOVE_ADMIN_PASSWORD": true}
	for _, name := range strings.Fields(strings.NewReplacer("-", "_").Replace(flagNames(fs))) {
		known["BAOVE_"+strings.ToUpper(name)] = true
	}
	vars := regexp.MustCompile(`(?m)^#?(BAOVE_[A-Z_]+)=`).FindAllStringSubmatch(string(b), -1)
	if len(vars) < 5 {
		t.Fatalf("deploy/baove.env sets %d variables", len(vars))
	}
	for _, v := range vars {
		if !known[v[1]] {
			t.Errorf("deploy/baove.env sets %s, which serve does not read", v[1])
		}
	}
	unit, err := os.ReadFile("../../deploy/baove.service")
	if err != nil || !strings.Contains(string(unit), "ExecStart=/usr/local/bin/baove serve\n") ||
		!strings.Contains(string(unit), "EnvironmentFile=/etc/baove/baove.env") {
		t.Errorf("deploy/baove.service does not run serve with the settings file: %v", err)
	}
}

func flagNames(fs interface{ VisitAll(func(*flag.Flag)) }) string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return strings.Join(names, " ")
}
