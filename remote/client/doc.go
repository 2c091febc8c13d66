// Package client holds RemotePipelineNode, the node that runs a
// sub-manifest on a `remotemedia serve` server (or any server speaking
// upstream's remotemedia.v1 protocol) over one gRPC stream per run. It
// needs the network, so it lives outside core, which stays pure Go for the
// browser and WASI builds. Import the package for its side effects to
// register the node type:
//
//	import _ "github.com/remotemedia/remotemedia/remote/client"
//
// See docs/REMOTE.md.
package client
