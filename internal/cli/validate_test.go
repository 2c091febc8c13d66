package cli

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestValidate_Command(t *testing.T) {
	tests := []struct {
		name      string
		manifest  string
		wantCode  int
		wantLines []string // stderr line prefixes, in any order
	}{
		{name: "valid", manifest: calculatorManifest, wantCode: ExitOK},
		{name: "python nodes are valid", wantCode: ExitOK,
			manifest: `{"version":"v1","nodes":[{"id":"t","node_type":"TextProcessorNode","params":{}}],"connections":[]}`},
		{name: "every problem with its path", wantCode: ExitInvalid,
			manifest: `{"version":"v2","nodes":[{"id":"a","node_type":"AddNode","params":{"addend":"x"}},` +
				`{"id":"a","node_type":"PassThrough"}],"connections":[{"from":"a","to":"zz"}]}`,
			wantLines: []string{
				`error: invalid manifest: $.version: `,
				`error: invalid manifest: $.nodes[0].params.addend: `,
				`error: invalid manifest: $.nodes[1].id: `,
				`error: invalid manifest: $.connections[0].to: `,
			}},
		{name: "bad JSON says where", manifest: "{\n  \"version\": \"v1\",\n  nodes\n}", wantCode: ExitInvalid,
			wantLines: []string{"error: invalid manifest: $: invalid JSON at 3:3: "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runCLI(t, "", "validate", writeFile(t, "m.json", tt.manifest))
			assert.Equal(t, tt.wantCode, res.code, res.stderr)
			if tt.wantCode == ExitOK {
				assert.Equal(t, "ok\n", res.stdout)
				assert.Empty(t, res.stderr)
				return
			}
			assert.Empty(t, res.stdout)
			lines := strings.Split(strings.TrimSuffix(res.stderr, "\n"), "\n")
			assert.Len(t, lines, len(tt.wantLines), res.stderr)
			for _, want := range tt.wantLines {
				assert.True(t, hasLineWithPrefix(lines, want), "no line starts with %q in:\n%s", want, res.stderr)
			}
		})
	}
}

func hasLineWithPrefix(lines []string, prefix string) bool {
	for _, line := range lines {
		if strings.HasPrefix(line, prefix) {
			return true
		}
	}
	return false
}

func TestValidate_ListsAtMostMaxProblems(t *testing.T) {
	var conns []string
	for i := range 150 {
		conns = append(conns, `{"from":"a","to":"missing`+strconv.Itoa(i)+`"}`)
	}
	manifest := `{"version":"v1","nodes":[{"id":"a","node_type":"PassThrough"}],"connections":[` + strings.Join(conns, ",") + `]}`
	res := runCLI(t, "", "validate", writeFile(t, "m.json", manifest))
	assert.Equal(t, ExitInvalid, res.code)
	lines := strings.Split(strings.TrimSuffix(res.stderr, "\n"), "\n")
	assert.Len(t, lines, 101, "100 problems, then one line for the rest")
	assert.Equal(t, "error: invalid manifest: … and 50 more problems", lines[100])
}

// validate accepted a JSONSelectNode path that run rejected (issue 9): both
// now run the node's constructor, so they give the same verdict.
func TestValidate_AgreesWithRunOnConstructorChecks(t *testing.T) {
	path := writeFile(t, "m.json", `{"version":"v1","nodes":[{"id":"sel","node_type":"JSONSelectNode","params":{"path":"a[x"}}]}`)
	val := runCLI(t, "", "validate", path)
	run := runCLI(t, "", "run", path, "--input", `[{"a":[1]}]`)
	assert.Equal(t, ExitInvalid, val.code, val.stderr)
	assert.Equal(t, ExitInvalid, run.code, run.stderr)
	assert.True(t, strings.HasPrefix(val.stderr, `error: invalid manifest: $.nodes[0].params: path "a[x": `), val.stderr)
	assert.Equal(t, val.stderr, run.stderr, "one verdict, one message")
}
