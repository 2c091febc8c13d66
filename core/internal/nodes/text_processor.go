package nodes

import "github.com/remotemedia/remotemedia/core/node"

// pythonOnlyNote opens the description of every spec whose node runs in the
// Python package.
const pythonOnlyNote = "Runs in the Python package (`pip install remotemedia`); the pure-Go engine and CLI only " +
	"validate manifests that use it.\n\n"

// textProcessorSpec documents a node that runs in the Python package. The Go
// engine knows the spec so it can validate manifests that use it and say
// what is missing when asked to run one.
func textProcessorSpec() node.Spec {
	return node.Spec{
		Type:    "TextProcessorNode",
		Summary: "Applies simple text operations to the text in each input record.",
		Description: pythonOnlyNote +
			"Each input is a JSON object `{\"text\": \"...\", \"operations\": [...]}`, where each operation is one of " +
			"`uppercase`, `lowercase`, `reverse`, `word_count`, `char_count` or `trim`. " +
			"The output is `{\"original_text\": ..., \"operations\": [...], \"results\": {operation: result}}`, " +
			"with counts as integers and the other results as strings.",
		Category:  "text",
		Stability: node.Beta,
		Runtime:   node.RuntimePython,
		Inputs:    []string{`json {"text": string, "operations": [string, ...]}`},
		Outputs:   []string{`json {"original_text": string, "operations": [string, ...], "results": object}`},
		Example:   `{"id": "text", "node_type": "TextProcessorNode", "params": {}}`,
	}
}

func init() { node.MustRegister(textProcessorSpec()) }
