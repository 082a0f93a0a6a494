package web

import (
	"io"
	"net/http"

	"baove"
	"baove/attachments"
	"baove/vn"
)

// The scans people attach from the pages (a plan's signed copy) go through
// the same domain call as the API's upload (attachments.Store.Add): its
// limits, type sniffing and rules of who may attach to what.

// attachAccept is what the file control offers to choose: the types the
// domain takes (it reads the type from the bytes, whatever this says).
const attachAccept = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"

// maxAttachText is how much of a text part of the form is read: more than
// the longest title the domain takes, in bytes.
const maxAttachText = 4 * attachments.MaxTitle

// readAttachment returns the scan the multipart form of r sends to owner:
// the part "file" (read up to one byte past attachments.MaxSize, so that
// the domain refuses a larger one with its own message) with the name it
// had on the sender's computer, and the part "title"; and the form's text
// values, to show again after a refusal. A text that is not fit to be
// stored is refused as readForm refuses it.
func readAttachment(w http.ResponseWriter, r *http.Request, owner attachments.Owner) (attachments.Upload, map[string]string, error) {
	up := attachments.Upload{Owner: owner}
	values := map[string]string{}
	r.Body = http.MaxBytesReader(w, r.Body, attachments.MaxSize+64<<10)
	mr, err := r.MultipartReader()
	if err != nil {
		return up, values, baove.E(baove.EINVALID, "web.form.unreadable", nil)
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return up, values, baove.E(baove.EINVALID, "web.form.unreadable", nil)
		}
		switch part.FormName() {
		case "file":
			up.FileName = part.FileName()
			up.Content, err = io.ReadAll(io.LimitReader(part, attachments.MaxSize+1))
		case "title":
			var b []byte
			b, err = io.ReadAll(io.LimitReader(part, maxAttachText))
			values["title"] = string(b)
		}
		if err != nil {
			return up, values, baove.E(baove.EINVALID, "web.form.unreadable", nil)
		}
	}
	if f := vn.TextFault(values["title"], false); f != "" {
		var p baove.Problems
		p.AddKey("title", "text."+f, nil, nil)
		return up, values, p.Err()
	}
	up.Title = values["title"]
	return up, values, nil
}

// attachToPlan attaches the scan the form sends (the signed copy of its
// issuance, usually) to the plan version of the path, then shows the plan
// with it listed; a refusal (too large, not a PDF or image, not the
// reader's to attach) shows the plan again with the message on the form.
func (s *Server) attachToPlan(w http.ResponseWriter, r *http.Request) {
	id, ok := planID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	up, values, err := readAttachment(w, r, attachments.PlanOwner(id))
	if err == nil {
		_, err = s.svc.Attachments.Add(ctx, viewerOf(ctx).Caller, up)
	}
	if err == nil {
		seeOther(w, r, planPath(id, "?done=attached#attachments"))
		return
	}
	in := map[string][]string{}
	for k, v := range values {
		in[k] = []string{v}
	}
	s.refusedChange(w, r, id, "attach", in, err)
}
