package indicators_test

import (
	"slices"
	"testing"

	"baove/access"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
	"baove/notify"
	"baove/notify/notifytest"
)

func TestImportStaffing_TellsTheImporterItIsDone(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		importer := notifytest.User(t, db, "planner.dienbien", access.Planner, "11")
		colleague := notifytest.User(t, db, "planner.dienbien.2", access.Planner, "11")
		file := "commune_code,commune_name,full_time,part_time,collaborators,villages,villages_with_collaborator,note\n" +
			"03151,Phường Mường Lay,1,0,12,15,12,\n"
		_, err := s.ImportStaffing(ctx, importer, indicators.StaffingFile{Province: "11", Year: 2026, File: []byte(file)})
		if err != nil {
			t.Fatal(err)
		}
		if got := notifytest.Kinds(t, db, importer); !slices.Equal(got, []notify.Kind{notify.StaffingIn}) {
			t.Errorf("importer was told %v", got)
		}
		if got := notifytest.Kinds(t, db, colleague); len(got) != 0 {
			t.Errorf("a colleague was told %v", got)
		}
	})
}
