package bindings

import (
	"errors"
	"sync"

	"github.com/remotemedia/remotemedia/core/frame"
)

// A target receives the frames Python hands to Go through the Emit
// functions: a Python node's emitter, a batch's input list or a stream's
// Send. Python names it by the token it got from Go.
type target interface {
	put(f *frame.Frame) error
}

var targets = struct {
	sync.RWMutex
	next int64
	m    map[int64]target
}{m: map[int64]target{}}

func addTarget(t target) int64 {
	targets.Lock()
	defer targets.Unlock()
	targets.next++
	targets.m[targets.next] = t
	return targets.next
}

func dropTarget(token int64) {
	targets.Lock()
	delete(targets.m, token)
	targets.Unlock()
}

func put(token int64, f *frame.Frame, err error) error {
	if err != nil {
		return err
	}
	targets.RLock()
	t := targets.m[token]
	targets.RUnlock()
	if t == nil {
		return errors.New("emit: this output target is closed (a node may only emit while it runs)")
	}
	return t.put(f)
}
