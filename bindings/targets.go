package bindings

import (
	"errors"
	"sync"

	"github.com/remotemedia/remotemedia/core/frame"
)

// A target receives the frames Python hands to Go through the Emit
// functions: a Python node's emitter, a batch's input list or a stream's
// input. Python names it by the token it got from Go.
type target interface {
	// put takes f, or reports busy (false, nil) when the caller should
	// deliver outputs first and then offer f again.
	put(f *frame.Frame) (accepted bool, err error)
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

func lookupTarget(token int64) (target, error) {
	targets.RLock()
	t := targets.m[token]
	targets.RUnlock()
	if t == nil {
		return nil, errors.New("emit: this output target is closed (a node may only emit while it runs)")
	}
	return t, nil
}

// accept offers f (or the error that stopped its conversion) to a target.
func accept(token int64, f *frame.Frame, err error) (bool, error) {
	if err != nil {
		return false, err
	}
	t, err := lookupTarget(token)
	if err != nil {
		return false, err
	}
	return t.put(f)
}
