package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeCommand is one `$ bin/remotemedia ...` line of a README code block
// and the output lines shown under it (none means "any output").
type readmeCommand struct {
	line string
	want []string
}

// readmeCommands collects the CLI sessions shown in README.md.
func readmeCommands(t *testing.T, path string) []readmeCommand {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var cmds []readmeCommand
	inBlock := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```"):
			inBlock = !inBlock
			cmds = append(cmds, readmeCommand{}) // a block's end ends the output
		case !inBlock:
		case strings.HasPrefix(line, "$ bin/remotemedia "):
			cmds = append(cmds, readmeCommand{line: strings.TrimPrefix(line, "$ ")})
		case strings.HasPrefix(line, "$ "):
			cmds = append(cmds, readmeCommand{}) // so does another command
		case len(cmds) > 0 && cmds[len(cmds)-1].line != "":
			last := &cmds[len(cmds)-1]
			last.want = append(last.want, line)
		}
	}
	require.NoError(t, sc.Err())
	var out []readmeCommand
	for _, c := range cmds {
		if c.line != "" {
			out = append(out, c)
		}
	}
	return out
}

// TestReadme_CommandsRun runs every `$ bin/remotemedia ...` line of the
// README from the repository root and checks the output the README shows.
func TestReadme_CommandsRun(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	cmds := readmeCommands(t, filepath.Join(root, "README.md"))
	require.NotEmpty(t, cmds, "README.md shows no remotemedia commands")
	for _, c := range cmds {
		t.Run(c.line, func(t *testing.T) {
			shell := exec.Command("bash", "-c", binary+strings.TrimPrefix(c.line, "bin/remotemedia"))
			shell.Dir = root
			out, err := shell.CombinedOutput()
			require.NoError(t, err, "%s", out)
			if len(c.want) > 0 {
				assert.Equal(t, strings.Join(c.want, "\n"), strings.TrimRight(string(out), "\n"))
			}
		})
	}
}

// TestReadme_ManifestsValidate checks every JSON block of the README is a
// manifest the CLI accepts.
func TestReadme_ManifestsValidate(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	blocks := strings.Split(string(data), "```json\n")[1:]
	require.NotEmpty(t, blocks, "README.md shows no manifest")
	for i, block := range blocks {
		manifest := block[:strings.Index(block, "```")]
		path := filepath.Join(t.TempDir(), "readme.json")
		require.NoError(t, os.WriteFile(path, []byte(manifest), 0o644))
		out, err := exec.Command(binary, "validate", path).CombinedOutput()
		require.NoError(t, err, "README manifest %d: %s", i, out)
	}
}
