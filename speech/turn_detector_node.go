package speech

import (
	"context"
	"fmt"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// turnDetector is one TurnDetectorNode instance: one model session. Only
// the runner (turn_ort.go natively, turn_browser.go on js) differs between
// builds.
type turnDetector struct {
	params turnParams
	model  *turnModel

	// The held turn.
	samples    []float32
	first      *frame.Frame // its first utterance
	last       *frame.Frame // its latest utterance
	utterances int
	prob       float32
}

// Init opens the model: a missing runtime or a corrupt model fails here,
// before any input.
func (n *turnDetector) Init(context.Context) error {
	r, err := openTurnRunner(n.params)
	if err != nil {
		return fmt.Errorf("%s: %w", turnType, err)
	}
	n.model = newTurnModel(r)
	return nil
}

func (n *turnDetector) Close() error {
	if n.model != nil {
		return n.model.runner.Close()
	}
	return nil
}

func (n *turnDetector) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	a := in.Audio()
	if a == nil {
		return fmt.Errorf("%s needs audio utterance frames; got %s", turnType, in.Kind())
	}
	if a.SampleRate != turnRate || a.Channels != 1 {
		return fmt.Errorf("%s needs mono audio at 16000 Hz, got %d Hz with %d channels: "+
			`put an AudioResampleNode {"target_rate": 16000} and an AudioMixNode {"to_channels": 1} before it`,
			turnType, a.SampleRate, a.Channels)
	}
	if a.Frames() == 0 {
		return nil
	}
	if n.first == nil {
		n.first = in
	}
	n.last = in
	n.utterances++
	n.samples = append(n.samples, a.Samples...)
	prob, err := n.model.score(n.samples)
	if err != nil {
		return fmt.Errorf("%s: %w", turnType, err)
	}
	n.prob = prob
	held := time.Duration(len(n.samples)) * time.Second / turnRate
	end := float64(prob) >= n.params.threshold || held >= time.Duration(n.params.maxHoldMs)*time.Millisecond
	if n.params.events {
		if err := out.Emit(frame.JSON(n.event(end))); err != nil {
			return err
		}
	}
	if end {
		return n.emit(out)
	}
	return nil
}

// Flush emits a turn still held at end of stream.
func (n *turnDetector) Flush(_ context.Context, out node.Emitter) error {
	if n.first == nil {
		return nil
	}
	if n.params.events {
		if err := out.Emit(frame.JSON(n.event(true))); err != nil {
			return err
		}
	}
	return n.emit(out)
}

// meta is the held turn's metadata.
func (n *turnDetector) meta() map[string]any {
	meta := map[string]any{turnMetaProb: float64(n.prob), turnMetaUtterances: int64(n.utterances)}
	if v, ok := n.first.Meta()[sileroMetaStartMs]; ok {
		meta[sileroMetaStartMs] = v
	}
	if v, ok := n.last.Meta()[sileroMetaEndMs]; ok {
		meta[sileroMetaEndMs] = v
	}
	return meta
}

func (n *turnDetector) event(end bool) map[string]any {
	e := n.meta()
	e[turnEventIsTurnEnd] = end
	return e
}

// emit emits the held turn (its audio unless emitting events) and starts
// the next.
func (n *turnDetector) emit(out node.Emitter) error {
	defer func() { n.samples, n.first, n.last, n.utterances = nil, nil, nil, 0 }() // the frame owns the samples now
	if n.params.events {
		return nil
	}
	f, err := frame.NewAudio(frame.Audio{
		Samples: n.samples, SampleRate: turnRate, Channels: 1, Timestamp: n.first.Audio().Timestamp,
	})
	if err != nil {
		return err
	}
	return out.Emit(f.WithMeta(n.meta()))
}
