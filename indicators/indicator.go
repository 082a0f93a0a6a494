// Package indicators holds the indicator catalogue (DOMAIN.md §3) with its
// national targets, the values provinces report, commune staffing, and the
// progress and compliance computed from them.
package indicators

import (
	"github.com/shopspring/decimal"
)

// Code identifies an indicator, e.g. "CP_COMMUNE_WORKER".
type Code string

// CommuneWorker is the headline indicator: communes with at least one
// child-protection worker (directive 2.2; Law on Children art. 90). Plans
// must set a target for it before submission.
const CommuneWorker Code = "CP_COMMUNE_WORKER"

// CollabVillage is the share of villages with a child-protection
// collaborator; like CommuneWorker it is computed from staffing.
const CollabVillage Code = "CP_COLLAB_VILLAGE"

// Unit is how an indicator is measured.
type Unit string

// Units of measure.
const (
	Percent Unit = "percent"
	Count   Unit = "count"
	Per100k Unit = "per_100k"
)

// Direction tells which way is better.
type Direction string

// Directions.
const (
	Higher  Direction = "higher"
	Lower   Direction = "lower"
	Monitor Direction = "monitor" // no better way: watched, not judged
)

// Indicator is an entry of the catalogue.
type Indicator struct {
	Code      Code      `json:"code"`
	NameVI    string    `json:"name_vi"`
	NameEN    string    `json:"name_en"`
	Unit      Unit      `json:"unit"`
	Direction Direction `json:"direction"`
	// Computed indicators come from staffing and are never typed in.
	Computed bool `json:"computed"`
	// Targets are the national targets, by year; year 0 applies every year.
	Targets []NationalTarget `json:"targets,omitempty"`
}

// NationalTarget is a national target of an indicator.
type NationalTarget struct {
	Year       int             `json:"year"`
	Comparator string          `json:"comparator"` // ">=", "<=", "<" or "="
	Value      decimal.Decimal `json:"value"`
	Source     string          `json:"source"` // the decision that sets it
}
