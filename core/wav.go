package core

import (
	"io"

	"github.com/remotemedia/remotemedia/core/internal/wav"
)

// WAV files are how front ends (the CLI, bindings) stream audio through a
// pipeline: the reader yields blocks of interleaved float32 samples and the
// exact timestamp of each, the writer streams samples and patches the header
// on Close.
type (
	WAVReader = wav.Reader
	WAVWriter = wav.Writer
	WAVInfo   = wav.Info
	WAVFormat = wav.Format
)

// NewWAVReader reads a WAV header and leaves r at the first sample.
func NewWAVReader(r io.Reader) (*WAVReader, error) { return wav.NewReader(r) }

// NewWAVWriter writes a WAV header to w and returns a writer for the
// samples; Close patches the sizes.
func NewWAVWriter(w io.WriteSeeker, rate, channels int, format WAVFormat) (*WAVWriter, error) {
	return wav.NewWriter(w, rate, channels, format)
}

// WriteWAV writes a whole WAV file to w; it checks the layout and the size
// before writing anything.
func WriteWAV(w io.Writer, samples []float32, rate, channels int, format WAVFormat) error {
	return wav.Write(w, samples, rate, channels, format)
}

// ParseWAVFormat reads a sample format name: s8, s16, s24, s32, f32, f64,
// ulaw or alaw (G.711).
func ParseWAVFormat(name string) (WAVFormat, error) { return wav.ParseFormat(name) }
