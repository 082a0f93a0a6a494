package access

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/argon2"

	"baove"
	"baove/i18n"
)

// argon2id parameters: OWASP's minimum (19 MiB, 2 passes, 1 lane).
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// HashMemoryBudget is the memory that password hashing may take at once by
// default; DefaultHashConcurrency follows from it.
const HashMemoryBudget = 80 << 20

// DefaultHashConcurrency is how many argon2id computations run at once
// unless configured: as many as fit in HashMemoryBudget (4 of 19 MiB).
const DefaultHashConcurrency = HashMemoryBudget / (argonMemory << 10)

// DefaultHashWait is how long a sign-in waits for a turn to hash unless
// configured; past it the answer is EUNAVAILABLE.
const DefaultHashWait = 5 * time.Second

// busyRetryAfter is when a caller refused for want of a turn may try again.
const busyRetryAfter = 2 * time.Second

// hasher runs argon2id at most n at a time: each run takes 19 MiB, and 200
// sign-ins at once would otherwise take gigabytes.
type hasher struct {
	turns chan struct{}
	wait  time.Duration
}

func newHasher(n int, wait time.Duration) *hasher {
	if n <= 0 {
		n = DefaultHashConcurrency
	}
	if wait <= 0 {
		wait = DefaultHashWait
	}
	return &hasher{turns: make(chan struct{}, n), wait: wait}
}

// turn waits up to h.wait for a free turn and returns the function that
// gives it back. It returns EUNAVAILABLE with a RetryAfter when none came
// free in time or the caller gave up.
func (h *hasher) turn(ctx context.Context) (release func(), err error) {
	timer := time.NewTimer(h.wait)
	defer timer.Stop()
	select {
	case h.turns <- struct{}{}:
		return func() { <-h.turns }, nil
	case <-timer.C:
	case <-ctx.Done():
	}
	return nil, busy()
}

// busy is the refusal of an attempt that found no turn in time, or whose
// caller gave up waiting.
func busy() error {
	return &baove.Error{Code: baove.EUNAVAILABLE, Key: "access.busy",
		Args: i18n.Args{"seconds": int(busyRetryAfter.Seconds())}, RetryAfter: busyRetryAfter}
}

// hash returns the PHC string of password, in turn.
func (h *hasher) hash(ctx context.Context, password string) (string, error) {
	release, err := h.turn(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	return hashPassword(password)
}

// verify reports whether password matches the PHC string encoded, in turn.
func (h *hasher) verify(ctx context.Context, encoded, password string) (bool, error) {
	release, err := h.turn(ctx)
	if err != nil {
		return false, err
	}
	defer release()
	return verifyPassword(encoded, password)
}

// hashPassword returns the PHC string of password hashed with argon2id and a
// random salt.
func hashPassword(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// verifyPassword reports whether password matches the PHC string encoded.
func verifyPassword(encoded, password string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("access: not an argon2id hash")
	}
	var version int
	var memory, time uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errors.New("access: unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &time, &threads); err != nil {
		return false, fmt.Errorf("access: argon2 parameters: %w", err)
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("access: argon2 salt: %w", err)
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil {
		return false, fmt.Errorf("access: argon2 key: %w", err)
	}
	got := argon2.IDKey([]byte(password), salt, time, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is verified against when a username is unknown, so that an
// unknown user costs the same time (and the same turn) as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, err := hashPassword("not a password anyone has")
	if err != nil {
		panic(err) // crypto/rand failed: nothing can be hashed
	}
	return h
})
