package upload

import (
	"strings"
	"testing"
)

// xmlCases are documents the scanner must read as encoding/xml reads them:
// what spreadsheets write, and what the XML grammar allows or refuses
// around it.
var xmlCases = []string{
	// What spreadsheets write.
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<sheetData><row r="1" spans="1:2"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1"><f>A1*2</f><v>2.5E-3</v></c></row></sheetData></worksheet>`,
	`<x:worksheet xmlns:x="u"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:r><x:t xml:space="preserve"> Xã Nậm Nèn </x:t></x:r></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
	`<sst count="2"><si><t>a_x000D_b</t></si><si><r><rPr><b/></rPr><t>c</t></r><rPh sb="0"><t>d</t></rPh></si></sst>`,
	`<c r="A1"/><c r="B1" t="b"></c>`,
	// Entities, character references and line ends.
	`<t a="&amp;&lt;&gt;&quot;&apos;&#65;&#x1EA1;">x &amp; y &#x1F600; &#13;&#10; z&#xd;</t>`,
	"<t>a\r\nb\rc\n\r\r\nd\r</t>", "<a b=\"x\r\ny\r\" c='\r'/>", "<t>\r&#10;\n&amp;\r\n</t>",
	`<a>&#0;</a>`, `<a>&#xD800;</a>`, `<a>&#x10FFFF;</a>`, `<a>&#x110000;</a>`, `<a>&#x;</a>`, `<a>&#;</a>`, `<a>&#X41;</a>`,
	`<a>&#0000000000000000000065;</a>`, `<a>&#99999999999999999999999;</a>`, `<a>&#x41</a>`, `<a>&#65 ;</a>`,
	`<a>&bogus;</a>`, `<a>& </a>`, `<a>&amp</a>`, `<a>&;</a>`, `<a>&AMP;</a>`, `<a>&é;</a>`, `<a b="&bogus;"/>`, `<a>&lt;&lt</a>`,
	// Characters XML may not hold.
	"<a>\x01</a>", "<a>\xff</a>", "<a>\xef\xbf\xbe</a>", "<a>\xed\xa0\x80</a>", "<a b=\"\x01\"/>", "<a b=\"\xc3\"/>", "<a>ok\xc3</a>",
	"<a>\u00a0\u0085\ufffd</a>", "<a>x\x00</a>", "<a>\t\n</a>",
	// CDATA, comments, processing instructions, directives.
	`<t><![CDATA[a<b>&amp;]]c]]></t>`, "<t><![CDATA[x\r\ny]]]></t>", `<t><![CDATA[]]></t>`, `<t><![CDATA[x`, `<t><![CDAT[x]]></t>`, "<t><![CDATA[\x01]]></t>",
	`<a><!-- c --><!----><!-- - --></a>`, `<a><!-- a -- b --></a>`, `<a><!- x></a>`, `<a><!--->--></a>`, `<!--`, "<a><!-- \xff --></a>",
	`<?xml version="1.1"?><a/>`, `<?xml encoding="latin1"?><a/>`, `<?xml version='1.0' encoding='utf-8'?><a/>`, `<?xml encoding="UTF-8"?><a/>`,
	`<?xml-stylesheet href="x"?><a/>`, `<?xml?><a/>`, `<? x?><a/>`, `<?x ?>?><a/>`, `<?xml version="1.0"`, `<?é?><a/>`, `<?1?><a/>`,
	`<!DOCTYPE a [<!ENTITY e "x"> <!-- c > --> ]><a>&e;</a>`, `<!DOCTYPE a "quoted > bracket" 'and >'><a/>`, `<!DOCTYPE <<>> ><a/>`,
	`<!DOCTYPE a <!-x> <b>><a/>`, `<!>><a/>`, `<!DOCTYPE`, `<!"x>"><a/>`, `<!DOCTYPE a <!-- --- -->><a/>`,
	// Elements and attributes.
	`<a b="x"c="y"/>`, `<a b='x>y' c="'" d='"'/>`, "<a\n\tb = \"1\"\r\n/>", "</a\n>", "<a></a \t>", `<a b=1/>`, `<a b/>`, `<a b="<"/>`,
	`<a b="x" b="y"/>`, `<a xmlns:r="ns" r:id="rId1" r="A1"/>`, `<a:b:c/>`, `<:a/>`, `<a:/>`, `<a:b x:y:z="1"/>`, `<a :b="1" c:="2"/>`,
	`<é/>`, `<aé/>`, `<a·/>`, `<·a/>`, `<a é="1"/>`, `<a\xff/>`, `<a.b-c_d/>`, `<1a/>`, `<-a/>`, `<_a/>`, `<a b=""/>`, `<a b=''/>`,
	`< a/>`, `<a >`, `<a/ >`, `<a/x>`, `<a b="1" / >`, `<a></b>`, `<a><b></a></b>`, `</a>`, `<a></a></a>`, `<x:a></a>`, `<a></x:a>`,
	`<a>]]></a>`, `<a>]]]></a>`, `<a>] ]></a>`, `<a>]]&gt;</a>`, `<a>]&#93;></a>`, `<a>x > y</a>`, `<a b="]]>"/>`,
	`<a>x</a>trailing`, `text before<a/>`, `<a/><b/>`, `  <a/>  `, `<a>` + strings.Repeat("<b>", 9) + strings.Repeat("</b>", 9) + `</a>`,
	``, `<`, `<a`, `<a b`, `<a b=`, `<a b="`, `<a b="x"`, `<a b="x`, `</`, `</a`, `</a `, `<a/`, `<a>x`, `x`, `<a>&`, `<a>&#`, `<a>&#x`, `<a>&am`,
}

// The scanner reads every case as encoding/xml does, token for token and
// error for error: within the full limits, and within every small limit
// on its tokens' length, its size, where it is damaged, its depth and its
// number of elements.
func TestScanner_ReadsAsEncodingXMLDoes(t *testing.T) {
	for _, doc := range xmlCases {
		data := []byte(doc)
		check := func(l partLimits) {
			t.Helper()
			if got, want := tokens(data, l), refTokens(data, l); got != want {
				t.Errorf("%q within %+v:\n%s", doc, l, diffLines(got, want))
			}
		}
		full := fullLimits(data)
		check(full)
		for n := range len(data) + 2 {
			small := func(set func(*partLimits)) partLimits {
				l := full
				set(&l)
				return l
			}
			check(small(func(l *partLimits) { l.maxToken = int64(n + 1) }))
			check(small(func(l *partLimits) { l.declared = int64(n) }))
			check(small(func(l *partLimits) { l.limit = int64(n) }))
			check(small(func(l *partLimits) { l.failAt = n }))
			if n < 12 {
				check(small(func(l *partLimits) { l.maxDepth = n }))
				check(small(func(l *partLimits) { l.maxElements = n }))
			}
		}
	}
}
