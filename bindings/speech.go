package bindings

// The ONNX speech nodes (SileroVADNode, TurnDetectorNode) run in the Python
// extension too; they live outside core because they need cgo.
import _ "github.com/remotemedia/remotemedia/speech"
