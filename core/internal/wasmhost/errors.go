package wasmhost

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/remotemedia/remotemedia/core/internal/safetext"
	"github.com/tetratelabs/wazero/sys"
)

// callError explains why a guest call failed: deadline, cancellation, an
// aborting host import, or a trap (with the guest's last output).
func (in *Instance) callError(ctx context.Context, name string, err error) error {
	stopped := context.Cause(in.deadline.life) // set once a deadline or a cancellation stopped the instance
	switch {
	case in.deadline.expired.Load():
		in.stopped = fmt.Errorf("%s exceeded the %v call deadline", name, in.deadline.timeout)
		return in.errorf("%s exceeded the %v call deadline; the instance was stopped", name, in.deadline.timeout)
	case ctx.Err() != nil:
		in.stopped = ctx.Err()
		return in.errorf("%s: %w", name, ctx.Err())
	case stopped != nil: // an earlier call's context, cancelled as that call returned
		in.stopped = stopped
		return in.errorf("%s: %w", name, stopped)
	case in.hostErr != nil:
		return in.errorf("%s: %w", name, in.hostErr)
	}
	if exit := (*sys.ExitError)(nil); errors.As(err, &exit) {
		in.stopped = err
		return in.errorf("%s: the guest exited with WASI proc_exit(%d); the instance was stopped", name, exit.ExitCode())
	}
	msg := safetext.Clean(firstLine(err.Error()), MaxGuestMessage)
	if name == "instantiate" {
		return in.errorf("instantiate: %s", msg)
	}
	if out := strings.TrimSpace(in.output.take()); out != "" {
		msg += "; guest output: " + safetext.Clean(out, 0) // bounded by output's head and tail
	}
	return in.errorf("%s trapped: %s", name, msg)
}

// guestError builds the error a guest reported, with its rm_last_error message.
func (in *Instance) guestError(ctx context.Context, name, fallback string) error {
	if !in.mod.exports[exportLastError] {
		return &GuestError{Node: in.mod.name, Func: name, Message: "failed (" + orDefault(fallback, "no rm_last_error export") + ")"}
	}
	if err := in.call(ctx, exportLastError, nil); err != nil {
		return err
	}
	ptr, n := unpack(in.stack[0])
	msg := fallback
	if view, ok := in.mem.Read(ptr, n); ok && n > 0 {
		msg = safetext.Clean(view, MaxGuestMessage)
	}
	return &GuestError{Node: in.mod.name, Func: name, Message: orDefault(msg, "failed without a message") + in.budgetNote()}
}

func (in *Instance) errorf(format string, args ...any) error {
	return fmt.Errorf("wasm:%s: "+format+"%s", append(append([]any{in.mod.name}, args...), in.budgetNote())...)
}

// MaxGuestMessage caps, in bytes, what is shown of one rm_last_error
// message, trap reason or log message; the rest is cut with a note.
const MaxGuestMessage = 1 << 10

// GuestError is an error the guest reported itself (out_len 0xFFFFFFFF, or a
// non-zero rm_init status), with its rm_last_error message, made safe to
// show (safetext) and capped at MaxGuestMessage.
type GuestError struct {
	Node    string
	Func    string
	Message string
}

func (e *GuestError) Error() string { return "wasm:" + e.Node + ": " + e.Func + ": " + e.Message }

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
