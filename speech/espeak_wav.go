//go:build !js

package speech

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"

	"github.com/remotemedia/remotemedia/core"
)

// espeakAudio is what one espeak-ng call said.
type espeakAudio struct {
	samples []float32
	rate    int
}

// synthesize runs espeak-ng on text, given on stdin so that no text can be
// read as an option and no length limit of argv applies.
func (n *espeakTTS) synthesize(ctx context.Context, text string) (*espeakAudio, error) {
	p := n.params
	cmd := exec.CommandContext(ctx, n.bin, "--stdout", "-v", p.voice, "-s", strconv.Itoa(p.rateWPM), "-g", strconv.Itoa(p.wordGap))
	cmd.Stdin = strings.NewReader(text)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%s: espeak-ng -v %s: %v: %s", espeakType, p.voice, err,
			strings.TrimSpace(stderr.String()))
	}
	if stdout.Len() == 0 { // espeak-ng writes nothing at all for blank text
		return &espeakAudio{}, nil
	}
	a, err := decodeEspeakWAV(stdout.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%s: reading espeak-ng's output: %w", espeakType, err)
	}
	return a, nil
}

// The canonical 44-byte header espeak-ng writes: RIFF size at 4, data
// chunk id at 36, its size at 40.
const (
	wavRIFFSizeAt = 4
	wavDataIDAt   = 36
	wavDataSizeAt = 40
	wavHeaderLen  = 44
)

// decodeEspeakWAV reads espeak-ng's --stdout WAV. Writing to a pipe, it
// cannot seek back to patch the sizes, so it declares 0x7ffff000 bytes; the
// real sizes are known here, so they are patched in before the project's
// WAV reader, which rightly calls such a file truncated, reads it.
func decodeEspeakWAV(b []byte) (*espeakAudio, error) {
	if len(b) < wavHeaderLen || string(b[wavDataIDAt:wavDataIDAt+4]) != "data" {
		return nil, errors.New("not the 44-byte WAV header espeak-ng writes")
	}
	fixed := bytes.Clone(b[:wavHeaderLen])
	binary.LittleEndian.PutUint32(fixed[wavRIFFSizeAt:], uint32(len(b)-8))
	binary.LittleEndian.PutUint32(fixed[wavDataSizeAt:], uint32(len(b)-wavHeaderLen))
	r, err := core.NewWAVReader(io.MultiReader(bytes.NewReader(fixed), bytes.NewReader(b[wavHeaderLen:])))
	if err != nil {
		return nil, err
	}
	info := r.Info()
	if info.Channels != 1 {
		return nil, fmt.Errorf("espeak-ng wrote %d channels, expected 1", info.Channels)
	}
	out := &espeakAudio{rate: info.SampleRate}
	if info.Frames == 0 {
		return out, nil
	}
	if out.samples, err = r.ReadFrames(int(info.Frames)); err != nil {
		return nil, err
	}
	return out, nil
}
