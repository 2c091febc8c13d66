//go:build !js

package speech

import (
	"context"
	"fmt"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// espeakTTS is one EspeakTTSNode instance.
type espeakTTS struct {
	params espeakParams
	bin    string // the espeak-ng executable
	frames int64  // sample frames emitted so far
	rate   int    // the voice's sample rate, from its first output
}

func (n *espeakTTS) Process(ctx context.Context, in *frame.Frame, out node.Emitter) error {
	text, ok := textOf(in)
	if !ok {
		return fmt.Errorf("%s needs text frames (or JSON strings), got %s", espeakType, in.Kind())
	}
	for _, chunk := range splitText(text, n.params.maxChars) {
		speech, err := n.synthesize(ctx, chunk)
		if err != nil {
			return err
		}
		if err := n.emit(out, speech, chunk); err != nil {
			return err
		}
	}
	return nil
}

func textOf(in *frame.Frame) (string, bool) {
	switch in.Kind() {
	case frame.KindText:
		return in.TextValue(), true
	case frame.KindJSON:
		s, ok := in.JSONValue().(string)
		return s, ok
	}
	return "", false
}

// emit stamps speech where the previous frame ended: the timestamp is
// computed from the sample count, so it does not drift.
func (n *espeakTTS) emit(out node.Emitter, speech *espeakAudio, text string) error {
	if len(speech.samples) == 0 {
		return nil
	}
	if n.rate != 0 && speech.rate != n.rate {
		return fmt.Errorf("%s: espeak-ng changed sample rate from %d to %d Hz mid-stream", espeakType, n.rate, speech.rate)
	}
	n.rate = speech.rate
	f, err := frame.NewAudio(frame.Audio{
		Samples: speech.samples, SampleRate: speech.rate, Channels: 1,
		Timestamp: time.Duration(n.frames) * time.Second / time.Duration(speech.rate),
	})
	if err != nil {
		return fmt.Errorf("%s: %w", espeakType, err)
	}
	n.frames += int64(len(speech.samples))
	return out.Emit(f.WithMeta(map[string]any{espeakMetaText: text}))
}
