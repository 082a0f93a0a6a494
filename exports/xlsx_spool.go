package exports

import (
	"io"
	"os"
)

// A spool holds a sheet's rows as XML until they can be written after the
// column widths: in memory up to spillAt, then in a temporary file, so that
// a ledger of any length is never held whole.
type spool struct {
	mem  []byte
	file *os.File
	err  error
}

const (
	spillAt    = 16 << 20 // bytes held in memory before the rows go to disk
	spillChunk = 1 << 20  // bytes gathered between writes once on disk
)

func newSpool() *spool { return &spool{mem: make([]byte, 0, 64<<10)} }

// buf returns the buffer to append the next row to; put takes it back.
func (s *spool) buf() []byte { return s.mem }

// put keeps b, the buffer buf returned with a row appended.
func (s *spool) put(b []byte) {
	s.mem = b
	if len(s.mem) >= spillAt || (s.file != nil && len(s.mem) >= spillChunk) {
		s.spill()
	}
}

func (s *spool) spill() {
	if s.err == nil && s.file == nil {
		s.file, s.err = os.CreateTemp("", "baove-sheet-*.xml")
	}
	if s.err == nil {
		_, s.err = s.file.Write(s.mem)
	}
	s.mem = s.mem[:0]
}

// writeTo writes every row held to w.
func (s *spool) writeTo(w io.Writer) error {
	if s.err != nil {
		return s.err
	}
	if s.file != nil {
		if _, err := s.file.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if _, err := io.Copy(w, s.file); err != nil {
			return err
		}
	}
	_, err := w.Write(s.mem)
	return err
}

// close removes the temporary file, if any.
func (s *spool) close() {
	if s.file != nil {
		s.file.Close()
		os.Remove(s.file.Name())
	}
}
