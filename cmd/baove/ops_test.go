package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"baove/database/dbtest"
)

// runCmd runs a command of baove and returns what it printed.
func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), args, process{getenv: noEnv, stdout: &out, stderr: &out})
	return out.String(), err
}

func TestBackupRestoreCopy_MoveADatabaseFromTheCommandLine(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if out, err := runCmd(t, "demo", "--data-dir", dir); err != nil {
		t.Fatalf("demo: %v: %s", err, out)
	}
	file := filepath.Join(t.TempDir(), "baove.backup")
	out, err := runCmd(t, "backup", "--data-dir", dir, "--out", file)
	if err != nil || !strings.Contains(out, "integrity_check ok") {
		t.Fatalf("backup: %v: %s", err, out)
	}
	restored := filepath.Join(t.TempDir(), "restored")
	if out, err := runCmd(t, "restore", "--data-dir", restored, file); err != nil {
		t.Fatalf("restore: %v: %s", err, out)
	}
	if _, err := runCmd(t, "restore", "--data-dir", restored, file); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("a second restore into the same directory: %v, want a refusal", err)
	}
	target := "sqlite:" + filepath.Join(t.TempDir(), "copy.db")
	out, err = runCmd(t, "copy", "--data-dir", restored, "--to", target)
	if err != nil || !strings.Contains(out, "verified") || !strings.Contains(out, "budget summaries") {
		t.Fatalf("copy: %v: %s", err, out)
	}
	if _, err := runCmd(t, "copy", "--data-dir", restored, "--to", target); err == nil || !strings.Contains(err.Error(), "holds data") {
		t.Errorf("a copy into a database that holds data: %v, want a refusal", err)
	}
}

func TestCopy_IntoAnEmptyPostgreSQLDatabaseFromTheCommandLine(t *testing.T) {
	url := dbtest.EmptyPostgres(t)
	dir := filepath.Join(t.TempDir(), "data")
	if out, err := runCmd(t, "demo", "--data-dir", dir); err != nil {
		t.Fatalf("demo: %v: %s", err, out)
	}
	out, err := runCmd(t, "copy", "--data-dir", dir, "--to", url)
	if err != nil || !strings.Contains(out, "migrated the target") || !strings.Contains(out, "verified") {
		t.Fatalf("copy: %v: %s", err, out)
	}
	if out, err := runCmd(t, "backup", "--database-url", url, "--out", filepath.Join(t.TempDir(), "b")); err == nil ||
		!strings.Contains(out, "pg_dump") || !strings.Contains(out, "pg_restore") {
		t.Errorf("backup of PostgreSQL: %v: %s; want a refusal naming pg_dump and pg_restore", err, out)
	}
}

func TestServe_MetricsOnTheirOwnAddressAndBehindTheTokenOnTheMainOne(t *testing.T) {
	base, out := startServeOut(t, []string{"--data-dir", filepath.Join(t.TempDir(), "data"), "--metrics-token", "tok",
		"--metrics-addr", "127.0.0.1:0"}, adminPassword)
	m := regexp.MustCompile(`metrics at (http://\S+)`).FindStringSubmatch(strings.Join(out, "\n"))
	if m == nil {
		t.Fatalf("serve did not say where the metrics are: %q", out)
	}
	if res, err := http.Get(m[1]); err != nil || res.StatusCode != 200 || !strings.Contains(read(res), "go_goroutines") {
		t.Errorf("GET %s without a token: %v, want the metrics", m[1], err)
	}
	if res, err := http.Get(base + "/metrics"); err != nil || res.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /metrics on the main listener without the token: %v %v, want 401", res.StatusCode, err)
	}
	req, _ := http.NewRequest("GET", base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer tok")
	if res, err := http.DefaultClient.Do(req); err != nil || !strings.Contains(read(res), "baove_http_requests_total") {
		t.Errorf("GET /metrics with the token: %v", err)
	}
}

func read(res *http.Response) string {
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

func TestServe_OverTLSWithTheGivenCertificate(t *testing.T) {
	cert, key, pool := selfSigned(t)
	base := startServe(t, []string{"--data-dir", filepath.Join(t.TempDir(), "data"), "--tls-cert", cert, "--tls-key", key},
		adminPassword)
	if !strings.HasPrefix(base, "https://") {
		t.Fatalf("serve with a certificate listens on %s", base)
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	res, err := client.Get(base + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET /healthz over TLS: %v", err)
	}
	res.Body.Close()
}

func TestServe_RefusesFlagsThatDoNotGoTogether(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	for _, args := range [][]string{{"--tls-cert", "c.pem"}, {"--public-url", "baove.example.gov.vn"},
		{"--public-url", "https://baove.example.gov.vn/?x=1"}} {
		if _, err := runCmd(t, append([]string{"serve", "--data-dir", dir}, args...)...); err == nil {
			t.Errorf("serve %v started", args)
		}
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns
// their files and a pool that trusts it.
func selfSigned(t *testing.T) (cert, key string, pool *x509.CertPool) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "baove test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cert, key = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	c, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(c)
	return cert, key, pool
}
