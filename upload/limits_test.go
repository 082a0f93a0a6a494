package upload_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"baove"
	"baove/upload"
	"baove/upload/uploadtest"
)

// bombs are the zip bombs an upload must refuse, the size their sheet or
// shared strings unpack to (just under the limit a part may declare, so
// that the reader must stream them), and the message they are refused
// with: each is a file of at most a few megabytes.
var bombs = map[string]struct {
	size int
	key  string
}{
	"spaces":         {63 << 20, "upload.xml_too_long"},
	"empty cells":    {63 << 20, "upload.xml_too_many"},
	"rows":           {63 << 20, "upload.too_many_rows"},
	"cells":          {63 << 20, "upload.too_many_cells"},
	"shared strings": {31 << 20, "upload.too_many_strings"},
	"long text":      {63 << 20, "upload.xml_too_long"},
	"lying size":     {256 << 20, "upload.damaged_zip"},
}

// maxGrowth is how much a process's peak resident memory may grow while
// it reads a bomb. The worst is the "cells" bomb: a million cells of text
// held before the limit refuses the file.
const maxGrowth = 150 << 20

// Each bomb is refused naming its limit, within bounded memory and time.
// The bomb is read in a child process (this test binary run again), so
// that the peak resident memory it reports (VmHWM) is that of one read.
func TestRead_RefusesZipBombsInBoundedMemory(t *testing.T) {
	if name := os.Getenv("BAOVE_TEST_BOMB"); name != "" {
		readBomb(name)
		return
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("peak memory is read from /proc")
	}
	for name, b := range bombs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(os.Args[0], "-test.run=^TestRead_RefusesZipBombsInBoundedMemory$")
			cmd.Env = append(os.Environ(), "BAOVE_TEST_BOMB="+name)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			got := report(t, out)
			t.Logf("%s: %s", name, strings.TrimSpace(string(out)))
			if got["key"] != b.key {
				t.Errorf("refused with %s (%s), want %s", got["key"], got["code"], b.key)
			}
			if growth, _ := strconv.Atoi(got["growth"]); growth > maxGrowth {
				t.Errorf("peak memory grew by %d MB while reading, over %d MB", growth>>20, maxGrowth>>20)
			}
		})
	}
}

// readBomb builds the bomb name, reads it and prints what happened as
// key=value pairs: the error's code and key, the time taken, and the
// growth of the peak resident memory during the read, in bytes, and the
// CPU time it took (all of the process's threads, the collector's too).
func readBomb(name string) {
	file := uploadtest.Bomb(name, bombs[name].size)
	runtime.GC()
	before, cpuBefore := peakRSS(), cpuTime()
	_, err := upload.Read(bytes.NewReader(file), upload.MaxSize)
	cpu, after := cpuTime()-cpuBefore, peakRSS()
	var appErr *baove.Error
	errors.As(err, &appErr)
	key := ""
	if appErr != nil {
		key = appErr.Key
		if key == "" && len(appErr.Fields) > 0 {
			key = appErr.Fields[0].Key
		}
	}
	fmt.Printf("file=%d code=%s key=%s cpu=%s peak=%d growth=%d\n", len(file), baove.ErrorCode(err), key, cpu.Round(time.Millisecond), after, after-before)
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS returns the process's peak resident memory (VmHWM) in bytes.
func peakRSS() int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kb << 10
		}
	}
	return 0
}

// report reads the key=value pairs readBomb printed.
func report(t *testing.T, out []byte) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if !strings.HasPrefix(line, "file=") {
			continue
		}
		for _, kv := range strings.Fields(line) {
			k, v, _ := strings.Cut(kv, "=")
			got[k] = v
		}
	}
	if len(got) == 0 {
		t.Fatalf("the child reported nothing: %s", out)
	}
	return got
}

// A file whose parts declare more than an XLSX of its size could hold is
// refused before anything is unpacked.
func TestRead_RefusesDeclaredSizesOverTheLimits(t *testing.T) {
	sheet := uploadtest.SheetPart(`<row r="1"><c r="A1"><v>1</v></c></row>`)
	over := func(p uploadtest.Part, declared uint64) uploadtest.Part {
		p.DeclaredSize = declared
		return p
	}
	cases := map[string]struct {
		file    []byte
		key     string
		maxSize int64
	}{
		"a sheet over 64 MiB": {uploadtest.XLSX(over(sheet, 64<<20+1)), "upload.too_large_part", upload.MaxSize},
		"a sheet of 4 GiB":    {uploadtest.XLSX(over(sheet, 4<<30)), "upload.too_large_part", upload.MaxSize},
		"parts over the total": {uploadtest.XLSX(over(sheet, 60<<20), uploadtest.Part{Name: "xl/media/a.png", DeclaredSize: 60 << 20},
			uploadtest.Part{Name: "xl/media/b.png", DeclaredSize: 60 << 20}, uploadtest.Part{Name: "xl/media/c.png", DeclaredSize: 60 << 20}),
			"upload.too_large_unzipped", upload.MaxSize},
		"over 20 times a small cap": {uploadtest.XLSX(over(sheet, 21<<20)), "upload.too_large_unzipped", 1 << 20},
		"shared strings over 32 MiB": {uploadtest.XLSX(sheet, uploadtest.Part{Name: uploadtest.SharedStrings, DeclaredSize: 32<<20 + 1}),
			"upload.too_large_part", upload.MaxSize},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := upload.Read(bytes.NewReader(c.file), c.maxSize)
			if key := errorKey(err); baove.ErrorCode(err) != baove.ETOOLARGE || key != c.key {
				t.Errorf("err = %v (%s), want ETOOLARGE %s", err, key, c.key)
			}
		})
	}
}

// errorKey returns the message key of err's first field, or of err.
func errorKey(err error) string {
	var e *baove.Error
	if !errors.As(err, &e) {
		return ""
	}
	if len(e.Fields) > 0 && e.Fields[0].Key != "" {
		return e.Fields[0].Key
	}
	return e.Key
}

// The API answers a file over a limit with 413 naming the limit, in the
// caller's language.
func TestRead_NamesTheLimitAFilePasses(t *testing.T) {
	_, err := upload.Read(bytes.NewReader(uploadtest.Bomb("rows", 8<<20)), upload.MaxSize)
	var e *baove.Error
	if !errors.As(err, &e) || e.Code != baove.ETOOLARGE || len(e.Fields) != 1 || e.Fields[0].Field != "file" {
		t.Fatalf("err = %#v", err)
	}
	if got := e.Text("vi"); got != "Tệp có hơn 100.000 dòng (giới hạn)." {
		t.Errorf("in Vietnamese: %q", got)
	}
	if got := e.Text("en"); got != "The file has more than 100,000 rows (the limit)." {
		t.Errorf("in English: %q", got)
	}
}
