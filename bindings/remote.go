package bindings

// RemotePipelineNode needs gRPC, so it lives outside core; importing its
// package registers it, so the Python package and the pip-installed CLI
// have it.
import _ "github.com/remotemedia/remotemedia/remote/client"
