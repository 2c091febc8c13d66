package bindings

// The speech nodes (SileroVADNode, TurnDetectorNode, EspeakTTSNode) live
// outside core because they need cgo or run programs; importing the package
// registers them, so the Python package and the pip-installed CLI have them.
import _ "github.com/remotemedia/remotemedia/speech"
