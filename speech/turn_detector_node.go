//go:build !js

package speech

import (
	"context"
	"fmt"
	"time"

	ort "github.com/yalue/onnxruntime_go"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// turnDetector is one TurnDetectorNode instance: one ONNX session.
type turnDetector struct {
	params  turnParams
	session *ort.DynamicAdvancedSession
	model   *turnModel

	// The held turn.
	samples    []float32
	first      *frame.Frame // its first utterance
	last       *frame.Frame // its latest utterance
	utterances int
	prob       float32
}

func (n *turnDetector) Init(context.Context) error {
	s, err := openSession(n.params.runtimePath, n.params.modelPath, []string{"input_features"}, []string{"logits"})
	if err != nil {
		return fmt.Errorf("%s: %w", turnType, err)
	}
	n.session = s
	if n.model, err = newTurnModel(s); err != nil {
		return fmt.Errorf("%s: %w", turnType, err)
	}
	return nil
}

func (n *turnDetector) Close() error {
	if n.model != nil {
		n.model.release()
	}
	if n.session != nil {
		return n.session.Destroy()
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
	if float64(prob) >= n.params.threshold || held >= time.Duration(n.params.maxHoldMs)*time.Millisecond {
		return n.emit(out)
	}
	return nil
}

// Flush emits a turn still held at end of stream.
func (n *turnDetector) Flush(_ context.Context, out node.Emitter) error {
	if n.first == nil {
		return nil
	}
	return n.emit(out)
}

func (n *turnDetector) emit(out node.Emitter) error {
	f, err := frame.NewAudio(frame.Audio{
		Samples: n.samples, SampleRate: turnRate, Channels: 1, Timestamp: n.first.Audio().Timestamp,
	})
	if err != nil {
		return err
	}
	meta := map[string]any{turnMetaProb: float64(n.prob), turnMetaUtterances: int64(n.utterances)}
	if v, ok := n.first.Meta()[sileroMetaStartMs]; ok {
		meta[sileroMetaStartMs] = v
	}
	if v, ok := n.last.Meta()[sileroMetaEndMs]; ok {
		meta[sileroMetaEndMs] = v
	}
	n.samples, n.first, n.last, n.utterances = nil, nil, nil, 0 // the frame owns the samples now
	return out.Emit(f.WithMeta(meta))
}
