package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"baove/access"
	"baove/notify"
)

// MailOn tells the inbox page that the service sends e-mail (serve
// --smtp-url), so that it offers the address form without a warning.
func MailOn(on bool) Option { return func(s *Server) { s.mail = on } }

// inboxView is what the inbox page shows.
type inboxView struct {
	Inbox notify.Inbox
	Query notify.Query
	Items []inboxItem
	// Newer and Older link the pages around this one ("" at either end);
	// Orders switch the order.
	Newer, Older string
	Orders       []link
	Address      form
	Saved        bool
	MailOn       bool
}

// inboxItem is a notification as the page lists it.
type inboxItem struct {
	ID     int64
	Text   string
	When   string
	Unread bool
	Link   bool
}

// inboxPage lists the reader's notifications (?order=unread|newest,
// ?page=N) and the form of their e-mail address.
func (s *Server) inboxPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	email, err := s.svc.Notify.Address(r.Context(), viewerOf(r.Context()).Caller)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := form{Values: map[string]string{"email": email}}
	s.renderInbox(w, r, http.StatusOK, notify.Query{Order: notify.Order(q.Get("order")), Page: page}, f)
}

func (s *Server) renderInbox(w http.ResponseWriter, r *http.Request, status int, q notify.Query, f form) {
	ctx := r.Context()
	in, err := s.svc.Notify.Inbox(ctx, viewerOf(ctx).Caller, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q.Order, q.Page = orderOr(q.Order), max(q.Page, 1)
	v := inboxView{Inbox: in, Query: q, Address: f, Saved: r.URL.Query().Get("saved") != "", MailOn: s.mail}
	for _, n := range in.Items {
		v.Items = append(v.Items, inboxItem{ID: n.ID, Text: n.Text(langOf(ctx)), When: s.when(ctx, n.CreatedAt),
			Unread: n.Unread(), Link: n.Link != ""})
	}
	pageURL := func(order notify.Order, page int) string {
		return "/inbox?" + url.Values{"order": {string(order)}, "page": {strconv.Itoa(page)}}.Encode()
	}
	if q.Page > 1 {
		v.Newer = pageURL(q.Order, q.Page-1)
	}
	if q.Page*notify.DefaultLimit < in.Total {
		v.Older = pageURL(q.Order, q.Page+1)
	}
	v.Orders = []link{{Text: T(ctx, "web.inbox.order.unread"), URL: pageURL(notify.UnreadFirst, 1)},
		{Text: T(ctx, "web.inbox.order.newest"), URL: pageURL(notify.NewestFirst, 1)}}
	s.render(w, r, status, inboxPage(s.page(r, T(ctx, "web.inbox.title")), v))
}

func orderOr(o notify.Order) notify.Order {
	if o == "" {
		return notify.UnreadFirst
	}
	return o
}

// openNotification marks the reader's notification read and goes to the
// page it is about, or back to the inbox when it has none.
func (s *Server) openNotification(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil || id < 1 {
		s.notFound(w, r)
		return
	}
	n, err := s.svc.Notify.Open(r.Context(), viewerOf(r.Context()).Caller, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	seeOther(w, r, openedPage(viewerOf(r.Context()).Role, n))
}

// openedPage returns the page a notification opens for a reader of role:
// its link, except that a plan submitted opens, for the approver it waits
// for, the plan's review page (where it is issued or returned) rather than
// the planner's editor; the inbox when it has no link.
func openedPage(role access.Role, n notify.Notification) string {
	if n.Link == "" {
		return "/inbox"
	}
	if id, ok := strings.CutPrefix(n.Link, "/plans/"); ok && n.Kind == notify.PlanSubmitted && role == access.Approver {
		if _, err := strconv.ParseInt(id, 10, 64); err == nil {
			return "/review/" + id
		}
	}
	return localPath(n.Link)
}

// setAddress sets the reader's e-mail address for notifications.
func (s *Server) setAddress(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	in, err := readForm(r)
	if err == nil {
		err = s.svc.Notify.SetAddress(ctx, viewerOf(ctx).Caller, in.Get("email"))
	}
	if err != nil {
		f := form{Values: map[string]string{"email": in.Get("email")}}
		status, ok := s.refused(w, r, err, &f)
		if !ok {
			s.fail(w, r, err)
			return
		}
		s.renderInbox(w, r, status, notify.Query{}, f)
		return
	}
	seeOther(w, r, "/inbox?saved=1")
}
