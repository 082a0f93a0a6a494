package api

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"baove/attachments"
)

// download is the handler of an operation that streams an attachment.
func download[I any](h func(context.Context, *I) (*huma.StreamResponse, error)) handler {
	return func(s *Server, o huma.Operation, r Rule) { register(s, downloadOp(o), r, h) }
}

// downloadOp documents the download of an attachment.
func downloadOp(o huma.Operation) huma.Operation {
	o.Responses = map[string]*huma.Response{"200": {Description: "The file as uploaded",
		Content: map[string]*huma.MediaType{attachments.PDF: {}, attachments.JPEG: {}, attachments.PNG: {}},
		Headers: map[string]*huma.Param{
			"Content-Disposition": {Description: "attachment; filename*=UTF-8''… (the original name, NFC)", Schema: &huma.Schema{Type: "string"}},
			"Repr-Digest":         {Description: "sha-256=:…: (RFC 9530, base64)", Schema: &huma.Schema{Type: "string"}},
			"X-Content-SHA256":    {Description: "The SHA-256 in hex", Schema: &huma.Schema{Type: "string"}}}}}
	return o
}

// downloadAttachment streams the attachment's bytes, one chunk in memory
// at a time, with its name, sniffed type and hash; a failure once the
// bytes have started is logged and cuts the answer short of its
// Content-Length, so the client knows.
func (s *Server) downloadAttachment(ctx context.Context, in *AttachmentPath) (*huma.StreamResponse, error) {
	f, err := s.svc.Attachments.Open(ctx, caller(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &huma.StreamResponse{Body: func(hc huma.Context) {
		for name, v := range downloadHeaders(f.Attachment) {
			hc.SetHeader(name, v)
		}
		hc.SetStatus(200)
		if _, err := f.Copy(hc.Context(), hc.BodyWriter()); err != nil {
			s.logger(ctx).Error("attachment download cut short", "attachment", f.ID, "error", err.Error())
		}
	}}, nil
}

// downloadHeaders are the headers of a's download: its sniffed type, its
// length, its original name (RFC 6266 with an RFC 8187 UTF-8 name and an
// ASCII fallback), and its SHA-256 (RFC 9530 Repr-Digest, and hex).
func downloadHeaders(a attachments.Attachment) map[string]string {
	sum, _ := hex.DecodeString(a.SHA256)
	return map[string]string{"Content-Type": a.ContentType, "Content-Length": strconv.FormatInt(a.Size, 10),
		"Content-Disposition": disposition(a.FileName), "Repr-Digest": "sha-256=:" + base64.StdEncoding.EncodeToString(sum) + ":",
		"X-Content-SHA256": a.SHA256, "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}
}

// disposition is Content-Disposition: attachment with name, as filename*
// in UTF-8 (every byte outside RFC 8187's attr-char escaped) and, for old
// clients, as an ASCII filename.
func disposition(name string) string {
	var ascii, ext strings.Builder
	for _, r := range name {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			r = '_'
		}
		ascii.WriteRune(r)
	}
	for _, b := range []byte(name) {
		if attrChar(b) {
			ext.WriteByte(b)
		} else {
			fmt.Fprintf(&ext, "%%%02X", b)
		}
	}
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii.String(), ext.String())
}

// attrChar reports whether b may stand unescaped in an RFC 8187 value.
func attrChar(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte("!#$&+-.^_`|~", b) >= 0
}
