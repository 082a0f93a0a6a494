package api

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"baove/attachments"
	"baove/plans"
	"baove/units"
)

// Attachment is a stored scan, without its bytes.
type Attachment struct {
	ID          int64           `json:"id" example:"3"`
	Owner       AttachmentOwner `json:"owner"`
	Kind        string          `json:"kind" enum:"signed_plan,allocation_decision,payment_voucher,evidence,other"`
	Title       string          `json:"title,omitempty" example:"Kế hoạch đã ký"`
	FileName    string          `json:"file_name" example:"Kế hoạch 99-KH-UBND.pdf" doc:"The name it had on the uploader's computer (NFC)"`
	ContentType string          `json:"content_type" enum:"application/pdf,image/jpeg,image/png" doc:"Read from the file's first bytes, never from its name"`
	Size        int64           `json:"size" example:"482113" doc:"Bytes"`
	SHA256      string          `json:"sha256" example:"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" doc:"Hex"`
	Supersedes  int64           `json:"supersedes,omitempty" doc:"The attachment this one replaces"`
	// SupersededBy is null while the attachment is current.
	SupersededBy *int64    `json:"superseded_by" doc:"The attachment that replaced this one; null while this one is current"`
	Current      bool      `json:"current"`
	UploadedBy   string    `json:"uploaded_by" example:"planner.hanoi"`
	UploadedAt   time.Time `json:"uploaded_at"`
	Download     string    `json:"download" example:"/api/v1/attachments/3" doc:"Where the bytes are"`
}

// AttachmentOwner is what an attachment belongs to.
type AttachmentOwner struct {
	Kind         string `json:"kind" enum:"plan,allocation,disbursement,compliance_check"`
	ID           string `json:"id" example:"12" doc:"The plan version's, allocation's or disbursement's id; for a check, year/code, e.g. 2026/ABUSE_DATA"`
	ProvinceCode string `json:"province_code" example:"01"`
}

func attachmentOf(a attachments.Attachment) Attachment {
	out := Attachment{ID: a.ID, Owner: AttachmentOwner{Kind: string(a.OwnerKind), ID: a.OwnerID, ProvinceCode: string(a.Province)},
		Kind: string(a.Kind), Title: a.Title, FileName: a.FileName, ContentType: a.ContentType, Size: a.Size, SHA256: a.SHA256,
		Supersedes: a.Supersedes, Current: a.Current(), UploadedBy: a.UploadedBy, UploadedAt: a.UploadedAt,
		Download: fmt.Sprintf("%s/attachments/%d", Prefix, a.ID)}
	if !a.Current() {
		out.SupersededBy = &a.SupersededBy
	}
	return out
}

// AttachInput is a scan sent as the request body (with its Content-Type),
// or as the part named file of a multipart/form-data body whose other
// parts may carry kind, title, file_name and supersedes; the query's win.
type AttachInput struct {
	ContentType string `header:"Content-Type"`
	Kind        string `query:"kind" enum:"signed_plan,allocation_decision,payment_voucher,evidence,other" doc:"What the scan is; by default the owner's usual kind: signed_plan on a plan, allocation_decision, payment_voucher, evidence on a check"`
	Title       string `query:"title" maxLength:"500" example:"Kế hoạch đã ký"`
	FileName    string `query:"file_name" maxLength:"255" example:"KH-99.pdf" doc:"The file's name; a multipart part's own name by default"`
	Supersedes  int64  `query:"supersedes" minimum:"1" doc:"The attachment of the same owner this one replaces; both are kept"`
	RawBody     []byte
}

// upload returns what the request carries as an upload to owner. A
// multipart body without a file part gives no content, which the store
// refuses after it has checked the caller.
func (in AttachInput) upload(owner attachments.Owner) attachments.Upload {
	u := attachments.Upload{Owner: owner, Kind: attachments.Kind(in.Kind), Title: in.Title, FileName: in.FileName,
		Supersedes: in.Supersedes}
	mediaType, params, err := mime.ParseMediaType(in.ContentType)
	if err != nil || mediaType != "multipart/form-data" {
		u.Content = in.RawBody
		return u
	}
	form := map[string]string{}
	mr := multipart.NewReader(bytes.NewReader(in.RawBody), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err != nil {
			break
		}
		if part.FormName() == "file" && u.Content == nil {
			u.Content, _ = io.ReadAll(io.LimitReader(part, attachments.MaxSize+1))
			form[partName] = part.FileName()
		} else if v, err := io.ReadAll(io.LimitReader(part, 4<<10)); err == nil {
			form[part.FormName()] = string(v)
		}
	}
	fromForm(&u, form)
	return u
}

// partName keys the name of the file part among the form's fields.
const partName = "\x00file"

// fromForm fills what the query left empty from the form's fields; a
// supersedes that is not a positive whole number becomes -1, which the
// store refuses after it has checked the caller.
func fromForm(u *attachments.Upload, form map[string]string) {
	if u.Kind == "" {
		u.Kind = attachments.Kind(form["kind"])
	}
	if u.Title == "" {
		u.Title = form["title"]
	}
	if u.FileName == "" {
		u.FileName = cmp.Or(form["file_name"], form[partName])
	}
	if v, ok := form["supersedes"]; ok && u.Supersedes == 0 {
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || n <= 0 {
			n = -1
		}
		u.Supersedes = n
	}
}

