package nodes

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/dsp/vad"
	"github.com/remotemedia/remotemedia/core/node"
)

const (
	vadType              = "VADNode"
	vadParamThreshold    = "threshold"
	vadParamMinSpeechMs  = "min_speech_ms"
	vadParamMinSilenceMs = "min_silence_ms"
	vadParamSpeechPadMs  = "speech_pad_ms"
	vadParamMode         = "mode"
	vadModeEvents        = "events"
	vadModeGate          = "gate"
	vadEventStartMs      = "start_ms"
	vadEventEndMs        = "end_ms"
)

// vadNode finds speech in an audio stream and reports it as segment events,
// or passes on only the audio frames that hold speech.
type vadNode struct {
	rules vad.Rules
	gate  bool

	det      *vad.Detector // nil until the first input fixes the rate
	rate     int
	channels int
	mono     []float32 // downmix buffer, reused
	pending  vad.Gate[*frame.Frame]
}

func (n *vadNode) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	a, err := audioOf(vadType, in)
	if err != nil {
		return err
	}
	if n.det == nil {
		det, err := vad.New(vad.Config{SampleRate: a.SampleRate, Rules: n.rules})
		if err != nil {
			return fmt.Errorf("%s: %w; put an AudioResampleNode to 16000 Hz before it", vadType, err)
		}
		n.det, n.rate, n.channels = det, a.SampleRate, a.Channels
	} else if a.SampleRate != n.rate || a.Channels != n.channels {
		return fmt.Errorf("%s: input changed from %d Hz, %d channels to %d Hz, %d channels mid-stream; "+
			"a stream must keep one format", vadType, n.rate, n.channels, a.SampleRate, a.Channels)
	}
	n.det.Process(n.downmix(a), a.Timestamp)
	if n.gate {
		n.pending.Push(in, a.Timestamp, a.Timestamp+a.Duration())
		return n.pending.Release(n.det, false, out.Emit)
	}
	return n.emitSegments(out)
}

// downmix averages the channels; mono input is used as is.
func (n *vadNode) downmix(a *frame.Audio) []float32 {
	if a.Channels == 1 {
		return a.Samples
	}
	n.mono = n.mono[:0]
	scale := 1 / float32(a.Channels)
	for i := 0; i < len(a.Samples); i += a.Channels {
		var sum float32
		for _, v := range a.Samples[i : i+a.Channels] {
			sum += v
		}
		n.mono = append(n.mono, sum*scale)
	}
	return n.mono
}

func (n *vadNode) emitSegments(out node.Emitter) error {
	for _, s := range n.det.Segments() {
		event := map[string]any{vadEventStartMs: millis(s.Start), vadEventEndMs: millis(s.End)}
		if err := out.Emit(frame.JSON(event)); err != nil {
			return err
		}
	}
	return nil
}

// millis rounds a time to whole milliseconds.
func millis(d time.Duration) int64 { return int64(math.Round(float64(d) / float64(time.Millisecond))) }

// Flush closes the open segment at end of stream.
func (n *vadNode) Flush(_ context.Context, out node.Emitter) error {
	if n.det == nil {
		return nil
	}
	n.det.Flush()
	if n.gate {
		return n.pending.Release(n.det, true, out.Emit)
	}
	return n.emitSegments(out)
}

func newVAD(p node.Params) (node.Node, error) {
	ms := func(name string) time.Duration { return time.Duration(p.Int(name)) * time.Millisecond }
	return &vadNode{
		rules: vad.Rules{
			Threshold:  p.Float(vadParamThreshold),
			MinSpeech:  ms(vadParamMinSpeechMs),
			MinSilence: ms(vadParamMinSilenceMs),
			Pad:        ms(vadParamSpeechPadMs),
		},
		gate: p.String(vadParamMode) == vadModeGate,
	}, nil
}

func vadSpec() node.Spec {
	return node.Spec{
		Type:    vadType,
		Summary: "Voice activity detection: reports speech segments, or passes only the audio that holds speech.",
		Description: "A feature-based detector for speech at 8 kHz or more, tuned on 16 kHz (not a neural " +
			"model). Every 10 ms it scores the newest audio 0..1 from its energy above an adaptive noise floor, " +
			"the spectral flatness in 300–3400 Hz and the share of power in that band: score = " +
			"sqrt(energy × (flatness + band)/2), so flat or out-of-band noise scores 0 however loud. Speech " +
			"starts when the score reaches threshold and goes on while it stays above threshold−0.15; it ends " +
			"after min_silence_ms below that. Segments shorter than min_speech_ms are dropped; kept ones are " +
			"widened by speech_pad_ms on both sides (never into the previous one). Multichannel input is " +
			"averaged to mono for analysis. See docs/AUDIO.md for the details and the tested accuracy.\n\n" +
			"In events mode it emits one JSON object {\"start_ms\", \"end_ms\"} per segment, when the segment " +
			"closes (the open one at end of stream). Times are in the input's timeline: they come from the " +
			"audio frames' timestamps, in milliseconds, rounded. In gate mode it emits, unchanged and in order, " +
			"the input frames that overlap a segment (whole frames: feed it 10–30 ms chunks for a fine gate); " +
			"a frame is held until the detector has decided it: at most about min_speech_ms + min_silence_ms + " +
			"speech_pad_ms. " +
			"The rate and channel count must not change mid-stream.",
		Category:  audioCategory,
		Stability: node.Experimental,
		Runtime:   node.RuntimeGo,
		Inputs:    []string{"audio, at least 8 kHz (16 kHz recommended), any channels"},
		Outputs:   []string{`events mode: JSON {"start_ms": int, "end_ms": int} per segment`, "gate mode: the input audio frames that hold speech"},
		Params: []node.Param{
			{
				Name:    vadParamThreshold,
				Type:    node.TypeNumber,
				Doc:     "Speech score (0..1) at which speech starts; lower finds quieter speech and more noise.",
				Default: 0.5,
				Min:     node.Bound(0),
				Max:     node.Bound(1),
			},
			{
				Name:    vadParamMinSpeechMs,
				Type:    node.TypeInteger,
				Doc:     "Shortest segment kept, in milliseconds, before padding.",
				Default: int64(250),
				Min:     node.Bound(0),
			},
			{
				Name:    vadParamMinSilenceMs,
				Type:    node.TypeInteger,
				Doc:     "Silence needed to end a segment, in milliseconds; shorter pauses are bridged.",
				Default: int64(300),
				Min:     node.Bound(0),
			},
			{
				Name:    vadParamSpeechPadMs,
				Type:    node.TypeInteger,
				Doc:     "Padding added before and after each segment, in milliseconds.",
				Default: int64(30),
				Min:     node.Bound(0),
			},
			{
				Name:    vadParamMode,
				Type:    node.TypeString,
				Doc:     "events: emit segment JSON; gate: emit only the audio frames that hold speech.",
				Default: vadModeEvents,
				Enum:    []string{vadModeEvents, vadModeGate},
			},
		},
		Example: `{"id": "vad", "node_type": "VADNode", "params": {"threshold": 0.5, "min_silence_ms": 300}}`,
		New:     newVAD,
	}
}

func init() { node.MustRegister(vadSpec()) }
