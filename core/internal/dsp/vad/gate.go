package vad

import "time"

// Gate holds timed items (audio chunks) until a Detector has decided them,
// then passes, in order, those that overlap speech and drops the rest. An
// item is passed whole: the gate's resolution is the caller's chunk size.
type Gate[T any] struct {
	pending  []timed[T]
	segments []Segment // segments that may still overlap a pending item
}

type timed[T any] struct {
	item     T
	from, to time.Duration
}

// Push queues an item spanning [from, to).
func (g *Gate[T]) Push(item T, from, to time.Duration) {
	g.pending = append(g.pending, timed[T]{item, from, to})
}

// Release passes or drops every pending item the detector has decided. With
// final set (after Detector.Flush) everything is decided.
func (g *Gate[T]) Release(d *Detector, final bool, pass func(T) error) error {
	g.segments = append(g.segments, d.Segments()...)
	speechFrom, speechTo, open := d.Speech()
	decided := d.DecidedUntil()
	done := 0
	for _, p := range g.pending {
		switch {
		case g.overlapsSegment(p) || open && p.from < speechTo && speechFrom < p.to:
			if err := pass(p.item); err != nil {
				return err
			}
		case final || p.to <= decided:
			// silence for good: drop it
		default:
			g.keep(done)
			return nil
		}
		done++
	}
	g.keep(done)
	return nil
}

func (g *Gate[T]) overlapsSegment(p timed[T]) bool {
	for _, s := range g.segments {
		if p.from < s.End && s.Start < p.to {
			return true
		}
	}
	return false
}

// keep drops the first n pending items, and the segments wholly before what
// remains.
func (g *Gate[T]) keep(n int) {
	clear(g.pending[:n])
	g.pending = g.pending[:copy(g.pending, g.pending[n:])]
	if len(g.pending) == 0 {
		g.segments = g.segments[:0]
		return
	}
	first := g.pending[0].from
	kept := g.segments[:0]
	for _, s := range g.segments {
		if s.End > first {
			kept = append(kept, s)
		}
	}
	g.segments = kept
}
