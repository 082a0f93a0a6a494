// Command signinrss measures the server's peak memory through a burst of
// concurrent sign-ins: it starts `baove serve --demo` on SQLite in a
// temporary directory, fires -n logins at once with the demo password,
// and prints the answers by status and the server's peak RSS (VmHWM from
// /proc/PID/status; Linux only).
//
//	go build -o /tmp/baove ./cmd/baove && go run ./bench/signinrss -bin /tmp/baove -n 200
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"baove/demo"
)

func main() {
	bin := flag.String("bin", "", "the baove binary to start (build it with go build ./cmd/baove)")
	n := flag.Int("n", 200, "sign-ins fired at once")
	extra := flag.String("args", "", "more flags for baove serve, space-separated")
	flag.Parse()
	if err := run(*bin, *n, strings.Fields(*extra)); err != nil {
		fmt.Fprintln(os.Stderr, "signinrss:", err)
		os.Exit(1)
	}
}

func run(bin string, n int, extra []string) error {
	if bin == "" {
		return errors.New("-bin is required")
	}
	dir, err := os.MkdirTemp("", "signinrss-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	args := append([]string{"serve", "--demo", "--addr", addr, "--data-dir", dir, "--log-level", "warn"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "BAOVE_ADMIN_PASSWORD=measure-only-password")
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	base := "http://" + addr
	if err := waitUp(base + "/healthz"); err != nil {
		return err
	}
	before, _ := peakRSS(cmd.Process.Pid)
	start := time.Now()
	statuses := burst(base+"/api/v1/auth/login", n)
	took := time.Since(start)
	after, err := peakRSS(cmd.Process.Pid)
	if err != nil {
		return err
	}
	fmt.Printf("%d sign-ins at once in %v: %s\n", n, took.Round(time.Millisecond), statuses)
	fmt.Printf("peak RSS (VmHWM): %s before the burst, %s after\n", before, after)
	return nil
}

// burst fires n logins at once, cycling through the demo users, and
// returns the answers counted by status.
func burst(url string, n int) string {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n, MaxConnsPerHost: n}, Timeout: 2 * time.Minute}
	var mu sync.Mutex
	count := map[string]int{}
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for i := range n {
		body, _ := json.Marshal(map[string]string{"username": demo.Users[i%len(demo.Users)].Username, "password": demo.Password})
		wg.Go(func() {
			<-gate
			status := "error"
			if res, err := client.Post(url, "application/json", bytes.NewReader(body)); err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				status = fmt.Sprint(res.StatusCode)
			}
			mu.Lock()
			count[status]++
			mu.Unlock()
		})
	}
	close(gate)
	wg.Wait()
	var parts []string
	for s, c := range count {
		parts = append(parts, fmt.Sprintf("%d × %s", c, s))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// waitUp waits for the server to answer url, for up to two minutes (the
// demo loads first).
func waitUp(url string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for ctx.Err() == nil {
		if res, err := http.Get(url); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	return errors.New("the server did not come up within two minutes")
}

// peakRSS returns VmHWM of process pid, e.g. "123456 kB".
func peakRSS(pid int) (string, error) {
	f, err := os.Open(filepath.Join("/proc", fmt.Sprint(pid), "status"))
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			return strings.TrimSpace(v), nil
		}
	}
	return "", errors.New("no VmHWM in /proc status")
}
