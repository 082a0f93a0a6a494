package exports

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"slices"
	"strings"
	"time"
)

// Namespaces and types of the parts of an XLSX package (ECMA-376).
const (
	nsMain      = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel    = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsVT        = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
	relDoc      = nsRel + "/officeDocument"
	relSheet    = nsRel + "/worksheet"
	relStyles   = nsRel + "/styles"
	relApp      = nsRel + "/extended-properties"
	relCustom   = nsRel + "/custom-properties"
	relCore     = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
	typeSheet   = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
	typeBook    = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
	typeStyles  = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
	typeCore    = "application/vnd.openxmlformats-package.core-properties+xml"
	typeApp     = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
	typeCustom  = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
	xmlDecl     = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	customFmtID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
)

// xlsxPackage writes the parts of a workbook into a zip, hashing each part
// that makes its content (everything outside docProps/) for the stamp.
type xlsxPackage struct {
	z        *zip.Writer
	modified time.Time
	hashes   map[string]string // part name → SHA-256 of its bytes, for content parts
	sheets   []sheetEntry
	err      error
}

type sheetEntry struct {
	name   string
	header int // the row of the column titles, for the print titles
}

func newPackage(w io.Writer, generated time.Time) *xlsxPackage {
	modified := generated
	if modified.IsZero() {
		modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC) // the zip format's first day: the same file for the same input
	}
	return &xlsxPackage{z: newZip(w), modified: modified, hashes: map[string]string{}}
}

// part opens the part name for writing; a content part's bytes are hashed.
func (p *xlsxPackage) part(name string) (io.Writer, hash.Hash, error) {
	w, err := p.z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: p.modified})
	if err != nil {
		return nil, nil, err
	}
	if strings.HasPrefix(name, "docProps/") {
		return w, nil, nil
	}
	h := sha256.New()
	return io.MultiWriter(w, h), h, nil
}

// write writes a whole part.
func (p *xlsxPackage) write(name, content string) {
	if p.err != nil {
		return
	}
	w, h, err := p.part(name)
	if err == nil {
		_, err = io.WriteString(w, content)
	}
	p.err = err
	p.done(name, h)
}

// done records the hash of a content part once written.
func (p *xlsxPackage) done(name string, h hash.Hash) {
	if h != nil {
		p.hashes[name] = hex.EncodeToString(h.Sum(nil))
	}
}

// sheet writes s as the worksheet number n.
func (p *xlsxPackage) sheet(n int, st *styleSheet, s Sheet) error {
	name := fmt.Sprintf("xl/worksheets/sheet%d.xml", n)
	w, h, err := p.part(name)
	if err != nil {
		return err
	}
	header, err := writeSheetPart(w, st, s, n == 1)
	if err != nil {
		return err
	}
	p.done(name, h)
	p.sheets = append(p.sheets, sheetEntry{name: s.Name, header: header})
	return nil
}

// finish writes the parts that describe the sheets, then the document
// properties with the stamp, and closes the zip.
func (p *xlsxPackage) finish(st *styleSheet, wb Workbook) (Stamp, error) {
	p.write("xl/styles.xml", st.xml())
	p.write("xl/workbook.xml", p.workbookXML())
	p.write("xl/_rels/workbook.xml.rels", p.workbookRels())
	p.write("[Content_Types].xml", p.contentTypes())
	p.write("_rels/.rels", packageRels())
	p.write("docProps/app.xml", xmlDecl+`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" `+
		`xmlns:vt="`+nsVT+`"><Application>baove</Application></Properties>`)
	p.write("docProps/core.xml", coreXML(wb))
	stamp := Stamp{ContentSHA256: manifestHash(p.hashes), Generated: wb.Generated}
	p.write("docProps/custom.xml", customXML(stamp))
	if p.err != nil {
		return Stamp{}, p.err
	}
	return stamp, p.z.Close()
}

