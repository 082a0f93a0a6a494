package plans

import (
	"baove"
	"baove/i18n"
	"baove/vn"
)

// Issuance is the province's issuing of a plan version (ban hành): the
// document that puts it in force, recorded when the province's approver
// approves the version. Status Approved means issued by the province.
type Issuance struct {
	// DocumentNo is the document's number and symbol (số ký hiệu), e.g.
	// "99/KH-UBND"; empty for plans approved before it was recorded.
	DocumentNo string `json:"document_no"`
	// IssuedOn is the document's date.
	IssuedOn baove.Date `json:"issued_on"`
	// SignerName and SignerTitle name who signed it and as what (người
	// ký), e.g. "Phó Chủ tịch"; empty for plans approved before.
	SignerName  string `json:"signer_name"`
	SignerTitle string `json:"signer_title"`
	// IssuedBy is the username of whoever recorded the issuance: the
	// province's approver (for plans approved before approvers existed, the
	// ministry reviewer who approved them).
	IssuedBy string `json:"issued_by"`
}

// The longest fields of an issuance, in characters.
const (
	MaxDocumentNo = 50
	MaxSigner     = 200
)

// Numbered reports whether the issuance names its document's number.
func (is Issuance) Numbered() bool { return is.DocumentNo != "" }

// normalize trims the texts of is and puts them in NFC.
func (is *Issuance) normalize() {
	is.DocumentNo, is.SignerName, is.SignerTitle = vn.NFC(is.DocumentNo), vn.NFC(is.SignerName), vn.NFC(is.SignerTitle)
}

// check returns EINVALID naming every field of is that is missing or bad,
// on today, for a version submitted on submitted: every field is required
// and one line; the date is not after today, nor before the submission.
func (is Issuance) check(today, submitted baove.Date) error {
	var p baove.Problems
	required(&p, "document_no", is.DocumentNo, MaxDocumentNo, "plan.issue.document_no_required")
	switch d := is.IssuedOn; {
	case d.IsZero():
		p.AddKey("issued_on", "plan.issue.date_required", nil, nil)
	case d.After(today):
		p.AddKey("issued_on", "plan.issue.date_future", i18n.Args{"today": today}, d.String())
	case !submitted.IsZero() && d.Before(submitted):
		p.AddKey("issued_on", "plan.issue.date_before_submission", i18n.Args{"submitted": submitted}, d.String())
	}
	required(&p, "signer_name", is.SignerName, MaxSigner, "plan.issue.signer_name_required")
	required(&p, "signer_title", is.SignerTitle, MaxSigner, "plan.issue.signer_title_required")
	return p.Err()
}

// required adds to p the problem of a required one-line field: key when it
// is empty, else what is wrong with its length or text.
func required(p *baove.Problems, field, s string, max int, key string) {
	if s == "" {
		p.AddKey(field, key, nil, nil)
		return
	}
	if len([]rune(s)) > max {
		p.AddKey(field, "field.too_long", i18n.Args{"max": i18n.Count(max)}, nil)
	}
	checkText(p, field, s, false)
}

// DocumentNoText returns the document number as a reader sees it: the
// number, or "chưa có số" ("no number") for a plan issued without one.
func (is Issuance) DocumentNoText(lang i18n.Lang) string {
	if is.Numbered() {
		return is.DocumentNo
	}
	return i18n.Text(lang, "plan.issue.no_number", nil)
}
