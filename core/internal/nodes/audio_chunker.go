package nodes

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

const (
	audioChunkerType              = "AudioChunkerNode"
	audioChunkerParamFrameMs      = "frame_ms"
	audioChunkerParamFrameSamples = "frame_samples"
	audioChunkerParamPadLast      = "pad_last"
)

// audioChunker re-frames an audio stream into frames of a fixed number of
// samples, carrying what is left of each input over to the next.
type audioChunker struct {
	frameMs      float64 // one of frameMs and frameSamples is set
	frameSamples int
	padLast      bool

	size     int // frames per output, fixed once the rate is known
	channels int
	pending  []float32 // interleaved samples not yet emitted
	clock    audioClock
	started  bool
}

func (c *audioChunker) Process(ctx context.Context, in *frame.Frame, out node.Emitter) error {
	a, err := audioOf(audioChunkerType, in)
	if err != nil {
		return err
	}
	if c.started && (a.SampleRate != c.clock.rate || a.Channels != c.channels) {
		if len(c.pending) > 0 {
			return fmt.Errorf("%s: input changed from %d Hz, %d channels to %d Hz, %d channels mid-stream; "+
				"put an AudioResampleNode and an AudioMixNode before it", audioChunkerType,
				c.clock.rate, c.channels, a.SampleRate, a.Channels)
		}
		c.started = false
	}
	if !c.started {
		if err := c.start(a); err != nil {
			return err
		}
	} else if !c.clock.contiguous(a.Timestamp, len(c.pending)/c.channels) {
		// A gap or overlap: no output frame may span it.
		if err := c.Flush(ctx, out); err != nil {
			return err
		}
		c.clock.restart(a.Timestamp, a.SampleRate)
	}
	return c.chunk(a.Samples, out)
}

// start fixes the frame size for the stream's rate.
func (c *audioChunker) start(a *frame.Audio) error {
	c.size = c.frameSamples
	if c.frameMs > 0 {
		c.size = int(math.Round(c.frameMs * float64(a.SampleRate) / 1000))
		if c.size < 1 {
			return fmt.Errorf("%s: %s %v is less than one sample at %d Hz", audioChunkerType, audioChunkerParamFrameMs, c.frameMs, a.SampleRate)
		}
	}
	c.channels = a.Channels
	c.clock.restart(a.Timestamp, a.SampleRate)
	c.started = true
	return nil
}

// chunk emits every whole frame of pending+samples and keeps the rest.
func (c *audioChunker) chunk(samples []float32, out node.Emitter) error {
	step := c.size * c.channels
	if len(c.pending) > 0 {
		need := min(step-len(c.pending), len(samples))
		c.pending = append(c.pending, samples[:need]...)
		samples = samples[need:]
		if len(c.pending) < step {
			return nil
		}
		full := c.pending
		c.pending = nil // the emitted frame owns that buffer now
		if err := c.emit(full, out); err != nil {
			return err
		}
	}
	// Whole frames straight from the input share its (immutable) samples.
	for len(samples) >= step {
		if err := c.emit(samples[:step:step], out); err != nil {
			return err
		}
		samples = samples[step:]
	}
	if len(samples) > 0 {
		c.pending = append(make([]float32, 0, step), samples...)
	}
	return nil
}

func (c *audioChunker) emit(samples []float32, out node.Emitter) error {
	frames := len(samples) / c.channels
	f, err := frame.NewAudio(frame.Audio{Samples: samples, SampleRate: c.clock.rate, Channels: c.channels, Timestamp: c.clock.at(0)})
	if err != nil {
		return err
	}
	c.clock.advance(frames)
	return out.Emit(f)
}

// Flush emits the remainder at end of stream, padded with silence to a whole
// frame when pad_last is set.
func (c *audioChunker) Flush(_ context.Context, out node.Emitter) error {
	if len(c.pending) == 0 {
		return nil
	}
	rest := c.pending
	c.pending = nil
	if c.padLast {
		rest = append(rest, make([]float32, c.size*c.channels-len(rest))...)
	}
	return c.emit(rest, out)
}

func newAudioChunker(p node.Params) (node.Node, error) {
	hasMs, hasSamples := p.Has(audioChunkerParamFrameMs), p.Has(audioChunkerParamFrameSamples)
	if hasMs == hasSamples {
		return nil, errors.New(audioChunkerType + ": set exactly one of " + audioChunkerParamFrameMs + " and " + audioChunkerParamFrameSamples)
	}
	c := &audioChunker{
		frameMs:      p.Float(audioChunkerParamFrameMs),
		frameSamples: int(p.Int(audioChunkerParamFrameSamples)),
		padLast:      p.Bool(audioChunkerParamPadLast),
	}
	if hasMs && c.frameMs <= 0 {
		return nil, fmt.Errorf("%s: %s must be positive; got %v", audioChunkerType, audioChunkerParamFrameMs, c.frameMs)
	}
	return c, nil
}

func audioChunkerSpec() node.Spec {
	return node.Spec{
		Type:    audioChunkerType,
		Summary: "Re-frames an audio stream into frames of a fixed duration or sample count.",
		Description: "Models such as VAD and speech recognisers want fixed-size frames (e.g. 20 ms), while sources " +
			"deliver whatever block size they have. This node buffers across inputs: each output holds exactly " +
			"frame_samples sample frames per channel, or frame_ms milliseconds rounded to the nearest sample at " +
			"the input's rate (20 ms at 44.1 kHz is 882 samples). What is left at end of stream is emitted as a " +
			"shorter last frame, or padded with silence to a whole frame when pad_last is true.\n\n" +
			"Each output's timestamp is the presentation time of its first sample, computed from the first " +
			"input's timestamp and the sample count, so it stays exact however the input was split. An input " +
			"whose timestamp does not continue the previous one (a gap or overlap of more than half a sample) " +
			"starts a new run: the remainder before it is emitted first, so no frame spans the gap. The sample " +
			"rate and channel count may change only between runs. Outputs carry no metadata, since one output " +
			"may span several inputs.",
		Category:  audioCategory,
		Stability: node.Beta,
		Runtime:   node.RuntimeGo,
		Light:     true,
		Inputs:    []string{"audio (any block size)"},
		Outputs:   []string{"audio of exactly the frame size (the last may be shorter unless pad_last)"},
		Params: []node.Param{
			{
				Name: audioChunkerParamFrameMs,
				Type: node.TypeNumber,
				Doc:  "Frame duration in milliseconds, positive. Set this or frame_samples, not both.",
				Max:  node.Bound(60000),
			},
			{
				Name: audioChunkerParamFrameSamples,
				Type: node.TypeInteger,
				Doc:  "Frame size in sample frames (samples per channel). Set this or frame_ms, not both.",
				Min:  node.Bound(1),
			},
			{
				Name:    audioChunkerParamPadLast,
				Type:    node.TypeBoolean,
				Doc:     "Pad the last frame with silence to the full size instead of emitting it short.",
				Default: false,
			},
		},
		Example: `{"id": "chunk", "node_type": "AudioChunkerNode", "params": {"frame_ms": 20}}`,
		New:     newAudioChunker,
	}
}

func init() { node.MustRegister(audioChunkerSpec()) }
