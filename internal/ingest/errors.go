package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// InputError names the input that failed and why. Every failure Read and Decode report is an
// *InputError; one failed input never stops the others.
type InputError struct {
	// Source is the input: a path, "path#line N", "path#item N", or "-".
	Source string
	// Reason says why, in a few words: "empty", "no such file", "invalid UTF-8 at byte 12", ...
	Reason string
	// Err is the underlying error, when there is one.
	Err error

	// kind is a sentinel the error also matches with errors.Is (fs.ErrNotExist,
	// fs.ErrPermission), for reasons whose underlying error is not kept.
	kind error
}

// Error returns Source + ": " + Reason, followed by ": " + Err when there is one.
func (e *InputError) Error() string {
	if e.Err != nil {
		return e.Source + ": " + e.Reason + ": " + e.Err.Error()
	}
	return e.Source + ": " + e.Reason
}

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// Is reports whether target is the sentinel this error stands for (fs.ErrNotExist for
// "no such file", fs.ErrPermission for "permission denied").
func (e *InputError) Is(target error) bool { return e.kind != nil && target == e.kind }

func inputErr(source, reason string, err error) *InputError {
	return &InputError{Source: source, Reason: reason, Err: err}
}

func inputErrf(source string, err error, format string, args ...any) *InputError {
	return &InputError{Source: source, Reason: fmt.Sprintf(format, args...), Err: err}
}

// fileErr turns an error from the file system into an InputError with a plain reason.
func fileErr(source string, err error) *InputError {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &InputError{Source: source, Reason: "no such file", kind: fs.ErrNotExist}
	case errors.Is(err, fs.ErrPermission):
		return &InputError{Source: source, Reason: "permission denied", kind: fs.ErrPermission}
	case errors.Is(err, syscall.EISDIR):
		return &InputError{Source: source, Reason: "is a directory"}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &InputError{Source: source, Reason: "read failed", Err: err}
}

// mb formats a byte count in whole mebibytes, rounded up, for size messages.
func mb(n int64) string {
	return fmt.Sprintf("%d MB", (n+(1<<20)-1)>>20)
}

func tooLarge(source string, size, limit int64, known bool) *InputError {
	if known {
		return inputErrf(source, nil, "too large (%s > %s limit)", mb(size), mb(limit))
	}
	return inputErrf(source, nil, "too large (more than the %s limit)", mb(limit))
}
