// Package speech holds the speech nodes that run ONNX models through ONNX
// Runtime: SileroVADNode (voice activity) and TurnDetectorNode (end of
// turn). ONNX Runtime needs cgo, so these nodes live outside core, which
// stays pure Go for the browser and WASI builds. Import the package for its
// side effects to register them:
//
//	import _ "github.com/remotemedia/remotemedia/speech"
//
// The runtime library and the models come from PyPI packages and are found
// on disk, never downloaded: see docs/SPEECH.md.
package speech

// speechCategory groups these nodes in `remotemedia nodes`.
const speechCategory = "speech"
