//go:build js && wasm

package main

import (
	"fmt"
	"sync"

	"github.com/remotemedia/remotemedia/core/frame"
)

// inbox holds the frames JavaScript pushed into a session until its feeder
// sends them on. JavaScript cannot wait, so put never blocks; instead the
// queue is bounded (maxQueued), and a push past the bound fails the session
// with an error, never dropping a frame silently.
type inbox struct {
	mu     sync.Mutex
	frames []*frame.Frame
	closed bool
	err    error         // a push that could not be decoded; ends the input
	wake   chan struct{} // capacity 1: something changed since the feeder looked
}

// maxQueued is how many pushed frames may wait for the pipeline: 8192 frames
// of 20 ms audio are 164 s, far more than a live source that the pipeline
// keeps up with ever queues.
const maxQueued = 8192

// errQueueFull is why a push past maxQueued fails its session.
var errQueueFull = fmt.Errorf("the session already holds %d frames the pipeline has not taken; push at the pace the pipeline runs, or use rt.run for a batch", maxQueued)

func newInbox() *inbox { return &inbox{wake: make(chan struct{}, 1)} }

// put queues f; after close or fail it drops it. It reports false, queuing
// nothing, when maxQueued frames are waiting already.
func (q *inbox) put(f *frame.Frame) bool {
	q.mu.Lock()
	full := len(q.frames) >= maxQueued
	if !q.closed && !full {
		q.frames = append(q.frames, f)
	}
	q.mu.Unlock()
	q.signal()
	return !full
}

// close ends the input once the queued frames are taken.
func (q *inbox) close() { q.end(nil) }

// fail ends the input with err after the frames queued before it.
func (q *inbox) fail(err error) { q.end(err) }

func (q *inbox) end(err error) {
	q.mu.Lock()
	if !q.closed {
		q.closed, q.err = true, err
	}
	q.mu.Unlock()
	q.signal()
}

func (q *inbox) signal() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// take waits for frames or the end of the input. It returns every queued
// frame (swapping in spare, so the two slices take turns), and once the
// queue is empty and the input has ended, ended with its error.
func (q *inbox) take(spare []*frame.Frame) (frames []*frame.Frame, ended bool, err error) {
	for {
		q.mu.Lock()
		frames, q.frames = q.frames, spare[:0]
		ended, err = q.closed, q.err
		q.mu.Unlock()
		if len(frames) > 0 {
			return frames, false, nil
		}
		if ended {
			return nil, true, err
		}
		<-q.wake
	}
}
