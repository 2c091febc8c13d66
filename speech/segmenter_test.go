package speech

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSegmenter_Push runs window probabilities (one window = 10 samples)
// through the rules and checks the utterances.
func TestSegmenter_Push(t *testing.T) {
	cfg := segmenterConfig{threshold: 0.5, negThreshold: 0.35, minSpeech: 25, minSilence: 20, pad: 3}
	tests := []struct {
		name  string
		probs []float32
		want  []utterance
	}{
		{"silence", []float32{0.1, 0.2, 0.1}, nil},
		{"too short", []float32{0.1, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1}, nil},
		{"one utterance", []float32{0.1, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1},
			[]utterance{{start: 7, end: 43, prob: 0.9}}},
		{"hysteresis keeps speech above neg_threshold", []float32{0.9, 0.9, 0.4, 0.4, 0.4, 0.9, 0.1, 0.1, 0.1},
			[]utterance{{start: 0, end: 63, prob: (0.9*3 + 0.4*3) / 6}}},
		{"short pause is bridged", []float32{0.9, 0.9, 0.9, 0.1, 0.9, 0.9, 0.1, 0.1, 0.1},
			[]utterance{{start: 0, end: 63, prob: (0.9*5 + 0.1) / 6}}},
		{"padding stops at the previous utterance", []float32{0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1},
			[]utterance{{start: 0, end: 33, prob: 0.9}, {start: 57, end: 93, prob: 0.9}}},
		{"end of stream closes", []float32{0.1, 0.9, 0.9, 0.9}, []utterance{{start: 7, end: 40, prob: 0.9}}},
		{"end of stream in a short silence ends where it began", []float32{0.1, 0.9, 0.9, 0.9, 0.1},
			[]utterance{{start: 7, end: 43, prob: 0.9}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSegmenter(cfg)
			var got []utterance
			for i, p := range tt.probs {
				if _, u := s.push(int64(10*i), p); u != nil {
					got = append(got, *u)
				}
			}
			if u := s.finish(int64(10 * len(tt.probs))); u != nil {
				got = append(got, *u)
			}
			require.Len(t, got, len(tt.want))
			for i := range got {
				require.Equal(t, tt.want[i].start, got[i].start, "utterance %d", i)
				require.Equal(t, tt.want[i].end, got[i].end, "utterance %d", i)
				require.InDelta(t, tt.want[i].prob, got[i].prob, 1e-6, "utterance %d", i)
			}
		})
	}
}

// TestSegmenter_Finish_PadsNoFurtherThanTheStream: the stream's last
// window may be a short one, with less audio after the silence's start
// than the padding.
func TestSegmenter_Finish_PadsNoFurtherThanTheStream(t *testing.T) {
	s := newSegmenter(segmenterConfig{threshold: 0.5, negThreshold: 0.35, minSpeech: 5, minSilence: 20, pad: 8})
	for i, p := range []float32{0.9, 0.9, 0.9, 0.1} {
		s.push(int64(10*i), p)
	}
	u := s.finish(35)
	require.NotNil(t, u)
	require.Equal(t, [2]int64{0, 35}, [2]int64{u.start, u.end})
	require.InDelta(t, 0.9, u.prob, 1e-6)
}

func TestSegmenter_Push_Flags(t *testing.T) {
	s := newSegmenter(segmenterConfig{threshold: 0.5, negThreshold: 0.35, minSilence: 10})
	var flags []windowResult
	for i, p := range []float32{0.1, 0.9, 0.1, 0.1} {
		r, _ := s.push(int64(10*i), p)
		flags = append(flags, r)
	}
	require.Equal(t, []windowResult{
		{prob: 0.1},
		{prob: 0.9, speaking: true, started: true},
		{prob: 0.1, speaking: true},
		{prob: 0.1, ended: true},
	}, flags)
}

func TestHistory(t *testing.T) {
	var h history
	h.append([]float32{0, 1, 2, 3, 4})
	h.dropBefore(2)
	h.append([]float32{5, 6})
	require.Equal(t, int64(7), h.end())
	require.Equal(t, []float32{2, 3, 4, 5}, h.slice(0, 6))
	require.Nil(t, h.slice(7, 9))
	h.dropBefore(100)
	require.Equal(t, int64(7), h.end())
}
