// Package indicators holds the indicator catalogue (DOMAIN.md §3) with its
// national targets, the values provinces report for years and quarters,
// and commune staffing with the coverage computed from it. Plans name its
// indicators in their targets; package assessment judges its figures.
package indicators