// AttachmentOutput is the attachment stored.
type AttachmentOutput struct {
	Status   int
	Location string `header:"Location" doc:"Where the file is downloaded"`
	Body     Attachment
}

// attach stores what in carries on owner.
func (s *Server) attach(ctx context.Context, owner attachments.Owner, in AttachInput) (*AttachmentOutput, error) {
	a, err := s.svc.Attachments.Add(ctx, caller(ctx), in.upload(owner))
	if err != nil {
		return nil, err
	}
	out := attachmentOf(a)
	return &AttachmentOutput{Status: 201, Location: out.Download, Body: out}, nil
}

// AttachmentListOutput lists an owner's attachments, oldest first.
type AttachmentListOutput struct {
	Body struct {
		Items []Attachment `json:"items"`
	}
}

// attachmentsOf lists owner's attachments.
func (s *Server) attachmentsOf(ctx context.Context, owner attachments.Owner) (*AttachmentListOutput, error) {
	all, err := s.svc.Attachments.List(ctx, caller(ctx), owner)
	if err != nil {
		return nil, err
	}
	out := &AttachmentListOutput{}
	out.Body.Items = make([]Attachment, len(all))
	for i, a := range all {
		out.Body.Items[i] = attachmentOf(a)
	}
	return out, nil
}

// PlanAttachInput is a scan for a plan version.
type PlanAttachInput struct {
	PlanPath
	AttachInput
}

func (s *Server) attachToPlan(ctx context.Context, in *PlanAttachInput) (*AttachmentOutput, error) {
	return s.attach(ctx, attachments.PlanOwner(plans.ID(in.ID)), in.AttachInput)
}

func (s *Server) listPlanAttachments(ctx context.Context, in *PlanPath) (*AttachmentListOutput, error) {
	return s.attachmentsOf(ctx, attachments.PlanOwner(plans.ID(in.ID)))
}

// EntryPath names an allocation or a disbursement.
type EntryPath struct {
	ID int64 `path:"id" minimum:"1" example:"7"`
}

// EntryAttachInput is a scan for an allocation or a disbursement.
type EntryAttachInput struct {
	EntryPath
	AttachInput
}

func (s *Server) attachToAllocation(ctx context.Context, in *EntryAttachInput) (*AttachmentOutput, error) {
	return s.attach(ctx, attachments.AllocationOwner(in.ID), in.AttachInput)
}

func (s *Server) listAllocationAttachments(ctx context.Context, in *EntryPath) (*AttachmentListOutput, error) {
	return s.attachmentsOf(ctx, attachments.AllocationOwner(in.ID))
}

func (s *Server) attachToDisbursement(ctx context.Context, in *EntryAttachInput) (*AttachmentOutput, error) {
	return s.attach(ctx, attachments.DisbursementOwner(in.ID), in.AttachInput)
}

func (s *Server) listDisbursementAttachments(ctx context.Context, in *EntryPath) (*AttachmentListOutput, error) {
	return s.attachmentsOf(ctx, attachments.DisbursementOwner(in.ID))
}

// CheckPath names a compliance check of a province-year.
type CheckPath struct {
	ProvinceCodePath
	YearPath
	Check string `path:"check" pattern:"^[A-Z0-9_]{1,64}$" example:"ABUSE_DATA" doc:"The check's code, as the compliance answer names it"`
}

func (p CheckPath) owner() attachments.Owner {
	return attachments.CheckOwner(attachments.CheckRef{Province: units.ProvinceCode(p.Code), Year: p.Year, Code: p.Check})
}

// CheckAttachInput is evidence for a compliance check.
type CheckAttachInput struct {
	CheckPath
	AttachInput
}

func (s *Server) attachToCheck(ctx context.Context, in *CheckAttachInput) (*AttachmentOutput, error) {
	return s.attach(ctx, in.owner(), in.AttachInput)
}

func (s *Server) listCheckAttachments(ctx context.Context, in *CheckPath) (*AttachmentListOutput, error) {
	return s.attachmentsOf(ctx, in.owner())
}

// AttachmentPath names an attachment.
type AttachmentPath struct {
	ID int64 `path:"id" minimum:"1" example:"3"`
}

// attaches is the handler of an operation that takes a scan.
func attaches[I, O any](h func(context.Context, *I) (*O, error)) handler {
	return func(s *Server, o huma.Operation, r Rule) { register(s, attachOp(o), r, h) }
}

// attachOp lets an operation take a scan as its body, up to
// attachments.MaxSize with room for multipart framing: a larger body is 413
// before it is read whole (see readBody).
func attachOp(o huma.Operation) huma.Operation {
	o.MaxBodyBytes = attachments.MaxSize + 64<<10
	o.Errors = append(o.Errors, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType)
	o.RequestBody = &huma.RequestBody{Required: true,
		Description: "The scan, up to 20 MiB: PDF, JPEG or PNG (known by its first bytes, whatever its name; anything else is 415) " +
			"as the body, or as the part named file of a multipart/form-data body",
		Content: map[string]*huma.MediaType{attachments.PDF: {}, attachments.JPEG: {}, attachments.PNG: {}, "multipart/form-data": {}}}
	return o
}
