//go:build !js

package speech

import (
	"fmt"

	ort "github.com/yalue/onnxruntime_go"

	"github.com/remotemedia/remotemedia/core/logmel"
)

// smart-turn v3 scores the last 8 s of a turn at 16 kHz, zero-padded at the
// front when shorter, from its Whisper log-mel features [1, 80, 800].
const (
	turnRate    = logmel.SampleRate
	turnSamples = 8 * turnRate
)

var turnFrames = logmel.Frames(turnSamples)

// turnModel runs smart-turn on one stream. Not safe for concurrent use.
type turnModel struct {
	session  *ort.DynamicAdvancedSession
	features *logmel.Extractor
	audio    []float32 // the padded 8 s window, reused
	input    *ort.Tensor[float32]
	output   *ort.Tensor[float32]
}

func newTurnModel(session *ort.DynamicAdvancedSession) (*turnModel, error) {
	m := &turnModel{session: session, features: logmel.New(), audio: make([]float32, turnSamples)}
	var err error
	if m.input, err = ort.NewEmptyTensor[float32](ort.NewShape(1, logmel.Mels, int64(turnFrames))); err != nil {
		return nil, err
	}
	if m.output, err = ort.NewEmptyTensor[float32](ort.NewShape(1, 1)); err != nil {
		m.input.Destroy()
		return nil, err
	}
	return m, nil
}

// score returns the probability that the turn ending with audio is complete.
func (m *turnModel) score(audio []float32) (float32, error) {
	last := audio[max(len(audio)-turnSamples, 0):]
	pad := turnSamples - len(last)
	clear(m.audio[:pad])
	copy(m.audio[pad:], last)
	if err := m.features.Compute(m.input.GetData(), m.audio); err != nil {
		return 0, err
	}
	if err := m.session.Run([]ort.Value{m.input}, []ort.Value{m.output}); err != nil {
		return 0, fmt.Errorf("run smart-turn: %w", err)
	}
	return m.output.GetData()[0], nil
}

func (m *turnModel) release() {
	m.input.Destroy()
	m.output.Destroy()
}
