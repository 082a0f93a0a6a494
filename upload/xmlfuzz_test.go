package upload

import (
	"testing"
)

// The scanner reads any bytes as encoding/xml reads them, within any
// limits: the same tokens, then the same error. Small limits are drawn
// for the lengths of tokens, the size the part declares, the bytes it may
// unpack to, where it is damaged, its depth and its number of elements.
//
//	go test ./upload -run '^$' -fuzz FuzzScanner -fuzztime 5m
func FuzzScanner(f *testing.F) {
	for _, c := range xmlCases {
		f.Add([]byte(c), uint16(0), uint16(0), uint16(0), uint8(0))
	}
	f.Add([]byte(xmlCases[0]), uint16(7), uint16(0), uint16(0), uint8(0))
	f.Add([]byte(xmlCases[4]), uint16(0), uint16(9), uint16(0), uint8(0))
	f.Add([]byte(xmlCases[5]), uint16(0), uint16(0), uint16(12), uint8(0))
	f.Add([]byte(xmlCases[1]), uint16(0), uint16(0), uint16(0), uint8(0x35))
	f.Fuzz(func(t *testing.T, data []byte, token, cut, damage uint16, nesting uint8) {
		l := fuzzLimits(data, token, cut, damage, nesting)
		if got, want := tokens(data, l), refTokens(data, l); got != want {
			t.Fatalf("%q within %+v:\n%s", data, l, diffLines(got, want))
		}
	})
}

// fuzzLimits draws limits for data: zero leaves a limit as it is.
func fuzzLimits(data []byte, token, cut, damage uint16, nesting uint8) partLimits {
	l := fullLimits(data)
	if token > 0 {
		l.maxToken = int64(token % 512)
	}
	if cut > 0 {
		l.declared = max(0, int64(len(data))-int64(cut%512))
		if cut&1 == 1 {
			l.limit, l.declared = l.declared, int64(len(data))
		}
	}
	if damage > 0 {
		l.failAt = int(damage % 512)
	}
	if nesting > 0 {
		l.maxDepth, l.maxElements = int(nesting&0xF), int(nesting>>4)*3
		if l.maxElements == 0 {
			l.maxElements = maxElements
		}
	}
	return l
}

// The readers of a sheet and of shared strings read any XML as they read
// it over encoding/xml: the same rows of the same values, or the same
// error.
//
//	go test ./upload -run '^$' -fuzz FuzzSheet -fuzztime 5m
func FuzzSheet(f *testing.F) {
	for _, sheet := range handSheets {
		if len(sheet) < 4096 {
			f.Add([]byte(sheet), []byte(handShared))
		}
	}
	f.Add([]byte(`<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><r><t>b</t></r></is></c></row>`),
		[]byte(`<x:sst xmlns:x="u"><x:si><x:t>a</x:t></x:si><x:si><x:r><x:t>Xã </x:t></x:r><x:rPh><x:t>N</x:t></x:rPh></x:si></x:sst>`))
	f.Fuzz(func(t *testing.T, sheet, shared []byte) {
		if got, want := rows(sheet, shared), refRows(sheet, shared); got != want {
			t.Fatalf("sheet %q, shared strings %q:\n%s", sheet, shared, diffLines(got, want))
		}
	})
}
