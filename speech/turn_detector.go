package speech

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core/node"
)

const (
	turnType           = "TurnDetectorNode"
	turnParamThreshold = "threshold"
	turnParamMaxHoldMs = "max_hold_ms"
	turnParamModel     = "model"
	turnParamEmit      = "emit"
	turnEmitTurns      = "turns"
	turnEmitEvents     = "events"
	turnMetaProb       = "turn_probability"
	turnMetaUtterances = "utterances"
	turnEventIsTurnEnd = "is_turn_end"
)

// turnParams are a TurnDetectorNode's validated settings.
type turnParams struct {
	threshold              float64
	maxHoldMs              int64
	events                 bool
	modelPath, runtimePath string
}

func newTurnDetector(p node.Params) (node.Node, error) {
	tp := turnParams{threshold: p.Float(turnParamThreshold), maxHoldMs: p.Int(turnParamMaxHoldMs),
		events: p.String(turnParamEmit) == turnEmitEvents}
	if err := locateTurn(p.String(turnParamModel), &tp); err != nil {
		return nil, fmt.Errorf("%s: %w", turnType, err)
	}
	return &turnDetector{params: tp}, nil
}

func turnSpec() node.Spec {
	return node.Spec{
		Type:    turnType,
		Summary: "End-of-turn detection with the smart-turn v3.2 model (ONNX Runtime): joins utterances into complete turns.",
		Description: "Takes the utterance frames of a SileroVADNode (16 kHz mono audio). For each one it scores the " +
			"held turn so far (the joined samples of its utterances, last 8 s, as Whisper log-mel features) with " +
			"smart-turn v3.2, the probability that the speaker has finished. At threshold or above the turn is " +
			"emitted; below it the turn is held and the next utterance is joined to it. A turn holding " +
			"max_hold_ms of audio or more, or still held at end of stream, is emitted whatever its score.\n\n" +
			"It emits one mono 16 kHz audio frame per turn: the samples of its utterances, one after another (the " +
			"pauses between them are left out), stamped with the first one's timestamp, with meta " +
			"turn_probability (the last score), utterances (how many were joined), and start_ms and end_ms (from " +
			"the first and last utterance's meta, when they carry it). With emit \"events\" it emits, instead, one " +
			"JSON object per score: {\"turn_probability\", \"utterances\", \"start_ms\", \"end_ms\", " +
			"\"is_turn_end\"} (the held turn's meta so far, and whether the turn ends there), and one more with " +
			"is_turn_end true for a turn still held at end of stream.\n\n" +
			"Needs ONNX Runtime (" + runtimeHint + ") and the model (" + modelHint(smartTurnModel.pkg) + "); see docs/SPEECH.md.",
		Category:  speechCategory,
		Stability: node.Experimental,
		Runtime:   node.RuntimeGo,
		Inputs:    []string{"audio utterances, mono, 16000 Hz (SileroVADNode's output)"},
		Outputs: []string{"turns: one mono audio frame per completed turn, meta turn_probability, utterances, start_ms, end_ms",
			`events: JSON {"turn_probability", "utterances", "start_ms", "end_ms", "is_turn_end"} per score`},
		Params: []node.Param{
			{Name: turnParamThreshold, Type: node.TypeNumber, Default: 0.5, Min: node.Bound(0), Max: node.Bound(1),
				Doc: "Turn-complete probability at which a turn is emitted."},
			{Name: turnParamMaxHoldMs, Type: node.TypeInteger, Default: int64(30000), Min: node.Bound(0),
				Doc: "A held turn with this much audio, in milliseconds, is emitted whatever its score."},
			{Name: turnParamModel, Type: node.TypeString,
				Doc: "Path of a smart-turn v3 ONNX file; default: smart-turn-v3.2-cpu.onnx from $REMOTEMEDIA_MODELS or the installed pipecat-ai package."},
			{Name: turnParamEmit, Type: node.TypeString, Default: turnEmitTurns,
				Enum: []string{turnEmitTurns, turnEmitEvents},
				Doc:  "turns: one audio frame per turn; events: one JSON object per score."},
		},
		Example: `{"id": "turn", "node_type": "TurnDetectorNode", "params": {"threshold": 0.5}}`,
		New:     newTurnDetector,
	}
}

func init() { node.MustRegister(turnSpec()) }
