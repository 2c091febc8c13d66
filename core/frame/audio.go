package frame

import (
	"fmt"
	"time"
)

// Audio is interleaved float32 PCM. Timestamp is the presentation time of
// the first sample, relative to the start of the stream.
type Audio struct {
	Samples    []float32
	SampleRate int
	Channels   int
	Timestamp  time.Duration
}

// Frames is the number of sample frames (samples per channel).
func (a *Audio) Frames() int {
	if a.Channels <= 0 {
		return 0
	}
	return len(a.Samples) / a.Channels
}

// Duration is the length of the audio.
func (a *Audio) Duration() time.Duration {
	if a.SampleRate <= 0 {
		return 0
	}
	return time.Duration(a.Frames()) * time.Second / time.Duration(a.SampleRate)
}

// NewAudio returns an audio frame; it takes ownership of a.Samples.
func NewAudio(a Audio) (*Frame, error) {
	if a.SampleRate <= 0 {
		return nil, fmt.Errorf("audio: sample_rate must be positive, got %d", a.SampleRate)
	}
	if a.Channels <= 0 {
		return nil, fmt.Errorf("audio: channels must be positive, got %d", a.Channels)
	}
	if len(a.Samples)%a.Channels != 0 {
		return nil, fmt.Errorf("audio: %d samples do not divide into %d channels", len(a.Samples), a.Channels)
	}
	return &Frame{kind: KindAudio, payload: &a}, nil
}
