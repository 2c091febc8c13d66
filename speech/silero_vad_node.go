package speech

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// sileroVAD is one SileroVADNode instance: one model session, one stream.
// Only the session (silero_ort.go natively, silero_browser.go on js) differs
// between builds.
type sileroVAD struct {
	params  sileroParams
	session *sileroSession

	// Set by the first frame, which fixes the stream's rate.
	model   *sileroModel
	seg     *segmenter
	rate    int
	anchor  time.Duration // timestamp of the stream's first sample
	pending []float32     // samples not yet in a whole window
	next    int64         // stream index of pending[0]
	audio   history
	ready   []*utterance // closed, waiting for the audio of their padding
}

// Init opens the model session: a missing runtime or a corrupt model fails
// here, before any input.
func (n *sileroVAD) Init(context.Context) error {
	s, err := openSileroSession(n.params)
	if err != nil {
		return fmt.Errorf("%s: %w", sileroType, err)
	}
	n.session = s
	return nil
}

func (n *sileroVAD) Close() error {
	if n.model != nil {
		n.model.runner.Close()
	}
	if n.session != nil {
		return n.session.close()
	}
	return nil
}

func (n *sileroVAD) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	a := in.Audio()
	if a == nil {
		return fmt.Errorf("%s needs an audio frame; got %s", sileroType, in.Kind())
	}
	if err := n.start(a); err != nil {
		return err
	}
	n.audio.append(a.Samples)
	n.pending = append(n.pending, a.Samples...)
	return n.drain(out, false)
}

// start sets the stream up on its first frame and checks later ones.
func (n *sileroVAD) start(a *frame.Audio) error {
	if n.model != nil {
		if a.SampleRate != n.rate || a.Channels != 1 {
			return fmt.Errorf("%s: input changed to %d Hz, %d channels mid-stream; a stream must stay mono at %d Hz",
				sileroType, a.SampleRate, a.Channels, n.rate)
		}
		return nil
	}
	if a.Channels != 1 || (a.SampleRate != 16000 && a.SampleRate != 8000) {
		return fmt.Errorf("%s needs mono audio at 16000 or 8000 Hz, got %d Hz with %d channels: "+
			`put an AudioResampleNode {"target_rate": 16000} and an AudioMixNode {"to_channels": 1} before it`,
			sileroType, a.SampleRate, a.Channels)
	}
	r, err := n.session.runner(a.SampleRate)
	if err != nil {
		return fmt.Errorf("%s: %w", sileroType, err)
	}
	m, err := newSileroModel(r, a.SampleRate)
	if err != nil {
		r.Close()
		return fmt.Errorf("%s: %w", sileroType, err)
	}
	p := n.params
	samples := func(ms int64) int64 { return ms * int64(a.SampleRate) / 1000 }
	n.model, n.rate, n.anchor = m, a.SampleRate, a.Timestamp
	n.seg = newSegmenter(segmenterConfig{
		threshold: float32(p.threshold), negThreshold: float32(p.negThreshold),
		minSpeech: samples(p.minSpeechMs), minSilence: samples(p.minSilenceMs), pad: samples(p.padMs),
	})
	return nil
}

// drain runs the model on every whole window pending, all in one runner
// call; at end of stream the last partial window is zero-padded, as
// Silero's own tools do.
func (n *sileroVAD) drain(out node.Emitter, final bool) error {
	w := n.model.window
	whole := len(n.pending) / w * w
	windows := n.pending[:whole]
	if final && whole < len(n.pending) {
		windows = append(append(make([]float32, 0, whole+w), n.pending...), make([]float32, whole+w-len(n.pending))...)
	}
	probs, err := n.model.run(windows)
	if err != nil {
		return fmt.Errorf("%s: %w", sileroType, err)
	}
	for i, prob := range probs {
		pos := n.next + int64(i*w)
		res, u := n.seg.push(pos, prob)
		if u != nil {
			n.ready = append(n.ready, u)
		}
		if n.params.events {
			if err := out.Emit(frame.JSON(n.event(pos, res))); err != nil {
				return err
			}
		}
	}
	done := whole
	if final {
		done = len(n.pending)
	}
	n.pending = n.pending[:copy(n.pending, n.pending[done:])]
	n.next += int64(done)
	if final {
		if u := n.seg.finish(n.audio.end()); u != nil {
			n.ready = append(n.ready, u)
		}
	}
	return n.emitReady(out, final)
}

// emitReady emits the closed utterances whose audio is all in, then drops
// the audio no utterance can need any more.
func (n *sileroVAD) emitReady(out node.Emitter, final bool) error {
	for len(n.ready) > 0 && (final || n.ready[0].end <= n.audio.end()) {
		u := n.ready[0]
		n.ready = n.ready[1:]
		if err := n.emitUtterance(out, u); err != nil {
			return err
		}
	}
	keep := n.next - n.seg.cfg.pad - int64(n.model.window) // the next start's padding
	if n.seg.speaking {
		keep = n.seg.start - n.seg.cfg.pad
	}
	if len(n.ready) > 0 {
		keep = min(keep, n.ready[0].start)
	}
	n.audio.dropBefore(keep)
	return nil
}

func (n *sileroVAD) emitUtterance(out node.Emitter, u *utterance) error {
	if n.params.events {
		return nil
	}
	u.end = min(u.end, n.audio.end()) // padding past the end of the stream
	f, err := frame.NewAudio(frame.Audio{
		Samples: n.audio.slice(u.start, u.end), SampleRate: n.rate, Channels: 1, Timestamp: n.at(u.start),
	})
	if err != nil {
		return err
	}
	return out.Emit(f.WithMeta(map[string]any{
		sileroMetaStartMs:     n.millis(u.start),
		sileroMetaEndMs:       n.millis(u.end),
		sileroMetaProbability: u.prob,
	}))
}

func (n *sileroVAD) event(pos int64, r windowResult) map[string]any {
	return map[string]any{
		sileroEventHasSpeech:     r.speaking,
		sileroEventProbability:   float64(r.prob),
		sileroEventIsSpeechStart: r.started,
		sileroEventIsSpeechEnd:   r.ended,
		sileroEventTimeMs:        n.millis(pos),
	}
}

// at is the timestamp of stream sample i, computed from the count so
// rounding never accumulates (whole seconds first, so it cannot overflow).
func (n *sileroVAD) at(i int64) time.Duration {
	rate := int64(n.rate)
	return n.anchor + time.Duration(i/rate)*time.Second + time.Duration(i%rate)*time.Second/time.Duration(rate)
}

func (n *sileroVAD) millis(i int64) int64 {
	return int64(math.Round(float64(n.at(i)) / float64(time.Millisecond)))
}

// Flush runs the last partial window and closes an open utterance.
func (n *sileroVAD) Flush(_ context.Context, out node.Emitter) error {
	if n.model == nil {
		return nil
	}
	return n.drain(out, true)
}
