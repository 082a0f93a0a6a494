// Package attachments keeps the signed paper of the work: scans (PDF, JPEG,
// PNG) of an issued plan, an allocation decision, a payment voucher, or the
// evidence of a compliance check, stored in the database on both engines so
// that a backup holds them, with their SHA-256 and the content type read
// from their first bytes.
//
// An attachment belongs to an owner: a plan version, an allocation, a
// disbursement or a province-year's compliance check. Whoever may read the
// owner reads its attachments; whoever changes such owners adds them (see
// writers). The owning domains say who may read an owner and whose province
// it is, through small interfaces (Owners) that app wires in. Attachments
// are never edited or deleted: a newer scan supersedes an older one, and
// both stay.
package attachments

import (
	"time"

	"baove/units"
)

// MaxSize caps an attachment: 20 MiB, a scanned document of many pages.
const MaxSize = 20 << 20

// chunkSize is how the bytes are kept and read back: a download holds one
// chunk in memory at a time.
const chunkSize = 1 << 20

// OwnerKind says what an attachment belongs to.
type OwnerKind string

// Owner kinds.
const (
	OnPlan         OwnerKind = "plan"             // a plan version
	OnAllocation   OwnerKind = "allocation"       // a central allocation entry
	OnDisbursement OwnerKind = "disbursement"     // a ledger entry
	OnCheck        OwnerKind = "compliance_check" // a province-year's compliance check
)

// Kind says what a scan is.
type Kind string

// Kinds of attachment.
const (
	SignedPlan         Kind = "signed_plan"         // the plan as issued, signed and sealed
	AllocationDecision Kind = "allocation_decision" // the decision allocating central support
	PaymentVoucher     Kind = "payment_voucher"     // the voucher of a payment
	Evidence           Kind = "evidence"            // evidence for a compliance check
	Other              Kind = "other"               // anything else about the owner
)

// Owner names what an attachment belongs to. Make one with PlanOwner,
// AllocationOwner, DisbursementOwner or CheckOwner.
type Owner struct {
	Kind OwnerKind
	// ID is the owner's id ("17"); for a check, year and code
	// ("2026/ABUSE_DATA") within Province.
	ID string
	// Province is the check's province; the other owners' is the
	// province their domain says.
	Province units.ProvinceCode
}

// Attachment is a stored scan without its bytes, as answered and as the
// audit trail records it.
type Attachment struct {
	ID          int64              `json:"id"`
	Province    units.ProvinceCode `json:"province_code"`
	OwnerKind   OwnerKind          `json:"owner_kind"`
	OwnerID     string             `json:"owner_id"`
	Kind        Kind               `json:"kind"`
	Title       string             `json:"title,omitempty"`
	FileName    string             `json:"file_name"`
	ContentType string             `json:"content_type"`
	Size        int64              `json:"size"`
	SHA256      string             `json:"sha256"` // hex
	Supersedes  int64              `json:"supersedes,omitempty"`
	// SupersededBy is the attachment that replaced this one, 0 while it is
	// current.
	SupersededBy int64     `json:"superseded_by,omitempty"`
	UploadedAt   time.Time `json:"uploaded_at"`
	UploadedByID int64     `json:"uploaded_by_id,omitempty"`
	UploadedBy   string    `json:"uploaded_by"`
}

// Current reports whether no newer attachment supersedes a.
func (a Attachment) Current() bool { return a.SupersededBy == 0 }

// Upload is a scan to attach.
type Upload struct {
	Owner Owner
	// Kind is what the scan is; empty means the owner's usual kind
	// (signed_plan on a plan, allocation_decision, payment_voucher,
	// evidence on a check).
	Kind     Kind
	Title    string
	FileName string // the name it had on the uploader's computer
	// Supersedes is the attachment of the same owner this one replaces,
	// 0 for none.
	Supersedes int64
	Content    []byte
}
