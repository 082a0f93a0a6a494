package api

import (
	"fmt"
	"strings"
	"testing"
)

func TestScanText_NamesEachUnfitStringByItsPlace(t *testing.T) {
	cases := map[string]string{
		`{"title":"Kế hoạch","narrative":"dòng 1\ndòng 2\t!"}`:          "",
		`{"title":"Ke\u0301 hoa\u0323ch \ud83d\ude00 \"trích\" \\ \/"}`: "",
		`{"title":"a\u0000b"}`:         "body.title text.control",
		`{"title":"a\u001bb"}`:         "body.title text.control",
		`{"title":"a\u007fb"}`:         "body.title text.control",
		`{"title":"a\bb"}`:             "body.title text.control",
		`{"title":"a\fb"}`:             "body.title text.control",
		`{"title":"a\nb"}`:             "body.title text.line_break",
		`{"title":"a\tb"}`:             "body.title text.line_break",
		`{"title":"a\u000Db"}`:         "body.title text.line_break",
		`{"narrative":"a\u0000b"}`:     "body.narrative text.control",
		"{\"title\":\"a\xffb\"}":       "body.title text.not_utf8",
		"{\"title\":\"a\xc3\"}":        "body.title text.not_utf8",
		"{\"title\":\"\xed\xa0\x80\"}": "body.title text.not_utf8",
		`{"title":"a\ud800b"}`:         "body.title text.not_utf8",
		`{"title":"a\udc00b"}`:         "body.title text.not_utf8",
		`{"title":"a\ud800\u0041"}`:    "body.title text.not_utf8",
		`{"items":[{"note":"ok\n"},{"commune_code":"0\u00004"}]}`: "body.items[1].commune_code text.control",
		`{"items":[["a","b\u0001"]]}`:                             "body.items[0][1] text.control",
		`{"NOTE":"a\nb","Title":"a\nb"}`:                          "body.Title text.line_break",
		`{"us\u0000er":"x"}`:                                      `body.us\u0000er text.control`,
		`{"a":1,"b":true,"c":null,"d":-1.5e3,"e":{},"f":[]}`:      "",
		`{"title":"a\u0000b"`:                                     "body.title text.control", // reported before the decoder finds the end missing
		`{"title":"a\u00`:                                         "",                        // malformed: left to the decoder
		`{"title" "a\u0000"}`:                                     "",
		``:                                                        "",
	}
	for in, want := range cases {
		var got []string
		for _, p := range scanText([]byte(in)) {
			got = append(got, p.Field+" "+p.Key)
		}
		if strings.Join(got, "; ") != want {
			t.Errorf("scanText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScanText_ListsAtMost20Problems(t *testing.T) {
	var items []string
	for i := range 1000 {
		items = append(items, fmt.Sprintf(`{"note":"%d\u0000"}`, i))
	}
	if n := len(scanText([]byte(`{"items":[` + strings.Join(items, ",") + `]}`))); n != maxTextProblems {
		t.Fatalf("%d problems, want %d", n, maxTextProblems)
	}
}

func TestScanText_StopsAtEncodingJSONsDepth(t *testing.T) {
	deep := strings.Repeat("[", 1<<20) // a 1 MiB body of brackets: the decoder refuses it, the scan must not blow the stack
	if p := scanText([]byte(deep)); len(p) != 0 {
		t.Fatalf("problems in brackets: %v", p)
	}
}
