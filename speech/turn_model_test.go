package speech

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// recordingRunner keeps the features it was given, in place of a session.
type recordingRunner struct {
	features [][]float32
	err      error
}

func (r *recordingRunner) Run(features []float32) (float32, error) {
	r.features = append(r.features, append([]float32(nil), features...))
	return 0.25, r.err
}

func (r *recordingRunner) Close() error { return nil }

// TestTurnModel_Score: the common part of every build scores the last 8 s,
// zero-padded at the front, as one [1, 80, 800] input.
func TestTurnModel_Score(t *testing.T) {
	speech := say(t, completeTurn, 16000)
	require.Less(t, len(speech), turnSamples)
	r := &recordingRunner{}
	m := newTurnModel(r)
	for _, audio := range [][]float32{
		speech,
		concat(make([]float32, turnSamples-len(speech)), speech),                                // padded by hand
		concat(say(t, incompleteTurn, 16000), make([]float32, turnSamples-len(speech)), speech), // longer: cut
	} {
		p, err := m.score(audio)
		require.NoError(t, err)
		require.Equal(t, float32(0.25), p)
	}
	require.Len(t, r.features[0], 80*800)
	require.Equal(t, r.features[0], r.features[1])
	require.Equal(t, r.features[0], r.features[2])

	r.err = errors.New("boom")
	_, err := m.score(speech)
	require.EqualError(t, err, "run smart-turn: boom")
}
