package attachments

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"baove"
	"baove/access"
	"baove/i18n"
	"baove/plans"
	"baove/units"
	"baove/vn"
)

// The rules of attachments, without the database: what a scan may be, how
// its type is known, who adds one to which owner.

// The content types taken, as Sniff names them.
const (
	PDF  = "application/pdf"
	JPEG = "image/jpeg"
	PNG  = "image/png"
)

// magic are the first bytes of each type taken (ISO 32000 §7.5.2, JFIF/EXIF
// SOI marker, PNG signature).
var magic = []struct {
	prefix      []byte
	contentType string
}{
	{[]byte("%PDF-"), PDF},
	{[]byte{0xFF, 0xD8, 0xFF}, JPEG},
	{[]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, PNG},
}

// Sniff returns the content type b's first bytes say (PDF, JPEG or PNG),
// whatever the file's name or the type its sender declared. It reports
// false for anything else: an executable renamed .pdf, a Word file, text.
func Sniff(b []byte) (string, bool) {
	for _, m := range magic {
		if bytes.HasPrefix(b, m.prefix) {
			return m.contentType, true
		}
	}
	return "", false
}

// kinds are the kinds of attachment each owner takes, its usual one first.
var kinds = map[OwnerKind][]Kind{
	OnPlan:         {SignedPlan, Other},
	OnAllocation:   {AllocationDecision, Other},
	OnDisbursement: {PaymentVoucher, Other},
	OnCheck:        {Evidence, Other},
}

// writers are the roles that add attachments to each kind of owner: those
// who change such owners. A planner drafts and revises the plan, and the
// province's approver issues it (its signed scan); the ministry's reviewer
// records allocations; the finance officer records
// payments; the checks judge the data of the province's planners and
// finance officers, who bring the evidence.
var writers = map[OwnerKind][]access.Role{
	OnPlan:         {access.Planner, access.Approver},
	OnAllocation:   {access.Reviewer},
	OnDisbursement: {access.Finance},
	OnCheck:        {access.Planner, access.Finance},
}

// MayAdd returns nil when c may add attachments to an owner of kind o in
// province p, EFORBIDDEN otherwise.
func MayAdd(c access.Caller, o OwnerKind, p units.ProvinceCode) error {
	return c.CanAct(p, writers[o]...)
}

// The longest texts of an attachment, in characters.
const (
	MaxTitle    = 500
	MaxFileName = 255
)

// checkUpload checks what u says of the scan, NFC-normalising its texts and
// filling in the kind and the file name when absent, and returns the
// content type of its bytes. It returns ETOOLARGE past MaxSize, EUNSUPPORTED
// for bytes that are not a PDF, JPEG or PNG, and EINVALID naming each bad
// field.
func checkUpload(u *Upload) (string, error) {
	n := len(u.Content)
	if n > MaxSize {
		return "", baove.E(baove.ETOOLARGE, "attachment.too_large", i18n.Args{"size": i18n.Count(n), "max": i18n.Count(MaxSize)})
	}
	var p baove.Problems
	if n == 0 {
		p.AddKey("file", "attachment.empty", nil, nil)
		return "", p.Err()
	}
	contentType, ok := Sniff(u.Content)
	if !ok {
		return "", baove.E(baove.EUNSUPPORTED, "attachment.unsupported", nil)
	}
	checkKind(&p, u)
	u.Title = checkText(&p, "title", u.Title, MaxTitle)
	u.FileName = checkText(&p, "file_name", baseName(u.FileName), MaxFileName)
	if u.FileName == "" {
		u.FileName = string(u.Kind) + extension[contentType]
	}
	if u.Supersedes < 0 {
		p.AddKey("supersedes", "attachment.supersedes_id", nil, u.Supersedes)
	}
	return contentType, p.Err()
}

// extension names a file that came without a name.
var extension = map[string]string{PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}

// checkKind fills in the owner's usual kind or refuses one the owner does
// not take.
func checkKind(p *baove.Problems, u *Upload) {
	taken := kinds[u.Owner.Kind]
	switch {
	case u.Kind == "":
		u.Kind = taken[0]
	case !slices.Contains(taken, u.Kind):
		names := make([]string, len(taken))
		for i, k := range taken {
			names[i] = string(k)
		}
		p.AddKey("kind", "attachment.kind", i18n.Args{"owner": ownerName(u.Owner.Kind), "kinds": strings.Join(names, ", ")}, u.Kind)
	}
}

// baseName is the last element of a name a browser may send with its
// folders ("C:\Scans\kh.pdf", "scans/kh.pdf").
func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return strings.TrimSpace(name)
}

// checkText returns s in NFC without surrounding spaces, recording a
// problem with field when it is not one line of text of at most max
// characters.
func checkText(p *baove.Problems, field, s string, max int) string {
	if f := vn.TextFault(s, false); f != "" {
		p.AddKey(field, "text."+f, nil, nil)
		return s
	}
	s = strings.TrimSpace(vn.NFC(s))
	if len([]rune(s)) > max {
		p.AddKey(field, "field.too_long", i18n.Args{"max": max}, nil)
	}
	return s
}

// PlanOwner names a plan version.
func PlanOwner(id plans.ID) Owner { return Owner{Kind: OnPlan, ID: strconv.FormatInt(int64(id), 10)} }

// AllocationOwner names an allocation entry.
func AllocationOwner(id int64) Owner {
	return Owner{Kind: OnAllocation, ID: strconv.FormatInt(id, 10)}
}

// DisbursementOwner names a ledger entry.
func DisbursementOwner(id int64) Owner {
	return Owner{Kind: OnDisbursement, ID: strconv.FormatInt(id, 10)}
}

// CheckRef names a compliance check of a province-year.
type CheckRef struct {
	Province units.ProvinceCode
	Year     int
	Code     string // e.g. "ABUSE_DATA"
}

// CheckOwner names a province-year's compliance check.
func CheckOwner(r CheckRef) Owner {
	return Owner{Kind: OnCheck, ID: fmt.Sprintf("%d/%s", r.Year, r.Code), Province: r.Province}
}

// check returns the check an OnCheck owner names.
func (o Owner) check() (CheckRef, bool) {
	year, code, ok := strings.Cut(o.ID, "/")
	y, err := strconv.Atoi(year)
	return CheckRef{Province: o.Province, Year: y, Code: code}, ok && err == nil
}

// id returns the numeric id of a plan, allocation or disbursement owner.
func (o Owner) id() (int64, bool) {
	id, err := strconv.ParseInt(o.ID, 10, 64)
	return id, err == nil && id > 0
}
