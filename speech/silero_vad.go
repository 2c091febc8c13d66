package speech

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core/node"
)

const (
	sileroType              = "SileroVADNode"
	sileroParamThreshold    = "threshold"
	sileroParamNegThreshold = "neg_threshold"
	sileroParamMinSpeechMs  = "min_speech_duration_ms"
	sileroParamMinSilenceMs = "min_silence_duration_ms"
	sileroParamSpeechPadMs  = "speech_pad_ms"
	sileroParamModel        = "model"
	sileroParamEmit         = "emit"
	sileroEmitUtterances    = "utterances"
	sileroEmitEvents        = "events"
	// neg_threshold's default lies this far below threshold, as upstream's.
	negThresholdBelowDefault = 0.15
	sileroMetaStartMs        = "start_ms"
	sileroMetaEndMs          = "end_ms"
	sileroMetaProbability    = "probability"
	sileroEventHasSpeech     = "has_speech"
	sileroEventProbability   = "speech_probability"
	sileroEventIsSpeechStart = "is_speech_start"
	sileroEventIsSpeechEnd   = "is_speech_end"
	sileroEventTimeMs        = "time_ms"
)

// sileroParams are a SileroVADNode's validated settings.
type sileroParams struct {
	threshold, negThreshold   float64
	minSpeechMs, minSilenceMs int64
	padMs                     int64
	events                    bool
	modelPath, runtimePath    string
}

func newSileroVAD(p node.Params) (node.Node, error) {
	sp := sileroParams{
		threshold:    p.Float(sileroParamThreshold),
		negThreshold: p.Float(sileroParamThreshold) - negThresholdBelowDefault,
		minSpeechMs:  p.Int(sileroParamMinSpeechMs),
		minSilenceMs: p.Int(sileroParamMinSilenceMs),
		padMs:        p.Int(sileroParamSpeechPadMs),
		events:       p.String(sileroParamEmit) == sileroEmitEvents,
	}
	if p.Has(sileroParamNegThreshold) {
		sp.negThreshold = p.Float(sileroParamNegThreshold)
	}
	if sp.negThreshold > sp.threshold {
		return nil, fmt.Errorf("%s: neg_threshold %v must not exceed threshold %v", sileroType, sp.negThreshold, sp.threshold)
	}
	if err := locateSilero(p.String(sileroParamModel), &sp); err != nil {
		return nil, fmt.Errorf("%s: %w", sileroType, err)
	}
	return &sileroVAD{params: sp}, nil
}

func sileroSpec() node.Spec {
	ms := func(name, doc string, def int64) node.Param {
		return node.Param{Name: name, Type: node.TypeInteger, Doc: doc, Default: def, Min: node.Bound(0)}
	}
	return node.Spec{
		Type:    sileroType,
		Summary: "Voice activity detection with the Silero VAD v6 neural model (ONNX Runtime): emits each utterance's audio.",
		Description: "Runs Silero VAD v6 on mono audio at 16 kHz (or 8 kHz) in windows of 512 samples (256 at 8 kHz), " +
			"each with the previous window's last 64 (32) samples as context, so its results do not depend on how the " +
			"stream is cut into frames. Speech starts at a window whose probability reaches threshold and ends at " +
			"the first window below neg_threshold that is followed by min_silence_duration_ms below threshold; " +
			"utterances of min_speech_duration_ms or less are dropped, kept ones are padded by speech_pad_ms on each " +
			"side (never into the previous one). End of stream closes an open utterance.\n\n" +
			"With emit \"utterances\" it emits one mono audio frame per utterance, holding its samples, stamped with " +
			"its start, with meta start_ms, end_ms (in the input's timeline) and probability (the mean over its " +
			"windows). With emit \"events\" it emits one JSON object per window: {\"has_speech\", " +
			"\"speech_probability\", \"is_speech_start\", \"is_speech_end\", \"time_ms\"}; these follow the " +
			"threshold and min_silence rules only.\n\n" +
			"Needs ONNX Runtime (" + runtimeHint + ") and the model (" + modelHint(sileroVADModel.pkg) + "); see docs/SPEECH.md for how they are found. " +
			"Other rates or channel counts are an error: put an AudioResampleNode and an AudioMixNode before it.",
		Category:  speechCategory,
		Stability: node.Experimental,
		Runtime:   node.RuntimeGo,
		Inputs:    []string{"audio, mono, 16000 or 8000 Hz, frames of any size"},
		Outputs: []string{"utterances: one mono audio frame per utterance, meta start_ms, end_ms, probability",
			`events: JSON {"has_speech", "speech_probability", "is_speech_start", "is_speech_end", "time_ms"} per window`},
		Params: []node.Param{
			{Name: sileroParamThreshold, Type: node.TypeNumber, Default: 0.5, Min: node.Bound(0), Max: node.Bound(1),
				Doc: "Speech probability at which speech starts."},
			{Name: sileroParamNegThreshold, Type: node.TypeNumber, Min: node.Bound(0), Max: node.Bound(1),
				Doc: "Probability below which speech may end (hysteresis); default threshold − 0.15."},
			ms(sileroParamMinSpeechMs, "Utterances this long or shorter, in milliseconds, are dropped.", 250),
			ms(sileroParamMinSilenceMs, "Silence needed to end an utterance, in milliseconds.", 100),
			ms(sileroParamSpeechPadMs, "Padding added on each side of an utterance, in milliseconds.", 30),
			{Name: sileroParamModel, Type: node.TypeString,
				Doc: "Path of a Silero VAD v6 ONNX file; default: silero_vad.onnx from $REMOTEMEDIA_MODELS or the installed silero-vad package."},
			{Name: sileroParamEmit, Type: node.TypeString, Default: sileroEmitUtterances,
				Enum: []string{sileroEmitUtterances, sileroEmitEvents},
				Doc:  "utterances: one audio frame per utterance; events: one JSON object per window."},
		},
		Example: `{"id": "vad", "node_type": "SileroVADNode", "params": {"threshold": 0.5, "min_silence_duration_ms": 100}}`,
		New:     newSileroVAD,
	}
}

func init() { node.MustRegister(sileroSpec()) }
