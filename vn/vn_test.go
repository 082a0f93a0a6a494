package vn

import (
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

func TestNFC_ComposesCombiningMarks(t *testing.T) {
	decomposed := "Ho\u0300a Bi\u0300nh" // "Hòa Bình" typed with combining grave accents
	if got := NFC(" " + decomposed + " "); got != "Hòa Bình" {
		t.Fatalf("NFC = %q, want %q", got, "Hòa Bình")
	}
}

func TestFold_MatchesWithoutDiacritics(t *testing.T) {
	cases := map[string]string{
		"Phường Ba Đình":        "phuong ba dinh",
		"Đặc khu  Côn Đảo":      "dac khu con dao",
		"Xã Nậm Nèn":            "xa nam nen",
		"Ho\u0300a  Bi\u0300nh": "hoa binh",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSortBy_UsesVietnameseAlphabet(t *testing.T) {
	// Byte order would put "Đ" after "Ư" and "Â" after "Z"; Vietnamese puts
	// đ right after d and â right after ă.
	names := []string{"Điện Biên", "Yên Bái", "Ân Thi", "Ấp Bắc", "Dương Kinh", "An Giang", "Ăn Khê", "Ba Đình", "Ư Minh"}
	SortBy(names, func(s string) string { return s })
	want := []string{"An Giang", "Ăn Khê", "Ân Thi", "Ấp Bắc", "Ba Đình", "Dương Kinh", "Điện Biên", "Ư Minh", "Yên Bái"}
	if !slices.Equal(names, want) {
		t.Fatalf("sorted = %q\nwant     %q", names, want)
	}
}

func TestSortBy_OrdersTheSameWithKeysKeptAndPastTheirLimit(t *testing.T) {
	want := []string{"An Giang", "Ăn Khê", "Ân Thi", "Ấp Bắc", "Ba Đình", "Dương Kinh", "Điện Biên", "Ư Minh", "Yên Bái"}
	for round := range 3 { // the first computes the keys, the next use those kept
		names := []string{"Yên Bái", "Ư Minh", "Điện Biên", "Dương Kinh", "Ba Đình", "Ấp Bắc", "Ân Thi", "Ăn Khê", "An Giang"}
		SortBy(names, func(s string) string { return s })
		if !slices.Equal(names, want) {
			t.Fatalf("round %d: sorted = %q\nwant     %q", round, names, want)
		}
	}
	kept := collationKeysKept.Load()
	collationKeysKept.Store(maxCollationKeys) // full: new texts are not kept
	defer collationKeysKept.Store(kept)
	names := []string{"Đồng Tháp", "Đắk Lắk", "Cà Mau"}
	SortBy(names, func(s string) string { return s })
	if want := []string{"Cà Mau", "Đắk Lắk", "Đồng Tháp"}; !slices.Equal(names, want) {
		t.Fatalf("past the limit: %q, want %q", names, want)
	}
	if _, ok := collationKeys.Load("Cà Mau"); ok {
		t.Fatal("a key was kept past the limit")
	}
}

func TestCompare_OrdersDBeforeĐ(t *testing.T) {
	if Compare("Dương", "Đà Nẵng") >= 0 {
		t.Fatal("Dương should sort before Đà Nẵng")
	}
}

func TestInt_GroupsThousandsWithDots(t *testing.T) {
	cases := map[int64]string{0: "0", 999: "999", 1000: "1.000", 1234567: "1.234.567", -1500: "-1.500",
		1234567890123: "1.234.567.890.123", -9223372036854775808: "-9.223.372.036.854.775.808"}
	for n, want := range cases {
		if got := Int(n); got != want {
			t.Errorf("Int(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestDecimal_UsesCommaAsDecimalMark(t *testing.T) {
	cases := []struct {
		in     string
		places int32
		want   string
	}{{"87.5", 1, "87,5"}, {"1234.5", 2, "1.234,50"}, {"-0.125", 2, "-0,13"}, {"100", 0, "100"}}
	for _, c := range cases {
		if got := Decimal(decimal.RequireFromString(c.in), c.places); got != c.want {
			t.Errorf("Decimal(%s, %d) = %q, want %q", c.in, c.places, got, c.want)
		}
	}
}

func TestKey_FoldsLookAlikesOfOneReference(t *testing.T) {
	same := []string{"X-1", "x-1", "X‐1", "X–1", "X−1", "X-1\u200b", "\u200bX-\u00ad1", "Ｘ－１", " X-1 "}
	for _, s := range same {
		if got := Key(s); got != "x-1" {
			t.Errorf("Key(%q) = %q, want %q", s, got, "x-1")
		}
	}
	for _, s := range []string{"X-2", "X1", "X-1a", "X - 1"} {
		if Key(s) == "x-1" {
			t.Errorf("Key(%q) is the key of X-1", s)
		}
	}
	if got := Key("PC-2026/Đặc biệt"); got != "pc-2026/đặc biệt" {
		t.Errorf("Vietnamese letters are kept: %q", got)
	}
}

func TestTextFault_RefusesControlsAndBadUTF8AndLineBreaksInOneLine(t *testing.T) {
	cases := []struct {
		s         string
		multiline bool
		want      string
	}{
		{"Kế hoạch năm 2026", false, ""}, {"dòng 1\ndòng 2\r\n\tthụt lề", true, ""}, {"", false, ""},
		{"a\x00b", true, Control}, {"a\x01b", true, Control}, {"\x1f", true, Control}, {"a\x7fb", true, Control},
		{"a\tb", false, LineBreak}, {"a\nb", false, LineBreak}, {"a\rb", false, LineBreak},
		{"a\xffb", true, NotUTF8}, {"\xc3", true, NotUTF8}, {"\xed\xa0\x80", true, NotUTF8}, // a UTF-8-encoded surrogate
	}
	for _, c := range cases {
		if got := TextFault(c.s, c.multiline); got != c.want {
			t.Errorf("TextFault(%q, %v) = %q, want %q", c.s, c.multiline, got, c.want)
		}
	}
}

func TestUngroup_ReadsDigitsOrThousandsGroupedByDotsOnly(t *testing.T) {
	for in, want := range map[string]string{"0": "0", "7": "7", "1500000": "1500000", "1.500.000": "1500000", "25.000": "25000"} {
		if got, ok := Ungroup(in); !ok || got != want {
			t.Errorf("Ungroup(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "1.5", "25.00", "1000.000", "1.0000", "0100", "1,500", "-5", "+5", "1 500", "1e3"} {
		if got, ok := Ungroup(in); ok {
			t.Errorf("Ungroup(%q) = %q, want refused", in, got)
		}
	}
}
