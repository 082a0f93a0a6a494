package budget

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/uptrace/bun"

	"baove"
	"baove/access"
	"baove/i18n"
	"baove/units"
)

// Decision is one ministry decision allocating central support to several
// provinces for a year at once: one number and date, an amount for each
// province named.
type Decision struct {
	Year       int
	DecisionNo string
	DecidedOn  baove.Date
	Shares     []Share
}

// Share is a province's part of a Decision.
type Share struct {
	Province units.ProvinceCode
	Amount   VND
}

// MaxShares bounds the provinces of one decision: every province once.
const MaxShares = 100

// check returns the problems of d's shares themselves: at least one, at
// most MaxShares, each province named once with a positive amount (a
// decision allocates; corrections are one province's, with their reason).
// The fields are named "shares[i].province_code" and "shares[i].amount".
func (d Decision) check() []Problem {
	if len(d.Shares) == 0 || len(d.Shares) > MaxShares {
		return []Problem{invalid("shares", "ledger.decision_shares", i18n.Args{"max": i18n.Count(MaxShares)}, len(d.Shares))}
	}
	var ps []Problem
	seen := map[units.ProvinceCode]bool{}
	for i, sh := range d.Shares {
		if seen[sh.Province] {
			ps = append(ps, invalid(shareField(i, "province_code"), "ledger.decision_twice", i18n.Args{"province": sh.Province}, sh.Province))
		}
		seen[sh.Province] = true
		if sh.Amount <= 0 {
			ps = append(ps, invalid(shareField(i, "amount"), "ledger.decision_amount", nil, sh.Amount.String()))
		}
	}
	return ps
}

// allocation returns the allocation of d's share i.
func (d Decision) allocation(i int) NewAllocation {
	return NewAllocation{Province: d.Shares[i].Province, Year: d.Year, Amount: d.Shares[i].Amount, DecisionNo: d.DecisionNo,
		DecidedOn: d.DecidedOn}
}

func shareField(i int, field string) string { return fmt.Sprintf("shares[%d].%s", i, field) }

// ofShare names the problems of share i's allocation: those of its
// province and amount by the share, those of the decision's own fields
// (year, number, date) as they are, once.
func ofShare(i int, ps []Problem, seen map[string]bool) []Problem {
	var out []Problem
	for _, p := range ps {
		if p.Field == "amount" || p.Field == "province_code" || strings.HasPrefix(p.Field, "budget_line") {
			p.Field = shareField(i, p.Field)
		} else if seen[p.Field+"\x00"+p.Key] {
			continue
		}
		seen[p.Field+"\x00"+p.Key] = true
		out = append(out, p)
	}
	return out
}

// AllocateDecision records decision d, one allocation per province, all or
// nothing: each allocation passes the controls of Allocate (Books.Allocate)
// or none is recorded, and the error names every problem, a share's by
// "shares[i].amount" or "shares[i].province_code" (EINVALID for bad input,
// ECONFLICT for a closed year). Only a reviewer may. The provinces' years
// are locked in the order of their codes, so that two decisions never wait
// on each other.
//
// With a non-empty idempotency key, a retry with the same decision returns
// the first allocations and records nothing (replayed is true); the same
// key with another decision is EINVALID.
func (s *Store) AllocateDecision(ctx context.Context, c access.Caller, d Decision, key string) (as []Allocation, replayed bool, err error) {
	if err := c.Require(access.Reviewer); err != nil {
		return nil, false, err
	}
	if ps := d.check(); len(ps) > 0 {
		return nil, false, errorOf(ps)
	}
	k := idempotency{user: c.UserID, key: key, hash: hashOf(d.request())}
	as, replayed, err = s.allocateDecision(ctx, c, d, k)
	if errors.Is(err, errKeyTaken) {
		as, replayed, err = s.allocateDecision(ctx, c, d, k)
	}
	return as, replayed, translate(err, "allocate decision")
}

// request identifies d by everything it asks, its shares in province order.
func (d Decision) request() string {
	shares := slices.Clone(d.Shares)
	slices.SortFunc(shares, func(a, b Share) int { return strings.Compare(string(a.Province), string(b.Province)) })
	var b strings.Builder
	fmt.Fprintf(&b, "decision\x00%d\x00%s\x00%s", d.Year, d.DecisionNo, d.DecidedOn)
	for _, sh := range shares {
		fmt.Fprintf(&b, "\x00%s=%d", sh.Province, sh.Amount)
	}
	return b.String()
}

func (s *Store) allocateDecision(ctx context.Context, c access.Caller, d Decision, k idempotency) (as []Allocation, replayed bool, err error) {
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		books, err := s.decisionBooks(ctx, tx, d)
		if err != nil {
			return err
		}
		first, err := k.read(ctx, tx)
		if err != nil {
			return err
		}
		if replayed, err = k.replay(first, &as); replayed || err != nil {
			return err
		}
		if as, err = s.checkDecision(d, books); err != nil {
			return err
		}
		now := s.clock.Now()
		for i := range as {
			as[i].CreatedAt, as[i].ActorID, as[i].Actor = now, c.UserID, c.Username
			if err := s.insertAllocation(ctx, tx, c, &as[i]); err != nil {
				return err
			}
		}
		return k.store(ctx, tx, now, as)
	})
	return as, replayed, err
}

// decisionBooks locks the year of each province of d, in the order of
// their codes, and reads their books. A province that does not exist is
// EINVALID naming its share.
func (s *Store) decisionBooks(ctx context.Context, tx bun.Tx, d Decision) (map[units.ProvinceCode]*Books, error) {
	order := make([]int, len(d.Shares))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(string(d.Shares[a].Province), string(d.Shares[b].Province)) })
	out := map[units.ProvinceCode]*Books{}
	for _, i := range order {
		p := d.Shares[i].Province
		b, err := s.loadYears(ctx, tx, p, d.Year)
		if baove.ErrorCode(err) == baove.EINVALID {
			return nil, baove.InvalidKey(shareField(i, "province_code"), "ledger.decision_province", i18n.Args{"province": p}, p)
		} else if err != nil {
			return nil, err
		}
		out[p] = b
	}
	return out, nil
}

// checkDecision runs the controls of each share's allocation on its
// province's books and returns the allocations to record, or every
// problem.
func (s *Store) checkDecision(d Decision, books map[units.ProvinceCode]*Books) ([]Allocation, error) {
	var all []Problem
	var out []Allocation
	seen := map[string]bool{}
	for i, sh := range d.Shares {
		a, ps := books[sh.Province].Allocate(d.allocation(i))
		all = append(all, ofShare(i, ps, seen)...)
		out = append(out, a)
	}
	if len(all) > 0 {
		return nil, errorOf(all)
	}
	return out, nil
}
