package bindings

// The speech nodes (EspeakTTSNode, ...) live outside core; importing the
// package registers them, so the Python package and the pip-installed CLI
// have them too.
import _ "github.com/remotemedia/remotemedia/speech"