// manifestHash is the content hash of a workbook: the SHA-256 of the
// manifest that `sha256sum` prints for its content parts (every part but
// docProps/), sorted by name: "<hex>  <name>\n" for each.
func manifestHash(hashes map[string]string) string {
	names := make([]string, 0, len(hashes))
	for n := range hashes {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s  %s\n", hashes[n], n)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (p *xlsxPackage) workbookXML() string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	for i, s := range p.sheets {
		fmt.Fprintf(&b, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, escapeXML(s.name), i+1, i+1)
	}
	b.WriteString(`</sheets><definedNames>`)
	for i, s := range p.sheets {
		// The header row is printed at the top of every page.
		fmt.Fprintf(&b, `<definedName name="_xlnm.Print_Titles" localSheetId="%d">'%s'!$%d:$%d</definedName>`,
			i, escapeXML(strings.ReplaceAll(s.name, "'", "''")), s.header, s.header)
	}
	b.WriteString(`</definedNames></workbook>`)
	return b.String()
}

func (p *xlsxPackage) workbookRels() string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<Relationships xmlns="` + nsPkgRel + `">`)
	for i := range p.sheets {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="%s" Target="worksheets/sheet%d.xml"/>`, i+1, relSheet, i+1)
	}
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="%s" Target="styles.xml"/></Relationships>`, len(p.sheets)+1, relStyles)
	return b.String()
}

func (p *xlsxPackage) contentTypes() string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>`)
	override := func(name, typ string) { fmt.Fprintf(&b, `<Override PartName="/%s" ContentType="%s"/>`, name, typ) }
	override("xl/workbook.xml", typeBook)
	for i := range p.sheets {
		override(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), typeSheet)
	}
	override("xl/styles.xml", typeStyles)
	override("docProps/core.xml", typeCore)
	override("docProps/app.xml", typeApp)
	override("docProps/custom.xml", typeCustom)
	b.WriteString(`</Types>`)
	return b.String()
}

func packageRels() string {
	return xmlDecl + `<Relationships xmlns="` + nsPkgRel + `">` +
		`<Relationship Id="rId1" Type="` + relDoc + `" Target="xl/workbook.xml"/>` +
		`<Relationship Id="rId2" Type="` + relCore + `" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="` + relApp + `" Target="docProps/app.xml"/>` +
		`<Relationship Id="rId4" Type="` + relCustom + `" Target="docProps/custom.xml"/></Relationships>`
}

// coreXML names the workbook and its maker, and dates it when it was
// generated.
func coreXML(wb Workbook) string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	if wb.Title != "" {
		b.WriteString(`<dc:title>` + escapeXML(wb.Title) + `</dc:title>`)
	}
	b.WriteString(`<dc:creator>baove</dc:creator><cp:lastModifiedBy>baove</cp:lastModifiedBy>`)
	if !wb.Generated.IsZero() {
		at := wb.Generated.UTC().Format(time.RFC3339)
		b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + at + `</dcterms:created>` +
			`<dcterms:modified xsi:type="dcterms:W3CDTF">` + at + `</dcterms:modified>`)
	}
	b.WriteString(`</cp:coreProperties>`)
	return b.String()
}

// customXML writes the stamp as two custom document properties, which
// Excel shows under File › Info › Properties.
func customXML(s Stamp) string {
	var b strings.Builder
	b.WriteString(xmlDecl + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="` + nsVT + `">`)
	fmt.Fprintf(&b, `<property fmtid="%s" pid="2" name="%s"><vt:lpwstr>%s</vt:lpwstr></property>`, customFmtID, stampHashName, s.ContentSHA256)
	if !s.Generated.IsZero() {
		fmt.Fprintf(&b, `<property fmtid="%s" pid="3" name="%s"><vt:lpwstr>%s</vt:lpwstr></property>`, customFmtID, stampTimeName,
			s.Generated.UTC().Format(time.RFC3339))
	}
	b.WriteString(`</Properties>`)
	return b.String()
}
