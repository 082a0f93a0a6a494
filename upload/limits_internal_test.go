package upload

import (
	"strings"
	"testing"
	"time"
)

// Files sent together are read in turns, so that their memory does not
// add up.
func TestRead_TakesTurns(t *testing.T) {
	for range maxReading {
		reading <- struct{}{}
	}
	done := make(chan error)
	go func() {
		_, err := Read(strings.NewReader("Xã, phường\nXã Nậm Nèn\n"), MaxSize)
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("read while %d files were being read: %v", maxReading, err)
	case <-time.After(100 * time.Millisecond):
	}
	<-reading
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for range maxReading - 1 {
		<-reading
	}
}
