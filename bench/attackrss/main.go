// Command attackrss measures the server's peak memory through what an
// attacker can send (issue 12): it starts `baove serve --demo` on SQLite in
// a temporary directory, fires -n sign-ins at once with the demo password,
// then uploads every zip bomb of upload/uploadtest (each unpacking to
// -bomb-mib MiB) as the finance officer of Điện Biên, and prints the
// answers by status and the server's peak RSS (VmHWM from
// /proc/PID/status; Linux only) after each step.
//
//	go build -o /tmp/baove ./cmd/baove && go run ./bench/attackrss -bin /tmp/baove -n 200
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
	"baove/upload/uploadtest"
)

func main() {
	bin := flag.String("bin", "", "the baove binary to start (build it with go build ./cmd/baove)")
	n := flag.Int("n", 200, "sign-ins fired at once")
	mib := flag.Int("bomb-mib", 190, "what each zip bomb unpacks to, in MiB")
	extra := flag.String("args", "", "more flags for baove serve, space-separated")
	flag.Parse()
	if err := run(*bin, *n, *mib, strings.Fields(*extra)); err != nil {
		fmt.Fprintln(os.Stderr, "attackrss:", err)
		os.Exit(1)
	}
}

func run(bin string, n, mib int, extra []string) error {
	if bin == "" {
		return errors.New("-bin is required")
	}
	dir, err := os.MkdirTemp("", "attackrss-")
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
	return bombs(base, cmd.Process.Pid, mib)
}

// bombs uploads every zip bomb to the disbursement import as Điện Biên's
// finance officer, printing each answer and the peak RSS after it.
func bombs(base string, pid, mib int) error {
	token, err := login(base, "finance.dienbien")
	if err != nil {
		return err
	}
	for _, name := range uploadtest.BombNames {
		file := uploadtest.Bomb(name, mib<<20)
		req, _ := http.NewRequest("POST", base+"/api/v1/provinces/11/disbursements/import", bytes.NewReader(file))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		start := time.Now()
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		peak, err := peakRSS(pid)
		if err != nil {
			return err
		}
		fmt.Printf("bomb %-15q %6d KB unpacking to %d MiB: %d in %v; peak RSS %s\n", name, len(file)>>10, mib, res.StatusCode,
			time.Since(start).Round(time.Millisecond), peak)
	}
	return nil
}

// login returns a token of the demo user username.
func login(base, username string) (string, error) {
	body, _ := json.Marshal(map[string]string{"username": username, "password": demo.Password})
	res, err := http.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || out.Token == "" {
		return "", fmt.Errorf("login %s: %d %v", username, res.StatusCode, err)
	}
	return out.Token, nil
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
