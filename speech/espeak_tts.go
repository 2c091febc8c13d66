//go:build !js

package speech

import (
	"context"
	"fmt"
	"os/exec"
	"time"

	"github.com/remotemedia/remotemedia/core/node"
)

const (
	espeakType          = "EspeakTTSNode"
	espeakParamVoice    = "voice"
	espeakParamRateWPM  = "rate_wpm"
	espeakParamMaxChars = "max_chars"
	espeakParamWordGap  = "word_gap"
	espeakMetaText      = "text"
	// espeak-ng's own bounds on -s, in words per minute.
	espeakMinWPM, espeakMaxWPM = 80, 450
	espeakInstallHint          = "apt-get install espeak-ng"
	// Checking a voice speaks nothing: it takes milliseconds, unless the
	// machine is badly overloaded.
	voiceCheckTimeout = 30 * time.Second
)

// espeakParams are an EspeakTTSNode's validated settings.
type espeakParams struct {
	voice    string
	rateWPM  int
	maxChars int
	wordGap  int
}

// newEspeakTTS finds espeak-ng and checks the voice: the engine reports
// errors from here as a pipeline that cannot be built (CLI exit 2), before
// any node starts, rather than as a node failing on its first text.
func newEspeakTTS(p node.Params) (node.Node, error) {
	bin, err := exec.LookPath("espeak-ng")
	if err != nil {
		return nil, fmt.Errorf("%s: espeak-ng not found on PATH: %s", espeakType, espeakInstallHint)
	}
	n := &espeakTTS{bin: bin, params: espeakParams{
		voice:    p.String(espeakParamVoice),
		rateWPM:  int(p.Int(espeakParamRateWPM)),
		maxChars: int(p.Int(espeakParamMaxChars)),
		wordGap:  int(p.Int(espeakParamWordGap)),
	}}
	ctx, cancel := context.WithTimeout(context.Background(), voiceCheckTimeout)
	defer cancel()
	if _, err := n.synthesize(ctx, ""); err != nil {
		return nil, err
	}
	return n, nil
}

func espeakSpec() node.Spec {
	return node.Spec{
		Type:    espeakType,
		Summary: "Speaks text with espeak-ng: one mono audio frame per sentence group, at the voice's own rate.",
		Description: "Runs the espeak-ng program (found on PATH; " + espeakInstallHint + ") once per chunk of text " +
			"and emits its speech as mono float32 audio at the voice's native rate (22050 Hz for espeak-ng's own " +
			"voices). A text longer than max_chars is split, not rejected: at sentence ends when it can, else after " +
			"a comma, semicolon or colon, else at a space; short sentences are kept together up to max_chars. " +
			"Each frame is stamped where the previous one ended, so the node's output is one continuous " +
			"recording, and carries meta text (what it says). A blank text gives no output.\n\n" +
			"Input: text frames or JSON strings. A missing espeak-ng or an unknown voice is an error when the " +
			"pipeline is built, before any input. Resample with an AudioResampleNode for a consumer that needs " +
			"another rate (WhisperSTTNode needs 16 kHz).",
		Category:  speechCategory,
		Stability: node.Experimental,
		Runtime:   node.RuntimeGo,
		Inputs:    []string{"text (or a JSON string)"},
		Outputs:   []string{"audio, mono, the voice's rate (22050 Hz), one frame per chunk, meta text"},
		Params: []node.Param{
			{Name: espeakParamVoice, Type: node.TypeString, Default: "en-us",
				Doc: "espeak-ng voice (`espeak-ng --voices` lists them), e.g. en-us, en-gb, de, fr."},
			{Name: espeakParamRateWPM, Type: node.TypeInteger, Default: int64(175),
				Min: node.Bound(espeakMinWPM), Max: node.Bound(espeakMaxWPM),
				Doc: "Speaking rate in words per minute (espeak-ng's -s)."},
			{Name: espeakParamWordGap, Type: node.TypeInteger, Default: int64(0), Min: node.Bound(0), Max: node.Bound(100),
				Doc: "Extra pause between words (espeak-ng's -g), in units of about 10 ms at 175 wpm, longer at slower rates; " +
					"a few units make speech clearer, e.g. for speech recognition."},
			{Name: espeakParamMaxChars, Type: node.TypeInteger, Default: int64(300), Min: node.Bound(20),
				Doc: "Longest chunk of text spoken in one espeak-ng call, in characters; longer texts are split."},
		},
		Example: `{"id": "tts", "node_type": "EspeakTTSNode", "params": {"voice": "en-us", "rate_wpm": 175}}`,
		New:     newEspeakTTS,
	}
}

func init() { node.MustRegister(espeakSpec()) }
