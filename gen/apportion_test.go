package gen

import (
	"slices"
	"testing"
)

func TestApportion_SharesEveryEntryInProportionWithinRoom(t *testing.T) {
	counts, err := apportion(10, []float64{1, 1, 1, 0}, nil)
	if err != nil || !slices.Equal(counts, []int{4, 3, 3, 0}) {
		t.Errorf("10 over three equal weights and a zero: %v (%v), want 4 3 3 0", counts, err)
	}
	counts, err = apportion(10, []float64{8, 1, 1}, []int{2, 10, 10})
	if err != nil || !slices.Equal(counts, []int{2, 4, 4}) {
		t.Errorf("with the first capped at 2: %v (%v), want 2 4 4", counts, err)
	}
	if _, err := apportion(10, []float64{1, 1}, []int{3, 3}); err == nil {
		t.Error("10 into rooms of 3 and 3 did not fail")
	}
}
