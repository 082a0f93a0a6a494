package admit

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// waitingFor returns once n requests wait for a turn at g.
func waitingFor(t *testing.T, g *Gate, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for g.Waiting() < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d waiting, want %d", g.Waiting(), n)
		}
		time.Sleep(time.Millisecond)
	}
	time.Sleep(time.Millisecond) // from counted to blocked on the channel
}

func TestGateLetsWaitersInInArrivalOrder(t *testing.T) {
	g := New(1, time.Minute)
	leave, err := g.Enter(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	const n = 5
	order := make(chan int, n)
	for i := range n {
		go func() {
			l, err := g.Enter(context.Background())
			if err != nil {
				t.Error(err)
				return
			}
			order <- i
			l()
		}()
		waitingFor(t, g, i+1) // i waits before i+1 comes
	}
	leave()
	for want := range n {
		select {
		case got := <-order:
			if got != want {
				t.Fatalf("waiter %d got in %d-th", got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("a waiter never got in")
		}
	}
}

func TestGateAnswersBusyPastItsWait(t *testing.T) {
	g := New(1, 20*time.Millisecond)
	leave, _ := g.Enter(t.Context())
	defer leave()
	if _, err := g.Enter(t.Context()); !errors.Is(err, ErrBusy) {
		t.Fatalf("Enter on a full gate: %v, want ErrBusy", err)
	}
}

func TestGateStopsWaitingWhenTheClientGoes(t *testing.T) {
	g := New(1, time.Minute)
	leave, _ := g.Enter(t.Context())
	defer leave()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
	defer cancel()
	if _, err := g.Enter(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Enter with an ended context: %v", err)
	}
}

func TestLeavingTwiceGivesBackOneTurn(t *testing.T) {
	g := New(2, 20*time.Millisecond)
	a, _ := g.Enter(t.Context())
	b, _ := g.Enter(t.Context())
	a()
	a()
	if _, err := g.Enter(t.Context()); err != nil {
		t.Fatalf("a turn given back: %v", err)
	}
	if _, err := g.Enter(t.Context()); !errors.Is(err, ErrBusy) {
		t.Fatalf("a second leave gave back another's turn: %v", err)
	}
	b()
}

func TestHandlerGivesTheTurnBackWhenTheAnswerStarts(t *testing.T) {
	g := New(1, time.Second)
	started, finish := make(chan struct{}), make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			w.WriteHeader(http.StatusOK) // the answer starts; sending it takes long
			close(started)
			<-finish
		}
	})
	h := g.Handler(slow, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) })
	go h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/slow", nil))
	<-started
	defer close(finish)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/quick", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("a read behind one whose answer had started: %d", rec.Code)
	}
}

func TestHandlerAnswersBusyAndLetsWritesThrough(t *testing.T) {
	g := New(1, 20*time.Millisecond)
	leave, _ := g.Enter(t.Context())
	defer leave()
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	h := g.Handler(ok, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) })
	for method, want := range map[string]int{http.MethodGet: 503, http.MethodHead: 503, http.MethodPost: 200, http.MethodPut: 200} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, "/", nil))
		if rec.Code != want {
			t.Errorf("%s on a full gate: %d, want %d", method, rec.Code, want)
		}
	}
}

func TestNilGateAdmitsEverything(t *testing.T) {
	var g *Gate
	leave, err := g.Enter(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	leave()
	if g.Turns() != 0 {
		t.Fatal("a nil gate has turns")
	}
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	rec := httptest.NewRecorder()
	g.Handler(ok, nil).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusOK {
		t.Fatal(rec.Code)
	}
}

func TestDefaultsApplyToValuesNotPositive(t *testing.T) {
	g := New(0, 0)
	if g.Turns() != DefaultTurns() || g.wait != DefaultWait {
		t.Fatalf("New(0, 0): %d turns, wait %v", g.Turns(), g.wait)
	}
}
