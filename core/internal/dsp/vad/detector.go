package vad

import (
	"fmt"
	"math"
	"time"
)

// MinSampleRate is the lowest rate the detector accepts: the speech band
// reaches 3400 Hz, so Nyquist must be above it.
const MinSampleRate = 8000

// Config configures a Detector.
type Config struct {
	SampleRate int
	Rules
}

// Detector finds speech segments in a mono stream. It is not safe for
// concurrent use.
type Detector struct {
	rate     int
	analyser *analyser
	scorer   scorer
	seg      *segmenter

	// pending holds samples not yet analysed, after the previous hop (the
	// first half of the next window).
	pending []float32
	// timeline maps sample indices to stream time, one mark per input
	// chunk, so gaps in the input timestamps are honoured.
	timeline []mark
	next     int64 // sample index of pending[len(prevHop)]: the next hop's start
	received int64
	started  bool
}

type mark struct {
	index int64
	at    time.Duration
}

// New returns a detector, or an error for a config it cannot honour.
func New(cfg Config) (*Detector, error) {
	if cfg.SampleRate < MinSampleRate {
		return nil, fmt.Errorf("vad: sample rate %d Hz is too low, need at least %d Hz", cfg.SampleRate, MinSampleRate)
	}
	if cfg.Threshold < 0 || cfg.Threshold > 1 {
		return nil, fmt.Errorf("vad: threshold must be in [0, 1], got %v", cfg.Threshold)
	}
	if cfg.MinSpeech < 0 || cfg.MinSilence < 0 || cfg.Pad < 0 {
		return nil, fmt.Errorf("vad: durations must not be negative")
	}
	a := newAnalyser(cfg.SampleRate)
	return &Detector{
		rate:     cfg.SampleRate,
		analyser: a,
		scorer:   scorer{hopsPerSecond: float64(cfg.SampleRate) / float64(a.hop)},
		seg:      newSegmenter(cfg.Rules, 0),
		// The first window's first half is silence before the stream.
		pending: make([]float32, a.hop, 4*a.window),
	}, nil
}

// HopDuration is the analysis step.
func (d *Detector) HopDuration() time.Duration {
	return time.Duration(d.analyser.hop) * time.Second / time.Duration(d.rate)
}

// Process analyses mono samples whose first one is presented at start.
func (d *Detector) Process(samples []float32, start time.Duration) {
	if !d.started {
		d.seg = newSegmenter(d.seg.rules, start)
		d.started = true
	}
	if len(samples) == 0 {
		return
	}
	d.timeline = append(d.timeline, mark{index: d.received, at: start})
	d.received += int64(len(samples))
	d.pending = append(d.pending, samples...)

	hop := d.analyser.hop
	used := 0
	for len(d.pending)-used >= d.analyser.window {
		from := d.timeAt(d.next)
		d.seg.hop(from, from+d.HopDuration(), d.score(d.pending[used:used+d.analyser.window]))
		d.next += int64(hop)
		used += hop
	}
	d.pending = d.pending[:copy(d.pending, d.pending[used:])]
	d.dropMarks()
}

// Flush ends the stream: a final partial hop is analysed zero-padded, and
// the open segment, if any, is closed at the end of its last speech.
func (d *Detector) Flush() {
	if tail := len(d.pending) - d.analyser.hop; tail > 0 {
		from := d.timeAt(d.next)
		window := append(d.pending, make([]float32, d.analyser.hop-tail)...)
		d.seg.hop(from, from+time.Duration(tail)*time.Second/time.Duration(d.rate), d.score(window))
	}
	d.seg.flush()
}

// score rates one window's hop: sqrt(energy × spectral), each 0..1. The
// spectrum, the costly part, is skipped when the energy alone rules speech
// out: a hop that close to the floor counts as noise for the floor too.
func (d *Detector) score(window []float32) float64 {
	energyDB := d.analyser.energyDB(window)
	energy := d.scorer.energyScore(energyDB)
	spectral := 0.0
	if energy > 0 {
		spectral = spectralScore(d.analyser.spectrum(window))
	}
	d.scorer.track(energyDB, spectral)
	return math.Sqrt(energy * spectral)
}

// Segments returns the segments closed since the last call.
func (d *Detector) Segments() []Segment {
	out := d.seg.closed
	d.seg.closed = nil
	return out
}

// Speech is the known-speech part of the open segment, once it is long
// enough to be kept: audio in [from, to) will be in a segment.
func (d *Detector) Speech() (from, to time.Duration, ok bool) { return d.seg.confirmed() }

// DecidedUntil is the time before which audio outside every segment returned
// so far is silence for good.
func (d *Detector) DecidedUntil() time.Duration { return d.seg.decidedUntil() }

// timeAt is the presentation time of sample index i.
func (d *Detector) timeAt(i int64) time.Duration {
	m := d.timeline[0]
	for _, next := range d.timeline[1:] {
		if next.index > i {
			break
		}
		m = next
	}
	return m.at + time.Duration(i-m.index)*time.Second/time.Duration(d.rate)
}

// dropMarks forgets timeline marks before the one covering the next hop.
func (d *Detector) dropMarks() {
	keep := 0
	for keep+1 < len(d.timeline) && d.timeline[keep+1].index <= d.next {
		keep++
	}
	d.timeline = d.timeline[:copy(d.timeline, d.timeline[keep:])]
}
