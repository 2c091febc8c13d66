package wasmhost

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// errDeadline is the cancel cause when a guest call overruns.
var errDeadline = errors.New("call deadline exceeded")

type instanceKey struct{}

// deadline bounds guest calls without a timer or context allocation per
// call: one timer per instance is re-armed around each call and, if it
// fires, cancels the context wazero watches, which stops the guest.
type deadline struct {
	timeout time.Duration
	timer   *time.Timer
	expired atomic.Bool

	mu      sync.Mutex // guards the fields below against the timer
	parent  context.Context
	callCtx context.Context
	cancel  context.CancelCauseFunc
}

func newDeadline(timeout time.Duration) *deadline {
	d := &deadline{timeout: timeout}
	d.timer = time.AfterFunc(time.Hour, d.expire)
	d.timer.Stop()
	return d
}

// bind returns the context to call the guest with: a cancellable child of
// ctx carrying value, rebuilt only when ctx changes or was cancelled.
func (d *deadline) bind(ctx context.Context, value any) context.Context {
	if ctx == d.parent && d.callCtx.Err() == nil {
		return d.callCtx
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cancel != nil {
		d.cancel(nil)
	}
	c, cancel := context.WithCancelCause(ctx)
	d.callCtx = context.WithValue(c, instanceKey{}, value)
	d.parent, d.cancel = ctx, cancel
	d.expired.Store(false)
	return d.callCtx
}

func (d *deadline) start() {
	if d.timeout > 0 {
		d.timer.Reset(d.timeout)
	}
}

func (d *deadline) stop() {
	if d.timeout > 0 {
		d.timer.Stop()
	}
}

func (d *deadline) expire() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cancel != nil {
		d.expired.Store(true)
		d.cancel(errDeadline)
	}
}

func (d *deadline) close() {
	d.timer.Stop()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cancel != nil {
		d.cancel(nil)
		d.cancel = nil
	}
	d.parent, d.callCtx = nil, nil
}
