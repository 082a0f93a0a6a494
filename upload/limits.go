package upload

import (
	"fmt"
	"time"

	"baove"
	"baove/i18n"
)

// MaxSize caps an uploaded file: a month of a province's payments or its
// communes' staffing is far smaller.
const MaxSize = 10 << 20

// The limits of what an upload may hold. A file is read as a stream and
// refused, 413, as soon as it passes one, so that a small file that
// unpacks to gigabytes (a zip bomb) costs no more memory than these allow.
// The README lists them.
const (
	// unzipFactor × the upload cap, but at least minUnzip, is what the
	// parts of an XLSX may declare they unpack to, in total: real sheets
	// unpack to about ten times their size, bombs to thousands of times.
	unzipFactor = 20
	minUnzip    = 16 << 20

	maxPart       = 64 << 20 // what any one part may unpack to, and the sheet read
	maxSharedPart = 32 << 20 // the shared strings part, which is held in memory
	maxSmallPart  = 4 << 20  // the workbook and relationship parts
	maxToken      = 256 << 10
	maxDepth      = 64 // nesting of XML elements; a sheet needs 7
	// maxElements bounds the XML elements of a part, and so the time spent
	// reading it: 100,000 rows of 8 cells take 1.7 million.
	maxElements = 4_000_000

	maxRows     = 100_000 // an import of a province's rows has thousands
	maxColumns  = 256     // no import has that many columns
	maxCells    = 1_000_000
	maxText     = 32 << 20 // bytes of text in all cells together
	maxCellText = 32_767   // characters in one cell, as in Excel
	maxRecord   = 16_384   // fields of one CSV record, Excel's last column
)

// reading holds a token for each file being read. A file may hold about
// 60 MB while it is read (a million cells of text), so uploads sent
// together take turns rather than add up; the turns are short, as reading
// the largest file takes about two seconds of CPU.
var reading = make(chan struct{}, maxReading)

const (
	maxReading = 2
	readWait   = 30 * time.Second
)

// waitTurn takes a token of reading, waiting at most readWait for one.
func waitTurn() error {
	select {
	case reading <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(readWait)
	defer t.Stop()
	select {
	case reading <- struct{}{}:
		return nil
	case <-t.C:
		return &baove.Error{Code: baove.EUNAVAILABLE, Key: "upload.busy", RetryAfter: 5 * time.Second}
	}
}

// unzipLimit is how many bytes an XLSX of at most maxBytes may unpack to.
func unzipLimit(maxBytes int64) int64 {
	return max(maxBytes*unzipFactor, minUnzip)
}

// tooLarge returns an ETOOLARGE error about the file, its message the
// catalogue's key.
func tooLarge(key string, args i18n.Args) error {
	return &baove.Error{Code: baove.ETOOLARGE, Key: key, Args: args,
		Fields: []baove.FieldError{{Field: "file", Key: key, Args: args}}}
}

// size is the argument of a message naming a limit in bytes: "64 MiB".
func size(n int64) i18n.Args {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return i18n.Args{"size": fmt.Sprintf("%d MiB", n>>20)}
	case n >= 1<<10 && n%(1<<10) == 0:
		return i18n.Args{"size": fmt.Sprintf("%d KiB", n>>10)}
	}
	return i18n.Args{"size": fmt.Sprintf("%d B", n)}
}

// tally counts what a file's rows hold against the limits as they are read.
type tally struct {
	rows, cells, text int
}

// addText counts n bytes of cell text.
func (t *tally) addText(n int) error {
	t.text += n
	if t.text > maxText {
		return tooLarge("upload.too_much_text", size(maxText))
	}
	return nil
}

// addRow counts a non-empty row of n cells.
func (t *tally) addRow(n int) error {
	t.rows++
	t.cells += n
	switch {
	case t.rows > maxRows:
		return tooLarge("upload.too_many_rows", i18n.Args{"max": i18n.Count(maxRows)})
	case t.cells > maxCells:
		return tooLarge("upload.too_many_cells", i18n.Args{"max": i18n.Count(maxCells)})
	}
	return nil
}

// tooWide refuses a value past the last column read.
func tooWide(row int, column string) error {
	return tooLarge("upload.too_many_columns", i18n.Args{"row": row, "column": column, "max": i18n.Count(maxColumns)})
}
