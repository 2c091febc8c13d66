//go:build js && wasm

package main

import (
	"sync"

	"github.com/remotemedia/remotemedia/core/frame"
)

// inbox holds the frames JavaScript pushed into a session until its feeder
// sends them on. JavaScript cannot wait, so put never blocks: the queue is
// unbounded, and what bounds it is the pipeline keeping up.
type inbox struct {
	mu     sync.Mutex
	frames []*frame.Frame
	closed bool
	err    error         // a push that could not be decoded; ends the input
	wake   chan struct{} // capacity 1: something changed since the feeder looked
}

func newInbox() *inbox { return &inbox{wake: make(chan struct{}, 1)} }

// put queues f; after close or fail it drops it.
func (q *inbox) put(f *frame.Frame) {
	q.mu.Lock()
	if !q.closed {
		q.frames = append(q.frames, f)
	}
	q.mu.Unlock()
	q.signal()
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
