package gen

import (
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"time"

	"baove"
)

// stream returns the random numbers of one purpose for one province and
// year. Streams are independent of each other, so what one part of the
// dataset draws never shifts another, and the same seed gives the same
// rows whatever order the parts are made in.
func stream(seed uint64, purpose, province string, year int) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%d", purpose, province, year)
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// between returns a number in [lo, hi).
func between(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// pick returns one of items.
func pick[T any](r *rand.Rand, items []T) T { return items[r.IntN(len(items))] }

// lineage returns an identity that stays the same across plan versions,
// shaped like the services' (16 hex digits).
func lineage(r *rand.Rand) string {
	b := make([]byte, 8)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return hex.EncodeToString(b)
}

// roundDown rounds an amount of đồng down to a multiple of unit.
func roundDown(v float64, unit int64) int64 {
	return int64(math.Floor(v/float64(unit))) * unit
}

// days counts the days from a to b.
func days(a, b baove.Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

// dayBetween returns a day from a to b inclusive; skew above 1 leans
// towards b (payments bunch up towards the end of the budget year).
func dayBetween(r *rand.Rand, a, b baove.Date, skew float64) baove.Date {
	n := days(a, b)
	if n <= 0 {
		return a
	}
	return a.AddDays(int(math.Pow(r.Float64(), 1/skew) * float64(n+1)))
}

// officeTime returns an instant during office hours in Viet Nam (08:00 to
// 17:00, UTC+7) on day d, in UTC, so that its UTC date is d as well.
func officeTime(r *rand.Rand, d baove.Date) time.Time {
	return d.Time().Add(time.Hour + time.Duration(r.IntN(9*3600))*time.Second)
}
