// Package baove holds what every part of the service shares: the application
// error type that the API maps to RFC 9457 problems, and the civil date used
// for plan years, payments and validity periods.
//
// The domain lives in packages beside this one (units, access, audit, plans,
// budget, indicators), each with its own store; cmd/baove wires them together
// and api exposes them over HTTP.
package baove
