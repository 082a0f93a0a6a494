package exports

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"baove"
	"baove/budget"
	"baove/units"
)

// ledgerRows is the ledger the memory test writes: more than the 305,000
// entries of the largest province-year measured.
const ledgerRows = 300_000

// maxLedgerRSS is the peak resident memory allowed to the process that
// writes it, test binary included.
const maxLedgerRSS = 200 << 20

// A year's ledger of 300,000 entries is written in bounded memory: it is
// streamed from its source (here generated, one entry at a time, as the
// store reads them) to excelize's stream writer. The workbook is written
// in a child process (this test binary again), so that the peak resident
// memory it reports (VmHWM) is that of the write alone.
func TestWriteXLSX_Writes300000LedgerRowsInBoundedMemory(t *testing.T) {
	if os.Getenv("BAOVE_TEST_LEDGER_ROWS") != "" {
		writeLedger(t)
		return
	}
	if testing.Short() {
		t.Skip("writes a workbook of 300,000 rows")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("peak memory is read from /proc")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteXLSX_Writes300000LedgerRowsInBoundedMemory$", "-test.v")
	cmd.Env = append(os.Environ(), "BAOVE_TEST_LEDGER_ROWS=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var peak int
	for _, line := range strings.Split(string(out), "\n") {
		if i := strings.Index(line, "peak="); i >= 0 {
			t.Log(strings.TrimSpace(line))
			peak, _ = strconv.Atoi(strings.Fields(line[i+len("peak="):])[0])
		}
	}
	if peak == 0 || peak > maxLedgerRSS {
		t.Errorf("peak resident memory %d MB, want at most %d MB", peak>>20, maxLedgerRSS>>20)
	}
}

// writeLedger writes the ledger sheet of ledgerRows generated entries to a
// temporary file and logs the time it took, the file's size and the peak
// resident memory.
func writeLedger(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "ledger-*.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	start := time.Now()
	if err := WriteXLSX(f, Workbook{Sheets: []Sheet{ledgerSheet(testHeads, generatedLedger(ledgerRows), nil)}}); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	info, _ := f.Stat()
	t.Logf("rows=%d took=%s size=%d peak=%d", ledgerRows, took.Round(time.Millisecond), info.Size(), peakRSS())
}

// generatedLedger walks n entries like a province's year, a tenth of them
// reversals, without holding them.
func generatedLedger(n int) func(func(budget.Disbursement) error) error {
	return func(fn func(budget.Disbursement) error) error {
		for i := range n {
			d := budget.Disbursement{ID: int64(i + 1), LineID: budget.LineID(5000 + i%97), FundingSource: budget.FundingSource("province"),
				TaskArea: "Phòng ngừa, can thiệp", Kind: budget.Payment, Amount: budget.VND(25_000 + i), PaidOn: baove.NewDate(2026, time.Month(1+i%12), 1+i%28),
				VoucherNo: fmt.Sprintf("PC-2026-%06d", i), Description: "Chi tập huấn kỹ năng phòng, chống xâm hại cho trẻ em xã " + strconv.Itoa(i%300),
				Actor: "Kế toán Sở Y tế Điện Biên"}
			if i%10 == 9 {
				d.Kind, d.Amount, d.ReversesID = budget.Reversal, -budget.VND(25_000+i-1), int64(i)
			}
			if err := fn(d); err != nil {
				return err
			}
		}
		return nil
	}
}

// testHeads head the sheets of the internal tests.
var testHeads = sheetHeads{lang: Vietnamese, province: units.Province{Code: "11", Name: "Điện Biên", Kind: units.Tinh}, year: 2026}

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
