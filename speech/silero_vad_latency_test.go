package speech

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// TestSileroVAD_UtteranceDerivesFromClosingFrame: an utterance is emitted
// while the frame in which the VAD saw its end is processed, so a sink's
// latency from input (docs/CLI.md) runs from that frame's entry, the end of
// speech as the VAD decides it.
func TestSileroVAD_UtteranceDerivesFromClosingFrame(t *testing.T) {
	const frameMs = 20
	audio := concat(silence(0.5, 16000), say(t, sentence, 16000), silence(1.5, 16000))
	inputOf := func(emit string) (closing int, end time.Duration) {
		m, err := core.ParseManifest([]byte(fmt.Sprintf(`{"version": "v1", "nodes": [
			{"id": "vad", "node_type": "SileroVADNode", "params": {"emit": %q, "min_silence_duration_ms": 500}}]}`, emit)),
			core.NewConfig())
		require.NoError(t, err)
		p, err := core.NewPipeline(m, core.NewConfig())
		require.NoError(t, err)
		s, err := p.Start(t.Context())
		require.NoError(t, err)
		go func() {
			defer s.CloseInput()
			for i := 0; i < len(audio); i += frameMs * 16 {
				f, err := frame.NewAudio(frame.Audio{Samples: audio[i:min(i+frameMs*16, len(audio))], SampleRate: 16000,
					Channels: 1, Timestamp: time.Duration(i) * time.Second / 16000})
				if err != nil || s.Send(t.Context(), f) != nil {
					return
				}
			}
		}()
		closing = -2
		for o := range s.Outputs() {
			meta, _ := o.Frame.JSONValue().(map[string]any)
			switch {
			case emit == "utterances":
				closing, end = o.Input, time.Duration(o.Frame.Meta()["end_ms"].(int64))*time.Millisecond
			case meta["is_speech_end"] == true:
				closing, end = o.Input, time.Duration(meta["time_ms"].(int64))*time.Millisecond
			}
		}
		require.NoError(t, s.Wait())
		return closing, end
	}
	utterance, end := inputOf("utterances")
	event, _ := inputOf("events")
	speechEnd := end - 30*time.Millisecond // the default speech_pad_ms
	t.Logf("speech ends at %v; closed by frame %d at %v",
		speechEnd, utterance, time.Duration(utterance*frameMs)*time.Millisecond)
	require.NotEqual(t, core.EndOfStream, utterance, "closed by a frame, not by the end of stream")
	require.Equal(t, event, utterance, "emitted with the frame whose window ended the speech")
	// That frame comes min_silence_duration_ms after the speech, within a window and a frame.
	require.InDelta(t, speechEnd+500*time.Millisecond, time.Duration(utterance*frameMs)*time.Millisecond,
		float64(32*time.Millisecond+frameMs*time.Millisecond))
}
