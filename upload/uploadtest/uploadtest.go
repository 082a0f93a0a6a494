// Package uploadtest builds spreadsheet files for tests of uploads, among
// them zip bombs: files of a few hundred kilobytes that unpack to hundreds
// of megabytes or more. Files are built in memory and never unpacked here.
package uploadtest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
)

// Part is one file of an XLSX: its content is Head, Unit written Repeat
// times, then Tail.
type Part struct {
	Name             string
	Head, Unit, Tail string
	Repeat           int
	// DeclaredSize, when not zero, is the size the zip says the part
	// unpacks to: a lie when it differs from the real size.
	DeclaredSize uint64
}

// Size returns how many bytes the part unpacks to.
func (p Part) Size() int64 {
	return int64(len(p.Head)) + int64(len(p.Unit))*int64(p.Repeat) + int64(len(p.Tail))
}

// The parts every workbook needs, as Excel names them.
const (
	ContentTypes  = "[Content_Types].xml"
	Workbook      = "xl/workbook.xml"
	Sheet         = "xl/worksheets/sheet1.xml"
	SharedStrings = "xl/sharedStrings.xml"
)

const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

// defaults are the parts XLSX adds when it is not given them: a workbook
// of one empty sheet with shared strings.
var defaults = []Part{
	{Name: ContentTypes, Head: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
	{Name: "_rels/.rels", Head: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
	{Name: Workbook, Head: `<?xml version="1.0" encoding="UTF-8"?><workbook ` + ns +
		` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
	{Name: "xl/_rels/workbook.xml.rels", Head: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
	SheetPart(""),
	{Name: SharedStrings, Head: `<?xml version="1.0" encoding="UTF-8"?><sst ` + ns + `></sst>`},
}

// SheetPart returns the first sheet with rows, the XML of its sheetData.
func SheetPart(rows string) Part {
	return Part{Name: Sheet, Head: `<?xml version="1.0" encoding="UTF-8"?><worksheet ` + ns + `><sheetData>` + rows, Tail: `</sheetData></worksheet>`}
}

// XLSX returns a workbook made of parts, adding those of a workbook of one
// empty sheet that it is not given. It panics if the zip cannot be written
// (it is written to memory).
func XLSX(parts ...Part) []byte {
	given := map[string]bool{}
	for _, p := range parts {
		given[p.Name] = true
	}
	for _, d := range defaults {
		if !given[d.Name] {
			parts = append(parts, d)
		}
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, p := range parts {
		if err := add(z, p); err != nil {
			panic(fmt.Sprintf("uploadtest: %s: %v", p.Name, err))
		}
	}
	if err := z.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// add deflates p into z, declaring its true size unless it is told a lie.
func add(z *zip.Writer, p Part) error {
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestCompression)
	crc := crc32.NewIEEE()
	if err := p.writeTo(io.MultiWriter(fw, crc)); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	size := uint64(p.Size())
	if p.DeclaredSize != 0 {
		size = p.DeclaredSize
	}
	w, err := z.CreateRaw(&zip.FileHeader{Name: p.Name, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(packed.Len()), UncompressedSize64: size})
	if err != nil {
		return err
	}
	_, err = w.Write(packed.Bytes())
	return err
}

// writeTo writes p's content in chunks of about a megabyte, so that a part
// of gigabytes costs a megabyte of memory.
func (p Part) writeTo(w io.Writer) error {
	if _, err := io.WriteString(w, p.Head); err != nil {
		return err
	}
	if p.Repeat > 0 && p.Unit != "" {
		per := max(1, (1<<20)/len(p.Unit))
		chunk := strings.Repeat(p.Unit, min(per, p.Repeat))
		for left := p.Repeat; left > 0; left -= per {
			if _, err := io.WriteString(w, chunk[:min(left, per)*len(p.Unit)]); err != nil {
				return err
			}
		}
	}
	_, err := io.WriteString(w, p.Tail)
	return err
}

// BombNames lists the zip bombs Bomb builds:
//   - "spaces": a sheet of nothing but spaces inside sheetData;
//   - "empty cells": rows of styled cells without values, which a reader
//     that builds the whole sheet turns into millions of objects;
//   - "rows": the same row of text and a number, repeated;
//   - "cells": rows of 16 cells of text, repeated;
//   - "shared strings": a shared strings part of millions of strings;
//   - "long text": one cell whose text is the whole part;
//   - "lying size": the rows bomb, declaring it unpacks to 1,000 bytes.
var BombNames = []string{"spaces", "empty cells", "rows", "cells", "shared strings", "long text", "lying size"}

// Bomb returns the zip bomb name (see BombNames): an XLSX of at most a few
// megabytes whose sheet, or shared strings, unpack to about size bytes. It
// returns nil for an unknown name.
func Bomb(name string, size int) []byte {
	const (
		row      = `<row><c t="inlineStr"><is><t>Xã Nậm Nèn</t></is></c><c><v>1500000</v></c></row>`
		emptyRow = `<row><c s="1"/><c s="1"/><c s="1"/><c s="1"/><c s="1"/><c s="1"/><c s="1"/><c s="1"/></row>`
		si       = `<si><t>a</t></si>`
	)
	sheet := SheetPart("")
	switch name {
	case "spaces":
		sheet.Unit = " "
	case "empty cells":
		sheet.Unit = emptyRow
	case "rows", "lying size":
		sheet.Unit = row
	case "cells":
		sheet.Unit = "<row>" + strings.Repeat(`<c t="inlineStr"><is><t>Nậm Nèn</t></is></c>`, 16) + "</row>"
	case "shared strings":
		shared := Part{Name: SharedStrings, Head: `<sst ` + ns + `>`, Unit: si, Repeat: size / len(si), Tail: `</sst>`}
		return XLSX(shared, SheetPart(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`))
	case "long text":
		sheet = SheetPart(`<row r="1"><c r="A1" t="inlineStr"><is><t>`)
		sheet.Unit, sheet.Tail = "a", `</t></is></c></row>`+sheet.Tail
	default:
		return nil
	}
	sheet.Repeat = size / len(sheet.Unit)
	if name == "lying size" {
		sheet.DeclaredSize = 1000
	}
	return XLSX(sheet)
}
