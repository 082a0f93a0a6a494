package access

import (
	"context"
	"time"
)

// SetSleep replaces how the store waits out a slowed username's delay.
func (s *Store) SetSleep(f func(context.Context, time.Duration) error) { s.sleep = f }

// HoldHashTurns takes every hashing turn until release is called.
func (s *Store) HoldHashTurns() (release func()) {
	n := cap(s.hasher.turns)
	for range n {
		s.hasher.turns <- struct{}{}
	}
	return func() {
		for range n {
			<-s.hasher.turns
		}
	}
}
