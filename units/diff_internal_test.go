package units

import (
	"fmt"
	"testing"
)

func TestDiffUnits_AddsChangesReopensAndClosesByCode(t *testing.T) {
	held := []heldUnit{
		{ListEntry{Code: "00001", ProvinceCode: "01", Name: "Xã A", Kind: Xa}, false},
		{ListEntry{Code: "00002", ProvinceCode: "01", Name: "Xã B", Kind: Xa}, false},
		{ListEntry{Code: "00003", ProvinceCode: "01", Name: "Xã C", Kind: Xa}, true},
		{ListEntry{Code: "00004", ProvinceCode: "01", Name: "Xã D", Kind: Xa}, true},
		{ListEntry{Code: "00005", ProvinceCode: "01", Name: "Xã E", Kind: Xa}, false},
	}
	want := []ListEntry{
		{Code: "00009", ProvinceCode: "01", Name: "Xã Mới", Kind: Xa},
		{Code: "00001", ProvinceCode: "01", Name: "Phường A", Kind: Phuong},
		{Code: "00003", ProvinceCode: "01", Name: "Xã C", Kind: Xa},
		{Code: "00005", ProvinceCode: "04", Name: "Xã E", Kind: Xa},
	}
	d := diffUnits(held, want)
	if len(d.Added) != 1 || d.Added[0].Code != "00009" {
		t.Errorf("added %v, want 00009 alone", d.Added)
	}
	if len(d.Closed) != 1 || d.Closed[0].Code != "00002" {
		t.Errorf("closed %v, want 00002 alone (00004 is closed already)", d.Closed)
	}
	got := ""
	for _, c := range d.Changed {
		got += fmt.Sprintf("%s renamed=%v rekinded=%v moved=%v reopened=%v; ", c.Now.Code, c.Renamed(), c.Rekinded(), c.Moved(), c.Reopened)
	}
	want2 := "00001 renamed=true rekinded=true moved=false reopened=false; " +
		"00003 renamed=false rekinded=false moved=false reopened=true; " +
		"00005 renamed=false rekinded=false moved=true reopened=false; "
	if got != want2 {
		t.Errorf("changed:\n%s\nwant\n%s", got, want2)
	}
}

func TestDiffSuccessions_ComparesAsMultisets(t *testing.T) {
	a := Succession{OldCode: "10000", NewCode: "00001"}
	b := Succession{OldName: "Xã Cũ", NewCode: "00001"}
	c := Succession{OldCode: "10002", NewCode: "00002"}
	added, removed := diffSuccessions([]Succession{a, a, b}, []Succession{a, c, c})
	if fmt.Sprint(added) != fmt.Sprint([]Succession{c, c}) || fmt.Sprint(removed) != fmt.Sprint([]Succession{a, b}) {
		t.Errorf("added %v removed %v, want c twice added, a and b removed", added, removed)
	}
	added, removed = diffSuccessions([]Succession{a, b}, []Succession{b, a})
	if len(added)+len(removed) != 0 {
		t.Errorf("the same successions in another order: added %v removed %v", added, removed)
	}
}
