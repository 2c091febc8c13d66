package speech

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/internal/testvectors"
)

// TestSTTTTSDoc_CoversTheSpecs fails when docs/SPEECH_STT_TTS.md stops
// naming a param of EspeakTTSNode or WhisperSTTNode (docs/NODES.md holds
// core's nodes only, so this page is EspeakTTSNode's reference).
func TestSTTTTSDoc_CoversTheSpecs(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(testvectors.RepoRoot(t), "docs", "SPEECH_STT_TTS.md"))
	require.NoError(t, err)
	names := []string{espeakMetaText, espeakInstallHint}
	for _, typ := range []string{espeakType, "WhisperSTTNode"} {
		spec, ok := node.Default().Lookup(typ)
		require.True(t, ok, typ)
		for _, p := range spec.Params {
			names = append(names, "`"+p.Name+"`")
		}
	}
	for _, name := range names {
		require.True(t, strings.Contains(string(doc), name), "docs/SPEECH_STT_TTS.md does not mention %s", name)
	}
}
