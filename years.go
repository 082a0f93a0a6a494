package baove

// The years the service plans for: from the directive's year to a bound
// far enough to be no limit in practice.
const (
	FirstYear = 2017
	LastYear  = 2100
)
