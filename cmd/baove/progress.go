package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"golang.org/x/term"

	"baove/transfer"
)

// meter shows progress: on a terminal, one line rewritten in place at most
// ten times a second; elsewhere (a log, a pipe) only the lines that stay.
type meter struct {
	w    io.Writer
	tty  bool
	last time.Time
}

func newMeter(w io.Writer) *meter {
	f, ok := w.(*os.File)
	return &meter{w: w, tty: ok && term.IsTerminal(int(f.Fd()))}
}

// show rewrites the terminal's progress line.
func (m *meter) show(format string, args ...any) {
	if !m.tty || time.Since(m.last) < 100*time.Millisecond {
		return
	}
	m.last = time.Now()
	fmt.Fprintf(m.w, "\r\033[K"+format, args...)
}

// line prints a line that stays, over the progress line.
func (m *meter) line(format string, args ...any) {
	if m.tty {
		fmt.Fprint(m.w, "\r\033[K")
	}
	fmt.Fprintf(m.w, format+"\n", args...)
}

// pages is a backup's progress.
func (m *meter) pages(done, total int) {
	m.show("  %s of %s pages (%d %%)", grouped(int64(done)), grouped(int64(total)), percentOf(int64(done), int64(total)))
}

// copyMeter is a copy's progress, a line per table.
type copyMeter struct{ *meter }

func (m copyMeter) Rows(table string, done, total int64) {
	m.show("  %-24s %13s of %s rows (%d %%)", table, grouped(done), grouped(total), percentOf(done, total))
}

func (m copyMeter) Copied(t transfer.TableCopy) {
	m.line("  %-24s %13s rows  %6.1f s", t.Name, grouped(t.Rows), t.Took.Seconds())
}

func percentOf(done, total int64) int64 {
	if total == 0 {
		return 100
	}
	return done * 100 / total
}

// grouped writes n with thousands separated by commas: 1,000,001.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
