package speech

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core/logmel"
)

// smart-turn v3 scores the last 8 s of a turn at 16 kHz, zero-padded at the
// front when shorter, from its Whisper log-mel features [1, 80, 800].
const (
	turnRate    = logmel.SampleRate
	turnSamples = 8 * turnRate
)

var turnFrames = logmel.Frames(turnSamples)

// turnFeaturesLen is the length of one score's input [1, 80, 800].
var turnFeaturesLen = logmel.Mels * turnFrames

// TurnRunner is the only part of TurnDetectorNode that differs between
// builds: ONNX Runtime natively, onnxruntime-web in the browser. Run returns
// the turn-complete probability of one window's log-mel features
// [1, 80, 800].
type TurnRunner interface {
	Run(features []float32) (float32, error)
	Close() error
}

// turnModel pads a turn and computes its features for a runner: the same Go
// code in every build. Not safe for concurrent use.
type turnModel struct {
	runner   TurnRunner
	features *logmel.Extractor
	audio    []float32 // the padded 8 s window, reused
	input    []float32 // its features, reused
}

func newTurnModel(r TurnRunner) *turnModel {
	return &turnModel{runner: r, features: logmel.New(),
		audio: make([]float32, turnSamples), input: make([]float32, turnFeaturesLen)}
}

// score returns the probability that the turn ending with audio is complete.
func (m *turnModel) score(audio []float32) (float32, error) {
	last := audio[max(len(audio)-turnSamples, 0):]
	pad := turnSamples - len(last)
	clear(m.audio[:pad])
	copy(m.audio[pad:], last)
	if err := m.features.Compute(m.input, m.audio); err != nil {
		return 0, err
	}
	p, err := m.runner.Run(m.input)
	if err != nil {
		return 0, fmt.Errorf("run smart-turn: %w", err)
	}
	return p, nil
}
