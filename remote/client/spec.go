package client

import "github.com/remotemedia/remotemedia/core/node"

func init() { node.MustRegister(spec()) }

func spec() node.Spec {
	return node.Spec{
		Type:    nodeType,
		Summary: "Runs a sub-pipeline on a remote server (remotemedia serve, or any remotemedia.v1 server) over one gRPC stream per run.",
		Description: "Runs a linear sub-pipeline (one path from its source to its sink). Opens one StreamPipeline session per run (at Init, so a bad endpoint or a manifest the server refuses " +
			"fails before any input), sends each input as a DataChunk and emits what the server's sinks output for it, " +
			"attributed to that input. Up to max_in_flight inputs travel at once, so an item costs no round trip, and the " +
			"outputs keep input order: they are those of the sub-pipeline run in process. At end of stream the node sends " +
			"CLOSE and emits the server's flush outputs. A lost connection, an input whose outputs do not come back within " +
			"timeout_ms, or a remote node error fails the run naming this node and the oldest input in flight. retry " +
			"covers opening the session (the next endpoint is tried after backoff_ms, doubling), never a stream in " +
			"progress, which could not be replayed without repeating outputs. Not in the browser build.",
		Category:  "remote",
		Stability: node.Experimental,
		Runtime:   node.RuntimeGo,
		Inputs:    []string{"any frame the protocol carries: audio, tensor, json, text, bytes"},
		Outputs:   []string{"what the sub-pipeline's sinks emit"},
		Params: []node.Param{
			{Name: paramEndpoint, Type: node.TypeString, Doc: "The server, as \"host:port\". Set this or endpoints."},
			{Name: paramEndpoints, Type: node.TypeArray, Doc: "Several servers (\"host:port\" strings): each run opens its session on the next one, round robin."},
			{Name: paramManifest, Type: node.TypeObject, Doc: "The sub-pipeline's manifest (v1), inline. Set this or manifest_path. Its node types are checked by the server."},
			{Name: paramManifestPath, Type: node.TypeString, Doc: "A file holding the sub-pipeline's manifest, relative to the working directory."},
			{Name: paramTimeoutMs, Type: node.TypeInteger, Default: int64(defaultTimeoutMs), Min: node.Bound(1), Max: node.Bound(3_600_000),
				Doc: "How long the handshake, and each input's outputs, may take before the run fails."},
			{Name: paramRetry, Type: node.TypeObject, Doc: "{\"max_retries\": 3, \"backoff_ms\": 1000}: how often to retry opening the session, and the first wait (it doubles)."},
			{Name: paramAuthToken, Type: node.TypeString, Doc: "Sent as \"authorization: Bearer <token>\". ${NAME} is replaced by the environment variable NAME (unset: an error)."},
			{Name: paramTLS, Type: node.TypeAny, Doc: "true for TLS with the system's roots, or {\"ca_file\": \"ca.pem\", \"server_name\": \"...\"}; absent or false: plaintext (loopback and trusted networks)."},
			{Name: paramMaxInFlight, Type: node.TypeInteger, Default: int64(defaultMaxInFlight), Min: node.Bound(2), Max: node.Bound(4096),
				Doc: "How many inputs may travel before their outputs come back. An input counts as done when an output of a later one arrives, so a sub-pipeline that outputs nothing for this many inputs in a row waits for timeout_ms (raise it for sparse outputs)."},
		},
		Example: `{"id": "stt", "node_type": "RemotePipelineNode", "params": {"endpoint": "127.0.0.1:50051", "auth_token": "${REMOTEMEDIA_TOKEN}", "manifest": {"version": "v1", "nodes": [{"id": "add", "node_type": "AddNode", "params": {"addend": 10}}]}}}`,
		New:     newRemoteNode,
	}
}
