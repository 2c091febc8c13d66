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

// TestSpeechDoc_CoversTheSpecs fails when docs/SPEECH.md stops naming a
// param or output key of the speech nodes, WhisperSTTNode's included
// (docs/NODES.md lists their specs; SPEECH.md is where their models, keys
// and environment are explained).
func TestSpeechDoc_CoversTheSpecs(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(testvectors.RepoRoot(t), "docs", "SPEECH.md"))
	require.NoError(t, err)
	names := []string{
		sileroMetaStartMs, sileroMetaEndMs, sileroMetaProbability, sileroEventHasSpeech, sileroEventProbability,
		sileroEventIsSpeechStart, sileroEventIsSpeechEnd, sileroEventTimeMs, turnMetaProb, turnMetaUtterances,
		EnvRuntime, EnvModels, sileroVADModel.sha256, smartTurnModel.sha256, sileroVADModel.inPkg, smartTurnModel.inPkg,
		espeakMetaText, espeakInstallHint,
	}
	for _, typ := range []string{sileroType, turnType, espeakType, "WhisperSTTNode"} {
		spec, ok := node.Default().Lookup(typ)
		require.True(t, ok, typ)
		for _, p := range spec.Params {
			names = append(names, "`"+p.Name+"`")
		}
	}
	for _, name := range names {
		require.True(t, strings.Contains(string(doc), name), "docs/SPEECH.md does not mention %s", name)
	}
}
