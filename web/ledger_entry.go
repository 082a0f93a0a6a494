package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"baove"
	"baove/attachments"
	"baove/budget"
	"baove/i18n"
)

// entryView is what the page of one ledger entry shows: the entry, the
// other side of its reversal, its scans and, for whoever may add one, the
// upload form.
type entryView struct {
	Entry budget.Disbursement
	// Reversal is the reversal that cancels a payment, Reverses the
	// payment a reversal cancels; nil when none.
	Reversal, Reverses *budget.Disbursement
	Files              []scanFile
	CanAttach          bool
	Form               form
	// Attached is the file name of the scan just added; "" otherwise.
	Attached string
}

// scanFile is an attachment as the page lists it, with the day it was
// uploaded in the service's zone.
type scanFile struct {
	attachments.Attachment
	Day baove.Date
}

// entryPage shows a ledger entry with its reversal and its attachments.
func (s *Server) entryPage(w http.ResponseWriter, r *http.Request) {
	s.renderEntry(w, r, http.StatusOK, form{Values: map[string]string{}})
}

// attachScan adds the scan of the multipart form to a ledger entry, as
// POST /disbursements/{id}/attachments does, and shows the entry with it.
// A refusal (too large, not a PDF, JPEG or PNG, a bad title) is shown on
// its field.
func (s *Server) attachScan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := parseID(chi.URLParam(r, "id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, values, err := readAttachment(w, r, attachments.DisbursementOwner(id))
	var a attachments.Attachment
	if err == nil {
		a, err = s.svc.Attachments.Add(ctx, viewerOf(ctx).Caller, u)
	}
	if err != nil {
		f := form{Values: values}
		status, ok := s.refused(w, r, err, &f)
		if !ok || status == http.StatusNotFound || status == http.StatusForbidden {
			s.fail(w, r, err)
			return
		}
		if len(f.Fields) == 0 { // too large or not a scan: the file's fault
			f.Fields = []fieldError{{Field: "file", Text: f.Error}}
		}
		s.renderEntry(w, r, status, f)
		return
	}
	seeOther(w, r, "/ledger/"+strconv.FormatInt(id, 10)+"?attached="+strconv.FormatInt(a.ID, 10))
}

// renderEntry renders the page of the entry the path names with the
// upload form f, answering status.
func (s *Server) renderEntry(w http.ResponseWriter, r *http.Request, status int, f form) {
	ctx := r.Context()
	v, err := s.entryView(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Form = f
	if v.Form.Values["kind"] == "" {
		v.Form.Values["kind"] = string(attachments.PaymentVoucher)
	}
	title := Tf(ctx, "web.entry.title", i18n.Args{"id": v.Entry.ID})
	s.render(w, r, status, entryPage(s.page(r, title), v))
}

// entryView reads the entry the path names, the other side of its
// reversal and its attachments.
func (s *Server) entryView(r *http.Request) (entryView, error) {
	ctx := r.Context()
	c := viewerOf(ctx).Caller
	var v entryView
	id, err := parseID(chi.URLParam(r, "id"))
	if err == nil {
		v.Entry, err = s.svc.Budget.Entry(ctx, c, id)
	}
	if err == nil && v.Entry.ReversedByID != 0 {
		v.Reversal, err = s.other(r, v.Entry.ReversedByID)
	}
	if err == nil && v.Entry.ReversesID != 0 {
		v.Reverses, err = s.other(r, v.Entry.ReversesID)
	}
	var files []attachments.Attachment
	if err == nil {
		files, err = s.svc.Attachments.List(ctx, c, attachments.DisbursementOwner(id))
	}
	if err != nil {
		return v, err
	}
	for _, a := range files {
		v.Files = append(v.Files, scanFile{Attachment: a, Day: s.svc.Clock.Day(a.UploadedAt)})
	}
	v.CanAttach = attachments.MayAdd(c, attachments.OnDisbursement, v.Entry.Province) == nil
	if raw := r.URL.Query().Get("attached"); raw != "" {
		for _, a := range v.Files {
			if strconv.FormatInt(a.ID, 10) == raw {
				v.Attached = a.FileName
			}
		}
	}
	return v, nil
}

// other returns ledger entry id, the other side of a reversal.
func (s *Server) other(r *http.Request, id int64) (*budget.Disbursement, error) {
	d, err := s.svc.Budget.Entry(r.Context(), viewerOf(r.Context()).Caller, id)
	return &d, err
}

// scanKinds are the kinds of scan a ledger entry takes.
func scanKinds(ctx context.Context) []option {
	return []option{{string(attachments.PaymentVoucher), T(ctx, "web.entry.kind.payment_voucher")},
		{string(attachments.Other), T(ctx, "web.entry.kind.other")}}
}
