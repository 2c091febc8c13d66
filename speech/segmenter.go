package speech

// segmenterConfig holds the utterance rules in samples, as Silero's own
// get_speech_timestamps applies them.
type segmenterConfig struct {
	threshold, negThreshold float32
	minSpeech, minSilence   int64
	pad                     int64
}

// windowResult is what one window decided.
type windowResult struct {
	prob     float32
	speaking bool // in speech after this window
	started  bool // speech started at this window
	ended    bool // speech that started earlier was confirmed over here
}

// utterance is a span of speech in samples from the start of the stream,
// padded, with the mean speech probability of its windows.
type utterance struct {
	start, end int64
	prob       float64
}

// segmenter turns window probabilities into utterances with hysteresis:
// speech starts at a window whose probability reaches threshold and ends at
// the first window below negThreshold that is followed by minSilence of
// windows below threshold. Utterances shorter than minSpeech are dropped.
// Kept ones are padded by pad on both sides, never into the previous one.
type segmenter struct {
	cfg       segmenterConfig
	speaking  bool
	start     int64   // first sample of the open speech
	silence   int64   // first sample of the silence that may end it; -1 if none
	probSum   float64 // of the open speech's windows
	probCount int
	// probSum and probCount when the silence began: the silence's windows
	// are not part of the utterance.
	speechSum   float64
	speechCount int
	lastEnd     int64 // padded end of the last utterance
}

func newSegmenter(cfg segmenterConfig) *segmenter {
	return &segmenter{cfg: cfg, silence: -1}
}

// push takes the probability of the window starting at sample pos. It
// returns the window's result and, when an utterance closed, that
// utterance. Its padded end may lie after pos: the node waits for that
// audio before emitting it.
func (s *segmenter) push(pos int64, prob float32) (windowResult, *utterance) {
	r := windowResult{prob: prob}
	if prob >= s.cfg.threshold {
		s.silence = -1
		if !s.speaking {
			s.speaking, s.start, r.started = true, pos, true
			s.probSum, s.probCount = 0, 0
		}
	}
	var done *utterance
	if s.speaking {
		if prob < s.cfg.negThreshold {
			if s.silence < 0 {
				s.silence, s.speechSum, s.speechCount = pos, s.probSum, s.probCount
			}
			if pos-s.silence >= s.cfg.minSilence {
				s.probSum, s.probCount = s.speechSum, s.speechCount
				done = s.close(s.silence, s.silence+s.cfg.pad)
				r.ended = true
			}
		}
		if s.speaking {
			s.probSum += float64(prob)
			s.probCount++
		}
	}
	r.speaking = s.speaking
	return r, done
}

// finish closes the open speech at the end of the stream (total samples).
// A stream that ends in a silence shorter than minSilence ends the speech
// where that silence began, as a longer one would have; silero-vad's
// offline tool ends it at the end of the audio instead, which puts a
// transcript's end_ms up to minSilence late.
func (s *segmenter) finish(total int64) *utterance {
	if !s.speaking {
		return nil
	}
	if s.silence >= 0 {
		s.probSum, s.probCount = s.speechSum, s.speechCount
		return s.close(s.silence, min(s.silence+s.cfg.pad, total))
	}
	return s.close(total, total)
}

// close ends the open speech at sample end, padded to paddedEnd; nil when
// it is too short.
func (s *segmenter) close(end, paddedEnd int64) *utterance {
	s.speaking, s.silence = false, -1
	if end-s.start <= s.cfg.minSpeech {
		return nil
	}
	u := &utterance{start: max(s.start-s.cfg.pad, s.lastEnd, 0), end: paddedEnd, prob: s.probSum / float64(max(s.probCount, 1))}
	s.lastEnd = u.end
	return u
}
