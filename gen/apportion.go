package gen

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"baove"
)

// apportion shares total among weights by the largest-remainder method,
// never giving one more than its room (nil: no limit). It fails when the
// rooms cannot hold the total.
func apportion(total int, weights []float64, room []int) ([]int, error) {
	a := apportionment{counts: make([]int, len(weights)), weights: weights, room: room}
	var sum float64
	for _, w := range weights {
		sum += w
	}
	if total == 0 {
		return a.counts, nil
	}
	if sum <= 0 {
		return a.counts, fmt.Errorf("nothing can take %d entries", total)
	}
	order, given := make([]int, len(weights)), 0
	remainder := make([]float64, len(weights))
	for i, w := range weights {
		exact := float64(total) * w / sum
		a.counts[i] = min(int(exact), a.limit(i))
		given += a.counts[i]
		remainder[i], order[i] = exact-math.Floor(exact), i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(remainder[y], remainder[x]) })
	return a.counts, a.handOut(total-given, order)
}

// apportionment is a total being shared among weights, each taking at most
// its room.
type apportionment struct {
	counts  []int
	weights []float64
	room    []int // nil: no limit
}

func (a *apportionment) limit(i int) int {
	if a.room == nil {
		return math.MaxInt
	}
	return a.room[i]
}

// handOut gives the rest one by one in order, round after round, to those
// with weight and room left.
func (a *apportionment) handOut(rest int, order []int) error {
	for rest > 0 {
		before := rest
		for _, i := range order {
			if rest > 0 && a.counts[i] < a.limit(i) && a.weights[i] > 0 {
				a.counts[i]++
				rest--
			}
		}
		if rest == before {
			return fmt.Errorf("no room for %d more entries", rest)
		}
	}
	return nil
}

// share is the ledger entries of one province-year.
type share struct {
	province string
	year     int
}

// shares spreads the requested entries over the province-years with a
// plan in force, in proportion to the province's communes, the days its
// plan could be paid from, and a growth of 5 % a year.
func (g *generator) shares(sets map[int][]*planSet) (map[share]int, error) {
	var keys []share
	var weights []float64
	for year := g.first; year <= g.last; year++ {
		for _, ps := range sets[year] {
			keys = append(keys, share{ps.province.code, year})
			weights = append(weights, g.weight(ps))
		}
	}
	counts, err := apportion(g.o.Disbursements, weights, nil)
	if err != nil {
		return nil, fmt.Errorf("gen: no plan in force can take payments: %w", err)
	}
	out := make(map[share]int, len(keys))
	for i, k := range keys {
		out[k] = counts[i]
	}
	return out, nil
}

func (g *generator) weight(ps *planSet) float64 {
	v := ps.inForce()
	if v == nil {
		return 0
	}
	window := days(firstPayDay(v, ps.year), minDate(baove.NewDate(ps.year+1, 1, 31), g.yesterday)) + 1
	return float64(len(ps.province.communes)) * float64(max(window, 0)) * math.Pow(1.05, float64(ps.year-g.first))
}
