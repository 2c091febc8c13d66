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

// deadline stops an instance whose guest call overruns its timeout, or whose
// caller's context is done during a call.
//
// Every guest call of an instance runs under one context, life, that no
// caller's context can cancel, because the resident call (resident.go)
// outlives the context of any one caller. Stopping the instance cancels
// life, and wazero then stops the guest at its next loop iteration or call.
// A call costs two atomic stores and a clock reading: no goroutine, timer
// reset or allocation. One timer per instance, armed by the first call after
// it last fired, checks the running call and re-arms itself for it. The
// caller's context is watched with context.AfterFunc, registered again only
// when the caller passes a different context.
type deadline struct {
	timeout time.Duration
	timer   *time.Timer
	expired atomic.Bool
	started atomic.Int64 // monotonic() when the running call started, 0 between calls
	armed   atomic.Bool  // the timer is pending
	life    context.Context
	kill    context.CancelCauseFunc

	mu      sync.Mutex // guards parent and unwatch against cancelled
	parent  context.Context
	unwatch func() bool
}

// newDeadline returns a deadline whose life context carries value, for the
// host imports.
func newDeadline(timeout time.Duration, value any) *deadline {
	life, kill := context.WithCancelCause(context.Background())
	d := &deadline{timeout: timeout, life: context.WithValue(life, instanceKey{}, value), kill: kill}
	d.timer = time.AfterFunc(time.Hour, d.expire)
	d.timer.Stop()
	return d
}

// watch makes ctx's cancellation stop the calls made from now on. Only the
// calling goroutine writes parent, so it may read it without the lock.
func (d *deadline) watch(ctx context.Context) {
	if ctx == d.parent {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.unwatch != nil {
		d.unwatch()
	}
	d.parent = ctx
	d.unwatch = context.AfterFunc(ctx, func() { d.cancelled(ctx) })
}

// start marks a call as running, arming the timer unless it is already
// armed (it then re-arms itself for this call when it fires). Without a
// timeout (trusted code, compiled without termination checks) nothing could
// stop the call, so there is nothing to mark.
func (d *deadline) start() {
	if d.timeout == 0 {
		return
	}
	d.started.Store(monotonic())
	if !d.armed.Load() && d.armed.CompareAndSwap(false, true) {
		d.timer.Reset(d.timeout)
	}
}

func (d *deadline) stop() {
	if d.timeout > 0 {
		d.started.Store(0)
	}
}

// stopped reports whether the instance was stopped, even if the call that
// overran managed to return.
func (d *deadline) stopped() bool { return d.life.Err() != nil }

// expire runs when the timer fires: it stops the instance if the running
// call started a timeout ago, and otherwise re-arms for that call's deadline.
// Disarming before reading started means that a call starting meanwhile
// either is seen here or sees the timer disarmed and arms it.
func (d *deadline) expire() {
	d.armed.Store(false)
	started := d.started.Load()
	if started == 0 {
		return
	}
	if left := d.timeout - time.Duration(monotonic()-started); left > 0 {
		if d.armed.CompareAndSwap(false, true) {
			d.timer.Reset(left)
		}
		return
	}
	d.expired.Store(true)
	d.kill(errDeadline)
}

func (d *deadline) cancelled(ctx context.Context) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.parent == ctx && d.started.Load() != 0 {
		d.kill(context.Cause(ctx))
	}
}

func (d *deadline) close() {
	d.timer.Stop()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.unwatch != nil {
		d.unwatch()
		d.unwatch = nil
	}
	d.parent = nil
	d.kill(context.Canceled)
}

// epoch makes monotonic readings positive, so 0 can mean "no call".
var epoch = time.Now()

func monotonic() int64 { return int64(time.Since(epoch)) + 1 }
