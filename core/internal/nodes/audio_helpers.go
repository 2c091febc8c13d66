package nodes

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/wav"
)

// audioCategory groups the audio nodes in docs/NODES.md.
const audioCategory = "audio"

// audioOf returns the audio payload of in, or an error naming what nodeType
// received instead.
func audioOf(nodeType string, in *frame.Frame) (*frame.Audio, error) {
	if a := in.Audio(); a != nil {
		return a, nil
	}
	return nil, fmt.Errorf("%s needs an audio frame; got %s", nodeType, in.Kind())
}

// audioClock turns sample counts into presentation times. Every time is
// anchor + n samples, computed from the count (never by adding durations),
// so rounding never accumulates however long the stream runs.
type audioClock struct {
	rate   int
	anchor time.Duration
	frames int64 // samples from the anchor to the current position
}

// at is the time of the sample n frames after the current position.
func (c *audioClock) at(n int) time.Duration {
	return c.anchor + wav.FramesToDuration(c.frames+int64(n), c.rate)
}

// contiguous reports whether an input stamped ts starts n frames after the
// current position, within half a sample.
func (c *audioClock) contiguous(ts time.Duration, n int) bool {
	diff := ts - c.at(n)
	if diff < 0 {
		diff = -diff
	}
	return 2*int64(diff)*int64(c.rate) < int64(time.Second)
}

// restart anchors the clock at ts with a new rate.
func (c *audioClock) restart(ts time.Duration, rate int) {
	*c = audioClock{rate: rate, anchor: ts}
}

// advance moves the current position n frames on.
func (c *audioClock) advance(n int) { c.frames += int64(n) }

// metaInt reads an integer metadata value, whichever numeric type a Go
// caller or the JSON decoder gave it.
func metaInt(meta map[string]any, key string) (int64, bool, error) {
	v, ok := meta[key]
	if !ok {
		return 0, false, nil
	}
	switch n := v.(type) {
	case int:
		return int64(n), true, nil
	case int64:
		return n, true, nil
	case int32:
		return int64(n), true, nil
	case float64:
		if n == float64(int64(n)) {
			return int64(n), true, nil
		}
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return i, true, nil
		}
	}
	return 0, true, fmt.Errorf("meta %q must be an integer; got %v", key, v)
}
