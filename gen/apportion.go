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
	counts := make([]int, len(weights))
	var sum float64
	for _, w := range weights {
		sum += w
	}
	if total == 0 {
		return counts, nil
	}
	if sum <= 0 {
		return counts, fmt.Errorf("nothing can take %d entries", total)
	}
	limit := func(i int) int {
		if room == nil {
			return math.MaxInt
		}
		return room[i]
	}
	order, given := make([]int, len(weights)), 0
	remainder := make([]float64, len(weights))
	for i, w := range weights {
		exact := float64(total) * w / sum
		counts[i] = min(int(exact), limit(i))
		given += counts[i]
		remainder[i], order[i] = exact-math.Floor(exact), i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(remainder[b], remainder[a]) })
	return counts, handOut(counts, total-given, order, weights, limit)
}

// handOut gives the rest one by one in order, round after round, to those
// with weight and room left.
func handOut(counts []int, rest int, order []int, weights []float64, limit func(int) int) error {
	for rest > 0 {
		before := rest
		for _, i := range order {
			if rest > 0 && counts[i] < limit(i) && weights[i] > 0 {
				counts[i]++
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
