package indicators_test

import (
	"reflect"
	"testing"

	"baove"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
)

const staffingHeader = "commune_code,commune_name,full_time,part_time,collaborators,villages,villages_with_collaborator,note\n"

// TestImportStaffing_ADryRunSaysWhichCommunesChangeAndWritesNothing: a dry
// run names each commune a file changes, with its record before and
// after, and counts those it leaves as they are and the rows without
// figures; the import then changes exactly those; a bad file gets the
// import's own refusal; nothing a dry run does is written.
func TestImportStaffing_ADryRunSaysWhichCommunesChangeAndWritesNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		p := plannerOf("11")
		_, err := s.ImportStaffing(ctx, p, indicators.StaffingFile{Province: "11", Year: 2026,
			File: []byte(staffingHeader + "03151,,1,0,12,15,12,\n03158,,1,0,5,8,5,\n")})
		if err != nil {
			t.Fatal(err)
		}
		file := indicators.StaffingFile{Province: "11", Year: 2026, DryRun: true, File: []byte(staffingHeader +
			"03151,,1,0,12,15,12,\n" + // as recorded
			"03158,,0,1,5,8,5,\n" + // changed
			"03160,,1,1,3,4,3,Sở Y tế\n" + // new
			"03162,Xã Nậm Kè,,,,,,\n")} // no figures
		before := dbtest.Snapshot(t, db)
		dry, err := s.ImportStaffing(ctx, p, file)
		if err != nil {
			t.Fatal(err)
		}
		if dbtest.Snapshot(t, db) != before {
			t.Fatal("a dry run wrote to the database")
		}
		if dry.Unchanged != 1 || dry.Skipped != 1 || len(dry.Changes) != 2 {
			t.Fatalf("dry run: %+v, want 2 changes, 1 unchanged, 1 skipped", dry)
		}
		changed, added := dry.Changes[0], dry.Changes[1]
		if changed.Commune != "03158" || changed.Before == nil || changed.Before.FullTime != 1 || changed.After.PartTime != 1 ||
			added.Commune != "03160" || added.Before != nil || added.After.Note != "Sở Y tế" || added.Name == "" {
			t.Fatalf("changes %+v, %+v", changed, added)
		}
		file.DryRun = false
		done, err := s.ImportStaffing(ctx, p, file)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(changedCommunes(done), changedCommunes(dry)) || done.Unchanged != dry.Unchanged ||
			done.Skipped != dry.Skipped {
			t.Fatalf("the import changed %+v, the dry run said %+v", done, dry)
		}
		bad := indicators.StaffingFile{Province: "11", Year: 2026, DryRun: true,
			File: []byte(staffingHeader + "03151,,1,0,1,5,9,\n")}
		_, dryErr := s.ImportStaffing(ctx, p, bad)
		bad.DryRun = false
		_, realErr := s.ImportStaffing(ctx, p, bad)
		if baove.ErrorCode(dryErr) != baove.EINVALID || !reflect.DeepEqual(dryErr, realErr) {
			t.Fatalf("a bad file: dry run %v, import %v", dryErr, realErr)
		}
		file.DryRun = true
		_, err = s.ImportStaffing(ctx, plannerOf("01"), file)
		if baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("another province's planner: %v", err)
		}
	})
}

func changedCommunes(d indicators.StaffingImport) []string {
	var out []string
	for _, c := range d.Changes {
		out = append(out, string(c.Commune))
	}
	return out
}

// TestPrefilledStaffing_StartsFromTheYearsRecordsElseLastYears: every
// commune in force is listed; a commune recorded this year starts from its
// record (so that the template uploaded as it is changes nothing), one
// recorded only last year from last year's, one never recorded from
// nothing.
func TestPrefilledStaffing_StartsFromTheYearsRecordsElseLastYears(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		p := plannerOf("11")
		files := map[int]string{2025: "03151,,1,0,12,15,12,\n03158,,1,0,5,8,5,\n", 2026: "03151,,2,0,12,15,12,\n"}
		for year, rows := range files {
			f := indicators.StaffingFile{Province: "11", Year: year, File: []byte(staffingHeader + rows)}
			if _, err := s.ImportStaffing(ctx, p, f); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.PrefilledStaffing(ctx, p, "11", 2026)
		if err != nil {
			t.Fatal(err)
		}
		cov, _ := s.Coverage(ctx, reviewer, "11", 2026)
		if len(got) != cov.Total {
			t.Fatalf("%d communes, want the %d in force", len(got), cov.Total)
		}
		from := map[string]int{}
		for _, c := range got {
			from[string(c.Commune.Code)] = c.From
			if c.Commune.Code == "03151" && c.Staffing.FullTime != 2 {
				t.Errorf("03151 starts from %+v, want this year's record", c.Staffing)
			}
			if (c.Staffing == nil) != (c.From == 0) {
				t.Errorf("%s: figures %+v from %d", c.Commune.Code, c.Staffing, c.From)
			}
		}
		if from["03151"] != 2026 || from["03158"] != 2025 || from["03160"] != 0 {
			t.Fatalf("prefilled from %v", from)
		}
		if _, err := s.PrefilledStaffing(ctx, plannerOf("01"), "11", 2026); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("another province's planner: %v", err)
		}
	})
}
