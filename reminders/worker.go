package reminders

import (
	"context"

	"baove"
)

// Daily runs a Sweep once a day: Tick runs it when it has not run on this
// instance today, so that a caller may tick often (hourly) and at start.
// Several instances each sweep once a day; notify.Remind records each
// reminder once whichever sweeps first.
type Daily struct {
	Sweep Sweep
	last  baove.Date // the day of the last sweep that succeeded
}

// Tick sweeps unless today's sweep succeeded already, and reports whether
// it swept. A sweep that fails is tried again at the next tick.
func (d *Daily) Tick(ctx context.Context) (bool, error) {
	today := d.Sweep.Clock.Today()
	if !d.last.IsZero() && !d.last.Before(today) {
		return false, nil
	}
	if _, err := d.Sweep.Run(ctx); err != nil {
		return true, err
	}
	d.last = today
	return true, nil
}
