package gen

import (
	"time"

	"github.com/uptrace/bun"

	"baove"
)

// The rows below mirror the tables the services write, column for column,
// so that bun formats every value (dates, instants, NULLs) exactly as the
// services do. Keys are set by the generator, not by the database, so that
// a seed always gives the same keys; the sequences are moved past them at
// the end (see advanceSequences).

type planRow struct {
	bun.BaseModel `bun:"table:plans"`

	ID           int64 `bun:",pk"`
	ProvinceCode string
	Year         int
	Version      int
	Status       string
	Title        string
	Narrative    string
	Revision     int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

type activityRow struct {
	bun.BaseModel `bun:"table:activities"`

	ID             int64 `bun:",pk"`
	PlanID         int64
	Lineage        string
	TaskArea       string
	Title          string
	LeadAgency     string
	Partners       string
	StartsOn       baove.Date `bun:",nullzero"`
	EndsOn         baove.Date `bun:",nullzero"`
	ExpectedOutput string
	Position       int
}

type targetRow struct {
	bun.BaseModel `bun:"table:plan_targets"`

	PlanID        int64 `bun:",pk"`
	IndicatorCode string
	Value         string
}

type eventRow struct {
	bun.BaseModel `bun:"table:plan_events"`

	ID         int64 `bun:",pk"`
	PlanID     int64
	At         time.Time
	ActorID    int64 `bun:",nullzero"`
	Actor      string
	Action     string
	FromStatus string
	ToStatus   string
	Reason     string
}

type lineRow struct {
	bun.BaseModel `bun:"table:budget_lines"`

	ID            int64 `bun:",pk"`
	PlanID        int64
	Lineage       string
	ActivityID    int64
	FundingSource string
	Amount        int64
	BudgetItem    string
	Description   string
	Position      int
	// taskArea is the activity's, for the ledger entries that copy it.
	taskArea string `bun:"-"`
}

type yearRow struct {
	bun.BaseModel `bun:"table:budget_years"`

	ProvinceCode   string    `bun:",pk"`
	Year           int       `bun:",pk"`
	ClosedAt       time.Time `bun:",nullzero"`
	ClosedBy       string
	UnspentCentral int64
	Disposition    string
	ReturnDeadline baove.Date `bun:",nullzero"`
}

type allocationRow struct {
	bun.BaseModel `bun:"table:allocations"`

	ID           int64 `bun:",pk"`
	ProvinceCode string
	Year         int
	Kind         string
	Amount       int64
	DecisionNo   string
	DecidedOn    baove.Date
	Reason       string
	CreatedAt    time.Time
	ActorID      int64 `bun:",nullzero"`
	Actor        string
}

type entryRow struct {
	bun.BaseModel `bun:"table:disbursements"`

	ID            int64 `bun:",pk"`
	ProvinceCode  string
	Year          int
	BudgetLineID  int64
	LineLineage   string
	FundingSource string
	TaskArea      string
	Kind          string
	Amount        int64
	ReversesID    int64 `bun:",nullzero"`
	PaidOn        baove.Date
	VoucherNo     string `bun:",nullzero"`
	VoucherKey    string `bun:",nullzero"`
	Description   string
	CreatedAt     time.Time
	ActorID       int64 `bun:",nullzero"`
	Actor         string
	// reverses is the payment a reversal cancels, whose key is known only
	// once the year's ledger is put in time order.
	reverses *entryRow `bun:"-"`
}

type valueRow struct {
	bun.BaseModel `bun:"table:indicator_values"`

	ProvinceCode  string `bun:",pk"`
	IndicatorCode string `bun:",pk"`
	Year          int    `bun:",pk"`
	Quarter       int    `bun:",pk"`
	Numerator     *int64
	Denominator   *int64
	Value         string
	Estimate      bool
	Note          string
	UpdatedAt     time.Time
	UpdatedBy     string
}

type staffingRow struct {
	bun.BaseModel `bun:"table:commune_staffing"`

	CommuneCode              string `bun:",pk"`
	Year                     int    `bun:",pk"`
	ProvinceCode             string
	FullTime                 int
	PartTime                 int
	Collaborators            int
	Villages                 int
	VillagesWithCollaborator int
	Note                     string
	UpdatedAt                time.Time
	UpdatedBy                string
}
