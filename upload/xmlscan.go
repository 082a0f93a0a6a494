package upload

import (
	"errors"
	"io"
)

// The scanner reads the XML of a workbook's parts. It is encoding/xml's
// Decoder.RawToken (strict, knowing no entities but the five that XML
// predefines) rewritten for speed, and the limits the reader over
// encoding/xml kept (xmlref_test.go): it takes the same bytes in the same
// order, accepts and refuses the same documents and returns the same
// tokens, within the same limits, with the same errors (xmlcases_test.go,
// xmlfuzz_test.go). It reads from a window of the part rather than byte by
// byte through an interface, most tokens along a fast path, and its tokens
// are slices of the window rather than new strings: encoding/xml read
// about 30 MB of a sheet a second, the scanner several times that.

// readChunk is how much the scanner asks of a part at a time: what
// bufio.Reader asked for when encoding/xml read the parts, so that a zip
// that is damaged is found damaged at the same place.
const readChunk = 4096

// errSyntax is the error of XML that does not parse: a file that is not a
// readable XLSX (readError).
var errSyntax = errors.New("upload: XML syntax error")

// scanner reads one part's XML. A token of more than maxToken bytes, a
// byte past the size the part's zip header declares or past limit are
// refused where that byte is read, as the reference refused them.
type scanner struct {
	src  io.Reader
	buf  []byte
	r, w int   // buf[r:w] is read from src and not yet taken
	end  int   // the bytes before end may be taken without a check
	tok0 int   // where the current token starts in buf; spans count from it
	base int64 // the part's offset of buf[0]

	rerr    error // src's error, met once buf[r:w] is taken
	err     error // the first error of the scanner, which it keeps
	refused int64 // the part's offset of a byte refused for a limit, or -1

	declared, limit, maxToken int64
	tokLimit                  int64 // the offset of the first byte the token may not take

	pushed    bool // the last token was text that took the '<' after it
	needClose bool // the last token was an empty element, whose end is next

	tok     token
	spans   []attrSpan // the current token's attributes
	scratch []byte     // its text and values that differ from the bytes read
}

// newScanner returns a scanner of src, a part that declares it unpacks to
// declared bytes, that may read at most limit bytes of it and maxToken of
// one token.
func newScanner(src io.Reader, declared, limit, maxToken int64) *scanner {
	return &scanner{src: src, buf: make([]byte, 16*readChunk), declared: declared, limit: limit, maxToken: maxToken, refused: -1}
}

// begin starts a token at the next byte. encoding/xml took the byte after
// a text to see where it ends, so the token that follows a text does not
// count its '<' against maxToken.
func (s *scanner) begin() {
	s.tok0 = s.r
	first := s.base + int64(s.r)
	if s.pushed {
		first++
	}
	s.pushed = false
	s.tokLimit = first + s.maxToken
	s.refused = -1
	s.scratch = s.scratch[:0]
	s.spans = s.spans[:0]
	s.setEnd()
}

// setEnd sets how far bytes may be taken without a check: to the end of
// what is read, of what the part declares, of its limit and of the token's.
func (s *scanner) setEnd() {
	stop := min(s.declared, s.limit, s.tokLimit) - s.base
	s.end = s.w
	if stop < int64(s.w) {
		s.end = int(max(stop, 0))
	}
}

// getc takes the next byte; at the end of what may be taken, it fails
// with s.err set.
func (s *scanner) getc() (byte, bool) {
	if s.r >= s.end && !s.more() {
		return 0, false
	}
	s.r++
	return s.buf[s.r-1], true
}

// mustgetc is getc where the part may not end: its end is a syntax error.
func (s *scanner) mustgetc() (byte, bool) {
	b, ok := s.getc()
	if !ok && s.err == io.EOF {
		s.err = errSyntax
	}
	return b, ok
}

// more makes the next byte ready when the window is spent: it reads more
// of the part, or fails with the part's error, or refuses the byte for a
// limit, in the order the reference checked them.
func (s *scanner) more() bool {
	if s.err != nil {
		return false
	}
	if s.r == s.w && s.rerr == nil {
		s.fill()
	}
	if s.r == s.w {
		return s.fail(s.rerr)
	}
	at := s.base + int64(s.r)
	switch {
	case at >= s.declared:
		s.fail(lyingSize())
	case at >= s.limit:
		s.fail(tooLarge("upload.too_large_part", size(s.limit)))
	case at >= s.tokLimit:
		s.fail(tokenTooLong())
	default:
		s.setEnd()
		return true
	}
	s.refused = at
	return false
}

// fail keeps err as the scanner's error and returns false; no byte may be
// taken after it.
func (s *scanner) fail(err error) bool {
	s.err, s.end = err, 0
	return false
}

// fill reads the next chunk of the part after the bytes read, keeping the
// current token's: the window grows only as long as a token, which is
// at most maxToken bytes. Like bufio.Reader, it tries a reader that
// returns nothing 100 times.
func (s *scanner) fill() {
	if len(s.buf)-s.w < readChunk {
		n := copy(s.buf, s.buf[s.tok0:s.w])
		s.r, s.w, s.base, s.tok0 = s.r-s.tok0, n, s.base+int64(s.tok0), 0
	}
	if len(s.buf)-s.w < readChunk {
		grown := make([]byte, 2*len(s.buf))
		copy(grown, s.buf[:s.w])
		s.buf = grown
	}
	for range 100 {
		n, err := s.src.Read(s.buf[s.w : s.w+readChunk])
		s.w += n
		if err != nil {
			s.rerr = err
			return
		}
		if n > 0 {
			return
		}
	}
	s.rerr = io.ErrNoProgress
}

// tooLong reports whether the token just read took a byte past maxToken:
// a text cut short by its limit is returned before its error, as
// encoding/xml returned it, and refused then.
func (s *scanner) tooLong() bool {
	return s.refused >= s.tokLimit
}

// span is part of a token: bytes of the window counted from the token's
// start, or of its scratch.
type span struct {
	off, end int
	scratch  bool
}

// bytes returns the bytes of sp, valid until the next token.
func (s *scanner) bytes(sp span) []byte {
	if sp.scratch {
		return s.scratch[sp.off:sp.end]
	}
	return s.buf[s.tok0+sp.off : s.tok0+sp.end]
}

// at returns where the scanner is, counted from the token's start.
func (s *scanner) at() int {
	return s.r - s.tok0
}
