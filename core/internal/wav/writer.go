package wav

import (
	"errors"
	"fmt"
	"io"
)

// Write writes a whole WAV file: interleaved samples, rate, channel count and
// the sample format to store. Integer formats clamp and round (see
// Float32ToS16).
func Write(w io.Writer, samples []float32, rate, channels int, format Format) error {
	if err := checkLayout(rate, channels, format); err != nil {
		return err
	}
	if len(samples)%channels != 0 {
		return fmt.Errorf("wav: %d samples do not divide into %d channels", len(samples), channels)
	}
	dataBytes := int64(len(samples) * format.BytesPerSample())
	if dataBytes > maxDataBytes {
		return fmt.Errorf("wav: %d bytes of samples exceed the WAV limit of %d", dataBytes, int64(maxDataBytes))
	}
	l := newLayout(rate, channels, format)
	l.setSizes(dataBytes, channels, format)
	body := make([]byte, dataBytes+dataBytes&1)
	encodeSamples(body, samples, format)
	if _, err := w.Write(l.header); err != nil {
		return fmt.Errorf("wav: write header: %w", err)
	}
	if _, err := w.Write(body); err != nil {
		return fmt.Errorf("wav: write data: %w", err)
	}
	return nil
}

// Writer streams samples to a WAV file whose length is not known up front.
// The header's size fields say "unknown" until Close patches them, so even a
// file left unfinished by a crash reads back.
type Writer struct {
	w         io.WriteSeeker
	layout    layout
	channels  int
	format    Format
	dataBytes int64
	buf       []byte
	closed    bool
}

// NewWriter writes a WAV header to w and returns a Writer for the samples.
func NewWriter(w io.WriteSeeker, rate, channels int, format Format) (*Writer, error) {
	if err := checkLayout(rate, channels, format); err != nil {
		return nil, err
	}
	l := newLayout(rate, channels, format)
	l.setUnknownSizes()
	if _, err := w.Write(l.header); err != nil {
		return nil, fmt.Errorf("wav: write header: %w", err)
	}
	return &Writer{w: w, layout: l, channels: channels, format: format}, nil
}

// Write appends interleaved samples; their count must be a multiple of the
// channel count.
func (w *Writer) Write(samples []float32) error {
	if w.closed {
		return errors.New("wav: write after Close")
	}
	if len(samples)%w.channels != 0 {
		return fmt.Errorf("wav: %d samples do not divide into %d channels", len(samples), w.channels)
	}
	n := int64(len(samples) * w.format.BytesPerSample())
	if w.dataBytes+n > maxDataBytes {
		return fmt.Errorf("wav: %d bytes of samples exceed the WAV limit of %d", w.dataBytes+n, int64(maxDataBytes))
	}
	if int64(cap(w.buf)) < n {
		w.buf = make([]byte, n)
	}
	buf := w.buf[:n]
	encodeSamples(buf, samples, w.format)
	if _, err := w.w.Write(buf); err != nil {
		return fmt.Errorf("wav: write data: %w", err)
	}
	w.dataBytes += n
	return nil
}

// Close pads the data chunk to an even length and patches the header sizes.
// It does not close the underlying writer.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	if w.dataBytes&1 == 1 {
		if _, err := w.w.Write([]byte{0}); err != nil {
			return fmt.Errorf("wav: write pad byte: %w", err)
		}
	}
	w.layout.setSizes(w.dataBytes, w.channels, w.format)
	if _, err := w.w.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("wav: seek to patch header: %w", err)
	}
	if _, err := w.w.Write(w.layout.header); err != nil {
		return fmt.Errorf("wav: patch header: %w", err)
	}
	if _, err := w.w.Seek(0, io.SeekEnd); err != nil {
		return fmt.Errorf("wav: seek to end: %w", err)
	}
	return nil
}
