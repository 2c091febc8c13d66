package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGraph_Command(t *testing.T) {
	path := writeFile(t, "two.json", twoSinkManifest)
	calc := writeFile(t, "calc.json", calculatorManifest)
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{name: "dot is the default", args: []string{"graph", calc}, wantStdout: `digraph "calc" {
  rankdir=LR;
  node [shape=box];
  "multiply" [label="multiply\nMultiplyNode"];
  "add" [label="add\nAddNode"];
  "multiply" -> "add";
}
`},
		{name: "dot unnamed fan-out", args: []string{"graph", path, "--format", "dot"}, wantStdout: `digraph "pipeline" {
  rankdir=LR;
  node [shape=box];
  "src" [label="src\nPassThrough"];
  "double" [label="double\nMultiplyNode"];
  "plus" [label="plus\nAddNode"];
  "src" -> "double";
  "src" -> "plus";
}
`},
		{name: "mermaid", args: []string{"graph", path, "--format", "mermaid"}, wantStdout: `flowchart LR
  n0["src<br/>PassThrough"]
  n1["double<br/>MultiplyNode"]
  n2["plus<br/>AddNode"]
  n0 --> n1
  n0 --> n2
`},
		{name: "unknown format", args: []string{"graph", path, "--format", "svg"}, wantCode: ExitInvalid,
			wantStderr: "error: --format must be dot or mermaid, got \"svg\"\n"},
		{name: "invalid manifest", args: []string{"graph", writeFile(t, "bad.json", `{"version":"v1","nodes":[]}`)},
			wantCode: ExitInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runCLI(t, "", tt.args...)
			assert.Equal(t, tt.wantCode, res.code, res.stderr)
			assert.Equal(t, tt.wantStdout, res.stdout)
			if tt.wantStderr != "" {
				assert.Equal(t, tt.wantStderr, res.stderr)
			}
			assertErrorLines(t, res.stderr)
		})
	}
}
