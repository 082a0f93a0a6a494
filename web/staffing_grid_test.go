package web

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"baove/i18n"
)

func TestStaffingRows_EscapeWhatTheyWriteAsTemplDoes(t *testing.T) {
	ctx := context.WithValue(context.Background(), langKey, i18n.VI)
	row := staffingRow{Code: "03151", Name: `Xã <b>"Mới"</b> & 'Cũ'`, Kind: "Xã",
		Values: []string{"1", "0", "6", "8", "6", `<script>alert("x")</script>`},
		Errors: map[string]string{"villages": "<bắt buộc>"}}
	v := staffingView{Rows: []staffingRow{row}, Headings: []string{"A", "B", "C", "D", "E", "F"}}
	for _, editable := range []bool{false, true} {
		v.Scope.Editable = editable
		var out bytes.Buffer
		if err := staffingRows(v).Render(ctx, &out); err != nil {
			t.Fatal(err)
		}
		got := out.String()
		for _, bad := range []string{"<b>", "<script>", `"Mới"`, "<bắt buộc>"} {
			if strings.Contains(got, bad) {
				t.Errorf("editable %v: %q written unescaped:\n%s", editable, bad, got)
			}
		}
		if !strings.Contains(got, "Xã &lt;b&gt;&#34;Mới&#34;&lt;/b&gt; &amp; &#39;Cũ&#39;") {
			t.Errorf("editable %v: the name is not escaped as templ escapes it:\n%s", editable, got)
		}
	}
}
