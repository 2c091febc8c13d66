package vad

import "time"

// Segment is a stretch of speech, padded, in stream time.
type Segment struct {
	Start, End time.Duration
}

// Rules are the segmenter's parameters.
type Rules struct {
	// Threshold is the score at which speech starts; it continues while the
	// score stays above Threshold-Hysteresis.
	Threshold float64
	// MinSpeech drops segments shorter than this (before padding).
	MinSpeech time.Duration
	// MinSilence is how long the score must stay low to end a segment.
	MinSilence time.Duration
	// Pad extends each kept segment on both sides, never into the previous one.
	Pad time.Duration
}

// Hysteresis is how far below Threshold the score must fall to count as silence.
const Hysteresis = 0.15

// segmenter turns per-hop scores into segments.
type segmenter struct {
	rules    Rules
	active   bool
	start    time.Duration // first speech hop of the open segment
	lastLoud time.Duration // end of its last hop scoring above the off threshold
	prevEnd  time.Duration // padded end of the last kept segment; the floor for the next start
	now      time.Duration // end of the last hop seen
	closed   []Segment
}

func newSegmenter(r Rules, streamStart time.Duration) *segmenter {
	return &segmenter{rules: r, prevEnd: streamStart, now: streamStart}
}

// hop feeds the score of the hop [from, to).
func (s *segmenter) hop(from, to time.Duration, score float64) {
	s.now = to
	switch {
	case !s.active && score >= s.rules.Threshold:
		s.active, s.start, s.lastLoud = true, from, to
	case s.active && score >= s.rules.Threshold-Hysteresis:
		s.lastLoud = to
	case s.active && to-s.lastLoud >= s.rules.MinSilence:
		s.close(s.lastLoud)
	}
}

// close ends the open segment at end, keeping it if it is long enough.
func (s *segmenter) close(end time.Duration) {
	s.active = false
	if end-s.start < s.rules.MinSpeech {
		return
	}
	seg := Segment{Start: max(s.start-s.rules.Pad, s.prevEnd), End: min(end+s.rules.Pad, s.now)}
	s.closed = append(s.closed, seg)
	s.prevEnd = seg.End
}

// flush closes the open segment at the end of the stream.
func (s *segmenter) flush() {
	if s.active {
		s.close(s.lastLoud)
	}
}

// confirmed reports whether the open segment is already long enough to be
// kept, and the span of it that is certain to be speech.
func (s *segmenter) confirmed() (from, to time.Duration, ok bool) {
	if !s.active || s.lastLoud-s.start < s.rules.MinSpeech {
		return 0, 0, false
	}
	return max(s.start-s.rules.Pad, s.prevEnd), min(s.lastLoud+s.rules.Pad, s.now), true
}

// decidedUntil is the time before which no future segment can reach: audio
// there not covered by a segment so far is silence for good.
func (s *segmenter) decidedUntil() time.Duration {
	if s.active {
		return max(s.start-s.rules.Pad, s.prevEnd)
	}
	return max(s.now-s.rules.Pad, s.prevEnd)
}
