package access

import (
	"net/netip"
	"slices"
	"time"

	"baove"
	"baove/i18n"
)

// Sign-in throttling. Failed attempts (a wrong password at sign-in or when
// changing it, an unknown username, a disabled account) are counted in the
// database, per client address and per username, so that every instance
// sees them:
//
//   - an address with MaxFailures failures within FailureWindow, whatever
//     the usernames, is refused (ETOOMANY, with the time to wait) until the
//     oldest of them leaves the window, even with the right password;
//   - a username with FreeFailures failures or more within the window, from
//     any addresses, is slowed: every attempt on it waits one DelayStep more
//     per failure past FreeFailures, at most MaxDelaySteps. It is never
//     locked: from an address that is not throttled, the right password
//     gets in after the wait.
const (
	MaxFailures   = 5
	FailureWindow = 15 * time.Minute
	FreeFailures  = 5
	MaxDelaySteps = 10
)

// DefaultDelayStep is what each failure on one username past FreeFailures
// adds to the wait of the next attempt on it, unless configured.
const DefaultDelayStep = time.Second

// Limits bound what sign-ins cost the server and how fast one username may
// be tried. Zero fields take the defaults.
type Limits struct {
	// HashConcurrency is how many argon2id computations (19 MiB each) run at
	// once; DefaultHashConcurrency when zero.
	HashConcurrency int
	// HashWait is how long an attempt waits for a turn before EUNAVAILABLE;
	// DefaultHashWait when zero.
	HashWait time.Duration
	// DelayStep is the growth of a slowed username's wait; DefaultDelayStep
	// when zero.
	DelayStep time.Duration
}

// delay returns how long an attempt on a username waits when failures
// attempts on it failed within the window.
func delay(failures int, step time.Duration) time.Duration {
	if failures < FreeFailures {
		return 0
	}
	return time.Duration(min(failures-FreeFailures+1, MaxDelaySteps)) * step
}

// addressWait returns how long an address must wait before its next
// attempt, given the times of its latest failures, newest first (at least
// MaxFailures of them when there are so many); zero when it need not.
func addressWait(latest []time.Time, now time.Time) time.Duration {
	if len(latest) < MaxFailures {
		return 0
	}
	return max(latest[MaxFailures-1].Add(FailureWindow).Sub(now), 0)
}

// throttled is the refusal of an address that must wait.
func throttled(wait time.Duration) error {
	minutes := int((wait + time.Minute - 1) / time.Minute)
	return &baove.Error{Code: baove.ETOOMANY, Key: "access.login.throttled",
		Args: i18n.Args{"minutes": max(minutes, 1)}, RetryAfter: wait}
}

// addressKey returns what failures are counted by for a client address: an
// IPv4 address as it is, an IPv6 address by its /64 (one subscriber's
// network: anyone holds millions of addresses in it). An address that does
// not parse (none, for the CLI) is its own key.
func addressKey(address string) string {
	a, err := netip.ParseAddr(address)
	if err != nil {
		return address
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, _ := a.WithZone("").Prefix(64)
	return p.String()
}

// Throttle is what holds a username back at sign-in now, from the failures
// on it within FailureWindow that no administrator lifted. Its JSON is what
// the audit trail records of a lift.
type Throttle struct {
	// Failures counts them.
	Failures int `json:"failures"`
	// Slowed is set from FreeFailures failures on: each attempt waits.
	Slowed bool `json:"slowed"`
	// Addresses are the addresses (as failures are counted by them) that it
	// failed from and that are refused now, in order: MaxFailures failures
	// came from each, of any usernames.
	Addresses []string `json:"addresses,omitempty"`
	// Until is when the throttle ends at the latest, its last failure
	// leaving the window; zero when it is not Active.
	Until time.Time `json:"until,omitzero"`
}

// Active reports whether the throttle holds the username back: slowed, or
// refused from an address it failed from.
func (t Throttle) Active() bool { return t.Slowed || len(t.Addresses) > 0 }

// failure is a failed attempt as the throttle counts it.
type failure struct {
	Username string
	Address  string
	At       time.Time
}

// throttles returns at now the throttle of each username among failed, the
// failures within the window that count (none lifted).
func throttles(failed []failure, now time.Time) map[string]Throttle {
	byAddress := map[string][]time.Time{}
	for _, f := range failed {
		byAddress[f.Address] = append(byAddress[f.Address], f.At)
	}
	refused := map[string]bool{}
	for a, at := range byAddress {
		slices.SortFunc(at, func(x, y time.Time) int { return y.Compare(x) })
		refused[a] = addressWait(at, now) > 0
	}
	out := map[string]Throttle{}
	for _, f := range failed {
		t := out[f.Username]
		t.Failures++
		if end := f.At.Add(FailureWindow); end.After(t.Until) {
			t.Until = end
		}
		if refused[f.Address] && !slices.Contains(t.Addresses, f.Address) {
			t.Addresses = append(t.Addresses, f.Address)
		}
		out[f.Username] = t
	}
	for u, t := range out {
		t.Slowed = t.Failures >= FreeFailures
		slices.Sort(t.Addresses)
		if !t.Active() {
			t.Until = time.Time{}
		}
		out[u] = t
	}
	return out
}
